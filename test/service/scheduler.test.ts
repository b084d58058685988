// node-cron runs on vitest's fake timers (setTimeout and Date): no waiting, exact times.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { createScheduler, type Scheduler } from '../../src/service/scheduler.js';
import { deferred, memoryLogger } from './helpers.js';

let scheduler: Scheduler | undefined;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  scheduler?.stop();
  scheduler = undefined;
  vi.useRealTimers();
});

describe('scheduler', () => {
  it('ticks every 5 seconds by default, and never again after stop()', async () => {
    vi.setSystemTime(new Date('2026-05-04T08:00:00.500Z'));
    const tick = vi.fn();
    scheduler = createScheduler({ tick, logger: memoryLogger() });
    expect(scheduler.running()).toBe(true);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(tick).toHaveBeenCalledTimes(3);
    scheduler.stop();
    expect(scheduler.running()).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tick).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps ticking after a tick throws, and logs it', async () => {
    vi.setSystemTime(new Date('2026-05-04T08:00:00.500Z'));
    const log = memoryLogger();
    let n = 0;
    scheduler = createScheduler({
      tick: () => {
        if (n++ === 0) throw new Error('boom');
      },
      logger: log,
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(n).toBe(2);
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([
      { level: 'error', msg: 'scheduler tick failed', fields: { error: 'boom' } },
    ]);
  });

  it('runs the weekly digest on Mondays at 09:00 in MODELWATCH_TZ', async () => {
    // Monday 4 May 2026, 06:00 UTC = 08:00 in Berlin (CEST, UTC+2).
    vi.setSystemTime(new Date('2026-05-04T06:00:00.000Z'));
    const runDigest = vi.fn(async () => {});
    scheduler = createScheduler({ tick: () => {}, runDigest, timezone: 'Europe/Berlin', logger: memoryLogger() });
    expect(scheduler.nextDigestAt()?.toISOString()).toBe('2026-05-04T07:00:00.000Z');
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000 - 1000);
    expect(runDigest).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runDigest).toHaveBeenCalledTimes(1);
    expect(scheduler.nextDigestAt()?.toISOString()).toBe('2026-05-11T07:00:00.000Z');
  });

  it('uses UTC by default and has no digest schedule without runDigest', () => {
    vi.setSystemTime(new Date('2026-05-05T12:00:00.000Z'));
    scheduler = createScheduler({ tick: () => {}, runDigest: async () => {}, logger: memoryLogger() });
    expect(scheduler.nextDigestAt()?.toISOString()).toBe('2026-05-11T09:00:00.000Z');
    scheduler.stop();
    expect(scheduler.nextDigestAt()).toBeNull();
    scheduler = createScheduler({ tick: () => {}, logger: memoryLogger() });
    expect(scheduler.nextDigestAt()).toBeNull();
  });

  it('idle() waits for a digest that is running when stopped', async () => {
    vi.setSystemTime(new Date('2026-05-04T08:59:59.000Z'));
    const gate = deferred();
    const started = deferred();
    scheduler = createScheduler({
      tick: () => {},
      runDigest: () => (started.resolve(), gate.promise),
      logger: memoryLogger(),
    });
    await vi.advanceTimersByTimeAsync(1000);
    await started.promise;
    scheduler.stop();
    let idle = false;
    const waiting = scheduler.idle().then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toBe(false);
    gate.resolve();
    await waiting;
    expect(idle).toBe(true);
  });

  it('rejects an invalid cron expression as a usage error', () => {
    expect(() => createScheduler({ tick: () => {}, cronExpr: 'every minute', logger: memoryLogger() })).toThrow(UsageError);
    expect(() => createScheduler({ tick: () => {}, runDigest: async () => {}, digestCron: '61 * * * *', logger: memoryLogger() })).toThrow(
      /scheduler: invalid digest cron expression "61 \* \* \* \*"/,
    );
  });
});
