// Read queries behind the history commands (releases, model, changes, events, search, exposure,
// deadline). Time bounds are ISO strings compared as text: `since` inclusive, `before` exclusive
// (see commands/since.ts). Each query names the index it is meant to use; the substring searches
// (LIKE '%text%') are the exception: they scan, and say so.
import type { Level, LineKind } from '../model.js';
import { kindsWhere, type StoredEvent } from '../events/index.js';
import { prep, type Db } from './db.js';
import { eventFromRow, type RawEvent } from './events.js';
import { fromJson } from './json.js';
import { modelFromRow, type ModelRow } from './models.js';

type RawModel = Parameters<typeof modelFromRow>[0];

function likePattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

function limitClause(limit: number | undefined): string {
  return limit && limit > 0 ? ` LIMIT ${Math.floor(limit)}` : '';
}

export interface ReleaseQuery {
  vendorId?: string;
  line?: LineKind;
  level?: Level;
  since?: string;
  before?: string;
  limit?: number;
}

/** Models with a release date in range, newest first (models_vendor or models_released). */
export function listReleases(db: Db, q: ReleaseQuery = {}): ModelRow[] {
  const where = ['released_at IS NOT NULL'];
  const args: unknown[] = [];
  if (q.vendorId) where.push('vendor_id = ?'), args.push(q.vendorId);
  if (q.line) where.push('line = ?'), args.push(q.line);
  if (q.level) where.push('level = ?'), args.push(q.level);
  if (q.since) where.push('released_at >= ?'), args.push(q.since);
  if (q.before) where.push('released_at < ?'), args.push(q.before);
  const sql = `SELECT * FROM models WHERE ${where.join(' AND ')} ORDER BY released_at DESC, id${limitClause(q.limit)}`;
  return (prep(db, sql).all(...args) as RawModel[]).map(modelFromRow);
}

/** Models whose id or name contains `text` (case-insensitive). Scans `models`. */
export function searchModels(db: Db, text: string, limit = 50): ModelRow[] {
  const p = likePattern(text);
  return (
    prep(
      db,
      `SELECT * FROM models WHERE id LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' ORDER BY released_at IS NULL, released_at DESC, id${limitClause(limit)}`,
    ).all(p, p) as RawModel[]
  ).map(modelFromRow);
}

/** A model by its exact name (case-insensitive), when the id given is not one. Scans `models`. */
export function modelByName(db: Db, name: string): ModelRow | undefined {
  const r = prep(db, 'SELECT * FROM models WHERE name = ? COLLATE NOCASE ORDER BY released_at DESC LIMIT 1').get(name) as
    | RawModel
    | undefined;
  return r && modelFromRow(r);
}

/** Posts and announcements whose title contains `text`, newest first (events_kind, then a scan of those). */
export function searchPosts(db: Db, text: string, limit = 50): StoredEvent[] {
  const kinds = kindsWhere((k) => k.post);
  return (
    prep(
      db,
      `SELECT * FROM events WHERE kind IN (${kinds.map(() => '?').join(', ')}) AND json_extract(data_json, '$.title') LIKE ? ESCAPE '\\'
         ORDER BY occurred_at DESC, id DESC${limitClause(limit)}`,
    ).all(...kinds, likePattern(text)) as RawEvent[]
  ).map(eventFromRow);
}

export interface LatestGap {
  vendorId: string;
  at: string;
  widening: boolean;
  reasons: string[];
  metrics: Record<string, unknown> | null;
}

/** The vendor's latest gap snapshot (gap_snapshots_vendor), or undefined. */
export function latestGapSnapshot(db: Db, vendorId: string): LatestGap | undefined {
  const r = prep(
    db,
    'SELECT vendor_id, at, metrics_json, widening, reasons_json FROM gap_snapshots WHERE vendor_id = ? ORDER BY at DESC, id DESC LIMIT 1',
  ).get(vendorId) as { vendor_id: string; at: string; metrics_json: string; widening: number; reasons_json: string } | undefined;
  if (!r) return undefined;
  const metrics = fromJson<unknown>(r.metrics_json, null);
  return {
    vendorId: r.vendor_id,
    at: r.at,
    widening: r.widening === 1,
    reasons: fromJson<unknown>(r.reasons_json, []) as string[],
    metrics: metrics && typeof metrics === 'object' && !Array.isArray(metrics) ? (metrics as Record<string, unknown>) : null,
  };
}

/** Candidate alternatives: level 4 or 5, released since `since`, not withdrawn (models_released). */
export function osiOpenReleases(db: Db, since: string): ModelRow[] {
  return (
    prep(
      db,
      `SELECT * FROM models WHERE released_at >= ? AND level IN ('4', '5') AND withdrawn_at IS NULL ORDER BY released_at DESC, id`,
    ).all(since) as RawModel[]
  ).map(modelFromRow);
}

/** Whether any model or event names this vendor (models_vendor / events_vendor_kind, covering). */
export function vendorKnown(db: Db, vendorId: string): boolean {
  return !!(
    prep(db, 'SELECT 1 FROM models WHERE vendor_id = ? LIMIT 1').get(vendorId) ??
    prep(db, 'SELECT 1 FROM events WHERE vendor_id = ? LIMIT 1').get(vendorId)
  );
}

/** Every vendor id the database names (models, then events), sorted. */
export function knownVendors(db: Db): string[] {
  const rows = prep(
    db,
    'SELECT vendor_id AS v FROM models WHERE vendor_id IS NOT NULL UNION SELECT vendor_id FROM events WHERE vendor_id IS NOT NULL ORDER BY 1',
  ).all() as { v: string }[];
  return rows.map((r) => r.v);
}

// ---------------------------------------------------------------------------------------------
// Deadlines (the rows live in store/deadlines.ts): what happened to a subject since one was set.

/** Kinds that are about modelwatch itself, not about a vendor or model. */
const HOUSEKEEPING_KINDS = kindsWhere((k) => k.housekeeping);

/** Events about a model (events_model) or a vendor (events_vendor_kind) that happened since `since`, per kind. */
export function eventCountsSince(db: Db, subject: { modelId?: string; vendorId?: string }, since: string): Record<string, number> {
  const notHousekeeping = `kind NOT IN (${HOUSEKEEPING_KINDS.map(() => '?').join(', ')})`;
  const [col, value] = subject.modelId ? ['model_id', subject.modelId] : ['vendor_id', subject.vendorId];
  if (!value) return {};
  const rows = prep(
    db,
    `SELECT kind, COUNT(*) AS n FROM events WHERE ${col} = ? AND occurred_at >= ? AND ${notHousekeeping} GROUP BY kind ORDER BY kind`,
  ).all(value, since, ...HOUSEKEEPING_KINDS) as { kind: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}
