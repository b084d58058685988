// `modelwatch sources [--json]`: every configured source with its health, and the sources found
// through links in posts (discovered: where from, when).
import type { GlobalOptions, Io } from './io.js';
import { listSources, syncSources } from '../store/sources.js';
import { DEFAULT_INTERVAL_SEC } from '../config/defaults.js';
import { listDiscovered } from '../store/discovered.js';
import { openContext } from './context.js';
import { printJson, printTable, relativeTime } from './output.js';

export default async function run(_args: unknown[], opts: GlobalOptions, io: Io): Promise<number> {
  const ctx = openContext(opts, io);
  try {
    syncSources(ctx.db, ctx.config.sources);
    const configured = new Map(ctx.config.sources.map((s) => [s.id, s]));
    const discovering = new Set(ctx.config.vendors.filter((v) => v.discover !== false).map((v) => v.id));
    const discovered = new Map(listDiscovered(ctx.db, discovering).map((d) => [d.sourceId, d]));
    const rows = listSources(ctx.db)
      .filter((r) => configured.has(r.id) || discovered.has(r.id))
      .map((r) => ({
        id: r.id,
        vendor: r.vendorId,
        kind: r.kind,
        target: r.target,
        intervalSec: configured.get(r.id)?.intervalSec ?? DEFAULT_INTERVAL_SEC[r.kind],
        lastSuccessAt: r.lastSuccessAt,
        lastPolledAt: r.lastPolledAt,
        consecutiveErrors: r.consecutiveErrors,
        lastError: r.lastError,
        lastErrorAt: r.lastErrorAt,
        failingSince: r.failingSince,
        nextCheckAt: r.nextCheckAt,
        polls: r.polls,
        errors: r.errors,
        discoveredFrom: configured.has(r.id) ? null : (discovered.get(r.id)?.discoveredFrom ?? null),
        discoveredAt: configured.has(r.id) ? null : (discovered.get(r.id)?.discoveredAt ?? null),
      }));
    if (opts.json) return (printJson(io, rows), 0);
    const now = ctx.now();
    printTable(
      io,
      rows,
      [
        { header: 'source', get: (r) => (r.discoveredAt ? `${r.id} (discovered)` : r.id), max: 48 },
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
