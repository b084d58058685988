// Dates as feeds and listing pages write them (src/collectors/dates.ts): always UTC, never the
// machine's local time zone.
import { afterEach, describe, expect, it } from 'vitest';
import { findDate, parseDate } from '../../src/collectors/dates.js';

describe('parseDate', () => {
  it.each([
    // listing pages
    ['Apr 8, 2026', '2026-04-08T00:00:00.000Z'],
    ['April 8, 2026', '2026-04-08T00:00:00.000Z'],
    ['Sep 1, 2026', '2026-09-01T00:00:00.000Z'],
    ['Sept 1, 2026', '2026-09-01T00:00:00.000Z'],
    ['Aug. 27, 2026', '2026-08-27T00:00:00.000Z'],
    ['8 April 2026', '2026-04-08T00:00:00.000Z'],
    ['  Sep 23,\n 2026 ', '2026-09-23T00:00:00.000Z'],
    // ISO 8601
    ['2026-04-08', '2026-04-08T00:00:00.000Z'],
    ['2026-09-23T16:06:00.000Z', '2026-09-23T16:06:00.000Z'],
    ['2026-04-08T10:00:00+02:00', '2026-04-08T08:00:00.000Z'],
    ['2004-06-02T19:07:55-04:00', '2004-06-02T23:07:55.000Z'],
    ['2026-04-08T10:00:00', '2026-04-08T10:00:00.000Z'],
    ['2026-04-08 10:00', '2026-04-08T10:00:00.000Z'],
    // RFC 822 / 1123 (feeds)
    ['Wed, 23 Sep 2026 16:00:00 GMT', '2026-09-23T16:00:00.000Z'],
    ['Thu, 24 Sep 2026 16:20:39 +0000', '2026-09-24T16:20:39.000Z'],
    ['Tue, 08 Sep 2026 14:00:15 EST', '2026-09-08T19:00:15.000Z'],
    ['Wed, 23 Sep 2026 16:00:00', '2026-09-23T16:00:00.000Z'],
  ])('%j → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([
    ['Feb 30, 2026'],
    ['Mayday 1, 2026'],
    ['yesterday'],
    [''],
    ['0001-01-01'],
    ['2026-13-01'],
    ['Featured · April 8, 2026'],
    ['12/04/2026'],
  ])('%j → null', (input) => {
    expect(parseDate(input)).toBeNull();
  });

  it('is null for missing values', () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeNull();
  });

  describe('does not depend on the machine time zone', () => {
    const tz = process.env['TZ'];
    afterEach(() => {
      if (tz === undefined) delete process.env['TZ'];
      else process.env['TZ'] = tz;
    });
    it('zone-less dates are UTC in New York and in Tokyo', () => {
      for (const zone of ['America/New_York', 'Asia/Tokyo']) {
        process.env['TZ'] = zone;
        expect(parseDate('Wed, 23 Sep 2026 16:00:00')).toBe('2026-09-23T16:00:00.000Z');
        expect(parseDate('Apr 8, 2026')).toBe('2026-04-08T00:00:00.000Z');
        expect(parseDate('2026-04-08T10:00:00')).toBe('2026-04-08T10:00:00.000Z');
      }
    });
  });
});

describe('findDate', () => {
  it('finds a date inside a category line', () => {
    expect(findDate('Featured · April 8, 2026')).toBe('2026-04-08T00:00:00.000Z');
    expect(findDate('Large Language Model  Apr 5, 2025')).toBe('2025-04-05T00:00:00.000Z');
    expect(findDate('Research | 2026-04-08')).toBe('2026-04-08T00:00:00.000Z');
    expect(findDate('Sep 1, 2026')).toBe('2026-09-01T00:00:00.000Z');
    expect(findDate('Announcements')).toBeNull();
    expect(findDate(null)).toBeNull();
  });
});
