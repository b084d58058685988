// Gap metrics M1-M6 per vendor and across vendors (docs/domain.md "Gap metrics"). Pure: data in,
// GapMetrics out. Only data dated <= asOf is read, so a metric "as of" a date equals the metric
// computed on a copy of the history cut at that date.
//
// Choices (documented here, and in the README by the lead):
// - A *release* is a model with a known level of 1 or more (an announcement alone, level 0, is not a
//   release). Models of unknown level are left out of every metric and listed in `counts`.
// - Releases of one line on the same UTC day are one release (Llama 3.1 8B/70B/405B is one launch);
//   the group's level is its highest, its name that of its flagship (else its first model).
// - An *open release* is an open-line release with level 3a or more (weights downloadable). An
//   open-line release below 3a (hosted, API) counts in M3's denominator but does not end a streak.
// - A *proprietary release* is any proprietary-line release, whatever its level.
// - M1 compares the latest flagship of each line. `isFlagship` treats every release of a line
//   without flagship patterns as a flagship, which gives DOMAIN's "all releases when no flagship
//   list is configured" per line.
// - Levels are taken as of asOf: a model reclassified after asOf counts with its level before.
// - M4/M5 use scores of models whose level as of asOf is known (open-line scores only from open
//   models); a score counts from its date, and sits on the frontier at its model's release date
//   (Epoch plots models by release date). Scores of models not in the release list are taken at
//   their given line and date. M4/M5 are Epoch AI's horizontal/vertical distances between the
//   running-best frontiers over a window (docs/capability.md), with a per-benchmark tolerance.
import { type Level, type LineKind, isOpenLevel, levelRank } from '../model.js';
import { benchmarkTolerance } from '../classify/scores.js';
import { DAY_MS, MONTH_DAYS, asOfMs, dayNumber, daysBetween, round, toMs } from './time.js';
import type {
  AllVendorsGap,
  CapabilityGap,
  GapInput,
  GapMetrics,
  GapRelease,
  GapScore,
  LevelChange,
  ReleaseDrift,
  ReleaseRef,
  RepoDrift,
} from './types.js';
import type { GapThresholds } from '../model.js';

/** Headline benchmarks for M5, most preferred first. */
export const PRIMARY_BENCHMARKS = [
  'Epoch Capabilities Index',
  'Artificial Analysis Intelligence Index',
  'LMArena',
  "Humanity's Last Exam",
  'GPQA Diamond',
  'MMLU-Pro',
  'SWE-bench Verified',
];

interface Group {
  line: LineKind;
  day: number;
  ms: number;
  level: Level;
  flagship: boolean;
  ref: ReleaseRef;
}

/** A model's level as of `at`: the history decides where it has entries, else its current level. */
function levelAt(release: GapRelease, byModel: ReadonlyMap<string, LevelChange[]>, at: number): Level | null {
  const own = byModel.get(release.modelId) ?? [];
  if (own.length === 0) return release.level;
  let level: Level | null = own[0].from;
  for (const h of own) {
    if (toMs(h.at) <= at) level = h.to;
  }
  return level;
}

function maxLevel(a: Level, b: Level): Level {
  return levelRank(a) >= levelRank(b) ? a : b;
}

function groupReleases(releases: { r: GapRelease; level: Level; ms: number }[]): Group[] {
  const byKey = new Map<string, { r: GapRelease; level: Level; ms: number }[]>();
  for (const x of releases) {
    const key = `${x.r.vendor ?? ''}|${x.r.line}|${dayNumber(x.ms)}`;
    const list = byKey.get(key) ?? [];
    list.push(x);
    byKey.set(key, list);
  }
  const groups: Group[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.ms - b.ms || a.r.modelId.localeCompare(b.r.modelId));
    const level = list.map((x) => x.level).reduce(maxLevel);
    // The group's face: a flagship of the highest level, else the first model of that level.
    const face =
      list.find((x) => x.r.flagship && x.level === level) ?? list.find((x) => x.level === level) ?? list[0];
    groups.push({
      line: face.r.line,
      day: dayNumber(list[0].ms),
      ms: list[0].ms,
      level,
      flagship: list.some((x) => x.r.flagship),
      ref: {
        model: face.r.modelId,
        name: face.r.name,
        date: list[0].r.releasedAt,
        level,
        license: face.r.license ?? null,
        models: list.map((x) => x.r.modelId),
        ...(face.r.family !== undefined ? { family: face.r.family } : {}),
      },
    });
  }
  return groups.sort((a, b) => a.ms - b.ms || a.ref.model.localeCompare(b.ref.model));
}

function isOpenRelease(g: Group): boolean {
  return g.line === 'open' && isOpenLevel(g.level);
}

function last<T>(xs: T[]): T | null {
  return xs.length ? xs[xs.length - 1] : null;
}

function share(groups: Group[], fromMs: number, toMs_: number): number | null {
  const inWindow = groups.filter((g) => g.ms > fromMs && g.ms <= toMs_);
  if (inWindow.length === 0) return null;
  return round(inWindow.filter(isOpenRelease).length / inWindow.length, 4);
}

function change(now: number | null, prev: number | null): number | null {
  return now === null || prev === null ? null : round(now - prev, 4);
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

interface Point {
  ms: number;
  score: number;
  model: string;
}

/** A running-best frontier: the points that raised the best score, in time order. */
export function runningBest(points: Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.ms - b.ms || b.score - a.score || a.model.localeCompare(b.model));
  const out: Point[] = [];
  for (const p of sorted) if (!out.length || p.score > out[out.length - 1].score) out.push(p);
  return out;
}

/** First point of a frontier whose score reaches `target`. */
function firstReaching(frontier: Point[], target: number): Point | null {
  for (const p of frontier) if (p.score >= target) return p;
  return null;
}

/** The frontier's value at `ms` (its best score released by then), or null before its first point. */
function valueAt(frontier: Point[], ms: number): number | null {
  let v: number | null = null;
  for (const p of frontier) {
    if (p.ms > ms) break;
    v = p.score;
  }
  return v;
}

const months = (ms: number) => ms / DAY_MS / MONTH_DAYS;

export interface CapabilityOptions {
  /** Start of the averaging window (ms). */
  windowStart: number;
  /** Scores within this many points of each other are the same level (the benchmark's noise). */
  tolerance: number;
  toleranceBasis?: 'scale' | 'stderr';
}

/**
 * M4 and M5 as Epoch AI measures them (Oct 2025 data insight "Open-weight models lag
 * state-of-the-art by around 3 months"): running-best frontiers per side, then
 * - horizontal distance: for every score level y both frontiers reached (the open one within the
 *   window), the time from the proprietary frontier's first reaching y to the open frontier's
 *   first reaching y − tolerance, averaged over y (uniformly, so the integral of the step
 *   functions divided by the height of the level range);
 * - vertical distance: proprietary frontier minus open frontier, averaged over the days of the
 *   window where both exist;
 * - the point values at asOf: the horizontal distance at the highest level both reached, and
 *   the vertical distance now; and the open frontier's age (not a lag: it grows with the calendar).
 * Everything depends on the frontiers and the window only, so M4 does not grow when only the
 * calendar moves (except as levels or days leave the trailing window).
 */
export function capabilityGap(
  benchmark: string,
  open: Point[],
  proprietary: Point[],
  asOf: number,
  opts: CapabilityOptions,
): CapabilityGap | null {
  const o = runningBest(open.filter((p) => p.ms <= asOf));
  const p = runningBest(proprietary.filter((x) => x.ms <= asOf));
  if (o.length === 0 || p.length === 0) return null;
  const tol = opts.tolerance;
  const ob = o[o.length - 1];
  const pb = p[p.length - 1];

  // Horizontal distance, exactly: between consecutive breakpoints the first-reaching points of
  // both frontiers are constant, so each band of levels contributes (its height × its lag).
  const lo = Math.max(o[0].score + tol, p[0].score);
  const hi = Math.min(ob.score + tol, pb.score);
  // Levels below lo were reached by one side before its first known score: unknown when.
  const cuts = [lo, hi, ...o.map((x) => x.score + tol), ...p.map((x) => x.score)].filter((y) => y >= lo && y <= hi);
  const ys = [...new Set(cuts)].sort((a, b) => a - b);
  let area = 0;
  let height = 0;
  for (let i = 1; i < ys.length; i++) {
    const mid = (ys[i - 1] + ys[i]) / 2;
    const tp = firstReaching(p, mid);
    const to = firstReaching(o, mid - tol);
    if (!tp || !to || to.ms < opts.windowStart) continue;
    const h = ys[i] - ys[i - 1];
    area += h * (to.ms - tp.ms);
    height += h;
  }

  // Vertical distance: days of the window where both frontiers exist, weighted by duration.
  const from = Math.max(opts.windowStart, o[0].ms, p[0].ms);
  const times = [from, asOf, ...o.map((x) => x.ms), ...p.map((x) => x.ms)].filter((t) => t >= from && t <= asOf);
  const ts = [...new Set(times)].sort((a, b) => a - b);
  let vArea = 0;
  let span = 0;
  for (let i = 1; i < ts.length; i++) {
    const a = valueAt(p, ts[i - 1]);
    const b = valueAt(o, ts[i - 1]);
    if (a === null || b === null) continue;
    vArea += (ts[i] - ts[i - 1]) * (a - b);
    span += ts[i] - ts[i - 1];
  }

  // Point values at asOf: the horizontal distance at the highest level both frontiers reached
  // (the lower of the two bests), and the vertical distance now.
  const deltaNow = round(pb.score - ob.score, 4);
  const level = Math.min(ob.score, pb.score);
  const catchUp = firstReaching(p, level);
  const openAt = firstReaching(o, level - tol);
  const lagNow = catchUp && openAt ? months(openAt.ms - catchUp.ms) : 0;
  const lagMonths = height > 0 ? round(months(area / height), 1) : round(lagNow, 1);
  return {
    benchmark,
    openBest: ob.score,
    proprietaryBest: pb.score,
    delta: span > 0 ? round(vArea / span, 2) : deltaNow,
    deltaNow,
    lagMonths,
    lagMonthsNow: round(lagNow, 1),
    openBestAgeMonths: round(months(asOf - ob.ms), 1),
    openBestModel: ob.model,
    proprietaryBestModel: pb.model,
    catchUpDate: catchUp ? new Date(catchUp.ms).toISOString() : null,
    window: { from: new Date(opts.windowStart).toISOString().slice(0, 10), to: new Date(asOf).toISOString().slice(0, 10) },
    tolerance: round(tol, 4),
    toleranceBasis: opts.toleranceBasis ?? 'scale',
    levelsCompared: round(height, 4),
  };
}

function releaseDrifts(groups: Group[], line: LineKind): ReleaseDrift[] {
  const own = groups.filter((g) => g.line === line);
  const out: ReleaseDrift[] = [];
  for (let i = 1; i < own.length; i++) {
    const a = own[i - 1];
    const b = own[i];
    const delta = levelRank(b.level) - levelRank(a.level);
    if (delta === 0) continue;
    const side = (g: Group) => ({ model: g.ref.model, name: g.ref.name, level: g.level, date: g.ref.date, license: g.ref.license });
    out.push({ line, from: side(a), to: side(b), delta });
  }
  return out;
}

function latestDrift(groups: Group[], line: LineKind): number | null {
  const own = groups.filter((g) => g.line === line);
  if (own.length < 2) return null;
  return levelRank(own[own.length - 1].level) - levelRank(own[own.length - 2].level);
}

/** M1-M6 for one vendor as of `input.asOf`. */
export function gapMetrics(input: GapInput): GapMetrics {
  const at = asOfMs(input.asOf);
  const history = (input.levelHistory ?? []).filter((h) => toMs(h.at) <= at);
  const allHistory = input.levelHistory ?? [];
  // Each model's level changes in time order, grouped once (not filtered per release).
  const historyByModel = new Map<string, LevelChange[]>();
  for (const h of allHistory) {
    const own = historyByModel.get(h.modelId);
    if (own) own.push(h);
    else historyByModel.set(h.modelId, [h]);
  }
  for (const own of historyByModel.values()) own.sort((a, b) => toMs(a.at) - toMs(b.at));

  // Releases up to asOf, with their level as of asOf.
  const known: { r: GapRelease; level: Level; ms: number }[] = [];
  const unknownModels: string[] = [];
  const levelOf = new Map<string, Level | null>();
  const releaseOf = new Map<string, GapRelease>();
  for (const r of input.releases) {
    const ms = toMs(r.releasedAt);
    releaseOf.set(r.modelId, r);
    if (ms > at) continue;
    const level = input.levelsAsOf ? r.level : levelAt(r, historyByModel, at);
    levelOf.set(r.modelId, level);
    if (level === null) unknownModels.push(r.modelId);
    else if (level !== '0') known.push({ r, level, ms });
  }
  const groups = groupReleases(known);
  const open = groups.filter(isOpenRelease);
  const prop = groups.filter((g) => g.line === 'proprietary');

  // M1
  const lastOpen = last(open);
  const lastProp = last(prop);
  const openFlag = last(open.filter((g) => g.flagship));
  const propFlag = last(prop.filter((g) => g.flagship));
  const recencyGapDays = openFlag && propFlag ? propFlag.day - openFlag.day : null;

  // M2
  const streak = prop.filter((g) => !lastOpen || g.ms > lastOpen.ms);

  // M3
  const lineGroups = groups; // both lines, every known level >= 1
  const w = (days: number) => days * DAY_MS;
  const s180 = share(lineGroups, at - w(180), at);
  const s180p = share(lineGroups, at - w(360), at - w(180));
  const s365 = share(lineGroups, at - w(365), at);
  const s365p = share(lineGroups, at - w(730), at - w(365));

  // M4 / M5
  const windowStart = capabilityWindowStart(at, input.capabilitySince ?? null, input.thresholds.capabilityWindowMonths ?? DEFAULT_CAPABILITY_WINDOW_MONTHS);
  const { capability, excluded } = capabilities(input.scores ?? [], levelOf, releaseOf, at, windowStart, input.thresholds.catchUpTolerance);
  const lagMonths = median(capability.map((c) => c.lagMonths));
  const headline =
    capability.find((c) => c.benchmark === input.primaryBenchmark) ??
    PRIMARY_BENCHMARKS.map((b) => capability.find((c) => c.benchmark === b)).find(Boolean) ??
    capability[0] ??
    null;

  // M6
  const repos: RepoDrift[] = history
    .filter((h): h is LevelChange & { from: Level; to: Level } => h.from !== null && h.to !== null && h.from !== h.to)
    .map((h) => ({
      model: h.modelId,
      line: h.line,
      at: h.at,
      from: h.from,
      to: h.to,
      delta: levelRank(h.to) - levelRank(h.from),
      sourceUrl: h.sourceUrl ?? null,
    }))
    .sort((a, b) => toMs(a.at) - toMs(b.at));

  return {
    vendor: input.vendor,
    vendorName: input.vendorName ?? input.vendor,
    asOf: input.asOf,
    openLine: input.openLine ?? null,
    proprietaryLine: input.proprietaryLine ?? null,
    hasOpenLine: input.openLine != null || input.releases.some((r) => r.line === 'open' && toMs(r.releasedAt) <= at),
    lastOpenRelease: lastOpen?.ref ?? null,
    lastProprietaryRelease: lastProp?.ref ?? null,
    recencyGapDays,
    recencyBasis: { open: openFlag?.ref ?? null, proprietary: propFlag?.ref ?? null },
    daysSinceOpenRelease: lastOpen ? daysBetween(lastOpen.ms, at) : null,
    proprietaryStreak: streak.length,
    streakReleases: streak.map((g) => g.ref),
    openShare180d: s180,
    openShare180dPrevious: s180p,
    openShare180dChange: change(s180, s180p),
    openShare365d: s365,
    openShare365dPrevious: s365p,
    openShare365dChange: change(s365, s365p),
    lagMonths: lagMonths === null ? null : round(lagMonths, 1),
    delta: headline?.delta ?? null,
    deltaBenchmark: headline?.benchmark ?? null,
    capability,
    licenceDrift: {
      open: latestDrift(groups, 'open'),
      proprietary: latestDrift(groups, 'proprietary'),
      releases: [...releaseDrifts(groups, 'open'), ...releaseDrifts(groups, 'proprietary')],
      repos,
    },
    counts: {
      releases: groups.length,
      openReleases: open.length,
      proprietaryReleases: prop.length,
      unknownLevel: unknownModels.length,
      unknownModels: unknownModels.sort(),
      excludedScores: excluded,
    },
  };
}

function capabilities(
  scores: GapScore[],
  levelOf: Map<string, Level | null>,
  releaseOf: Map<string, GapRelease>,
  at: number,
  windowStart: number,
  tolerance: number,
): { capability: CapabilityGap[]; excluded: number } {
  const byBench = new Map<string, { open: Point[]; proprietary: Point[]; stderr: number[] }>();
  let excluded = 0;
  for (const s of scores) {
    const release = releaseOf.get(s.modelId);
    const scoreMs = toMs(s.date);
    // Not yet known as of asOf: ignored, exactly as if the history were cut there.
    if (scoreMs > at || (release && toMs(release.releasedAt) > at)) continue;
    let line = s.line;
    let ms = scoreMs;
    if (release) {
      const level = levelOf.get(s.modelId);
      // Unknown level, or an open-line model whose weights are not out: left out, counted.
      if (level == null || (release.line === 'open' && !isOpenLevel(level))) {
        excluded++;
        continue;
      }
      line = release.line;
      ms = toMs(release.releasedAt);
    }
    const b = byBench.get(s.benchmark) ?? { open: [], proprietary: [], stderr: [] };
    b[line].push({ ms, score: s.score, model: s.modelId });
    if (s.stderr != null && Number.isFinite(s.stderr) && s.stderr > 0) b.stderr.push(s.stderr);
    byBench.set(s.benchmark, b);
  }
  const capability: CapabilityGap[] = [];
  for (const [benchmark, pts] of [...byBench.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const c = capabilityGap(benchmark, pts.open, pts.proprietary, at, {
      windowStart,
      // The published errors decide only when most of the benchmark's scores carry one.
      ...benchmarkNoise(benchmark, tolerance, pts.stderr.length * 2 >= pts.open.length + pts.proprietary.length ? pts.stderr : []),
    });
    if (c) capability.push(c);
  }
  return { capability, excluded };
}

/**
 * M4's tolerance on one benchmark: `multiple` units of its noise (its scale, src/classify/scores.ts);
 * where the scores carry published standard errors, the width of a difference that is not
 * statistically significant instead (Epoch's criterion): z(90 %) × √2 × the median standard
 * error, times `multiple`, never below the scale-based tolerance.
 */
export function benchmarkNoise(benchmark: string, multiple: number, stderrs: number[]): { tolerance: number; toleranceBasis: 'scale' | 'stderr' } {
  const scale = benchmarkTolerance(benchmark, multiple);
  const se = median(stderrs);
  if (se === null) return { tolerance: scale, toleranceBasis: 'scale' };
  const fromSe = multiple * 1.645 * Math.SQRT2 * se;
  return fromSe > scale ? { tolerance: fromSe, toleranceBasis: 'stderr' } : { tolerance: scale, toleranceBasis: 'scale' };
}

/** M4/M5 window when neither `capabilitySince` nor the vendor's `capability_window_months` says otherwise. */
export const DEFAULT_CAPABILITY_WINDOW_MONTHS = 24;

/** Start of the M4/M5 window: `since` if given, else the first day of the month `months` before asOf. */
export function capabilityWindowStart(at: number, since: string | null, months: number): number {
  if (since) return toMs(since);
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1);
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
