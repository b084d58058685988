// The labelled launch corpus (test/fixtures/launches/corpus.jsonl, see PROVENANCE.md there) and
// its scoring: shared by the corpus test and `npm run bench` so both print the same figures.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignLine } from '../../src/classify/lines.js';
import { modelSlug } from '../../src/classify/announce.js';
import { readVendorFile } from '../../src/config/index.js';
import type { VendorConfig } from '../../src/model.js';

export interface CorpusRow {
  id: number;
  vendor: string;
  title: string;
  lead: string | null;
  link: string | null;
  date: string | null;
  source: string;
  launch: boolean;
  /** Each entry: the accepted spellings of one model. */
  models: string[][];
  family: string | null;
  note?: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_FILE = path.join(ROOT, 'test/fixtures/launches/corpus.jsonl');
export const FEEDS_DIR = path.join(ROOT, 'feeds');

/** Corpus vendor names → the shipped vendor file that watches them. */
export const VENDOR_FILE: Record<string, string> = {
  'alibaba-qwen': 'alibaba',
  anthropic: 'anthropic',
  deepseek: 'deepseek',
  google: 'google',
  meta: 'meta',
  microsoft: 'microsoft',
  mistral: 'mistral',
  nvidia: 'nvidia',
  openai: 'openai',
  xai: 'xai',
  zhipu: 'zhipu',
};

export function loadCorpus(file = CORPUS_FILE): CorpusRow[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusRow);
}

/** The shipped vendor files (feeds/<id>.yaml) the corpus needs; a missing file is null. */
export function loadShippedVendors(dir = FEEDS_DIR): Map<string, VendorConfig | null> {
  const out = new Map<string, VendorConfig | null>();
  for (const [corpusName, id] of Object.entries(VENDOR_FILE)) {
    const file = path.join(dir, `${id}.yaml`);
    const problems: string[] = [];
    const v = fs.existsSync(file) ? readVendorFile(file, id, problems) : undefined;
    if (problems.length) throw new Error(problems.join('\n'));
    out.set(corpusName, v ?? null);
  }
  return out;
}

export interface Prediction {
  /** Model names the reader announced (empty: not a launch). */
  names: string[];
}

export interface Tally {
  tp: number;
  fp: number;
  /** Launches of a watched family (the recall denominator). */
  launches: number;
  found: number;
  precision: number;
  recall: number;
}

export interface Miss {
  row: CorpusRow;
  kind: 'false-positive' | 'missed' | 'wrong-name';
  got: string[];
}

/** A launch row is watched when one of its labelled names falls in a line of the vendor file. */
export function watched(row: CorpusRow, vendor: VendorConfig | null): boolean {
  if (!row.launch || !vendor) return false;
  if (!row.models.length) return true; // a launch naming no model: the family is in `family`
  return row.models.some((spellings) => spellings.some((n) => assignLine(vendor, n).line !== null));
}

function nameMatches(row: CorpusRow, got: string[]): boolean {
  if (!row.models.length) return true;
  const want = new Set(row.models.flat().map(modelSlug));
  return got.some((g) => want.has(modelSlug(g)));
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

export function score(
  rows: CorpusRow[],
  vendors: Map<string, VendorConfig | null>,
  predict: (row: CorpusRow, vendor: VendorConfig) => Prediction,
): { overall: Tally; byVendor: Map<string, Tally>; misses: Miss[] } {
  const byVendor = new Map<string, { tp: number; fp: number; launches: number; found: number }>();
  const misses: Miss[] = [];
  for (const row of rows) {
    const vendor = vendors.get(row.vendor) ?? null;
    const t = byVendor.get(row.vendor) ?? { tp: 0, fp: 0, launches: 0, found: 0 };
    byVendor.set(row.vendor, t);
    const got = vendor ? predict(row, vendor).names : [];
    const isWatched = watched(row, vendor);
    if (isWatched) t.launches++;
    if (got.length) {
      const right = row.launch && nameMatches(row, got);
      if (right) t.tp++;
      else {
        t.fp++;
        misses.push({ row, kind: row.launch ? 'wrong-name' : 'false-positive', got });
      }
      if (right && isWatched) t.found++;
    }
    if (isWatched && !(got.length && nameMatches(row, got))) {
      if (!got.length) misses.push({ row, kind: 'missed', got });
    }
  }
  const finish = (t: { tp: number; fp: number; launches: number; found: number }): Tally => ({
    ...t,
    precision: ratio(t.tp, t.tp + t.fp),
    recall: ratio(t.found, t.launches),
  });
  const sum = { tp: 0, fp: 0, launches: 0, found: 0 };
  for (const t of byVendor.values()) {
    sum.tp += t.tp;
    sum.fp += t.fp;
    sum.launches += t.launches;
    sum.found += t.found;
  }
  return { overall: finish(sum), byVendor: new Map([...byVendor].map(([k, v]) => [k, finish(v)])), misses };
}

/** A fixed-width table of the figures, per vendor then overall. */
export function formatTally(overall: Tally, byVendor: Map<string, Tally>): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(8);
  const lines = [`${'vendor'.padEnd(14)}${'precision'.padStart(10)}${'recall'.padStart(10)}   tp  fp  found/launches`];
  const row = (name: string, t: Tally) =>
    `${name.padEnd(14)}${pct(t.precision).padStart(10)}${pct(t.recall).padStart(10)}  ${String(t.tp).padStart(3)} ${String(t.fp).padStart(3)}  ${t.found}/${t.launches}`;
  for (const [name, t] of [...byVendor].sort(([a], [b]) => a.localeCompare(b))) lines.push(row(name, t));
  lines.push(row('overall', overall));
  return lines.join('\n');
}
