// `--as-of --as-known` exactness: the gap computed on the full history as known at a past date
// equals the gap computed on a copy of the database whose history is cut at that date (every
// row seen, first seen, added or made after it deleted). (The default reading, as released,
// reads release and score dates instead: docs/capability.md.)
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeGap } from '../../src/jobs/gap.js';
import { openDb, type Db } from '../../src/store/db.js';
import { tmpDir } from '../helpers/tmp.js';
import { failures, startScenario, type Scenario } from './harness.js';

const KNOWN = { reading: 'known' as const };

/** A copy of the database file with the history after `cut` deleted. */
function cutCopy(db: Db, file: string, cut: string): { copy: Db; deleted: number } {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const target = path.join(tmpDir('modelwatch-asof-'), 'cut.db');
  fs.copyFileSync(file, target);
  const copy = openDb(target);
  let deleted = 0;
  copy
    .transaction(() => {
      // Alerts reference events (foreign key): they go with the events they belong to.
      deleted += copy.prepare('DELETE FROM alerts WHERE event_id IN (SELECT id FROM events WHERE seen_at > ?)').run(cut).changes;
      deleted += copy.prepare('DELETE FROM events WHERE seen_at > ?').run(cut).changes;
      deleted += copy.prepare('DELETE FROM models WHERE first_seen_at > ?').run(cut).changes;
      deleted += copy.prepare('DELETE FROM classifications WHERE at > ?').run(cut).changes;
      deleted += copy.prepare('DELETE FROM scores WHERE added_at > ?').run(cut).changes;
      deleted += copy.prepare('DELETE FROM gap_snapshots WHERE at > ?').run(cut).changes;
    })
    .immediate();
  return { copy, deleted };
}

describe('gap --as-of equals the gap on a copy of the history cut at that date', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await startScenario({ dispatch: false });
    for (const r of await s.runTo(s.world.steps)) expect(failures(r)).toEqual([]);
  });
  afterAll(async () => {
    await s.close();
  });

  const cuts = [
    '2026-03-16T09:00:00.000Z', // the baseline cycle itself
    '2026-03-20T00:00:00.000Z',
    '2026-04-05T12:00:00.000Z', // after Gemma 4, before Muse Spark
    '2026-04-09T09:00:00.000Z', // the Muse Spark cycle
    '2026-04-20T00:00:00.000Z', // after the licence text change, Muse Spark still hosted only
    '2026-05-01T00:00:00.000Z', // Muse Spark on the API, its score stored
    '2026-05-13T00:00:00.000Z', // Muse Spark Pro published (05-12) but not yet seen
    '2026-05-14T09:00:00.000Z', // M2 = 2, before the second evaluation
  ];

  for (const cut of cuts) {
    it(`as of ${cut}`, () => {
      const { copy, deleted } = cutCopy(s.db, s.file, cut);
      try {
        expect(deleted).toBeGreaterThan(0);
        for (const v of s.config.vendors) expect(computeGap(s.db, v, cut, KNOWN), v.id).toEqual(computeGap(copy, v, cut, KNOWN));
      } finally {
        copy.close();
      }
    });
  }

  it('reads a different gap at different dates (the cut matters)', () => {
    const meta = s.vendor('meta');
    const at = (d: string) => computeGap(s.db, meta, d, KNOWN);
    expect(at('2026-04-05T12:00:00.000Z')).toMatchObject({ proprietaryStreak: 0, lastProprietaryRelease: null });
    expect(at('2026-04-20T00:00:00.000Z')).toMatchObject({
      proprietaryStreak: 1,
      lastProprietaryRelease: expect.objectContaining({ name: 'Muse Spark', level: '1' }),
    });
    expect(at('2026-05-01T00:00:00.000Z').lastProprietaryRelease).toMatchObject({ name: 'Muse Spark', level: '2' });
    expect(at('2026-05-13T00:00:00.000Z').proprietaryStreak).toBe(1);
    expect(at('2026-05-14T09:00:00.000Z')).toMatchObject({ proprietaryStreak: 2, widening: true });
  });
});
