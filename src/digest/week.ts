// Digest weeks: ISO 8601 week labels (`2026-W15`) and the instants a week spans in a time zone.
// A digest week runs from Monday 09:00 to the next Monday 09:00 local time (MODELWATCH_TZ), and
// is named after the ISO week of its Monday. Time zones through Intl only (no tz database of
// our own); DST is handled by resolving the local wall time of each boundary separately.
import { UsageError } from '../errors.js';

export const WEEK_START = { isoWeekday: 1, hour: 9 } as const;
const DAY_MS = 86_400_000;

export interface WeekRange {
  week: string;
  start: Date;
  end: Date;
  tz: string;
}

interface YMD {
  y: number;
  m: number; // 1..12
  d: number;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function formatter(tz: string): Intl.DateTimeFormat {
  if (!isValidTimeZone(tz)) throw new UsageError(`digest: unknown time zone ${JSON.stringify(tz)} (MODELWATCH_TZ)`);
  return new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Local wall-clock fields of an instant in `tz`. */
export function localParts(instant: Date, tz: string): YMD & { h: number; min: number; s: number } {
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, min: Number(p.minute), s: Number(p.second) };
}

/** Offset of `tz` from UTC at `instant`, in ms (Europe/Paris in summer: +7,200,000). */
export function tzOffsetMs(instant: Date, tz: string): number {
  const l = localParts(instant, tz);
  const asUtc = Date.UTC(l.y, l.m - 1, l.d, l.h, l.min, l.s);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the wall clock in `tz` shows y-m-d h:min. */
export function zonedTime(date: YMD, h: number, min: number, tz: string): Date {
  const guess = Date.UTC(date.y, date.m - 1, date.d, h, min);
  const first = guess - tzOffsetMs(new Date(guess), tz);
  const second = guess - tzOffsetMs(new Date(first), tz);
  return new Date(second);
}

function addDays(date: YMD, days: number): YMD {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d) + days * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** ISO weekday, Monday = 1 ... Sunday = 7. */
function isoWeekday(date: YMD): number {
  return ((new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7) + 1;
}

/** ISO 8601 week of a calendar date: the week belongs to the year of its Thursday. */
export function isoWeekOf(date: YMD): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const jan1 = Date.UTC(thursday.y, 0, 1);
  const week = Math.floor((Date.UTC(thursday.y, thursday.m - 1, thursday.d) - jan1) / DAY_MS / 7) + 1;
  return { year: thursday.y, week };
}

export function formatIsoWeek(w: { year: number; week: number }): string {
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

/** `2026-W15` → {year, week}; throws a UsageError for anything else, including W53 of a year
 *  that has only 52 weeks. */
export function parseIsoWeek(s: string): { year: number; week: number } {
  const m = /^(\d{4})-?W(\d{2})$/i.exec(s.trim());
  if (!m) throw new UsageError(`digest: ${JSON.stringify(s)} is not an ISO week like 2026-W15`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  // Dec 28 is always in the last ISO week of its year.
  const last = isoWeekOf({ y: year, m: 12, d: 28 }).week;
  if (week < 1 || week > last) throw new UsageError(`digest: ${year} has no ISO week ${week} (it has ${last})`);
  return { year, week };
}

function mondayOf(w: { year: number; week: number }): YMD {
  // Jan 4 is always in week 1.
  const jan4: YMD = { y: w.year, m: 1, d: 4 };
  return addDays(jan4, (w.week - 1) * 7 - (isoWeekday(jan4) - 1));
}

function rangeFromMonday(monday: YMD, tz: string): WeekRange {
  const start = zonedTime(monday, WEEK_START.hour, 0, tz);
  const end = zonedTime(addDays(monday, 7), WEEK_START.hour, 0, tz);
  return { week: formatIsoWeek(isoWeekOf(monday)), start, end, tz };
}

/** The digest week named `week` (`2026-W15`) in `tz`. */
export function weekRange(week: string, tz: string): WeekRange {
  return rangeFromMonday(mondayOf(parseIsoWeek(week)), tz);
}

/** The digest week that contains `instant` (for `--as-of`). */
export function weekContaining(instant: Date, tz: string): WeekRange {
  const local = localParts(instant, tz);
  let monday = addDays(local, 1 - isoWeekday(local));
  if (zonedTime(monday, WEEK_START.hour, 0, tz).getTime() > instant.getTime()) monday = addDays(monday, -7);
  return rangeFromMonday(monday, tz);
}

/** The last complete digest week at `now`: the default week of `modelwatch digest`. */
export function lastCompleteWeek(now: Date, tz: string): WeekRange {
  return previousWeek(weekContaining(now, tz));
}

export function previousWeek(r: WeekRange): WeekRange {
  const local = localParts(r.start, r.tz);
  return rangeFromMonday(addDays(local, -7), r.tz);
}
