// After classification: per vendor, compute the gap metrics now, store a snapshot, run the
// widening rules (hysteresis, cooldown) and store their events with alerts — one transaction per vendor.
import { isFlagship } from '../classify/lines.js';
import { gapMetrics } from '../gap/metrics.js';
import type { GapEvent, GapInput, GapMetrics, GapState } from '../gap/types.js';
import { evaluate, openShareReference, wideningStatus, type GapStatus } from '../gap/widening.js';
import type { NewEvent, StoredEvent, VendorConfig } from '../model.js';
import type { Db } from '../store/db.js';
import { insertEvents, type Router } from '../store/events.js';
import { gapSnapshotAt } from '../store/digests.js';
import { getGapState, insertGapSnapshot, saveGapState } from '../store/gap.js';
import { lineLevelChanges, lineReleases, lineScores } from '../store/gap-input.js';

/** The metrics input of one vendor from the history as it was at `asOf`. */
export function gapInput(db: Db, vendor: VendorConfig, asOf: string): GapInput {
  return {
    vendor: vendor.id,
    vendorName: vendor.name,
    openLine: vendor.lines.open?.name ?? null,
    proprietaryLine: vendor.lines.proprietary?.name ?? null,
    asOf,
    releases: lineReleases(db, vendor.id, asOf).map((r) => ({
      ...r,
      flagship: isFlagship(r.line === 'open' ? vendor.lines.open : vendor.lines.proprietary, r.name),
    })),
    scores: lineScores(db, vendor.id, asOf),
    levelHistory: lineLevelChanges(db, vendor.id, asOf),
    thresholds: vendor.thresholds,
  };
}

/**
 * The gap of a vendor at `asOf` with its status. `reference`: the M3 reference to compare with;
 * by default the one the evaluation at or before `asOf` stored in its snapshot, so that `gap`
 * (and `gap --as-of` an alert's time) quotes the numbers the alert quoted.
 */
export function computeGap(db: Db, vendor: VendorConfig, asOf: string, reference?: number | null): GapMetrics & GapStatus {
  const m = gapMetrics(gapInput(db, vendor, asOf));
  const ref = reference !== undefined ? reference : storedReference(db, vendor.id, asOf);
  return { ...m, ...wideningStatus(m, vendor.thresholds, ref) };
}

/** The M3 reference stored by the last evaluation at or before `asOf` (undefined: none stored). */
function storedReference(db: Db, vendorId: string, asOf: string): number | null | undefined {
  const metrics = gapSnapshotAt(db, vendorId, asOf)?.metrics;
  return metrics && 'openShareReference' in metrics ? ((metrics.openShareReference as number | null) ?? null) : undefined;
}

export interface GapDeps {
  db: Db;
  route: Router;
  now: () => Date;
  vendors: VendorConfig[];
}

export function evaluateGaps(deps: GapDeps): StoredEvent[] {
  const now = deps.now().toISOString();
  const out: StoredEvent[] = [];
  for (const vendor of deps.vendors) {
    if (!vendor.lines.open && !vendor.lines.proprietary) continue;
    const prev = getGapState<GapState>(deps.db, vendor.id) ?? null;
    // The snapshot's status compares with the reference this evaluation's rules use.
    const raw = gapMetrics(gapInput(deps.db, vendor, now));
    const metrics = { ...raw, ...wideningStatus(raw, vendor.thresholds, openShareReference(prev, raw)) };
    // Seed mode: the first evaluation of a vendor records the gap as it already stands (the
    // conditions that hold now pass hysteresis at once) as baseline events that never alert;
    // from then on only what moves alerts. A user adding a vendor is not flooded.
    const seeding = prev === null;
    const first = seeding ? evaluate(null, metrics, vendor.thresholds, now).state : prev;
    const { state, events } = evaluate(first, metrics, vendor.thresholds, now);
    out.push(
      ...deps.db
        .transaction(() => {
          insertGapSnapshot(deps.db, { vendorId: vendor.id, at: now, metrics, widening: metrics.widening, reasons: metrics.reasons });
          saveGapState(deps.db, vendor.id, state, now);
          return insertEvents(deps.db, events.map((e) => toEvent(vendor, e, metrics, now, seeding)), deps.route, now);
        })
        .immediate(),
    );
  }
  return out;
}

function toEvent(vendor: VendorConfig, e: GapEvent, m: GapMetrics, now: string, baseline: boolean): NewEvent {
  const evidence = [m.lastOpenRelease, m.lastProprietaryRelease]
    .filter((r): r is NonNullable<typeof r> => r !== null)
    .map((r) => ({ signal: 'release', value: `${r.name} (${r.date.slice(0, 10)}, level ${r.level})`, sourceUrl: null, seenAt: now }));
  return {
    kind: e.kind,
    dedupKey: `${e.kind}:${vendor.id}:${e.reason}:${now}`,
    vendorId: vendor.id,
    modelId: null,
    sourceId: null,
    occurredAt: now,
    seenAt: now,
    summary: e.summary,
    severity: e.kind === 'gap.widened' ? 'warning' : 'notice',
    data: { ...e.data, reason: e.reason },
    evidence,
    baseline,
  };
}
