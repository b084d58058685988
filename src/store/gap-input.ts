// The history the gap metrics read, cut at `asOf`: what was known then, not what is known now.
import type { Level, LineKind } from '../model.js';
import { prep, type Db } from './db.js';
import { levelsAsOf } from './classifications.js';

export interface LineRelease {
  modelId: string;
  name: string;
  line: LineKind;
  level: Level | null;
  releasedAt: string;
  license: string | null;
  url: string | null;
}

/** Models of the vendor's lines released and first seen by `asOf`, with their level as of then. */
export function lineReleases(db: Db, vendorId: string, asOf: string): LineRelease[] {
  const levels = levelsAsOf(db, asOf, vendorId);
  const rows = prep(db, 
      `SELECT id, name, line, released_at, license_id, url FROM models
       WHERE vendor_id = ? AND line IS NOT NULL AND released_at IS NOT NULL AND released_at <= ? AND first_seen_at <= ?
       ORDER BY released_at`,
    )
    .all(vendorId, asOf, asOf) as { id: string; name: string; line: LineKind; released_at: string; license_id: string | null; url: string | null }[];
  return rows.map((r) => ({
    modelId: r.id,
    name: r.name,
    line: r.line,
    level: levels.get(r.id) ?? null,
    releasedAt: r.released_at,
    license: r.license_id,
    url: r.url,
  }));
}

export interface LineScore {
  modelId: string;
  line: LineKind;
  benchmark: string;
  score: number;
  date: string;
  sourceUrl: string | null;
}

export function lineScores(db: Db, vendorId: string, asOf: string): LineScore[] {
  const rows = prep(db, 
      `SELECT s.model_id, m.line, s.benchmark, s.score, COALESCE(NULLIF(s.date, ''), substr(s.added_at, 1, 10)) AS date, s.source_url
       FROM scores s JOIN models m ON m.id = s.model_id
       WHERE m.vendor_id = ? AND m.line IS NOT NULL AND s.added_at <= ?`,
    )
    .all(vendorId, asOf) as { model_id: string; line: LineKind; benchmark: string; score: number; date: string; source_url: string | null }[];
  return rows.map((r) => ({ modelId: r.model_id, line: r.line, benchmark: r.benchmark, score: r.score, date: r.date, sourceUrl: r.source_url || null }));
}

export interface LineLevelChange {
  modelId: string;
  line: LineKind;
  at: string;
  from: Level | null;
  to: Level | null;
}

/** Reclassifications of the vendor's line models up to `asOf` (for M6). */
export function lineLevelChanges(db: Db, vendorId: string, asOf: string): LineLevelChange[] {
  const rows = prep(db, 
      `SELECT e.model_id, m.line, e.occurred_at, e.data_json FROM events e JOIN models m ON m.id = e.model_id
       WHERE e.vendor_id = ? AND e.kind = 'model.reclassified' AND e.occurred_at <= ? AND m.vendor_id = e.vendor_id AND m.line IS NOT NULL
       ORDER BY e.occurred_at, e.id`,
    )
    .all(vendorId, asOf) as { model_id: string; line: LineKind; occurred_at: string; data_json: string }[];
  return rows.map((r) => {
    const d = JSON.parse(r.data_json) as { from?: Level | null; to?: Level | null };
    return { modelId: r.model_id, line: r.line, at: r.occurred_at, from: d.from ?? null, to: d.to ?? null };
  });
}
