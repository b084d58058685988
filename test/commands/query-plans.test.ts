// The history queries stay on their indexes: each one's SQL is captured while it runs and its
// EXPLAIN QUERY PLAN must not scan `models` or `events` from end to end. (The substring searches
// are the documented exception and are not listed here.)
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { eventCountsSince, latestGapSnapshot, listReleases, osiOpenReleases, vendorKnown } from '../../src/store/history.js';
import { queryEvents as listEvents } from '../../src/store/events.js';
import { tmpDb } from '../helpers/tmp.js';

function capture(db: Db): { db: Db; seen: { sql: string; args: unknown[] }[] } {
  const seen: { sql: string; args: unknown[] }[] = [];
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (sql: string) => {
        const stmt = target.prepare(sql);
        const record =
          (fn: 'all' | 'get') =>
          (...args: unknown[]) => {
            seen.push({ sql, args });
            return (stmt[fn] as (...a: unknown[]) => unknown)(...args);
          };
        return { all: record('all'), get: record('get') };
      };
    },
  });
  return { db: proxy as Db, seen };
}

function plan(db: Db, sql: string, args: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('history queries use indexes', () => {
  const { db } = tmpDb();
  const cases: [string, (d: Db) => unknown][] = [
    ['releases of a vendor', (d) => listReleases(d, { vendorId: 'meta', since: '2026-01-01' })],
    ['releases since a date', (d) => listReleases(d, { since: '2026-01-01', before: '2026-04-01' })],
    ['a model timeline', (d) => listEvents(d, { modelId: 'meta/muse-spark', order: 'asc' })],
    [
      'events of a vendor and kinds',
      (d) => listEvents(d, { vendorId: 'meta', kinds: ['model.renamed', 'model.withdrawn'], since: '2026-01-01', order: 'desc' }),
    ],
    [
      'events of kinds',
      (d) => listEvents(d, { kinds: ['model.gating_changed'], since: '2026-01-01', includeBaseline: false, order: 'desc' }),
    ],
    ['the latest gap snapshot', (d) => latestGapSnapshot(d, 'meta')],
    ['OSI-open releases of the last year', (d) => osiOpenReleases(d, '2025-04-20T00:00:00.000Z')],
    ['events about a model since a deadline', (d) => eventCountsSince(d, { modelId: 'meta/muse-spark' }, '2026-01-01')],
    ['events about a vendor since a deadline', (d) => eventCountsSince(d, { vendorId: 'meta' }, '2026-01-01')],
    ['whether a vendor is known', (d) => vendorKnown(d, 'meta')],
  ];
  for (const [name, run] of cases) {
    it(name, () => {
      const c = capture(db);
      run(c.db);
      expect(c.seen.length).toBeGreaterThan(0);
      for (const s of c.seen) {
        const p = plan(db, s.sql, s.args);
        expect(p, s.sql).toMatch(/USING (COVERING )?INDEX/);
        expect(p, s.sql).not.toMatch(/SCAN (models|events)(?! USING)/);
      }
    });
  }
});
