// Types of the gap metrics (docs/domain.md M1-M6) and of the widening rules' state. Plain data:
// everything here is JSON-serialisable so the lead can store snapshots and states as they are.
import type { EventKind } from '../events/index.js';
import type { GapThresholds, Level, LineKind } from '../model.js';

/** One model released on one of a vendor's lines. */
export interface GapRelease {
  modelId: string;
  name: string;
  line: LineKind;
  /** Current level; null = unknown (excluded from the metrics, counted separately). */
  level: Level | null;
  /** ISO 8601 date or timestamp. */
  releasedAt: string;
  /** isFlagship(line, name): true for every release of a line without flagship patterns. */
  flagship: boolean;
  license?: string | null;
  url?: string | null;
  /** Set by allVendorsGap so that same-day releases of different vendors stay apart. */
  vendor?: string;
  /** The release's name and family (store/releases.ts), when the input is read from releases. */
  release?: string;
  family?: string | null;
}

/** One capability score of a model on a benchmark. */
export interface GapScore {
  modelId: string;
  line: LineKind;
  benchmark: string;
  score: number;
  /** When the score was published (ISO); it counts only from then on. */
  date: string;
  sourceUrl?: string | null;
  /** Published standard error, in the score's unit: the benchmark's tolerance comes from it. */
  stderr?: number | null;
}

/** A reclassification of one model (from the `model.reclassified` events), for M6 and as-of levels. */
export interface LevelChange {
  modelId: string;
  line: LineKind;
  at: string;
  from: Level | null;
  to: Level | null;
  sourceUrl?: string | null;
}

export interface GapInput {
  vendor: string;
  /** Display name for summaries (defaults to the id). */
  vendorName?: string;
  openLine?: string | null;
  proprietaryLine?: string | null;
  /** ISO date (a whole day, up to 23:59:59.999Z) or timestamp. Only data dated <= asOf counts. */
  asOf: string;
  releases: GapRelease[];
  scores?: GapScore[];
  levelHistory?: LevelChange[];
  /** Release levels are already as of asOf (read from `release_levels`): levelHistory is for M6 only. */
  levelsAsOf?: boolean;
  thresholds: GapThresholds;
  /** Benchmark whose delta is the headline M5 (default: the first of PRIMARY_BENCHMARKS present). */
  primaryBenchmark?: string;
  /** Start of the M4/M5 window (ISO date); default: the trailing `capabilityWindowMonths`. */
  capabilitySince?: string | null;
}

export interface ReleaseRef {
  /** Model id of the release (the flagship of a same-day group). */
  model: string;
  name: string;
  /** releasedAt as given. */
  date: string;
  level: Level;
  license: string | null;
  /** Every model released by the line that day. */
  models: string[];
  /** The release's family (read from releases), which may differ from the line's name (Muse Glimmer on the open side). */
  family?: string | null;
}

export interface CapabilityGap {
  benchmark: string;
  /** Best scores of each side's running-best frontier at asOf. */
  openBest: number;
  proprietaryBest: number;
  /**
   * M5 (benchmark points): Epoch's vertical distance, proprietary frontier minus open frontier
   * averaged over the days of the window where both exist (positive = the open side trails).
   */
  delta: number;
  /** M5 at asOf: proprietaryBest - openBest. */
  deltaNow: number;
  /**
   * M4 (months, 1 decimal): Epoch's horizontal distance, the time from the proprietary
   * frontier's first reaching a score level to the open frontier's reaching it (within the
   * tolerance), averaged over the levels both reached in the window (the open one within it).
   * Negative when the open side reached the levels first. Without such a level: `lagMonthsNow`.
   */
  lagMonths: number;
  /** M4 at asOf: the same distance at the open frontier's current best level (0 within the tolerance). */
  lagMonthsNow: number;
  /** Months since the open frontier last advanced: reported, never a lag nor a widening reason. */
  openBestAgeMonths: number;
  openBestModel: string;
  proprietaryBestModel: string;
  /** When the leading frontier first reached the trailing one's best (the basis of lagMonthsNow). */
  catchUpDate: string | null;
  /** The averaging window (dates, inclusive). */
  window: { from: string; to: string };
  /** Noise tolerance used, in the benchmark's points. */
  tolerance: number;
  /** Where it comes from: the benchmark's scale (noise unit), or the published standard errors. */
  toleranceBasis: 'scale' | 'stderr';
  /** Height of the level range compared (benchmark points); 0 = none, lagMonths is lagMonthsNow. */
  levelsCompared: number;
}

export interface ReleaseDrift {
  line: LineKind;
  from: { model: string; name: string; level: Level; date: string; license: string | null };
  to: { model: string; name: string; level: Level; date: string; license: string | null };
  /** Levels gained (+) or lost (-). */
  delta: number;
}

export interface RepoDrift {
  model: string;
  line: LineKind;
  at: string;
  from: Level;
  to: Level;
  delta: number;
  sourceUrl: string | null;
}

export interface GapMetrics {
  vendor: string;
  vendorName: string;
  asOf: string;
  openLine: string | null;
  proprietaryLine: string | null;
  /** The vendor has an open line (configured, or open-line releases exist). */
  hasOpenLine: boolean;
  lastOpenRelease: ReleaseRef | null;
  lastProprietaryRelease: ReleaseRef | null;
  /** M1: latest proprietary flagship minus latest open flagship, in days (positive = open lags). */
  recencyGapDays: number | null;
  recencyBasis: { open: ReleaseRef | null; proprietary: ReleaseRef | null };
  daysSinceOpenRelease: number | null;
  /** M2: proprietary releases since the last open release. */
  proprietaryStreak: number;
  streakReleases: ReleaseRef[];
  /** M3: open releases / all line releases in the trailing window; null = no release in it. */
  openShare180d: number | null;
  openShare180dPrevious: number | null;
  openShare180dChange: number | null;
  openShare365d: number | null;
  openShare365dPrevious: number | null;
  openShare365dChange: number | null;
  /** M4: median of the per-benchmark lags (months); null without a benchmark both lines have. */
  lagMonths: number | null;
  /** M5 on the headline benchmark. */
  delta: number | null;
  deltaBenchmark: string | null;
  capability: CapabilityGap[];
  /** M6: latest consecutive-release level change per line, every change, and repo changes. */
  licenceDrift: {
    open: number | null;
    proprietary: number | null;
    releases: ReleaseDrift[];
    repos: RepoDrift[];
  };
  counts: {
    /** Release groups (one per line and day) counted by the metrics. */
    releases: number;
    openReleases: number;
    proprietaryReleases: number;
    /** Models released by asOf whose level is unknown: left out, reported to the operator. */
    unknownLevel: number;
    unknownModels: string[];
    /** Scores left out as of asOf (model of unknown level, or an open-line model not yet open). */
    excludedScores: number;
  };
}

export interface AllVendorsGap {
  asOf: string;
  vendors: GapMetrics[];
  /** Every vendor's lines pooled: open lines against proprietary lines. */
  all: GapMetrics;
}

// ---------------------------------------------------------------------------------------------
// Widening rules

export type GapEventKind = Extract<EventKind, `gap.${string}`>;

export interface GapEvent {
  kind: GapEventKind;
  /** Stable reason code: 'recency-band:180', 'streak', 'open-share:180d', 'capability-lag:<benchmark>',
   *  'capability-delta:<benchmark>', 'licence-drift:release', 'licence-drift:repo'. */
  reason: string;
  /** One sentence: what moved and why it matters. */
  summary: string;
  /** The metric's figures (stored with the reason as the event's payload: GapData in src/events/payloads.ts). */
  data: { metric: string; [figure: string]: unknown };
}

/** The widening rules' memory for one vendor: plain JSON, stored by the caller between evaluations. */
export interface GapState {
  version: 1;
  evaluations: number;
  lastAsOf: string | null;
  /** Highest M1 band (days) the last emitted event acknowledged; 0 = below every band. */
  recencyBand: number;
  /** M2 reached the streak threshold and that was reported. */
  streakReached: boolean;
  /** M3 reference: the 180-day open share last reported (or the baseline). */
  openShareRef: number | null;
  /** M4/M5 references per benchmark: the values last reported (or the baseline). */
  capability: Record<string, { lagMonths: number; delta: number }>;
  /** M6 drifts already reported (or part of the baseline), by key. */
  driftSeen: string[];
  /** Conditions waiting for hysteresis: key → consecutive evaluations it held, since when. */
  pending: Record<string, { count: number; since: string }>;
  /** Last emission per `kind:reason`, for the cooldown. */
  lastEmitted: Record<string, string>;
}
