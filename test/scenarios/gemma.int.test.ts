// Google moves its open line from the Gemma Terms of Use (Gemma 3, level 3b) to Apache-2.0
// (Gemma 4, level 4): a +1 licence drift on the open line, reported as a narrowing after the
// hysteresis of two evaluations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeGap } from '../../src/jobs/gap.js';
import { latestClassification } from '../../src/store/classifications.js';
import { getModel } from '../../src/store/models.js';
import { findRelease, listReleasesWithArtefacts, releaseArtefacts } from '../../src/store/releases.js';
import { failures, scenarioFixture, startScenario, type Scenario } from './harness.js';

describe('Gemma: gemma → apache-2.0', () => {
  // Each case starts from the step it needs (its own world run to it), so any case runs alone.
  const { at } = scenarioFixture();
  const narrowed = (s: Scenario) =>
    s.events('gap.narrowed').filter((e) => e.vendorId === 'google' && e.data.reason === 'licence-drift:release');

  it('classifies Gemma 3 under the Gemma Terms of Use at 3b', async () => {
    const s = await at(0);
    expect(failures(await s.runStep(1))).toEqual([]);
    expect(getModel(s.db, 'google/gemma-3-27b-it')).toMatchObject({ line: 'open', licenseId: 'gemma', gated: 'manual', level: '3b' });
    expect(latestClassification(s.db, 'google/gemma-3-27b-it')?.decidedBy).toMatch(/licence gemma is restricted-use/);
  });

  it('classifies Gemma 4 under Apache-2.0 at level 4: the open line gains one level', async () => {
    const s = await at(1);
    const r = await s.runStep(2);
    expect(failures(r)).toEqual([]);
    expect(r.events.find((e) => e.kind === 'model.new' && e.modelId === 'google/gemma-4-27b-it')).toMatchObject({ baseline: false });
    expect(getModel(s.db, 'google/gemma-4-27b-it')).toMatchObject({ line: 'open', licenseId: 'apache-2.0', gated: 'false', level: '4' });
    const c = latestClassification(s.db, 'google/gemma-4-27b-it')!;
    expect(c.decidedBy).toMatch(/licence apache-2\.0 is OSI-approved/);
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'license', value: 'apache-2.0' }));

    const g = computeGap(s.db, s.vendor('google'), s.world.now(2).toISOString());
    expect(g.licenceDrift.open).toBe(1);
    expect(g.licenceDrift.releases).toContainEqual(
      expect.objectContaining({
        line: 'open',
        delta: 1,
        from: expect.objectContaining({ model: 'google/gemma-3-27b-it', level: '3b' }),
        to: expect.objectContaining({ level: '4' }),
      }),
    );
    expect(g.lastOpenRelease).toMatchObject({ level: '4', date: expect.stringMatching(/^2026-04-02/) });
    expect(g.widening).toBe(false);
    // One evaluation is not enough to report it.
    expect(narrowed(s)).toEqual([]);
  });

  it('reports the narrowing at the second evaluation, once', async () => {
    const s = await at(2);
    expect(failures(await s.runStep(3))).toEqual([]);
    const n = narrowed(s);
    expect(n).toHaveLength(1);
    expect(n[0]!.data).toMatchObject({ heldFor: 2, drift: expect.objectContaining({ delta: 1 }) });
    expect(n[0]!.summary).toMatch(/Gemma 4 \(2026-04-02\) is level 4, apache-2\.0 where gemma 3 was 3b, gemma \(\+1 level\)/);
    for (let step = 4; step <= s.world.steps; step++) expect(failures(await s.runStep(step))).toEqual([]);
    expect(narrowed(s)).toHaveLength(1);
  });
});

describe('Gemma 4: one launch, one release, one alert', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await startScenario();
  });
  afterAll(async () => {
    s.world.server.assertClean();
    await s.close();
  });

  it('the post and the Hub repo of one cycle are one release at level 4, alerted once', async () => {
    await s.runStep(1);
    const before = s.console.text.length;
    const r = await s.runStep(2);
    expect(failures(r)).toEqual([]);
    // Two release events were stored (the repo's model.new and the post's announcement) ...
    expect(
      r.events
        .filter((e) => e.vendorId === 'google' && (e.kind === 'model.new' || e.kind === 'announcement'))
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['announcement', 'model.new']);
    // ... but one alert went out, for the release.
    const lines = s.console.text
      .slice(before)
      .split('\n')
      .filter((l) => l.includes('Google'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Gemma 4 released \(1 repo on Hugging Face; open, level 4; apache-2\.0; announced in "Gemma 4 is here/);
    const rel = findRelease(s.db, 'Gemma 4')!;
    expect(rel).toMatchObject({ side: 'open', level: '4', licenseId: 'apache-2.0', family: 'Gemma' });
    expect(releaseArtefacts(s.db, rel.id).sort()).toEqual(['google/gemma-4', 'google/gemma-4-27b-it']);
    expect(listReleasesWithArtefacts(s.db, { vendorId: 'google' }).filter((x) => /gemma 4/i.test(x.name))).toHaveLength(1);
  });
});
