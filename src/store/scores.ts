// Capability scores, each with its source; the same (model, benchmark, date, source) is stored once.
import type { ScoreInput } from '../model.js';
import { prep, type Db } from './db.js';

export interface ScoreRow {
  modelId: string;
  benchmark: string;
  score: number;
  date: string | null;
  sourceUrl: string | null;
  sourceKind: ScoreInput['sourceKind'];
}

/** Inserts scores; returns how many were new. Must run inside the caller's transaction for atomicity. */
export function insertScores(db: Db, scores: (ScoreInput & { modelId: string })[], now: string): number {
  // UNIQUE treats NULLs as distinct, so normalise missing date/source to '' for deduplication.
  const stmt = prep(db, 
    `INSERT INTO scores (model_id, benchmark, score, date, source_url, source_kind, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(model_id, benchmark, date, source_url) DO NOTHING`,
  );
  let added = 0;
  for (const s of scores) added += stmt.run(s.modelId, s.benchmark, s.score, s.date ?? '', s.sourceUrl ?? '', s.sourceKind, now).changes;
  return added;
}

export function scoresFor(db: Db, q: { modelIds?: string[]; benchmark?: string; until?: string } = {}): ScoreRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.modelIds) {
    if (!q.modelIds.length) return [];
    where.push(`model_id IN (${q.modelIds.map(() => '?').join(',')})`);
    args.push(...q.modelIds);
  }
  if (q.benchmark) (where.push('benchmark = ?'), args.push(q.benchmark));
  if (q.until) (where.push("(date = '' OR date <= ?)"), args.push(q.until));
  const rows = prep(db, `SELECT model_id, benchmark, score, date, source_url, source_kind FROM scores ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY date, id`)
    .all(...args) as { model_id: string; benchmark: string; score: number; date: string; source_url: string; source_kind: ScoreRow['sourceKind'] }[];
  return rows.map((r) => ({ modelId: r.model_id, benchmark: r.benchmark, score: r.score, date: r.date || null, sourceUrl: r.source_url || null, sourceKind: r.source_kind }));
}
