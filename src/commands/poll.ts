// `modelwatch poll`: exactly one full cycle of what `run` does on schedule — collect, classify,
// evaluate the gap, dispatch pending alerts — for every selected source now, whatever its next
// check time. Exit 1 when a source failed (its error is recorded on its row either way).
import type { GlobalOptions, Io } from './io.js';
import { UsageError } from '../errors.js';
import { createLogger } from '../log.js';
import { openContext } from './context.js';
import { printJson, printTable } from './output.js';

interface PollOpts extends GlobalOptions {
  vendor?: string;
  source?: string;
  dispatch?: boolean;
}

export default async function run(_args: unknown[], opts: PollOpts, io: Io): Promise<number> {
  const ctx = openContext(opts, io);
  const { createRuntime } = await import('../jobs/runtime.js');
  const { runCycle, selectSources } = await import('../jobs/cycle.js');
  const { holdWriterLease } = await import('../service/writer.js');
  let lease: ReturnType<typeof holdWriterLease>;
  try {
    // One writer per database: refused (exit 1, naming it) while `modelwatch run` holds it.
    lease = holdWriterLease(ctx.db, 'poll');
  } catch (err) {
    ctx.close();
    throw err;
  }
  const log = createLogger({ stream: io.stderr, level: opts.verbose ? 'debug' : 'warn' });
  const rt = createRuntime({ db: ctx.db, config: ctx.config, log, out: io.stdout, noDispatch: opts.dispatch === false });
  try {
    if (opts.vendor && !ctx.config.vendors.some((v) => v.id === opts.vendor)) {
      throw new UsageError(`poll: no vendor "${opts.vendor}" (configured: ${ctx.config.vendors.map((v) => v.id).join(', ')})`);
    }
    const targets = selectSources(ctx.config.vendors, { vendor: opts.vendor, source: opts.source });
    if (opts.source && targets.length === 0)
      throw new UsageError(`poll: no source "${opts.source}"${opts.vendor ? ` for vendor ${opts.vendor}` : ''}`);
    const result = await runCycle(rt, targets, progressBar(io), { discovered: !opts.source });
    const rows = result.sources.map((s) => ({
      source: s.sourceId,
      vendor: s.vendorId,
      ok: s.ok,
      events: s.events.length,
      alerting: s.events.filter((e) => !e.baseline).length,
      requests: s.requests,
      notModified: s.notModified,
      error: s.error ? rt.redact(s.error) : null,
      nextCheckAt: s.nextCheckAt,
    }));
    if (opts.json) {
      printJson(io, {
        sources: rows,
        events: result.events.map((e) => ({
          id: e.id,
          kind: e.kind,
          vendor: e.vendorId,
          model: e.modelId,
          summary: e.summary,
          baseline: e.baseline,
          occurredAt: e.occurredAt,
        })),
        dispatch: result.dispatch,
      });
    } else {
      printTable(io, rows, [
        { header: 'source', get: (r) => r.source, max: 48 },
        { header: 'events', get: (r) => r.events },
        { header: 'requests', get: (r) => r.requests },
        { header: 'status', get: (r) => (r.ok ? 'ok' : 'error') },
        { header: 'error', get: (r) => r.error, max: 80 },
      ]);
      const steps = result.events.length - rows.reduce((n, r) => n + r.events, 0);
      io.stdout.write(`${result.events.length} new event(s)${steps ? `, ${steps} from classification and gap` : ''}`);
      io.stdout.write(
        result.dispatch
          ? `; alerts: ${result.dispatch.sent} sent, ${result.dispatch.retried} to retry, ${result.dispatch.failed} failed\n`
          : '; alerts left pending\n',
      );
    }
    return rows.some((r) => !r.ok) ? 1 : 0;
  } finally {
    lease.release();
    rt.close();
    ctx.close();
  }
}

/** A progress bar on a terminal (long first runs: a backfill of a large org); nothing on a pipe. */
function progressBar(io: Io): ((done: number, total: number, last: { sourceId: string }) => void) | undefined {
  const err = io.stderr as NodeJS.WritableStream & { isTTY?: boolean };
  if (!err.isTTY) return undefined;
  return (done, total, last) => {
    const width = 24;
    const filled = Math.round((done / total) * width);
    err.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${last.sourceId.slice(0, 40).padEnd(40)}`);
    if (done === total) err.write('\r' + ' '.repeat(width + 50) + '\r');
  };
}
