import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { startServer, type HttpEndpoint } from '../../src/service/server.js';
import { tmpDb } from '../helpers/tmp.js';
import { clock, memoryLogger } from './helpers.js';
import { SECRET_ERROR, SOURCES, seed } from './fixtures.js';
import { parseMetrics, sample } from './metrics.js';

let db: Db;
let server: HttpEndpoint;
let schedulerRunning: boolean;

beforeEach(async () => {
  db = tmpDb().db;
  seed(db);
  schedulerRunning = true;
  server = await startServer({
    db,
    host: '127.0.0.1',
    port: 0,
    schedulerRunning: () => schedulerRunning,
    sourceIds: SOURCES.map((s) => s.id),
    now: clock('2026-05-04T08:00:00.000Z').now,
    logger: memoryLogger(),
  });
});
afterEach(async () => {
  await server.close();
  if (db.open) db.close();
});

describe('GET /healthz', () => {
  it("is 200 with each source's last success and its age when the database and scheduler run", async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body).toEqual({
      status: 'ok',
      scheduler: 'running',
      database: 'ok',
      sources: [
        { id: 'feed:meta-blog', lastSuccessAt: null, ageSeconds: null, consecutiveErrors: 3 },
        { id: 'hf:meta-llama', lastSuccessAt: '2026-05-04T07:50:00.000Z', ageSeconds: 600, consecutiveErrors: 0 },
        { id: SOURCES[2].id, lastSuccessAt: null, ageSeconds: null, consecutiveErrors: 0 },
      ],
    });
    expect(JSON.stringify(body)).not.toContain(SECRET_ERROR);
  });

  it('is 503 once the scheduler has stopped', async () => {
    schedulerRunning = false;
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', scheduler: 'stopped', database: 'ok', reason: 'scheduler: stopped' });
  });

  it('is 503 with the reason when the database does not answer', async () => {
    db.close();
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'unavailable', scheduler: 'running', database: 'unavailable' });
    expect(body.reason).toMatch(/^database: .*not open/);
    expect(body.sources).toBeUndefined();
  });
});

describe('GET /metrics', () => {
  it('answers the Prometheus text format with the counters', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    const { samples } = parseMetrics(text);
    expect(sample(samples, 'modelwatch_polls_total', { source: 'feed:meta-blog' })).toBe(3);
    expect(sample(samples, 'modelwatch_poll_errors_total', { source: 'feed:meta-blog' })).toBe(3);
    expect(sample(samples, 'modelwatch_events_total', { kind: 'model.new' })).toBe(2);
    expect(sample(samples, 'modelwatch_alerts', { status: 'pending' })).toBe(2);
    expect(sample(samples, 'modelwatch_last_success_timestamp_seconds', { source: 'hf:meta-llama' })).toBe(1777881000);
    expect(sample(samples, 'modelwatch_source_consecutive_errors', { source: 'feed:meta-blog' })).toBe(3);
    expect(text).not.toContain('SECRET');
  });

  it('is 503 when the database does not answer', async () => {
    db.close();
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/^database: /);
  });
});

describe('anything else', () => {
  it('is 404', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/healthz/extra'],
      ['GET', '/metricsx'],
      ['POST', '/healthz'],
      ['DELETE', '/metrics'],
    ]) {
      const res = await fetch(`${server.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      await res.text();
    }
  });

  it('ignores a query string on the known paths', async () => {
    const res = await fetch(`${server.url}/healthz?verbose=1`);
    expect(res.status).toBe(200);
    await res.text();
  });
});

describe('startServer', () => {
  it('fails with a clear message when the port is taken', async () => {
    await expect(
      startServer({
        db,
        host: '127.0.0.1',
        port: server.port,
        schedulerRunning: () => true,
        now: () => new Date(),
        logger: memoryLogger(),
      }),
    ).rejects.toThrow(`http: cannot listen on 127.0.0.1:${server.port}: EADDRINUSE`);
  });
});
