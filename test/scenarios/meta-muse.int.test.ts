// Meta in spring 2026 through the real pipeline: Muse Spark announced hosted-only then on a public
// API (levels 1 → 2 on the proprietary line, with evidence), a benchmark claim stored as a score,
// and two proprietary releases in a row with no open one (M2 = 2 → gap widened after hysteresis,
// once, then quiet).
import { describe, expect, it } from 'vitest';
import { computeGap } from '../../src/jobs/gap.js';
import { classificationHistory, latestClassification } from '../../src/store/classifications.js';
import { getModel } from '../../src/store/models.js';
import { scoresFor } from '../../src/store/scores.js';
import { failures, scenarioFixture, type Scenario } from './harness.js';

const SPARK_POST = 'https://about.fb.com/news/2026/04/introducing-muse-spark/';
const GA_POST = 'https://about.fb.com/news/2026/04/muse-spark-api-generally-available/';
const SCORE_POST = 'https://about.fb.com/news/2026/04/muse-spark-humanitys-last-exam/';

describe('Meta: Muse Spark, hosted then API; a score; two proprietary releases in a row', () => {
  // Each case starts from the step it needs (its own world run to it, or one shared with the other
  // read-only cases), so any case runs alone.
  const { at, seen } = scenarioFixture();
  const streakEvents = (s: Scenario) => s.events('gap.widened').filter((e) => e.vendorId === 'meta' && e.data.reason === 'streak');

  it('knows no Muse model before the announcement', async () => {
    const s = await at(0);
    for (const r of await s.runTo(2)) expect(failures(r)).toEqual([]);
    expect(getModel(s.db, 'meta/muse-spark')).toBeUndefined();
    expect(computeGap(s.db, s.vendor('meta'), s.world.now(2).toISOString()).lastProprietaryRelease).toBeNull();
  });

  it('classifies Muse Spark at level 1 (hosted only) on the proprietary line from "Introducing Muse Spark"', async () => {
    const s = await at(2);
    const r = await s.runStep(3);
    expect(failures(r)).toEqual([]);
    const model = getModel(s.db, 'meta/muse-spark');
    expect(model).toMatchObject({
      vendorId: 'meta',
      name: 'Muse Spark',
      line: 'proprietary',
      level: '1',
      weights: false,
      releasedAt: '2026-04-08T16:00:00.000Z',
    });
    const announcement = r.events.find((e) => e.kind === 'announcement' && e.modelId === 'meta/muse-spark');
    expect(announcement?.data).toMatchObject({ access: 'hosted', line: 'proprietary', link: SPARK_POST });
    const c = latestClassification(s.db, 'meta/muse-spark')!;
    expect(c.level).toBe('1');
    expect(c.decidedBy).toMatch(/hosted only/);
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'access', value: 'hosted', sourceUrl: SPARK_POST }));
    expect(r.events.some((e) => e.kind === 'model.reclassified')).toBe(false);
    // One alert for the launch (post + model merged): the release, its side by evidence and level.
    expect(s.console.text).toContain('Muse Spark released (proprietary, level 1; announced in "Introducing Muse Spark")');
  });

  it('moves Muse Spark to level 2 when its API is generally available, with the new post as evidence', async () => {
    const s = await at(3);
    await s.runStep(4);
    expect(getModel(s.db, 'meta/muse-spark')?.level).toBe('1');
    const r = await s.runStep(5);
    expect(failures(r)).toEqual([]);
    expect(getModel(s.db, 'meta/muse-spark')).toMatchObject({ line: 'proprietary', level: '2', releasedAt: '2026-04-08T16:00:00.000Z' });
    expect(classificationHistory(s.db, 'meta/muse-spark').map((c) => [c.level, c.at])).toEqual([
      ['1', s.world.now(3).toISOString()],
      ['2', s.world.now(5).toISOString()],
    ]);
    const c = latestClassification(s.db, 'meta/muse-spark')!;
    expect(c.decidedBy).toMatch(/public API/);
    expect(c.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ signal: 'access', value: 'hosted', sourceUrl: SPARK_POST }),
        expect.objectContaining({ signal: 'access', value: 'api', sourceUrl: GA_POST }),
      ]),
    );
    const moved = r.events.filter((e) => e.kind === 'model.reclassified');
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({
      modelId: 'meta/muse-spark',
      vendorId: 'meta',
      baseline: false,
      data: expect.objectContaining({ from: '1', to: '2' }),
    });
    expect(s.console.text).toContain('meta/muse-spark: level 1 (hosted only) → 2 (API)');
  });

  it('stores "Muse Spark scores 58% on Humanity’s Last Exam" as a score of Muse Spark, sourced to the post', async () => {
    const s = await seen(5);
    // "Introducing MAI-Image-1, debuting in the top 10 on LMArena" (baseline) states a rank: no score.
    expect(s.events('announcement').some((e) => e.modelId === 'microsoft/mai-image-1')).toBe(true);
    expect(scoresFor(s.db)).toEqual([
      {
        modelId: 'meta/muse-spark',
        benchmark: "Humanity's Last Exam",
        score: 58,
        date: '2026-04-29',
        sourceUrl: SCORE_POST,
        sourceKind: 'announcement',
      },
    ]);
  });

  it('counts one proprietary release since the last open one before Muse Spark Pro', async () => {
    const s = await seen(5);
    const g = computeGap(s.db, s.vendor('meta'), s.world.now(5).toISOString());
    expect(g.proprietaryStreak).toBe(1);
    // The release (Llama 4 Maverick), its main artefact the repo.
    expect(g.lastOpenRelease).toMatchObject({ name: 'Llama 4 Maverick', model: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct' });
    expect(streakEvents(s)).toEqual([]);
  });

  it('reaches M2 = 2 with Muse Spark Pro but alerts only at the second evaluation (hysteresis)', async () => {
    const s = await at(5);
    const r6 = await s.runStep(6);
    expect(failures(r6)).toEqual([]);
    expect(getModel(s.db, 'meta/muse-spark-pro')).toMatchObject({ line: 'proprietary', level: '2' });
    const g = computeGap(s.db, s.vendor('meta'), s.world.now(6).toISOString());
    expect(g.proprietaryStreak).toBe(2);
    expect(g.streakReleases.map((x) => x.name)).toEqual(['Muse Spark', 'Muse Spark Pro']);
    expect(g.reasons).toContain('streak');
    expect(streakEvents(s)).toEqual([]);
    expect(s.console.text).not.toContain('proprietary releases in a row');

    const r7 = await s.runStep(7);
    expect(failures(r7)).toEqual([]);
    const widened = streakEvents(s);
    expect(widened).toHaveLength(1);
    expect(widened[0]).toMatchObject({ occurredAt: s.world.now(7).toISOString(), baseline: false, severity: 'warning' });
    expect(widened[0]!.data).toMatchObject({ proprietaryStreak: 2, heldFor: 2 });
    expect(widened[0]!.summary).toMatch(
      /Meta has shipped 2 proprietary releases in a row \(Muse Spark \(2026-04-08\), Muse Spark Pro \(2026-05-12\)\)/,
    );
    expect(s.console.text).toContain('Meta has shipped 2 proprietary releases in a row');
  });

  it('does not alert the streak again on the next evaluation', async () => {
    const s = await at(7);
    const r = await s.again();
    expect(failures(r)).toEqual([]);
    expect(r.events).toEqual([]);
    expect(streakEvents(s)).toHaveLength(1);
    expect(computeGap(s.db, s.vendor('meta'), s.world.now(7).toISOString()).reasons).toContain('streak');
    expect(scoresFor(s.db)).toHaveLength(1);
  });
});
