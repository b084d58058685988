// M4 and M5 on one benchmark: Epoch AI's horizontal and vertical distances between the open and the
// proprietary running-best frontiers over a window (docs/capability.md). Pure.
import type { CapabilityGap } from './types.js';
import { DAY_MS, MONTH_DAYS, round } from './time.js';

export interface Point {
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
