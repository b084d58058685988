import { describe, expect, it } from 'vitest';
import { daysUntil, parseFutureDay, parseRange, shift, validDay } from '../../src/commands/since.js';
import { UsageError } from '../../src/errors.js';

const NOW = new Date('2026-04-20T15:30:00.000Z');

describe('parseRange', () => {
  it('reads durations back from now: days, weeks, calendar months and years', () => {
    expect(parseRange('x', { since: '30d' }, NOW).since).toBe('2026-03-21T15:30:00.000Z');
    expect(parseRange('x', { since: '12w' }, NOW).since).toBe('2026-01-26T15:30:00.000Z');
    expect(parseRange('x', { since: '6m' }, NOW).since).toBe('2025-10-20T15:30:00.000Z');
    expect(parseRange('x', { since: '1y' }, NOW).since).toBe('2025-04-20T15:30:00.000Z');
    expect(parseRange('x', { since: '0d' }, NOW).since).toBe(NOW.toISOString());
    expect(parseRange('x', { since: '90D' }, NOW).since).toBe('2026-01-20T15:30:00.000Z');
  });

  it('a date bounds whole days: since its first instant, until its last', () => {
    const r = parseRange('x', { since: '2026-04-01', until: '2026-04-08' }, NOW);
    expect(r).toEqual({ since: '2026-04-01', before: '2026-04-09' });
    // Every stored form of a time on the bounding days falls inside, as text.
    for (const stored of ['2026-04-01', '2026-04-01T00:00:00.000Z', '2026-04-08', '2026-04-08T23:59:59.999Z', '2026-04-08T23:59:59Z']) {
      expect(stored >= r.since! && stored < r.before!).toBe(true);
    }
    for (const stored of ['2026-03-31T23:59:59.999Z', '2026-04-09', '2026-04-09T00:00:00.000Z']) {
      expect(stored >= r.since! && stored < r.before!).toBe(false);
    }
  });

  it('reads timestamps, with a zone, as instants (until inclusive)', () => {
    expect(parseRange('x', { since: '2026-04-01T12:00:00+02:00' }, NOW).since).toBe('2026-04-01T10:00:00.000Z');
    expect(parseRange('x', { until: '2026-04-01T10:00:00Z' }, NOW).before).toBe('2026-04-01T10:00:00.001Z');
  });

  it('rejects what it cannot read, naming the command and the flag', () => {
    for (const bad of ['yesterday', '30', 'd30', '30x', '2026-02-30', '2026-13-01', '2026-4-1', '', '30 days', '2026-04-01T25:00:00Z']) {
      expect(() => parseRange('releases', { since: bad }, NOW)).toThrow(UsageError);
    }
    expect(() => parseRange('releases', { since: 'soon' }, NOW)).toThrow(
      'releases: --since: expected a duration (30d, 12w, 6m, 1y) or an ISO date, got "soon"',
    );
    expect(() => parseRange('events', { until: 'later' }, NOW)).toThrow(/^events: --until: /);
  });

  it('rejects an empty range', () => {
    expect(() => parseRange('x', { since: '2026-04-10', until: '2026-04-01' }, NOW)).toThrow(
      'x: --since 2026-04-10 is after --until 2026-04-01',
    );
    expect(parseRange('x', { since: '2026-04-01', until: '2026-04-01' }, NOW)).toEqual({ since: '2026-04-01', before: '2026-04-02' });
  });

  it('leaves absent bounds out', () => {
    expect(parseRange('x', {}, NOW)).toEqual({});
  });
});

describe('dates', () => {
  it('shift moves by calendar months, clamped to the end of a shorter month', () => {
    expect(shift(new Date('2026-03-31T08:00:00Z'), 1, 'm').toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(shift(new Date('2028-02-29T00:00:00Z'), 1, 'y').toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(shift(new Date('2026-01-15T00:00:00Z'), 2, 'm').toISOString()).toBe('2025-11-15T00:00:00.000Z');
    expect(shift(NOW, -2, 'w').toISOString()).toBe('2026-05-04T15:30:00.000Z');
  });

  it('validDay accepts only real calendar days', () => {
    expect(validDay('2028-02-29')).toBe('2028-02-29');
    expect(validDay('2026-02-29')).toBeNull();
    expect(validDay('2026-04-01T00:00:00Z')).toBeNull();
  });

  it('parseFutureDay reads a date or a duration ahead', () => {
    expect(parseFutureDay('90d', NOW)).toBe('2026-07-19');
    expect(parseFutureDay('+3m', NOW)).toBe('2026-07-20');
    expect(parseFutureDay('2026-09-01', NOW)).toBe('2026-09-01');
    expect(parseFutureDay('2026-09-31', NOW)).toBeNull();
    expect(parseFutureDay('next week', NOW)).toBeNull();
  });

  it('daysUntil counts whole days from today', () => {
    expect(daysUntil('2026-04-20', NOW)).toBe(0);
    expect(daysUntil('2026-04-21', NOW)).toBe(1);
    expect(daysUntil('2026-07-19', NOW)).toBe(90);
    expect(daysUntil('2026-04-10', NOW)).toBe(-10);
  });
});
