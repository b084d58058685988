// The capability side of the gap, M4 (lag) and M5 (delta) per vendor: the scores as of a date
// split into open and proprietary points per benchmark, one frontier comparison per benchmark
// (frontier.ts), the median lag and the headline delta. Pure.
//
// M4/M5 use scores of models whose level as of asOf is known (open-line scores only from open
// models); a score counts from its date, and sits on the frontier at its model's release date
// (Epoch plots models by release date). Scores of models not in the release list are taken at
// their given line and date. Each benchmark has its tolerance (its noise, or published errors).
import { type Level, isOpenLevel } from '../model.js';
import { benchmarkTolerance } from '../classify/scores.js';
import { type Point, capabilityGap } from './frontier.js';
import { round, toMs } from './time.js';
import type { CapabilityGap, GapMetrics, GapRelease, GapScore } from './types.js';

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

/** M4/M5 window when neither `capabilitySince` nor the vendor's `capability_window_months` says otherwise. */
export const DEFAULT_CAPABILITY_WINDOW_MONTHS = 24;

/** Start of the M4/M5 window: `since` if given, else the first day of the month `months` before asOf. */
export function capabilityWindowStart(at: number, since: string | null, months: number): number {
  if (since) return toMs(since);
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1);
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * M4's tolerance on one benchmark: `multiple` units of its noise (its scale, src/classify/scores.ts);
 * where the scores carry published standard errors, the width of a difference that is not
 * statistically significant instead (Epoch's criterion): z(90 %) × √2 × the median standard
 * error, times `multiple`, never below the scale-based tolerance.
 */
export function benchmarkNoise(
  benchmark: string,
  multiple: number,
  stderrs: number[],
): { tolerance: number; toleranceBasis: 'scale' | 'stderr' } {
  const scale = benchmarkTolerance(benchmark, multiple);
  const se = median(stderrs);
  if (se === null) return { tolerance: scale, toleranceBasis: 'scale' };
  const fromSe = multiple * 1.645 * Math.SQRT2 * se;
  return fromSe > scale ? { tolerance: fromSe, toleranceBasis: 'stderr' } : { tolerance: scale, toleranceBasis: 'scale' };
}

/** What the capability metrics read besides the scores: the releases' levels as of `at`. */
export interface CapabilityInput {
  scores: GapScore[];
  levelOf: ReadonlyMap<string, Level | null>;
  releaseOf: ReadonlyMap<string, GapRelease>;
  /** asOf (ms). */
  at: number;
  /** Start of the window (ms), see capabilityWindowStart. */
  windowStart: number;
  /** The vendor's catchUpTolerance: units of each benchmark's noise. */
  tolerance: number;
  primaryBenchmark?: string;
}

/** The fields of GapMetrics that M4/M5 fill, and the scores left out. */
export type CapabilityMetrics = Pick<GapMetrics, 'lagMonths' | 'delta' | 'deltaBenchmark' | 'capability'> & { excludedScores: number };

/** M4/M5: one frontier comparison per benchmark, the median lag, the headline benchmark's delta. */
export function capabilityMetrics(input: CapabilityInput): CapabilityMetrics {
  const { capability, excluded } = capabilities(input);
  const lagMonths = median(capability.map((c) => c.lagMonths));
  const headline =
    capability.find((c) => c.benchmark === input.primaryBenchmark) ??
    PRIMARY_BENCHMARKS.map((b) => capability.find((c) => c.benchmark === b)).find(Boolean) ??
    capability[0] ??
    null;
  return {
    lagMonths: lagMonths === null ? null : round(lagMonths, 1),
    delta: headline?.delta ?? null,
    deltaBenchmark: headline?.benchmark ?? null,
    capability,
    excludedScores: excluded,
  };
}

function capabilities({ scores, levelOf, releaseOf, at, windowStart, tolerance }: CapabilityInput): {
  capability: CapabilityGap[];
  excluded: number;
} {
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
