// `--since` / `--until` (and deadline dates) read against an injected `now`. Pure.
//
// Accepted: a duration back from now (`30d`, `12w`, `6m` months, `1y`) or an ISO date
// (`2026-04-01`) or timestamp (`2026-04-01T12:00:00Z`). Stored times are ISO 8601 UTC strings
// (`toISOString()` form, or a bare date), so the bounds are strings that compare correctly with
// them as text — which keeps the SQL on its indexes:
// - `since` is inclusive: a bare date for a date (every time of that day is >= it), else an ISO
//   timestamp;
// - `before` is exclusive: the next day's bare date for a date (every time of the day is < it),
//   else the timestamp plus one millisecond.
import { UsageError } from '../errors.js';

export interface TimeRange {
  /** Inclusive lower bound, or undefined. */
  since?: string;
  /** Exclusive upper bound, or undefined. */
  before?: string;
}

const DURATION = /^(\d{1,5})\s*([dwmy])$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

export const TIME_HELP = 'a duration (30d, 12w, 6m, 1y) or an ISO date';

/** One point in time as given: a whole day or an instant. */
type Point = { day: string } | { instant: Date };

/** `now` moved `n` units back (negative n: forward). Months and years are calendar ones, clamped
 *  to the month's last day (one month before March 31 is February 28, not March 3). */
export function shift(now: Date, n: number, unit: 'd' | 'w' | 'm' | 'y'): Date {
  const d = new Date(now.getTime());
  if (unit === 'd' || unit === 'w') {
    d.setUTCDate(d.getUTCDate() - (unit === 'w' ? 7 * n : n));
    return d;
  }
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - (unit === 'y' ? 12 * n : n));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** A real calendar date `YYYY-MM-DD` (no Feb 30), else null. */
export function validDay(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]! ? text : null;
}

export function dayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return dayOf(d);
}

/** Parses a point; `direction` says which way a duration goes from now. Null when unreadable. */
function parsePoint(text: string, now: Date, direction: 'back' | 'forward'): Point | null {
  const s = text.trim();
  const dur = DURATION.exec(s);
  if (dur) {
    const n = Number(dur[1]);
    return { instant: shift(now, direction === 'back' ? n : -n, dur[2]!.toLowerCase() as 'd' | 'w' | 'm' | 'y') };
  }
  const day = validDay(s);
  if (day) return { day };
  if (TIMESTAMP.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t) && validDay(s.slice(0, 10))) return { instant: new Date(t) };
  }
  return null;
}

function lower(p: Point): string {
  return 'day' in p ? p.day : p.instant.toISOString();
}

function upperExclusive(p: Point): string {
  return 'day' in p ? nextDay(p.day) : new Date(p.instant.getTime() + 1).toISOString();
}

/**
 * Reads `--since` and `--until` into bounds. Throws a UsageError (`<cmd>: --since: ...`) on an
 * unreadable value or an empty range.
 */
export function parseRange(cmd: string, opts: { since?: unknown; until?: unknown }, now: Date): TimeRange {
  const range: TimeRange = {};
  const read = (flag: '--since' | '--until', v: unknown): Point | undefined => {
    if (v === undefined) return undefined;
    const p = typeof v === 'string' ? parsePoint(v, now, 'back') : null;
    if (!p) throw new UsageError(`${cmd}: ${flag}: expected ${TIME_HELP}, got "${String(v)}"`);
    return p;
  };
  const since = read('--since', opts.since);
  const until = read('--until', opts.until);
  if (since) range.since = lower(since);
  if (until) range.before = upperExclusive(until);
  if (range.since && range.before && range.since >= range.before) {
    throw new UsageError(`${cmd}: --since ${String(opts.since)} is after --until ${String(opts.until)}`);
  }
  return range;
}

/**
 * A date in the future for a deadline: `2026-09-01`, or a duration forward from now (`90d`,
 * `12w`, `3m`). Returns the day (`YYYY-MM-DD`), or null when unreadable.
 */
export function parseFutureDay(text: string, now: Date): string | null {
  const s = text.trim().replace(/^\+/, '');
  const p = DURATION.test(s) ? parsePoint(s, now, 'forward') : validDay(s) ? { day: s } : null;
  if (!p) return null;
  return 'day' in p ? p.day : dayOf(p.instant);
}

/** Whole days from `now`'s day to `day` (0 = today, negative = past). */
export function daysUntil(day: string, now: Date): number {
  return Math.round((Date.parse(`${day}T00:00:00.000Z`) - Date.parse(`${dayOf(now)}T00:00:00.000Z`)) / 86_400_000);
}
