// Types of the gap metrics (docs/domain.md M1-M6) and of the widening rules' state. Plain data:
// everything here is JSON-serialisable so the lead can store snapshots and states as they are.
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
  thresholds: GapThresholds;
  /** Benchmark whose delta is the headline M5 (default: the first of PRIMARY_BENCHMARKS present). */
  primaryBenchmark?: string;
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
}

export interface CapabilityGap {
  benchmark: string;
  openBest: number;
  proprietaryBest: number;
  /** M5: proprietaryBest - openBest (positive = the open line trails). */
  delta: number;
  /**
   * M4 (months, 1 decimal): how long before asOf the proprietary running-best frontier first
   * came within the tolerance of the open frontier's current best. 0 when the two frontiers are
   * within the tolerance; negative when the open line leads (measured the other way round).
   */
  lagMonths: number;
  openBestModel: string;
  proprietaryBestModel: string;
  /** The first date the leading frontier reached the trailing one's best (minus tolerance). */
  catchUpDate: string | null;
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

export type GapEventKind = 'gap.widened' | 'gap.narrowed';

export interface GapEvent {
  kind: GapEventKind;
  /** Stable reason code: 'recency-band:180', 'streak', 'open-share:180d', 'capability-lag:<benchmark>',
   *  'capability-delta:<benchmark>', 'licence-drift:release', 'licence-drift:repo'. */
  reason: string;
  /** One sentence: what moved and why it matters. */
  summary: string;
  data: Record<string, unknown>;
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
