// After classification: per vendor, compute the gap metrics now, store a snapshot, run the
// widening rules (hysteresis, cooldown) and store their events with alerts — one transaction per vendor.
import { isFlagship } from '../classify/lines.js';
import { allVendorsGap, gapMetrics } from '../gap/metrics.js';
import type { GapEvent, GapInput, GapMetrics, GapState } from '../gap/types.js';
import { evaluate, openShareReference, wideningStatus, type GapStatus } from '../gap/widening.js';
import type { VendorConfig } from '../model.js';
import type { NewEvent, StoredEvent } from '../events/index.js';
import type { Db } from '../store/db.js';
import { insertEvents, type Router } from '../store/events.js';
import { gapSnapshotAt } from '../store/digests.js';
import { getGapState, insertGapSnapshot, saveGapState } from '../store/gap.js';
import {
  lineLevelChanges,
  lineLevelChangesByVendor,
  lineScores,
  lineScoresByVendor,
  type AsOfReading,
  type ByVendor,
  type LineLevelChange,
  type LineScore,
} from '../store/gap-input.js';
import { releasesAsOf, releaseTimeline, releaseVendors, type ReleaseAsOf } from '../store/releases.js';
import type { GapRelease } from '../gap/types.js';
import { DEFAULT_THRESHOLDS } from '../config/defaults.js';

/** How the history is read at `asOf` (docs/capability.md): dated by then (default) or seen by then. */
export interface GapReading {
  reading?: AsOfReading;
  /** Start of the M4/M5 window (ISO date); default the trailing window of the thresholds. */
  capabilitySince?: string | null;
  /**
   * Per vendor, read the repositories' level changes from the event log (default true). A
   * vendor's levels come from its releases (`release_levels`), so those changes only make M6's
   * `licenceDrift.repos`, which only the widening rules' events read (evaluateGaps): every other
   * metric and the status (`widening`, `reasons`) are the same without them. `gap`, which prints
   * neither, passes false (its vendors' `licenceDrift.repos` stay empty). The across-all-vendors
   * gap takes its levels as of a date from those changes and always reads them.
   */
  repoDrift?: boolean;
}

/**
 * The scores and repo-level changes of every vendor as of one date in one reading, read once
 * (one statement each) for a command that computes several vendors at that date: each vendor's
 * part, and the whole, are what lineScores and lineLevelChanges return, rows and order alike.
 */
export interface GapHistory {
  asOf: string;
  reading: AsOfReading;
  scores: ByVendor<LineScore>;
  /** null: not read (see readGapHistory). */
  levelChanges: ByVendor<LineLevelChange> | null;
  /**
   * A vendor's releases as of any date up to `asOf` in this reading (releasesAsOf), read once per
   * vendor when first asked: the trend's 30 and 90 days back come from the same rows.
   */
  releases(vendorId: string, at: string): ReleaseAsOf[] | undefined;
}

/** `levelChanges`: read them too (default: unless `r.repoDrift` is false; the all-vendors gap needs them). */
export function readGapHistory(db: Db, asOf: string, r: GapReading = {}, o: { levelChanges?: boolean } = {}): GapHistory {
  const reading = r.reading ?? 'released';
  const timelines = new Map<string, ReturnType<typeof releaseTimeline>>();
  return {
    asOf,
    reading,
    scores: lineScoresByVendor(db, asOf, reading),
    levelChanges: (o.levelChanges ?? r.repoDrift !== false) ? lineLevelChangesByVendor(db, asOf) : null,
    releases: (vendorId, at) => {
      let t = timelines.get(vendorId);
      if (!t) timelines.set(vendorId, (t = releaseTimeline(db, vendorId, asOf, reading)));
      return t(at);
    },
  };
}

/** The scores of `history` when it was read at this date in this reading (else undefined: read afresh). */
function scoresAt(history: GapHistory | undefined, asOf: string, reading: AsOfReading): ByVendor<LineScore> | undefined {
  return history && history.asOf === asOf && history.reading === reading ? history.scores : undefined;
}

/**
 * Every vendor's level changes up to `asOf` (lineLevelChanges(db, null, asOf)) from `history` when
 * it holds them up to that date or later: those rows whose time is by `asOf`, compared as the
 * statement compares them (as text), in the statement's order. Undefined: read afresh.
 */
function levelChangesAt(history: GapHistory | undefined, asOf: string): LineLevelChange[] | undefined {
  const all = history?.levelChanges?.all;
  if (!all || !history || asOf > history.asOf) return undefined;
  return asOf === history.asOf ? all : all.filter((c) => c.at <= asOf);
}

/** The metrics input of one vendor from the history as it was at `asOf`. */
export function gapInput(
  db: Db,
  vendor: VendorConfig,
  asOf: string,
  r: GapReading & { releasesOnly?: boolean } = {},
  history?: GapHistory,
): GapInput {
  const reading = r.reading ?? 'released';
  const scores = scoresAt(history, asOf, reading);
  const changes = history?.asOf === asOf ? history.levelChanges : null;
  return {
    capabilitySince: r.capabilitySince ?? null,
    vendor: vendor.id,
    vendorName: vendor.name,
    openLine: vendor.lines.open?.name ?? null,
    proprietaryLine: vendor.lines.proprietary?.name ?? null,
    asOf,
    releases: vendorReleases(db, vendor, asOf, reading, history),
    levelsAsOf: true,
    scores: r.releasesOnly ? [] : scores ? scores.of(vendor.id) : lineScores(db, vendor.id, asOf, reading),
    levelHistory: r.releasesOnly || r.repoDrift === false ? [] : changes ? changes.of(vendor.id) : lineLevelChanges(db, vendor.id, asOf),
    thresholds: vendor.thresholds,
  };
}

/**
 * The vendor's releases as of `asOf` for M1-M3 and M6 (docs/domain.md "side"): releases of the
 * families its file names (`lines:`), on the side their evidence puts them, whatever the family.
 * Pending releases (announced only) carry no level and count on neither side; releases of
 * unknown level are reported, not counted; auxiliary releases (guards, embedders) are left out.
 * A release is a flagship when its name or main artefact matches the flagship patterns of its
 * family's line (every release, when that line lists none).
 */
export function vendorReleases(
  db: Db,
  vendor: Pick<VendorConfig, 'id' | 'lines'>,
  asOf: string,
  reading: AsOfReading = 'released',
  history?: GapHistory,
): GapRelease[] {
  const out: GapRelease[] = [];
  const shared = history?.reading === reading ? history.releases(vendor.id, asOf) : undefined;
  for (const r of shared ?? releasesAsOf(db, vendor.id, asOf, reading)) {
    if (r.auxiliary || !r.expectedSide) continue;
    const line = r.side === 'pending' ? r.expectedSide : r.side;
    const cfg = vendor.lines[r.expectedSide];
    out.push({
      modelId: r.mainModel ?? `release:${r.id}`,
      name: r.name,
      line,
      level: r.side === 'pending' && r.level === null ? null : r.level,
      releasedAt: r.releasedAt,
      flagship: isFlagship(cfg, r.name) || (!!r.mainModel && isFlagship(cfg, r.mainModel)),
      license: r.licenseId,
      release: r.name,
      family: r.family,
    });
  }
  return out;
}

/**
 * M1-M3 only (what the trend of `gap` compares): read from releases alone, without the scores
 * and the repo-level history that M4-M6 need. Same values as computeGap's M1-M3 at that date.
 */
export function computeReleaseGap(db: Db, vendor: VendorConfig, asOf: string, r: GapReading = {}, history?: GapHistory): GapMetrics {
  return gapMetrics(gapInput(db, vendor, asOf, { ...r, releasesOnly: true }, history));
}

/**
 * The gap of a vendor at `asOf` with its status. `reference`: the M3 reference to compare with;
 * by default the one the evaluation at or before `asOf` stored in its snapshot, so that `gap`
 * (and `gap --as-of --as-known` an alert's time) quotes the numbers the alert quoted.
 */
export function computeGap(
  db: Db,
  vendor: VendorConfig,
  asOf: string,
  r: GapReading = {},
  reference?: number | null,
  history?: GapHistory,
): GapMetrics & GapStatus {
  const m = gapMetrics(gapInput(db, vendor, asOf, r, history));
  const ref = reference !== undefined ? reference : storedReference(db, vendor.id, asOf);
  return { ...m, ...wideningStatus(m, vendor.thresholds, ref) };
}

/** The M3 reference stored by the last evaluation at or before `asOf` (undefined: none stored). */
function storedReference(db: Db, vendorId: string, asOf: string): number | null | undefined {
  const metrics = gapSnapshotAt(db, vendorId, asOf)?.metrics;
  return metrics && 'openShareReference' in metrics ? ((metrics.openShareReference as number | null) ?? null) : undefined;
}

/**
 * The gap across all vendors (docs/domain.md "per vendor, and across all vendors"): the releases of
 * every vendor in the store, configured or not (imported releases of other organisations count),
 * each on the side its evidence puts it. Every release counts as a flagship (no common list).
 */
export function computeAllVendorsGap(db: Db, asOf: string, r: GapReading = {}, history?: GapHistory): GapMetrics & GapStatus {
  return allVendorsMetrics(db, asOf, r, history);
}

/**
 * M1-M3 across all vendors (what the trend of `gap --all` compares): from the releases and their
 * levels as of `asOf` (the level changes, taken from `history` when it holds them), without the
 * scores. Same values as computeAllVendorsGap's M1-M3 at that date.
 */
export function computeAllVendorsReleaseGap(db: Db, asOf: string, r: GapReading = {}, history?: GapHistory): GapMetrics {
  return allVendorsMetrics(db, asOf, r, history, true);
}

function allVendorsMetrics(
  db: Db,
  asOf: string,
  r: GapReading,
  history: GapHistory | undefined,
  releasesOnly = false,
): GapMetrics & GapStatus {
  const reading = r.reading ?? 'released';
  const scores = scoresAt(history, asOf, reading);
  const thresholds = DEFAULT_THRESHOLDS;
  const pooled = allVendorsGap(
    [
      {
        vendor: 'all',
        vendorName: 'All vendors',
        // Releases of every vendor, configured or not (a vendor without a file has no flagship list).
        releases: releaseVendors(db).flatMap((id) =>
          vendorReleases(db, { id, lines: {} }, asOf, reading, history).map((x) => ({ ...x, vendor: id, flagship: true })),
        ),
        scores: releasesOnly ? [] : scores ? scores.all : lineScores(db, null, asOf, reading),
        // Not levelsAsOf: the releases' levels as of asOf come from these changes (gap/metrics.ts levelAt).
        levelHistory: levelChangesAt(history, asOf) ?? lineLevelChanges(db, null, asOf),
        thresholds,
      },
    ],
    asOf,
    thresholds,
    { capabilitySince: r.capabilitySince ?? null },
  ).all;
  return { ...pooled, ...wideningStatus(pooled, thresholds) };
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
          return insertEvents(
            deps.db,
            events.map((e) => toEvent(vendor, e, metrics, now, seeding)),
            deps.route,
            now,
          );
        })
        .immediate(),
    );
  }
  // The across-all-vendors figure (vendor '*'), for the digest and `gap --history`: a snapshot
  // only; alerts stay per vendor.
  if (deps.vendors.some((v) => v.lines.open || v.lines.proprietary)) {
    const all = computeAllVendorsGap(deps.db, now);
    deps.db
      .transaction(() => insertGapSnapshot(deps.db, { vendorId: '*', at: now, metrics: all, widening: all.widening, reasons: all.reasons }))
      .immediate();
  }
  return out;
}

function toEvent(vendor: VendorConfig, e: GapEvent, m: GapMetrics, now: string, baseline: boolean): NewEvent<GapEvent['kind']> {
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
