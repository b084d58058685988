import { describe, expect, it } from 'vitest';
import { ALL_CHANGE_KINDS, CHANGE_KINDS, EVENT_CATALOGUE, EVENT_KINDS, changeName, kindEntry, kindsWhere } from '../../src/events/index.js';

describe('the event catalogue', () => {
  it('lists every kind once, by family', () => {
    expect(new Set(EVENT_KINDS).size).toBe(EVENT_KINDS.length);
    for (const k of EVENT_KINDS) expect(k === EVENT_CATALOGUE[k].family || k.startsWith(`${EVENT_CATALOGUE[k].family}.`)).toBe(true);
    expect(kindEntry('model.nonsense')).toBeNull();
  });

  it('names the changes of `changes --kind`, licence kinds first', () => {
    expect(Object.keys(CHANGE_KINDS)).toEqual(['license', 'gating', 'withdrawn', 'renamed', 'level', 'weights', 'visibility']);
    expect(CHANGE_KINDS.license).toEqual([
      'model.license_changed',
      'model.license_text_changed',
      'repo.license_changed',
      'repo.license_text_changed',
    ]);
    expect(CHANGE_KINDS.weights).toEqual(['model.weights_published', 'model.weights_removed']);
    expect(ALL_CHANGE_KINDS).toHaveLength(11);
    expect(changeName('model.reclassified')).toBe('level');
  });

  it('says which kinds alert by default, and which only on a configured line', () => {
    expect(kindsWhere((e) => e.alerts === 'on-line')).toEqual([
      'model.new',
      'model.weights_published',
      'release.published',
      'announcement',
    ]);
    expect(kindsWhere((e) => e.alerts === 'no')).toEqual([
      'release.edited',
      'repo.new',
      'post.new',
      'post.edited',
      'score.reported',
      'gap.narrowed',
    ]);
    expect(kindsWhere((e) => e.launch)).toEqual(['model.new', 'model.weights_published', 'announcement']);
  });
});
