// A failing source through the REAL pollSource and a real database, on an injected clock:
// the backoff curve of src/jobs/backoff.ts (60 s × 2^(n−1), cap 6 h; random 0.5 = no jitter),
// Retry-After, recovery, and the scheduler's decision (dueSources) at each step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { pollSource } from '../../src/jobs/poll-source.js';
import type { Db } from '../../src/store/db.js';
import { getSource, syncSources } from '../../src/store/sources.js';
import { dueSources } from '../../src/service/due.js';
import { testSource, testVendor } from '../helpers/config.js';
import { tmpDb } from '../helpers/tmp.js';
import { clock, countEvents, pollDeps, scriptedCollector, type Clock } from './helpers.js';

const SIX_HOURS = 6 * 3600 * 1000;
const source = testSource({
  id: 'meta-blog',
  vendorId: 'meta',
  kind: 'feed',
  target: 'https://ai.meta.example/blog/rss',
  intervalSec: 1800,
});
const vendor = testVendor({ id: 'meta', sources: [source] });

let db: Db;
let c: Clock;
let collector: ReturnType<typeof scriptedCollector>;
const poll = () => pollSource(pollDeps(db, collector, c.now), source, vendor);
const row = () => getSource(db, source.id)!;
const isDue = () => dueSources([row()], [source], c.now(), new Set()).includes(source.id);
/** Moves the clock to the source's next check, checking the scheduler would not poll it earlier. */
const toNextCheck = () => {
  const next = Date.parse(row().nextCheckAt!);
  c.set(new Date(next - 1));
  expect(isDue()).toBe(false);
  c.set(new Date(next));
  expect(isDue()).toBe(true);
};

beforeEach(() => {
  db = tmpDb().db;
  c = clock('2026-05-04T08:00:00.000Z');
  collector = scriptedCollector();
  syncSources(db, [source]);
});
afterEach(() => db.close());

describe('a failing source (real pollSource, injected clock)', () => {
  it('backs off 60 s × 2^(n−1) after each of 5 failures', async () => {
    collector.failNext(5);
    const expected = [60, 120, 240, 480, 960];
    for (const [i, delaySec] of expected.entries()) {
      const at = c.now().getTime();
      const outcome = await poll();
      expect(outcome.ok).toBe(false);
      expect(outcome.transient).toBe(true);
      expect(row().nextCheckAt).toBe(new Date(at + delaySec * 1000).toISOString());
      expect(row().consecutiveErrors).toBe(i + 1);
      expect(row().lastError).toBe('feed: test: 503 Service Unavailable');
      toNextCheck();
    }
    // The absolute schedule from the first failure at 08:00:00.
    expect(row().nextCheckAt).toBe('2026-05-04T08:31:00.000Z');
    expect(row().errors).toBe(5);
    expect(row().polls).toBe(5);
  });

  it('honours a Retry-After of 2 hours: next check exactly then, not on the 60 s curve', async () => {
    const retryAt = new Date(c.now().getTime() + 2 * 3600 * 1000);
    collector.failNext(1, () => new SourceError('feed: test: 429 Too Many Requests', true, { retryAt }));
    await poll();
    expect(row().nextCheckAt).toBe(retryAt.toISOString());
    c.advance(60_000);
    expect(isDue()).toBe(false);
    toNextCheck();
  });

  it('honours a retry time only when it is later than the backoff', async () => {
    collector.failNext(3);
    for (let i = 0; i < 3; i++) {
      await poll();
      toNextCheck();
    }
    // 4th failure: backoff is 480 s; a Retry-After of 30 s must not make it earlier.
    collector.failNext(1, () => new SourceError('feed: test: 429', true, { retryAt: new Date(c.now().getTime() + 30_000) }));
    const at = c.now().getTime();
    await poll();
    expect(row().nextCheckAt).toBe(new Date(at + 480_000).toISOString());
  });

  it('returns to its own interval after one success, and the curve restarts at 60 s', async () => {
    collector.failNext(5);
    for (let i = 0; i < 5; i++) {
      await poll();
      toNextCheck();
    }
    const at = c.now().getTime();
    const ok = await poll();
    expect(ok.ok).toBe(true);
    expect(row().nextCheckAt).toBe(new Date(at + source.intervalSec * 1000).toISOString());
    expect(row().consecutiveErrors).toBe(0);
    expect(row().lastSuccessAt).toBe(new Date(at).toISOString());
    toNextCheck();
    collector.failNext(1);
    const again = c.now().getTime();
    await poll();
    expect(row().nextCheckAt).toBe(new Date(again + 60_000).toISOString());
  });

  it('is never dropped: after 50 failures it is still checked, at most 6 h apart', async () => {
    collector.failNext(50);
    for (let n = 1; n <= 50; n++) {
      const at = c.now().getTime();
      await poll();
      const next = Date.parse(row().nextCheckAt!);
      expect(next - at).toBeLessThanOrEqual(SIX_HOURS);
      if (n >= 10) expect(next - at).toBe(SIX_HOURS); // 60 s × 2^9 > 6 h: at the cap
      toNextCheck();
    }
    expect(row().consecutiveErrors).toBe(50);
    expect(collector.calls).toBe(50);
    await poll();
    expect(row().consecutiveErrors).toBe(0);
  });

  it('a permanent error backs off on the same curve and is retried too', async () => {
    collector.failNext(2, () => new Error('unexpected markup'));
    const at = c.now().getTime();
    const first = await poll();
    expect(first.transient).toBe(false);
    expect(row().lastError).toBe(`feed: ${source.id}: unexpected markup`);
    expect(row().nextCheckAt).toBe(new Date(at + 60_000).toISOString());
    toNextCheck();
    await poll();
    expect(row().consecutiveErrors).toBe(2);
  });
});

describe('source.failing / source.recovered', () => {
  it('raises one source.failing after more than 6 hours of failures, one source.recovered on recovery', async () => {
    const start = c.now().getTime();
    const fail = () => (collector.failNext(1), poll());
    // Follow the backoff schedule until the failures have lasted 6 hours.
    while (c.now().getTime() - start < SIX_HOURS) {
      await fail();
      expect(countEvents(db, 'source.failing')).toBe(0);
      toNextCheck();
    }
    await fail();
    expect(countEvents(db, 'source.failing')).toBe(1);
    // Keep failing for another day: still exactly one.
    for (let i = 0; i < 4; i++) {
      toNextCheck();
      await fail();
    }
    expect(countEvents(db, 'source.failing')).toBe(1);
    expect(countEvents(db, 'source.recovered')).toBe(0);
    const failing = db.prepare("SELECT severity, source_id, data_json FROM events WHERE kind = 'source.failing'").get() as {
      severity: string;
      source_id: string;
      data_json: string;
    };
    expect(failing).toMatchObject({ severity: 'warning', source_id: source.id });
    expect(JSON.parse(failing.data_json).since).toBe(new Date(start).toISOString());

    toNextCheck();
    const ok = await poll();
    expect(ok.ok).toBe(true);
    expect(ok.events.map((e) => e.kind)).toEqual(['source.recovered']);
    expect(countEvents(db, 'source.recovered')).toBe(1);
    // Both events queued an alert on the routed channel (written in the event's transaction).
    const alerts = db.prepare('SELECT COUNT(*) AS n FROM alerts').get() as { n: number };
    expect(alerts.n).toBe(2);

    // A short failure afterwards raises nothing, and its recovery raises nothing either.
    toNextCheck();
    collector.failNext(1);
    await poll();
    toNextCheck();
    await poll();
    expect(countEvents(db, 'source.failing')).toBe(1);
    expect(countEvents(db, 'source.recovered')).toBe(1);
  });

  it('does not raise source.failing just before 6 hours, does just after', async () => {
    const start = c.now().getTime();
    const retryAt = (ms: number) => () => new SourceError('feed: test: 429', true, { retryAt: new Date(start + ms) });
    collector.failNext(1, retryAt(SIX_HOURS - 1000));
    await poll();
    toNextCheck();
    collector.failNext(1, retryAt(SIX_HOURS + 60_000));
    await poll(); // at 5 h 59 min 59 s
    expect(countEvents(db, 'source.failing')).toBe(0);
    toNextCheck();
    collector.failNext(1);
    await poll(); // at 6 h 1 min
    expect(countEvents(db, 'source.failing')).toBe(1);
  });
});
