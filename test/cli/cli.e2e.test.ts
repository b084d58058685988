import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { DEFAULT_MIGRATIONS_DIR } from '../../src/store/db.js';
import { readMigrations } from '../../src/store/migrate.js';
import { tmpDir } from '../helpers/tmp.js';

const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('modelwatch CLI skeleton', () => {
  it('--help lists the commands and loads no heavy library', async () => {
    const trace = path.join(tmpDir(), 'loads.txt');
    fs.writeFileSync(trace, '');
    const r = await runCli(['--help'], { env: { TRACE_LOADS_FILE: trace }, nodeArgs: ['--import', './test/helpers/trace-loads.mjs'] });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: modelwatch/);
    for (const cmd of ['migrate', 'sources', 'poll', 'run']) expect(r.stdout).toContain(cmd);
    const loaded = fs.readFileSync(trace, 'utf8');
    expect(loaded).toContain('commander'); // the trace works
    for (const heavy of ['@octokit', 'cheerio', 'rss-parser', 'nodemailer', 'better-sqlite3'])
      expect(loaded).not.toContain(`node_modules/${heavy}`);
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('bad usage exits 2 with one line on stderr', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('a broken feeds/ file exits 2 with every problem in one message and no stack trace', async () => {
    const feeds = tmpDir();
    fs.writeFileSync(
      path.join(feeds, 'meta.yaml'),
      'vendor: Meta\nlines: {}\nsources:\n  - feed: nope\n  - page: https://x.example/\n  - feed: https://x.example/rss\n    interval: 5 minutes\n',
    );
    const r = await runCli(['sources', '--feeds', feeds, '--db', path.join(tmpDir(), 'mw.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(feeds, 'meta.yaml')}:4: sources[0].feed: invalid URL`);
    // Each entry's problem is reported at the key the user wrote, with its line (issue 14).
    expect(r.stderr).toContain(`${path.join(feeds, 'meta.yaml')}:5: sources[1].select:`);
    expect(r.stderr).toContain(`${path.join(feeds, 'meta.yaml')}:7: sources[2].interval: expected a duration like 30s, 15m, 1h or 1d`);
    expect(r.stderr).toMatch(/^config: 3 problems:/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unreadable database path is a clear runtime error (exit 1); --verbose adds the stack', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'not-a-db');
    fs.writeFileSync(file, 'x'.repeat(200));
    const r = await runCli(['migrate', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^store: cannot open database .*not-a-db/);
    const v = await runCli(['migrate', '--db', file, '--verbose']);
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/\n\s+at /);
  });

  it('migrate creates the database, then says it is up to date', async () => {
    const db = path.join(tmpDir(), 'data', 'mw.db');
    const first = await runCli(['migrate', '--db', db]);
    // Every shipped migration, in order (the first four are schema v1 and its early additions).
    const shipped = readMigrations(DEFAULT_MIGRATIONS_DIR).map((m) => m.name);
    expect(shipped.slice(0, 4)).toEqual([
      '0001_init.sql',
      '0002_events_occurred_index.sql',
      '0003_models_classified_at.sql',
      '0004_job_state.sql',
    ]);
    expect(first).toMatchObject({ code: 0, stdout: `applied ${shipped.join(', ')}\n` });
    const second = await runCli(['migrate'], { env: { MODELWATCH_DB: db } });
    expect(second).toMatchObject({ code: 0, stdout: 'database is up to date\n' });
  });

  it('sources --json lists every configured source with its health fields', async () => {
    const r = await runCli(['sources', '--json', '--db', path.join(tmpDir(), 'mw.db')]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.find((s) => s.id === 'hf:meta-llama')).toMatchObject({
      vendor: 'meta',
      kind: 'huggingface',
      lastSuccessAt: null,
      consecutiveErrors: 0,
      lastError: null,
      nextCheckAt: null,
    });
  });
});
