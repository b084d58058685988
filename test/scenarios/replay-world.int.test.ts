// The spring-2026 replay world itself, and the pipeline's steady state on it: a second poll of an
// unchanged step is all 304s and emits zero events; pagination by absolute `Link` URLs; a request
// the world does not expect fails `assertClean()`.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runCycle, selectSources } from '../../src/jobs/cycle.js';
import { createRuntime } from '../../src/jobs/runtime.js';
import { silentLogger } from '../../src/log.js';
import { startSpring2026World, type Spring2026World } from '../../demo/world/spring-2026.js';
import { queryModels } from '../../src/store/models.js';
import { tmpDb } from '../helpers/tmp.js';
import { failures, scenarioFixture } from './harness.js';
import { loose } from '../helpers/events.js';

describe('a second poll of an unchanged step', () => {
  // Each case starts from the step it needs (its own world run to it), so any case runs alone.
  const { at } = scenarioFixture();

  it('emits zero events and costs only conditional requests answered 304 (baseline step)', async () => {
    const s = await at(0);
    const first = await s.runStep(1);
    expect(failures(first)).toEqual([]);
    expect(first.events.filter((e) => !e.baseline)).toEqual([]);
    const second = await s.again();
    expect(failures(second)).toEqual([]);
    expect(second.events).toEqual([]);
    for (const o of second.sources) {
      expect(o.requests, o.sourceId).toBeGreaterThan(0);
      expect(o.notModified, o.sourceId).toBe(o.requests);
    }
    // One list request per Hugging Face author, two per GitHub repo (releases, licence), one per feed.
    expect(Object.fromEntries(second.sources.map((o) => [o.sourceId, o.requests]))).toEqual({
      'hf:google': 1,
      'google-ai-blog': 1,
      'hf:meta-llama': 1,
      'meta-newsroom': 1,
      'hf:microsoft': 1,
      'gh:microsoft/PhiCookBook': 2,
      'microsoft-ai-news': 1,
    });
  });

  it('emits zero source events on a changed step polled again (the gap rules may confirm what they saw)', async () => {
    const s = await at(1);
    const changed = await s.runStep(2);
    expect(changed.events.map((e) => e.kind)).toContain('model.new');
    const again = await s.again();
    expect(failures(again)).toEqual([]);
    expect(again.sources.flatMap((o) => o.events)).toEqual([]);
    expect(again.sources.every((o) => o.notModified === o.requests)).toBe(true);
    // Only the second evaluation of the Gemma 4 moves (hysteresis), nothing from the world.
    expect(again.events.map((e) => [e.kind, e.vendorId, loose(e).data.heldFor])).toEqual(
      again.events.map(() => ['gap.narrowed', 'google', 2]),
    );
    expect(again.events.length).toBeGreaterThan(0);
    // A third poll: nothing at all.
    expect((await s.again()).events).toEqual([]);
  });
});

describe('the world', () => {
  let world: Spring2026World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('has eight steps on a simulated clock, each described', async () => {
    world = await startSpring2026World();
    expect(world.steps).toBe(8);
    expect(world.step).toBe(1);
    const times = Array.from({ length: world.steps }, (_, i) => world!.now(i + 1).getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(world.info(3)).toMatchObject({ step: 3, title: expect.stringMatching(/Muse Spark/) });
    expect(world.info(8)).toMatchObject({ step: 8, title: expect.stringMatching(/Muse Glimmer/) });
    expect(() => world!.goto(9)).toThrow(/no step 9/);
    expect(world.env).toEqual({ HF_ENDPOINT: world.url, GITHUB_API_URL: world.url });
  });

  it('pages the Hub list with absolute Link URLs, and the collector follows them on a first poll', async () => {
    world = await startSpring2026World({ pageSize: 2 });
    const res = await fetch(`${world.url}/api/models?author=meta-llama&sort=lastModified&limit=1000&expand=lastModified`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
    expect(res.headers.get('ratelimit')).toBe('"api";r=497;t=212');
    expect(res.headers.get('link')).toBe(
      `<${world.url}/api/models?author=meta-llama&sort=lastModified&limit=1000&expand=lastModified&cursor=1>; rel="next"`,
    );
    expect(((await res.json()) as { id: string; lastModified: string }[]).map((m) => Object.keys(m))).toEqual([
      ['_id', 'id', 'lastModified'],
      ['_id', 'id', 'lastModified'],
    ]);

    const { db } = tmpDb();
    const config = loadConfig({ env: { ...world.env }, feeds: world.feedsDir, db: ':memory:' });
    const rt = createRuntime({ db, config, log: silentLogger, now: () => world!.now(1), random: () => 0.5, noDispatch: true });
    try {
      const r = await runCycle(rt, selectSources(config.vendors, { vendor: 'meta', source: 'hf:meta-llama' }));
      expect(failures(r)).toEqual([]);
      expect(
        queryModels(db, { vendorId: 'meta' })
          .map((m) => m.id)
          .sort(),
      ).toEqual([
        'meta-llama/Llama-3.1-8B-Instruct',
        'meta-llama/Llama-4-Maverick-17B-128E-Instruct',
        'meta-llama/Llama-4-Scout-17B-16E-Instruct',
        'meta-llama/Meta-Llama-3-70B-Instruct',
        'meta-llama/Meta-Llama-3-8B-Instruct',
      ]);
      expect(world.server.requests.filter((q) => q.url.startsWith('/api/models?') && q.url.includes('author=meta-llama')).length).toBe(4);
    } finally {
      rt.close();
      db.close();
    }
    world.server.assertClean();
  });

  it('answers 304 to a matching If-None-Match on feeds and GitHub, and fails assertClean on the unexpected', async () => {
    world = await startSpring2026World();
    const feed = `${world.url}/meta/news/feed/`;
    const a = await fetch(feed);
    expect(a.headers.get('content-type')).toBe('application/rss+xml; charset=UTF-8');
    const body = await a.text();
    expect(body).toContain('<title><![CDATA[Meta Newsroom]]></title>');
    const b = await fetch(feed, { headers: { 'if-none-match': a.headers.get('etag')! } });
    expect(b.status).toBe(304);
    world.goto(3);
    const c = await fetch(feed, { headers: { 'if-none-match': a.headers.get('etag')! } });
    expect(c.status).toBe(200);
    expect(await c.text()).toContain('<title><![CDATA[Introducing Muse Spark]]></title>');

    const rel = await fetch(`${world.url}/repos/microsoft/PhiCookBook/releases?per_page=100`);
    expect(rel.headers.get('x-ratelimit-resource')).toBe('core');
    const rel304 = await fetch(`${world.url}/repos/microsoft/PhiCookBook/releases?per_page=100`, {
      headers: { 'if-none-match': rel.headers.get('etag')! },
    });
    expect(rel304.status).toBe(304);
    world.server.assertClean();

    const stray = await fetch(`${world.url}/api/models/meta-llama/Llama-5`);
    expect(stray.status).toBe(599);
    expect(() => world!.server.assertClean()).toThrow(/unexpected request\(s\): GET \/api\/models\/meta-llama\/Llama-5/);
  });
});
