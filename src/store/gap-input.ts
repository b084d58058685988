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

export function lineScores(db: Db, vendorId: string | null, asOf: string, reading: AsOfReading = 'released'): LineScore[] {
  const rows = (
    reading === 'known'
      ? prep(
          db,
          `SELECT s.model_id, m.line, s.benchmark, s.score, COALESCE(NULLIF(s.date, ''), substr(s.added_at, 1, 10)) AS date, s.source_url, s.stderr
           FROM scores s JOIN models m ON m.id = s.model_id
           WHERE (? IS NULL OR m.vendor_id = ?) AND m.line IS NOT NULL AND s.added_at <= ? AND (s.superseded_at IS NULL OR s.superseded_at > ?)`,
        ).all(vendorId, vendorId, asOf, asOf)
      : prep(
          db,
          `SELECT s.model_id, m.line, s.benchmark, s.score, COALESCE(NULLIF(s.date, ''), substr(s.added_at, 1, 10)) AS date, s.source_url, s.stderr
           FROM scores s JOIN models m ON m.id = s.model_id
           WHERE (? IS NULL OR m.vendor_id = ?) AND m.line IS NOT NULL AND s.superseded_at IS NULL
             AND COALESCE(NULLIF(s.date, ''), substr(s.added_at, 1, 10)) <= ?`,
        ).all(vendorId, vendorId, asOf)
  ) as {
    model_id: string;
    line: LineKind;
    benchmark: string;
    score: number;
    date: string;
    source_url: string | null;
    stderr: number | null;
  }[];
  return rows.map((r) => ({
    modelId: r.model_id,
    line: r.line,
    benchmark: r.benchmark,
    score: r.score,
    date: r.date,
    sourceUrl: r.source_url || null,
    ...(r.stderr != null ? { stderr: r.stderr } : {}),
  }));
}

export interface LineLevelChange {
  modelId: string;
  line: LineKind;
  at: string;
  from: Level | null;
  to: Level | null;
}

/** Reclassifications of the vendor's line models up to `asOf` (for M6). */
export function lineLevelChanges(db: Db, vendorId: string | null, asOf: string): LineLevelChange[] {
  const rows = prep(
    db,
    `SELECT e.model_id, m.line, e.occurred_at, e.data_json FROM events e JOIN models m ON m.id = e.model_id
       WHERE (? IS NULL OR e.vendor_id = ?) AND e.kind = 'model.reclassified' AND e.occurred_at <= ? AND m.vendor_id = e.vendor_id AND m.line IS NOT NULL
       ORDER BY e.occurred_at, e.id`,
  ).all(vendorId, vendorId, asOf) as { model_id: string; line: LineKind; occurred_at: string; data_json: string }[];
  return rows.map((r) => {
    const d = JSON.parse(r.data_json) as { from?: Level | null; to?: Level | null };
    return { modelId: r.model_id, line: r.line, at: r.occurred_at, from: d.from ?? null, to: d.to ?? null };
  });
}
