// `modelwatch run` as a value: the scheduler, the poller and the optional loopback endpoint,
// started together and stopped in order (stop scheduling → drain or abort in-flight work →
// close the endpoint → close the database). The CLI command only wires and waits on `done`.
import type { CycleResult } from '../jobs/cycle.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';
import { listSources } from '../store/sources.js';
import { createPoller, type Target } from './poller.js';
import { createScheduler, type Scheduler } from './scheduler.js';
import { startServer, type HttpEndpoint } from './server.js';

export type { Target } from './poller.js';

export const DEFAULT_SHUTDOWN_DEADLINE_MS = 10_000;
export const DEFAULT_ABORT_GRACE_MS = 5_000;

export interface ServiceOptions {
  db: Db;
  /** Every configured source with its vendor: `selectSources(config.vendors, {})`. */
  targets: readonly Target[];
  /**
   * One full cycle for the due sources: `(t, signal) => runCycle({ ...deps, signal }, t)`.
   * `signal` aborts at the shutdown deadline; it must reach PollDeps.signal (and the HTTP edge).
   */
  runDue: (targets: Target[], signal: AbortSignal) => Promise<CycleResult>;
  /** Sources found while running (discovered sources), read at every tick and due on their own schedule. */
  discovered?: () => readonly Target[];
  /** Runs at every tick besides the poller, for checks that must not wait for a poll (a source
   *  parked by a long server wait still raises source.failing). Errors are logged. */
  watch?: () => Promise<void> | void;
  /** Problems /healthz and /metrics report besides their own checks (the database file replaced,
   *  the heartbeat write failing); any makes /healthz answer 503. */
  healthChecks?: () => string[];
  /** The weekly digest (omitted: no digest schedule). */
  runDigest?: (signal: AbortSignal) => Promise<void>;
  logger: Logger;
  now?: () => Date;
  /** MODELWATCH_TZ, for the digest schedule (default UTC). */
  timezone?: string;
  /** The loopback endpoint (MODELWATCH_HTTP_HOST / MODELWATCH_HTTP_PORT); omitted: off. */
  http?: { host: string; port: number };
  /** Cron of the due-source check (default every 5 s) and of the digest (default Mondays 09:00). */
  tickCron?: string;
  digestCron?: string;
  /** Most sources polled at once, across overlapping cycles (default 4). */
  maxInFlight?: number;
  /** How long stop() lets in-flight cycles finish before aborting their requests (default 10 s). */
  shutdownDeadlineMs?: number;
  /** After the abort, how long cycles get to unwind before the database is closed anyway (default 5 s). */
  abortGraceMs?: number;
  /** Look for due sources right away instead of at the first tick (default true). */
  tickOnStart?: boolean;
  /** Closes the database as the last step of stop() (default `db.close()`). */
  closeDb?: () => void;
  /** Aborted at the shutdown deadline; give one when the runtime is built with its signal first. */
  abort?: AbortController;
}

export interface Service {
  /** Graceful shutdown; idempotent (a second call returns the same promise); never rejects. */
  stop(reason?: string): Promise<void>;
  /** Resolves when the service has stopped and the database is closed. */
  done: Promise<void>;
  /** The endpoint, when `http` was given. */
  address?: HttpEndpoint;
  /** Aborted at the shutdown deadline (also passed to runDue / runDigest). */
  signal: AbortSignal;
  /** Sources being polled now. */
  inFlight(): ReadonlySet<string>;
}

/**
 * Starts the service. If this throws (the port is taken, a cron expression is invalid), nothing
 * is left running and the database is still open: the caller closes it.
 */
export async function startService(opts: ServiceOptions): Promise<Service> {
  const { logger, db } = opts;
  const now = opts.now ?? (() => new Date());
  const abort = opts.abort ?? new AbortController();
  const poller = createPoller({
    targets: opts.targets,
    rows: () => listSources(db),
    ...(opts.discovered ? { discovered: opts.discovered } : {}),
    runDue: (t) => opts.runDue(t, abort.signal),
    now,
    logger,
    maxInFlight: opts.maxInFlight,
  });
  let scheduler: Scheduler | undefined;
  const address = opts.http
    ? await startServer({
        db,
        host: opts.http.host,
        port: opts.http.port,
        schedulerRunning: () => scheduler?.running() ?? false,
        sourceIds: opts.targets.map((t) => t.source.id),
        checks: () => {
          const last = poller.lastCycle();
          return [...(opts.healthChecks?.() ?? []), ...(last && !last.ok ? [`cycle: the last cycle (${last.at}) failed`] : [])];
        },
        now,
        logger,
      })
    : undefined;
  let watching: Promise<void> | undefined;
  const watch = () => {
    if (!opts.watch || watching) return;
    watching = Promise.resolve()
      .then(opts.watch)
      .catch((err: Error) => logger.error('watch failed', { error: err?.message ?? String(err) }))
      .finally(() => (watching = undefined));
  };
  try {
    scheduler = createScheduler({
      tick: () => {
        watch();
        void poller.tick();
      },
      cronExpr: opts.tickCron,
      runDigest: opts.runDigest && (() => opts.runDigest!(abort.signal)),
      digestCron: opts.digestCron,
      timezone: opts.timezone,
      logger,
    });
  } catch (err) {
    await address?.close();
    throw err;
  }
  const sched = scheduler;
  logger.info('service started', {
    sources: opts.targets.length,
    nextDigestAt: sched.nextDigestAt()?.toISOString() ?? null,
    ...(address ? { http: address.url } : {}),
  });
  if (opts.tickOnStart !== false) {
    watch();
    poller.tick();
  }

  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const idle = () => Promise.all([poller.idle(), sched.idle(), watching]).then(() => undefined);

  const shutdown = async (reason: string): Promise<void> => {
    logger.info('shutting down', { reason, inFlight: [...poller.inFlight()] });
    sched.stop();
    poller.close();
    const deadline = opts.shutdownDeadlineMs ?? DEFAULT_SHUTDOWN_DEADLINE_MS;
    if (!(await within(idle(), deadline))) {
      logger.warn('shutdown deadline reached: aborting in-flight requests', { deadlineMs: deadline, inFlight: [...poller.inFlight()] });
      abort.abort(new Error('modelwatch is shutting down'));
      // An aborted poll is recorded as a failed poll of its source (with backoff), like any error.
      if (!(await within(idle(), opts.abortGraceMs ?? DEFAULT_ABORT_GRACE_MS))) {
        logger.error('in-flight work did not stop after the abort; closing the database anyway', { inFlight: [...poller.inFlight()] });
      }
    }
    if (address) await address.close().catch((err: Error) => logger.error('http: close failed', { error: err.message }));
    // better-sqlite3 is synchronous: a transaction that has begun runs to its commit before the
    // event loop can even deliver SIGTERM, so no transaction is ever open here. Work still
    // pending after the grace period finds the database closed and fails without writing.
    try {
      (opts.closeDb ?? (() => db.close()))();
    } catch (err) {
      logger.error('store: closing the database failed', { error: (err as Error)?.message });
    }
    logger.info('stopped', { reason });
  };

  let stopping: Promise<void> | undefined;
  return {
    stop(reason = 'stop') {
      stopping ??= shutdown(reason)
        .catch((err: Error) => logger.error('shutdown failed', { error: err?.message ?? String(err) }))
        .finally(resolveDone);
      return stopping;
    },
    done,
    address,
    signal: abort.signal,
    inFlight: () => poller.inFlight(),
  };
}

/** True if `p` settled within `ms`; the timer never outlives the wait. */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([p.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What installSignalHandlers needs of `process` (an EventEmitter with exit in tests). */
export interface SignalTarget {
  on(event: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code?: number): void;
}

/**
 * SIGTERM / SIGINT stop the service gracefully; a second signal while stopping exits at once
 * (code 1). The handlers are removed once the service is done. Returns a remover.
 */
export function installSignalHandlers(service: Pick<Service, 'stop' | 'done'>, proc: SignalTarget, logger?: Logger): () => void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      logger?.error('second signal: exiting without a clean shutdown', { signal });
      proc.exit(1);
      return;
    }
    received = true;
    logger?.info('signal received', { signal });
    void service.stop(signal);
  };
  const remove = () => {
    proc.off('SIGTERM', onSignal);
    proc.off('SIGINT', onSignal);
  };
  proc.on('SIGTERM', onSignal);
  proc.on('SIGINT', onSignal);
  void service.done.then(remove);
  return remove;
}
