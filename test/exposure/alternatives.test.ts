import { describe, expect, it } from 'vitest';
import { rankAlternatives, sizeClass, windowStart, type ExposureModel } from '../../src/exposure/alternatives.js';

const NOW = new Date('2026-04-20T12:00:00.000Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

function model(id: string, p: Partial<ExposureModel> = {}): ExposureModel {
  return {
    id,
    name: id,
    vendor: 'v',
    line: 'open',
    level: '4',
    license: 'apache-2.0',
    parameters: 8e9,
    releasedAt: ago(30),
    url: null,
    withdrawnAt: null,
    ...p,
  };
}

describe('sizeClass', () => {
  it('buckets parameter counts at 4, 15, 40 and 100 billion', () => {
    expect([1e9, 3.99e9, 4e9, 14.9e9, 15e9, 39e9, 40e9, 100e9 - 1, 100e9, 405e9].map(sizeClass)).toEqual([
      '<4B',
      '<4B',
      '4-15B',
      '4-15B',
      '15-40B',
      '15-40B',
      '40-100B',
      '40-100B',
      '>100B',
      '>100B',
    ]);
    expect([null, undefined, 0, -1, NaN].map(sizeClass)).toEqual([null, null, null, null, null]);
  });
});

describe('rankAlternatives', () => {
  const target = { id: 'meta-llama/Llama-3.1-8B-Instruct', parameters: 8.03e9 };

  it('keeps level 4 and 5 only', () => {
    const c = (['2', '3a', '3b', '4', '5', null] as const).map((level) => model(`m-${level}`, { level }));
    expect(rankAlternatives(target, c, NOW).map((m) => m.id)).toEqual(['m-5', 'm-4']);
  });

  it('keeps releases of the last 12 months up to now, newest first', () => {
    const c = [
      model('old', { releasedAt: ago(370) }),
      model('edge', { releasedAt: windowStart(NOW).toISOString() }),
      model('new', { releasedAt: ago(1) }),
      model('future', { releasedAt: ago(-3) }),
      model('undated', { releasedAt: null }),
    ];
    expect(rankAlternatives(target, c, NOW).map((m) => m.id)).toEqual(['new', 'edge']);
  });

  it('keeps the same size class; a candidate of unknown size does not match a known size', () => {
    const c = [
      model('small', { parameters: 3e9 }),
      model('same', { parameters: 12e9 }),
      model('big', { parameters: 27e9 }),
      model('unknown', { parameters: null }),
    ];
    expect(rankAlternatives(target, c, NOW).map((m) => m.id)).toEqual(['same']);
  });

  it('any size when the target size is unknown, or the target itself is unknown', () => {
    const c = [
      model('small', { parameters: 3e9, releasedAt: ago(3) }),
      model('big', { parameters: 27e9, releasedAt: ago(2) }),
      model('unknown', { parameters: null, releasedAt: ago(1) }),
    ];
    expect(rankAlternatives({ id: 'meta/muse-spark', parameters: null }, c, NOW).map((m) => m.id)).toEqual(['unknown', 'big', 'small']);
    expect(rankAlternatives(null, c, NOW).map((m) => m.id)).toEqual(['unknown', 'big', 'small']);
  });

  it('leaves out the target itself and withdrawn models', () => {
    const c = [model('Meta-Llama/llama-3.1-8b-instruct'), model('gone', { withdrawnAt: ago(2) }), model('ok')];
    expect(rankAlternatives(target, c, NOW).map((m) => m.id)).toEqual(['ok']);
  });

  it('returns at most three, by recency, then level 5 before 4, then id', () => {
    const c = [
      model('d', { releasedAt: ago(40) }),
      model('b4', { releasedAt: ago(10) }),
      model('a5', { releasedAt: ago(10), level: '5' }),
      model('c', { releasedAt: ago(20) }),
      model('a4', { releasedAt: ago(10) }),
    ];
    expect(rankAlternatives(target, c, NOW).map((m) => m.id)).toEqual(['a5', 'a4', 'b4']);
  });
});
