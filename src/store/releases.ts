// Releases (docs/domain.md "release", "side"): one row per launch, its artefacts linked by
// `models.release_id`, its side and level kept incrementally and appended to `release_levels`
// whenever they change, so that `gap --as-of` reads them as they were without the event log.
//
// Side by evidence: open = some artefact at level 3a or higher; proprietary = best level 1-2;
// pending = announced only (level 0) or nothing classified yet. The family never decides.
import { levelRank, type Level, type LineKind, type ReleaseIdentity } from '../model.js';
import { prep, type Db } from './db.js';

export type Side = 'open' | 'proprietary' | 'pending';

export function sideOf(level: Level | null): Side {
  if (level === null || level === '0') return 'pending';
  return levelRank(level) >= levelRank('3a') ? 'open' : 'proprietary';
}

export interface ReleaseRow {
  id: number;
  vendorId: string;
  key: string;
  name: string;
  family: string | null;
  expectedSide: LineKind | null;
  auxiliary: boolean;
  releasedAt: string | null;
  firstSeenAt: string;
  mainModel: string | null;
  side: Side;
  level: Level | null;
  licenseId: string | null;
  artefacts: number;
  updatedAt: string;
}

interface Raw {
  id: number;
  vendor_id: string;
  key: string;
  name: string;
  family: string | null;
  expected_side: LineKind | null;
  auxiliary: number;
  released_at: string | null;
  first_seen_at: string;
  main_model: string | null;
  side: Side;
  level: Level | null;
  license_id: string | null;
  artefacts: number;
  updated_at: string;
}

function fromRow(r: Raw): ReleaseRow {
  return {
    id: r.id,
    vendorId: r.vendor_id,
    key: r.key,
    name: r.name,
    family: r.family,
    expectedSide: r.expected_side,
    auxiliary: r.auxiliary === 1,
    releasedAt: r.released_at,
    firstSeenAt: r.first_seen_at,
    mainModel: r.main_model,
    side: r.side,
    level: r.level,
    licenseId: r.license_id,
    artefacts: r.artefacts,
    updatedAt: r.updated_at,
  };
}

export interface ReleaseAttach {
  modelId: string;
  vendorId: string;
  identity: ReleaseIdentity;
  /** Whether an existing release of the same key, first released at `releasedAt`, takes this
   *  model: the grouping rule's time window (classify/release-identity.ts `joinsRelease`). */
  joins: (releasedAt: string | null) => boolean;
  /** The family as the vendor file names it ("Llama", "Muse"), else the identity's family. */
  family: string | null;
  /** The side the vendor file expects of the family (its `lines:`), null when no line matches. */
  expectedSide: LineKind | null;
  releasedAt: string | null;
  /** A model named in an announcement: its name is the vendor's own spelling of the release. */
  announced?: boolean;
  announcedName?: string;
}

/**
 * Links a model to its release (finding one of the same key within the time window, else
 * creating it) and returns the release id. A model already linked keeps its release.
 */
export function attachModel(db: Db, a: ReleaseAttach, now: string): number {
  const linked = prep(db, 'SELECT release_id FROM models WHERE id = ?').get(a.modelId) as { release_id: number | null } | undefined;
  if (linked?.release_id != null) {
    if (a.announced && a.announcedName) prep(db, 'UPDATE releases SET name = ? WHERE id = ?').run(a.announcedName, linked.release_id);
    return linked.release_id;
  }
  const candidates = prep(
    db,
    'SELECT id, released_at FROM releases WHERE vendor_id = ? AND key = ? ORDER BY released_at IS NULL, released_at DESC, id DESC',
  ).all(a.vendorId, a.identity.key) as { id: number; released_at: string | null }[];
  const found = candidates.find((c) => a.joins(c.released_at));
  let id: number;
  if (found) {
    id = found.id;
    if (a.announced && a.announcedName) prep(db, 'UPDATE releases SET name = ? WHERE id = ?').run(a.announcedName, id);
  } else {
    const name =
      a.announcedName ?? (candidates.length && a.releasedAt ? `${a.identity.name} (${a.releasedAt.slice(0, 7)})` : a.identity.name);
    id = Number(
      prep(
        db,
        `INSERT INTO releases (vendor_id, key, name, family, expected_side, auxiliary, released_at, first_seen_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(a.vendorId, a.identity.key, name, a.family, a.expectedSide, a.identity.auxiliary ? 1 : 0, a.releasedAt, now, now)
        .lastInsertRowid,
    );
  }
  prep(db, 'UPDATE models SET release_id = ? WHERE id = ?').run(id, a.modelId);
  return id;
}

export interface ReleaseChange {
  release: ReleaseRow;
  before: { side: Side; level: Level | null; licenseId: string | null } | null;
}

/**
 * Recomputes a release from its artefacts (best level, side, licence, main artefact, date,
 * count). Appends a `release_levels` row when side, level or licence changed; returns the change
 * (before = null for a release that had never been evaluated), or null when nothing changed.
 */
export function refreshRelease(db: Db, releaseId: number, now: string): ReleaseChange | null {
  const cur = getRelease(db, releaseId);
  if (!cur) return null;
  const arts = prep(
    db,
    `SELECT id, level, license_id, released_at FROM models WHERE release_id = ? AND renamed_to IS NULL
     ORDER BY released_at IS NULL, released_at, length(id), id`,
  ).all(releaseId) as { id: string; level: Level | null; license_id: string | null; released_at: string | null }[];
  let best: (typeof arts)[number] | null = null;
  for (const m of arts) if (m.level !== null && (!best || levelRank(m.level) > levelRank(best.level!))) best = m;
  const main = best ?? arts[0] ?? null;
  const level = best?.level ?? null;
  const side = sideOf(level);
  const licenseId = best?.license_id ?? main?.license_id ?? null;
  const releasedAt =
    arts
      .map((m) => m.released_at)
      .filter((d): d is string => !!d)
      .sort()[0] ?? cur.releasedAt;
  prep(
    db,
    'UPDATE releases SET main_model = ?, side = ?, level = ?, license_id = ?, released_at = ?, artefacts = ?, updated_at = ? WHERE id = ?',
  ).run(main?.id ?? null, side, level, licenseId, releasedAt, arts.length, now, releaseId);
  const last = prep(db, 'SELECT side, level, license_id FROM release_levels WHERE release_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(
    releaseId,
  ) as { side: Side; level: Level | null; license_id: string | null } | undefined;
  if (last && last.side === side && last.level === level && last.license_id === licenseId) return null;
  prep(db, 'INSERT INTO release_levels (release_id, at, side, level, license_id) VALUES (?, ?, ?, ?, ?)').run(
    releaseId,
    now,
    side,
    level,
    licenseId,
  );
  return { release: getRelease(db, releaseId)!, before: last ? { side: last.side, level: last.level, licenseId: last.license_id } : null };
}

export function getRelease(db: Db, id: number): ReleaseRow | undefined {
  const r = prep(db, 'SELECT * FROM releases WHERE id = ?').get(id) as Raw | undefined;
  return r && fromRow(r);
}

export function releaseOfModel(db: Db, modelId: string): ReleaseRow | undefined {
  const r = prep(db, 'SELECT r.* FROM releases r JOIN models m ON m.release_id = r.id WHERE m.id = ?').get(modelId) as Raw | undefined;
  return r && fromRow(r);
}

/** A release by id (`17`), by one of its artefacts' ids, or by name (case-insensitive, newest first). */
export function findRelease(db: Db, ref: string): ReleaseRow | undefined {
  if (/^\d+$/.test(ref)) {
    const byId = getRelease(db, Number(ref));
    if (byId) return byId;
  }
  const byModel = releaseOfModel(db, ref);
  if (byModel) return byModel;
  const r = prep(db, 'SELECT * FROM releases WHERE name = ? COLLATE NOCASE ORDER BY released_at DESC, id DESC LIMIT 1').get(ref) as
    | Raw
    | undefined;
  return r && fromRow(r);
}

/** Artefact ids of a release, oldest first (renamed-away rows excluded: they live on under the new id). */
export function releaseArtefacts(db: Db, releaseId: number): string[] {
  return (
    prep(db, 'SELECT id FROM models WHERE release_id = ? AND renamed_to IS NULL ORDER BY released_at IS NULL, released_at, id').all(
      releaseId,
    ) as { id: string }[]
  ).map((r) => r.id);
}

export interface ReleaseQuery {
  vendorId?: string;
  side?: Side;
  level?: Level;
  since?: string;
  before?: string;
}

/** Vendors with at least one release. */
export function releaseVendorIds(db: Db): string[] {
  return (prep(db, 'SELECT DISTINCT vendor_id FROM releases ORDER BY vendor_id').all() as { vendor_id: string }[]).map((r) => r.vendor_id);
}

/** Releases with a date in range, newest first. */
export function listReleaseRows(db: Db, q: ReleaseQuery = {}): ReleaseRow[] {
  const where = ['released_at IS NOT NULL'];
  const args: unknown[] = [];
  if (q.vendorId) where.push('vendor_id = ?'), args.push(q.vendorId);
  if (q.side) where.push('side = ?'), args.push(q.side);
  if (q.level) where.push('level = ?'), args.push(q.level);
  if (q.since) where.push('released_at >= ?'), args.push(q.since);
  if (q.before) where.push('released_at < ?'), args.push(q.before);
  return (prep(db, `SELECT * FROM releases WHERE ${where.join(' AND ')} ORDER BY released_at DESC, id DESC`).all(...args) as Raw[]).map(
    fromRow,
  );
}

/** Every artefact id per release, for a list of releases (one statement). */
export function artefactsByRelease(db: Db, ids: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = prep(
    db,
    `SELECT release_id, id FROM models WHERE release_id IN (SELECT value FROM json_each(?)) AND renamed_to IS NULL ORDER BY released_at IS NULL, released_at, id`,
  ).all(JSON.stringify(ids)) as { release_id: number; id: string }[];
  for (const r of rows) (out.get(r.release_id) ?? out.set(r.release_id, []).get(r.release_id)!).push(r.id);
  return out;
}

export interface ReleaseAsOf {
  id: number;
  name: string;
  family: string | null;
  expectedSide: LineKind | null;
  auxiliary: boolean;
  mainModel: string | null;
  releasedAt: string;
  side: Side;
  level: Level | null;
  licenseId: string | null;
}

/**
 * A vendor's releases as of `asOf`, with their side, level and licence then. Reading 'known'
 * (what the watcher had seen: first seen by then, the latest `release_levels` row at or before
 * it); reading 'released' (docs/capability.md: dated by then, whenever the watcher learnt of
 * them — a seeded or imported past — with the level recorded by then, else the first one
 * recorded). Reads releases only.
 */
export function releasesAsOf(db: Db, vendorId: string, asOf: string, reading: 'released' | 'known' = 'known'): ReleaseAsOf[] {
  const atOrBefore = 'SELECT id FROM release_levels WHERE release_id = r.id AND at <= @asOf ORDER BY at DESC, id DESC LIMIT 1';
  const first = 'SELECT id FROM release_levels WHERE release_id = r.id ORDER BY at, id LIMIT 1';
  const level = reading === 'known' ? `(${atOrBefore})` : `COALESCE((${atOrBefore}), (${first}))`;
  const seen = reading === 'known' ? 'AND r.first_seen_at <= @asOf' : '';
  const rows = prep(
    db,
    `SELECT r.id, r.name, r.family, r.expected_side, r.auxiliary, r.main_model, r.released_at, l.side, l.level, l.license_id
     FROM releases r
     LEFT JOIN release_levels l ON l.id = ${level}
     WHERE r.vendor_id = @vendorId AND r.released_at IS NOT NULL AND r.released_at <= @asOf ${seen}
     ORDER BY r.released_at, r.id`,
  ).all({ asOf, vendorId }) as LevelledRow[];
  return rows.map((r) => releaseAsOf(r, r));
}

/** A release row with its level row's columns (null: no level row), as both readers select them. */
interface LevelledRow {
  id: number;
  name: string;
  family: string | null;
  expected_side: LineKind | null;
  auxiliary: number;
  main_model: string | null;
  released_at: string;
  side: Side | null;
  level: Level | null;
  license_id: string | null;
}

function releaseAsOf(r: LevelledRow, l: LevelledRow | undefined): ReleaseAsOf {
  return {
    id: r.id,
    name: r.name,
    family: r.family,
    expectedSide: r.expected_side,
    auxiliary: r.auxiliary === 1,
    mainModel: r.main_model,
    releasedAt: r.released_at,
    side: l?.side ?? 'pending',
    level: l?.level ?? null,
    licenseId: l?.license_id ?? null,
  };
}

/**
 * releasesAsOf of one vendor at any date up to `upTo`, from one read: every release dated by
 * `upTo` with all its `release_levels` rows. At a date `asOf` ≤ `upTo` (as text, as the
 * statement compares): the releases dated by then (and, reading 'known', first seen by then),
 * each with its level row at or before then — else, reading 'released', its first row — picked
 * as releasesAsOf picks it; same rows, same order. A later `asOf` answers undefined.
 */
export function releaseTimeline(
  db: Db,
  vendorId: string,
  upTo: string,
  reading: 'released' | 'known' = 'known',
): (asOf: string) => ReleaseAsOf[] | undefined {
  const rows = prep(
    db,
    `SELECT r.id, r.name, r.family, r.expected_side, r.auxiliary, r.main_model, r.released_at, r.first_seen_at, l.at, l.side, l.level, l.license_id
     FROM releases r LEFT JOIN release_levels l ON l.release_id = r.id
     WHERE r.vendor_id = ? AND r.released_at IS NOT NULL AND r.released_at <= ?
     ORDER BY r.released_at, r.id, l.at, l.id`,
  ).all(vendorId, upTo) as (LevelledRow & { first_seen_at: string; at: string | null })[];
  // One entry per release, its level rows oldest first (at, then id: the statement's order).
  type Row = (typeof rows)[number];
  const releases: { r: Row; levels: Row[] }[] = [];
  for (const row of rows) {
    const last = releases[releases.length - 1];
    if (last && last.r.id === row.id) last.levels.push(row);
    else releases.push({ r: row, levels: row.at === null ? [] : [row] });
  }
  return (asOf) => {
    if (asOf > upTo) return undefined;
    const out: ReleaseAsOf[] = [];
    for (const { r, levels } of releases) {
      if (r.released_at > asOf || (reading === 'known' && !(r.first_seen_at <= asOf))) continue;
      let l: Row | undefined;
      for (const x of levels) if ((x.at as string) <= asOf) l = x;
      if (!l && reading === 'released') l = levels[0];
      out.push(releaseAsOf(r, l));
    }
    return out;
  };
}

/** Every vendor that has releases (the across-all-vendors gap pools them). */
export function releaseVendors(db: Db): string[] {
  return (prep(db, 'SELECT DISTINCT vendor_id AS v FROM releases ORDER BY 1').all() as { v: string }[]).map((r) => r.v);
}

/** Models of a vendor not linked to a release yet (new since the last step, or stored before 0005). */
export function unlinkedModels(
  db: Db,
  limit = 100_000,
): { id: string; vendorId: string; name: string; line: LineKind | null; releasedAt: string | null; hubId: string | null }[] {
  return (
    prep(
      db,
      'SELECT id, vendor_id, name, line, released_at, hub_id FROM models WHERE release_id IS NULL AND vendor_id IS NOT NULL AND renamed_to IS NULL ORDER BY released_at IS NULL, released_at, id LIMIT ?',
    ).all(limit) as {
      id: string;
      vendor_id: string;
      name: string;
      released_at: string | null;
      line: LineKind | null;
      hub_id: string | null;
    }[]
  ).map((r) => ({ id: r.id, vendorId: r.vendor_id, name: r.name, line: r.line, releasedAt: r.released_at, hubId: r.hub_id }));
}

export interface ReleaseListRow extends ReleaseRow {
  /** The main artefact's own fields (the JSON contract of `releases` before releases existed). */
  url: string | null;
  gated: string | null;
  weights: boolean;
  parameters: number | null;
  withdrawnAt: string | null;
  models: string[];
}

/** Releases with their main artefact's fields and every artefact id (two statements). */
export function listReleasesWithArtefacts(db: Db, q: ReleaseQuery = {}): ReleaseListRow[] {
  const where = ['r.released_at IS NOT NULL'];
  const args: unknown[] = [];
  if (q.vendorId) where.push('r.vendor_id = ?'), args.push(q.vendorId);
  if (q.side) where.push('r.side = ?'), args.push(q.side);
  if (q.level) where.push('r.level = ?'), args.push(q.level);
  if (q.since) where.push('r.released_at >= ?'), args.push(q.since);
  if (q.before) where.push('r.released_at < ?'), args.push(q.before);
  const rows = prep(
    db,
    `SELECT r.*, m.url AS m_url, m.gated AS m_gated, m.weights AS m_weights, m.parameters AS m_parameters, m.withdrawn_at AS m_withdrawn_at
     FROM releases r LEFT JOIN models m ON m.id = r.main_model
     WHERE ${where.join(' AND ')} ORDER BY r.released_at DESC, r.id DESC`,
  ).all(...args) as (Raw & {
    m_url: string | null;
    m_gated: string | null;
    m_weights: number | null;
    m_parameters: number | null;
    m_withdrawn_at: string | null;
  })[];
  const arts = artefactsByRelease(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...fromRow(r),
    url: r.m_url,
    gated: r.m_gated,
    weights: r.m_weights === 1,
    parameters: r.m_parameters,
    withdrawnAt: r.m_withdrawn_at,
    models: arts.get(r.id) ?? [],
  }));
}

export interface ReleaseLevelRow {
  at: string;
  side: Side;
  level: Level | null;
  licenseId: string | null;
}

/** A release's side/level/licence history, oldest first. */
export function releaseLevels(db: Db, releaseId: number): ReleaseLevelRow[] {
  return (
    prep(db, 'SELECT at, side, level, license_id FROM release_levels WHERE release_id = ? ORDER BY at, id').all(releaseId) as {
      at: string;
      side: Side;
      level: Level | null;
      license_id: string | null;
    }[]
  ).map((r) => ({
    at: r.at,
    side: r.side,
    level: r.level,
    licenseId: r.license_id,
  }));
}

/**
 * A rename (issue 11: identity survives moves): the model's history moves to its new id —
 * events, classifications, observations, scores, its release and level — and the old row stays
 * only as an alias (`renamed_to`), so `model <old id>` finds the current identity and no list
 * shows the old id as a model of its own. Idempotent.
 */
export function moveModelHistory(db: Db, from: string, to: string): void {
  if (from === to) return;
  const old = prep(db, 'SELECT level, release_id, released_at, classified_at FROM models WHERE id = ?').get(from) as
    | { level: Level | null; release_id: number | null; released_at: string | null; classified_at: string | null }
    | undefined;
  if (!old) return;
  prep(db, 'UPDATE events SET model_id = ? WHERE model_id = ?').run(to, from);
  prep(db, 'UPDATE classifications SET model_id = ? WHERE model_id = ?').run(to, from);
  prep(db, 'UPDATE observations SET model_id = ? WHERE model_id = ?').run(to, from);
  prep(db, 'UPDATE OR IGNORE scores SET model_id = ? WHERE model_id = ?').run(to, from);
  prep(db, 'DELETE FROM scores WHERE model_id = ?').run(from);
  prep(
    db,
    `UPDATE models SET level = COALESCE(level, ?), release_id = COALESCE(release_id, ?), classified_at = COALESCE(classified_at, ?),
       released_at = CASE WHEN released_at IS NULL OR (? IS NOT NULL AND ? < released_at) THEN ? ELSE released_at END
     WHERE id = ?`,
  ).run(old.level, old.release_id, old.classified_at, old.released_at, old.released_at, old.released_at, to);
}
