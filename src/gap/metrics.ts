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
//   their given line and date.
import { type Level, type LineKind, isOpenLevel, levelRank } from '../model.js';
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

/** First point of a frontier whose score reaches `target`. */
function firstReaching(points: Point[], target: number): Point | null {
  for (const p of points) if (p.score >= target) return p;
  return null;
}

/**
 * Epoch AI's first-catch-up on running-best frontiers: for the trailing line's current best
 * score, the first date the leading line's frontier reached it (within `tolerance`); the lag is
 * the time from that date to asOf. Within the tolerance of each other the lag is 0.
 */
export function capabilityGap(
  benchmark: string,
  open: Point[],
  proprietary: Point[],
  asOf: number,
  tolerance: number,
): CapabilityGap | null {
  if (open.length === 0 || proprietary.length === 0) return null;
  const byTime = (a: Point, b: Point) => a.ms - b.ms || b.score - a.score;
  const o = [...open].sort(byTime);
  const p = [...proprietary].sort(byTime);
  const best = (xs: Point[]) => xs.reduce((a, b) => (b.score > a.score ? b : a));
  const ob = best(o);
  const pb = best(p);
  const delta = round(pb.score - ob.score, 4);
  let lagMonths = 0;
  let catchUp: Point | null = null;
  if (delta > tolerance) {
    catchUp = firstReaching(p, ob.score - tolerance);
    if (catchUp) lagMonths = round((asOf - catchUp.ms) / DAY_MS / MONTH_DAYS, 1);
  } else if (-delta > tolerance) {
    catchUp = firstReaching(o, pb.score - tolerance);
    if (catchUp) lagMonths = -round((asOf - catchUp.ms) / DAY_MS / MONTH_DAYS, 1);
  }
  return {
    benchmark,
    openBest: ob.score,
    proprietaryBest: pb.score,
    delta,
    lagMonths,
    openBestModel: ob.model,
    proprietaryBestModel: pb.model,
    catchUpDate: catchUp ? new Date(catchUp.ms).toISOString() : null,
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
    const level = levelAt(r, historyByModel, at);
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
  const { capability, excluded } = capabilities(input.scores ?? [], levelOf, releaseOf, at, input.thresholds.catchUpTolerance);
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
  tolerance: number,
): { capability: CapabilityGap[]; excluded: number } {
  const byBench = new Map<string, { open: Point[]; proprietary: Point[] }>();
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
    const b = byBench.get(s.benchmark) ?? { open: [], proprietary: [] };
    b[line].push({ ms, score: s.score, model: s.modelId });
    byBench.set(s.benchmark, b);
  }
  const capability: CapabilityGap[] = [];
  for (const [benchmark, pts] of [...byBench.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const c = capabilityGap(benchmark, pts.open, pts.proprietary, at, tolerance);
    if (c) capability.push(c);
  }
  return { capability, excluded };
}

/** Per-vendor data for allVendorsGap: a GapInput without the shared asOf. */
export type VendorGapData = Omit<GapInput, 'asOf'>;

/**
 * Every vendor's metrics as of one date, and the pooled metrics across vendors (all open lines
 * against all proprietary lines; same-day releases of different vendors stay separate releases).
 */
export function allVendorsGap(vendors: VendorGapData[], asOf: string, thresholds: GapThresholds): AllVendorsGap {
  const per = vendors.map((v) => gapMetrics({ ...v, asOf }));
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
  };
  return { asOf, vendors: per, all: gapMetrics(pooled) };
}
