// `modelwatch scores import FILE.csv`: capability scores from a CSV file with the header
// `model,benchmark,score,date,source_url` (benchmark names and aliases are canonicalised).
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { GlobalOptions, Io } from '../cli.js';
import { canonicalBenchmark } from '../classify/scores.js';
import { RuntimeError, UsageError } from '../errors.js';
import { getModel } from '../store/models.js';
import { insertScores } from '../store/scores.js';
import { openContext } from './context.js';
import { printJson } from './output.js';

const row = z.object({
  model: z.string().trim().min(1, 'model is empty'),
  benchmark: z.string().trim().min(1, 'benchmark is empty'),
  score: z.string().trim().regex(/^-?\d+(\.\d+)?%?$/, 'score must be a number').transform((s) => Number(s.replace('%', ''))),
  date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD').or(z.literal('')).optional(),
  source_url: z.url({ message: 'source_url must be a URL' }).or(z.literal('')).optional(),
});

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
      const benchmark = canonicalBenchmark(p.data.benchmark) ?? p.data.benchmark;
      const model = getModel(ctx.db, p.data.model);
      if (!model) problems.push(`${file}:${line}: model "${p.data.model}" is not known (see modelwatch search)`);
      return model ? [{ modelId: model.id, benchmark, score: p.data.score, date: p.data.date || null, sourceUrl: p.data.source_url || null, sourceKind: 'csv' as const }] : [];
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
