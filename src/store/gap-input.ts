// The history the gap metrics read, cut at `asOf`, in one of two readings (docs/capability.md):
// - 'released' (default): the releases and scores *dated* by asOf, as known now (current scores,
//   corrections applied; a model classified only later counts with its first known level), so
//   a fresh install with a seed of dated releases can chart the past;
// - 'known': what the watcher had seen by asOf (models first seen, scores added and not yet
//   superseded, levels as classified then), to audit an alert it sent.
// `vendorId` null reads every vendor's line models (the across-all-vendors figure). Releases are
// read from the releases table (store/releases.ts releasesAsOf), in the same two readings.
import type { Level, LineKind } from '../model.js';
import { prep, type Db } from './db.js';

export type AsOfReading = 'released' | 'known';

export interface LineScore {
  modelId: string;
  line: LineKind;
  benchmark: string;
  score: number;
  date: string;
  sourceUrl: string | null;
  stderr?: number;
}

/** A row of the scores statement, as an array (columns in the order of the statement). */
type ScoreRow = [
  vendorId: string,
  modelId: string,
  line: LineKind,
  benchmark: string,
  score: number,
  date: string,
  sourceUrl: string | null,
  stderr: number | null,
];

// One statement per reading, whether for one vendor or all: the same plan, so a vendor's rows come
// in the same order from either (lineScoresByVendor groups the rows of the all-vendors read).
function scoreRows(db: Db, vendorId: string | null, asOf: string, reading: AsOfReading): ScoreRow[] {
  const columns = `m.vendor_id, s.model_id, m.line, s.benchmark, s.score, COALESCE(NULLIF(s.date, ''), substr(s.added_at, 1, 10)) AS date, s.source_url, s.stderr`;
  const stmt =
    reading === 'known'
      ? prep(
          db,
          `SELECT ${columns}
           FROM scores s JOIN models m ON m.id = s.model_id
           WHERE (? IS NULL OR m.vendor_id = ?) AND m.line IS NOT NULL AND s.added_at <= ? AND (s.superseded_at IS NULL OR s.superseded_at > ?)`,
        )
      : prep(
          db,
          `SELECT ${columns}
           FROM scores s JOIN models m ON m.id = s.model_id
           WHERE (? IS NULL OR m.vendor_id = ?) AND m.line IS NOT NULL AND s.superseded_at IS NULL
             AND COALESCE(NULLIF(s.date, ''), substr(s.added_at, 1, 10)) <= ?`,
        );
  // Rows as arrays: for the thousands of scores of every vendor, a third cheaper than objects.
  stmt.raw(true);
  try {
    return (reading === 'known' ? stmt.all(vendorId, vendorId, asOf, asOf) : stmt.all(vendorId, vendorId, asOf)) as ScoreRow[];
  } finally {
    stmt.raw(false);
  }
}

function lineScore(r: ScoreRow): LineScore {
  const s: LineScore = { modelId: r[1], line: r[2], benchmark: r[3], score: r[4], date: r[5], sourceUrl: r[6] || null };
  if (r[7] != null) s.stderr = r[7];
  return s;
}

export function lineScores(db: Db, vendorId: string | null, asOf: string, reading: AsOfReading = 'released'): LineScore[] {
  return scoreRows(db, vendorId, asOf, reading).map(lineScore);
}

/** Per vendor (and all of them, for `vendorId` null) what lineScores returns, read in one statement. */
export function lineScoresByVendor(db: Db, asOf: string, reading: AsOfReading = 'released'): ByVendor<LineScore> {
  return byVendor(scoreRows(db, null, asOf, reading), (r) => r[0], lineScore);
}

/** Rows of every vendor, and the same rows per vendor in the same order. */
export interface ByVendor<T> {
  all: T[];
  of(vendorId: string): T[];
}

function byVendor<R, T>(rows: R[], vendorOf: (r: R) => string, map: (r: R) => T): ByVendor<T> {
  const all: T[] = [];
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const x = map(r);
    all.push(x);
    const v = vendorOf(r);
    const own = groups.get(v);
    if (own) own.push(x);
    else groups.set(v, [x]);
  }
  return { all, of: (vendorId) => groups.get(vendorId) ?? [] };
}

export interface LineLevelChange {
  modelId: string;
  line: LineKind;
  at: string;
  from: Level | null;
  to: Level | null;
}

type LevelRaw = { vendor_id: string; model_id: string; line: LineKind; occurred_at: string; data_json: string };

function levelRows(db: Db, vendorId: string | null, asOf: string): LevelRaw[] {
  return prep(
    db,
    `SELECT e.vendor_id, e.model_id, m.line, e.occurred_at, e.data_json FROM events e JOIN models m ON m.id = e.model_id
       WHERE (? IS NULL OR e.vendor_id = ?) AND e.kind = 'model.reclassified' AND e.occurred_at <= ? AND m.vendor_id = e.vendor_id AND m.line IS NOT NULL
       ORDER BY e.occurred_at, e.id`,
  ).all(vendorId, vendorId, asOf) as LevelRaw[];
}

function levelChange(r: LevelRaw): LineLevelChange {
  const d = JSON.parse(r.data_json) as { from?: Level | null; to?: Level | null };
  return { modelId: r.model_id, line: r.line, at: r.occurred_at, from: d.from ?? null, to: d.to ?? null };
}

/** Reclassifications of the vendor's line models up to `asOf` (for M6). */
export function lineLevelChanges(db: Db, vendorId: string | null, asOf: string): LineLevelChange[] {
  return levelRows(db, vendorId, asOf).map(levelChange);
}

/** Per vendor (and all of them) what lineLevelChanges returns, read in one statement. */
export function lineLevelChangesByVendor(db: Db, asOf: string): ByVendor<LineLevelChange> {
  return byVendor(levelRows(db, null, asOf), (r) => r.vendor_id, levelChange);
}
