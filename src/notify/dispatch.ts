// The outbox dispatcher: sends due alerts, one message per (channel, vendor) batch, and records
// the outcome. It owns the retry policy of alerts (channels make one attempt per call).
//
// ## Delivery guarantee (copied into the README)
//
// Nothing is lost: an alert row is written in the same transaction as its event, and leaves
// the outbox only as `sent`, `failed` (permanent error, kept with the receiver's answer) or
// `dead` (after `maxAttempts` attempts, default 10). `modelwatch alerts retry` requeues both.
//
// At most one resend per crash: batches are sent one at a time. Before a batch is sent, its
// rows are marked `sending` (with attempts + 1 and a lease, default 10 minutes) in one
// committed transaction; after the channel accepted the message they are marked `sent`. If the
// process dies between the two, only that one batch (one message to one channel) is in an
// unknown state; its rows go back to `pending` when the lease expires, or at once when the
// next dispatcher starts with `recover: 'all'` (process start, when no other dispatcher can be
// running), and are sent once more. Rows never claimed are never sent twice, and a row marked
// `sent` is never sent again. So each crash duplicates at most one message; receivers that
// must be exact deduplicate on the event id (the webhook carries it). The lease must outlast
// the longest single send (HTTP deadline 60 s, SMTP socket timeout 60 s): a send still running
// when its lease expires could be taken over by a second dispatcher and go out twice.
//
// Order: per (channel, vendor), alerts go out oldest event first (alerts already claimed once —
// a resend after a crash, a retry — ahead of those never tried). An older alert waiting for
// its retry (or in flight) holds back the newer ones of the same vendor and channel, which
// then go out together in one message once it is due. Failed and dead alerts hold nothing back.
//
// Retries: transient failures (network, timeout, 5xx, 429, SMTP 4xx) back off exponentially
// with jitter: base 1 min doubling up to 1 h, each delay drawn in [d/2, d]. A receiver's
// Retry-After is honoured up to 1 h (MAX_CHANNEL_WAIT_SEC). Permanent failures (other 4xx, SMTP 5xx) are `failed` at once.
import { MAX_CHANNEL_WAIT_SEC } from '../config/defaults.js';
import { HttpError } from '../http/index.js';
import type { Db } from '../store/db.js';
import { claimAlerts, loadOutbox, markDead, markFailed, markRetry, markSent, recoverSending, type OutboxItem } from '../store/alerts.js';
import { ChannelError, type Channel } from './channel.js';

export { listAlerts, retryAlerts, type AlertQuery, type AlertRow, type RetrySelector } from '../store/alerts.js';

export interface DispatchDeps {
  db: Db;
  channels: ReadonlyMap<string, Channel>;
  now: () => Date;
  /** [0, 1): jitter of the backoff. */
  random: () => number;
  log?: (line: string) => void;
  /** Waits between attempts to record an outcome while the database is locked (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Stops those attempts (shutdown). */
  signal?: AbortSignal;
}

export interface DispatchOptions {
  /** Attempts before an alert is `dead` (default 10). */
  maxAttempts?: number;
  /** Alerts per message (default 20; Slack allows 50 blocks). */
  maxBatch?: number;
  /** First retry delay (default 60 s) and its cap (default 1 h). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a `sending` row is presumed in flight (default 10 min). */
  leaseMs?: number;
  /** `expired` (default): take back `sending` rows whose lease ran out. `all`: every one of them,
   *  for the first cycle after a process start. */
  recover?: 'expired' | 'all';
  /** Display names of vendors (`meta` → `Meta`). */
  vendorNames?: ReadonlyMap<string, string>;
}

export interface DispatchSummary {
  /** Alerts (not messages) per outcome. */
  sent: number;
  failed: number;
  retried: number;
  dead: number;
  /** `sending` rows taken back from a crashed or stalled dispatcher. */
  recovered: number;
}

type Limits = Required<Pick<DispatchOptions, 'maxAttempts' | 'maxBatch' | 'baseDelayMs' | 'maxDelayMs' | 'leaseMs'>>;

export const DISPATCH_DEFAULTS: Readonly<Limits> = {
  maxAttempts: 10,
  maxBatch: 20,
  baseDelayMs: 60_000,
  maxDelayMs: 3_600_000,
  leaseMs: 600_000,
};

export interface PlannedBatch {
  channel: string;
  vendorId: string | null;
  items: OutboxItem[];
}

/** Pure: the messages to send now, in order. Per (channel, vendor) the leading run of due
 *  pending alerts, cut into batches of `maxBatch`; the run stops at the first alert that is not
 *  due or is in flight, so nothing overtakes an older alert. */
export function planBatches(items: OutboxItem[], maxBatch: number): PlannedBatch[][] {
  const groups = new Map<string, OutboxItem[]>();
  for (const it of items) {
    const key = `${it.alert.channel}\u0000${it.alert.vendorId ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(it);
  }
  const plan: PlannedBatch[][] = [];
  for (const g of groups.values()) {
    const run: OutboxItem[] = [];
    for (const it of g) {
      if (it.alert.status !== 'pending' || !it.due) break;
      run.push(it);
    }
    if (run.length === 0) continue;
    // Alerts claimed before (the batch in flight when a dispatcher died, or one being retried) go
    // out first and together: they were one message, and resending them as one keeps a crash to
    // one duplicated message even when alerts of older events have been queued since.
    const ordered = [...run.filter((it) => it.alert.attempts > 0), ...run.filter((it) => it.alert.attempts === 0)];
    const batches: PlannedBatch[] = [];
    for (let i = 0; i < ordered.length; i += maxBatch) {
      batches.push({ channel: ordered[0]!.alert.channel, vendorId: ordered[0]!.alert.vendorId, items: ordered.slice(i, i + maxBatch) });
    }
    plan.push(batches);
  }
  return plan;
}

/** Exponential backoff with "equal jitter": d = min(cap, base·2^(attempt−1)), wait in [d/2, d]. */
export function retryDelayMs(attempt: number, random: () => number, baseMs: number, capMs: number): number {
  const d = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(d / 2 + random() * (d / 2));
}

interface Failure {
  transient: boolean;
  retryAt?: Date;
  message: string;
}

function classify(err: unknown, channel: string): Failure {
  if (err instanceof ChannelError || err instanceof HttpError) {
    return { transient: err.transient, ...(err.retryAt && { retryAt: err.retryAt }), message: err.message };
  }
  // Anything else is a bug in a renderer or channel, not weather: retrying will not help.
  return { transient: false, message: `notify: ${channel}: ${err instanceof Error ? err.message : String(err)}` };
}

export async function dispatch(deps: DispatchDeps, opts: DispatchOptions = {}): Promise<DispatchSummary> {
  const o: Limits = { ...DISPATCH_DEFAULTS, ...stripUndefined(opts) };
  const { db, log = () => {} } = deps;
  const summary: DispatchSummary = { sent: 0, failed: 0, retried: 0, dead: 0, recovered: 0 };
  const start = deps.now().toISOString();
  summary.recovered = recoverSending(db, start, { all: opts.recover === 'all' });
  if (summary.recovered) log(`notify: ${summary.recovered} alerts were in flight when a dispatcher stopped; sending them again`);

  for (const group of planBatches(loadOutbox(db, start), o.maxBatch)) {
    for (const batch of group) {
      const outcome = await sendBatch(deps, o, opts.vendorNames, batch, summary, log);
      // A batch that did not go out holds back the rest of its (channel, vendor) run.
      if (outcome !== 'sent' && outcome !== 'failed') break;
    }
  }
  return summary;
}

async function sendBatch(
  deps: DispatchDeps,
  o: Limits,
  vendorNames: ReadonlyMap<string, string> | undefined,
  batch: PlannedBatch,
  summary: DispatchSummary,
  log: (line: string) => void,
): Promise<'sent' | 'failed' | 'retry' | 'lost'> {
  const { db } = deps;
  const ids = batch.items.map((it) => it.alert.id);
  const who = `${batch.channel}: ${batch.vendorId ?? 'all vendors'}`;
  const channel = deps.channels.get(batch.channel);
  if (!channel) {
    summary.failed += await record(deps, log, who, () => markFailed(db, ids, `notify: channel ${batch.channel} is not configured`));
    log(`notify: ${who}: channel not configured; ${ids.length} alerts failed`);
    return 'failed';
  }
  const claimedAt = deps.now();
  if (!claimAlerts(db, ids, claimedAt.toISOString(), new Date(claimedAt.getTime() + o.leaseMs).toISOString())) {
    return 'lost'; // another dispatcher took them
  }
  const vendorName = batch.vendorId === null ? undefined : vendorNames?.get(batch.vendorId);
  try {
    await channel.send({ vendorId: batch.vendorId, ...(vendorName && { vendorName }), events: batch.items.map((it) => it.event) });
  } catch (err) {
    const f = classify(err, batch.channel);
    if (!f.transient) {
      summary.failed += await record(deps, log, who, () => markFailed(db, ids, f.message));
      log(`notify: ${who}: ${ids.length} alerts failed: ${f.message}`);
      return 'failed';
    }
    // Each alert counts its own attempts: one that joined the batch late is not given up with it.
    const done = batch.items.filter((it) => it.alert.attempts + 1 >= o.maxAttempts);
    const again = batch.items.filter((it) => it.alert.attempts + 1 < o.maxAttempts);
    if (done.length) {
      summary.dead += await record(deps, log, who, () =>
        markDead(
          db,
          done.map((it) => it.alert.id),
          `${f.message} (gave up after ${o.maxAttempts} attempts)`,
        ),
      );
      log(`notify: ${who}: ${done.length} alerts dead after ${o.maxAttempts} attempts: ${f.message}`);
    }
    if (!again.length) return 'failed';
    const attempts = Math.max(...again.map((it) => it.alert.attempts + 1));
    const now = deps.now().getTime();
    // A receiver's Retry-After is honoured up to MAX_CHANNEL_WAIT_SEC: a wait of years would park
    // these alerts, and every newer one of the vendor behind them, for good.
    const asked = f.retryAt && f.retryAt.getTime() > now ? Math.min(f.retryAt.getTime(), now + MAX_CHANNEL_WAIT_SEC * 1000) : undefined;
    const next = asked ?? now + retryDelayMs(attempts, deps.random, o.baseDelayMs, o.maxDelayMs);
    const nextIso = new Date(next).toISOString();
    summary.retried += await record(deps, log, who, () =>
      markRetry(
        db,
        again.map((it) => it.alert.id),
        nextIso,
        f.message,
      ),
    );
    log(`notify: ${who}: ${again.length} alerts will be retried at ${nextIso}: ${f.message}`);
    return 'retry';
  }
  // The message is out: recording that must not fail into a resend. While the database is
  // locked by another process the write is retried (without blocking the event loop) for as
  // long as this process lives; the rows stay `sending`, which nothing else takes back while
  // this process holds the writer lease.
  const sentAt = deps.now().toISOString();
  summary.sent += await record(deps, log, who, () => markSent(db, ids, sentAt));
  log(`notify: ${who}: ${ids.length} alerts sent`);
  return 'sent';
}

const RECORD_FIRST_WAIT_MS = 100;
const RECORD_MAX_WAIT_MS = 5_000;

/** Runs a store write, retrying while the database is busy or locked (another process holds a
 *  write lock); other errors, and an abort, end the attempts. */
async function record<T>(deps: DispatchDeps, log: (line: string) => void, who: string, write: () => T): Promise<T> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (err) {
      if (!isBusy(err) || deps.signal?.aborted) throw err;
      const wait = Math.min(RECORD_MAX_WAIT_MS, RECORD_FIRST_WAIT_MS * 2 ** attempt);
      log(`notify: ${who}: the database is locked (${(err as Error).message}); recording the outcome again in ${wait} ms`);
      await sleep(wait);
    }
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
