// `modelwatch scores import FILE.csv`: capability scores from a CSV file with the header
// `model,benchmark,score,date,source_url`, or from an Epoch AI Benchmarking Hub CSV as published
// (`Model version`, a score column, `Release date`, `Organization`). Benchmark names and aliases
// are canonicalised (an unknown name is kept as it is, never merged into a near one); scores
// are stored in the benchmark's unit (fractions of percentage benchmarks become percent); a
// new value for the same model, benchmark, date and source is a correction that supersedes.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { GlobalOptions, Io } from './io.js';
import { benchmarkScale, canonicalBenchmark, normaliseScore } from '../classify/scores.js';
import { RuntimeError, UsageError } from '../errors.js';
import type { ScoreInput } from '../model.js';
import { slug, vendorOf } from '../seed/releases.js';
import { getModel } from '../store/models.js';
import { storeScores } from '../store/scores.js';
import { openContext } from './context.js';
import { printJson } from './output.js';

interface ScoresOpts extends GlobalOptions {
  benchmark?: string;
  unit?: 'auto' | 'percent' | 'fraction';
}

const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?%?$/i;

const row = z.object({
  model: z.string().trim().min(1, 'model is empty'),
  benchmark: z.string().trim().min(1, 'benchmark is empty'),
  score: z.string().trim().regex(NUMBER, 'score must be a number'),
  date: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
    // 2026-04-31 matches the pattern; a real day survives the round trip through Date.
    .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || isCalendarDay(d), 'date is not a calendar day')
    .or(z.literal(''))
    .optional(),
  source_url: z.url({ message: 'source_url must be a URL' }).or(z.literal('')).optional(),
});

/** `2026-04-31` matches the pattern but is no day: it must survive the round trip through Date. */
function isCalendarDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
}

const COLUMNS = ['model', 'benchmark', 'score', 'date', 'source_url'];

/** Where Epoch AI publishes the Benchmarking Hub data (the source of every score of its CSVs). */
export const EPOCH_BENCHMARKS_URL = 'https://epoch.ai/benchmarks';

interface Raw {
  line: number;
  model: string;
  modelId: string | null;
  benchmark: string;
  value: number;
  percentSign: boolean;
  date: string | null;
  sourceUrl: string | null;
  /** Published standard error, in the same unit as `value`. */
  stderr?: number;
}

export default async function run(args: unknown[], opts: ScoresOpts, io: Io): Promise<number> {
  const [action, file] = args as [string, string | undefined];
  if (action !== 'import' || !file) throw new UsageError('scores: usage: modelwatch scores import FILE.csv');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new RuntimeError(`scores: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (err) {
    throw new UsageError(`scores: ${file}: ${(err as Error).message}`);
  }
  const header = new Set(Object.keys(records[0] ?? {}));
  const epoch = header.has('model version') && header.has('release date');
  const problems: string[] = [];
  const missing = COLUMNS.slice(0, 3).filter((c) => !header.has(c));
  if (!epoch && records.length && missing.length) {
    throw new UsageError(
      `scores: ${file}: the header line must name the columns ${COLUMNS.join(',')} (missing: ${missing.join(', ')}; found: ${[...header].join(',')})`,
    );
  }
  const raws = epoch ? epochRows(records, file, opts, problems) : ownRows(records, file, opts, problems);
  const unit = opts.unit ?? 'auto';
  // Per benchmark of a percentage scale: are the file's bare values fractions?
  const fractionsOf = new Map<string, boolean>();
  for (const b of new Set(raws.map((r) => r.benchmark))) {
    const bare = raws.filter((r) => r.benchmark === b && !r.percentSign);
    fractionsOf.set(b, unit === 'fraction' || (unit === 'auto' && bare.length > 0 && bare.every((r) => r.value >= 0 && r.value <= 1)));
  }
  const ctx = openContext(opts, io);
  try {
    const unknown: string[] = [];
    const scores: (ScoreInput & { modelId: string })[] = [];
    for (const r of raws) {
      const model = getModel(ctx.db, r.modelId ?? r.model);
      if (!model) {
        // Epoch's files list models of every organisation: the ones not imported as releases
        // (no accessibility, no date) are skipped and listed. In the project's own format an
        // unknown model is a mistake in the file: nothing is imported.
        if (epoch) unknown.push(r.model);
        else problems.push(`${file}:${r.line}: model "${r.model}" is not known (see modelwatch search)`);
        continue;
      }
      const unitOf = { percentSign: r.percentSign, fractions: fractionsOf.get(r.benchmark) ?? false };
      const score = normaliseScore(r.benchmark, r.value, unitOf);
      if (benchmarkScale(r.benchmark) === 'percent' && (score < 0 || score > 100)) {
        problems.push(`${file}:${r.line}: score ${r.value} is outside 0–100 for ${r.benchmark} (a percentage)`);
        continue;
      }
      const stderr = r.stderr === undefined ? null : normaliseScore(r.benchmark, r.stderr, unitOf);
      scores.push({ modelId: model.id, benchmark: r.benchmark, score, date: r.date, sourceUrl: r.sourceUrl, sourceKind: 'csv', stderr });
    }
    if (problems.length) throw new UsageError(`scores: ${problems.length} problem(s), nothing imported:\n  ${problems.join('\n  ')}`);
    const now = ctx.now().toISOString();
    const n = ctx.db.transaction(() => storeScores(ctx.db, scores, now)).immediate();
    const units = Object.fromEntries(
      [...fractionsOf].map(([b, f]) => [b, benchmarkScale(b) === 'percent' ? (f ? 'fraction→percent' : 'percent') : benchmarkScale(b)]),
    );
    if (opts.json)
      printJson(io, {
        rows: raws.length,
        added: n.added,
        corrected: n.corrected,
        duplicates: n.duplicates,
        unknownModels: unknown.length,
        units,
        ...(unknown.length ? { unknown } : {}),
      });
    else
      io.stdout.write(
        `imported ${n.added} score(s) from ${raws.length} row(s)` +
          (n.corrected ? `; ${n.corrected} correction(s) superseded the old value` : '') +
          (n.duplicates ? `; ${n.duplicates} already known` : '') +
          (unknown.length ? `; ${unknown.length} row(s) of models not known skipped` : '') +
          '\n',
      );
    return 0;
  } finally {
    ctx.close();
  }
}

function parseValue(s: string): { value: number; percentSign: boolean } {
  return { value: Number(s.replace('%', '')), percentSign: s.endsWith('%') };
}

function ownRows(records: Record<string, string>[], file: string, _opts: ScoresOpts, problems: string[]): Raw[] {
  return records.flatMap((r, i) => {
    const line = i + 2;
    const p = row.safeParse(r);
    if (!p.success) {
      problems.push(...p.error.issues.map((x) => `${file}:${line}: ${x.path.join('.') || 'row'}: ${x.message}`));
      return [];
    }
    const benchmark = canonicalBenchmark(p.data.benchmark) ?? p.data.benchmark;
    return [
      {
        line,
        model: p.data.model,
        modelId: null,
        benchmark,
        ...parseValue(p.data.score),
        date: p.data.date || null,
        sourceUrl: p.data.source_url || null,
      },
    ];
  });
}

/** An Epoch AI Benchmarking Hub CSV: the model id is the one `import releases` gives the same row. */
function epochRows(records: Record<string, string>[], file: string, opts: ScoresOpts, problems: string[]): Raw[] {
  const cols = Object.keys(records[0] ?? {});
  const scoreCol = cols.find((c) => c === 'best score (across scorers)') ?? cols.find((c) => /score/.test(c) && c !== 'model version');
  if (!scoreCol) {
    problems.push(`${file}: no score column (expected "Best score (across scorers)" or "<benchmark> Score")`);
    return [];
  }
  const stem = path
    .basename(file)
    .replace(/\.csv$/i, '')
    .replace(/_external$/, '');
  const named = opts.benchmark ?? (scoreCol === 'best score (across scorers)' ? stem : scoreCol);
  const benchmark = canonicalBenchmark(named) ?? named;
  return records.flatMap((r, i) => {
    const line = i + 2;
    const version = (r['model version'] ?? '').trim();
    const value = (r[scoreCol] ?? '').trim();
    const org = (r['organization'] ?? '').trim();
    if (!version || !value || !org) return []; // a model without a score or organisation: nothing to import
    if (!NUMBER.test(value)) {
      problems.push(`${file}:${line}: ${scoreCol}: score must be a number`);
      return [];
    }
    const started = (r['started at'] ?? '').trim().slice(0, 10);
    const released = (r['release date'] ?? '').trim().slice(0, 10);
    const date = /^\d{4}-\d{2}-\d{2}$/.test(started) ? started : /^\d{4}-\d{2}-\d{2}$/.test(released) ? released : null;
    const se = Number((r['stderr'] ?? '').trim() || NaN);
    return [
      {
        line,
        model: version,
        modelId: `${vendorOf(org)}/${slug(version)}`,
        benchmark,
        ...parseValue(value),
        date,
        sourceUrl: EPOCH_BENCHMARKS_URL,
        ...(Number.isFinite(se) && se >= 0 ? { stderr: se } : {}),
      },
    ];
  });
}
