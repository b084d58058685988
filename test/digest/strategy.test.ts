// The vendor strategy table from releases (pure): licence of the latest open release, self-hosting
// from the open releases (a stalled open line is said so, never "not available"), lock-in risk
// from the share of proprietary releases.
import { describe, expect, it } from 'vitest';
import { deriveStrategy, lockInOf, type StrategyRelease } from '../../src/digest/strategy.js';

const rel = (
  name: string,
  releasedAt: string,
  side: StrategyRelease['side'],
  level: StrategyRelease['level'],
  licenseId: string | null,
  auxiliary = false,
): StrategyRelease => ({
  name,
  releasedAt: `${releasedAt}T00:00:00.000Z`,
  side,
  level,
  licenseId,
  auxiliary,
});

const LLAMA_4 = rel('Llama 4 Scout', '2025-04-05', 'open', '3b', 'llama4');
const MUSE_SPARK = rel('Muse Spark', '2026-04-08', 'proprietary', '2', null);
const MUSE_SPARK_PRO = rel('Muse Spark Pro', '2026-05-12', 'proprietary', '2', null);
const MUSE_GLIMMER = rel('Muse Glimmer', '2026-08-10', 'open', '4', 'apache-2.0');
const META = { id: 'meta', name: 'Meta' };

describe('deriveStrategy (releases)', () => {
  it("Meta in May 2026: the open line stalled, never 'not available' with Llama 4's weights public", () => {
    const row = deriveStrategy(META, [LLAMA_4, MUSE_SPARK, MUSE_SPARK_PRO], '2026-05-20T00:00:00.000Z')!;
    expect(row).toEqual({
      vendorId: 'meta',
      vendor: 'Meta',
      latest: 'Muse Spark Pro',
      strategy: 'proprietary, was open',
      licence: 'llama4',
      licences: ['proprietary', 'llama4'],
      latestOpen: 'Llama 4 Scout',
      latestOpenAt: '2025-04-05T00:00:00.000Z',
      openAgeDays: 410,
      selfHosting: 'open line stalled, last open release 410 days ago',
      proprietaryShare: 2 / 3,
      lockIn: 'high',
    });
  });

  it('Meta after Muse Glimmer: an open release of the Muse family gives full support under its licence', () => {
    const row = deriveStrategy(META, [LLAMA_4, MUSE_SPARK, MUSE_SPARK_PRO, MUSE_GLIMMER], '2026-08-17T00:00:00.000Z')!;
    expect(row).toMatchObject({
      latest: 'Muse Glimmer',
      latestOpen: 'Muse Glimmer',
      licence: 'apache-2.0',
      openAgeDays: 7,
      selfHosting: 'full support',
      strategy: 'open + proprietary',
      lockIn: 'medium',
      proprietaryShare: 0.5,
    });
  });

  it('the stall is measured against the vendor’s first recency band (default 90 days)', () => {
    const phi = rel('Phi 5', '2026-02-10', 'open', '4', 'mit');
    const mai = rel('MAI 2', '2026-03-20', 'proprietary', '2', null);
    const at = (d: string) => `${d}T00:00:00.000Z`;
    expect(deriveStrategy({ id: 'microsoft', name: 'Microsoft' }, [phi, mai], at('2026-05-11'))!.selfHosting).toBe('full support'); // 90 days
    expect(deriveStrategy({ id: 'microsoft', name: 'Microsoft' }, [phi, mai], at('2026-05-12'))!.selfHosting).toBe(
      'open line stalled, last open release 91 days ago',
    );
    expect(deriveStrategy({ id: 'microsoft', name: 'Microsoft', recencyBandDays: 180 }, [phi, mai], at('2026-05-12'))!.selfHosting).toBe(
      'full support',
    );
    // A stated strategy wins; the data columns do not change.
    expect(
      deriveStrategy({ id: 'microsoft', name: 'Microsoft', strategy: 'proprietary + reseller' }, [phi, mai], at('2026-05-12')),
    ).toMatchObject({ strategy: 'proprietary + reseller', licence: 'mit', lockIn: 'medium' });
  });

  it("says 'not available' only of a vendor without any open release", () => {
    const row = deriveStrategy(
      { id: 'anthropic', name: 'Anthropic' },
      [rel('Claude Opus 5', '2026-06-01', 'proprietary', '2', null), rel('Claude Sonnet 5', '2026-03-01', 'proprietary', '2', null)],
      '2026-07-01T00:00:00.000Z',
    )!;
    expect(row).toMatchObject({
      strategy: 'proprietary',
      licence: 'proprietary',
      latestOpen: null,
      openAgeDays: null,
      selfHosting: 'not available',
      proprietaryShare: 1,
      lockIn: 'high',
    });
    // Ten years without an open release is still a stalled open line, not "not available".
    const old = deriveStrategy(
      META,
      [rel('Llama 1', '2016-02-24', 'open', '3a', 'llama-research'), MUSE_SPARK],
      '2026-05-01T00:00:00.000Z',
    )!;
    expect(old.selfHosting).toMatch(/^open line stalled, last open release \d+ days ago$/);
  });

  it('non-commercial weights (3a) are said so; an open-only vendor is an open-weight or open-source ecosystem', () => {
    const mistral = deriveStrategy(
      { id: 'mistral', name: 'Mistral' },
      [rel('Codestral', '2026-05-01', 'open', '3a', 'mnpl')],
      '2026-05-10T00:00:00.000Z',
    )!;
    expect(mistral).toMatchObject({
      strategy: 'open-weight',
      licence: 'mnpl',
      selfHosting: 'non-commercial only',
      lockIn: 'low',
      proprietaryShare: 0,
    });
    const osi = deriveStrategy(
      { id: 'x', name: 'X' },
      [rel('A 1', '2026-04-01', 'open', '4', 'mit'), rel('A 2', '2026-05-01', 'open', '4', 'apache-2.0')],
      '2026-05-10T00:00:00.000Z',
    )!;
    expect(osi).toMatchObject({ strategy: 'open-source ecosystem', licence: 'apache-2.0', selfHosting: 'full support', lockIn: 'low' });
  });

  it('counts neither pending nor auxiliary releases, nor releases after the date', () => {
    const releases = [
      LLAMA_4,
      MUSE_SPARK,
      rel('Llama Guard 5', '2026-04-20', 'open', '3b', 'llama4', true),
      rel('Llama 5', '2026-04-25', 'pending', null, null),
      MUSE_GLIMMER, // after the date
    ];
    const row = deriveStrategy(META, releases, '2026-05-01T00:00:00.000Z')!;
    expect(row).toMatchObject({
      latest: 'Muse Spark',
      latestOpen: 'Llama 4 Scout',
      selfHosting: 'open line stalled, last open release 391 days ago',
      proprietaryShare: 0.5,
    });
    expect(deriveStrategy(META, [rel('Llama 5', '2026-04-25', 'pending', null, null)], '2026-05-01T00:00:00.000Z')).toBeNull();
    expect(deriveStrategy(META, [], '2026-05-01T00:00:00.000Z')).toBeNull();
  });

  it('lock-in risk reads the share of proprietary releases among the latest 5', () => {
    expect([lockInOf(0, 3), lockInOf(1, 3), lockInOf(1, 2), lockInOf(2, 3), lockInOf(5, 5), lockInOf(0, 0)]).toEqual([
      'low',
      'low',
      'medium',
      'high',
      'high',
      'unknown',
    ]);
    const opens = ['2025-01-01', '2025-02-01', '2025-03-01'].map((d, i) => rel(`Open ${i}`, d, 'open', '4', 'mit'));
    const closed = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01'].map((d, i) =>
      rel(`Closed ${i}`, d, 'proprietary', '2', null),
    );
    // Eight releases, the latest five proprietary: high, whatever the older open ones.
    expect(deriveStrategy({ id: 'v', name: 'V' }, [...opens, ...closed], '2026-06-01T00:00:00.000Z')).toMatchObject({
      proprietaryShare: 1,
      lockIn: 'high',
      licence: 'mit',
      latestOpen: 'Open 2',
    });
  });
});
