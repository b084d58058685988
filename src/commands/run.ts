// `modelwatch run`: the service. Polls each source on its own interval, evaluates the gap and
// dispatches alerts after each cycle, sends the weekly digest, serves /healthz and /metrics when
// MODELWATCH_HTTP_PORT is set, and shuts down cleanly on SIGTERM/SIGINT (exit 0).
import type { GlobalOptions, Io } from '../cli.js';
import { createRedactor } from '../http/redact.js';
import { SERVICE_MAX_IN_FLIGHT } from '../config/defaults.js';
import { createLogger } from '../log.js';
import { recoverSending } from '../store/alerts.js';
import { syncSources } from '../store/sources.js';
import { openContext } from './context.js';

export default async function run(_args: unknown[], opts: GlobalOptions, io: Io): Promise<number> {
  const ctx = openContext(opts, io);
  const { createRuntime } = await import('../jobs/runtime.js');
  const { runCycle, selectSources } = await import('../jobs/cycle.js');
  const { raiseOverdueFailing } = await import('../jobs/poll-source.js');
  const { runWeeklyDigest } = await import('../jobs/digest.js');
  const { startService, installSignalHandlers } = await import('../service/service.js');
  const log = createLogger({ stream: io.stdout, level: opts.verbose ? 'debug' : 'info', redact: createRedactor(ctx.config.secrets) });
  const abort = new AbortController();
  const rt = createRuntime({ db: ctx.db, config: ctx.config, log, out: io.stdout, signal: abort.signal });
  syncSources(ctx.db, ctx.config.sources); // so /healthz lists every source from the start
  // Alerts left `sending` by a previous process that died between send and mark go back to
  // pending now (not after their lease): at most those are sent twice.
  const recovered = recoverSending(ctx.db, rt.now().toISOString(), { all: true });
  if (recovered) log.warn('alerts in flight at the last stop are pending again', { recovered });
  let service;
  try {
    service = await startService({
      db: ctx.db,
      abort,
      logger: log,
      targets: selectSources(ctx.config.vendors, {}),
      runDue: (targets) => runCycle(rt, targets),
      watch: async () => {
        const raised = raiseOverdueFailing(rt, ctx.config.sources, rt.now());
        if (raised.length && rt.dispatch) await rt.dispatch();
      },
      runDigest: async () => {
        const r = await runWeeklyDigest({ db: ctx.db, config: ctx.config, channels: rt.channels, now: rt.now });
        log.info('digest', { week: r.week, sent: r.sent, reason: r.reason });
      },
      timezone: ctx.config.env.tz,
      maxInFlight: SERVICE_MAX_IN_FLIGHT,
      http: ctx.config.env.httpPort !== undefined ? { host: ctx.config.env.httpHost, port: ctx.config.env.httpPort } : undefined,
      closeDb: () => {
        rt.close();
        ctx.close();
      },
    });
  } catch (e) {
    rt.close();
    ctx.close();
    throw e;
  }
  log.info('modelwatch running', { sources: ctx.config.sources.length, http: service.address ?? null });
  installSignalHandlers(service, process, log);
  await service.done;
  return 0;
}
