// `modelwatch exposure` through the built CLI, on the fixture history database.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { buildFixtureDb, daysAgo, LLAMA_8B_ALTERNATIVES } from './fixture-db.js';

let file: string;
let now: number;

beforeAll(() => {
  const f = buildFixtureDb();
  f.db.close();
  file = f.file;
  now = f.now;
});

interface Answer {
  workflow: string;
  criticality: string;
  model: string;
  found: boolean;
  vendor: string | null;
  line: string | null;
  level: string | null;
  license: string | null;
  sizeClass: string | null;
  lastChanges: { at: string; kind: string; from: string | null; to: string | null }[];
  gap: Record<string, unknown> | null;
  alternatives: { model: string; level: string; license: string | null; releasedAt: string; sizeClass: string | null }[];
  concerns: string[];
}

function stack(yaml: string): string {
  const f = path.join(tmpDir(), 'stack.yaml');
  fs.writeFileSync(f, yaml);
  return f;
}

describe('modelwatch exposure', () => {
  it('examples/stack.yaml --json: per workflow the model, its last changes, the gap status and alternatives', async () => {
    const r = await runCli(['exposure', 'examples/stack.yaml', '--db', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { file: string; asOf: string; workflows: Answer[] };
    expect(out.file).toBe('examples/stack.yaml');
    expect(Date.parse(out.asOf)).toBeGreaterThanOrEqual(now);
    expect(out.workflows.map((w) => [w.workflow, w.criticality, w.model, w.found])).toEqual([
      ['customer-support-chat', 'high', 'meta-llama/Llama-3.1-8B-Instruct', true],
      ['contract-summaries', 'medium', 'google/gemma-3-12b-it', true],
      ['code-review-hints', 'low', 'microsoft/Phi-4-mini-instruct', true],
      ['marketing-copy-drafts', 'medium', 'meta/muse-spark', true],
    ]);

    const [chat, summaries, review, copy] = out.workflows as [Answer, Answer, Answer, Answer];
    expect(chat).toMatchObject({ vendor: 'meta', line: 'open', level: '3b', license: 'llama3.1', sizeClass: '4-15B' });
    // The last three non-baseline changes, newest first.
    expect(chat.lastChanges.map((c) => [c.kind, c.from, c.to])).toEqual([
      ['model.license_text_changed', 'aaaa1111', 'bbbb2222'],
      ['model.gating_changed', 'auto', 'manual'],
      ['model.weights_published', null, '2 weight files'],
    ]);
    // The latest of Meta's two snapshots.
    expect(chat.gap).toEqual({
      vendor: 'meta',
      at: daysAgo(1, now),
      widening: true,
      reasons: ['two proprietary releases in a row (Muse) with no open release'],
      recencyGapDays: 360,
      proprietaryStreak: 2,
      openShare180d: 0,
      lastOpenRelease: { model: 'meta-llama/Llama-4-Scout-17B-16E-Instruct', date: daysAgo(380, now) },
      lastProprietaryRelease: { model: 'meta/muse-spark', date: daysAgo(20, now) },
    });
    // Level >= 4, <= 12 months old, 4-15B, at most three, newest first (fixture-db.ts lists why the others are out).
    expect(chat.alternatives.map((a) => a.model)).toEqual(LLAMA_8B_ALTERNATIVES);
    expect(chat.alternatives[0]).toEqual({
      model: 'google/gemma-4-12b-it',
      name: 'gemma-4-12b-it',
      vendor: 'google',
      level: '4',
      license: 'apache-2.0',
      releasedAt: daysAgo(25, now),
      parameters: 12_200_000_000,
      sizeClass: '4-15B',
      url: 'https://huggingface.co/google/gemma-4-12b-it',
    });
    for (const a of chat.alternatives) {
      expect(['4', '5']).toContain(a.level);
      expect(now - Date.parse(a.releasedAt)).toBeLessThanOrEqual(366 * 86_400_000);
      expect(a.sizeClass).toBe('4-15B');
    }
    expect(chat.concerns).toContain(
      "meta's open-vs-proprietary gap is widening: two proprietary releases in a row (Muse) with no open release",
    );

    // No snapshot for Google yet: tolerated.
    expect(summaries).toMatchObject({ vendor: 'google', level: '3b', license: 'gemma', gap: null, lastChanges: [] });
    expect(summaries.alternatives.map((a) => a.model)).toEqual(LLAMA_8B_ALTERNATIVES);

    // <4B: nothing of that size is both OSI-open and recent except the model itself.
    expect(review).toMatchObject({ level: '4', license: 'mit', sizeClass: '<4B', alternatives: [], concerns: [] });

    // Unknown size: alternatives of any size, still newest first, the withdrawn one left out.
    expect(copy).toMatchObject({ line: 'proprietary', level: '2', sizeClass: null });
    expect(copy.alternatives.map((a) => a.model)).toEqual(['acme/sizeless-open', 'google/gemma-4-12b-it', 'google/gemma-4-27b-it']);
    expect(copy.lastChanges.map((c) => c.kind)).toEqual(['model.reclassified', 'announcement']);
    expect(copy.concerns[0]).toBe('level 2, no downloadable weights: the vendor can change or retire it at will');
  });

  it('a workflow may name a model by its exact name; an unknown model is answered, not an error', async () => {
    const f = stack(
      'workflows:\n  - { name: a, model: muse-spark, criticality: low }\n  - { name: b, model: acme/unheard-of, criticality: high }\n',
    );
    const r = await runCli(['exposure', f, '--db', file, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { workflows: Answer[] };
    expect(out.workflows[0]).toMatchObject({ model: 'meta/muse-spark', found: true });
    expect(out.workflows[1]).toMatchObject({ model: 'acme/unheard-of', found: false, vendor: null, gap: null });
    expect(out.workflows[1]!.concerns[0]).toMatch(/^modelwatch does not know "acme\/unheard-of"/);
  });

  it('prints one block per workflow as text', async () => {
    const r = await runCli(['exposure', 'examples/stack.yaml', '--db', file]);
    expect(r.code).toBe(0);
    const blocks = r.stdout.trimEnd().split('\n\n');
    expect(blocks).toHaveLength(4);
    expect(blocks[0]).toMatch(
      /^customer-support-chat {2}\[high\] {2}meta-llama\/Llama-3\.1-8B-Instruct\n {2}meta · open line · level 3b · licence llama3\.1 · 4-15B · released /,
    );
    expect(blocks[0]).toContain('gap: meta WIDENING (open line lags 360 d, proprietary streak 2)');
    expect(blocks[0]).toMatch(
      /alternatives \(level 4\+, released in the last 12 months, 4-15B like this one\):\n {4}google\/gemma-4-12b-it +level 4 {2}apache-2\.0/,
    );
    expect(blocks[1]).toContain('gap: no evaluation yet for google');
    expect(blocks[2]).toContain('alternatives (level 4+, released in the last 12 months, <4B like this one): none');
  });

  it('a bad stack file exits 2 with every problem, each with the file and path', async () => {
    const f = stack(
      'workflows:\n  - name: chat\n    criticality: urgent\n  - name: chat\n    model: x\n    criticality: low\n    team: a\n',
    );
    const r = await runCli(['exposure', f, '--db', file, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'exposure: 4 problems:',
        `  ${f}: workflows[0].model: required`,
        `  ${f}: workflows[0].criticality: expected low, medium, high`,
        `  ${f}: workflows[1]: unknown key team`,
        `  ${f}: workflows[1].name: "chat" is also the name of workflows[0]`,
        '',
      ].join('\n'),
    );
  });

  it('a missing file or a YAML error exits 2', async () => {
    const missing = await runCli(['exposure', path.join(tmpDir(), 'nope.yaml'), '--db', file]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^exposure: cannot read .*nope\.yaml: ENOENT\n$/);
    const broken = await runCli(['exposure', stack('workflows: [\n'), '--db', file]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^exposure: 1 problem:\n {2}.*stack\.yaml: YAML: /);
  });
});
