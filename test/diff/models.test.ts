// The pure diff of Hugging Face model observations: no I/O, no clock — data in, data out.
import { describe, expect, it } from 'vitest';
import { HF_PLACEHOLDER_CREATED_AT, diffModel, diffModelGone } from '../../src/diff/models.js';
import { emptyDiff, type DiffContext } from '../../src/diff/types.js';
import { storedModelState, type KnownItem, type ModelGoneObservation, type ModelObservation } from '../../src/model.js';
import { META, testSource } from '../helpers/config.js';

const source = testSource({ vendorId: 'meta', kind: 'huggingface', target: 'meta-llama' });

function model(over: Partial<ModelObservation> = {}): ModelObservation {
  return {
    type: 'model',
    key: 'hf:meta-llama/Llama-3.1-8B-Instruct',
    hubId: '6698d8a0653e4babe21e1e7d',
    repoId: 'meta-llama/Llama-3.1-8B-Instruct',
    url: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
    createdAt: '2024-07-18T08:56:00.000Z',
    lastModified: '2024-09-25T17:00:57.000Z',
    sha: '0e9e39f249a16976918f6564b8830bc894c89659',
    license: { id: 'llama3.1', name: null, link: null },
    licenseTextHash: 'a'.repeat(64),
    gated: 'manual',
    private: false,
    disabled: false,
    weightFiles: ['model-00001-of-00004.safetensors'],
    parameters: 8030261248,
    tags: ['license:llama3.1'],
    pipelineTag: 'text-generation',
    baseModel: null,
    ...over,
  };
}

function ctx(known: [string, KnownItem][] = [], over: Partial<DiffContext> = {}): DiffContext {
  return { source, vendor: META, seenAt: '2026-05-01T12:00:00.000Z', baseline: false, known: new Map(known), ...over };
}

const knownItem = (m: ModelObservation, goneAt: string | null = null): [string, KnownItem] => [
  m.key,
  { type: 'model', state: storedModelState(m), goneAt },
];

function run(obs: ModelObservation, c: DiffContext) {
  const out = emptyDiff();
  diffModel(obs, c.known.get(obs.key), c, out);
  return out;
}

describe('diffModel', () => {
  it('a first sight is one model.new, marked baseline during the first poll, with a model row', () => {
    const out = run(model({ licenseText: 'LLAMA 3.1 COMMUNITY LICENSE' }), ctx([], { baseline: true }));
    expect(out.events.map((e) => [e.kind, e.baseline, e.dedupKey])).toEqual([
      ['model.new', true, 'model.new:meta-llama/Llama-3.1-8B-Instruct'],
    ]);
    expect(out.models[0]).toMatchObject({
      id: 'meta-llama/Llama-3.1-8B-Instruct',
      line: 'open',
      releasedAt: '2024-07-18T08:56:00.000Z',
      weights: true,
      gated: 'manual',
    });
    expect(out.observations).toHaveLength(1);
    expect(out.licenseTexts).toEqual([{ hash: 'a'.repeat(64), text: 'LLAMA 3.1 COMMUNITY LICENSE' }]);
    expect((out.items[0]!.state as ModelObservation).licenseText).toBeUndefined();
  });

  it('uses lastModified at first sight when createdAt is the placeholder, and nothing later', () => {
    const first = run(model({ createdAt: HF_PLACEHOLDER_CREATED_AT }), ctx());
    expect(first.models[0]!.releasedAt).toBe('2024-09-25T17:00:57.000Z');
    const prev = model({ createdAt: HF_PLACEHOLDER_CREATED_AT });
    const later = run(model({ createdAt: HF_PLACEHOLDER_CREATED_AT, lastModified: '2026-01-01T00:00:00.000Z' }), ctx([knownItem(prev)]));
    expect(later.models[0]!.releasedAt).toBeNull();
  });

  it('no events and no observation row for an unchanged repo', () => {
    const out = run(model(), ctx([knownItem(model())]));
    expect(out.events).toEqual([]);
    expect(out.observations).toEqual([]);
    expect(out.items).toHaveLength(1);
  });

  it('one change gives one event whose key does not depend on when it was seen', () => {
    const prev = knownItem(model());
    const changed = model({ gated: 'auto', sha: 'b'.repeat(40) });
    const a = run(changed, ctx([prev], { seenAt: '2026-05-01T12:00:00.000Z' }));
    const b = run(changed, ctx([prev], { seenAt: '2026-05-03T09:00:00.000Z' }));
    expect(a.events).toHaveLength(1);
    expect(a.events[0]!.dedupKey).toBe(b.events[0]!.dedupKey);
    expect(a.events[0]!.dedupKey).toBe(`model.gating_changed:meta-llama/Llama-3.1-8B-Instruct:manual->auto:${'b'.repeat(40)}`);
    expect(a.events[0]!.evidence[0]).toEqual({
      signal: 'gating',
      value: 'auto',
      sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
      seenAt: '2026-05-01T12:00:00.000Z',
    });
  });

  it('a licence id change that also changes the text is one licence change, not two', () => {
    const out = run(model({ license: { id: 'apache-2.0' }, licenseTextHash: 'c'.repeat(64) }), ctx([knownItem(model())]));
    expect(out.events.map((e) => e.kind)).toEqual(['model.license_changed']);
    expect(out.events[0]!.data).toMatchObject({ fromTextHash: 'a'.repeat(64), toTextHash: 'c'.repeat(64) });
  });

  it('a licence text change needs a hash on both sides', () => {
    expect(run(model({ licenseTextHash: 'c'.repeat(64) }), ctx([knownItem(model({ licenseTextHash: null }))])).events).toEqual([]);
    const out = run(model({ licenseTextHash: 'c'.repeat(64) }), ctx([knownItem(model())]));
    expect(out.events.map((e) => e.dedupKey)).toEqual([
      `model.license_text_changed:meta-llama/Llama-3.1-8B-Instruct:aaaaaaaaaaaa->cccccccccccc`,
    ]);
  });

  it('weights appearing is weights_published; weights vanishing is weights_removed (openness lost)', () => {
    const none = model({ weightFiles: [] });
    expect(run(model(), ctx([knownItem(none)])).events.map((e) => e.kind)).toEqual(['model.weights_published']);
    const removed = run(none, ctx([knownItem(model())]));
    expect(removed.events.map((e) => [e.kind, e.severity])).toEqual([['model.weights_removed', 'warning']]);
    expect(removed.events[0].summary).toMatch(/^Weights of meta-llama\/Llama-3.1-8B-Instruct were removed from Hugging Face/);
    expect(removed.observations).toHaveLength(1);
  });

  it('private and disabled flips are visibility changes', () => {
    const out = run(model({ disabled: true }), ctx([knownItem(model())]));
    expect(out.events.map((e) => [e.kind, e.summary])).toEqual([
      ['model.visibility_changed', 'meta-llama/Llama-3.1-8B-Instruct is now disabled on Hugging Face.'],
    ]);
  });

  it('a repo seen under a new key with a known _id is the renamed repo, not a new model', () => {
    const old = model({ key: 'hf:meta-llama/Meta-Llama-3.1-8B-Instruct', repoId: 'meta-llama/Meta-Llama-3.1-8B-Instruct' });
    const out = run(model(), ctx([knownItem(old, '2026-05-01T12:00:00.000Z')]));
    expect(out.events).toEqual([]);
    expect(out.models[0]).toMatchObject({
      id: 'meta-llama/Llama-3.1-8B-Instruct',
      hubId: '6698d8a0653e4babe21e1e7d',
      releasedAt: '2024-07-18T08:56:00.000Z',
    });
  });

  it('a gone repo that is listed again is reported back', () => {
    const out = run(model(), ctx([knownItem(model(), '2026-04-01T00:00:00.000Z')]));
    expect(out.events.map((e) => e.kind)).toEqual(['model.visibility_changed']);
    expect(out.events[0]!.data).toEqual({ from: 'gone', to: 'listed' });
  });
});

describe('diffModelGone', () => {
  const gone = (over: Partial<ModelGoneObservation>): ModelGoneObservation => ({
    type: 'model-gone',
    key: 'hf:meta-llama/Meta-Llama-3.1-8B-Instruct',
    repoId: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
    url: 'https://huggingface.co/meta-llama/Meta-Llama-3.1-8B-Instruct',
    reason: 'withdrawn',
    status: 401,
    ...over,
  });
  const old = model({ key: 'hf:meta-llama/Meta-Llama-3.1-8B-Instruct', repoId: 'meta-llama/Meta-Llama-3.1-8B-Instruct' });

  it('a rename updates the old row, starts the new row by hub id, and marks the item gone', () => {
    const c = ctx([knownItem(old)]);
    const out = emptyDiff();
    diffModelGone(gone({ reason: 'renamed', renamedTo: 'meta-llama/Llama-3.1-8B-Instruct', status: 307 }), c.known.get(old.key), c, out);
    expect(out.events.map((e) => e.dedupKey)).toEqual([
      'model.renamed:meta-llama/Meta-Llama-3.1-8B-Instruct->meta-llama/Llama-3.1-8B-Instruct',
    ]);
    expect(out.models.map((m) => [m.id, m.renamedTo, m.hubId])).toEqual([
      ['meta-llama/Meta-Llama-3.1-8B-Instruct', 'meta-llama/Llama-3.1-8B-Instruct', '6698d8a0653e4babe21e1e7d'],
      ['meta-llama/Llama-3.1-8B-Instruct', null, '6698d8a0653e4babe21e1e7d'],
    ]);
    expect(out.items[0]).toMatchObject({ key: old.key, type: 'model', gone: true });
  });

  it('a withdrawal is reported once: an item already gone yields nothing', () => {
    const c = ctx([knownItem(old, '2026-04-01T00:00:00.000Z')]);
    const out = emptyDiff();
    diffModelGone(gone({}), c.known.get(old.key), c, out);
    expect(out).toEqual(emptyDiff());
  });

  it('a withdrawal sets withdrawnAt and keys on the last known commit', () => {
    const c = ctx([knownItem(old)]);
    const out = emptyDiff();
    diffModelGone(gone({ errorCode: 'RepoNotFound', status: 404 }), c.known.get(old.key), c, out);
    expect(out.events[0]).toMatchObject({
      kind: 'model.withdrawn',
      dedupKey: `model.withdrawn:${old.repoId}:${old.sha}`,
      data: { errorCode: 'RepoNotFound' },
    });
    expect(out.models[0]!.withdrawnAt).toBe('2026-05-01T12:00:00.000Z');
  });
});
