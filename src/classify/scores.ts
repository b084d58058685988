// Capability scores from text and from Hugging Face model cards: benchmark names and aliases →
// canonical names, score statements in announcement posts ("scores 58% on Humanity's Last Exam"),
// and `model-index` results. Pure. Scores are stored in the benchmark's own unit (docs/capability.md):
// a percentage benchmark published as a fraction (Epoch's CSVs: 0.58) is stored as 58; a score is
// only ever compared with scores of the same canonical benchmark.
import { z } from 'zod';
import type { ScoreInput } from '../model.js';

export interface Benchmark {
  /** Canonical name, used as the `benchmark` of every score. */
  name: string;
  /** Case-insensitive aliases (regular-expression fragments). */
  aliases: string[];
  /** Case-sensitive acronyms (so "math" in prose is not MATH). */
  acronyms?: string[];
  /** HF dataset ids / types, optionally `type:config`, as used in model-index results. */
  datasets?: string[];
  /** Scale of the scores (default 'percent': 0-100, a fraction 0-1 is converted). */
  scale?: 'percent' | 'index' | 'elo';
  /** One unit of noise in the benchmark's points (default 1 on a 0-100 scale); M4's tolerance is a multiple of it. */
  noise?: number;
}

/** Benchmarks recognised in posts and cards. More specific names win over their prefixes. */
export const BENCHMARKS: readonly Benchmark[] = [
  { name: "Humanity's Last Exam", aliases: ["humanity['’]?s last exam"], acronyms: ['HLE'], datasets: ['cais/hle'] },
  { name: 'GPQA Diamond', aliases: ['GPQA[- ]?Diamond', 'GPQA-D'], datasets: ['Idavidrein/gpqa:gpqa_diamond', 'gpqa_diamond'] },
  { name: 'GPQA', aliases: [], acronyms: ['GPQA'], datasets: ['Idavidrein/gpqa'] },
  { name: 'MMLU-Pro', aliases: ['MMLU[- ]?Pro'], datasets: ['TIGER-Lab/MMLU-Pro', 'mmlu_pro', 'mmlu-pro'] },
  { name: 'MMLU-Redux', aliases: ['MMLU[- ]?Redux'], datasets: ['edinburgh-dawg/mmlu-redux'] },
  {
    name: 'MMLU',
    aliases: ['Massive Multitask Language Understanding'],
    acronyms: ['MMLU'],
    datasets: ['cais/mmlu', 'mmlu', 'hendrycks_test', 'lukaemon/mmlu'],
  },
  { name: 'SWE-bench Verified', aliases: ['SWE[- ]?bench[- ]Verified'], datasets: ['princeton-nlp/SWE-bench_Verified'] },
  { name: 'SWE-bench', aliases: ['SWE[- ]?bench'], datasets: ['princeton-nlp/SWE-bench'] },
  { name: 'AIME 2025', aliases: ["AIME\\s*'?\\s*(20)?25"], datasets: ['opencompass/AIME2025', 'yentinglin/aime_2025'] },
  { name: 'AIME 2024', aliases: ["AIME\\s*'?\\s*(20)?24"], datasets: ['HuggingFaceH4/aime_2024', 'Maxwell-Jia/AIME_2024'] },
  { name: 'AIME', aliases: [], acronyms: ['AIME'] },
  { name: 'Arena-Hard', aliases: ['Arena[- ]Hard(-Auto)?'], datasets: ['lmarena-ai/arena-hard-auto'] },
  { name: 'LMArena', aliases: ['LMArena', 'LM Arena', 'Chatbot Arena', 'Arena Elo', 'Arena'], acronyms: ['Elo'], scale: 'elo', noise: 10 },
  { name: 'Codeforces', aliases: ['Codeforces( Elo| rating)?'], scale: 'elo', noise: 20 },
  {
    name: 'Artificial Analysis Intelligence Index',
    aliases: ['Artificial Analysis Intelligence Index', 'AA Intelligence Index', 'Artificial Analysis Index'],
    acronyms: ['AAII'],
    scale: 'index',
  },
  // ECI: Epoch counts a 1-point difference as "not statistically significant" (DeepSeek-V2 at 125
  // caught up with GPT-4 at 126), so one ECI point is its unit of noise.
  {
    name: 'Epoch Capabilities Index',
    aliases: ['Epoch Capabilities Index', 'Epoch AI Capabilities Index', 'ECI Score'],
    acronyms: ['ECI'],
    scale: 'index',
    noise: 1,
  },
  {
    name: 'LiveCodeBench',
    aliases: ['LiveCodeBench( v\\d)?'],
    datasets: ['livecodebench/code_generation_lite', 'livecodebench/code_generation'],
  },
  { name: 'MATH-500', aliases: ['MATH[- ]?500'], datasets: ['HuggingFaceH4/MATH-500'] },
  { name: 'MATH Level 5', aliases: ['MATH[- ]Level[- ]5', 'MATH Lvl 5'], datasets: ['math_level_5'] },
  { name: 'MATH', aliases: [], acronyms: ['MATH'], datasets: ['hendrycks/competition_math', 'lighteval/MATH', 'competition_math'] },
  { name: 'GSM8K', aliases: ['GSM[- ]?8K'], datasets: ['gsm8k', 'openai/gsm8k'] },
  { name: 'HumanEval', aliases: ['HumanEval'], datasets: ['openai_humaneval', 'openai/openai_humaneval'] },
  { name: 'ARC-AGI-2', aliases: ['ARC[- ]AGI[- ]2'] },
  { name: 'ARC-AGI', aliases: ['ARC[- ]AGI(-1)?'] },
  {
    name: 'ARC-Challenge',
    aliases: ['ARC[- ]Challenge', 'AI2 Reasoning Challenge', 'ARC-C'],
    datasets: ['ai2_arc:ARC-Challenge', 'allenai/ai2_arc:ARC-Challenge'],
  },
  { name: 'HellaSwag', aliases: ['HellaSwag'], datasets: ['hellaswag', 'Rowan/hellaswag'] },
  { name: 'Winogrande', aliases: ['Winogrande'], datasets: ['winogrande', 'allenai/winogrande'] },
  { name: 'TruthfulQA', aliases: ['TruthfulQA'], datasets: ['truthful_qa', 'truthfulqa/truthful_qa'] },
  { name: 'MMMU', aliases: [], acronyms: ['MMMU'], datasets: ['MMMU/MMMU'] },
  { name: 'SimpleQA Verified', aliases: ['SimpleQA[- ]Verified'], datasets: ['google/simpleqa-verified'] },
  { name: 'SimpleQA', aliases: ['SimpleQA'], datasets: ['basicv8vc/SimpleQA'] },
  { name: 'OTIS Mock AIME 2024-2025', aliases: ['OTIS Mock AIME( 2024[-–]2025)?'], datasets: ['otis_mock_aime_2024_2025'] },
  { name: 'FrontierMath Tier 4', aliases: ['FrontierMath[- ]Tier[- ]4'], datasets: ['frontiermath_tier_4'] },
  { name: 'FrontierMath', aliases: ['FrontierMath'], datasets: ['frontiermath'] },
  { name: 'Terminal-Bench', aliases: ['Terminal[- ]?Bench'] },
  { name: 'BrowseComp', aliases: ['BrowseComp'] },
  { name: 'IFEval', aliases: ['IFEval'], datasets: ['google/IFEval', 'HuggingFaceH4/ifeval'] },
  { name: 'BBH', aliases: ['BIG[- ]Bench Hard'], acronyms: ['BBH'], datasets: ['lukaemon/bbh', 'SaylorTwift/bbh'] },
  { name: 'AlpacaEval', aliases: ['AlpacaEval( 2(\\.0)?)?'], datasets: ['tatsu-lab/alpaca_eval'] },
  { name: 'MT-Bench', aliases: ['MT[- ]Bench'] },
];

interface CompiledAlias {
  benchmark: string;
  re: RegExp;
}

const BOUND_START = String.raw`(?<![\w-])`;
const BOUND_END = String.raw`(?!-?\w)`;

function compileAliases(): CompiledAlias[] {
  const out: CompiledAlias[] = [];
  for (const b of BENCHMARKS) {
    for (const a of b.aliases) out.push({ benchmark: b.name, re: new RegExp(`${BOUND_START}(?:${a})${BOUND_END}`, 'gi') });
    for (const a of b.acronyms ?? []) out.push({ benchmark: b.name, re: new RegExp(`${BOUND_START}(?:${a})${BOUND_END}`, 'g') });
  }
  return out;
}

export interface BenchmarkMention {
  benchmark: string;
  start: number;
  end: number;
}

/** Every benchmark mention in a text, longest match first where they overlap, in text order. */
export function findBenchmarks(text: string): BenchmarkMention[] {
  const all: BenchmarkMention[] = [];
  for (const { benchmark, re } of compileAliases()) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      all.push({ benchmark, start: m.index, end: m.index + m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: BenchmarkMention[] = [];
  for (const m of all) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) continue; // overlaps a longer or earlier mention
    kept.push(m);
  }
  return kept;
}

/**
 * A benchmark name, alias or HF dataset id (`type` or `type:config`) → canonical name. The whole
 * string must be the name, an alias or a dataset id: a longer name that merely mentions a known
 * benchmark ("MATH Level 5", "FrontierMath Tier 4", "SimpleQA Verified", "OTIS Mock AIME
 * 2024-2025") is another benchmark, so it is not merged (null: the caller keeps it as it is).
 */
export function canonicalBenchmark(nameOrDataset: string | null | undefined): string | null {
  if (!nameOrDataset) return null;
  const s = nameOrDataset.trim();
  for (const b of BENCHMARKS) {
    if (b.name.toLowerCase() === s.toLowerCase()) return b.name;
    if ((b.datasets ?? []).some((d) => d.toLowerCase() === s.toLowerCase())) return b.name;
  }
  // A qualifier in brackets ("MMLU (5-shot)") or a trailing metric word ("Arena score") is not
  // part of the name; anything else left over makes it another benchmark.
  const whole = (t: string) => {
    const mentions = findBenchmarks(t);
    return mentions.length === 1 && mentions[0].start === 0 && mentions[0].end === t.length ? mentions[0].benchmark : null;
  };
  return whole(s) ?? whole(s.replace(/\s*\([^)]*\)\s*$/, '').replace(/\s+(?:score|accuracy|acc|rating)$/i, ''));
}

function benchmarkInfo(name: string): Benchmark | undefined {
  return BENCHMARKS.find((b) => b.name === name);
}

/** The scale of a canonical benchmark's scores; unknown benchmarks are taken as they come ('as-is'). */
export function benchmarkScale(name: string): 'percent' | 'index' | 'elo' | 'as-is' {
  const b = benchmarkInfo(name);
  return b ? (b.scale ?? 'percent') : 'as-is';
}

/** M4's tolerance on a benchmark, in its points: `multiple` units of its noise (1 point on 0-100 by default). */
export function benchmarkTolerance(name: string, multiple: number): number {
  return multiple * (benchmarkInfo(name)?.noise ?? 1);
}

/**
 * A score in the benchmark's own unit. Percentage benchmarks are stored in percent: a value
 * given with '%' is percent; a bare value is a fraction when `fractions` says the source
 * publishes fractions (Epoch's CSVs), or when it is within 0-1 and `fractions` is 'auto'. Index
 * and Elo scales, and unknown benchmarks, are kept as given.
 */
export function normaliseScore(
  benchmark: string,
  value: number,
  opts: { percentSign?: boolean; fractions?: boolean | 'auto' } = {},
): number {
  if (benchmarkScale(benchmark) !== 'percent' || opts.percentSign) return value;
  const fractions = opts.fractions ?? false;
  if (fractions === true || (fractions === 'auto' && value >= 0 && value <= 1)) return Math.round(value * 100 * 1e9) / 1e9;
  return value;
}

/** A number not glued to a rank mark, a word or another number ("#1 on LMArena" is a rank). */
const NUM = String.raw`(?<![#\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const UNIT = String.raw`(?:\s*(%|percent|points?|pts|elo))?`;
/** "58% on", "87.5 on the", "1420 Elo on": the number just before the benchmark. */
const BEFORE = new RegExp(`${NUM}${UNIT}\\s+(?:on|in|at|for)\\s+(?:the\\s+)?$`, 'i');
/** "HLE: 58.0%", "an Arena score of 1420", "GPQA Diamond (no tools) = 87.5", "LMArena with 1420",
 *  "On SWE-bench Verified it scores 63.8%". */
const AFTER = new RegExp(
  String.raw`^\s*(?:\([^)]{0,40}\)\s*)?(?:(?:score|elo|rating|result|accuracy)\s*)?` +
    String.raw`(?::|=|of|at|is|was|with|reached|hits?|,?\s*(?:it|which|the model)\s+(?:scores?|scored|reaches|reached|achieves|achieved|gets|got|hits|posts|posted))` +
    String.raw`\s*(?:an?\s+(?:score|elo|rating)\s+of\s+)?` +
    NUM +
    UNIT,
  'i',
);
/** "HLE 58.0%": a number right after the name only when it carries a percent sign. */
const AFTER_PERCENT = new RegExp(String.raw`^\s*(?:\([^)]{0,40}\)\s*)?${NUM}\s*%`, 'i');

/** Words right before a number that make it a rank. */
const RANK_BEFORE = /(?:\b(?:top|no\.?|number|rank(?:ed)?|place[ds]?)\s*|#\s*)$/i;

function toNumber(s: string): number {
  return Number(s.replace(/,/g, ''));
}

export interface ScoreStatement {
  benchmark: string;
  score: number;
}

/** Score statements in a post: "scores 58% on Humanity's Last Exam", "HLE: 58.0%", ... */
export function parseScoreStatements(text: string | null | undefined): ScoreStatement[] {
  if (!text) return [];
  const out: ScoreStatement[] = [];
  const seen = new Set<string>();
  const mentions = findBenchmarks(text);
  let consumedUpTo = 0; // a number already used by an earlier mention is not reused
  for (const m of mentions) {
    const beforeText = text.slice(Math.max(consumedUpTo, m.start - 60), m.start);
    const before = BEFORE.exec(beforeText);
    // "debuting in the top 10 on LMArena", "#3 on SWE-bench": a rank, not a score.
    if (before && RANK_BEFORE.test(beforeText.slice(0, before.index))) continue;
    let score: number | null = null;
    let usedEnd = m.end;
    if (before) {
      score = toNumber(before[1]);
    } else {
      const rest = text.slice(m.end, m.end + 60);
      const after = AFTER.exec(rest) ?? AFTER_PERCENT.exec(rest);
      if (after) {
        score = toNumber(after[1]);
        usedEnd = m.end + after[0].length;
      }
    }
    if (score === null || !Number.isFinite(score)) continue;
    consumedUpTo = usedEnd;
    const key = `${m.benchmark}\u0000${score}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ benchmark: m.benchmark, score });
  }
  return out;
}

/** Score statements of a post as scores, each keeping its source. */
export function scoresFromPost(
  text: string | null | undefined,
  ctx: { modelId?: string; date: string | null; sourceUrl: string | null },
): ScoreInput[] {
  return parseScoreStatements(text).map((s) => ({
    ...(ctx.modelId ? { modelId: ctx.modelId } : {}),
    benchmark: s.benchmark,
    score: s.score,
    date: ctx.date,
    sourceUrl: ctx.sourceUrl,
    sourceKind: 'announcement' as const,
  }));
}

// ---------------------------------------------------------------------------------------------
// Hugging Face model-index (cards): unknown shape in, validated piece by piece.

const MetricSchema = z.object({
  type: z.string().nullish(),
  name: z.string().nullish(),
  value: z.union([z.number(), z.string()]),
});
const ResultSchema = z.object({
  dataset: z.object({ name: z.string().nullish(), type: z.string().nullish(), config: z.string().nullish() }).nullish(),
  metrics: z.array(z.unknown()).nullish(),
  source: z.object({ url: z.string().nullish() }).nullish(),
});
const EntrySchema = z.object({ name: z.string().nullish(), results: z.array(z.unknown()).nullish() });

function benchmarkOfDataset(d: z.infer<typeof ResultSchema>['dataset']): string | null {
  if (!d) return null;
  if (d.type && d.config) {
    const withConfig = canonicalBenchmark(`${d.type}:${d.config}`);
    if (withConfig) return withConfig;
  }
  return canonicalBenchmark(d.type) ?? canonicalBenchmark(d.name);
}

/**
 * Scores from a card's `model-index` (HF `model-index` / `cardData["model-index"]`). Malformed
 * entries, unknown benchmarks and non-numeric values are skipped; the first numeric metric of
 * each result is the score.
 */
export function scoresFromModelIndex(
  modelIndex: unknown,
  ctx: { modelId?: string; date?: string | null; sourceUrl?: string | null } = {},
): ScoreInput[] {
  const list = z.array(z.unknown()).safeParse(modelIndex);
  if (!list.success) return [];
  const out: ScoreInput[] = [];
  const seen = new Set<string>();
  for (const rawEntry of list.data) {
    const entry = EntrySchema.safeParse(rawEntry);
    if (!entry.success) continue;
    for (const rawResult of entry.data.results ?? []) {
      const result = ResultSchema.safeParse(rawResult);
      if (!result.success) continue;
      const benchmark = benchmarkOfDataset(result.data.dataset);
      if (!benchmark) continue;
      let score: number | null = null;
      for (const rawMetric of result.data.metrics ?? []) {
        const metric = MetricSchema.safeParse(rawMetric);
        if (!metric.success) continue;
        const raw = metric.data.value;
        const v = typeof raw === 'number' ? raw : /^\s*-?\d+(\.\d+)?\s*%?\s*$/.test(raw) ? parseFloat(raw) : NaN;
        if (Number.isFinite(v)) {
          score = v;
          break;
        }
      }
      if (score === null) continue;
      const key = `${benchmark}\u0000${score}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        ...(ctx.modelId ? { modelId: ctx.modelId } : {}),
        benchmark,
        score,
        date: ctx.date ?? null,
        sourceUrl: result.data.source?.url ?? ctx.sourceUrl ?? null,
        sourceKind: 'model-index',
      });
    }
  }
  // Cards publish either percentages (62.03) or fractions (0.6203): a card whose every value of
  // a percentage benchmark is within 0-1 publishes fractions, stored in percent.
  const pct = out.filter((x) => benchmarkScale(x.benchmark) === 'percent');
  if (pct.length && pct.every((x) => x.score >= 0 && x.score <= 1)) {
    for (const x of pct) x.score = normaliseScore(x.benchmark, x.score, { fractions: true });
  }
  return out;
}
