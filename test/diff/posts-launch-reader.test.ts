// The post diff with the launch reader: an availability of a known model is an announcement of
// kind availability that dates no release; a post read later from its article is announced then;
// the article's links travel in the event data.
import { describe, expect, it } from 'vitest';
import { diffObservations, type DiffContext } from '../../src/diff/index.js';
import type { KnownItem, PostObservation } from '../../src/model.js';
import { META, testSource } from '../helpers/config.js';

const SOURCE = testSource({ vendorId: 'meta', kind: 'feed', target: 'https://about.fb.com/news/feed/' });
const post = (p: Partial<PostObservation>): PostObservation => ({
  type: 'post',
  key: 'k1',
  title: 'x',
  link: 'https://about.fb.com/news/2026/04/x/',
  publishedAt: '2026-04-20T00:00:00.000Z',
  summary: null,
  contentHash: 'a'.repeat(64),
  ...p,
});
const ctx = (known: PostObservation[] = []): DiffContext => ({
  source: SOURCE,
  vendor: META,
  seenAt: '2026-04-21T00:00:00.000Z',
  baseline: false,
  known: new Map<string, KnownItem>(known.map((p) => [p.key, { type: 'post', state: p, goneAt: null }])),
});

describe('post diff with the launch reader', () => {
  it('"Muse Spark is now generally available in the Meta AI API": an availability, API evidence, no release date', () => {
    const out = diffObservations([post({ title: 'Muse Spark Is Now Generally Available in the Meta AI API' })], ctx());
    const ann = out.events.find((e) => e.kind === 'announcement')!;
    expect(ann).toMatchObject({
      modelId: 'meta/muse-spark',
      data: { announcement: 'availability', place: 'the Meta AI API', access: 'api' },
    });
    expect(ann.summary).toContain('made Muse Spark (proprietary line Muse) available in the Meta AI API');
    expect(out.models).toEqual([expect.objectContaining({ id: 'meta/muse-spark', releasedAt: null, url: null })]);
  });

  it('a known post read later from its article is announced then, with the article links', () => {
    const before = post({ title: 'A new chapter for Meta AI' });
    const after = post({
      title: 'A new chapter for Meta AI',
      articleLead:
        'Today we are introducing Muse Spark, our first model from Meta Superintelligence Labs. It is available today in the Meta AI app.',
      links: ['https://huggingface.co/meta-models'],
    });
    const out = diffObservations([after], ctx([before]));
    expect(out.events.map((e) => e.kind)).toEqual(['announcement']);
    expect(out.events[0]).toMatchObject({
      modelId: 'meta/muse-spark',
      data: { matchedIn: 'lead', access: 'hosted', links: ['https://huggingface.co/meta-models'] },
    });
    // and once read, the same post again is quiet
    expect(diffObservations([after], ctx([after])).events).toEqual([]);
  });
});
