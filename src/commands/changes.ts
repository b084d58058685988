// `modelwatch changes [--kind license|gating|withdrawn|renamed|level|weights|visibility] [--vendor V]
// [--model ID] [--since] [--until] [--limit N]`: licence, gating, withdrawal, rename, weights and
// reclassification events, newest first. Baseline events are left out: a first poll records
// what exists, it does not see anything change.
import type { GlobalOptions, Io } from './io.js';
import { ALL_CHANGE_KINDS, changeName, eventSource, fromTo, type StoredEvent } from '../events/index.js';
import { queryEvents } from '../store/events.js';
import { checkVendor, openContext } from './context.js';
import { csvFields, outputMode, parseKinds, parseLimit, printRows } from './event-options.js';
import { shortTime } from './output.js';
import { parseRange } from './since.js';

type ChangesOptions = GlobalOptions & {
  vendor?: string;
  model?: string;
  kind?: string;
  since?: string;
  until?: string;
  limit?: string;
  csv?: boolean;
};

export default async function run(_args: unknown[], opts: ChangesOptions, io: Io): Promise<number> {
  const mode = outputMode('changes', opts);
  const kinds = parseKinds('changes', opts.kind, ALL_CHANGE_KINDS) ?? ALL_CHANGE_KINDS;
  const limit = parseLimit('changes', opts.limit, 200);
  const ctx = openContext(opts, io, { withoutFeeds: true, readOnly: true });
  try {
    checkVendor('changes', ctx, opts.vendor);
    const range = parseRange('changes', opts, ctx.now());
    const rows = queryEvents(ctx.db, {
      order: 'desc',
      vendorId: opts.vendor,
      modelId: opts.model,
      kinds,
      ...range,
      includeBaseline: false,
      limit,
    }).map(changeRow);
    type Row = (typeof rows)[number];
    const csv = csvFields<Row>(
      'id',
      'at',
      'change',
      'kind',
      'vendor',
      'model',
      'from',
      'to',
      'severity',
      'summary',
      'source',
      'sourceId',
      'evidence',
    );
    printRows(
      io,
      mode,
      rows,
      csv,
      [
        { header: 'at', get: (r) => shortTime(r.at) },
        { header: 'change', get: (r) => r.change },
        { header: 'model', get: (r) => r.model ?? r.vendor, max: 40, min: 16 },
        { header: 'from', get: (r) => r.from, max: 24, hash: true, drop: 1 },
        { header: 'to', get: (r) => r.to, max: 24, hash: true, drop: 1 },
        { header: 'summary', get: (r) => r.summary, min: 24 },
      ],
      'no changes',
    );
    return 0;
  } finally {
    ctx.close();
  }
}

/** One row of `changes` (JSON, CSV and table). */
export function changeRow(e: StoredEvent) {
  return {
    id: e.id,
    at: e.occurredAt,
    kind: e.kind,
    change: changeName(e.kind),
    vendor: e.vendorId,
    model: e.modelId,
    ...fromTo(e),
    summary: e.summary,
    severity: e.severity,
    source: eventSource(e),
    sourceId: e.sourceId,
    evidence: e.evidence,
  };
}
