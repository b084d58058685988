// `modelwatch demo` as a user runs it (the built CLI): the whole spring-2026 timeline through the
// real pipeline, offline, in well under a minute, exit 0, with the story readable in its output.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('modelwatch demo', () => {
  it('replays spring 2026: alerts as they fire, the gap table, the weekly digest', async () => {
    const started = Date.now();
    // --wide: the gap table's rows on one line each (the default fits 100 columns: test/commands/width.int.test.ts, packed-demo).
    const r = await runCli(['demo', '--wide']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    const out = r.stdout;
    expect(out).toMatch(/^modelwatch demo: spring 2026 replayed on loopback/);
    const STEPS = 8; // spring 2026 (1-7) and the autumn's Muse Glimmer (8)
    expect(out).toContain('world     http://127.0.0.1:');
    for (let step = 1; step <= STEPS; step++) expect(out).toContain(`Step ${step}/${STEPS} · `);
    // No source failed, and the baseline does not alert.
    expect(out).not.toMatch(/^ {2}error /m);
    expect(out.split(`Step 2/${STEPS}`)[0]).not.toMatch(/^ {2}alert /m);
    expect(out).toMatch(/7 sources polled for the first time · \d+ events recorded as the baseline/);
    // The story, in the order it happened.
    const lines = [
      'alert  2026-04-02 Google [notice] Gemma 4 released (1 repo on Hugging Face; open, level 4; apache-2.0; announced in "Gemma 4 is here',
      'alert  2026-04-08 Meta [notice] Muse Spark released (proprietary, level 1; announced in "Introducing Muse Spark")',
      "note   Google's open line became more open: Gemma 4 (2026-04-02) is level 4, apache-2.0 where gemma 3 was 3b, gemma (+1 level)",
      'alert  2026-04-15 Meta [warning] meta-llama/Llama-3.1-8B-Instruct: licence text changed',
      'alert  2026-04-30 Meta [warning] meta/muse-spark: level 1 (hosted only) → 2 (API)',
      "score  meta/muse-spark: Humanity's Last Exam 58 (announcement, https://about.fb.com/news/2026/04/muse-spark-humanitys-last-exam/)",
      'alert  2026-05-12 Meta [notice] Muse Spark Pro released (proprietary, level 2',
      'alert  2026-05-12 Microsoft [notice] Phi-5-mini samples released https://github.com/microsoft/PhiCookBook/releases/tag/v2026.05',
      'alert  2026-05-18 Meta [warning] Meta has shipped 2 proprietary releases in a row',
      // Autumn: the post's link is followed to a new Hub org; Muse Glimmer is open, a surprise.
      'alert  2026-08-11 Meta [notice] Meta publishes under a new Hub org: meta-models (linked from "Introducing Muse Glimmer")',
      'alert  2026-08-11 Meta [warning] Meta shipped open weights under its Muse brand: Muse Glimmer (meta-models/Muse-Glimmer-30B, level 4, apache-2.0)',
    ];
    let at = 0;
    for (const l of lines) {
      const i = out.indexOf(l, at);
      expect(i, l).toBeGreaterThan(at - 1);
      at = i;
    }
    // Step 7 changes nothing in the world: every source answers 304.
    expect(out.split(`Step 7/${STEPS}`)[1]!.split(`Step 8/${STEPS}`)[0]).toContain('7 sources polled, 7 unchanged (answered 304)');
    // No "gap widened" after Muse Glimmer: the autumn step alerts the discovery and the surprise only.
    expect(out.split(`Step 8/${STEPS}`)[1]!.split('Gap as of')[0]).not.toMatch(/widen|trails|proprietary releases in a row/);
    // The gap table, one row per vendor: Meta's latest open release is Muse Glimmer, its streak 0.
    const table = out.slice(out.indexOf('Gap as of 2026-08-11 09:00 UTC'));
    expect(table).toMatch(
      /^ {2}Meta +Muse: Muse Glimmer \(2026-08-10, level 4\) +Muse: Muse Spark Pro \(2026-05-12, level 2\) +-90 +0 +33% +no$/m,
    );
    expect(table).toMatch(/^ {2}Google +Gemma: Gemma 4 \(2026-04-02, level 4\) .* no$/m);
    expect(table).toMatch(/^ {2}Microsoft +Phi: Phi 5 mini \(2026-05-12, level 4\) .* no$/m);
    // The digest file it names exists and is the week of the last step.
    const file = /written to (\S+digest-2026-W33\.html)/.exec(out)?.[1];
    expect(file).toBeDefined();
    const html = fs.readFileSync(file!, 'utf8');
    expect(html).toContain('modelwatch weekly digest 2026-W33');
    expect(html).toContain('Muse Glimmer');
    fs.rmSync(file!.replace(/\/digest-2026-W33\.html$/, ''), { recursive: true, force: true });
  });
});
