// Reading a release list file and the shipped seed (I/O shell around ./releases.ts).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { RuntimeError, UsageError } from '../errors.js';
import type { Db } from '../store/db.js';
import { getJobState, setJobState } from '../store/job-state.js';
import { seedReleases, type SeededCount } from '../store/seed.js';
import { parseReleaseList, type ParsedReleaseList } from './releases.js';

/** The package's seed of dated releases, from src/seed (tests) and dist/seed (built) alike. */
export const SEED_FILE = fileURLToPath(new URL('../../seed/releases.csv', import.meta.url));
/** Where the seed's facts come from, for the records that give no URL of their own. */
export const SEED_SOURCE = 'https://epoch.ai/data/ai-models';
const SEED_STATE = 'seed.releases';

export function readReleaseList(file: string, opts: { vendorMap?: Record<string, string>; what?: string } = {}): ParsedReleaseList {
  const what = opts.what ?? 'import releases';
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new RuntimeError(`${what}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let header: string[] = [];
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (h: string[]) => (header = h.map((c) => c.trim())),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      // '#' starts a comment only at the start of a line (the seed's attribution header).
      comment: '#',
      comment_no_infix: true,
    });
  } catch (err) {
    throw new UsageError(`${what}: ${file}: ${(err as Error).message}`);
  }
  return parseReleaseList(records, header, { vendorMap: opts.vendorMap });
}

/**
 * Loads the shipped seed once per database (the first start): its releases enter as model rows
 * marked 'seed', with no events. `MODELWATCH_SEED=off` skips it; `MODELWATCH_SEED=FILE` loads
 * another list instead. Returns null when the seed was already loaded or is off.
 */
export function ensureSeed(db: Db, env: Record<string, string | undefined>, now: string): SeededCount | null {
  const setting = env.MODELWATCH_SEED?.trim();
  if (setting === 'off' || setting === '0' || setting === 'false') return null;
  if (getJobState(db, SEED_STATE)) return null;
  const file = setting || SEED_FILE;
  // A package without its seed (a custom build) starts without a past rather than not at all;
  // a seed file named in MODELWATCH_SEED must exist.
  if (!setting && !fs.existsSync(file)) return null;
  const list = readReleaseList(file, { what: 'seed' });
  if (list.problems.length) throw new RuntimeError(`seed: ${file}: ${list.problems.join('; ')}`);
  return db
    .transaction(() => {
      if (getJobState(db, SEED_STATE)) return null; // another process loaded it first
      const n = seedReleases(db, list.releases, 'seed', SEED_SOURCE, now);
      setJobState(db, SEED_STATE, JSON.stringify({ file: setting ? file : 'seed/releases.csv', ...n }), now);
      return n;
    })
    .immediate();
}
