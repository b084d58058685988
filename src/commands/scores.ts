// `modelwatch scores import FILE.csv`: capability scores from a CSV file with the header
// `model,benchmark,score,date,source_url` (benchmark names and aliases are canonicalised).
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { GlobalOptions, Io } from '../cli.js';
import { BENCHMARKS, canonicalBenchmark } from '../classify/scores.js';
import { RuntimeError, UsageError } from '../errors.js';
import { getModel } from '../store/models.js';
import { insertScores } from '../store/scores.js';
import { openContext } from './context.js';
import { printJson } from './output.js';

const row = z.object({
  model: z.string().trim().min(1, 'model is empty'),
  benchmark: z.string().trim().min(1, 'benchmark is empty'),
  score: z.string().trim().regex(/^-?\d+(\.\d+)?%?$/, 'score must be a number').transform((s) => Number(s.replace('%', ''))),
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
/** Benchmarks scored on an open scale (Elo, ratings, indices); every other one is a percentage. */
const OPEN_SCALE = new Set(['LMArena', 'Codeforces', 'Arena-Hard', 'Epoch Capabilities Index', 'Artificial Analysis Intelligence Index']);

/** What is wrong with a score for its benchmark, if anything (a percentage above 100, say). */
function scoreProblem(benchmark: string, score: number): string | null {
  if (OPEN_SCALE.has(benchmark)) return null;
  return score < 0 || score > 100 ? `score ${score} is outside 0–100 for ${benchmark} (a percentage)` : null;
}

export default async function run(args: unknown[], opts: GlobalOptions, io: Io): Promise<number> {
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
    records = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true });
  } catch (err) {
    throw new UsageError(`scores: ${file}: ${(err as Error).message}`);
  }
  const header = records.length ? Object.keys(records[0]!) : [];
  const missing = COLUMNS.slice(0, 3).filter((c) => !header.includes(c));
  if (records.length && missing.length) {
    throw new UsageError(`scores: ${file}: the header line must name the columns ${COLUMNS.join(',')} (missing: ${missing.join(', ')}; found: ${header.join(',')})`);
  }
  const ctx = openContext(opts, io);
  try {
    const problems: string[] = [];
    const scores = records.flatMap((r, i) => {
      const line = i + 2;
      const p = row.safeParse(r);
      if (!p.success) {
        problems.push(...p.error.issues.map((x) => `${file}:${line}: ${x.path.join('.') || 'row'}: ${x.message}`));
        return [];
      }
      const benchmark = canonicalBenchmark(p.data.benchmark);
      if (!benchmark) {
        problems.push(`${file}:${line}: unknown benchmark "${p.data.benchmark}" (known: ${BENCHMARKS.map((b) => b.name).join(', ')})`);
        return [];
      }
      const bad = scoreProblem(benchmark, p.data.score);
      if (bad) problems.push(`${file}:${line}: ${bad}`);
      const model = getModel(ctx.db, p.data.model);
      if (!model) problems.push(`${file}:${line}: model "${p.data.model}" is not known (see modelwatch search)`);
      return model && !bad ? [{ modelId: model.id, benchmark, score: p.data.score, date: p.data.date || null, sourceUrl: p.data.source_url || null, sourceKind: 'csv' as const }] : [];
    });
    if (problems.length) throw new UsageError(`scores: ${problems.length} problem(s), nothing imported:\n  ${problems.join('\n  ')}`);
    const now = ctx.now().toISOString();
    const added = ctx.db.transaction(() => insertScores(ctx.db, scores, now)).immediate();
    if (opts.json) printJson(io, { rows: scores.length, added, duplicates: scores.length - added });
    else io.stdout.write(`imported ${added} score(s) from ${scores.length} row(s)${scores.length - added ? `; ${scores.length - added} already known` : ''}\n`);
    return 0;
  } finally {
    ctx.close();
  }
}
