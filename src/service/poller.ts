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

export function createPoller(opts: PollerOptions): Poller {
  const { logger } = opts;
  const max = Math.max(1, opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  const configuredById = new Map(opts.targets.map((t) => [t.source.id, t]));
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

  const runCycle = async (targets: Target[]): Promise<void> => {
    const ids = targets.map((t) => t.source.id);
    const started = opts.now().getTime();
    try {
      const result = await opts.runDue(targets);
      for (const o of result.sources) logOutcome(logger, o);
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
        due = dueSources(opts.rows(), [...byId.keys()].map((id) => ({ id })), opts.now(), inFlight);
      } catch (err) {
        logger.error('scheduler: cannot read the sources', { error: (err as Error)?.message ?? String(err) });
        return nothing;
      }
      const ids = due.slice(0, Math.max(0, max - inFlight.size));
      if (due.length > ids.length) logger.debug('sources waiting for a free slot', { waiting: due.length - ids.length, inFlight: inFlight.size });
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

function logOutcome(logger: Logger, o: SourceOutcome): void {
  if (o.ok) {
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
  } else {
    logger.warn('poll failed', {
      source: o.sourceId,
      vendor: o.vendorId,
      error: o.error,
      transient: o.transient,
      events: o.events.length,
      nextCheckAt: o.nextCheckAt,
    });
  }
}
