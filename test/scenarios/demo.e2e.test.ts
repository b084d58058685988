// `modelwatch demo` as a user runs it (the built CLI): the whole spring-2026 timeline through the
// real pipeline, offline, in well under a minute, exit 0, with the story readable in its output.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('modelwatch demo', () => {
  it('replays spring 2026: alerts as they fire, the gap table, the weekly digest', async () => {
    const started = Date.now();
    // --wide: the gap table's rows on one line each (the default fits 100 columns: test/commands/width.test.ts, packed-demo).
    const r = await runCli(['demo', '--wide']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    const out = r.stdout;
    expect(out).toMatch(/^modelwatch demo: spring 2026 replayed on loopback/);
    expect(out).toContain('world     http://127.0.0.1:');
    for (let step = 1; step <= 7; step++) expect(out).toContain(`Step ${step}/7 · `);
    // No source failed, and the baseline does not alert.
    expect(out).not.toMatch(/^ {2}error /m);
    expect(out.split('Step 2/7')[0]).not.toMatch(/^ {2}alert /m);
    expect(out).toMatch(/7 sources polled for the first time · \d+ events recorded as the baseline/);
    // The story, in the order it happened.
    const lines = [
      'alert  2026-04-02 Google [notice] google/gemma-4-27b-it released (apache-2.0) <replay>/google/gemma-4-27b-it',
      'alert  2026-04-08 Meta [notice] Muse Spark released (proprietary)',
      "note   Google's open line became more open: gemma-4-27b-it (2026-04-02) is level 4, apache-2.0 where gemma-3-27b-it was 3b, gemma (+1 level)",
      'alert  2026-04-15 Meta [warning] meta-llama/Llama-3.1-8B-Instruct: licence text changed',
      'alert  2026-04-30 Meta [warning] meta/muse-spark: level 1 (hosted only) → 2 (API)',
      "score  meta/muse-spark: Humanity's Last Exam 58 (announcement, https://about.fb.com/news/2026/04/muse-spark-humanitys-last-exam/)",
      'alert  2026-05-12 Meta [notice] Muse Spark Pro released (proprietary)',
      'alert  2026-05-18 Meta [warning] Meta has shipped 2 proprietary releases in a row',
    ];
    let at = 0;
    for (const l of lines) {
      const i = out.indexOf(l, at);
      expect(i, l).toBeGreaterThan(at - 1);
      at = i;
    }
    // Step 7 changes nothing in the world: every source answers 304.
    expect(out.split('Step 7/7')[1]).toContain('7 sources polled, 7 unchanged (answered 304)');
    // The gap table, one row per vendor.
    const table = out.slice(out.indexOf('Gap as of 2026-05-18 08:00 UTC'));
    expect(table).toMatch(/^ {2}Meta +Llama: Llama-4-Maverick-17B-128E-Instruct \(2025-04-05, level 3b\) +Muse: Muse Spark Pro \(2026-05-12, level 2\) +402 +2 +0% +yes: recency-band:365, streak$/m);
    expect(table).toMatch(/^ {2}Google +Gemma: gemma-4-27b-it \(2026-04-02, level 4\) .* no$/m);
    expect(table).toMatch(/^ {2}Microsoft +Phi: Phi-5-mini-instruct \(2026-05-12, level 4\) .* no$/m);
    // The digest file it names exists and is the week of step 7.
    const file = /written to (\S+digest-2026-W20\.html)/.exec(out)?.[1];
    expect(file).toBeDefined();
    const html = fs.readFileSync(file!, 'utf8');
    expect(html).toContain('modelwatch weekly digest 2026-W20');
    expect(html).toContain('Muse Spark Pro');
    fs.rmSync(file!.replace(/\/digest-2026-W20\.html$/, ''), { recursive: true, force: true });
  });
});
