// Decision deadlines (the audit → test → decide playbook of docs/domain.md: "set a decision date
// rather than a migration date"). A deadline is about a subject (a vendor id or a model id);
// when its date passes, the job that checks them marks it reached and emits `deadline.reached`.
import { prep, type Db } from './db.js';

export interface DeadlineRow {
  id: number;
  subject: string;
  /** ISO date or instant. */
  date: string;
  note: string | null;
  createdAt: string;
  reachedAt: string | null;
}

interface RawDeadline {
  id: number;
  subject: string;
  date: string;
  note: string | null;
  created_at: string;
  reached_at: string | null;
}

const toRow = (r: RawDeadline): DeadlineRow => ({
  id: r.id,
  subject: r.subject,
  date: r.date,
  note: r.note,
  createdAt: r.created_at,
  reachedAt: r.reached_at,
});

export function setDeadline(db: Db, d: { subject: string; date: string; note?: string | null }, now: string): number {
  const res = prep(db, 'INSERT INTO deadlines (subject, date, note, created_at) VALUES (?, ?, ?, ?)').run(
    d.subject,
    d.date,
    d.note ?? null,
    now,
  );
  return Number(res.lastInsertRowid);
}

export function getDeadline(db: Db, id: number): DeadlineRow | undefined {
  const r = prep(db, 'SELECT * FROM deadlines WHERE id = ?').get(id) as RawDeadline | undefined;
  return r && toRow(r);
}

/** Deadlines by date; `open: true` leaves out the reached ones. */
export function listDeadlines(db: Db, q: { open?: boolean; subject?: string } = {}): DeadlineRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.open) where.push('reached_at IS NULL');
  if (q.subject) where.push('subject = ?'), args.push(q.subject);
  const sql = `SELECT * FROM deadlines ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY julianday(date), id`;
  return (prep(db, sql).all(...args) as RawDeadline[]).map(toRow);
}

/** Open deadlines whose date is at or before `now` (they are due to be marked reached). */
export function dueDeadlines(db: Db, now: string): DeadlineRow[] {
  return (
    prep(db, 'SELECT * FROM deadlines WHERE reached_at IS NULL AND julianday(date) <= julianday(?) ORDER BY julianday(date), id').all(
      now,
    ) as RawDeadline[]
  ).map(toRow);
}

/** Marks a deadline reached; false when it already was (so only one event is emitted). */
export function markDeadlineReached(db: Db, id: number, now: string): boolean {
  return prep(db, 'UPDATE deadlines SET reached_at = ? WHERE id = ? AND reached_at IS NULL').run(now, id).changes === 1;
}

export function deleteDeadline(db: Db, id: number): boolean {
  return prep(db, 'DELETE FROM deadlines WHERE id = ?').run(id).changes === 1;
}
