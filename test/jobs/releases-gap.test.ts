// The metrics read releases (issue 11): a vendor's own quantised re-upload of an old model joins
// that model's release, and a Llama Guard release is auxiliary — neither is a new flagship
// release, neither resets M1 or ends a proprietary streak. Real store, real migrations; the
// releases step links and evaluates the models; computeGap reads the releases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeGap } from '../../src/jobs/gap.js';
import { updateReleases } from '../../src/jobs/releases.js';
import type { Level, LineKind } from '../../src/model.js';
import type { Db } from '../../src/store/db.js';
import { setModelLevel, upsertModel } from '../../src/store/models.js';
import { findRelease, releaseArtefacts } from '../../src/store/releases.js';
import { testVendor } from '../helpers/config.js';
import { tmpDb } from '../helpers/tmp.js';

const META = testVendor({
  id: 'meta',
  name: 'Meta',
  lines: {
    open: { name: 'Llama', match: ['llama'], flagship: ['llama[- ]?\\d'] },
    proprietary: { name: 'Muse', match: ['\\bmuse\\b'] },
  },
});

describe('releases in the gap metrics', () => {
  let db: Db;
  beforeEach(() => {
    db = tmpDb().db;
  });
  afterEach(() => db.close());

  const model = (id: string, name: string, line: LineKind, released: string, level: Level, hub = true) => {
    upsertModel(
      db,
      {
        id,
        vendorId: 'meta',
        name,
        line,
        lineReason: 'test',
        hubId: hub ? `hub-${id}` : null,
        releasedAt: released,
        licenseId: level === '2' ? null : 'llama3.1',
      },
      released,
    );
    setModelLevel(db, id, level, released);
  };
  const step = (at: string) => updateReleases({ db, route: () => [], now: () => new Date(at), vendors: [META] }, []);

  it('a quantised re-upload and a Llama Guard release are not new flagship releases', () => {
    model('meta-llama/Llama-3.1-8B-Instruct', 'Llama-3.1-8B-Instruct', 'open', '2024-07-23T00:00:00.000Z', '3b');
    model('meta/muse-spark', 'Muse Spark', 'proprietary', '2026-04-08T16:00:00.000Z', '2', false);
    step('2026-04-09T00:00:00.000Z');
    const before = computeGap(db, META, '2026-04-10T00:00:00.000Z');
    expect(before).toMatchObject({ proprietaryStreak: 1, recencyGapDays: 624 });

    model('meta-llama/Llama-Guard-4-12B', 'Llama-Guard-4-12B', 'open', '2026-04-29T00:00:00.000Z', '3b');
    model('meta-llama/Llama-3.1-8B-Instruct-FP8', 'Llama-3.1-8B-Instruct-FP8', 'open', '2026-05-01T00:00:00.000Z', '3b');
    step('2026-05-01T12:00:00.000Z');

    expect(findRelease(db, 'meta-llama/Llama-3.1-8B-Instruct-FP8')!.name).toBe('Llama 3.1');
    expect(releaseArtefacts(db, findRelease(db, 'Llama 3.1')!.id)).toEqual([
      'meta-llama/Llama-3.1-8B-Instruct',
      'meta-llama/Llama-3.1-8B-Instruct-FP8',
    ]);
    expect(findRelease(db, 'meta-llama/Llama-Guard-4-12B')).toMatchObject({ auxiliary: true, side: 'open' });

    const after = computeGap(db, META, '2026-05-02T00:00:00.000Z');
    expect(after.lastOpenRelease).toMatchObject({ name: 'Llama 3.1', date: '2024-07-23T00:00:00.000Z' });
    expect(after.recencyGapDays).toBe(624);
    expect(after.proprietaryStreak).toBe(1);
    expect(after.counts).toMatchObject({ openReleases: 1, proprietaryReleases: 1 });
  });

  it('counts an open release of a proprietary family on the open side (evidence, not the name)', () => {
    model('meta-llama/Llama-3.1-8B-Instruct', 'Llama-3.1-8B-Instruct', 'open', '2024-07-23T00:00:00.000Z', '3b');
    model('meta/muse-spark', 'Muse Spark', 'proprietary', '2026-04-08T16:00:00.000Z', '2', false);
    model('meta-models/Muse-Glimmer-30B', 'Muse-Glimmer-30B', 'proprietary', '2026-08-10T15:12:00.000Z', '4');
    const events = step('2026-08-11T09:00:00.000Z');
    expect(events.map((e) => e.kind)).toEqual(['release.surprise']);
    const g = computeGap(db, META, '2026-08-11T09:00:00.000Z');
    expect(g.lastOpenRelease).toMatchObject({ name: 'Muse Glimmer', family: 'Muse', level: '4' });
    expect(g.proprietaryStreak).toBe(0);
    // Pending (announced only) counts on neither side.
    model('meta/muse-next', 'Muse Next', 'proprietary', '2026-08-20T00:00:00.000Z', '0', false);
    step('2026-08-21T00:00:00.000Z');
    expect(computeGap(db, META, '2026-08-21T00:00:00.000Z')).toMatchObject({
      proprietaryStreak: 0,
      counts: expect.objectContaining({ proprietaryReleases: 1, openReleases: 2 }),
    });
  });
});
