// Models (current state), the append-only log of their observed state, and licence texts.
import type { Gating, Level, LineKind } from '../model.js';
import { prep, type Db } from './db.js';
import { toJson } from './json.js';

export interface ModelUpsert {
  id: string;
  vendorId: string | null;
  name: string;
  line: LineKind | null;
  lineReason: string | null;
  hubId?: string | null;
  url?: string | null;
  /** First publication date known; an earlier one never gets overwritten by a later one. */
  releasedAt?: string | null;
  licenseId?: string | null;
  gated?: Gating | null;
  weights?: boolean;
  parameters?: number | null;
  withdrawnAt?: string | null;
  renamedTo?: string | null;
}

export interface ModelRow {
  id: string;
  vendorId: string | null;
  name: string;
  line: LineKind | null;
  lineReason: string | null;
  hubId: string | null;
  url: string | null;
  firstSeenAt: string;
  releasedAt: string | null;
  level: Level | null;
  licenseId: string | null;
  gated: string | null;
  weights: boolean;
  parameters: number | null;
  withdrawnAt: string | null;
  renamedTo: string | null;
  updatedAt: string;
}

export function upsertModel(db: Db, m: ModelUpsert, now: string): void {
  prep(
    db,
    `INSERT INTO models (id, vendor_id, name, line, line_reason, hub_id, url, first_seen_at, released_at, license_id, gated, weights, parameters, withdrawn_at, renamed_to, updated_at)
     VALUES (@id, @vendorId, @name, @line, @lineReason, @hubId, @url, @now, @releasedAt, @licenseId, @gated, @weights, @parameters, @withdrawnAt, @renamedTo, @now)
     ON CONFLICT(id) DO UPDATE SET
       vendor_id = COALESCE(excluded.vendor_id, models.vendor_id),
       name = excluded.name,
       line = excluded.line, line_reason = excluded.line_reason,
       hub_id = COALESCE(excluded.hub_id, models.hub_id),
       url = COALESCE(excluded.url, models.url),
       released_at = CASE WHEN models.released_at IS NULL THEN excluded.released_at
                          WHEN excluded.released_at IS NULL THEN models.released_at
                          ELSE MIN(models.released_at, excluded.released_at) END,
       license_id = COALESCE(excluded.license_id, models.license_id),
       gated = COALESCE(excluded.gated, models.gated),
       weights = MAX(models.weights, excluded.weights),
       parameters = COALESCE(excluded.parameters, models.parameters),
       withdrawn_at = excluded.withdrawn_at,
       renamed_to = COALESCE(excluded.renamed_to, models.renamed_to),
       origin = NULL,
       updated_at = excluded.updated_at`,
  ).run({
    id: m.id,
    vendorId: m.vendorId,
    name: m.name,
    line: m.line,
    lineReason: m.lineReason,
    hubId: m.hubId ?? null,
    url: m.url ?? null,
    now,
    releasedAt: m.releasedAt ?? null,
    licenseId: m.licenseId ?? null,
    gated: m.gated == null ? null : String(m.gated),
    weights: m.weights ? 1 : 0,
    parameters: m.parameters ?? null,
    withdrawnAt: m.withdrawnAt ?? null,
    renamedTo: m.renamedTo ?? null,
  });
}

export function setModelLevel(db: Db, id: string, level: Level | null, now: string): void {
  prep(db, 'UPDATE models SET level = ?, updated_at = ? WHERE id = ?').run(level, now, id);
}

interface RawModel {
  id: string;
  vendor_id: string | null;
  name: string;
  line: LineKind | null;
  line_reason: string | null;
  hub_id: string | null;
  url: string | null;
  first_seen_at: string;
  released_at: string | null;
  level: Level | null;
  license_id: string | null;
  gated: string | null;
  weights: number;
  parameters: number | null;
  withdrawn_at: string | null;
  renamed_to: string | null;
  updated_at: string;
}

export function modelFromRow(r: RawModel): ModelRow {
  return {
    id: r.id,
    vendorId: r.vendor_id,
    name: r.name,
    line: r.line,
    lineReason: r.line_reason,
    hubId: r.hub_id,
    url: r.url,
    firstSeenAt: r.first_seen_at,
    releasedAt: r.released_at,
    level: r.level,
    licenseId: r.license_id,
    gated: r.gated,
    weights: r.weights === 1,
    parameters: r.parameters,
    withdrawnAt: r.withdrawn_at,
    renamedTo: r.renamed_to,
    updatedAt: r.updated_at,
  };
}

export function getModel(db: Db, id: string): ModelRow | undefined {
  // The exact id uses the primary key; only a miss falls back to a case-insensitive scan.
  const r = (prep(db, 'SELECT * FROM models WHERE id = ?').get(id) ??
    prep(db, 'SELECT * FROM models WHERE id = ? COLLATE NOCASE').get(id)) as RawModel | undefined;
  return r && modelFromRow(r);
}

export function getModelByHubId(db: Db, hubId: string): ModelRow | undefined {
  const r = prep(db, 'SELECT * FROM models WHERE hub_id = ?').get(hubId) as RawModel | undefined;
  return r && modelFromRow(r);
}

export interface ModelQuery {
  vendorId?: string;
  line?: LineKind;
  level?: Level;
  releasedSince?: string;
  releasedUntil?: string;
  search?: string;
}

export function queryModels(db: Db, q: ModelQuery = {}): ModelRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.vendorId) where.push('vendor_id = ?'), args.push(q.vendorId);
  if (q.line) where.push('line = ?'), args.push(q.line);
  if (q.level) where.push('level = ?'), args.push(q.level);
  if (q.releasedSince) where.push('released_at >= ?'), args.push(q.releasedSince);
  if (q.releasedUntil) where.push('released_at <= ?'), args.push(q.releasedUntil);
  if (q.search) where.push("(id LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')"), args.push(like(q.search), like(q.search));
  const sql = `SELECT * FROM models ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY released_at DESC, id`;
  return (prep(db, sql).all(...args) as RawModel[]).map(modelFromRow);
}

function like(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

export interface ObservationRow {
  modelId: string;
  sourceId: string | null;
  licenseId?: string | null;
  licenseName?: string | null;
  licenseLink?: string | null;
  licenseTextHash?: string | null;
  gated?: Gating | null;
  private?: boolean | null;
  disabled?: boolean | null;
  weights?: boolean | null;
  parameters?: number | null;
  sha?: string | null;
  lastModified?: string | null;
  state: unknown;
}

export function insertObservation(db: Db, o: ObservationRow, now: string): void {
  const b = (v: boolean | null | undefined) => (v == null ? null : v ? 1 : 0);
  prep(
    db,
    `INSERT INTO observations (model_id, source_id, seen_at, license_id, license_name, license_link, license_text_hash, gated, private, disabled, weights, parameters, sha, last_modified, state_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    o.modelId,
    o.sourceId,
    now,
    o.licenseId ?? null,
    o.licenseName ?? null,
    o.licenseLink ?? null,
    o.licenseTextHash ?? null,
    o.gated == null ? null : String(o.gated),
    b(o.private),
    b(o.disabled),
    b(o.weights),
    o.parameters ?? null,
    o.sha ?? null,
    o.lastModified ?? null,
    toJson(o.state),
  );
}

export function saveLicenseText(db: Db, hash: string, text: string, now: string): void {
  prep(db, 'INSERT INTO license_texts (hash, text, first_seen_at) VALUES (?, ?, ?) ON CONFLICT(hash) DO NOTHING').run(hash, text, now);
}

export function getLicenseText(db: Db, hash: string): string | undefined {
  return (prep(db, 'SELECT text FROM license_texts WHERE hash = ?').get(hash) as { text: string } | undefined)?.text;
}
