import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_INTERVAL_SEC } from '../../src/config/defaults.js';
import { discoveredSourceTargets, runCycle, selectSources, type CycleResult } from '../../src/jobs/cycle.js';
import type { SourceOutcome } from '../../src/jobs/poll-source.js';
import type { Db } from '../../src/store/db.js';
import { addDiscovered } from '../../src/store/discovered.js';
import { listSources, markSuccess, syncSources } from '../../src/store/sources.js';
import { createPoller, type Target } from '../../src/service/poller.js';
import { testSource, testVendor } from '../helpers/config.js';
import { tmpDb } from '../helpers/tmp.js';
import { clock, deferred, memoryLogger, pollDeps, scriptedCollector, type Deferred } from './helpers.js';

const sources = ['a', 'b', 'c'].map((id) =>
  testSource({ id, vendorId: 'v', kind: 'feed', target: `https://example.test/${id}.xml`, intervalSec: 1800 }),
);
const vendor = testVendor({ id: 'v', sources });
const targets: Target[] = selectSources([vendor], {});

function outcome(id: string, ok = true): SourceOutcome {
  return {
    sourceId: id,
    vendorId: 'v',
    ok,
    events: [],
    requests: 1,
    notModified: 0,
    nextCheckAt: '2026-05-04T09:00:00.000Z',
    ...(ok ? {} : { error: 'feed: x: 503', transient: true }),
  };
}

/** A runDue whose cycles finish only when the test says so. */
function controlledRunDue() {
  const calls: { ids: string[]; gate: Deferred<CycleResult> }[] = [];
  const runDue = (t: Target[]) => {
    const gate = deferred<CycleResult>();
    calls.push({ ids: t.map((x) => x.source.id), gate });
    return gate.promise;
  };
  const finish = (i: number, ok = true) =>
    calls[i].gate.resolve({ sources: calls[i].ids.map((id) => outcome(id, ok)), events: [], dispatch: null });
  return { calls, runDue, finish };
}

describe('poller', () => {
  it('starts one cycle for all due sources and never overlaps a source with itself', async () => {
    const c = clock();
    const ctl = controlledRunDue();
    const p = createPoller({ targets, rows: () => [], runDue: ctl.runDue, now: c.now, logger: memoryLogger() });
    const first = p.tick();
    expect(first.ids).toEqual(['a', 'b', 'c']);
    expect(ctl.calls.map((x) => x.ids)).toEqual([['a', 'b', 'c']]);
    expect([...p.inFlight()]).toEqual(['a', 'b', 'c']);
    // Still due by their rows, but in flight: the next tick starts nothing.
    expect(p.tick().ids).toEqual([]);
    expect(ctl.calls).toHaveLength(1);
    ctl.finish(0);
    await first.done;
    expect(p.inFlight().size).toBe(0);
    expect(p.tick().ids).toEqual(['a', 'b', 'c']);
  });

  it('runs different sources concurrently, bounded by maxInFlight', async () => {
    const c = clock('2026-05-04T08:00:00.000Z');
    const ctl = controlledRunDue();
    const rows: { id: string; nextCheckAt: string | null }[] = [];
    const p = createPoller({ targets, rows: () => rows, runDue: ctl.runDue, now: c.now, logger: memoryLogger(), maxInFlight: 2 });
    const first = p.tick();
    expect(first.ids).toEqual(['a', 'b']);
    expect(p.tick().ids).toEqual([]); // no free slot for c
    rows.push({ id: 'a', nextCheckAt: '2026-05-04T08:30:00.000Z' }, { id: 'b', nextCheckAt: '2026-05-04T08:30:00.000Z' });
    ctl.finish(0);
    await first.done;
    expect(p.tick().ids).toEqual(['c']);
    // c is still running when a is due again: a starts beside it; b is not due and the bound is reached.
    c.set('2026-05-04T08:30:00.000Z');
    rows[1].nextCheckAt = '2026-05-04T09:00:00.000Z';
    expect(p.tick().ids).toEqual(['a']);
    expect([...p.inFlight()].sort()).toEqual(['a', 'c']);
    rows[1].nextCheckAt = null;
    expect(p.tick().ids).toEqual([]); // b is due now, but both slots are taken
    expect(ctl.calls.map((x) => x.ids)).toEqual([['a', 'b'], ['c'], ['a']]);
    ctl.finish(1);
    ctl.finish(2);
    await p.idle();
    // The real cycle would have moved a and c to their next checks.
    rows[0].nextCheckAt = '2026-05-04T09:00:00.000Z';
    rows.push({ id: 'c', nextCheckAt: '2026-05-04T08:50:00.000Z' });
    expect(p.tick().ids).toEqual(['b']);
    ctl.finish(3);
    await p.idle();
  });

  it('starts a newly due source while another cycle is still running', async () => {
    const c = clock('2026-05-04T08:00:00.000Z');
    const ctl = controlledRunDue();
    const rows = [
      { id: 'a', nextCheckAt: '2026-05-04T08:00:00.000Z' },
      { id: 'b', nextCheckAt: '2026-05-04T08:00:05.000Z' },
      { id: 'c', nextCheckAt: '2026-05-04T12:00:00.000Z' },
    ];
    const p = createPoller({ targets, rows: () => rows, runDue: ctl.runDue, now: c.now, logger: memoryLogger() });
    expect(p.tick().ids).toEqual(['a']);
    c.advance(5000);
    expect(p.tick().ids).toEqual(['b']);
    expect([...p.inFlight()].sort()).toEqual(['a', 'b']);
    ctl.finish(1);
    ctl.finish(0);
    await p.idle();
    expect(p.inFlight().size).toBe(0);
  });

  it('logs each source and a cycle summary', async () => {
    const log = memoryLogger();
    const runDue = async (t: Target[]): Promise<CycleResult> => ({
      sources: [outcome(t[0].source.id), outcome(t[1].source.id, false)],
      events: [],
      dispatch: { sent: 1, failed: 0, retried: 0, dead: 0 },
    });
    const p = createPoller({ targets: targets.slice(0, 2), rows: () => [], runDue, now: clock().now, logger: log });
    await p.tick().done;
    expect(log.lines.find((l) => l.msg === 'poll ok')?.fields).toMatchObject({ source: 'a', vendor: 'v', events: 0, requests: 1 });
    expect(log.lines.find((l) => l.msg === 'poll failed')).toMatchObject({
      level: 'warn',
      fields: { source: 'b', error: 'feed: x: 503', transient: true },
    });
    expect(log.lines.find((l) => l.msg === 'cycle done')?.fields).toMatchObject({
      sources: 2,
      ok: 1,
      failed: 1,
      events: 0,
      dispatch: { sent: 1 },
    });
  });

  it('survives a cycle that throws: logged, sources released, retried on the next tick', async () => {
    const log = memoryLogger();
    let n = 0;
    const runDue = async (t: Target[]): Promise<CycleResult> => {
      if (n++ === 0) throw new Error('gap: boom');
      return { sources: t.map((x) => outcome(x.source.id)), events: [], dispatch: null };
    };
    const p = createPoller({ targets, rows: () => [], runDue, now: clock().now, logger: log });
    await p.tick().done;
    expect(log.lines.find((l) => l.level === 'error')).toMatchObject({
      msg: 'cycle failed',
      fields: { sources: ['a', 'b', 'c'], error: 'gap: boom' },
    });
    expect(p.inFlight().size).toBe(0);
    const again = p.tick();
    expect(again.ids).toEqual(['a', 'b', 'c']);
    await again.done;
  });

  it('starts nothing when the sources cannot be read, or once closed', () => {
    const log = memoryLogger();
    let runs = 0;
    const runDue = async (): Promise<CycleResult> => (runs++, { sources: [], events: [], dispatch: null });
    const broken = createPoller({
      targets,
      rows: () => {
        throw new Error('The database connection is not open');
      },
      runDue,
      now: clock().now,
      logger: log,
    });
    expect(broken.tick().ids).toEqual([]);
    expect(log.lines.at(-1)).toMatchObject({ level: 'error', msg: 'scheduler: cannot read the sources' });
    const closed = createPoller({ targets, rows: () => [], runDue, now: clock().now, logger: log });
    closed.close();
    expect(closed.tick().ids).toEqual([]);
    expect(runs).toBe(0);
  });
});

describe('poller with the real runCycle and database', () => {
  let db: Db;
  afterEach(() => db?.close());

  it('keeps polling a failing source at most every 6 h while a healthy one keeps its interval', async () => {
    db = tmpDb().db;
    const c = clock('2026-05-04T08:00:00.000Z');
    const healthy = scriptedCollector();
    const failing = scriptedCollector();
    failing.failNext(1000);
    // a is a feed that works, b a page that keeps failing: collectorFor picks by kind.
    const a = testSource({ id: 'a', vendorId: 'v', kind: 'feed', target: 'https://example.test/a.xml', intervalSec: 1800 });
    const b = testSource({ id: 'b', vendorId: 'v', kind: 'page', target: 'https://example.test/b', intervalSec: 3600 });
    const v = testVendor({ id: 'v', sources: [a, b] });
    const deps = {
      ...pollDeps(db, healthy, c.now),
      collectorFor: (kind: string) => (kind === 'feed' ? healthy : failing),
      vendors: [v],
      steps: [],
    };
    const two = selectSources([v], {});
    const runDue = (t: Target[]) => runCycle(deps, t);
    const p = createPoller({ targets: two, rows: () => listSources(db), runDue, now: c.now, logger: memoryLogger() });
    const end = c.now().getTime() + 3 * 24 * 3600 * 1000;
    let lastB = c.now().getTime();
    while (c.now().getTime() < end) {
      const started = p.tick();
      await started.done;
      if (started.ids.includes('b')) {
        expect(c.now().getTime() - lastB).toBeLessThanOrEqual(6 * 3600 * 1000);
        lastB = c.now().getTime();
      }
      // Jump to the earliest next check, as the 5-second tick would find it.
      c.set(new Date(Math.min(...listSources(db).map((r) => Date.parse(r.nextCheckAt!)))));
    }
    const [ra, rb] = listSources(db);
    expect(ra).toMatchObject({ id: 'a', consecutiveErrors: 0 });
    expect(healthy.calls).toBe(3 * 48); // every 30 min for 3 days
    expect(rb).toMatchObject({ id: 'b', consecutiveErrors: failing.calls });
    expect(failing.calls).toBeGreaterThan(15); // 10 to reach the cap, then every 6 h
    expect(end - lastB).toBeLessThanOrEqual(6 * 3600 * 1000);
  });
});

describe('poller: discovered sources on their own schedule', () => {
  let db: Db | undefined;
  afterEach(() => {
    db?.close();
    db = undefined;
  });
  const next = (d: Db, id: string, at: string) =>
    markSuccess(d, id, {
      now: '2026-05-04T08:00:00.000Z',
      nextCheckAt: at,
      cursor: {},
      requests: 1,
      events: 0,
      startedAt: '2026-05-04T08:00:00.000Z',
    });
  const discover = (d: Db, target: string) =>
    addDiscovered(
      d,
      {
        sourceId: `hf:${target}`,
        vendorId: 'v',
        kind: 'huggingface',
        target,
        discoveredAt: '2026-05-04T07:00:00.000Z',
        discoveredFrom: 'https://example.test/post',
      },
      false,
    );

  it('a discovered source is due when its own next check comes, not with its vendor’s other sources', async () => {
    db = tmpDb().db;
    const d = db;
    syncSources(d, sources);
    for (const s of sources) next(d, s.id, '2026-05-04T08:30:00.000Z');
    discover(d, 'v-models');
    next(d, 'hf:v-models', '2026-05-04T08:10:00.000Z');
    const c = clock('2026-05-04T08:00:00.000Z');
    const ctl = controlledRunDue();
    const seen: Target[][] = [];
    const configured = new Set(targets.map((t) => t.source.id));
    const p = createPoller({
      targets,
      rows: () => listSources(d),
      discovered: () => discoveredSourceTargets(d, [vendor], configured),
      runDue: (t) => (seen.push(t), ctl.runDue(t)),
      now: c.now,
      logger: memoryLogger(),
    });
    expect(p.tick().ids).toEqual([]);
    // 08:10: the discovered org alone, with its vendor and its kind's default interval.
    c.set('2026-05-04T08:10:00.000Z');
    const first = p.tick();
    expect(first.ids).toEqual(['hf:v-models']);
    expect(seen[0]).toEqual([
      {
        source: expect.objectContaining({
          id: 'hf:v-models',
          vendorId: 'v',
          kind: 'huggingface',
          target: 'v-models',
          intervalSec: DEFAULT_INTERVAL_SEC.huggingface,
        }),
        vendor,
      },
    ]);
    ctl.finish(0);
    await first.done;
    next(d, 'hf:v-models', '2026-05-04T08:40:00.000Z');
    // 08:30: the configured sources are due; the discovered one is not (08:40), so it is not in their cycle.
    c.set('2026-05-04T08:30:00.000Z');
    const second = p.tick();
    expect(second.ids).toEqual(['a', 'b', 'c']);
    ctl.finish(1);
    await second.done;
    for (const s of sources) next(d, s.id, '2026-05-04T09:00:00.000Z');
    // A source discovered while running (no check scheduled yet) is due at the next tick, beside the one now due.
    discover(d, 'v-research');
    c.set('2026-05-04T08:40:00.000Z');
    const third = p.tick();
    expect(third.ids).toEqual(['hf:v-research', 'hf:v-models']);
    ctl.finish(2);
    await p.idle();
    expect(ctl.calls.map((x) => x.ids)).toEqual([['hf:v-models'], ['a', 'b', 'c'], ['hf:v-research', 'hf:v-models']]);
  });

  it('leaves out configured ids and vendors with discover: false', () => {
    db = tmpDb().db;
    discover(db, 'v-models');
    discover(db, 'v-other');
    expect(discoveredSourceTargets(db, [vendor], new Set(['hf:v-other'])).map((t) => t.source.id)).toEqual(['hf:v-models']);
    expect(discoveredSourceTargets(db, [{ ...vendor, discover: false }], new Set())).toEqual([]);
    expect(discoveredSourceTargets(db, [], new Set())).toEqual([]);
  });
});
