// The smaller findings of issue #14, each as its user would expect, on the demo's database
// through the CLI entry point (in process).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startScenario, type Scenario } from '../scenarios/harness.js';
import { tmpDir } from '../helpers/tmp.js';
import { runMain } from './in-process.js';

let s: Scenario;
let env: Record<string, string>;

beforeAll(async () => {
  s = await startScenario();
  await s.runTo(s.world.steps);
  env = { MODELWATCH_NOW: s.world.now(s.world.steps).toISOString() };
}, 60_000);
afterAll(async () => s?.close());

const cli = (args: string[]) => runMain([...args, '--db', s.file, '--feeds', s.world.feedsDir], env);

describe('query commands and the database', () => {
  it('a mistyped MODELWATCH_DB is refused and no empty database is left behind', async () => {
    const file = path.join(tmpDir(), 'typo.db');
    for (const cmd of [['releases'], ['events'], ['changes'], ['gap'], ['search', 'x'], ['model', 'x'], ['alerts'], ['deadline', 'list']]) {
      const r = await runMain([...cmd, '--feeds', s.world.feedsDir], { MODELWATCH_DB: file });
      expect(r.code, cmd.join(' ')).toBe(1);
      expect(r.stderr).toBe(`no database at ${file}; run \`modelwatch poll\` first or set MODELWATCH_DB\n`);
      expect(r.stdout).toBe('');
      expect(fs.existsSync(file)).toBe(false);
    }
  });

  it('an empty MODELWATCH_DB means the default database, not a temporary one', () => {
    const config = loadConfig({ env: { MODELWATCH_DB: '' }, withoutFeeds: true });
    expect(config.dbPath).toBe('./data/modelwatch.db');
  });

  it('reading leaves the database file as it was', async () => {
    const before = fs.readFileSync(s.file);
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const snapshot = fs.readFileSync(s.file);
    for (const cmd of [['releases'], ['events'], ['gap', '--history'], ['changes']]) expect((await cli(cmd)).code).toBe(0);
    expect(fs.readFileSync(s.file).equals(snapshot)).toBe(true);
    expect(before.length).toBeGreaterThan(0);
  });
});

describe('the smaller findings', () => {
  it('releases/changes/events --vendor nosuch exit 2 naming the known vendors', async () => {
    for (const cmd of ['releases', 'changes', 'events']) {
      const r = await cli([cmd, '--vendor', 'nosuch']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`${cmd}: no vendor "nosuch" (known: google, meta, microsoft)\n`);
    }
    expect((await cli(['releases', '--vendor', 'meta'])).code).toBe(0);
  });

  it('alerts retry of an alert that does not exist (or was sent) fails instead of "0 requeued"', async () => {
    const missing = await cli(['alerts', 'retry', '99999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no alert 99999');
    const sent = JSON.parse((await cli(['alerts', '--status', 'sent', '--json'])).stdout) as { id: number }[];
    expect(sent.length).toBeGreaterThan(0);
    const r = await cli(['alerts', 'retry', String(sent[0].id)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`alert ${sent[0].id} is sent`);
  });

  it('alerts --limit x is refused; --limit 2 gives two rows', async () => {
    const bad = await cli(['alerts', '--limit', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit');
    expect(JSON.parse((await cli(['alerts', '--limit', '2', '--json'])).stdout)).toHaveLength(2);
  });

  it('--kind licence is read as license', async () => {
    const uk = await cli(['changes', '--kind', 'licence', '--json']);
    const us = await cli(['changes', '--kind', 'license', '--json']);
    expect(uk.code).toBe(0);
    expect(JSON.parse(uk.stdout)).toEqual(JSON.parse(us.stdout));
    expect(JSON.parse(uk.stdout).length).toBeGreaterThan(0);
  });

  it('--csv has the columns of --json (events and changes)', async () => {
    for (const cmd of ['events', 'changes']) {
      const json = JSON.parse((await cli([cmd, '--json'])).stdout) as Record<string, unknown>[];
      const header = (await cli([cmd, '--csv'])).stdout.split('\r\n')[0].split(',');
      expect(header.sort(), cmd).toEqual(Object.keys(json[0]).sort());
    }
  });

  it('a mistyped command says "Did you mean" and a one-line hint, not the whole help', async () => {
    const r = await cli(['relases']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(Did you mean releases?)');
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
  });

  it('gap --history prints the snapshots, or says there are none', async () => {
    const r = await cli(['gap', '--vendor', 'meta', '--history']);
    expect(r.stdout).toMatch(/History of Meta:\nAT +M1 DAYS/);
    const none = await cli(['gap', '--vendor', 'meta', '--history', '--as-of', '2026-01-01']);
    expect(none.stdout).toContain('History of Meta:\nno gap snapshot stored up to 2026-01-01');
  });

  it('deadline remove takes a deadline off the list; an unknown id fails', async () => {
    const set = JSON.parse((await cli(['deadline', 'set', 'meta', '30d', '--note', 'pick', '--json'])).stdout) as { id: number };
    expect(JSON.parse((await cli(['deadline', 'list', '--json'])).stdout)).toHaveLength(1);
    const r = await cli(['deadline', 'remove', String(set.id)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`deadline ${set.id} removed: meta`);
    expect(JSON.parse((await cli(['deadline', 'list', '--json'])).stdout)).toHaveLength(0);
    const again = await cli(['deadline', 'remove', String(set.id)]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no deadline ${set.id}`);
  });
});

describe('scores import refuses what it cannot trust', () => {
  const csv = (body: string) => {
    const file = path.join(tmpDir(), 'scores.csv');
    fs.writeFileSync(file, body);
    return file;
  };

  // An unknown benchmark name is kept as it is (issue 15: never refused, never merged into a near
  // name), so only the impossible day and the impossible percentage are problems here.
  it('a day that does not exist and an HLE score of 140: every problem named, nothing imported; an unknown benchmark is no problem', async () => {
    const file = csv(
      'model,benchmark,score,date,source_url\nmeta/muse-spark,HLE,58,2026-04-31,\nmeta/muse-spark,HLE,140,2026-04-08,\nmeta/muse-spark,Vibes Bench,12,2026-04-08,\n',
    );
    const r = await cli(['scores', 'import', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:2: date: date is not a calendar day`);
    expect(r.stderr).toContain(`${file}:3: score 140 is outside 0–100 for Humanity's Last Exam`);
    expect(r.stderr).not.toContain(`${file}:4:`);
    expect(r.stderr).toContain('2 problem(s), nothing imported');
    const ok = await cli([
      'scores',
      'import',
      csv('model,benchmark,score,date,source_url\nmeta/muse-spark,Vibes Bench,12,2026-04-08,\n'),
      '--json',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ added: 1, units: { 'Vibes Bench': 'as-is' } });
  });

  it('a wrong header names the columns it needs, not schema jargon', async () => {
    const file = csv('name,bench,value\nmeta/muse-spark,HLE,58\n');
    const r = await cli(['scores', 'import', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `scores: ${file}: the header line must name the columns model,benchmark,score,date,source_url (missing: model, benchmark, score; found: name,bench,value)\n`,
    );
  });

  it('an Elo score above 100 is fine on an open scale', async () => {
    const file = csv('model,benchmark,score,date,source_url\nmeta/muse-spark,LMArena,1420,2026-04-20,\n');
    const r = await cli(['scores', 'import', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 1, added: 1 });
  });
});
