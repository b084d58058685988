// The history commands on a database built by the replay world (issue 6, "Done when"): the
// spring-2026 timeline runs through the real pipeline, then the BUILT CLI answers from that file.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startScenario, type Scenario } from './harness.js';

const SPRING_END = 7;
let s: Scenario;
let env: Record<string, string>;

beforeAll(async () => {
  s = await startScenario();
  // The spring of 2026 (steps 1-7; step 8 is the autumn's Muse Glimmer, tested in muse-glimmer.int.test.ts).
  await s.runTo(SPRING_END);
  // Read the history as of the spring's last step: `--since 90d` is relative to that instant.
  env = { MODELWATCH_NOW: s.world.now(SPRING_END).toISOString() };
}, 60_000);
afterAll(async () => s?.close());

const cli = (args: string[]) => runCli([...args, '--db', s.file, '--feeds', s.world.feedsDir], { env });

describe('history from the CLI on the replay world', () => {
  it('releases --since 90d --vendor meta --json lists Meta releases of the last 90 days with the contract fields', async () => {
    const r = await cli(['releases', '--since', '90d', '--vendor', 'meta', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    const byModel = new Map(rows.map((x) => [x.model, x]));
    expect(byModel.get('meta/muse-spark')).toMatchObject({
      vendor: 'meta',
      line: 'proprietary',
      level: '2',
      url: expect.stringContaining('muse-spark'),
    });
    expect(byModel.get('meta/muse-spark-pro')).toMatchObject({ vendor: 'meta', line: 'proprietary' });
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['model', 'vendor', 'line', 'level', 'license', 'releasedAt', 'url']));
      expect(row.vendor).toBe('meta');
      expect(Date.parse(row.releasedAt as string)).toBeGreaterThanOrEqual(Date.parse(env.MODELWATCH_NOW) - 90 * 86_400_000);
    }
    // Llama 4 (April 2025) is older than 90 days: not listed.
    expect(rows.some((x) => String(x.model).includes('Llama-4'))).toBe(false);
    const sorted = [...rows].sort((a, b) => String(b.releasedAt).localeCompare(String(a.releasedAt)));
    expect(rows).toEqual(sorted);
  });

  it('model <id> --json gives the timeline with evidence: Muse Spark 1 → 2, the announcements, the score', async () => {
    const r = await cli(['model', 'meta/muse-spark', '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m).toMatchObject({ id: 'meta/muse-spark', vendor: 'meta', line: 'proprietary', level: '2' });
    expect(m.evidence.some((e: { signal: string; value: unknown }) => e.signal === 'access' && e.value === 'api')).toBe(true);
    const kinds = m.history.map((h: { kind: string }) => h.kind);
    expect(kinds).toEqual(expect.arrayContaining(['announcement', 'model.reclassified']));
    expect(m.history.find((h: { kind: string }) => h.kind === 'model.reclassified')).toMatchObject({ from: '1', to: '2' });
    expect(m.scores).toEqual([expect.objectContaining({ benchmark: "Humanity's Last Exam", score: 58, sourceKind: 'announcement' })]);

    const llama = JSON.parse((await cli(['model', 'meta-llama/Llama-3.1-8B-Instruct', '--json'])).stdout);
    expect(llama).toMatchObject({ level: '3b', license: 'llama3.1', gated: 'manual' });
    expect(llama.history.map((h: { kind: string }) => h.kind)).toContain('model.license_text_changed');
  });

  it('exposure examples/stack.yaml --json answers every workflow with level, gap status and open alternatives', async () => {
    const r = await cli(['exposure', path.resolve('examples/stack.yaml'), '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    const w = new Map(rep.workflows.map((x: { workflow: string }) => [x.workflow, x]));
    expect(w.get('customer-support-chat')).toMatchObject({ found: true, vendor: 'meta', line: 'open', level: '3b', license: 'llama3.1' });
    const support = w.get('customer-support-chat') as {
      gap: { widening: boolean; reasons: string[] };
      alternatives: { level: string; license: string }[];
    };
    expect(support.gap).toMatchObject({ widening: true });
    expect(support.gap.reasons).toEqual(expect.arrayContaining(['streak']));
    expect(support.alternatives.length).toBeGreaterThan(0);
    expect(support.alternatives.length).toBeLessThanOrEqual(3);
    for (const a of support.alternatives) expect(['4', '5']).toContain(a.level);
    expect(w.get('marketing-copy-drafts')).toMatchObject({ found: true, line: 'proprietary', level: '2' });
  });
});
