// `modelwatch run`: the service. Polls each source on its own interval, evaluates the gap and
// dispatches alerts after each cycle, sends the weekly digest, serves /healthz and /metrics when
// MODELWATCH_HTTP_PORT is set, and shuts down cleanly on SIGTERM/SIGINT (exit 0).
import path from 'node:path';
import type { GlobalOptions, Io } from './io.js';
import { createRedactor } from '../http/index.js';
import { SERVICE_MAX_IN_FLIGHT } from '../config/defaults.js';
import { createLogger } from '../log.js';
import { recoverSending } from '../store/alerts.js';
import { syncSources } from '../store/sources.js';
import { openContext } from './context.js';

/** The service's SQLite busy timeout: how long one statement may wait for another process's lock. */
export const SERVICE_BUSY_TIMEOUT_MS = 250;

export default async function run(_args: unknown[], opts: GlobalOptions, io: Io): Promise<number> {
  const ctx = openContext(opts, io);
  const { createRuntime } = await import('../jobs/runtime.js');
  const { discoveredSourceTargets, runCycle, selectSources } = await import('../jobs/cycle.js');
  const { raiseOverdueFailing } = await import('../jobs/poll-source.js');
  const { runWeeklyDigest } = await import('../jobs/digest.js');
  const { startService, installSignalHandlers } = await import('../service/service.js');
  const log = createLogger({ stream: io.stdout, level: opts.verbose ? 'debug' : 'info', redact: createRedactor(ctx.config.secrets) });
  const abort = new AbortController();
  const { acquireWriterLease, databaseFileProblem, fileIdentity, HEARTBEAT_MS, LeaseLostError } = await import('../service/writer.js');
  // One writer per database: a second `run` (or a `poll` / `dispatch` in progress) refuses to
  // start here, naming the other process, before it touches anything.
  let lease: ReturnType<typeof acquireWriterLease>;
  try {
    lease = acquireWriterLease(ctx.db, { command: 'run', now: () => new Date() });
  } catch (err) {
    ctx.close();
    throw err;
  }
  // The service never waits for a lock for long: better-sqlite3 waits synchronously, so a 5 s
  // busy timeout froze the event loop (and /healthz) whenever another process held a write lock.
  // A busy write fails fast instead and is retried (a poll at its next check, a "sent" mark at once).
  ctx.db.pragma(`busy_timeout = ${SERVICE_BUSY_TIMEOUT_MS}`);
  const dbFile = path.resolve(ctx.config.dbPath);
  const opened = fileIdentity(dbFile);
  const rt = createRuntime({ db: ctx.db, config: ctx.config, log, out: io.stdout, signal: abort.signal });
  syncSources(ctx.db, ctx.config.sources); // so /healthz lists every source from the start
  // Alerts left `sending` by a previous process that died between send and mark go back to
  // pending now (not after their lease): at most those are sent twice.
  const recovered = recoverSending(ctx.db, rt.now().toISOString(), { all: true });
  if (recovered) log.warn('alerts in flight at the last stop are pending again', { recovered });
  let service: Awaited<ReturnType<typeof startService>> | undefined;
  let fatal: string | null = null;
  let writeProblem: string | null = null;
  let lastBeat = Date.now();
  // False once the database file is gone or replaced, or the lease was taken: the service stops
  // (exit 1) rather than writing into a file nobody will read.
  const guard = (): boolean => {
    if (fatal) return false;
    const gone = databaseFileProblem(dbFile, opened);
    if (gone) return stopFatal(gone);
    if (Date.now() - lastBeat >= HEARTBEAT_MS) {
      try {
        lease.renew();
        writeProblem = null;
        lastBeat = Date.now();
      } catch (err) {
        if (err instanceof LeaseLostError) return stopFatal(err.message);
        writeProblem = `database: not writable: ${(err as Error)?.message ?? String(err)}`;
      }
    }
    return true;
  };
  const stopFatal = (reason: string): false => {
    if (!fatal) {
      fatal = reason;
      log.error(`${reason}; stopping`, {});
      void service?.stop('fatal');
    }
    return false;
  };
  const dispatchOnce = rt.dispatch;
  if (dispatchOnce) {
    rt.dispatch = async () => {
      if (!guard()) throw new Error(fatal ?? 'store: stopping');
      return dispatchOnce();
    };
  }
  const targets = selectSources(ctx.config.vendors, {});
  const configuredIds = new Set(targets.map((t) => t.source.id));
  try {
    service = await startService({
      db: ctx.db,
      abort,
      logger: log,
      targets,
      // Discovered sources are due on their own schedule, like configured ones; a cycle polls
      // exactly the due sources it is given.
      discovered: () => discoveredSourceTargets(ctx.db, ctx.config.vendors, configuredIds),
      runDue: async (due) => {
        if (!guard()) throw new Error(fatal ?? 'store: stopping');
        return runCycle(rt, due, undefined, { discovered: false });
      },
      healthChecks: () => [databaseFileProblem(dbFile, opened), writeProblem].filter((p): p is string => !!p),
      watch: async () => {
        if (!guard()) return;
        const raised = raiseOverdueFailing(rt, ctx.config.sources, rt.now());
        if (raised.length && rt.dispatch) await rt.dispatch();
      },
      runDigest: async () => {
        if (!guard()) return;
        const r = await runWeeklyDigest({ db: ctx.db, config: ctx.config, channels: rt.channels, now: rt.now });
        log.info('digest', { week: r.week, sent: r.sent, reason: r.reason });
      },
      timezone: ctx.config.env.tz,
      maxInFlight: SERVICE_MAX_IN_FLIGHT,
      http: ctx.config.env.httpPort !== undefined ? { host: ctx.config.env.httpHost, port: ctx.config.env.httpPort } : undefined,
      closeDb: () => {
        rt.close();
        try {
          if (!fatal) lease.release();
        } catch {
          // the lease expires by itself
        }
        ctx.close();
      },
    });
  } catch (e) {
    rt.close();
    lease.release();
    ctx.close();
    throw e;
  }
  log.info('modelwatch running', { sources: ctx.config.sources.length, http: service.address ?? null });
  installSignalHandlers(service, process, log);
  await service.done;
  return fatal ? 1 : 0;
}
