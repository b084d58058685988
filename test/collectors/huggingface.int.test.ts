// The Hugging Face collector against a replay of the Hub built from recorded responses
// (test/fixtures/huggingface/PROVENANCE.md), through the real HTTP edge, real diff and real store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { huggingfaceCollector } from '../../src/collectors/huggingface.js';
import { SourceError } from '../../src/errors.js';
import { getLicenseText, getModel } from '../../src/store/models.js';
import { getSource } from '../../src/store/sources.js';
import { META, testSource } from '../helpers/config.js';
import { BERT, HUB_401, HfWorld, LLAMA_31, LLAMA_31_307, hfBody, metaLlamaWorld, routeHf } from '../helpers/hf-world.js';
import { testHttpClient } from '../helpers/http.js';
import { createHarness, type Harness } from '../helpers/poll-harness.js';
import { startReplayWorld, type ReplayWorld } from '../helpers/replay-server.js';
import { describeCollectorContract } from './contract.js';
import { loose } from '../helpers/events.js';

const source = testSource({ vendorId: 'meta', kind: 'huggingface', target: 'meta-llama' });

describeCollectorContract('huggingface', () => {
  let hf: HfWorld | undefined;
  return {
    collector: huggingfaceCollector,
    route(world, step) {
      if (step === 'recorded' || !hf) hf = metaLlamaWorld();
      if (step === '5xx') hf.failWith = 503;
      if (step === 'schema') hf.rawListBody = JSON.stringify([{ _id: 42, id: 'meta-llama/x', gated: 'sometimes' }]);
      routeHf(world, hf);
      return { vendor: META, source };
    },
  };
});

describe('huggingface collector', () => {
  let world: ReplayWorld;
  let h: Harness;
  let hf: HfWorld;
  const poll = () => h.poll(huggingfaceCollector, META, source);
  const kinds = (events: { kind: string }[]) => events.map((e) => e.kind).sort();
  /** Requests since `from`, as `METHOD path`. */
  const sent = (from: number) =>
    world.requests.slice(from).map((r) => `${r.method} ${decodeURIComponent(new URL(r.url, world.url).pathname)}`);

  beforeEach(async () => {
    world = await startReplayWorld();
    h = createHarness({ http: testHttpClient(), endpoints: { huggingface: world.url, github: world.url } });
    hf = metaLlamaWorld();
    routeHf(world, hf);
  });
  afterEach(async () => {
    h.close();
    world.assertClean();
    await world.close();
  });

  it('records a baseline: every repo a baseline model.new, model rows, licence texts', async () => {
    const first = await poll();
    expect(first.baseline).toBe(true);
    expect(kinds(first.stored)).toEqual(['model.new', 'model.new', 'model.new']);
    expect(first.stored.every((e) => e.baseline && e.vendorId === 'meta' && e.sourceId === source.id)).toBe(true);
    // One list request, one LICENSE per repo (llama3/llama3.1 are bespoke licences).
    expect(sent(0)).toEqual([
      'GET /api/models',
      'GET /meta-llama/Meta-Llama-3-70B-Instruct/resolve/main/LICENSE',
      'GET /meta-llama/Meta-Llama-3-8B-Instruct/resolve/main/LICENSE',
      'GET /meta-llama/Llama-3.1-8B-Instruct/resolve/main/LICENSE',
    ]);
    expect(first.result.requests).toBe(4);
    const list = new URL(world.requests[0]!.url, world.url).searchParams;
    expect(list.get('sort')).toBe('lastModified');
    expect(list.get('limit')).toBe('1000');
    expect(list.getAll('expand')).toEqual(
      expect.arrayContaining([
        'createdAt',
        'lastModified',
        'sha',
        'gated',
        'private',
        'disabled',
        'tags',
        'cardData',
        'siblings',
        'safetensors',
        'downloads',
        'likes',
      ]),
    );

    const llama = getModel(h.db, 'meta-llama/Llama-3.1-8B-Instruct')!;
    expect(llama).toMatchObject({
      vendorId: 'meta',
      name: 'Llama-3.1-8B-Instruct',
      line: 'open',
      hubId: '6698d8a0653e4babe21e1e7d',
      releasedAt: '2024-07-18T08:56:00.000Z',
      licenseId: 'llama3.1',
      gated: 'manual',
      weights: true,
      parameters: 8030261248,
    });
    const ev = first.stored.find((e) => e.modelId === 'meta-llama/Llama-3.1-8B-Instruct')!;
    expect(ev.dedupKey).toBe('model.new:meta-llama/Llama-3.1-8B-Instruct');
    expect(ev.occurredAt).toBe('2024-07-18T08:56:00.000Z');
    expect(ev.evidence[0]).toMatchObject({ signal: 'api', sourceUrl: `${world.url}/meta-llama/Llama-3.1-8B-Instruct` });
    const obs = first.diff.items.find((i) => i.key === 'hf:meta-llama/Llama-3.1-8B-Instruct')!.state as {
      licenseTextHash: string;
      licenseText?: string;
    };
    expect(obs.licenseText).toBeUndefined(); // items keep the hash, the text is stored once
    expect(getLicenseText(h.db, obs.licenseTextHash)).toContain('LLAMA 3.1 COMMUNITY LICENSE AGREEMENT');
    expect(getSource(h.db, source.id)!.cursor).toMatchObject({ highWater: '2024-12-15T01:55:41.000Z', multiPage: false });
  });

  it('a second poll of an unchanged author is ONE conditional request answered 304, and no events', async () => {
    await poll();
    const from = world.requests.length;
    const second = await poll();
    expect(sent(from)).toEqual(['GET /api/models']);
    expect(world.requests[from]!.headers['if-none-match']).toMatch(/^W\/"/);
    expect(second.result).toMatchObject({ requests: 1, notModified: 1, observations: [] });
    expect(second.stored).toEqual([]);
  });

  it('a listing that changed only in downloads and likes yields no observations and no extra requests', async () => {
    await poll();
    for (const m of hf.models) m['downloads'] = Number(m['downloads']) + 1000;
    const from = world.requests.length;
    const second = await poll();
    expect(sent(from)).toEqual(['GET /api/models']);
    expect(second.result.notModified).toBe(0);
    expect(second.result.observations).toEqual([]);
    expect(second.stored).toEqual([]);
  });

  it('follows Link rel="next" only while a page holds repos newer than the high-water mark', async () => {
    hf.pageSize = 1;
    const first = await poll();
    // Baseline: every page (3 list requests) and the licences.
    expect(sent(0).filter((r) => r === 'GET /api/models')).toHaveLength(3);
    expect(world.requests[1]!.url).toContain('cursor=1');
    expect(first.stored).toHaveLength(3);
    expect(getSource(h.db, source.id)!.cursor).toMatchObject({ multiPage: true, lastFullAt: '2026-05-01T12:00:00.000Z' });

    // A new commit on Llama 3.1: page one now holds it, page two holds only older repos.
    const llama = hf.model('meta-llama/Llama-3.1-8B-Instruct');
    llama.lastModified = '2026-04-30T10:00:00.000Z';
    llama.sha = '1111111111111111111111111111111111111111';
    h.setNow('2026-05-01T13:00:00.000Z');
    let from = world.requests.length;
    const second = await poll();
    const pages = world.requests.slice(from).filter((r) => r.url.startsWith('/api/models?'));
    expect(pages.map((r) => new URL(r.url, world.url).searchParams.get('cursor'))).toEqual([null, '1']);
    // New commit → its licence is checked conditionally (unchanged: 304). Nobody is reconciled.
    expect(sent(from)).toEqual(['GET /api/models', 'GET /api/models', 'GET /meta-llama/Llama-3.1-8B-Instruct/resolve/main/LICENSE']);
    expect(second.result.notModified).toBe(1);
    expect(second.stored).toEqual([]);
    expect(getSource(h.db, source.id)!.cursor).toMatchObject({
      highWater: '2026-04-30T10:00:00.000Z',
      lastFullAt: '2026-05-01T12:00:00.000Z',
    });

    // Unchanged, within a day: one 304.
    from = world.requests.length;
    await poll();
    expect(sent(from)).toEqual(['GET /api/models']);

    // A day after the last full pass: the 304 is not enough, every page is read once.
    h.setNow('2026-05-02T12:30:00.000Z');
    from = world.requests.length;
    const daily = await poll();
    expect(sent(from)).toEqual(['GET /api/models', 'GET /api/models', 'GET /api/models', 'GET /api/models']);
    expect(world.requests[from]!.headers['if-none-match']).toBeDefined();
    expect(world.requests[from + 1]!.headers['if-none-match']).toBeUndefined();
    expect(daily.stored).toEqual([]);
    expect(getSource(h.db, source.id)!.cursor).toMatchObject({ lastFullAt: '2026-05-02T12:30:00.000Z' });
  });

  it('detects a licence text change while the licence id stays the same', async () => {
    await poll();
    const llama = hf.model('meta-llama/Llama-3.1-8B-Instruct');
    llama.lastModified = '2026-04-30T10:00:00.000Z';
    llama.sha = '2222222222222222222222222222222222222222';
    const old = hf.licenses.get(llama.id)!;
    hf.licenses.set(llama.id, old.replace('700 million monthly active users', '100 million monthly active users'));
    expect(hf.licenses.get(llama.id)).not.toBe(old);
    const from = world.requests.length;
    const second = await poll();
    expect(sent(from)).toEqual(['GET /api/models', 'GET /meta-llama/Llama-3.1-8B-Instruct/resolve/main/LICENSE']);
    expect(world.requests[from + 1]!.headers['if-none-match']).toMatch(/^"[0-9a-f]{40}"$/);
    expect(kinds(second.stored)).toEqual(['model.license_text_changed']);
    const ev = second.stored[0]!;
    expect(ev).toMatchObject({ modelId: llama.id, baseline: false, severity: 'warning', occurredAt: '2026-04-30T10:00:00.000Z' });
    expect(ev.summary).toBe('The licence text of meta-llama/Llama-3.1-8B-Instruct changed while its licence id stayed llama3.1.');
    expect(getLicenseText(h.db, loose(ev).data['to'] as string)).toContain('100 million monthly active users');
    expect(getModel(h.db, llama.id)!.licenseId).toBe('llama3.1');
    expect(second.diff.observations.map((o) => o.modelId)).toEqual([llama.id]);

    // Seen again (another repo changes): no second event; the same change has the same key.
    hf.model('meta-llama/Meta-Llama-3-8B-Instruct')['likes'] = 1;
    const third = await poll();
    expect(third.stored).toEqual([]);
  });

  it('detects a licence id change (card and license: tag)', async () => {
    await poll();
    const llama = hf.model('meta-llama/Llama-3.1-8B-Instruct');
    llama.lastModified = '2026-04-30T10:00:00.000Z';
    llama.sha = '3333333333333333333333333333333333333333';
    (llama['cardData'] as Record<string, unknown>)['license'] = ['apache-2.0'];
    llama['tags'] = (llama['tags'] as string[]).map((t) => (t === 'license:llama3.1' ? 'license:apache-2.0' : t));
    const from = world.requests.length;
    const second = await poll();
    // apache-2.0 is a standard text: no LICENSE fetch for it.
    expect(sent(from)).toEqual(['GET /api/models']);
    expect(kinds(second.stored)).toEqual(['model.license_changed']);
    expect(second.stored[0]!.dedupKey).toBe(
      `model.license_changed:${llama.id}:llama3.1->apache-2.0:3333333333333333333333333333333333333333`,
    );
    expect(getModel(h.db, llama.id)!.licenseId).toBe('apache-2.0');
  });

  it('detects gating false → "manual"', async () => {
    hf.model('meta-llama/Meta-Llama-3-8B-Instruct')['gated'] = false;
    await poll();
    hf.model('meta-llama/Meta-Llama-3-8B-Instruct')['gated'] = 'manual'; // as recorded
    const second = await poll();
    expect(kinds(second.stored)).toEqual(['model.gating_changed']);
    expect(second.stored[0]).toMatchObject({ modelId: 'meta-llama/Meta-Llama-3-8B-Instruct', data: { from: false, to: 'manual' } });
    expect(second.stored[0]!.summary).toBe('meta-llama/Meta-Llama-3-8B-Instruct went from not gated to gated "manual".');
    expect(getModel(h.db, 'meta-llama/Meta-Llama-3-8B-Instruct')!.gated).toBe('manual');
  });

  it('records a 307 as a rename, confirmed by the _id the new name carries, not as a removal', async () => {
    const old = hf.model('meta-llama/Llama-3.1-8B-Instruct');
    old.id = 'meta-llama/Meta-Llama-3.1-8B-Instruct'; // the name before the rename, same _id
    hf.licenses.set(old.id, hf.licenses.get('meta-llama/Llama-3.1-8B-Instruct')!);
    await poll();
    old.id = 'meta-llama/Llama-3.1-8B-Instruct';
    hf.recorded('/api/models/meta-llama/Meta-Llama-3.1-8B-Instruct', LLAMA_31_307);
    const from = world.requests.length;
    const second = await poll();
    expect(sent(from)).toEqual(['GET /api/models', 'GET /api/models/meta-llama/Meta-Llama-3.1-8B-Instruct']);
    expect(kinds(second.stored)).toEqual(['model.renamed']);
    expect(second.stored[0]).toMatchObject({
      dedupKey: 'model.renamed:meta-llama/Meta-Llama-3.1-8B-Instruct->meta-llama/Llama-3.1-8B-Instruct',
      modelId: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      data: { status: 307, to: 'meta-llama/Llama-3.1-8B-Instruct', hubId: '6698d8a0653e4babe21e1e7d' },
    });
    expect(getModel(h.db, 'meta-llama/Meta-Llama-3.1-8B-Instruct')).toMatchObject({
      renamedTo: 'meta-llama/Llama-3.1-8B-Instruct',
      withdrawnAt: null,
    });
    expect(getModel(h.db, 'meta-llama/Llama-3.1-8B-Instruct')).toMatchObject({
      hubId: '6698d8a0653e4babe21e1e7d',
      releasedAt: '2024-07-18T08:56:00.000Z',
      licenseId: 'llama3.1',
    });
    expect(h.known(source.id).get('hf:meta-llama/Meta-Llama-3.1-8B-Instruct')!.goneAt).not.toBeNull();
    // Checked once: the next poll does not ask about the old name again.
    hf.model('meta-llama/Meta-Llama-3-8B-Instruct')['likes'] = 1;
    const next = world.requests.length;
    await poll();
    expect(sent(next)).toEqual(['GET /api/models']);
  });

  it('follows the relative 307 Location when the new name is not in the listing, and checks its _id', async () => {
    const old = hf.model('meta-llama/Llama-3.1-8B-Instruct');
    old.id = 'meta-llama/Meta-Llama-3.1-8B-Instruct';
    hf.licenses.set(old.id, hf.licenses.get('meta-llama/Llama-3.1-8B-Instruct')!);
    await poll();
    // Moved out of this author's listing (a transfer looks the same): only the redirect tells.
    hf.models = hf.models.filter((m) => m !== old);
    hf.recorded('/api/models/meta-llama/Meta-Llama-3.1-8B-Instruct', LLAMA_31_307);
    hf.recorded('/api/models/meta-llama/Llama-3.1-8B-Instruct', LLAMA_31);
    const from = world.requests.length;
    const second = await poll();
    expect(sent(from)).toEqual([
      'GET /api/models',
      'GET /api/models/meta-llama/Meta-Llama-3.1-8B-Instruct',
      'GET /api/models/meta-llama/Llama-3.1-8B-Instruct',
    ]);
    expect(kinds(second.stored)).toEqual(['model.renamed']);
    expect(getModel(h.db, 'meta-llama/Llama-3.1-8B-Instruct')!.hubId).toBe('6698d8a0653e4babe21e1e7d');
  });

  it('records a 401 on a repo missing from a complete listing as withdrawn, checked once', async () => {
    await poll();
    hf.models = hf.models.filter((m) => m.id !== 'meta-llama/Meta-Llama-3-70B-Instruct');
    hf.recorded('/api/models/meta-llama/Meta-Llama-3-70B-Instruct', HUB_401);
    const from = world.requests.length;
    const second = await poll();
    expect(sent(from)).toEqual(['GET /api/models', 'GET /api/models/meta-llama/Meta-Llama-3-70B-Instruct']);
    expect(world.requests[from + 1]!.headers['if-none-match']).toBeUndefined();
    expect(kinds(second.stored)).toEqual(['model.withdrawn']);
    expect(second.stored[0]).toMatchObject({
      dedupKey: 'model.withdrawn:meta-llama/Meta-Llama-3-70B-Instruct:28bd9fa9d94b23cb6ded08f92d5672b2aabe695f',
      severity: 'warning',
      data: { status: 401 },
    });
    expect(getModel(h.db, 'meta-llama/Meta-Llama-3-70B-Instruct')!.withdrawnAt).toBe('2026-05-01T12:00:00.000Z');
    // The listing changes again: the withdrawn repo is not asked about a second time.
    hf.model('meta-llama/Meta-Llama-3-8B-Instruct')['likes'] = 7;
    const again = world.requests.length;
    const third = await poll();
    expect(sent(again)).toEqual(['GET /api/models']);
    expect(third.stored).toEqual([]);
  });

  it('tells a 404 RepoNotFound (withdrawn) from a 403 disabled repo', async () => {
    await poll();
    hf.models = hf.models.filter((m) => m.id === 'meta-llama/Llama-3.1-8B-Instruct');
    const headers401 = { 'Content-Type': 'application/json; charset=utf-8' };
    hf.info.set('/api/models/meta-llama/Meta-Llama-3-70B-Instruct', {
      status: 404,
      headers: { ...headers401, 'X-Error-Code': 'RepoNotFound', 'X-Error-Message': 'Repository not found' },
      body: '{"error":"Repository not found"}',
    });
    hf.info.set('/api/models/meta-llama/Meta-Llama-3-8B-Instruct', {
      status: 403,
      headers: { ...headers401, 'X-Error-Message': 'Access to this resource is disabled.' },
      body: '{"error":"Access to this resource is disabled."}',
    });
    const second = await poll();
    expect(kinds(second.stored)).toEqual(['model.visibility_changed', 'model.withdrawn']);
    expect(second.stored.find((e) => e.kind === 'model.withdrawn')!.data).toMatchObject({ status: 404, errorCode: 'RepoNotFound' });
    expect(second.stored.find((e) => e.kind === 'model.visibility_changed')!.summary).toBe(
      'meta-llama/Meta-Llama-3-8B-Instruct was made disabled on Hugging Face (403).',
    );
  });

  it('detects a new repo, then its weights being published', async () => {
    await poll();
    const fresh = hfBody(LLAMA_31);
    Object.assign(fresh, {
      _id: '6811aa00aa00aa00aa00aa01',
      id: 'meta-llama/Llama-4.1-Scout-Instruct',
      createdAt: '2026-04-29T09:00:00.000Z',
      lastModified: '2026-04-29T09:00:00.000Z',
      sha: '4444444444444444444444444444444444444444',
      safetensors: null,
      siblings: (fresh['siblings'] as { rfilename: string }[]).filter((s) => !/\.(safetensors|pth)$/.test(s.rfilename)),
    });
    hf.models.push(fresh);
    hf.licenses.set(fresh.id, hf.licenses.get('meta-llama/Llama-3.1-8B-Instruct')!);
    const second = await poll();
    expect(kinds(second.stored)).toEqual(['model.new']);
    expect(second.stored[0]).toMatchObject({ baseline: false, occurredAt: '2026-04-29T09:00:00.000Z', data: { weightFiles: 0 } });
    expect(getModel(h.db, fresh.id)).toMatchObject({ weights: false, line: 'open' });

    fresh['siblings'] = hfBody(LLAMA_31)['siblings'];
    fresh['safetensors'] = hfBody(LLAMA_31)['safetensors'];
    fresh.lastModified = '2026-04-30T18:00:00.000Z';
    fresh.sha = '5555555555555555555555555555555555555555';
    const third = await poll();
    expect(kinds(third.stored)).toEqual(['model.weights_published']);
    expect(third.stored[0]).toMatchObject({
      dedupKey: `model.weights_published:${fresh.id}:5555555555555555555555555555555555555555`,
      occurredAt: '2026-04-30T18:00:00.000Z',
    });
    expect(loose(third.stored[0]!).data['files']).toContain('model-00001-of-00004.safetensors');
    expect(getModel(h.db, fresh.id)).toMatchObject({ weights: true, parameters: 8030261248 });
  });

  it('applies the source include/exclude filters to repo ids', async () => {
    const filtered = { ...source, exclude: ['70b'] };
    const first = await h.poll(huggingfaceCollector, META, filtered);
    expect(first.stored.map((e) => e.modelId).sort()).toEqual(['meta-llama/Llama-3.1-8B-Instruct', 'meta-llama/Meta-Llama-3-8B-Instruct']);
    expect(sent(0)).not.toContain('GET /meta-llama/Meta-Llama-3-70B-Instruct/resolve/main/LICENSE');
  });

  it('never takes the placeholder createdAt for a release date', async () => {
    const bert = new HfWorld({ author: 'google-bert', models: [hfBody(BERT)] });
    world.reset();
    routeHf(world, bert);
    const src = testSource({ vendorId: 'google', kind: 'huggingface', target: 'google-bert' });
    const first = await h.poll(huggingfaceCollector, META, src);
    // apache-2.0 with a LICENSE file: a standard text, not fetched.
    expect(sent(0)).toEqual(['GET /api/models']);
    expect(getModel(h.db, 'google-bert/bert-base-uncased')!.releasedAt).toBe('2024-02-19T11:06:12.000Z');
    expect(first.stored[0]!.occurredAt).toBe('2024-02-19T11:06:12.000Z');
    expect(getModel(h.db, 'google-bert/bert-base-uncased')!.weights).toBe(true);
  });

  it('turns an exhausted 429 into a transient SourceError with the retry time', async () => {
    world.reset();
    world.route('GET', (u) => u.startsWith('/api/models?'), {
      status: 429,
      headers: { RateLimit: '"api";r=0;t=55', 'RateLimit-Policy': '"fixed window";"api";q=500;w=300' },
      body: '',
    });
    const err = (await poll().catch((e: unknown) => e)) as SourceError;
    expect(err).toBeInstanceOf(SourceError);
    expect(err.transient).toBe(true);
    expect(err.message).toMatch(/^huggingface: meta-llama: 429/);
    expect(err.retryAt).toBeInstanceOf(Date);
  });
});
