// The weekly digest as data: what collectDigestData (data.ts) reads from the history and every
// renderer (render/*.ts) turns into a format. Plain JSON-able values only.
import type { Level, LineKind } from '../model.js';
import type { EventKind } from '../events/index.js';
import type { Side } from '../store/releases.js';

export interface DigestData {
  /** ISO week of the digest, `2026-W15`. */
  week: string;
  /** [start, end): Monday 09:00 to the next Monday 09:00 in `tz`, as ISO instants. */
  start: string;
  end: string;
  tz: string;
  releases: VendorReleases[];
  licenceChanges: ChangeItem[];
  gatingChanges: ChangeItem[];
  /** Withdrawals, renames, reclassifications, gap moves, source failures, deadlines. */
  otherChanges: ChangeItem[];
  strategy: StrategyRow[];
  gap: GapRow[];
  /** M1 (release-recency gap, days) per vendor for the last 12 weeks, oldest first. */
  history: { weeks: string[]; series: M1Series[] };
  /** M1 and the 180-day open share per vendor at the end of each of the last 52 weeks (the chart). */
  year: { weeks: string[]; series: YearSeries[] };
  sources: SourceHealth;
  deadlines: DeadlineItem[];
}

/** One release of the week (docs/domain.md "release"): one launch, however many artefacts. */
export interface ReleaseItem {
  /** The release's id in the `releases` table. */
  releaseId: number;
  /** Its main artefact (the best-classified one), as `releases --json` names it `model`. */
  modelId: string | null;
  /** The release's name (`Gemma 4`, `Muse Spark`). */
  name: string;
  family: string | null;
  /** Side by evidence at the end of the week: open (public weights), proprietary, pending. */
  side: Side;
  /** The side, or the family's expected side while pending (the field before releases existed). */
  line: LineKind | null;
  level: Level | null;
  licence: string | null;
  /** Artefacts (repos, announced models) of the release. */
  artefacts: number;
  /** Guards, embedders, tokenizers...: never a flagship, left out of the gap metrics. */
  auxiliary: boolean;
  /** Date of its earliest artefact. */
  releasedAt: string;
  url: string | null;
}

export interface VendorReleases {
  vendorId: string;
  vendor: string;
  items: ReleaseItem[];
}

export interface ChangeItem {
  vendorId: string | null;
  vendor: string;
  kind: EventKind;
  /** What changed, in a few words (`Llama-3.1-8B: licence llama3.1 → other`). */
  headline: string;
  occurredAt: string;
  url: string | null;
}

export type LockIn = 'low' | 'medium' | 'high' | 'unknown';

/** One row of the vendor strategy table, read from the vendor's releases (strategy.ts). */
export interface StrategyRow {
  vendorId: string;
  vendor: string;
  /** Name of the vendor's latest release (open or proprietary). */
  latest: string | null;
  strategy: string;
  /** Licence of the latest open release; `proprietary` when the vendor has none. */
  licence: string;
  /** Licences of the latest releases (up to 3), newest first; `proprietary` when closed. */
  licences: string[];
  /** The latest open release (public weights), its date and its age in whole days at the week's end. */
  latestOpen: string | null;
  latestOpenAt: string | null;
  openAgeDays: number | null;
  /** `full support`, `non-commercial only`, `open line stalled, last open release N days ago`, or `not available` (no open release at all). */
  selfHosting: string;
  /** Share of proprietary releases among the latest 5, 0..1: the lock-in risk reads it. */
  proprietaryShare: number;
  lockIn: LockIn;
}

export type { Trend } from '../gap/trend.js';
import type { Trend } from '../gap/trend.js';

export interface GapRow {
  vendorId: string;
  vendor: string;
  /** When the snapshot was taken. */
  at: string;
  recencyGapDays: number | null;
  previousRecencyGapDays: number | null;
  proprietaryStreak: number | null;
  /** Open share over the trailing 180 days, 0..1. */
  openShare180d: number | null;
  widening: boolean;
  reasons: string[];
  trend: Trend;
}

export interface M1Series {
  vendorId: string;
  vendor: string;
  /** One value per `history.weeks` entry; null when there was no snapshot yet. */
  points: (number | null)[];
}

export interface YearSeries {
  vendorId: string;
  vendor: string;
  /** One value per `year.weeks` entry; null: no snapshot yet (not the same as 0 or negative). */
  m1: (number | null)[];
  openShare: (number | null)[];
}

export interface FailingSource {
  id: string;
  vendorId: string;
  since: string | null;
  consecutiveErrors: number;
  lastError: string | null;
}

export interface SourceHealth {
  total: number;
  ok: number;
  failing: FailingSource[];
}

export interface DeadlineItem {
  id: number;
  subject: string;
  date: string;
  note: string | null;
  setAt: string;
  /** Whole days from the end of the digest week to the deadline (negative: past). */
  daysLeft: number;
  reachedAt: string | null;
  /** Events about the subject since the deadline was set. */
  changesSinceSet: number;
  recentChanges: string[];
}
