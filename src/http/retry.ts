// Pure retry policy: which responses are worth another attempt, and how long the server asks
// us to wait. Header formats:
// - Retry-After: delta-seconds or HTTP-date (RFC 9110 §10.2.3).
// - Hugging Face: `RateLimit: "api";r=0;t=55` (draft-ietf-httpapi-ratelimit-headers v9). The
//   header is on every response, so only r=0 means "wait t seconds"
//   (https://huggingface.co/docs/hub/rate-limits).
// - GitHub: 403/429 with `x-ratelimit-remaining: 0` → wait until `x-ratelimit-reset` (epoch
//   seconds); secondary limits say so in the body → Retry-After or 60 s
//   (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api).

import { MAX_SOURCE_WAIT_SEC } from '../config/defaults.js';

export type HeaderMap = Record<string, string>;

export interface RetryDecision {
  code: 'rate_limited' | 'server';
  /** Wait the server asked for; undefined → use exponential backoff. */
  waitMs?: number;
}

const SECONDARY_LIMIT = /secondary rate/i;
const SECONDARY_DEFAULT_WAIT_MS = 60_000;

/** Statuses whose body the policy needs to see (GitHub secondary limits are in the body). */
export function needsBody(status: number): boolean {
  return status === 403 || status === 429;
}

/** null → the response goes back to the caller as is. */
export function retryDecision(status: number, headers: HeaderMap, bodyText: string, nowMs: number): RetryDecision | null {
  if (status === 429 || status === 403) {
    const ghPrimary = headers['x-ratelimit-remaining'] === '0';
    const secondary = SECONDARY_LIMIT.test(bodyText);
    // A 403 that is not a rate limit is a real "forbidden": the caller interprets it.
    if (status === 403 && !ghPrimary && !secondary) return null;
    const waits = [
      parseRetryAfter(headers['retry-after'], nowMs),
      status === 429 ? parseRateLimit(headers['ratelimit']) : undefined,
      ghPrimary ? parseEpochReset(headers['x-ratelimit-reset'], nowMs) : undefined,
    ].filter((w): w is number => w !== undefined);
    // Several signals: the longest one is the only one that is safe to honour (up to the cap).
    let waitMs = waits.length > 0 ? capWait(Math.max(...waits)) : undefined;
    if (waitMs === undefined && secondary) waitMs = SECONDARY_DEFAULT_WAIT_MS;
    return waitMs === undefined ? { code: 'rate_limited' } : { code: 'rate_limited', waitMs };
  }
  if (status >= 500 && status <= 599) {
    const asked = status === 503 ? parseRetryAfter(headers['retry-after'], nowMs) : undefined;
    const waitMs = asked === undefined ? undefined : capWait(asked);
    return waitMs === undefined ? { code: 'server' } : { code: 'server', waitMs };
  }
  return null;
}

/** A server's wait, bounded: `Retry-After: 315360000` or a date in 9999 must not disable a
 *  source for years (README "Reliability"). Channels apply their own, shorter cap. */
export function capWait(waitMs: number, capMs = MAX_SOURCE_WAIT_SEC * 1000): number {
  return Math.min(Math.max(0, waitMs), capMs);
}

export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** `"api";r=0;t=55` (possibly a comma-separated list) → 55000 when some policy has r=0. */
export function parseRateLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let waitMs: number | undefined;
  for (const item of value.split(',')) {
    const params = new Map<string, string>();
    for (const part of item.split(';').slice(1)) {
      const eq = part.indexOf('=');
      if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    const r = params.get('r');
    const t = params.get('t');
    if (r === '0' && t !== undefined && /^\d+$/.test(t)) {
      waitMs = Math.max(waitMs ?? 0, Number(t) * 1000);
    }
  }
  return waitMs;
}

export function parseEpochReset(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Math.max(0, Number(value.trim()) * 1000 - nowMs);
}

/** Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 *  Jitter"): spreads retries of many sources over the whole window. */
export function backoffMs(retryIndex: number, random: () => number, baseMs = 1000, capMs = 30_000) {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** retryIndex));
}
