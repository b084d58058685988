// The pipeline for one source (habit 1): collect → diff against the store → store returns the
// new events (alerts written in the same transaction). A failing source is recorded on its row.
import type { Collector } from '../collectors/types.js';
import { ALERTS_PER_POLL, FAILING_ALERT_AFTER_SEC } from '../config/defaults.js';
import { diffObservations } from '../diff/index.js';
import { SourceError } from '../errors.js';
import { HttpError, createFetchAdapter, type HttpClient, type HttpErrorCode } from '../http/index.js';
import type { KnownItem, SourceConfig, VendorConfig } from '../model.js';
import type { NewEvent, StoredEvent } from '../events/index.js';
import type { Db } from '../store/db.js';
import { insertEvents, type Router } from '../store/events.js';
import { loadItems } from '../store/items.js';
import { recordPoll } from '../store/poll.js';
import { getSource, getValidators, markFailure, setFailingAlerted } from '../store/sources.js';
import { nextCheckAfterFailure, nextCheckAfterSuccess } from './backoff.js';

export interface PollDeps {
  db: Db;
  http: HttpClient;
  now: () => Date;
  random: () => number;
  route: Router;
  endpoints: { huggingface: string; github: string };
  collectorFor: (kind: SourceConfig['kind']) => Collector;
  /** Longest rate-limit wait accepted inside a poll before rescheduling the source. */
  maxWaitMs?: number;
  /** Removes secrets from error messages before they are stored (the runtime's redactor): a
   *  server may echo a token or a URL in the error body a collector quotes. */
  redact?: (s: string) => string;
  signal?: AbortSignal;
  /** Alerting events of one poll that get alerts (default ALERTS_PER_POLL). */
  alertsPerPoll?: number;
}

export interface SourceOutcome {
  sourceId: string;
  vendorId: string;
  ok: boolean;
  events: StoredEvent[];
  requests: number;
  notModified: number;
  error?: string;
  transient?: boolean;
  /** Of a failure: the HTTP edge's error code when the HTTP edge failed (`network`, `timeout`, …). */
  cause?: HttpErrorCode;
  /** Of a failure: the source's last successful poll (null: never). */
  lastSuccessAt?: string | null;
  nextCheckAt: string;
}

export async function pollSource(deps: PollDeps, source: SourceConfig, vendor: VendorConfig): Promise<SourceOutcome> {
  const { db } = deps;
  const row = getSource(db, source.id);
  if (!row) throw new Error(`poll: source ${source.id} is not in the database (syncSources first)`);
  const startedAt = deps.now();
  const itemRows = loadItems(db, source.id);
  // Requests of this poll, failed ones included: a source that failed after 4 attempts reports 4.
  const counter = countingClient(deps.http);
  const known = new Map<string, KnownItem>([...itemRows].map(([k, r]) => [k, { type: r.type, state: r.state, goneAt: r.goneAt }]));
  try {
    const result = await deps.collectorFor(source.kind).poll({
      source,
      vendor,
      http: counter.client,
      now: deps.now,
      validators: getValidators(db, source.id),
      known,
      cursor: row.cursor,
      endpoints: deps.endpoints,
      maxWaitMs: deps.maxWaitMs,
      signal: deps.signal,
    });
    const now = deps.now();
    const seenAt = now.toISOString();
    const diff = diffObservations(result.observations, { source, vendor, seenAt, baseline: !row.baselineDone, known });
    const events: NewEvent[] = [...diff.events];
    if (row.failingAlerted) events.push(recoveredEvent(source, row.failingSince, seenAt));
    const nextCheckAt = nextCheckAfterSuccess(source.intervalSec, now, deps.random).toISOString();
    const cap = capAlerts(deps.route, deps.alertsPerPoll ?? ALERTS_PER_POLL);
    const stored = recordPoll(
      db,
      {
        sourceId: source.id,
        startedAt: startedAt.toISOString(),
        now: seenAt,
        nextCheckAt,
        requests: result.requests,
        cursor: result.cursor,
        validators: result.validators,
        items: diff.items,
        models: diff.models,
        observations: diff.observations,
        licenseTexts: diff.licenseTexts,
        scores: diff.scores,
        events,
        after: () => (cap.held() > 0 ? [floodEvent(source, seenAt, cap.routed(), cap.limit)] : []),
      },
      cap.route,
    );
    return {
      sourceId: source.id,
      vendorId: vendor.id,
      ok: true,
      events: stored,
      requests: result.requests,
      notModified: result.notModified,
      nextCheckAt,
    };
  } catch (err) {
    return {
      ...recordFailure(
        deps,
        source,
        vendor,
        row.consecutiveErrors + 1,
        row.failingSince,
        row.failingAlerted,
        startedAt,
        err,
        counter.requests(),
      ),
      lastSuccessAt: row.lastSuccessAt,
    };
  }
}

function recordFailure(
  deps: PollDeps,
  source: SourceConfig,
  vendor: VendorConfig,
  errors: number,
  failingSince: string | null,
  failingAlerted: boolean,
  startedAt: Date,
  err: unknown,
  requests: number,
): SourceOutcome {
  const e = asSourceError(source, err);
  const message = deps.redact ? deps.redact(e.message) : e.message;
  const now = deps.now();
  const seenAt = now.toISOString();
  const nextCheckAt = nextCheckAfterFailure(errors, now, deps.random, e.retryAt).toISOString();
  const since = failingSince ?? seenAt;
  const stored = deps.db
    .transaction(() => {
      markFailure(deps.db, source.id, {
        now: seenAt,
        nextCheckAt,
        error: message,
        transient: e.transient,
        requests,
        startedAt: startedAt.toISOString(),
      });
      if (failingAlerted || now.getTime() - Date.parse(since) < FAILING_ALERT_AFTER_SEC * 1000) return [];
      setFailingAlerted(deps.db, source.id, true);
      return insertEvents(deps.db, [failingEvent(source, since, seenAt, message)], deps.route, seenAt);
    })
    .immediate();
  return {
    sourceId: source.id,
    vendorId: vendor.id,
    ok: false,
    events: stored,
    requests,
    notModified: 0,
    error: message,
    transient: e.transient,
    ...(httpCause(err) && { cause: httpCause(err) }),
    nextCheckAt,
  };
}

/** The code of the HttpError in `err`'s cause chain, if any. */
function httpCause(err: unknown): HttpErrorCode | undefined {
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) if (e instanceof HttpError) return e.code;
  return undefined;
}

/**
 * `source.failing` for sources that have been failing longer than the threshold while no poll
 * runs (a long server-imposed wait): raised at each scheduler tick, not only inside a failed
 * poll, so a source parked until its next check still alerts. Returns the stored events.
 */
export function raiseOverdueFailing(deps: Pick<PollDeps, 'db' | 'route'>, sources: readonly SourceConfig[], now: Date): StoredEvent[] {
  const seenAt = now.toISOString();
  const out: StoredEvent[] = [];
  for (const source of sources) {
    const row = getSource(deps.db, source.id);
    if (!row?.failingSince || row.failingAlerted) continue;
    if (now.getTime() - Date.parse(row.failingSince) < FAILING_ALERT_AFTER_SEC * 1000) continue;
    const since = row.failingSince;
    const message = row.lastError ?? 'failing';
    const stored = deps.db
      .transaction(() => {
        // Re-read inside the transaction: a poll finishing meanwhile may have alerted or recovered.
        const fresh = getSource(deps.db, source.id);
        if (!fresh || fresh.failingAlerted || fresh.failingSince !== since) return [];
        setFailingAlerted(deps.db, source.id, true);
        return insertEvents(deps.db, [failingEvent(source, since, seenAt, message)], deps.route, seenAt);
      })
      .immediate();
    out.push(...stored);
  }
  return out;
}

/** The edge, counting the requests sent through it (retries and failed ones included). */
function countingClient(http: HttpClient): { client: HttpClient; requests(): number } {
  let n = 0;
  const request: HttpClient['request'] = async (req) => {
    try {
      const res = await http.request(req);
      n += res.attempts;
      return res;
    } catch (err) {
      n += err instanceof HttpError && err.attempts !== undefined ? err.attempts : 1;
      throw err;
    }
  };
  return { client: { request, fetch: createFetchAdapter(request) }, requests: () => n };
}

/** Any failure becomes a SourceError prefixed with the source; unknown errors are permanent. */
export function asSourceError(source: SourceConfig, err: unknown): SourceError {
  if (err instanceof SourceError) return err;
  const e = err as { message?: string; transient?: boolean; retryAt?: Date };
  const msg = e?.message ?? String(err);
  const prefixed = msg.startsWith(`${source.kind}:`) ? msg : `${source.kind}: ${source.id}: ${msg}`;
  return new SourceError(prefixed, e?.transient === true, { cause: err, retryAt: e?.retryAt });
}

/**
 * The router of one poll, passing the first `limit` events that would alert and holding back the
 * rest (stored, not alerted): 3,000 new items after a baseline must not become 3,000 alerts.
 * The summary event itself always passes.
 */
function capAlerts(route: Router, limit: number): { route: Router; held(): number; routed(): number; limit: number } {
  let passed = 0;
  let held = 0;
  return {
    limit,
    held: () => held,
    routed: () => passed + held,
    route: (e) => {
      const channels = route(e);
      if (!channels.length || e.kind === 'source.flood') return channels;
      if (passed < limit) {
        passed++;
        return channels;
      }
      held++;
      return [];
    },
  };
}

function floodEvent(source: SourceConfig, seenAt: string, total: number, shown: number): NewEvent<'source.flood'> {
  return {
    kind: 'source.flood',
    dedupKey: `source.flood:${source.id}:${seenAt}`,
    vendorId: source.vendorId,
    modelId: null,
    sourceId: source.id,
    occurredAt: seenAt,
    seenAt,
    summary: `${total} alerting changes from ${source.kind} ${source.id} in one poll; alerts for the first ${shown}, the other ${total - shown} are stored as events.`,
    severity: 'notice',
    data: { total, shown, held: total - shown, target: source.target },
    evidence: [],
    baseline: false,
  };
}

function failingEvent(source: SourceConfig, since: string, seenAt: string, error: string): NewEvent<'source.failing'> {
  return {
    kind: 'source.failing',
    dedupKey: `source.failing:${source.id}:${since}`,
    vendorId: source.vendorId,
    modelId: null,
    sourceId: source.id,
    occurredAt: seenAt,
    seenAt,
    summary: `Source ${source.id} has been failing since ${since}: ${error}`,
    severity: 'warning',
    data: { since, error, target: source.target },
    evidence: [{ signal: 'error', value: error, sourceUrl: null, seenAt }],
    baseline: false,
  };
}

function recoveredEvent(source: SourceConfig, since: string | null, seenAt: string): NewEvent<'source.recovered'> {
  return {
    kind: 'source.recovered',
    dedupKey: `source.recovered:${source.id}:${since ?? seenAt}`,
    vendorId: source.vendorId,
    modelId: null,
    sourceId: source.id,
    occurredAt: seenAt,
    seenAt,
    summary: `Source ${source.id} recovered${since ? ` after failing since ${since}` : ''}.`,
    severity: 'notice',
    data: { since },
    evidence: [],
    baseline: false,
  };
}
