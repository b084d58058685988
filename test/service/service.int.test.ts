// The whole service on a real database, with the real runCycle and pollSource; the collector
// is scripted and blocks until the test lets it go. No sleeps: the tests await promises.
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Collector, CollectorContext, CollectResult } from '../../src/collectors/types.js';
import { runCycle, selectSources } from '../../src/jobs/cycle.js';
import { createLogger, type Logger } from '../../src/log.js';
import { openDb, type Db } from '../../src/store/db.js';
import { getSource } from '../../src/store/sources.js';
import { installSignalHandlers, startService, type Service, type ServiceOptions, type SignalTarget } from '../../src/service/service.js';
import { testSource, testVendor } from '../helpers/config.js';
import { tmpDb } from '../helpers/tmp.js';
import { clock, deferred, EMPTY_RESULT, memoryLogger, pollDeps, scriptedCollector } from './helpers.js';

const source = testSource({ id: 'meta-blog', vendorId: 'meta', kind: 'feed', target: 'https://ai.meta.example/rss', intervalSec: 1800 });
const vendor = testVendor({ id: 'meta', sources: [source] });
const targets = selectSources([vendor], {});

/** A collector whose poll waits for the test; `started` resolves when a poll is under way. */
function blockingCollector() {
  const started = deferred<CollectorContext>();
  const release = deferred<CollectResult>();
  return { kind: 'feed' as const, started, release, poll: (ctx: CollectorContext) => (started.resolve(ctx), release.promise) };
}

let service: Service | undefined;
let db: Db;
let file: string;
afterEach(async () => {
  await service?.stop('test end');
  service = undefined;
  if (db?.open) db.close();
});

function start(collector: Collector, extra: Partial<ServiceOptions> = {}, logger: Logger = memoryLogger()) {
  ({ db, file } = tmpDb());
  const c = clock('2026-05-04T08:00:00.000Z');
  const deps = { ...pollDeps(db, collector, c.now), vendors: [vendor], steps: [] };
  return startService({
    db,
    targets,
    runDue: (t, signal) => runCycle({ ...deps, signal }, t),
    logger,
    now: c.now,
    ...extra,
  });
}

describe('startService / stop', () => {
  it('stop() during a running poll waits for it, records it, then closes the database', async () => {
    const collector = blockingCollector();
    service = await start(collector);
    await collector.started.promise;
    expect(service.inFlight()).toEqual(new Set(['meta-blog']));

    let stopped = false;
    const stopping = service.stop('SIGTERM').then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    expect(db.open).toBe(true);
    expect(service.signal.aborted).toBe(false);

    collector.release.resolve(EMPTY_RESULT);
    await stopping;
    await service.done;
    expect(db.open).toBe(false);
    // The poll that was running when stop() came was committed before the database closed.
    const reopened = openDb(file);
    expect(getSource(reopened, 'meta-blog')).toMatchObject({ polls: 1, consecutiveErrors: 0, lastSuccessAt: '2026-05-04T08:00:00.000Z' });
    reopened.close();
  });

  it('is idempotent: a second stop() returns the same shutdown', async () => {
    service = await start(scriptedCollector());
    const first = service.stop('SIGINT');
    expect(service.stop('SIGTERM')).toBe(first);
    await first;
    expect(db.open).toBe(false);
  });

  it('aborts in-flight requests at the deadline; the aborted poll is recorded as a failure', async () => {
    const log = memoryLogger();
    const seen = deferred<AbortSignal>();
    const collector = {
      kind: 'feed' as const,
      poll: (ctx: CollectorContext) =>
        new Promise<CollectResult>((_, reject) => {
          seen.resolve(ctx.signal!);
          ctx.signal!.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    };
    const abort = new AbortController(); // as the lead would pass one to createRuntime first
    service = await start(collector, { shutdownDeadlineMs: 1, abort }, log);
    const signal = await seen.promise;
    expect(signal).toBe(abort.signal);
    expect(service.signal).toBe(abort.signal);
    await service.stop('SIGTERM');
    expect(signal.aborted).toBe(true);
    expect(db.open).toBe(false);
    expect(log.lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'shutting down',
        'shutdown deadline reached: aborting in-flight requests',
        'poll failed',
        'cycle done',
        'stopped',
      ]),
    );
    const reopened = openDb(file);
    expect(getSource(reopened, 'meta-blog')).toMatchObject({ consecutiveErrors: 1, lastError: 'feed: meta-blog: aborted' });
    reopened.close();
  });

  it('closes the database anyway when in-flight work ignores the abort', async () => {
    const log = memoryLogger();
    const collector = blockingCollector();
    service = await start(collector, { shutdownDeadlineMs: 1, abortGraceMs: 1 }, log);
    await collector.started.promise;
    await service.stop('SIGTERM');
    expect(db.open).toBe(false);
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'in-flight work did not stop after the abort; closing the database anyway' }),
    );
    // When the straggler finally returns, it finds the database closed and fails without writing.
    const failed = new Promise<void>((resolve) => {
      const orig = log.error;
      log.error = (msg, fields) => (orig(msg, fields), msg === 'cycle failed' && resolve());
    });
    collector.release.resolve(EMPTY_RESULT);
    await failed;
    const reopened = openDb(file);
    expect(getSource(reopened, 'meta-blog')).toMatchObject({ polls: 0 });
    reopened.close();
  });

  it('serves /healthz while running, 503 while shutting down, and closes the endpoint', async () => {
    const collector = blockingCollector();
    service = await start(collector, { http: { host: '127.0.0.1', port: 0 } });
    expect(service.address?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const url = `${service.address!.url}/healthz`;
    await collector.started.promise;
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok', scheduler: 'running', sources: [{ id: 'meta-blog', ageSeconds: null }] });

    const stopping = service.stop('SIGTERM');
    const down = await fetch(url);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ scheduler: 'stopped', reason: 'scheduler: stopped' });
    collector.release.resolve(EMPTY_RESULT);
    await stopping;
    await expect(fetch(url)).rejects.toThrow();
  });

  it('throws when the port is taken, leaving the database open for the caller', async () => {
    const first = await start(scriptedCollector(), { http: { host: '127.0.0.1', port: 0 } });
    const firstDb = db;
    try {
      await expect(start(scriptedCollector(), { http: { host: '127.0.0.1', port: first.address!.port } })).rejects.toThrow(/EADDRINUSE/);
      expect(db.open).toBe(true);
      db.close();
    } finally {
      db = firstDb;
      await first.stop('test');
    }
  });

  it('closes the endpoint again when the schedule is invalid, leaving nothing running', async () => {
    const log = memoryLogger();
    await expect(start(scriptedCollector(), { http: { host: '127.0.0.1', port: 0 }, tickCron: 'often' }, log)).rejects.toThrow(
      'scheduler: invalid tick cron expression "often"',
    );
    const url = log.lines.find((l) => l.msg === 'http endpoint listening')?.fields.url as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(db.open).toBe(true);
  });

  it('writes JSON lines when the log stream is not a terminal', async () => {
    const chunks: string[] = [];
    const cycleDone = deferred();
    const write = (chunk: unknown, _enc: unknown, cb: () => void) => {
      chunks.push(String(chunk));
      if (String(chunk).includes('"cycle done"')) cycleDone.resolve();
      cb();
    };
    const stream = Object.assign(new Writable({ write }), { isTTY: false });
    service = await start(scriptedCollector(), {}, createLogger({ stream }));
    await cycleDone.promise;
    await service.stop('SIGTERM');
    const lines = chunks
      .join('')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.msg)).toEqual(['service started', 'poll ok', 'cycle done', 'shutting down', 'stopped']);
    expect(lines[1]).toMatchObject({
      level: 'info',
      source: 'meta-blog',
      vendor: 'meta',
      events: 0,
      nextCheckAt: '2026-05-04T08:30:00.000Z',
    });
    expect(lines[4]).toMatchObject({ level: 'info', reason: 'SIGTERM' });
    for (const l of lines) expect(l.time).toEqual(expect.any(String));
  });
});

describe('installSignalHandlers', () => {
  it('stops the service on SIGTERM, exits at once on a second signal, and removes itself when done', async () => {
    const proc = Object.assign(new EventEmitter(), { exit: vi.fn() }) as EventEmitter & SignalTarget & { exit: ReturnType<typeof vi.fn> };
    const done = deferred();
    const stop = vi.fn(() => done.promise);
    installSignalHandlers({ stop, done: done.promise }, proc);
    expect(proc.listenerCount('SIGTERM')).toBe(1);
    expect(proc.listenerCount('SIGINT')).toBe(1);
    proc.emit('SIGTERM', 'SIGTERM');
    expect(stop).toHaveBeenCalledWith('SIGTERM');
    expect(proc.exit).not.toHaveBeenCalled();
    proc.emit('SIGINT', 'SIGINT');
    expect(proc.exit).toHaveBeenCalledWith(1);
    expect(stop).toHaveBeenCalledTimes(1);
    done.resolve();
    await done.promise;
    await Promise.resolve();
    expect(proc.listenerCount('SIGTERM')).toBe(0);
    expect(proc.listenerCount('SIGINT')).toBe(0);
  });

  it('accepts the real process object', () => {
    const target: SignalTarget = process;
    expect(typeof target.on).toBe('function');
  });

  it('drives a real service to a clean stop', async () => {
    const proc = Object.assign(new EventEmitter(), { exit: vi.fn() });
    service = await start(scriptedCollector());
    installSignalHandlers(service, proc);
    proc.emit('SIGINT', 'SIGINT');
    await service.done;
    expect(db.open).toBe(false);
    expect(proc.exit).not.toHaveBeenCalled();
  });
});
