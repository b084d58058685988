// `modelwatch deadline set <vendor|model> <date> [--note TEXT]` and `modelwatch deadline list
// [--json|--csv]`: decision dates (the playbook: audit, test an alternative, set a decision date
// rather than a migration date). The list counts down and says how many events concerned the
// subject since the deadline was set; the service marks reached deadlines and alerts.
import type { GlobalOptions, Io } from './io.js';
import { RuntimeError, UsageError } from '../errors.js';
import { deleteDeadline, getDeadline, listDeadlines, setDeadline, type DeadlineRow } from '../store/deadlines.js';
import type { Db } from '../store/db.js';
import { eventCountsSince, searchModels, vendorKnown } from '../store/history.js';
import { getModel } from '../store/models.js';
import { openContext } from './context.js';
import { csvFields, outputMode, printRows } from './event-options.js';
import { printJson } from './output.js';
import { daysUntil, parseFutureDay } from './since.js';

type SubjectKind = 'vendor' | 'model';

function subjectKind(db: Db, subject: string): SubjectKind {
  return getModel(db, subject) ? 'model' : 'vendor';
}

function deadlineRow(db: Db, d: DeadlineRow, now: Date) {
  const kind = subjectKind(db, d.subject);
  const byKind = eventCountsSince(db, kind === 'model' ? { modelId: d.subject } : { vendorId: d.subject }, d.createdAt);
  return {
    id: d.id,
    subject: d.subject,
    subjectKind: kind,
    date: d.date,
    note: d.note,
    createdAt: d.createdAt,
    reachedAt: d.reachedAt,
    /** Whole days from today to the date; negative once it has passed. */
    daysLeft: daysUntil(d.date.slice(0, 10), now),
    eventsSince: Object.values(byKind).reduce((a, b) => a + b, 0),
    eventsByKind: byKind,
  };
}

function countdown(days: number, reachedAt: string | null): string {
  if (reachedAt) return 'reached';
  if (days === 0) return 'today';
  return days > 0 ? `${days} d` : `${-days} d ago`;
}

export async function set(args: unknown[], opts: GlobalOptions & { note?: string }, io: Io): Promise<number> {
  const [subjectArg, dateArg] = args.map((a) => String(a ?? '').trim());
  if (!subjectArg) throw new UsageError('deadline set: a vendor id or model id is required');
  // Feeds are read so that a configured vendor can be named before its first poll.
  const ctx = openContext(opts, io);
  try {
    const now = ctx.now();
    const date = parseFutureDay(dateArg ?? '', now);
    if (!date) throw new UsageError(`deadline set: expected a date (2026-09-01) or a time ahead (90d, 12w, 3m), got "${dateArg ?? ''}"`);
    if (daysUntil(date, now) < 0) throw new UsageError(`deadline set: ${date} is in the past`);
    const model = getModel(ctx.db, subjectArg);
    const vendor = !model && (ctx.config.vendors.some((v) => v.id === subjectArg) || vendorKnown(ctx.db, subjectArg));
    if (!model && !vendor) {
      const close = searchModels(ctx.db, subjectArg, 3).map((m) => m.id);
      const vendors = ctx.config.vendors.map((v) => v.id).join(', ');
      throw new UsageError(
        `deadline set: "${subjectArg}" is neither a vendor nor a known model${close.length ? `; did you mean ${close.join(', ')}?` : ''}${vendors ? ` (vendors: ${vendors})` : ''}`,
      );
    }
    const subject = model?.id ?? subjectArg;
    const note = typeof opts.note === 'string' && opts.note.trim() ? opts.note.trim() : null;
    const id = setDeadline(ctx.db, { subject, date, note }, now.toISOString());
    const row = deadlineRow(ctx.db, { id, subject, date, note, createdAt: now.toISOString(), reachedAt: null }, now);
    if (opts.json) printJson(io, row);
    else
      io.stdout.write(
        `deadline ${row.id}: decide on ${row.subject} (${row.subjectKind}) by ${row.date} (${row.daysLeft === 0 ? 'today' : `${row.daysLeft} day${row.daysLeft === 1 ? '' : 's'} left`})${note ? ` — ${note}` : ''}\n`,
      );
    return 0;
  } finally {
    ctx.close();
  }
}

export async function list(_args: unknown[], opts: GlobalOptions & { csv?: boolean }, io: Io): Promise<number> {
  const mode = outputMode('deadline list', opts);
  const ctx = openContext(opts, io, { withoutFeeds: true, readOnly: true });
  try {
    const now = ctx.now();
    const rows = listDeadlines(ctx.db).map((d) => deadlineRow(ctx.db, d, now));
    type Row = (typeof rows)[number];
    const csv = csvFields<Row>('id', 'subject', 'subjectKind', 'date', 'daysLeft', 'eventsSince', 'createdAt', 'reachedAt', 'note');
    printRows(
      io,
      mode,
      rows,
      csv,
      [
        { header: 'id', get: (r) => r.id },
        { header: 'date', get: (r) => r.date.slice(0, 10) },
        { header: 'left', get: (r) => countdown(r.daysLeft, r.reachedAt) },
        { header: 'subject', get: (r) => r.subject, max: 48 },
        { header: 'events since set', get: (r) => r.eventsSince },
        { header: 'note', get: (r) => r.note, max: 60 },
      ],
      'no deadlines (set one with: modelwatch deadline set <vendor|model> <date>)',
    );
    return 0;
  } finally {
    ctx.close();
  }
}

/** `deadline remove <id>`: a decision taken (or dropped) leaves the list. */
export async function remove(args: unknown[], opts: GlobalOptions, io: Io): Promise<number> {
  const arg = String(args[0] ?? '').trim();
  if (!/^\d+$/.test(arg)) throw new UsageError(`deadline remove: expected a deadline id (see: modelwatch deadline list), got "${arg}"`);
  const ctx = openContext(opts, io, { withoutFeeds: true });
  try {
    const d = getDeadline(ctx.db, Number(arg));
    if (!d || !deleteDeadline(ctx.db, d.id)) throw new RuntimeError(`deadline remove: no deadline ${arg} (see: modelwatch deadline list)`);
    if (opts.json) printJson(io, { removed: d });
    else io.stdout.write(`deadline ${d.id} removed: ${d.subject} by ${d.date.slice(0, 10)}${d.note ? ` — ${d.note}` : ''}\n`);
    return 0;
  } finally {
    ctx.close();
  }
}
