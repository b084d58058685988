// `modelwatch events [--vendor V] [--model ID] [--kind K] [--since] [--until] [--limit N]`: the raw
// event log, newest first; baseline events (recorded by a source's first poll) are included and
// marked. Also home of what the history commands share about events: the kind names, `--kind`
// parsing, the `{from, to, source}` reading of an event, and the output-mode switch with CSV.
import type { GlobalOptions, Io } from './io.js';
import { UsageError } from '../errors.js';
import type { EventKind, Evidence, StoredEvent } from '../model.js';
import { queryEvents } from '../store/events.js';
import { checkVendor, openContext } from './context.js';
import { formatTable, printJson, widthOf, type Column } from './output.js';
import { parseRange } from './since.js';

export const EVENT_KINDS = [
  'model.new',
  'model.weights_published',
  'model.weights_removed',
  'model.license_changed',
  'model.license_text_changed',
  'model.gating_changed',
  'model.withdrawn',
  'model.renamed',
  'model.visibility_changed',
  'model.reclassified',
  'release.published',
  'release.edited',
  'release.surprise',
  'release.new',
  'repo.new',
  'repo.license_changed',
  'repo.license_text_changed',
  'post.new',
  'post.edited',
  'announcement',
  'score.reported',
  'gap.widened',
  'gap.narrowed',
  'source.failing',
  'source.recovered',
  'source.flood',
  'source.discovered',
  'deadline.reached',
] as const satisfies readonly EventKind[];
// Fails to compile when model.ts gains a kind this list lacks.
const _everyKindListed: EventKind extends (typeof EVENT_KINDS)[number] ? true : never = true;
void _everyKindListed;

/** The short names of `modelwatch changes --kind`, each a set of event kinds. */
export const CHANGE_KINDS: Record<string, readonly EventKind[]> = {
  license: ['model.license_changed', 'model.license_text_changed', 'repo.license_changed', 'repo.license_text_changed'],
  gating: ['model.gating_changed'],
  withdrawn: ['model.withdrawn'],
  renamed: ['model.renamed'],
  level: ['model.reclassified'],
  weights: ['model.weights_published', 'model.weights_removed'],
  visibility: ['model.visibility_changed'],
};

/** Every kind `changes` reports by default. */
export const ALL_CHANGE_KINDS: readonly EventKind[] = Object.values(CHANGE_KINDS).flat();

/** The short name of a change kind (`model.gating_changed` → `gating`). */
export function changeName(kind: string): string | null {
  for (const [name, kinds] of Object.entries(CHANGE_KINDS)) if ((kinds as readonly string[]).includes(kind)) return name;
  return null;
}

/**
 * `--kind` values, comma-separated: an event kind (`model.renamed`), a family (`model`, `post`,
 * `gap`: every `model.*` ...), or a change name (`license`, `gating`, ...; see CHANGE_KINDS).
 * `allowed` narrows what is accepted (e.g. `changes` takes change kinds only).
 */
export function parseKinds(cmd: string, value: unknown, allowed: readonly string[] = EVENT_KINDS): string[] | undefined {
  if (value === undefined) return undefined;
  const out = new Set<string>();
  const bad: string[] = [];
  for (const raw of String(value).split(',').map((s) => s.trim()).filter(Boolean)) {
    // The documentation writes "licence" (British), the kind name is "license": both are accepted.
    const part = raw === 'licence' ? 'license' : raw;
    const matched = Object.hasOwn(CHANGE_KINDS, part) ? CHANGE_KINDS[part]! : (allowed.includes(part) ? [part] : allowed.filter((k) => k.startsWith(`${part}.`)));
    const ok = matched.filter((k) => allowed.includes(k));
    if (ok.length) ok.forEach((k) => out.add(k));
    else bad.push(part);
  }
  if (bad.length || !out.size) {
    const names = allowed === EVENT_KINDS ? 'an event kind (model.renamed), a family (model, post, gap, ...) or a change name' : 'one of';
    throw new UsageError(`${cmd}: --kind: unknown kind ${bad.map((b) => `"${b}"`).join(', ') || '""'}; expected ${names} ${Object.keys(CHANGE_KINDS).join(', ')}`);
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// Reading an event as a change: `{from, to}` as plain strings, and where it was seen.

function label(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // A licence reference {id, name, link}: `other` is only meaningful with its name.
    if ('id' in o) return o.id === 'other' && typeof o.name === 'string' ? `other:${o.name}` : label(o.id);
    if ('title' in o) return label(o.title);
  }
  return JSON.stringify(v);
}

/** The event's change as `{from, to}` strings (null when the kind has no before or after). */
export function fromTo(e: StoredEvent): { from: string | null; to: string | null } {
  const d = e.data ?? {};
  switch (e.kind) {
    case 'model.new':
      return { from: null, to: label(d.license) };
    case 'model.weights_published': {
      const n = typeof d.count === 'number' ? d.count : Array.isArray(d.files) ? d.files.length : null;
      return { from: null, to: n === null ? 'weights' : `${n} weight file${n === 1 ? '' : 's'}` };
    }
    case 'model.weights_removed':
      return { from: typeof d.before === 'number' ? `${d.before} weight files` : 'weights', to: 'no weights' };
    case 'model.withdrawn':
      return { from: null, to: 'withdrawn' };
    case 'announcement':
      return { from: null, to: label(d.access) ?? label(d.title) };
    case 'post.new':
      return { from: null, to: label(d.title) };
    case 'release.published':
      return { from: null, to: label(d.tag) ?? label(d.name) };
    case 'repo.license_text_changed':
      return { from: label(d.fromTextHash ?? d.fromSha), to: label(d.toTextHash ?? d.toSha) };
    case 'score.reported':
      return { from: null, to: d.benchmark !== undefined ? `${label(d.benchmark)} ${label(d.score)}` : null };
    default:
      return { from: label(d.from), to: label(d.to) };
  }
}

/** Where the event was seen: the first evidence URL, else the post/release link, else the source id. */
export function eventSource(e: StoredEvent): string | null {
  const ev = (e.evidence ?? []).find((x: Evidence) => x.sourceUrl);
  const d = e.data ?? {};
  return ev?.sourceUrl ?? (typeof d.link === 'string' ? d.link : null) ?? (typeof d.url === 'string' ? d.url : null) ?? e.sourceId;
}

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

// ---------------------------------------------------------------------------------------------
// Output mode: JSON, CSV or a table. (Candidate for output.ts; kept here to stay in this change's files.)

export interface CsvColumn<T> {
  header: string;
  get: (row: T) => string | number | boolean | null | undefined;
}

function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // Titles come from the web: a leading = + - @ would be a formula in a spreadsheet.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header line of the given (camelCase) names. */
export function formatCsv<T>(rows: T[], columns: CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(','), ...rows.map((r) => columns.map((c) => csvCell(c.get(r))).join(','))];
  return lines.join('\r\n') + '\r\n';
}

export type OutputMode = 'json' | 'csv' | 'table';

export function outputMode(cmd: string, opts: { json?: unknown; csv?: unknown }): OutputMode {
  if (opts.json && opts.csv) throw new UsageError(`${cmd}: --json and --csv cannot be used together`);
  return opts.json ? 'json' : opts.csv ? 'csv' : 'table';
}

/** Prints rows as JSON (the objects), CSV (csv columns) or a table (table columns). */
export function printRows<T>(io: Io, mode: OutputMode, rows: T[], csv: CsvColumn<T>[], table: Column<T>[], empty: string): void {
  if (mode === 'json') return printJson(io, rows);
  if (mode === 'csv') return void io.stdout.write(formatCsv(rows, csv));
  io.stdout.write(rows.length ? formatTable(rows, table, widthOf(io)) : `${empty}\n`);
}

/** `2026-04-05 14:03` from an ISO time (tables only). */
export function shortTime(iso: string | null): string | null {
  if (!iso) return null;
  return iso.length > 10 ? iso.slice(0, 16).replace('T', ' ') : iso;
}

export function parseLimit(cmd: string, value: unknown, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${cmd}: --limit: expected a whole number (0 = no limit), got "${String(value)}"`);
  return n === 0 ? undefined : n;
}

type EventsOptions = GlobalOptions & { vendor?: string; model?: string; kind?: string; since?: string; until?: string; limit?: string; csv?: boolean };

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
    const csv: CsvColumn<Row>[] = [
      { header: 'id', get: (r) => r.id },
      { header: 'at', get: (r) => r.at },
      { header: 'seenAt', get: (r) => r.seenAt },
      { header: 'kind', get: (r) => r.kind },
      { header: 'vendor', get: (r) => r.vendor },
      { header: 'model', get: (r) => r.model },
      { header: 'from', get: (r) => r.from },
      { header: 'to', get: (r) => r.to },
      { header: 'severity', get: (r) => r.severity },
      { header: 'baseline', get: (r) => r.baseline },
      { header: 'summary', get: (r) => r.summary },
      { header: 'source', get: (r) => r.source },
      // The same fields as --json: nested ones as JSON text in their cell.
      { header: 'sourceId', get: (r) => r.sourceId },
      { header: 'data', get: (r) => JSON.stringify(r.data) },
      { header: 'evidence', get: (r) => JSON.stringify(r.evidence) },
    ];
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
