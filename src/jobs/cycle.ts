// One full cycle, exactly what `run` does on schedule: poll the selected sources, then the
// post-collect steps (classification, gap evaluation), then the alert dispatcher.
import type { SourceConfig, VendorConfig } from '../model.js';
import type { StoredEvent } from '../events/index.js';
import { syncSources } from '../store/sources.js';
import type { Db } from '../store/db.js';
import { DEFAULT_INTERVAL_SEC } from '../config/defaults.js';
import { discoveredConfig, listDiscovered } from '../store/discovered.js';
import { pollSource, type PollDeps, type SourceOutcome } from './poll-source.js';

export interface CycleStep {
  name: string;
  run(changed: { events: StoredEvent[]; vendorIds: Set<string> }): Promise<StoredEvent[]> | StoredEvent[];
}

export interface CycleDeps extends PollDeps {
  vendors: VendorConfig[];
  /** Post-collect steps in order (classify, gap); each may add events. */
  steps: CycleStep[];
  /** Sends pending alerts; omitted with --no-dispatch. */
  dispatch?: () => Promise<DispatchSummary>;
  /** How many sources are polled at once (the HTTP edge also limits per host). */
  concurrency?: number;
}

export interface DispatchSummary {
  sent: number;
  failed: number;
  retried: number;
  dead: number;
}

export interface CycleResult {
  sources: SourceOutcome[];
  events: StoredEvent[];
  dispatch: DispatchSummary | null;
}

export interface Selection {
  vendor?: string;
  source?: string;
}

export function selectSources(vendors: VendorConfig[], sel: Selection): { source: SourceConfig; vendor: VendorConfig }[] {
  return vendors
    .filter((v) => !sel.vendor || v.id === sel.vendor)
    .flatMap((vendor) => vendor.sources.map((source) => ({ source, vendor })))
    .filter((s) => !sel.source || s.source.id === sel.source);
}

export async function runCycle(
  deps: CycleDeps,
  targets: { source: SourceConfig; vendor: VendorConfig }[],
  onProgress?: (done: number, total: number, last: SourceOutcome) => void,
  opts: { discovered?: boolean } = {},
): Promise<CycleResult> {
  syncSources(
    deps.db,
    targets.map((t) => t.source),
  );
  // Sources discovered through links in posts (jobs/discover.ts) are polled with their vendor's
  // other sources, unless the caller picked sources one by one (`poll --source`).
  if (opts.discovered !== false) targets = [...targets, ...discoveredTargets(deps, targets)];
  let done = 0;
  const outcomes = await mapLimit(targets, deps.concurrency ?? 4, async (t) => {
    const o = await pollSource(deps, t.source, t.vendor);
    onProgress?.(++done, targets.length, o);
    return o;
  });
  const events = outcomes.flatMap((o) => o.events);
  const vendorIds = new Set(targets.map((t) => t.vendor.id));
  for (const step of deps.steps) events.push(...(await step.run({ events: [...events], vendorIds })));
  const dispatch = deps.dispatch ? await deps.dispatch() : null;
  return { sources: outcomes, events, dispatch };
}

function discoveredTargets(
  deps: CycleDeps,
  targets: { source: SourceConfig; vendor: VendorConfig }[],
): { source: SourceConfig; vendor: VendorConfig }[] {
  const vendors = [...new Map(targets.map((t) => [t.vendor.id, t.vendor])).values()];
  return discoveredSourceTargets(deps.db, vendors, new Set(targets.map((t) => t.source.id)));
}

/**
 * The discovered sources of these vendors (jobs/discover.ts), each with its vendor and the
 * default interval of its kind, leaving out the ids in `exclude` and vendors with `discover: false`.
 * The service schedules them on their own (service/poller.ts); `poll` adds them to a cycle.
 */
export function discoveredSourceTargets(
  db: Db,
  vendors: readonly VendorConfig[],
  exclude: ReadonlySet<string>,
): { source: SourceConfig; vendor: VendorConfig }[] {
  const byId = new Map(vendors.map((v) => [v.id, v]));
  return listDiscovered(db, new Set(byId.keys()))
    .filter((d) => !exclude.has(d.sourceId) && byId.get(d.vendorId)?.discover !== false)
    .map((d) => ({ source: discoveredConfig(d, DEFAULT_INTERVAL_SEC[d.kind]), vendor: byId.get(d.vendorId)! }));
}

/** Runs `fn` over items with at most `limit` in flight, keeping the input order in the result. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
