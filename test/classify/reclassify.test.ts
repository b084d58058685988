import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.js';
import { loadLicenseKb } from '../../src/classify/licenses.js';
import { reclassification } from '../../src/classify/reclassify.js';
import type { Classification, Level } from '../../src/model.js';

const c = (level: Level | null, decidedBy = 'x'): Classification => ({
  modelId: 'google/gemma-x',
  level,
  rulesVersion: 'r1+kb1',
  decidedBy,
  evidence: [],
  conflicts: [],
  override: null,
});

describe('reclassification (forward only)', () => {
  it('a level change yields {from, to, delta}', () => {
    expect(reclassification(c('3b'), c('4'))).toEqual({ from: '3b', to: '4', delta: 1 });
    expect(reclassification(c('4'), c('3a'))).toEqual({ from: '4', to: '3a', delta: -2 });
    expect(reclassification(c('1'), c('2'))).toEqual({ from: '1', to: '2', delta: 1 });
  });
  it('unknown ↔ known is a change without a delta', () => {
    expect(reclassification(c(null), c('3b'))).toEqual({ from: null, to: '3b', delta: null });
    expect(reclassification(c('4'), c(null))).toEqual({ from: '4', to: null, delta: null });
  });
  it('same level (even with new evidence) or a first classification → no event', () => {
    expect(reclassification(c('3b', 'card'), c('3b', 'licence file'))).toBeNull();
    expect(reclassification(c(null), c(null))).toBeNull();
    expect(reclassification(null, c('4'))).toBeNull();
  });
});

describe('reclassification of real classifications', () => {
  it('Muse Spark: hosted only, then a public API → 1 → 2, one forward change', () => {
    const kb = loadLicenseKb();
    const hosted = {
      signal: 'access' as const,
      value: 'hosted' as const,
      sourceUrl: 'https://ai.meta.com/blog/muse-spark',
      seenAt: '2026-04-08T16:00:00Z',
    };
    const api = {
      signal: 'access' as const,
      value: 'api' as const,
      sourceUrl: 'https://developers.meta.com/muse',
      seenAt: '2026-05-20T16:00:00Z',
    };
    const first = classify({ modelId: 'meta/muse-spark', access: [hosted] }, kb);
    const second = classify({ modelId: 'meta/muse-spark', access: [hosted, api] }, kb);
    expect([first.level, second.level]).toEqual(['1', '2']);
    expect(reclassification(first, second)).toEqual({ from: '1', to: '2', delta: 1 });
    expect(reclassification(second, classify({ modelId: 'meta/muse-spark', access: [hosted, api] }, kb))).toBeNull();
  });
});
