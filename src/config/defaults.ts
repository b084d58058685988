// Every default in one place (habit 10). The README's configuration tables mirror this file.
import type { GapThresholds, SourceKind } from '../model.js';

export const DEFAULT_DB = './data/modelwatch.db';
export const DEFAULT_FEEDS = './feeds';
export const DEFAULT_HF_ENDPOINT = 'https://huggingface.co';
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
export const DEFAULT_HTTP_HOST = '127.0.0.1';

/** Poll interval per source kind, in seconds. */
export const DEFAULT_INTERVAL_SEC: Record<SourceKind, number> = {
  huggingface: 15 * 60,
  github: 30 * 60,
  feed: 30 * 60,
  page: 60 * 60,
};

/** A large Hugging Face author is fully reconciled this often (hours). */
export const DEFAULT_RECONCILE_HOURS = 24;

export const DEFAULT_THRESHOLDS: GapThresholds = {
  recencyBandsDays: [90, 180, 365],
  streak: 2,
  shareDropPoints: 25,
  capabilityLagMonths: 3,
  capabilityDeltaPoints: 5,
  catchUpTolerance: 1,
  capabilityWindowMonths: 24,
  hysteresis: 2,
  cooldownHours: 7 * 24,
};

/** Backoff of a failing source: base × 2^(errors-1), capped, with jitter. */
export const BACKOFF = { baseSec: 60, capSec: 6 * 3600, jitter: 0.2 };

/** Longest wait a server may impose (Retry-After, RateLimit, x-ratelimit-reset): a source is
 *  checked again within a day, a channel retried within an hour, whatever the server says. */
export const MAX_SOURCE_WAIT_SEC = 24 * 3600;
export const MAX_CHANNEL_WAIT_SEC = 3600;

/** Alerting events of one poll that get alerts; the rest are stored and summed up in one
 *  `source.flood` alert ("312 alerting changes from feed X; alerts for the first 20"). */
export const ALERTS_PER_POLL = 20;

/** Licence texts are stored at most this long (the hash covers the whole text). */
export const LICENSE_TEXT_MAX_CHARS = 200 * 1024;

/** Entries of one feed or page poll that are kept (in document order); the rest are ignored. */
export const MAX_ITEMS_PER_POLL = 1000;

/** A post edited this many times within OSCILLATION_WINDOW_SEC is oscillating: further edits
 *  are recorded without a post.edited event until it holds still for a window. */
export const OSCILLATION_EDITS = 3;
export const OSCILLATION_WINDOW_SEC = 24 * 3600;

/** A source failing for longer than this raises a source.failing alert. */
export const FAILING_ALERT_AFTER_SEC = 6 * 3600;

/** The service: sources one tick may hand to a cycle (a cycle polls 4 at a time, and the HTTP
 *  edge allows 4 requests per host), so a large configuration is worked through quickly. */
export const SERVICE_MAX_IN_FLIGHT = 16;
