// Every table and text output fits the terminal (issue #14, finding 1): each query command is run
// through the real CLI entry point (in process) on the demo's database at 80 and 100 columns,
// and with --wide, where nothing wraps and whole values (full licence hashes) come back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type Scenario } from '../scenarios/harness.js';
import { runMain } from './in-process.js';

let s: Scenario;
let stackFile: string;

beforeAll(async () => {
  s = await startScenario();
  await s.runTo(s.world.steps);
  stackFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mw-width-')), 'stack.yaml');
  fs.writeFileSync(stackFile, 'workflows:\n  - name: support-bot\n    model: meta-llama/Llama-3.1-8B-Instruct\n    criticality: high\n');
}, 60_000);
afterAll(async () => s?.close());

function cli(args: string[], columns: number | null) {
  const env = { MODELWATCH_NOW: s.world.now(s.world.steps).toISOString(), ...(columns ? { COLUMNS: String(columns) } : {}) };
  return runMain([...args, '--db', s.file, '--feeds', s.world.feedsDir], env);
}

const COMMANDS = [
  ['gap'],
  ['gap', '--history'],
  ['gap', '--vendor', 'meta', '--history'],
  ['changes'],
  ['events'],
  ['events', '--limit', '0'],
  ['releases'],
  ['model', 'meta/muse-spark'],
  ['model', 'meta-llama/Llama-3.1-8B-Instruct'],
  ['classify', 'meta-llama/Llama-3.1-8B-Instruct'],
  ['classify', 'meta/muse-spark'],
  ['sources'],
  ['alerts'],
  ['search', 'muse'],
  ['search', 'llama'],
  ['deadline', 'list'],
  ['exposure', '<stack>'],
];

const longest = (text: string) => Math.max(0, ...text.split('\n').map((l) => [...l].length));

describe('tables fit the terminal', () => {
  for (const width of [80, 100]) {
    for (const args of COMMANDS) {
      it(`${args.join(' ')} fits ${width} columns`, async () => {
        const r = await cli(
          args.map((a) => (a === '<stack>' ? stackFile : a)),
          width,
        );
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout.trim().length).toBeGreaterThan(0);
        expect(longest(r.stdout)).toBeLessThanOrEqual(width);
      });
    }
  }

  it('100 columns is the default when nothing says the width', async () => {
    const r = await cli(['events'], null);
    expect(longest(r.stdout)).toBeLessThanOrEqual(100);
    expect(longest(r.stdout)).toBeGreaterThan(80);
  });

  it('wraps the open model instead of cutting it: every word of it is there', async () => {
    for (const width of [80, 100]) {
      const r = await cli(['gap'], width);
      const [header, ...lines] = r.stdout.split('\n').slice(1);
      const from = header.indexOf('OPEN LINE');
      const to = header.indexOf('PROPRIETARY LINE');
      const column = lines.map((l) => l.slice(from, to).trim()).join('');
      // Every vendor's latest open release, whole (the words may wrap onto several lines).
      const gaps = JSON.parse((await cli(['gap', '--json'], null)).stdout) as { lastOpenRelease: { name: string } | null }[];
      const names = gaps.flatMap((g) => (g.lastOpenRelease ? [g.lastOpenRelease.name] : []));
      expect(names.length).toBeGreaterThan(1);
      for (const name of names) expect(column.replace(/\s/g, '')).toContain(name.replace(/\s/g, ''));
      expect(r.stdout).not.toContain('…');
    }
  });

  it('licence hashes are short in a table and whole with --wide (one line per row)', async () => {
    const narrow = await cli(['changes', '--kind', 'license'], 100);
    const wide = await cli(['changes', '--kind', 'license', '--wide'], 100);
    const full = (await cli(['changes', '--kind', 'license', '--json'], 100)).stdout;
    const hashes = (JSON.parse(full) as { from: string; to: string }[])
      .flatMap((c) => [c.from, c.to])
      .filter((h) => /^[0-9a-f]{40,}$/.test(h));
    expect(hashes.length).toBeGreaterThan(0);
    for (const h of hashes) {
      expect(narrow.stdout).toContain(h.slice(0, 12));
      expect(narrow.stdout).not.toContain(h);
      expect(wide.stdout).toContain(h);
    }
    expect(wide.stdout.trim().split('\n')).toHaveLength(1 + hashes.length / 2);
    expect(longest(wide.stdout)).toBeGreaterThan(100);
  });
});
