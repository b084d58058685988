// `modelwatch alerts [--status S] [--json]` lists the outbox; `modelwatch alerts retry <id|--failed>`
// gives failed or dead alerts a new start.
import type { GlobalOptions, Io } from './io.js';
import { RuntimeError, UsageError } from '../errors.js';
import type { AlertStatus } from '../model.js';
import { getAlert, listAlerts, retryAlerts } from '../store/alerts.js';
import { getEvent } from '../store/events.js';
import { openContext } from './context.js';
import { parseLimit } from './event-options.js';
import { printJson, printTable } from './output.js';

const STATUSES: AlertStatus[] = ['pending', 'sending', 'sent', 'failed', 'dead'];

interface AlertsOpts extends GlobalOptions {
  status?: string;
  failed?: boolean;
  limit?: string;
}

export default async function run(args: unknown[], opts: AlertsOpts, io: Io): Promise<number> {
  const [action, id] = args as [string | undefined, string | undefined];
  if (action !== undefined && action !== 'retry')
    throw new UsageError(`alerts: unknown action "${action}" (use: alerts retry <id|--failed>)`);
  if (opts.status && !STATUSES.includes(opts.status as AlertStatus))
    throw new UsageError(`alerts: --status must be one of ${STATUSES.join(', ')}`);
  const limit = parseLimit('alerts', opts.limit, undefined);
  const ctx = openContext(opts, io, { withoutFeeds: true, readOnly: action !== 'retry' });
  try {
    if (action === 'retry') {
      if (!opts.failed && !(id && /^\d+$/.test(id))) throw new UsageError('alerts retry: give an alert id or --failed');
      if (!opts.failed) {
        // An id that names nothing (or an alert already sent) is a mistake to report, not "0 requeued".
        const alert = getAlert(ctx.db, Number(id));
        if (!alert) throw new RuntimeError(`alerts retry: no alert ${id} (see: modelwatch alerts)`);
        if (!['failed', 'dead', 'pending'].includes(alert.status))
          throw new RuntimeError(`alerts retry: alert ${id} is ${alert.status}; only failed, dead or pending alerts are requeued`);
      }
      const n = retryAlerts(ctx.db, opts.failed ? { failed: true } : { id: Number(id) }, ctx.now().toISOString());
      if (opts.json) printJson(io, { requeued: n });
      else io.stdout.write(`${n} alert(s) requeued\n`);
      return 0;
    }
    const rows = listAlerts(ctx.db, { status: opts.status as AlertStatus | undefined, limit }).map((a) => {
      const e = getEvent(ctx.db, a.eventId);
      return { ...a, eventKind: e?.kind ?? null, summary: e?.summary ?? null };
    });
    if (opts.json) return (printJson(io, rows), 0);
    printTable(
      io,
      rows,
      [
        { header: 'id', get: (r) => r.id },
        { header: 'status', get: (r) => r.status },
        { header: 'channel', get: (r) => r.channel },
        { header: 'vendor', get: (r) => r.vendorId },
        { header: 'attempts', get: (r) => r.attempts },
        { header: 'event', get: (r) => r.summary, max: 60 },
        { header: 'last error', get: (r) => r.lastError, max: 60 },
      ],
      'no alerts',
    );
    return 0;
  } finally {
    ctx.close();
  }
}
