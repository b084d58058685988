// Reaching a decision deadline raises one `deadline.reached` event with its alert, naming what
// changed since the deadline was set; a second check raises nothing.
import { describe, expect, it } from 'vitest';
import { checkDeadlines } from '../../src/jobs/deadlines.js';
import { listAlerts } from '../../src/store/alerts.js';
import { setDeadline, listDeadlines } from '../../src/store/deadlines.js';
import { insertEvents, queryEvents } from '../../src/store/events.js';
import { tmpDb } from '../helpers/tmp.js';
import { asEvent } from '../helpers/events.js';

describe('decision deadlines', () => {
  it('alert once when reached, with the changes since they were set', () => {
    const { db } = tmpDb();
    setDeadline(db, { subject: 'meta', date: '2026-07-01', note: 'decide on Llama vs Gemma' }, '2026-04-01T00:00:00.000Z');
    setDeadline(db, { subject: 'google', date: '2026-12-31' }, '2026-04-01T00:00:00.000Z');
    insertEvents(
      db,
      [
        asEvent({
          kind: 'model.license_text_changed',
          dedupKey: 'x',
          vendorId: 'meta',
          modelId: 'meta-llama/Llama-3.1-8B-Instruct',
          sourceId: null,
          occurredAt: '2026-04-16T00:00:00.000Z',
          seenAt: '2026-04-16T00:00:00.000Z',
          summary: 'Llama 3.1 licence text changed',
          severity: 'warning',
          data: {},
          evidence: [],
          baseline: false,
        }),
      ],
      () => [],
      '2026-04-16T00:00:00.000Z',
    );
    const route = () => ['slack'];
    const deps = { db, route, now: () => new Date('2026-07-01T09:00:00Z'), vendorIds: new Set(['meta', 'google']) };
    const first = checkDeadlines(deps);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: 'deadline.reached', vendorId: 'meta', baseline: false });
    expect(first[0].summary).toMatch(
      /Decision deadline for meta reached \(2026-07-01\): decide on Llama vs Gemma; 1 change\(s\) since it was set/,
    );
    expect(listAlerts(db).map((a) => [a.eventId, a.channel])).toEqual([[first[0].id, 'slack']]);
    expect(checkDeadlines(deps)).toEqual([]);
    expect(queryEvents(db, { kinds: ['deadline.reached'] })).toHaveLength(1);
    expect(listDeadlines(db).map((d) => [d.subject, d.reachedAt !== null])).toEqual([
      ['meta', true],
      ['google', false],
    ]);
  });
});
