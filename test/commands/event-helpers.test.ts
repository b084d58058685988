import { describe, expect, it } from 'vitest';
import { formatCsv, outputMode, parseKinds, parseLimit } from '../../src/commands/event-options.js';
import { UsageError } from '../../src/errors.js';
import { ALL_CHANGE_KINDS, changeName, eventSource, fromTo, type StoredEvent } from '../../src/events/index.js';
import { asStored, type LooseStoredEvent } from '../helpers/events.js';

function ev(p: Partial<LooseStoredEvent>): StoredEvent {
  return asStored({
    id: 1,
    kind: 'model.new',
    dedupKey: 'k',
    vendorId: null,
    modelId: null,
    sourceId: null,
    occurredAt: '2026-04-01T00:00:00.000Z',
    seenAt: '2026-04-01T00:00:00.000Z',
    summary: 's',
    severity: 'info',
    data: {},
    evidence: [],
    baseline: false,
    ...p,
  });
}

describe('parseKinds', () => {
  it('reads change names, families and exact kinds, comma-separated, without duplicates', () => {
    expect(parseKinds('events', 'license')).toEqual([
      'model.license_changed',
      'model.license_text_changed',
      'repo.license_changed',
      'repo.license_text_changed',
    ]);
    expect(parseKinds('events', 'gap, model.renamed,gap.widened')).toEqual(['gap.widened', 'gap.narrowed', 'model.renamed']);
    expect(parseKinds('events', undefined)).toBeUndefined();
  });

  it('rejects unknown kinds, and kinds outside what the command allows', () => {
    expect(() => parseKinds('events', 'constructor')).toThrow(UsageError);
    expect(() => parseKinds('events', 'modelx')).toThrow('events: --kind: unknown kind "modelx"');
    expect(() => parseKinds('changes', 'announcement', ALL_CHANGE_KINDS)).toThrow('changes: --kind: unknown kind "announcement"');
    expect(() => parseKinds('changes', ',', ALL_CHANGE_KINDS)).toThrow(UsageError);
    expect(parseKinds('changes', 'model', ALL_CHANGE_KINDS)).toEqual(ALL_CHANGE_KINDS.filter((k) => k.startsWith('model.')));
  });

  it('names a change by its short name', () => {
    expect(changeName('repo.license_text_changed')).toBe('license');
    expect(changeName('model.reclassified')).toBe('level');
    expect(changeName('post.new')).toBeNull();
  });
});

describe('fromTo and eventSource', () => {
  it('reads licence references, gating values, weights and generic from/to as strings', () => {
    expect(
      fromTo(
        ev({ kind: 'model.license_changed', data: { from: { id: 'other', name: 'gemma-terms' }, to: { id: 'apache-2.0', name: null } } }),
      ),
    ).toEqual({ from: 'other:gemma-terms', to: 'apache-2.0' });
    expect(fromTo(ev({ kind: 'model.gating_changed', data: { from: false, to: 'manual' } }))).toEqual({ from: 'false', to: 'manual' });
    expect(fromTo(ev({ kind: 'model.weights_published', data: { files: ['a'] } }))).toEqual({ from: null, to: '1 weight file' });
    expect(fromTo(ev({ kind: 'model.reclassified', data: { from: null, to: '3b' } }))).toEqual({ from: null, to: '3b' });
    expect(
      fromTo(ev({ kind: 'repo.license_text_changed', data: { fromSha: 'a1', toSha: 'b2', fromTextHash: null, toTextHash: 'h2' } })),
    ).toEqual({ from: 'a1', to: 'h2' });
    expect(fromTo(ev({ kind: 'post.edited', data: { from: { title: 'Old' }, to: { title: 'New' } } }))).toEqual({ from: 'Old', to: 'New' });
    expect(fromTo(ev({ kind: 'source.failing', data: { since: 'x' } }))).toEqual({ from: null, to: null });
  });

  it('takes the source from the evidence, else the link, else the source id', () => {
    expect(
      eventSource(
        ev({
          evidence: [
            { signal: 's', value: 1, sourceUrl: null, seenAt: '' },
            { signal: 's', value: 1, sourceUrl: 'https://e/1', seenAt: '' },
          ],
          data: { link: 'https://l' },
        }),
      ),
    ).toBe('https://e/1');
    expect(eventSource(ev({ data: { link: 'https://l' }, sourceId: 'src' }))).toBe('https://l');
    expect(eventSource(ev({ sourceId: 'src' }))).toBe('src');
  });
});

describe('CSV and output mode', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    const csv = formatCsv(
      [{ a: 'x,y', b: 'say "hi"', c: '=HYPERLINK("http://evil")', d: -3, e: null }],
      ['a', 'b', 'c', 'd', 'e'].map((k) => ({ header: k, get: (r: Record<string, string | number | null>) => r[k] })),
    );
    expect(csv).toBe('a,b,c,d,e\r\n"x,y","say ""hi""","\'=HYPERLINK(""http://evil"")",-3,\r\n');
  });

  it('--json and --csv exclude each other; --limit is a whole number, 0 = all', () => {
    expect(outputMode('x', { csv: true })).toBe('csv');
    expect(outputMode('x', {})).toBe('table');
    expect(() => outputMode('x', { csv: true, json: true })).toThrow('x: --json and --csv cannot be used together');
    expect(parseLimit('x', '0', 200)).toBeUndefined();
    expect(parseLimit('x', undefined, 200)).toBe(200);
    expect(parseLimit('x', '15', 200)).toBe(15);
    expect(() => parseLimit('x', '1.5', 200)).toThrow('x: --limit: expected a whole number (0 = no limit), got "1.5"');
  });
});
