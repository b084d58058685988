// Shared pieces of the service tests: an injected clock, a collector scripted to fail N times,
// PollDeps on a real database (real migrations), a logger that records, and a deferred.
import type { Collector, CollectResult } from '../../src/collectors/types.js';
import { SourceError } from '../../src/errors.js';
import type { HttpClient } from '../../src/http/types.js';
import type { PollDeps } from '../../src/jobs/poll-source.js';
import type { Logger } from '../../src/log.js';
import type { Db } from '../../src/store/db.js';

export interface Clock {
  now: () => Date;
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function clock(start = '2026-05-04T08:00:00.000Z'): Clock {
  let ms = Date.parse(start);
  return {
    now: () => new Date(ms),
    set: (t) => void (ms = typeof t === 'string' ? Date.parse(t) : t.getTime()),
    advance: (d) => void (ms += d),
  };
}

export const EMPTY_RESULT: CollectResult = { observations: [], validators: [], cursor: {}, requests: 1, notModified: 0 };

/** A collector whose next polls throw the queued errors, then succeed with nothing new. */
export function scriptedCollector(): Collector & { failNext(n: number, make?: () => Error): void; calls: number } {
  const queue: (() => Error)[] = [];
  const c = {
    kind: 'feed' as const,
    calls: 0,
    failNext(n: number, make: () => Error = () => new SourceError('feed: test: 503 Service Unavailable', true)) {
      for (let i = 0; i < n; i++) queue.push(make);
    },
    async poll(): Promise<CollectResult> {
      c.calls++;
      const next = queue.shift();
      if (next) throw next();
      return EMPTY_RESULT;
    },
  };
  return c;
}

/** The HTTP edge is never reached by the scripted collector: any use fails the test. */
const noHttp: HttpClient = {
  request: () => Promise.reject(new Error('test: unexpected HTTP request')),
  fetch: () => Promise.reject(new Error('test: unexpected fetch')),
};

export function pollDeps(db: Db, collector: Collector, now: () => Date, extra: Partial<PollDeps> = {}): PollDeps {
  return {
    db,
    http: noHttp,
    now,
    random: () => 0.5, // no jitter: the curve is exact
    route: () => ['log'],
    endpoints: { huggingface: 'http://127.0.0.1:1', github: 'http://127.0.0.1:1' },
    collectorFor: () => collector,
    ...extra,
  };
}

export interface LogLine {
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}

export function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (msg: string, fields: Record<string, unknown> = {}) =>
      void lines.push({ level, msg, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

export function countEvents(db: Db, kind: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM events WHERE kind = ?').get(kind) as { n: number }).n;
}
