// Capability lag as Epoch AI measures it, through the real CLI on real data (issue #15):
// an Epoch AI Benchmarking Hub export (test/fixtures/epoch/PROVENANCE.md) is imported with
// `import releases` and `scores import`, and `gap --all` must reproduce Epoch's published
// Oct 2025 figures within their interval; the shipped seed gives a fresh install its past.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import type { CapabilityGap } from '../../src/gap/types.js';

const FEEDS = path.resolve('feeds');
const EPOCH = path.resolve('test/fixtures/epoch');
const ECI = path.join(EPOCH, 'epoch_capabilities_index.csv');
const GPQA = path.join(EPOCH, 'gpqa_diamond.csv');

// The JSON of `gap --all` carries the capability rows of the gap core as they are.
type Cap = CapabilityGap;

async function cli(args: string[], env: Record<string, string>) {
  const r = await runCli(args, { env: { MODELWATCH_FEEDS: FEEDS, ...env } });
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r.stdout;
}

async function epochDb(scoreFiles: string[]): Promise<Record<string, string>> {
  const env = { MODELWATCH_DB: path.join(tmpDir(), 'm.db'), MODELWATCH_NOW: '2025-11-01T00:00:00Z' };
  await cli(['import', 'releases', ECI], env);
  for (const f of scoreFiles) await cli(['scores', 'import', f], env);
  return env;
}

async function allCapability(env: Record<string, string>, asOf: string, since = '2023-01-01'): Promise<Cap[]> {
  const out = JSON.parse(await cli(['gap', '--all', '--as-of', asOf, '--since', since, '--json'], env));
  return out.all.capability as Cap[];
}

describe('Epoch AI replication (Oct 2025 data insight, ECI)', () => {
  it('reproduces the published horizontal and vertical distances within their interval', async () => {
    const env = await epochDb([ECI, GPQA]);
    const caps = await allCapability(env, '2025-10-30');
    const eci = caps.find((c) => c.benchmark === 'Epoch Capabilities Index');
    expect(eci).toBeDefined();
    // Published: 3.5 months (90 % CI 1.1–5.3) and about 7 ECI points (90 % CI 0–14).
    expect(eci!.lagMonths).toBeGreaterThanOrEqual(1.1);
    expect(eci!.lagMonths).toBeLessThanOrEqual(5.3);
    expect(Math.abs(eci!.delta - 7)).toBeLessThanOrEqual(1);
    expect(eci!.window).toEqual({ from: '2023-01-01', to: '2025-10-30' });
    // GPQA Diamond is stored in percent (Epoch publishes fractions).
    const gpqa = caps.find((c) => c.benchmark === 'GPQA Diamond');
    expect(gpqa!.proprietaryBest).toBeGreaterThan(1);
    expect(gpqa!.proprietaryBest).toBeLessThanOrEqual(100);
    // Epoch's runs publish standard errors: GPQA's tolerance is the 90 % significance width.
    expect(gpqa).toMatchObject({ toleranceBasis: 'stderr' });
    expect((gpqa as unknown as { tolerance: number }).tolerance).toBeGreaterThan(3);
    expect(eci).toMatchObject({ toleranceBasis: 'scale', tolerance: 1 });
  });

  it('the fraction-valued CSV gives the same frontiers as the percent-valued one', async () => {
    // A percent-valued copy of Epoch's GPQA file, derived here (the fixture stays unmodified).
    const pct = path.join(tmpDir(), 'gpqa_diamond.csv');
    const records = (await import('csv-parse/sync')).parse(fs.readFileSync(GPQA, 'utf8'), {
      columns: false,
      relax_column_count: true,
    }) as string[][];
    const col = records[0].indexOf('Best score (across scorers)');
    const se = records[0].indexOf('stderr'); // published in the same unit as the score: percent here too
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    fs.writeFileSync(
      pct,
      records
        .map((r, i) =>
          (i === 0 ? r : r.map((v, j) => (j === col && v !== '' ? `${Number(v) * 100}%` : j === se && v !== '' ? `${Number(v) * 100}` : v)))
            .map(quote)
            .join(','),
        )
        .join('\n'),
    );
    const a = await allCapability(await epochDb([GPQA]), '2025-10-30');
    const b = await allCapability(await epochDb([pct]), '2025-10-30');
    const round = (cs: Cap[]) =>
      cs.map((c) => ({ ...c, openBest: Math.round(c.openBest * 1e6) / 1e6, proprietaryBest: Math.round(c.proprietaryBest * 1e6) / 1e6 }));
    expect(a.length).toBe(1);
    expect(round(b)).toEqual(round(a));
  });
});

describe('a fresh install has a past: the shipped seed', () => {
  it('answers gap --vendor meta with Muse Spark and Muse Glimmer before any feed was polled, and never alerts', async () => {
    const db = path.join(tmpDir(), 'm.db');
    const env = { MODELWATCH_DB: db, MODELWATCH_NOW: '2026-12-04T00:00:00Z', MODELWATCH_SEED: '' };
    // Query commands read an existing database only (issue 14): the install's first command makes
    // it; `gap`, the first command to open it with the vendors' configuration, loads the seed.
    await cli(['migrate'], env);
    const now = JSON.parse(await cli(['gap', '--vendor', 'meta', '--json'], env));
    expect(now.lastProprietaryRelease).toMatchObject({ model: 'meta/muse-spark', name: 'Muse Spark', date: '2026-04-08' });
    expect(now.lastOpenRelease).toMatchObject({
      model: 'meta-models/Muse-Glimmer-30B',
      name: 'Muse Glimmer',
      date: '2026-08-10',
      level: '4',
      license: 'apache-2.0',
    });
    expect(now.proprietaryStreak).toBe(0); // Muse Glimmer ended the streak
    // The day before Muse Glimmer: one proprietary release (Muse Spark) since Llama 4.
    const before = JSON.parse(await cli(['gap', '--vendor', 'meta', '--as-of', '2026-08-09', '--json'], env));
    expect(before.proprietaryStreak).toBe(1);
    expect(before.lastOpenRelease).toMatchObject({ name: 'Llama 4 Maverick', date: '2025-04-05' });
    // As released on 2025-10-30: from release dates, Llama 4 the latest open release, no Muse yet.
    const past = JSON.parse(await cli(['gap', '--vendor', 'meta', '--as-of', '2025-10-30', '--json'], env));
    expect(past.lastOpenRelease).toMatchObject({ name: 'Llama 4 Maverick', date: '2025-04-05' });
    expect(past.lastProprietaryRelease).toBeNull();
    // As known on 2025-10-30: the watcher had seen nothing then.
    const known = JSON.parse(await cli(['gap', '--vendor', 'meta', '--as-of', '2025-10-30', '--as-known', '--json'], env));
    expect(known.lastOpenRelease).toBeNull();
    const store = new Database(db, { readonly: true });
    try {
      const seedRows =
        fs
          .readFileSync(path.resolve('seed/releases.csv'), 'utf8')
          .split('\n')
          .filter((l) => l && !l.startsWith('#')).length - 1;
      expect(seedRows).toBeGreaterThan(40);
      expect(store.prepare("SELECT COUNT(*) AS n FROM models WHERE origin = 'seed'").get()).toEqual({ n: seedRows });
      expect((store.prepare("SELECT origin, origin_url FROM models WHERE id = 'meta/muse-spark'").get() as { origin: string }).origin).toBe(
        'seed',
      );
      expect(store.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 0 });
      expect(store.prepare('SELECT COUNT(*) AS n FROM alerts').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
    // Loaded once: a second start adds nothing.
    await cli(['gap', '--vendor', 'meta', '--json'], env);
    const again = new Database(db, { readonly: true });
    try {
      expect((again.prepare('SELECT COUNT(*) AS n FROM classifications').get() as { n: number }).n).toBe(
        (again.prepare("SELECT COUNT(*) AS n FROM models WHERE origin = 'seed'").get() as { n: number }).n,
      );
    } finally {
      again.close();
    }
  });
});

describe('corrected scores', () => {
  it('a new value for the same model, benchmark, date and source supersedes the old one; both are kept', async () => {
    const dir = tmpDir();
    const env = { MODELWATCH_DB: path.join(dir, 'm.db'), MODELWATCH_SEED: '' };
    const csv = (v: string) => {
      const f = path.join(dir, `s${v}.csv`);
      fs.writeFileSync(
        f,
        `model,benchmark,score,date,source_url\nmeta/muse-spark,GPQA Diamond,${v},2026-04-08,https://about.fb.com/news/2026/04/introducing-muse-spark/\n`,
      );
      return f;
    };
    const first = JSON.parse(await cli(['scores', 'import', csv('80'), '--json'], { ...env, MODELWATCH_NOW: '2026-05-01T00:00:00Z' }));
    expect(first).toMatchObject({ added: 1, corrected: 0, duplicates: 0 });
    const same = JSON.parse(await cli(['scores', 'import', csv('80'), '--json'], { ...env, MODELWATCH_NOW: '2026-05-02T00:00:00Z' }));
    expect(same).toMatchObject({ added: 0, corrected: 0, duplicates: 1 });
    const fixed = JSON.parse(await cli(['scores', 'import', csv('82.5'), '--json'], { ...env, MODELWATCH_NOW: '2026-06-01T00:00:00Z' }));
    expect(fixed).toMatchObject({ added: 0, corrected: 1, duplicates: 0 });
    const store = new Database(env.MODELWATCH_DB, { readonly: true });
    try {
      const rows = store.prepare("SELECT score, superseded_at FROM scores WHERE model_id = 'meta/muse-spark' ORDER BY id").all();
      expect(rows).toEqual([
        { score: 80, superseded_at: '2026-06-01T00:00:00.000Z' },
        { score: 82.5, superseded_at: null },
      ]);
    } finally {
      store.close();
    }
  });
});
