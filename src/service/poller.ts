// What each scheduler tick does: pick the due sources that are not in flight and start one
// cycle for them (runCycle: poll → gap evaluation → dispatch). A source never overlaps itself;
// cycles started by later ticks run beside it, bounded by `maxInFlight` sources in total.
import type { CycleResult } from '../jobs/cycle.js';
import type { Logger } from '../log.js';
import type { SourceConfig, VendorConfig } from '../model.js';
import type { SourceOutcome } from '../jobs/poll-source.js';
import { dueSources, type DueRow } from './due.js';

export interface Target {
  source: SourceConfig;
  vendor: VendorConfig;
}

export interface PollerOptions {
  /** The configured sources, each with its vendor (`selectSources(config.vendors, {})`). */
  targets: readonly Target[];
  /** The stored source rows (`() => listSources(db)`). */
  rows: () => readonly DueRow[];
  /**
   * Sources found while running (discovered sources, jobs/discover.ts), read at every tick: each
   * is due on its own schedule (its row's next_check_at), like a configured source. Ids of
   * configured sources are ignored here.
   */
  discovered?: () => readonly Target[];
  /** One full cycle for these sources (the lead binds it to `runCycle`). */
  runDue: (targets: Target[]) => Promise<CycleResult>;
  now: () => Date;
  logger: Logger;
  /** Most sources in flight at once, across overlapping cycles (default 4). */
  maxInFlight?: number;
}

export interface TickResult {
  /** Sources the tick started a cycle for (empty: nothing was due or no slot was free). */
  ids: string[];
  /** Settles when that cycle has finished (never rejects: failures are logged). */
  done: Promise<void>;
}

export interface CycleStatus {
  at: string;
  ok: boolean;
}

export interface Poller {
  tick(): TickResult;
  /** How the last cycle ended (null before the first one ended): /healthz reports a failed one. */
  lastCycle(): CycleStatus | null;
  inFlight(): ReadonlySet<string>;
  /** Resolves once no cycle is running. */
  idle(): Promise<void>;
  /** After this, ticks start nothing (shutdown). */
  close(): void;
}

export const DEFAULT_MAX_IN_FLIGHT = 4;

/** A source that keeps failing with the same cause is logged again after this long (issue 14). */
export const REPEAT_FAILURE_LOG_MS = 3600_000;

/** What the log last said about a failing source. */
interface Failing {
  error: string;
  cause?: string;
  loggedAt: number;
  /** Failures since that line, not logged. */
  unlogged: number;
  lastSuccessAt: string | null;
  nextCheckAt: string;
}

export function createPoller(opts: PollerOptions): Poller {
  const { logger } = opts;
  const max = Math.max(1, opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  const configuredById = new Map(opts.targets.map((t) => [t.source.id, t]));
  /** The configured sources: the "all sources unreachable" summary speaks of these. */
  const configured = opts.targets.map((t) => ({ id: t.source.id }));
  /** The configured sources, then the discovered ones not configured, as of this tick. */
  const current = (): Map<string, Target> => {
    if (!opts.discovered) return configuredById;
    const all = new Map(configuredById);
    for (const t of opts.discovered()) if (!all.has(t.source.id)) all.set(t.source.id, t);
    return all;
  };
  const inFlight = new Set<string>();
  const running = new Set<Promise<void>>();
  let closed = false;
  let last: CycleStatus | null = null;
  const nothing: TickResult = { ids: [], done: Promise.resolve() };
  const failing = new Map<string, Failing>();
  let allDownLoggedAt: number | null = null;

  /**
   * One line per source outcome, but a source that keeps failing is logged when it starts failing,
   * when its error changes, and at most once an hour meanwhile (its row keeps every error).
   */
  const logOutcome = (o: SourceOutcome): void => {
    const now = opts.now().getTime();
    if (o.ok) {
      failing.delete(o.sourceId);
      const kinds: Record<string, number> = {};
      for (const e of o.events) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
      logger.info('poll ok', {
        source: o.sourceId,
        vendor: o.vendorId,
        events: o.events.length,
        ...(o.events.length ? { kinds } : {}),
        requests: o.requests,
        notModified: o.notModified,
        nextCheckAt: o.nextCheckAt,
      });
      return;
    }
    const error = shortError(o, (configuredById.get(o.sourceId) ?? current().get(o.sourceId))?.source.kind);
    const before = failing.get(o.sourceId);
    const state: Failing = {
      error,
      cause: o.cause,
      loggedAt: before?.loggedAt ?? now,
      unlogged: (before?.unlogged ?? 0) + 1,
      lastSuccessAt: o.lastSuccessAt ?? null,
      nextCheckAt: o.nextCheckAt,
    };
    failing.set(o.sourceId, state);
    if (before && before.error === error && now - before.loggedAt < REPEAT_FAILURE_LOG_MS) return;
    logger.warn('poll failed', {
      source: o.sourceId,
      error,
      transient: o.transient,
      ...(before?.unlogged ? { repeated: before.unlogged } : {}),
      nextCheckAt: o.nextCheckAt,
    });
    state.loggedAt = now;
    state.unlogged = 0;
  };

  /**
   * When every configured source is failing with a network error (offline), one summary line: at
   * the end of the cycle that made it so, then at most once an hour while it lasts.
   */
  const logAllDown = (result: CycleResult): void => {
    const network = (id: string) => failing.get(id)?.cause === 'network';
    if (!result.sources.length || !result.sources.every((o) => !o.ok && o.cause === 'network') || !configured.every((c) => network(c.id))) {
      if (!configured.every((c) => network(c.id))) allDownLoggedAt = null;
      return;
    }
    const now = opts.now().getTime();
    if (allDownLoggedAt !== null && now - allDownLoggedAt < REPEAT_FAILURE_LOG_MS) return;
    allDownLoggedAt = now;
    const states = configured.map((c) => failing.get(c.id)!);
    const lastSuccessAt = states.map((f) => f.lastSuccessAt).reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null);
    // biome-ignore lint/complexity/useMathMinMax: ISO instants are strings; Math.min would make NaN
    const nextCheckAt = states.map((f) => f.nextCheckAt).reduce((a, b) => (b < a ? b : a));
    const n = configured.length;
    logger.warn(
      `all ${n} source${n === 1 ? '' : 's'} unreachable (network): last success ${lastSuccessAt ?? 'never'}; next try ${nextCheckAt}`,
      {
        sources: n,
        lastSuccessAt,
        nextCheckAt,
      },
    );
  };

  const runCycle = async (targets: Target[]): Promise<void> => {
    const ids = targets.map((t) => t.source.id);
    const started = opts.now().getTime();
    try {
      const result = await opts.runDue(targets);
      for (const o of result.sources) logOutcome(o);
      logAllDown(result);
      logger.info('cycle done', {
        sources: result.sources.length,
        ok: result.sources.filter((o) => o.ok).length,
        failed: result.sources.filter((o) => !o.ok).length,
        events: result.events.length,
        dispatch: result.dispatch,
        ms: opts.now().getTime() - started,
      });
      last = { at: opts.now().toISOString(), ok: true };
    } catch (err) {
      last = { at: opts.now().toISOString(), ok: false };
      // A cycle that throws (a step failed, the database went away) is logged; the sources are
      // released so the next tick tries again. The service keeps running.
      logger.error('cycle failed', { sources: ids, error: (err as Error)?.message ?? String(err) });
    } finally {
      for (const id of ids) inFlight.delete(id);
    }
  };

  return {
    tick() {
      if (closed) return nothing;
      let due: string[];
      let byId: Map<string, Target>;
      try {
        byId = current();
        due = dueSources(
          opts.rows(),
          [...byId.keys()].map((id) => ({ id })),
          opts.now(),
          inFlight,
        );
      } catch (err) {
        logger.error('scheduler: cannot read the sources', { error: (err as Error)?.message ?? String(err) });
        return nothing;
      }
      const ids = due.slice(0, Math.max(0, max - inFlight.size));
      if (due.length > ids.length)
        logger.debug('sources waiting for a free slot', { waiting: due.length - ids.length, inFlight: inFlight.size });
      if (!ids.length) return nothing;
      for (const id of ids) inFlight.add(id);
      logger.debug('cycle start', { sources: ids });
      const done = runCycle(ids.map((id) => byId.get(id)!)).finally(() => running.delete(done));
      running.add(done);
      return { ids, done };
    },
    inFlight: () => inFlight,
    lastCycle: () => last,
    async idle() {
      while (running.size) await Promise.all(running);
    },
    close() {
      closed = true;
    },
  };
}

/** The error without the `kind: source-id (url): ` prefix: the line names the source already. */
function shortError(o: SourceOutcome, kind: string | undefined): string {
  const e = o.error ?? 'failed';
  const prefix = `${kind}: ${o.sourceId}`;
  if (!kind || !e.startsWith(prefix)) return e;
  const rest = e.slice(prefix.length).replace(/^ \([^()\s]*\)/, '');
  return rest.startsWith(': ') ? rest.slice(2) : e;
}
