// The pure post diff (src/diff/posts.ts) through the dispatcher: post.new / post.edited /
// announcement, deterministic dedup keys, evidence, baseline, occurredAt, filters.
import { describe, expect, it } from 'vitest';
import { diffObservations, type DiffContext } from '../../src/diff/index.js';
import type { KnownItem, PostObservation, SourceConfig } from '../../src/model.js';
import { META, testSource } from '../helpers/config.js';

const SEEN = '2026-04-09T06:00:00.000Z';
const SOURCE = testSource({ vendorId: 'meta', kind: 'page', target: 'https://ai.meta.com/blog/' });

function post(partial: Partial<PostObservation> = {}): PostObservation {
  return {
    type: 'post',
    key: 'https://ai.meta.com/blog/introducing-muse-spark/',
    title: 'Introducing Muse Spark',
    link: 'https://ai.meta.com/blog/introducing-muse-spark/',
    publishedAt: '2026-04-08T00:00:00.000Z',
    summary: 'Muse Spark is available today in the Meta AI app, with a private API preview for select partners.',
    contentHash: 'a'.repeat(64),
    ...partial,
  };
}

function ctx(known: PostObservation[] = [], over: Partial<DiffContext> & { source?: SourceConfig } = {}): DiffContext {
  return {
    source: SOURCE,
    vendor: META,
    seenAt: SEEN,
    baseline: false,
    known: new Map<string, KnownItem>(known.map((p) => [p.key, { type: 'post', state: p, goneAt: null }])),
    ...over,
  };
}

describe('a new post', () => {
  it('gives post.new and, for "Introducing Muse Spark", an announcement linked to meta/muse-spark', () => {
    const out = diffObservations([post()], ctx());
    expect(out.events.map((e) => e.kind)).toEqual(['post.new', 'announcement']);
    const [created, announced] = out.events;
    expect(created).toEqual({
      kind: 'post.new',
      dedupKey: `post.new:${SOURCE.id}:https://ai.meta.com/blog/introducing-muse-spark/`,
      vendorId: 'meta',
      modelId: 'meta/muse-spark',
      sourceId: SOURCE.id,
      occurredAt: '2026-04-08T00:00:00.000Z',
      seenAt: SEEN,
      summary: 'Meta published "Introducing Muse Spark".',
      severity: 'info',
      data: { key: post().key, title: 'Introducing Muse Spark', link: post().link, publishedAt: '2026-04-08T00:00:00.000Z' },
      evidence: [{ signal: 'post', value: 'Introducing Muse Spark', sourceUrl: post().link, seenAt: SEEN }],
      baseline: false,
    });
    expect(announced).toMatchObject({
      kind: 'announcement',
      dedupKey: 'announcement:meta/muse-spark:https://ai.meta.com/blog/introducing-muse-spark/',
      modelId: 'meta/muse-spark',
      occurredAt: '2026-04-08T00:00:00.000Z',
      severity: 'notice',
      summary: 'Meta announced Muse Spark (proprietary line Muse) in "Introducing Muse Spark"; access: hosted.',
      data: { modelId: 'meta/muse-spark', name: 'Muse Spark', line: 'proprietary', access: 'hosted', matchedIn: 'title' },
      evidence: [
        { signal: 'announcement', value: 'Introducing Muse Spark', sourceUrl: post().link, seenAt: SEEN },
        { signal: 'access', value: 'hosted', sourceUrl: post().link, seenAt: SEEN },
      ],
    });
    expect(out.models).toEqual([
      {
        id: 'meta/muse-spark',
        vendorId: 'meta',
        name: 'Muse Spark',
        line: 'proprietary',
        lineReason: expect.stringContaining('Muse'),
        url: post().link,
        releasedAt: '2026-04-08T00:00:00.000Z',
      },
    ]);
    expect(out.items).toEqual([{ key: post().key, type: 'post', state: post(), modelId: 'meta/muse-spark' }]);
  });

  it('same post seen twice (first run each time) → the same keys', () => {
    const a = diffObservations([post()], ctx()).events.map((e) => e.dedupKey);
    const b = diffObservations([post()], ctx([], { seenAt: '2026-05-01T00:00:00.000Z' })).events.map((e) => e.dedupKey);
    expect(b).toEqual(a);
  });

  it('an ordinary post: only post.new, occurredAt = seenAt when it has no date, marked baseline on a first poll', () => {
    const plain = post({ key: 'k1', title: 'Our approach to AI safety', link: null, publishedAt: null, summary: null });
    const out = diffObservations([plain], ctx([], { baseline: true }));
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({ kind: 'post.new', occurredAt: SEEN, baseline: true, modelId: null });
    // no link: the evidence points at the source
    expect(out.events[0]!.evidence[0]!.sourceUrl).toBe(SOURCE.target);
    expect(out.models).toEqual([]);
  });
});

describe('a known post', () => {
  it('unchanged: no events, the item is still recorded', () => {
    const out = diffObservations([post()], ctx([post()]));
    expect(out.events).toEqual([]);
    expect(out.models).toEqual([]);
    expect(out.items).toHaveLength(1);
  });

  it('vanished: not an event (nothing to diff)', () => {
    expect(diffObservations([], ctx([post()])).events).toEqual([]);
  });

  it('edited: exactly one post.edited, keyed by the new content hash; no second announcement', () => {
    const edited = post({ title: 'Introducing Muse Spark, our first frontier model', contentHash: 'b'.repeat(64) });
    const out = diffObservations([edited], ctx([post()]));
    expect(out.events.map((e) => e.kind)).toEqual(['post.edited']);
    expect(out.events[0]).toMatchObject({
      dedupKey: `post.edited:${SOURCE.id}:${post().key}:bbbbbbbbbbbb`,
      occurredAt: SEEN,
      summary: 'Meta edited "Introducing Muse Spark, our first frontier model" (was "Introducing Muse Spark").',
      data: {
        from: { title: 'Introducing Muse Spark', contentHash: 'a'.repeat(64) },
        to: { title: edited.title, contentHash: 'b'.repeat(64) },
      },
      evidence: [{ signal: 'post_content_hash', value: 'b'.repeat(64), sourceUrl: post().link, seenAt: SEEN }],
    });
    const again = diffObservations([post({ contentHash: 'c'.repeat(64) })], ctx([edited]));
    expect(again.events[0]!.dedupKey).not.toBe(out.events[0]!.dedupKey);
  });

  it('retitled so that it now introduces a model: post.edited + announcement', () => {
    const before = post({
      key: 'k2',
      link: 'https://ai.meta.com/blog/k2/',
      title: 'A new chapter',
      summary: null,
      contentHash: 'a'.repeat(64),
    });
    const after = { ...before, title: 'Introducing Muse Spark', contentHash: 'd'.repeat(64) };
    const out = diffObservations([after], ctx([before]));
    expect(out.events.map((e) => [e.kind, e.modelId])).toEqual([
      ['post.edited', 'meta/muse-spark'],
      ['announcement', 'meta/muse-spark'],
    ]);
    expect(out.models.map((m) => m.id)).toEqual(['meta/muse-spark']);
  });
});

describe('source filters on titles', () => {
  const filtered = testSource({
    vendorId: 'meta',
    kind: 'feed',
    target: 'https://about.fb.com/news/feed/',
    include: ['\\b(ai|llama|muse|model)\\b'],
    exclude: ['\\bsponsored\\b'],
  });

  it('include: only matching titles produce events; the others are remembered silently', () => {
    const out = diffObservations(
      [post(), post({ key: 'k3', title: 'Updates to Facebook Marketplace', link: 'https://about.fb.com/k3', contentHash: 'e'.repeat(64) })],
      ctx([], { source: filtered }),
    );
    expect(out.events.map((e) => e.kind)).toEqual(['post.new', 'announcement']);
    expect(out.items.map((i) => i.key)).toEqual([post().key, 'k3']);
  });

  it('exclude wins over include', () => {
    const out = diffObservations(
      [post({ title: 'Sponsored: Muse Spark for business', contentHash: 'f'.repeat(64) })],
      ctx([], { source: filtered }),
    );
    expect(out.events).toEqual([]);
    expect(out.items).toHaveLength(1);
  });
});
