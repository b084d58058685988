// `modelwatch dispatch`: sends the alerts that are due now (the outbox), and says what happened.
import type { GlobalOptions, Io } from './io.js';
import { createLogger } from '../log.js';
import { openContext } from './context.js';
import { printJson } from './output.js';

export default async function run(_args: unknown[], opts: GlobalOptions, io: Io): Promise<number> {
  const ctx = openContext(opts, io);
  const { createRuntime } = await import('../jobs/runtime.js');
  const { holdWriterLease } = await import('../service/writer.js');
  let lease: ReturnType<typeof holdWriterLease>;
  try {
    // One writer per database: refused (exit 1, naming it) while `modelwatch run` holds it.
    lease = holdWriterLease(ctx.db, 'dispatch');
  } catch (err) {
    ctx.close();
    throw err;
  }
  const rt = createRuntime({
    db: ctx.db,
    config: ctx.config,
    log: createLogger({ stream: io.stderr, level: opts.verbose ? 'debug' : 'warn' }),
    out: io.stdout,
  });
  try {
    const summary = await rt.dispatch!();
    if (opts.json) printJson(io, summary);
    else io.stdout.write(`alerts: ${summary.sent} sent, ${summary.retried} to retry, ${summary.failed} failed, ${summary.dead} dead\n`);
    return summary.failed + summary.dead > 0 ? 1 : 0;
  } finally {
    lease.release();
    rt.close();
    ctx.close();
  }
}
