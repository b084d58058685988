// Gap metrics M1-M6 per vendor and across vendors (docs/domain.md "Gap metrics"). Pure: data in,
// GapMetrics out. Only data dated <= asOf is read, so a metric "as of" a date equals the metric
// computed on a copy of the history cut at that date.
//
// This file composes the three sides, each with its own choices documented in its file:
//   releases.ts    which models are releases, grouped by line and day; M1-M3
//   capability.ts  M4/M5 per benchmark (frontier.ts: Epoch's distances between two frontiers)
//   drift.ts       M6, level changes between releases and of repositories
import type { GapThresholds, Level } from '../model.js';
import { DEFAULT_CAPABILITY_WINDOW_MONTHS, capabilityMetrics, capabilityWindowStart } from './capability.js';
import { licenceDrift } from './drift.js';
import { type KnownRelease, groupReleases, historyByModel, isOpenRelease, levelAt, releaseMetrics } from './releases.js';
import { asOfMs, toMs } from './time.js';
import type { AllVendorsGap, GapInput, GapMetrics, GapRelease } from './types.js';

/** M1-M6 for one vendor as of `input.asOf`. */
export function gapMetrics(input: GapInput): GapMetrics {
  const at = asOfMs(input.asOf);
  const history = (input.levelHistory ?? []).filter((h) => toMs(h.at) <= at);
  const byModel = historyByModel(input.levelHistory ?? []);

  // Releases up to asOf, with their level as of asOf.
  const known: KnownRelease[] = [];
  const unknownModels: string[] = [];
  const levelOf = new Map<string, Level | null>();
  const releaseOf = new Map<string, GapRelease>();
  for (const r of input.releases) {
    const ms = toMs(r.releasedAt);
    releaseOf.set(r.modelId, r);
    if (ms > at) continue;
    const level = input.levelsAsOf ? r.level : levelAt(r, byModel, at);
    levelOf.set(r.modelId, level);
    if (level === null) unknownModels.push(r.modelId);
    else if (level !== '0') known.push({ r, level, ms });
  }
  const groups = groupReleases(known);

  const windowMonths = input.thresholds.capabilityWindowMonths ?? DEFAULT_CAPABILITY_WINDOW_MONTHS;
  const m45 = capabilityMetrics({
    scores: input.scores ?? [],
    levelOf,
    releaseOf,
    at,
    windowStart: capabilityWindowStart(at, input.capabilitySince ?? null, windowMonths),
    tolerance: input.thresholds.catchUpTolerance,
    primaryBenchmark: input.primaryBenchmark,
  });

  return {
    vendor: input.vendor,
    vendorName: input.vendorName ?? input.vendor,
    asOf: input.asOf,
    openLine: input.openLine ?? null,
    proprietaryLine: input.proprietaryLine ?? null,
    hasOpenLine: input.openLine != null || input.releases.some((r) => r.line === 'open' && toMs(r.releasedAt) <= at),
    ...releaseMetrics(groups, at),
    lagMonths: m45.lagMonths,
    delta: m45.delta,
    deltaBenchmark: m45.deltaBenchmark,
    capability: m45.capability,
    licenceDrift: licenceDrift(groups, history),
    counts: {
      releases: groups.length,
      openReleases: groups.filter(isOpenRelease).length,
      proprietaryReleases: groups.filter((g) => g.line === 'proprietary').length,
      unknownLevel: unknownModels.length,
      unknownModels: unknownModels.sort(),
      excludedScores: m45.excludedScores,
    },
  };
}

/** Per-vendor data for allVendorsGap: a GapInput without the shared asOf. */
export type VendorGapData = Omit<GapInput, 'asOf'>;

/**
 * Every vendor's metrics as of one date, and the pooled metrics across vendors (all open lines
 * against all proprietary lines; same-day releases of different vendors stay separate releases).
 */
export function allVendorsGap(
  vendors: VendorGapData[],
  asOf: string,
  thresholds: GapThresholds,
  opts: { capabilitySince?: string | null } = {},
): AllVendorsGap {
  const since = opts.capabilitySince ?? null;
  const per = vendors.map((v) => gapMetrics({ ...v, asOf, capabilitySince: v.capabilitySince ?? since }));
  const pooled: GapInput = {
    vendor: 'all',
    vendorName: 'All vendors',
    openLine: null,
    proprietaryLine: null,
    asOf,
    thresholds,
    releases: vendors.flatMap((v) => v.releases.map((r) => ({ ...r, vendor: r.vendor ?? v.vendor }))),
    scores: vendors.flatMap((v) => v.scores ?? []),
    levelHistory: vendors.flatMap((v) => v.levelHistory ?? []),
    capabilitySince: since,
    levelsAsOf: vendors.some((v) => v.levelsAsOf),
  };
  return { asOf, vendors: per, all: gapMetrics(pooled) };
}
