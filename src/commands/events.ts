// `modelwatch events [--vendor V] [--model ID] [--kind K] [--since] [--until] [--limit N]`: the raw
// event log, newest first; baseline events (recorded by a source's first poll) are included and
// marked. The kinds and how an event reads are in src/events; the options shared with the other
// history commands in event-options.ts.
import type { GlobalOptions, Io } from './io.js';
import { eventSource, fromTo, type StoredEvent } from '../events/index.js';
import { queryEvents } from '../store/events.js';
import { checkVendor, openContext } from './context.js';
import { csvFields, outputMode, parseKinds, parseLimit, printRows } from './event-options.js';
import { shortTime } from './output.js';
import { parseRange } from './since.js';

/** One event as the `events` command prints it (JSON field names are a contract: camelCase). */
export function eventRow(e: StoredEvent) {
  return {
    id: e.id,
    at: e.occurredAt,
    seenAt: e.seenAt,
    kind: e.kind,
    vendor: e.vendorId,
    model: e.modelId,
    ...fromTo(e),
    summary: e.summary,
    severity: e.severity,
    baseline: e.baseline,
    source: eventSource(e),
    sourceId: e.sourceId,
    data: e.data,
    evidence: e.evidence,
  };
}

type EventsOptions = GlobalOptions & {
  vendor?: string;
  model?: string;
  kind?: string;
  since?: string;
  until?: string;
  limit?: string;
  csv?: boolean;
};

export default async function run(_args: unknown[], opts: EventsOptions, io: Io): Promise<number> {
  const mode = outputMode('events', opts);
  const kinds = parseKinds('events', opts.kind);
  const limit = parseLimit('events', opts.limit, 200);
  const ctx = openContext(opts, io, { withoutFeeds: true, readOnly: true });
  try {
    checkVendor('events', ctx, opts.vendor);
    const range = parseRange('events', opts, ctx.now());
    const rows = queryEvents(ctx.db, { order: 'desc', vendorId: opts.vendor, modelId: opts.model, kinds, ...range, limit }).map(eventRow);
    type Row = (typeof rows)[number];
    const csv = csvFields<Row>(
      'id',
      'at',
      'seenAt',
      'kind',
      'vendor',
      'model',
      'from',
      'to',
      'severity',
      'baseline',
      'summary',
      'source',
      'sourceId',
      'data',
      'evidence',
    );
    printRows(
      io,
      mode,
      rows,
      csv,
      [
        { header: 'at', get: (r) => shortTime(r.at) },
        { header: 'kind', get: (r) => (r.baseline ? `${r.kind} (baseline)` : r.kind) },
        { header: 'vendor', get: (r) => r.vendor },
        { header: 'model', get: (r) => r.model, max: 40 },
        { header: 'summary', get: (r) => r.summary, min: 30 },
      ],
      'no events',
    );
    return 0;
  } finally {
    ctx.close();
  }
}
