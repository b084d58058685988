// Meta's autumn of 2026 as it happened (DOMAIN.md "Why it exists"): the "Introducing Muse
// Glimmer" post links to huggingface.co/meta-models/Muse-Glimmer-30B; the vendor file lists only
// meta-llama. Through the real pipeline: the link is followed through HF_ENDPOINT, meta-models
// becomes a discovered source, Muse Glimmer is an open release at level 4 (evidence, not its
// Muse name), the surprise alerts, Meta's proprietary streak ends, and no "gap widened" follows.
import { describe, expect, it } from 'vitest';
import { weekContaining } from '../../src/digest/week.js';
import { buildDigest } from '../../src/jobs/digest.js';
import { computeGap } from '../../src/jobs/gap.js';
import { listDiscovered } from '../../src/store/discovered.js';
import { getModel } from '../../src/store/models.js';
import { findRelease, releaseArtefacts } from '../../src/store/releases.js';
import { getSource } from '../../src/store/sources.js';
import { failures, scenarioFixture, type Scenario } from './harness.js';

const POST = 'https://about.fb.com/news/2026/08/introducing-muse-glimmer/';
const REPO = 'meta-models/Muse-Glimmer-30B';

describe('Muse Glimmer: open weights under the Muse brand, in a new Hub org', () => {
  // Each case starts from the step it needs (its own world run to it, or one shared with the other
  // read-only cases), so any case runs alone:
  // step 7 is the spring as it ended, step 8 the autumn with Muse Glimmer.
  const { at, seen } = scenarioFixture();
  const metaWidened = (s: Scenario) => s.events('gap.widened').filter((e) => e.vendorId === 'meta').length;

  it('before autumn: two proprietary Muse releases in a row, Llama 4 the latest open one', async () => {
    const s = await seen(7);
    const g = computeGap(s.db, s.vendor('meta'), s.world.now(7).toISOString());
    expect(g.proprietaryStreak).toBe(2);
    expect(g.lastOpenRelease?.name).toMatch(/Llama 4/);
    expect(findRelease(s.db, 'Muse Spark')).toMatchObject({ side: 'proprietary', level: '2', expectedSide: 'proprietary' });
  });

  it('follows the post link through HF_ENDPOINT and watches meta-models as a discovered source', async () => {
    const s = await at(7);
    const before = s.world.server.requests.length;
    const r = await s.runStep(8);
    expect(failures(r)).toEqual([]);
    const discovered = listDiscovered(s.db);
    expect(discovered).toEqual([
      expect.objectContaining({
        sourceId: 'hf:meta-models',
        vendorId: 'meta',
        kind: 'huggingface',
        target: 'meta-models',
        discoveredFrom: POST,
      }),
    ]);
    expect(getSource(s.db, 'hf:meta-models')).toMatchObject({ baselineDone: true, consecutiveErrors: 0 });
    const ev = r.events.filter((e) => e.kind === 'source.discovered');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ baseline: false, summary: expect.stringMatching(/^Meta publishes under a new Hub org: meta-models/) });
    // The repo was read from the world (the endpoint), not from huggingface.co.
    const hubReads = s.world.server.requests.slice(before).filter((q) => q.url.includes('meta-models'));
    expect(hubReads.length).toBeGreaterThanOrEqual(1);
    expect(getModel(s.db, REPO)).toMatchObject({ vendorId: 'meta', licenseId: 'apache-2.0', level: '4', weights: true });
  });

  it('groups the post and the repo into one open release of the Muse family, and alerts the surprise once', async () => {
    const s = await seen(8);
    const rel = findRelease(s.db, 'Muse Glimmer')!;
    expect(rel).toMatchObject({
      side: 'open',
      level: '4',
      licenseId: 'apache-2.0',
      family: 'Muse',
      expectedSide: 'proprietary',
      mainModel: REPO,
    });
    expect(releaseArtefacts(s.db, rel.id).sort()).toEqual(['meta/muse-glimmer', REPO].sort());
    const surprise = s.events('release.surprise');
    expect(surprise).toHaveLength(1);
    expect(surprise[0]).toMatchObject({ vendorId: 'meta', baseline: false });
    expect(surprise[0]!.summary).toBe(
      'Meta shipped open weights under its Muse brand: Muse Glimmer (meta-models/Muse-Glimmer-30B, level 4, apache-2.0).',
    );
    expect(s.console.text).toContain('Meta shipped open weights under its Muse brand');
  });

  it('ends the proprietary streak: Muse Glimmer is the latest open release, and no gap widened follows', async () => {
    const s = await at(7);
    const widenedBefore = metaWidened(s);
    expect(failures(await s.runStep(8))).toEqual([]);
    const g = computeGap(s.db, s.vendor('meta'), s.world.now(8).toISOString());
    expect(g.proprietaryStreak).toBe(0);
    expect(g.lastOpenRelease).toMatchObject({ name: 'Muse Glimmer', level: '4', model: REPO });
    expect(g.daysSinceOpenRelease).toBe(1); // released 2026-08-10, evaluated 2026-08-11
    await s.again();
    expect(metaWidened(s)).toBe(widenedBefore);
  });

  it('the digest speaks releases: Muse Glimmer listed once, Meta self-hosts it; before autumn, a stalled open line', async () => {
    const s = await seen(8);
    const week = buildDigest(s.db, s.config, weekContaining(s.world.now(8), s.config.env.tz));
    const meta = week.releases.find((v) => v.vendorId === 'meta')!;
    expect(meta.items.filter((r) => /Muse Glimmer/.test(r.name))).toEqual([
      expect.objectContaining({
        name: 'Muse Glimmer',
        family: 'Muse',
        side: 'open',
        level: '4',
        licence: 'apache-2.0',
        artefacts: 2,
        modelId: REPO,
      }),
    ]);
    expect(week.strategy.find((r) => r.vendorId === 'meta')).toMatchObject({
      latestOpen: 'Muse Glimmer',
      licence: 'apache-2.0',
      selfHosting: 'full support',
    });
    const before = buildDigest(s.db, s.config, weekContaining(s.world.now(7), s.config.env.tz));
    const row = before.strategy.find((r) => r.vendorId === 'meta')!;
    expect(row.latestOpen).toMatch(/Llama 4/);
    expect(row.selfHosting).toBe(`open line stalled, last open release ${row.openAgeDays} days ago`);
    expect(row.openAgeDays).toBeGreaterThan(90);
    expect(row.lockIn).not.toBe('low');
  });

  it('polls the discovered source on the next cycles with one conditional request, answered 304', async () => {
    const s = await at(8);
    const before = s.world.server.requests.length;
    await s.again();
    const reads = s.world.server.requests.slice(before).filter((q) => q.url.includes('author=meta-models'));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.headers['if-none-match']).toBeTruthy();
    expect(s.events('source.discovered')).toHaveLength(1);
  });

  it('keeps --as-of exact: before autumn, the gap reads as it did then', async () => {
    const s = await seen(8);
    const g = computeGap(s.db, s.vendor('meta'), s.world.now(7).toISOString());
    expect(g.proprietaryStreak).toBe(2);
    expect(g.lastOpenRelease?.name).toMatch(/Llama 4/);
  });
});
