// When a source is checked next (pure): its interval after a success; capped exponential
// backoff with jitter after a failure, never earlier than a Retry-After / rate-limit reset.
import { BACKOFF, MAX_SOURCE_WAIT_SEC } from '../config/defaults.js';

/** ±10 % jitter so sources with the same interval spread out instead of firing together. */
export function nextCheckAfterSuccess(intervalSec: number, now: Date, random: () => number): Date {
  const jitter = 1 + (random() * 2 - 1) * 0.1;
  return new Date(now.getTime() + intervalSec * jitter * 1000);
}

/**
 * Delay after the n-th consecutive failure (n ≥ 1): base × 2^(n−1), capped, ±jitter.
 * The source is never given up: at the cap it keeps being polled every `capSec`.
 */
export function backoffDelaySec(consecutiveErrors: number, random: () => number, cfg = BACKOFF): number {
  const raw = Math.min(cfg.capSec, cfg.baseSec * 2 ** Math.max(0, consecutiveErrors - 1));
  const jittered = raw * (1 + (random() * 2 - 1) * cfg.jitter);
  return Math.min(cfg.capSec, Math.max(1, jittered));
}

export function nextCheckAfterFailure(consecutiveErrors: number, now: Date, random: () => number, retryAt?: Date, cfg = BACKOFF): Date {
  const backoff = new Date(now.getTime() + backoffDelaySec(consecutiveErrors, random, cfg) * 1000);
  // A server-given retry time is honoured beyond the backoff cap (polling earlier would only fail
  // again), but never beyond MAX_SOURCE_WAIT_SEC: a wait of years would silence the source.
  const ceiling = now.getTime() + MAX_SOURCE_WAIT_SEC * 1000;
  if (!retryAt || retryAt.getTime() <= backoff.getTime()) return backoff;
  return new Date(Math.min(retryAt.getTime(), ceiling));
}
