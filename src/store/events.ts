// Append-only events; alerts are written in the same transaction as the event that causes them.
import type { EventData, EventKind, EventOf, NewEvent, StoredEvent } from '../events/index.js';
import { prep, type Db } from './db.js';
import { fromJson, toJson } from './json.js';

/** Decides the channels an event alerts on (pure; see notify/rules.ts). Baseline events never alert. */
export type Router = (event: StoredEvent) => string[];

export interface RawEvent {
  id: number;
  dedup_key: string;
  kind: EventKind;
  vendor_id: string | null;
  model_id: string | null;
  source_id: string | null;
  occurred_at: string;
  seen_at: string;
  severity: StoredEvent['severity'];
  baseline: number;
  summary: string;
  data_json: string;
  evidence_json: string;
}

/** A stored row as an event: its payload is trusted to be its kind's (src/events/payloads.ts),
 *  since only the emitters write it; readers still check fields an older version may lack. */
export function eventFromRow(r: RawEvent): StoredEvent {
  const e: EventOf<EventKind> & { id: number } = {
    id: r.id,
    kind: r.kind,
    dedupKey: r.dedup_key,
    vendorId: r.vendor_id,
    modelId: r.model_id,
    sourceId: r.source_id,
    occurredAt: r.occurred_at,
    seenAt: r.seen_at,
    severity: r.severity,
    baseline: r.baseline === 1,
    summary: r.summary,
    data: fromJson<EventData[EventKind]>(r.data_json, {} as EventData[EventKind]),
    evidence: fromJson(r.evidence_json, []),
  };
  return e as StoredEvent;
}

/**
 * Inserts events whose dedup key is new and, for each, one pending alert per routed channel.
 * Must run inside the caller's transaction. Returns only the events inserted now.
 */
export function insertEvents(db: Db, events: NewEvent[], route: Router, now: string): StoredEvent[] {
  const ins = prep(
    db,
    `INSERT INTO events (dedup_key, kind, vendor_id, model_id, source_id, occurred_at, seen_at, severity, baseline, summary, data_json, evidence_json)
     VALUES (@dedupKey, @kind, @vendorId, @modelId, @sourceId, @occurredAt, @seenAt, @severity, @baseline, @summary, @data, @evidence)
     ON CONFLICT(dedup_key) DO NOTHING`,
  );
  const alert = prep(
    db,
    `INSERT INTO alerts (event_id, channel, vendor_id, status, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', ?, ?)
     ON CONFLICT(event_id, channel) DO NOTHING`,
  );
  const stored: StoredEvent[] = [];
  for (const e of events) {
    const res = ins.run({
      ...e,
      baseline: e.baseline ? 1 : 0,
      data: toJson(e.data),
      evidence: toJson(e.evidence),
    });
    if (res.changes === 0) continue;
    const se: StoredEvent = { ...e, id: Number(res.lastInsertRowid) };
    stored.push(se);
    if (se.baseline) continue;
    for (const channel of route(se)) alert.run(se.id, channel, se.vendorId, now, now);
  }
  return stored;
}

/** The one event query (the store's read of `events`; issue #10): the jobs, the digest and the
 *  history commands all read through it. Time bounds are ISO strings compared as text. */
export interface EventQuery {
  vendorId?: string;
  modelId?: string;
  kinds?: readonly string[];
  /** Inclusive. */
  since?: string;
  /** Inclusive. */
  until?: string;
  /** Exclusive (the history commands' `--before`, see commands/since.ts). */
  before?: string;
  /** Default true: baseline events are included (callers mark them). */
  includeBaseline?: boolean;
  limit?: number;
  /** Default 'asc' (oldest first). */
  order?: 'asc' | 'desc';
}

/** Events by occurrence, then id (events_model, events_vendor_kind or events_kind by filter). */
export function queryEvents(db: Db, q: EventQuery = {}): StoredEvent[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.modelId) where.push('model_id = ?'), args.push(q.modelId);
  if (q.vendorId) where.push('vendor_id = ?'), args.push(q.vendorId);
  if (q.kinds?.length) where.push(`kind IN (${q.kinds.map(() => '?').join(', ')})`), args.push(...q.kinds);
  if (q.since) where.push('occurred_at >= ?'), args.push(q.since);
  if (q.until) where.push('occurred_at <= ?'), args.push(q.until);
  if (q.before) where.push('occurred_at < ?'), args.push(q.before);
  if (q.includeBaseline === false) where.push('baseline = 0');
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const limit = q.limit && q.limit > 0 ? ` LIMIT ${Math.floor(q.limit)}` : '';
  const sql = `SELECT * FROM events ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY occurred_at ${dir}, id ${dir}${limit}`;
  return (prep(db, sql).all(...args) as RawEvent[]).map(eventFromRow);
}

export function getEvent(db: Db, id: number): StoredEvent | undefined {
  const r = prep(db, 'SELECT * FROM events WHERE id = ?').get(id) as RawEvent | undefined;
  return r && eventFromRow(r);
}

/** True when an earlier announcement of the same model is stored (the model was released before). */
export function isRepeatAnnouncement(db: Db, eventId: number, modelId: string): boolean {
  return !!prep(db, "SELECT 1 FROM events WHERE kind = 'announcement' AND model_id = ? AND id < ? LIMIT 1").get(modelId, eventId);
}

/** Events stored per kind (for /metrics). */
export function countEventsByKind(db: Db): { kind: string; count: number }[] {
  return prep(db, 'SELECT kind, COUNT(*) AS count FROM events GROUP BY kind ORDER BY kind').all() as { kind: string; count: number }[];
}

/** Events of these kinds stored after `afterId`, oldest first. Reads the id range (the rowid),
 *  not the kind index: a step catching up reads only what is new, however long the history. */
export function eventsAfter(db: Db, afterId: number, kinds: readonly string[]): StoredEvent[] {
  const sql = `SELECT * FROM events WHERE id > ? AND +kind IN (${kinds.map(() => '?').join(',')}) ORDER BY id`;
  return (prep(db, sql).all(afterId, ...kinds) as RawEvent[]).map(eventFromRow);
}
