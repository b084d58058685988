// Sources and their polling state (error count, last error, next check), and stored validators.
import type { SourceConfig } from '../model.js';
import type { Validators } from '../http/index.js';
import { prep, type Db } from './db.js';
import { fromJson, toJson } from './json.js';

export interface SourceRow {
  id: string;
  vendorId: string;
  kind: SourceConfig['kind'];
  target: string;
  baselineDone: boolean;
  nextCheckAt: string | null;
  consecutiveErrors: number;
  lastError: string | null;
  lastErrorAt: string | null;
  lastErrorTransient: boolean | null;
  failingSince: string | null;
  failingAlerted: boolean;
  lastSuccessAt: string | null;
  lastPolledAt: string | null;
  polls: number;
  errors: number;
  cursor: Record<string, unknown>;
}

interface RawSource {
  id: string;
  vendor_id: string;
  kind: SourceConfig['kind'];
  target: string;
  baseline_done: number;
  next_check_at: string | null;
  consecutive_errors: number;
  last_error: string | null;
  last_error_at: string | null;
  last_error_transient: number | null;
  failing_since: string | null;
  failing_alerted: number;
  last_success_at: string | null;
  last_polled_at: string | null;
  polls: number;
  errors: number;
  cursor_json: string;
}

function toRow(r: RawSource): SourceRow {
  return {
    id: r.id,
    vendorId: r.vendor_id,
    kind: r.kind,
    target: r.target,
    baselineDone: r.baseline_done === 1,
    nextCheckAt: r.next_check_at,
    consecutiveErrors: r.consecutive_errors,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    lastErrorTransient: r.last_error_transient == null ? null : r.last_error_transient === 1,
    failingSince: r.failing_since,
    failingAlerted: r.failing_alerted === 1,
    lastSuccessAt: r.last_success_at,
    lastPolledAt: r.last_polled_at,
    polls: r.polls,
    errors: r.errors,
    cursor: fromJson(r.cursor_json, {}),
  };
}

/** Inserts configured sources that are new; existing rows keep their state. */
export function syncSources(db: Db, sources: SourceConfig[]): void {
  const insert = prep(
    db,
    `INSERT INTO sources (id, vendor_id, kind, target) VALUES (?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET vendor_id = excluded.vendor_id, kind = excluded.kind, target = excluded.target`,
  );
  db.transaction(() => {
    for (const s of sources) insert.run(s.id, s.vendorId, s.kind, s.target);
  }).immediate();
}

export function getSource(db: Db, id: string): SourceRow | undefined {
  const r = prep(db, 'SELECT * FROM sources WHERE id = ?').get(id) as RawSource | undefined;
  return r && toRow(r);
}

export function listSources(db: Db): SourceRow[] {
  return (prep(db, 'SELECT * FROM sources ORDER BY vendor_id, id').all() as RawSource[]).map(toRow);
}

export function getValidators(db: Db, sourceId: string): Map<string, Validators> {
  const rows = prep(db, 'SELECT url, etag, last_modified FROM http_cache WHERE source_id = ?').all(sourceId) as {
    url: string;
    etag: string | null;
    last_modified: string | null;
  }[];
  return new Map(rows.map((r) => [r.url, { etag: r.etag, lastModified: r.last_modified }]));
}

export function saveValidators(db: Db, sourceId: string, entries: { url: string; validators: Validators }[], now: string): void {
  const stmt = prep(
    db,
    `INSERT INTO http_cache (source_id, url, etag, last_modified, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(source_id, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, updated_at = excluded.updated_at`,
  );
  for (const e of entries) stmt.run(sourceId, e.url, e.validators.etag ?? null, e.validators.lastModified ?? null, now);
}

export interface SuccessUpdate {
  now: string;
  nextCheckAt: string;
  cursor: Record<string, unknown>;
  requests: number;
  events: number;
  startedAt: string;
}

/** Marks a successful poll: errors reset, baseline done, back to the normal interval. */
export function markSuccess(db: Db, id: string, u: SuccessUpdate): void {
  prep(
    db,
    `UPDATE sources SET baseline_done = 1, next_check_at = ?, consecutive_errors = 0, last_success_at = ?, last_polled_at = ?,
       polls = polls + 1, cursor_json = ?, failing_since = NULL, failing_alerted = 0 WHERE id = ?`,
  ).run(u.nextCheckAt, u.now, u.now, toJson(u.cursor), id);
  prep(db, 'INSERT INTO poll_runs (source_id, started_at, finished_at, ok, requests, events) VALUES (?, ?, ?, 1, ?, ?)').run(
    id,
    u.startedAt,
    u.now,
    u.requests,
    u.events,
  );
}

export interface FailureUpdate {
  now: string;
  nextCheckAt: string;
  error: string;
  transient: boolean;
  requests: number;
  startedAt: string;
}

/** Records a failed poll on the source's row: the failing source is data, not a crash. */
export function markFailure(db: Db, id: string, u: FailureUpdate): void {
  prep(
    db,
    `UPDATE sources SET next_check_at = ?, consecutive_errors = consecutive_errors + 1, last_error = ?, last_error_at = ?,
       last_error_transient = ?, last_polled_at = ?, polls = polls + 1, errors = errors + 1,
       failing_since = COALESCE(failing_since, ?) WHERE id = ?`,
  ).run(u.nextCheckAt, u.error, u.now, u.transient ? 1 : 0, u.now, u.now, id);
  prep(db, 'INSERT INTO poll_runs (source_id, started_at, finished_at, ok, requests, events, error) VALUES (?, ?, ?, 0, ?, 0, ?)').run(
    id,
    u.startedAt,
    u.now,
    u.requests,
    u.error,
  );
}

export function setFailingAlerted(db: Db, id: string, alerted: boolean): void {
  prep(db, 'UPDATE sources SET failing_alerted = ? WHERE id = ?').run(alerted ? 1 : 0, id);
}
