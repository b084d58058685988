// Date arithmetic for the gap metrics: UTC only, no clock (asOf and now are always arguments).

export const DAY_MS = 86_400_000;
/** Average Gregorian month, for lags in months. */
export const MONTH_DAYS = 365.25 / 12;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A timestamp in ms; a date-only string is its start (00:00Z). Throws on an unparseable value. */
export function toMs(iso: string): number {
  const ms = Date.parse(DATE_ONLY.test(iso) ? `${iso}T00:00:00.000Z` : iso);
  if (Number.isNaN(ms)) throw new Error(`[gap] invalid date: ${JSON.stringify(iso)}`);
  return ms;
}

/** The end of `asOf`: a date-only value means the whole day (so `--as-of 2026-04-08` includes that day). */
export function asOfMs(asOf: string): number {
  return DATE_ONLY.test(asOf) ? toMs(asOf) + DAY_MS - 1 : toMs(asOf);
}

/** UTC day number (days since the epoch). */
export function dayNumber(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** Whole calendar days from a to b (UTC). */
export function daysBetween(aMs: number, bMs: number): number {
  return dayNumber(bMs) - dayNumber(aMs);
}

export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
