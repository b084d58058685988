import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { isoWeekOf, lastCompleteWeek, parseIsoWeek, previousWeek, tzOffsetMs, weekContaining, weekRange } from '../../src/digest/week.js';

const iso = (d: Date) => d.toISOString();

describe('ISO weeks', () => {
  it('names weeks by ISO 8601, across year boundaries', () => {
    expect(isoWeekOf({ y: 2026, m: 4, d: 6 })).toEqual({ year: 2026, week: 15 });
    expect(isoWeekOf({ y: 2026, m: 4, d: 12 })).toEqual({ year: 2026, week: 15 });
    expect(isoWeekOf({ y: 2025, m: 12, d: 29 })).toEqual({ year: 2026, week: 1 });
    expect(isoWeekOf({ y: 2021, m: 1, d: 3 })).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf({ y: 2024, m: 12, d: 30 })).toEqual({ year: 2025, week: 1 });
  });

  it('parses week labels and refuses the impossible ones', () => {
    expect(parseIsoWeek('2026-W15')).toEqual({ year: 2026, week: 15 });
    expect(parseIsoWeek('2020-W53')).toEqual({ year: 2020, week: 53 });
    expect(() => parseIsoWeek('2021-W53')).toThrow(UsageError);
    expect(() => parseIsoWeek('2026-W00')).toThrow(/no ISO week 0/);
    expect(() => parseIsoWeek('2026-15')).toThrow(/not an ISO week/);
  });
});

describe('digest weeks in a time zone', () => {
  it('runs from Monday 09:00 to Monday 09:00 local time', () => {
    const r = weekRange('2026-W15', 'Europe/Paris');
    expect(iso(r.start)).toBe('2026-04-06T07:00:00.000Z');
    expect(iso(r.end)).toBe('2026-04-13T07:00:00.000Z');
    expect(iso(weekRange('2026-W15', 'UTC').start)).toBe('2026-04-06T09:00:00.000Z');
    expect(iso(weekRange('2026-W15', 'America/New_York').start)).toBe('2026-04-06T13:00:00.000Z');
    expect(iso(weekRange('2026-W15', 'Asia/Kolkata').start)).toBe('2026-04-06T03:30:00.000Z');
    expect(iso(weekRange('2026-W01', 'UTC').start)).toBe('2025-12-29T09:00:00.000Z');
  });

  it('keeps 09:00 local across a daylight-saving change (a 167-hour week)', () => {
    const r = weekRange('2026-W13', 'Europe/Paris'); // clocks go forward on Sunday 29 March
    expect(iso(r.start)).toBe('2026-03-23T08:00:00.000Z');
    expect(iso(r.end)).toBe('2026-03-30T07:00:00.000Z');
    expect((r.end.getTime() - r.start.getTime()) / 3_600_000).toBe(167);
    expect(tzOffsetMs(new Date('2026-03-30T07:00:00Z'), 'Europe/Paris')).toBe(7_200_000);
  });

  it('defaults to the last complete week: it ends at the latest Monday 09:00', () => {
    expect(lastCompleteWeek(new Date('2026-04-13T07:00:00.000Z'), 'Europe/Paris').week).toBe('2026-W15'); // Monday 09:00
    expect(lastCompleteWeek(new Date('2026-04-13T06:59:59.000Z'), 'Europe/Paris').week).toBe('2026-W14'); // Monday 08:59
    expect(lastCompleteWeek(new Date('2026-04-16T12:00:00.000Z'), 'Europe/Paris').week).toBe('2026-W15');
    expect(lastCompleteWeek(new Date('2026-01-05T10:00:00.000Z'), 'UTC').week).toBe('2026-W01');
  });

  it('finds the week containing an instant, and the one before it', () => {
    const r = weekContaining(new Date('2026-04-08T12:00:00.000Z'), 'Europe/Paris');
    expect(r.week).toBe('2026-W15');
    expect(previousWeek(r).week).toBe('2026-W14');
    expect(iso(previousWeek(r).end)).toBe(iso(r.start));
    // Monday 08:00 local still belongs to the week before.
    expect(weekContaining(new Date('2026-04-13T06:00:00.000Z'), 'Europe/Paris').week).toBe('2026-W15');
  });

  it('refuses an unknown time zone', () => {
    expect(() => weekRange('2026-W15', 'Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});
