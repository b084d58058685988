// The loopback HTTP endpoint of `modelwatch run` (MODELWATCH_HTTP_HOST:MODELWATCH_HTTP_PORT):
// GET /healthz for the Dockerfile's HEALTHCHECK, GET /metrics for Prometheus. Read-only; it
// reports counts, ids and times, never an error text from a source or any configuration value.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RuntimeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';
import { FAILING_ALERT_AFTER_SEC } from '../config/defaults.js';
import { renderMetrics } from './metrics.js';
import { pingDb, readStats } from './stats.js';

export interface ServerOptions {
  db: Db;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  schedulerRunning: () => boolean;
  /** The configured source ids: rows of sources removed from feeds/ are not reported. */
  sourceIds?: readonly string[];
  /** Further problems (database file, heartbeat write, last cycle); each makes /healthz 503. */
  checks?: () => string[];
  /** A source failing longer than this counts as down (default FAILING_ALERT_AFTER_SEC). */
  failingAfterSec?: number;
  now: () => Date;
  logger: Logger;
}

export interface HttpEndpoint {
  host: string;
  port: number;
  /** `http://host:port` */
  url: string;
  close(): Promise<void>;
}

export interface SourceHealth {
  id: string;
  lastSuccessAt: string | null;
  /** Seconds since the last success; null if the source never succeeded. */
  ageSeconds: number | null;
  consecutiveErrors: number;
}

export interface Health {
  status: 'ok' | 'unavailable';
  scheduler: 'running' | 'stopped';
  database: 'ok' | 'unavailable';
  reason?: string;
  sources?: SourceHealth[];
}

/**
 * The /healthz answer (pure apart from the database reads). 200 only when: the database answers
 * and the given checks find nothing (the file at its path is the one opened, the last heartbeat
 * write succeeded, the last cycle succeeded), the scheduler runs, not every source is down (each
 * failing, and either never successful or failing for longer than the threshold), and no
 * channel has held an alert undelivered for longer than the threshold.
 */
export function health(o: Pick<ServerOptions, 'db' | 'schedulerRunning' | 'sourceIds' | 'now' | 'checks' | 'failingAfterSec'>): {
  code: number;
  body: Health;
} {
  const extra = o.checks?.() ?? [];
  const dbProblem = pingDb(o.db) ?? extra.find((p) => p.startsWith('store:') || p.startsWith('database:')) ?? null;
  const scheduler = o.schedulerRunning() ? 'running' : 'stopped';
  const reasons = [...new Set([dbProblem, ...extra, scheduler === 'stopped' ? 'scheduler: stopped' : null])].filter(
    (r): r is string => !!r,
  );
  let sources: SourceHealth[] | undefined;
  if (!pingDb(o.db)) {
    try {
      const nowMs = o.now().getTime();
      const thresholdMs = (o.failingAfterSec ?? FAILING_ALERT_AFTER_SEC) * 1000;
      const stats = readStats(o.db, o.sourceIds);
      const down = stats.sources.filter(
        (s) =>
          s.consecutiveErrors > 0 && (!s.lastSuccessAt || (s.failingSince !== null && nowMs - Date.parse(s.failingSince) >= thresholdMs)),
      );
      if (stats.sources.length > 0 && down.length === stats.sources.length) {
        reasons.push(
          `sources: all ${stats.sources.length} failing (none succeeded, or failing for more than ${thresholdMs / 3_600_000} h)`,
        );
      }
      for (const c of stats.channels) {
        if (c.oldestUndeliveredAt && nowMs - Date.parse(c.oldestUndeliveredAt) >= thresholdMs) {
          reasons.push(`channel ${c.channel}: an alert undelivered since ${c.oldestUndeliveredAt}`);
        }
      }
      sources = stats.sources.map((s) => ({
        id: s.id,
        lastSuccessAt: s.lastSuccessAt,
        ageSeconds: s.lastSuccessAt ? Math.max(0, Math.floor((nowMs - Date.parse(s.lastSuccessAt)) / 1000)) : null,
        consecutiveErrors: s.consecutiveErrors,
      }));
    } catch (err) {
      reasons.push(`database: ${(err as Error)?.message ?? String(err)}`);
    }
  }
  const ok = reasons.length === 0;
  const body: Health = {
    status: ok ? 'ok' : 'unavailable',
    scheduler,
    database: dbProblem ? 'unavailable' : 'ok',
    ...(ok ? {} : { reason: reasons.join('; ') }),
    ...(sources ? { sources } : {}),
  };
  return { code: ok ? 200 : 503, body };
}

export async function startServer(opts: ServerOptions): Promise<HttpEndpoint> {
  const server = http.createServer((req, res) => {
    try {
      route(opts, req, res);
    } catch (err) {
      opts.logger.error('http: request failed', { path: req.url?.split('?')[0], error: (err as Error)?.message });
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new RuntimeError(`http: cannot listen on ${opts.host}:${opts.port}: ${err.code ?? err.message}`, { cause: err })),
    );
    server.listen(opts.port, opts.host, () => resolve());
  });
  server.on('error', (err) => opts.logger.error('http: server error', { error: err.message }));
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  opts.logger.info('http endpoint listening', { url: `http://${host}:${addr.port}` });
  return {
    host: addr.address,
    port: addr.port,
    url: `http://${host}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections of a scraper would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

function route(opts: ServerOptions, req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/healthz') {
    const h = health(opts);
    send(res, h.code, 'application/json; charset=utf-8', JSON.stringify(h.body) + '\n');
    return;
  }
  if (req.method === 'GET' && path === '/metrics') {
    const problem = pingDb(opts.db);
    if (problem) return send(res, 503, 'text/plain; charset=utf-8', `${problem}\n`);
    const h = health(opts);
    const text = renderMetrics(readStats(opts.db, opts.sourceIds), { schedulerRunning: opts.schedulerRunning(), healthy: h.code === 200 });
    send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', text);
    return;
  }
  send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
}

function send(res: http.ServerResponse, code: number, type: string, body: string): void {
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
