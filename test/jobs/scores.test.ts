// The scores step reads every post stored since its last run: a post whose cycle died before the
// step (a crash after the poll was stored) still has its stated score stored, once.
import { describe, expect, it } from 'vitest';
import { storePostScoresSinceLastRun } from '../../src/jobs/scores.js';
import type { NewEvent } from '../../src/events/index.js';
import { insertEvents } from '../../src/store/events.js';
import { getJobState } from '../../src/store/job-state.js';
import { upsertModel } from '../../src/store/models.js';
import { scoresFor } from '../../src/store/scores.js';
import { tmpDb } from '../helpers/tmp.js';

const at = '2026-04-30T12:00:00.000Z';

function post(i: number, title: string): NewEvent {
  return {
    kind: 'post.new',
    dedupKey: `post.new:meta-newsroom:${i}`,
    vendorId: 'meta',
    modelId: null,
    sourceId: 'meta-newsroom',
    occurredAt: at,
    seenAt: at,
    summary: title,
    severity: 'info',
    data: { key: `https://about.fb.com/news/${i}`, title, link: `https://about.fb.com/news/${i}`, publishedAt: at },
    evidence: [],
    baseline: false,
  };
}

describe('scores step', () => {
  it('catches up on posts stored before it ran, and stores each score once', () => {
    const { db } = tmpDb();
    upsertModel(
      db,
      { id: 'meta/muse-spark', vendorId: 'meta', name: 'Muse Spark', line: 'proprietary', lineReason: 'test', releasedAt: '2026-04-08' },
      at,
    );
    // Stored by a poll whose process died before the scores step.
    insertEvents(db, [post(1, 'Muse Spark scores 58% on Humanity’s Last Exam'), post(2, 'Our new data centre')], () => [], at);
    const deps = { db, now: () => new Date(at) };
    storePostScoresSinceLastRun(deps);
    expect(scoresFor(db).map((s) => [s.modelId, s.benchmark, s.score, s.sourceUrl])).toEqual([
      ['meta/muse-spark', "Humanity's Last Exam", 58, 'https://about.fb.com/news/1'],
    ]);
    expect(getJobState(db, 'scores.lastEventId')).toBe('2');
    storePostScoresSinceLastRun(deps);
    expect(scoresFor(db)).toHaveLength(1);
    insertEvents(db, [post(3, 'Muse Spark achieves 71.2 on GPQA Diamond')], () => [], at);
    storePostScoresSinceLastRun(deps);
    expect(
      scoresFor(db)
        .map((s) => s.benchmark)
        .sort(),
    ).toEqual(['GPQA Diamond', "Humanity's Last Exam"]);
  });
});
