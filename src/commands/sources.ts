// `modelwatch sources [--json]`: every configured source with its health.
import type { GlobalOptions, Io } from '../cli.js';
import { listSources, syncSources } from '../store/sources.js';
import { openContext } from './context.js';
import { printJson, printTable, relativeTime } from './output.js';

export default async function run(_args: unknown[], opts: GlobalOptions, io: Io): Promise<number> {
  const ctx = openContext(opts, io);
  try {
    syncSources(ctx.db, ctx.config.sources);
    const configured = new Map(ctx.config.sources.map((s) => [s.id, s]));
    const rows = listSources(ctx.db)
      .filter((r) => configured.has(r.id))
      .map((r) => ({
        id: r.id,
        vendor: r.vendorId,
        kind: r.kind,
        target: r.target,
        intervalSec: configured.get(r.id)!.intervalSec,
        lastSuccessAt: r.lastSuccessAt,
        lastPolledAt: r.lastPolledAt,
        consecutiveErrors: r.consecutiveErrors,
        lastError: r.lastError,
        lastErrorAt: r.lastErrorAt,
        failingSince: r.failingSince,
        nextCheckAt: r.nextCheckAt,
        polls: r.polls,
        errors: r.errors,
      }));
    if (opts.json) return printJson(io, rows), 0;
    const now = ctx.now();
    printTable(
      io,
      rows,
      [
        { header: 'source', get: (r) => r.id, max: 48 },
        { header: 'vendor', get: (r) => r.vendor },
        { header: 'last success', get: (r) => relativeTime(r.lastSuccessAt, now) ?? 'never' },
        { header: 'errors', get: (r) => r.consecutiveErrors },
        { header: 'next check', get: (r) => relativeTime(r.nextCheckAt, now) ?? 'now' },
        { header: 'last error', get: (r) => r.lastError, max: 60 },
      ],
      'no sources configured',
    );
    return 0;
  } finally {
    ctx.close();
  }
}
