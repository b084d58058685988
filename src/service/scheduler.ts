// The timers of `modelwatch run`, and the only module that imports node-cron (habit 7).
// A frequent tick asks the poller which sources are due (each source keeps its own interval
// and backoff in its row's next_check_at); the weekly digest has its own schedule in
// MODELWATCH_TZ. https://github.com/node-cron/node-cron (v4: schedule → ScheduledTask)
import cron, { type ScheduledTask } from 'node-cron';
import { UsageError } from '../errors.js';
import type { Logger } from '../log.js';

/** Every 5 seconds: how often due sources are looked for (not how often a source is polled). */
export const DEFAULT_TICK_CRON = '*/5 * * * * *';
/** Mondays at 09:00 in MODELWATCH_TZ. */
export const DEFAULT_DIGEST_CRON = '0 9 * * 1';
/** A digest whose minute was missed (event loop busy, laptop asleep) still runs within this. */
const DIGEST_LATE_TOLERANCE_MS = 60 * 60 * 1000;

export interface SchedulerOptions {
  /** Starts the cycles of the due sources; should return quickly (the poller's tick does). */
  tick: () => void | Promise<void>;
  cronExpr?: string;
  runDigest?: () => Promise<void>;
  digestCron?: string;
  /** IANA time zone of the digest schedule (MODELWATCH_TZ; default UTC). */
  timezone?: string;
  logger: Logger;
}

export interface Scheduler {
  /** True from creation until stop(): both schedules are armed. */
  running(): boolean;
  /** When the next weekly digest runs (null without a digest or once stopped). */
  nextDigestAt(): Date | null;
  /** Disarms both schedules; nothing new starts afterwards. Idempotent. */
  stop(): void;
  /** Resolves once no tick or digest started by the schedules is running. */
  idle(): Promise<void>;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { logger } = opts;
  const cronLogger = {
    info: (m: string) => logger.debug(`scheduler: ${m}`),
    debug: (m: string | Error) => logger.debug(`scheduler: ${String(m)}`),
    warn: (m: string) => logger.warn(`scheduler: ${m}`),
    error: (m: string | Error, err?: Error) =>
      logger.error(`scheduler: ${m instanceof Error ? m.message : m}`, err ? { error: err.message } : {}),
  };
  const running = new Set<Promise<void>>();
  const guarded = (name: string, fn: () => void | Promise<void>) => () => {
    const p = (async () => {
      try {
        await fn();
      } catch (err) {
        logger.error(`${name} failed`, { error: (err as Error)?.message ?? String(err) });
      }
    })().finally(() => running.delete(p));
    running.add(p);
    return p;
  };

  const tickExpr = opts.cronExpr ?? DEFAULT_TICK_CRON;
  const digestExpr = opts.digestCron ?? DEFAULT_DIGEST_CRON;
  const timezone = opts.timezone ?? 'UTC';
  for (const [what, expr] of [
    ['tick', tickExpr],
    ['digest', digestExpr],
  ] as const) {
    if (!cron.validate(expr)) throw new UsageError(`scheduler: invalid ${what} cron expression "${expr}"`);
  }

  const tasks: ScheduledTask[] = [];
  // A missed tick is harmless (the next one finds the same due sources): no warning for it.
  tasks.push(
    cron.schedule(tickExpr, guarded('scheduler tick', opts.tick), {
      name: 'modelwatch:poll',
      noOverlap: true,
      suppressMissedWarning: true,
      logger: cronLogger,
    }),
  );
  let digest: ScheduledTask | undefined;
  if (opts.runDigest) {
    digest = cron.schedule(digestExpr, guarded('digest', opts.runDigest), {
      name: 'modelwatch:digest',
      noOverlap: true,
      timezone,
      missedExecutionTolerance: DIGEST_LATE_TOLERANCE_MS,
      logger: cronLogger,
    });
    tasks.push(digest);
  }
  let stopped = false;
  logger.debug('scheduler started', { tick: tickExpr, digest: digest ? digestExpr : null, timezone });

  return {
    running: () => !stopped,
    nextDigestAt: () => (stopped || !digest ? null : digest.getNextRun()),
    stop() {
      if (stopped) return;
      stopped = true;
      // destroy() also removes the task from node-cron's process-wide registry.
      for (const t of tasks) void t.destroy();
    },
    async idle() {
      while (running.size) await Promise.all(running);
    },
  };
}
