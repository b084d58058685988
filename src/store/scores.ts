// Capability scores, each with its source. The same (model, benchmark, date, source) is one
// current score: seen again with the same value it is a duplicate; with a new value it is a
// correction that supersedes the old row (kept, marked superseded_at/superseded_by: the history).
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

export interface InsertedScores {
  /** New scores (no current score with that model, benchmark, date and source). */
  added: number;
  /** Corrections: a current score with a different value, now superseded. */
  corrected: number;
  /** Same value as the current score: nothing stored. */
  duplicates: number;
}

/** Inserts scores; returns how many were new. Must run inside the caller's transaction for atomicity. */
export function insertScores(db: Db, scores: (ScoreInput & { modelId: string })[], now: string): number {
  const r = storeScores(db, scores, now);
  return r.added + r.corrected;
}

/** insertScores with the detail of corrections and duplicates. Inside the caller's transaction. */
export function storeScores(db: Db, scores: (ScoreInput & { modelId: string })[], now: string): InsertedScores {
  // NULL date/source are stored as '' so that the current-row index treats them as equal.
  const current = prep(
    db,
    `SELECT id, score FROM scores WHERE model_id = ? AND benchmark = ? AND date = ? AND source_url = ? AND superseded_at IS NULL`,
  );
  const insert = prep(
    db,
    `INSERT INTO scores (model_id, benchmark, date, source_url, score, source_kind, added_at, stderr) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const supersede = prep(db, `UPDATE scores SET superseded_at = ?, superseded_by = ? WHERE id = ?`);
  const out: InsertedScores = { added: 0, corrected: 0, duplicates: 0 };
  for (const s of scores) {
    const key = [s.modelId, s.benchmark, s.date ?? '', s.sourceUrl ?? ''] as const;
    const old = current.get(...key) as { id: number; score: number } | undefined;
    if (old && old.score === s.score) {
      out.duplicates++;
      continue;
    }
    if (old) supersede.run(now, -1, old.id); // leave the current-row index before the new row enters it
    const id = Number(insert.run(...key, s.score, s.sourceKind, now, s.stderr ?? null).lastInsertRowid);
    if (old) {
      supersede.run(now, id, old.id);
      out.corrected++;
    } else out.added++;
  }
  return out;
}

/** Current scores (superseded ones are history, see scoreHistory). */
export function scoresFor(db: Db, q: { modelIds?: string[]; benchmark?: string; until?: string } = {}): ScoreRow[] {
  const where: string[] = ['superseded_at IS NULL'];
  const args: unknown[] = [];
  if (q.modelIds) {
    if (!q.modelIds.length) return [];
    where.push(`model_id IN (${q.modelIds.map(() => '?').join(',')})`);
    args.push(...q.modelIds);
  }
  if (q.benchmark) where.push('benchmark = ?'), args.push(q.benchmark);
  if (q.until) where.push("(date = '' OR date <= ?)"), args.push(q.until);
  const rows = prep(
    db,
    `SELECT model_id, benchmark, score, date, source_url, source_kind FROM scores WHERE ${where.join(' AND ')} ORDER BY date, id`,
  ).all(...args) as {
    model_id: string;
    benchmark: string;
    score: number;
    date: string;
    source_url: string;
    source_kind: ScoreRow['sourceKind'];
  }[];
  return rows.map((r) => ({
    modelId: r.model_id,
    benchmark: r.benchmark,
    score: r.score,
    date: r.date || null,
    sourceUrl: r.source_url || null,
    sourceKind: r.source_kind,
  }));
}

export interface ScoreHistoryRow extends ScoreRow {
  addedAt: string;
  supersededAt: string | null;
}

/** Every stored value of a model's scores, corrections included, oldest first. */
export function scoreHistory(db: Db, modelId: string): ScoreHistoryRow[] {
  const rows = prep(
    db,
    `SELECT model_id, benchmark, score, date, source_url, source_kind, added_at, superseded_at FROM scores WHERE model_id = ? ORDER BY id`,
  ).all(modelId) as {
    model_id: string;
    benchmark: string;
    score: number;
    date: string;
    source_url: string;
    source_kind: ScoreRow['sourceKind'];
    added_at: string;
    superseded_at: string | null;
  }[];
  return rows.map((r) => ({
    modelId: r.model_id,
    benchmark: r.benchmark,
    score: r.score,
    date: r.date || null,
    sourceUrl: r.source_url || null,
    sourceKind: r.source_kind,
    addedAt: r.added_at,
    supersededAt: r.superseded_at,
  }));
}
