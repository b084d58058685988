// The alerts outbox: one row per (event, channel), written by insertEvents in the event's own
// transaction. The dispatcher (notify/dispatch.ts) moves rows through
//   pending → sending → sent
//                     ↘ pending (transient failure, next_attempt_at in the future)
//                     ↘ failed (permanent) | dead (max attempts reached)
// `sending` is a lease: next_attempt_at holds the instant after which an unfinished send is
// presumed crashed and the row may be claimed again.
import type { AlertStatus } from '../model.js';
import type { StoredEvent } from '../events/index.js';
import { prep, type Db } from './db.js';
import { eventFromRow, type RawEvent } from './events.js';

export interface AlertRow {
  id: number;
  eventId: number;
  channel: string;
  vendorId: string | null;
  status: AlertStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

interface RawAlert {
  id: number;
  event_id: number;
  channel: string;
  vendor_id: string | null;
  status: AlertStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

function toRow(r: RawAlert): AlertRow {
  return {
    id: r.id,
    eventId: r.event_id,
    channel: r.channel,
    vendorId: r.vendor_id,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** An alert with its event, as the dispatcher needs it. */
export interface OutboxItem {
  alert: AlertRow;
  event: StoredEvent;
  /** True when next_attempt_at <= now (for pending rows) or the lease expired (sending rows). */
  due: boolean;
}

const ALERT_COLUMNS =
  'a.id AS a_id, a.event_id, a.channel, a.vendor_id AS a_vendor_id, a.status, a.attempts, a.next_attempt_at, a.last_error, a.created_at, a.sent_at';

/** Every unfinished alert (pending or sending), per channel and vendor, oldest event first.
 *  Times are compared with julianday() so `...Z` and `....000Z` forms mix safely. */
export function loadOutbox(db: Db, now: string): OutboxItem[] {
  const rows = prep(
    db,
    `SELECT ${ALERT_COLUMNS}, e.*, julianday(a.next_attempt_at) <= julianday(?) AS due
       FROM alerts a JOIN events e ON e.id = a.event_id
       WHERE a.status IN ('pending', 'sending')
       ORDER BY a.channel, COALESCE(a.vendor_id, ''), julianday(e.occurred_at), e.id`,
  ).all(now) as (RawEvent & { a_id: number; a_vendor_id: string | null; due: number } & Omit<RawAlert, 'id' | 'vendor_id'>)[];
  return rows.map((r) => ({
    alert: toRow({ ...r, id: r.a_id, vendor_id: r.a_vendor_id }),
    event: eventFromRow(r),
    due: r.due === 1,
  }));
}

/** Puts `sending` rows back to `pending`: those whose lease expired, or all of them (`all`: only
 *  when no other dispatcher can be running, i.e. at process start). Returns how many. */
export function recoverSending(db: Db, now: string, opts: { all?: boolean } = {}): number {
  const res = opts.all
    ? prep(db, `UPDATE alerts SET status = 'pending', next_attempt_at = ? WHERE status = 'sending'`).run(now)
    : prep(
        db,
        `UPDATE alerts SET status = 'pending', next_attempt_at = ? WHERE status = 'sending' AND julianday(next_attempt_at) <= julianday(?)`,
      ).run(now, now);
  return res.changes;
}

/** Claims due pending alerts for one send, all or none, in one transaction: status `sending`,
 *  attempts + 1, lease until `leaseUntil`. False when another dispatcher took one of them. */
export function claimAlerts(db: Db, ids: number[], now: string, leaseUntil: string): boolean {
  const claim = prep(
    db,
    `UPDATE alerts SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?
     WHERE id = ? AND status = 'pending' AND julianday(next_attempt_at) <= julianday(?)`,
  );
  const run = db.transaction(() => {
    for (const id of ids) {
      if (claim.run(leaseUntil, id, now).changes !== 1) throw new ClaimLost();
    }
  });
  try {
    run.immediate();
    return true;
  } catch (err) {
    if (err instanceof ClaimLost) return false;
    throw err;
  }
}

class ClaimLost extends Error {}

function updateMany(db: Db, sql: string, ids: number[], args: unknown[]): number {
  const stmt = prep(db, sql);
  return db.transaction(() => ids.reduce((n, id) => n + stmt.run(...args, id).changes, 0)).immediate();
}

export function markSent(db: Db, ids: number[], now: string): number {
  return updateMany(db, `UPDATE alerts SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND status = 'sending'`, ids, [
    now,
  ]);
}

/** Transient failure: back to pending, next attempt at `nextAttemptAt`. */
export function markRetry(db: Db, ids: number[], nextAttemptAt: string, error: string): number {
  return updateMany(db, `UPDATE alerts SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?`, ids, [
    nextAttemptAt,
    error,
  ]);
}

export function markFailed(db: Db, ids: number[], error: string): number {
  return updateMany(db, `UPDATE alerts SET status = 'failed', last_error = ? WHERE id = ?`, ids, [error]);
}

export function markDead(db: Db, ids: number[], error: string): number {
  return updateMany(db, `UPDATE alerts SET status = 'dead', last_error = ? WHERE id = ?`, ids, [error]);
}

export interface AlertQuery {
  status?: AlertStatus;
  channel?: string;
  vendorId?: string;
  limit?: number;
}

export function listAlerts(db: Db, q: AlertQuery = {}): AlertRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.status) where.push('status = ?'), args.push(q.status);
  if (q.channel) where.push('channel = ?'), args.push(q.channel);
  if (q.vendorId) where.push('vendor_id = ?'), args.push(q.vendorId);
  const limit = q.limit ? ` LIMIT ${Math.floor(q.limit)}` : '';
  const sql = `SELECT * FROM alerts ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id${limit}`;
  return (prep(db, sql).all(...args) as RawAlert[]).map(toRow);
}

export function getAlert(db: Db, id: number): AlertRow | undefined {
  const r = prep(db, 'SELECT * FROM alerts WHERE id = ?').get(id) as RawAlert | undefined;
  return r && toRow(r);
}

/** Counts per status (for `modelwatch alerts` and /metrics). */
export function countAlerts(db: Db): Record<AlertStatus, number> {
  const counts: Record<AlertStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, dead: 0 };
  for (const r of prep(db, 'SELECT status, COUNT(*) AS n FROM alerts GROUP BY status').all() as { status: AlertStatus; n: number }[]) {
    counts[r.status] = r.n;
  }
  return counts;
}

export type RetrySelector = { id: number } | { failed: true };

/** Gives failed or dead alerts a new start: pending, attempts 0, due at `now`. `{id}` retries
 *  that alert when it is failed, dead or pending (never one that was sent or is in flight);
 *  `{failed: true}` retries every failed and dead alert, and every pending one parked after a
 *  transient failure. Returns how many were requeued. */
export function retryAlerts(db: Db, sel: RetrySelector, now: string = new Date().toISOString()): number {
  if ('id' in sel) {
    return prep(
      db,
      `UPDATE alerts SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? AND status IN ('failed', 'dead', 'pending')`,
    ).run(now, sel.id).changes;
  }
  // Also alerts parked after a transient failure (pending, tried, due later): an operator who
  // asks for a retry wants them now, not at the receiver's Retry-After.
  return prep(
    db,
    `UPDATE alerts SET status = 'pending', attempts = 0, next_attempt_at = ?
     WHERE status IN ('failed', 'dead') OR (status = 'pending' AND attempts > 0 AND julianday(next_attempt_at) > julianday(?))`,
  ).run(now, now).changes;
}

/** Alerts per status, statuses with none left out (for /metrics). */
export function alertsByStatus(db: Db): { status: string; count: number }[] {
  return prep(db, 'SELECT status, COUNT(*) AS count FROM alerts GROUP BY status ORDER BY status').all() as {
    status: string;
    count: number;
  }[];
}

/** Per channel, when its oldest alert still waiting for delivery was created (for /healthz and
 *  /metrics: a channel parked by its receiver shows here even when no dispatch runs). */
export function oldestUndeliveredByChannel(db: Db): { channel: string; oldestUndeliveredAt: string | null }[] {
  return prep(
    db,
    `SELECT channel, MIN(created_at) AS oldestUndeliveredAt FROM alerts WHERE status IN ('pending', 'sending') GROUP BY channel ORDER BY channel`,
  ).all() as { channel: string; oldestUndeliveredAt: string | null }[];
}
