// Issue 14: an offline `run` must not flood the log. The real cycle, the real HTTP edge and the
// real feed collector against loopback ports that refuse connections; an injected clock and a
// recording logger. Each failing source is logged once when it starts failing (source id once,
// the short cause, the next try), then at most once an hour while the cause stays the same; when
// every source is unreachable, one summary line says so.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { collectorFor, createRegistry } from '../../src/collectors/registry.js';
import { runCycle, selectSources } from '../../src/jobs/cycle.js';
import type { SourceOutcome } from '../../src/jobs/poll-source.js';
import { createPoller, REPEAT_FAILURE_LOG_MS, type Target } from '../../src/service/poller.js';
import type { Db } from '../../src/store/db.js';
import { getSource, listSources, syncSources } from '../../src/store/sources.js';
import { testSource, testVendor } from '../helpers/config.js';
import { testHttpClient } from '../helpers/http.js';
import { tmpDb } from '../helpers/tmp.js';
import { clock, memoryLogger, pollDeps, scriptedCollector } from './helpers.js';

/** A loopback port nothing listens on: connections to it are refused. */
async function refusingPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let db: Db | undefined;
afterEach(() => {
  if (db?.open) db.close();
  db = undefined;
});

async function offline(n: number) {
  const ports = await Promise.all(Array.from({ length: n }, refusingPort));
  const sources = ports.map((port, i) =>
    testSource({ id: `blog-${i}`, vendorId: 'v', kind: 'feed', target: `http://127.0.0.1:${port}/rss.xml`, intervalSec: 1800 }),
  );
  const vendor = testVendor({ id: 'v', sources });
  ({ db } = tmpDb());
  syncSources(db, sources);
  const c = clock('2026-05-04T08:00:00.000Z');
  const registry = createRegistry();
  const deps = {
    ...pollDeps(db, scriptedCollector(), c.now, { http: testHttpClient(), collectorFor: (kind) => collectorFor(registry, kind) }),
    vendors: [vendor],
    steps: [],
  };
  const log = memoryLogger();
  const poller = createPoller({
    targets: selectSources([vendor], {}),
    rows: () => listSources(db!),
    runDue: (t) => runCycle(deps, t),
    now: c.now,
    logger: log,
  });
  /** Moves the clock to the earliest next check and runs the cycle that starts then. */
  const nextCycle = async () => {
    const next = listSources(db!)
      .map((r) => r.nextCheckAt!)
      .sort()[0];
    c.set(next);
    await poller.tick().done;
  };
  return { c, log, poller, nextCycle, db: db! };
}

const warnings = (log: ReturnType<typeof memoryLogger>) => log.lines.filter((l) => l.level === 'warn');

describe('offline run logs (issue 14)', () => {
  it('one concise line per failing source and one summary when all are unreachable; no repeats every cycle', async () => {
    const { log, poller, nextCycle, db } = await offline(3);
    await poller.tick().done;

    const failed = log.lines.filter((l) => l.msg === 'poll failed');
    expect(failed.map((l) => l.fields.source)).toEqual(['blog-0', 'blog-1', 'blog-2']);
    for (const l of failed) {
      expect(l.level).toBe('warn');
      expect(Object.keys(l.fields).sort()).toEqual(['error', 'nextCheckAt', 'source', 'transient']);
      const text = JSON.stringify(l.fields);
      // The source id once (in `source`), not again inside the error.
      expect(text.split(String(l.fields.source)).length - 1).toBe(1);
      expect(l.fields.error).toMatch(/network error/);
      expect(l.fields.nextCheckAt).toBe(getSource(db, String(l.fields.source))!.nextCheckAt);
    }
    const summary = log.lines.filter((l) => l.msg.startsWith('all '));
    expect(summary).toHaveLength(1);
    const first = listSources(db)
      .map((r) => r.nextCheckAt!)
      .sort()[0];
    expect(summary[0]).toMatchObject({
      level: 'warn',
      msg: `all 3 sources unreachable (network): last success never; next try ${first}`,
      fields: { sources: 3, lastSuccessAt: null, nextCheckAt: first },
    });

    // The next cycles within the hour: the rows record every failure, the log repeats nothing.
    const start = Date.parse('2026-05-04T08:00:00.000Z');
    const earliest = () =>
      Date.parse(
        listSources(db)
          .map((r) => r.nextCheckAt!)
          .sort()[0],
      );
    const before = warnings(log).length;
    let cycles = 0;
    while (earliest() < start + REPEAT_FAILURE_LOG_MS) {
      await nextCycle();
      cycles++;
    }
    expect(cycles).toBeGreaterThan(1);
    expect(warnings(log)).toHaveLength(before);
    expect(log.lines.filter((l) => l.msg === 'cycle done')).toHaveLength(1 + cycles);
    const errors = getSource(db, 'blog-0')!.consecutiveErrors;
    expect(errors).toBe(1 + cycles);

    // An hour on, each source is logged once more, with how many failures went unlogged, and the summary once.
    await nextCycle();
    const again = warnings(log).slice(before);
    const next = listSources(db)
      .map((r) => r.nextCheckAt!)
      .sort()[0];
    expect(again).toEqual([
      ...['blog-0', 'blog-1', 'blog-2'].map((source) => ({
        level: 'warn',
        msg: 'poll failed',
        fields: {
          source,
          error: failed[0].fields.error,
          transient: true,
          repeated: errors - 1,
          nextCheckAt: getSource(db, source)!.nextCheckAt,
        },
      })),
      {
        level: 'warn',
        msg: `all 3 sources unreachable (network): last success never; next try ${next}`,
        fields: { sources: 3, lastSuccessAt: null, nextCheckAt: next },
      },
    ]);
    poller.close();
  });

  it('logs a failing source again when its cause changes or after it recovered; no summary while a source is fine', async () => {
    const sources = ['a', 'b'].map((id) =>
      testSource({ id, vendorId: 'v', kind: 'feed', target: `https://example.test/${id}.xml`, intervalSec: 1800 }),
    );
    const targets = selectSources([testVendor({ id: 'v', sources })], {});
    const c = clock('2026-05-04T08:00:00.000Z');
    const log = memoryLogger();
    let script: Record<string, string | null> = {};
    const outcome = (id: string): SourceOutcome => {
      const error = script[id];
      const base = { sourceId: id, vendorId: 'v', events: [], requests: 1, notModified: 0, nextCheckAt: '2026-05-04T09:00:00.000Z' };
      return error
        ? {
            ...base,
            ok: false,
            error: `feed: ${id} (https://example.test/${id}.xml): ${error}`,
            transient: true,
            cause: 'network',
            lastSuccessAt: null,
          }
        : { ...base, ok: true };
    };
    const runDue = async (t: Target[]) => ({ sources: t.map((x) => outcome(x.source.id)), events: [], dispatch: null });
    const p = createPoller({ targets, rows: () => [], runDue, now: c.now, logger: log });
    const cycle = async (s: Record<string, string | null>) => {
      script = s;
      log.lines.length = 0;
      c.advance(60_000);
      await p.tick().done;
      return log.lines.filter((l) => l.level === 'warn').map((l) => [l.fields.source, l.fields.error]);
    };
    const refused = 'network error: fetch failed (ECONNREFUSED)';
    const reset = 'network error: fetch failed (ECONNRESET)';
    expect(await cycle({ a: refused, b: null })).toEqual([['a', refused]]); // b is fine: no summary
    expect(await cycle({ a: refused, b: null })).toEqual([]);
    expect(await cycle({ a: reset, b: null })).toEqual([['a', reset]]);
    expect(await cycle({ a: null, b: null })).toEqual([]);
    expect(await cycle({ a: reset, b: reset })).toEqual([
      ['a', reset],
      ['b', reset],
      [undefined, undefined],
    ]);
    expect(log.lines.at(-2)!.msg).toMatch(/^all 2 sources unreachable \(network\): last success never; next try 2026-05-04T09:00:00.000Z$/);
    expect(await cycle({ a: reset, b: reset })).toEqual([]);
  });
});
