// Reading the article of a title-only launch post, on loopback: an RSS feed whose items carry a
// title and a link only (the shape of the generated Anthropic news feed in the corpus) and the
// posts' own pages. The feed collector fetches a launch-looking post's page once, keeps its
// opening paragraphs and hrefs on the post, and the announcement is levelled from what the
// article says ("available today ... via the Claude API" → level 2).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARTICLE_DEFAULTS, wantsArticle } from '../../src/collectors/article.js';
import { feedCollector } from '../../src/collectors/feed.js';
import { articleFromHtml } from '../../src/collectors/html.js';
import { loadLicenseKb } from '../../src/classify/licenses.js';
import { readVendorFile } from '../../src/config/index.js';
import { classifyModels } from '../../src/jobs/classify.js';
import type { PostObservation, SourceConfig, VendorConfig } from '../../src/model.js';
import { getModel } from '../../src/store/models.js';
import { testSource } from '../helpers/config.js';
import { testHttpClient } from '../helpers/http.js';
import { createHarness, type Harness } from '../helpers/poll-harness.js';
import { startReplayWorld, type ReplayWorld } from '../helpers/replay-server.js';

function vendor(id: string): VendorConfig {
  const problems: string[] = [];
  const v = readVendorFile(new URL(`../../feeds/${id}.yaml`, import.meta.url).pathname, id, problems);
  if (!v) throw new Error(problems.join('\n'));
  return v;
}
const ANTHROPIC = vendor('anthropic');
const MISTRAL = vendor('mistral');

function rss(base: string, items: { title: string; path: string }[]): string {
  const entries = items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${base}${i.path}</link><guid isPermaLink="false">${base}${i.path}</guid><pubDate>Mon, 24 Nov 2025 00:00:00 +0000</pubDate></item>`,
    )
    .join('');
  return `<?xml version='1.0' encoding='UTF-8'?><rss version="2.0"><channel><title>Anthropic News</title><link>${base}/news</link><description>News</description><generator>python-feedgen</generator>${entries}</channel></rss>`;
}

const OPUS_PAGE = `<!doctype html><html lang="en"><head><title>Introducing Claude Opus 4.5 \\ Anthropic</title><script>window.__x = 1</script></head>
<body><header><nav><a href="/">Home</a><a href="/news">Newsroom</a></nav></header>
<main><article><h1>Introducing Claude Opus 4.5</h1><p>Nov 24, 2025</p><p>Announcements</p>
<p>Our newest model, Claude Opus 4.5, is available today. It’s intelligent, efficient, and the best model in the world for coding, agents, and computer use.</p>
<p>Claude Opus 4.5 is available today on our apps, our API, and on all three major cloud platforms. If you’re a developer, simply use <code>claude-opus-4-5-20251101</code> via the Claude API. Pricing is now $5/$25 per million tokens.</p>
<p>Read the <a href="https://platform.claude.com/docs/en/about-claude/models/overview">model overview</a> and the <a href="/claude-opus-4-5-system-card">system card</a>.</p>
</article></main><footer><a href="/legal/privacy">Privacy</a></footer></body></html>`;

const SMALL_PAGE = `<!doctype html><html><body><article><h1>Mistral Small 3.1</h1>
<p>Today we announce Mistral Small 3.1: the best model in its weight class. Building upon Mistral Small 3, this new model comes with improved text performance, multimodal understanding, and an expanded context window of up to 128k tokens.</p>
<p>Released under an Apache 2.0 license, Mistral Small 3.1 is available for download on <a href="https://huggingface.co/mistralai/Mistral-Small-3.1-24B-Instruct-2503">Hugging Face</a>.</p>
</article></body></html>`;

let world: ReplayWorld;
let h: Harness;
const html = (body: string) => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', etag: '"a1"' }, body });

beforeEach(async () => {
  world = await startReplayWorld();
  h = createHarness({ http: testHttpClient(), endpoints: { huggingface: world.url, github: world.url }, now: '2025-11-24T18:00:00.000Z' });
});
afterEach(async () => {
  h.close();
  await world.close();
});

const feedSource = (extra: Partial<SourceConfig> = {}): SourceConfig =>
  testSource({ vendorId: 'anthropic', kind: 'feed', target: `${world.url}/news/rss.xml`, articles: true, ...extra });

describe('a title-only launch post is read from its article', () => {
  it('a new launch post: one article request, level 2, links stored, no second request on the next poll', async () => {
    const feed = (items: { title: string; path: string }[]) => ({
      status: 200,
      headers: { 'content-type': 'application/rss+xml' },
      body: rss(world.url, items),
    });
    world.route(
      'GET',
      '/news/rss.xml',
      feed([{ title: 'Anthropic raises Series F at $183 billion post-money valuation', path: '/news/series-f' }]),
      { once: true },
    );
    const source = feedSource();
    const first = await h.poll(feedCollector, ANTHROPIC, source);
    expect(first.baseline).toBe(true);
    expect(first.result.requests).toBe(1); // no family, no launch word: its page is not read

    world.route(
      'GET',
      '/news/rss.xml',
      feed([
        { title: 'Introducing Claude Opus 4.5', path: '/news/claude-opus-4-5' },
        { title: 'Anthropic raises Series F at $183 billion post-money valuation', path: '/news/series-f' },
      ]),
    );
    world.route('GET', '/news/claude-opus-4-5', html(OPUS_PAGE), { required: true, once: true });
    const second = await h.poll(feedCollector, ANTHROPIC, source);
    expect(second.result.requests).toBe(2);
    const post = second.result.observations.find((o) => o.type === 'post' && o.title === 'Introducing Claude Opus 4.5') as PostObservation;
    expect(post.summary).toBeNull();
    expect(post.articleLead).toMatch(/^Our newest model, Claude Opus 4.5, is available today\./);
    expect(post.articleLead).not.toMatch(/Nov 24, 2025|window.__x/);
    expect(post.links).toEqual([
      `${world.url}/`,
      `${world.url}/news`,
      'https://platform.claude.com/docs/en/about-claude/models/overview',
      `${world.url}/claude-opus-4-5-system-card`,
      `${world.url}/legal/privacy`,
    ]);
    const ann = second.stored.find((e) => e.kind === 'announcement');
    expect(ann).toMatchObject({
      modelId: 'anthropic/claude-opus-4-5',
      data: { access: 'api', matchedIn: 'title', announcement: 'launch' },
    });
    expect(ann!.data.links).toContain('https://platform.claude.com/docs/en/about-claude/models/overview');
    expect(second.result.validators).toContainEqual({
      url: `${world.url}/news/claude-opus-4-5`,
      validators: expect.objectContaining({ etag: '"a1"' }),
    });

    classifyModels({ db: h.db, kb: loadLicenseKb(), overrides: [], route: () => [], now: h.now }, ['anthropic/claude-opus-4-5']);
    expect(getModel(h.db, 'anthropic/claude-opus-4-5')).toMatchObject({ line: 'proprietary', level: '2' });

    const third = await h.poll(feedCollector, ANTHROPIC, source);
    expect(third.result.requests).toBe(1); // the reading is kept with the post
    expect(third.stored).toEqual([]);
    const kept = h.known(source.id).get(`${world.url}/news/claude-opus-4-5`)!.state as PostObservation;
    expect(kept.links).toHaveLength(5);
    world.assertClean();
  });

  it('"open weights under Apache 2.0" in the article is announced-as-open evidence (pending until weights are seen)', async () => {
    const src = testSource({ vendorId: 'mistral', kind: 'feed', target: `${world.url}/news/rss`, articles: true });
    world.route(
      'GET',
      '/news/rss',
      { status: 200, headers: { 'content-type': 'application/rss+xml' }, body: rss(world.url, []) },
      { once: true },
    );
    await h.poll(feedCollector, MISTRAL, src);
    world.route('GET', '/news/rss', {
      status: 200,
      headers: { 'content-type': 'application/rss+xml' },
      body: rss(world.url, [{ title: 'Mistral Small 3.1', path: '/news/mistral-small-3-1' }]),
    });
    world.route('GET', '/news/mistral-small-3-1', html(SMALL_PAGE), { required: true });
    const out = await h.poll(feedCollector, MISTRAL, src);
    const ann = out.stored.find((e) => e.kind === 'announcement')!;
    expect(ann).toMatchObject({ modelId: 'mistral/mistral-small-3-1', data: { openWeights: { license: 'apache-2.0' } } });
    expect(ann.evidence).toContainEqual(expect.objectContaining({ signal: 'open_weights_announced', value: 'apache-2.0' }));
    expect(ann.data.links).toContain('https://huggingface.co/mistralai/Mistral-Small-3.1-24B-Instruct-2503');
  });

  it('reads at most ARTICLE_DEFAULTS.maxPerPoll articles per poll; the rest on the next poll', async () => {
    const titles = [
      'Introducing Claude Opus 4.5',
      'Introducing Claude Sonnet 4.5',
      'Introducing Claude Haiku 4.5',
      'Introducing Claude Opus 4.1',
      'Introducing Claude Opus 4',
    ];
    const items = titles.map((t, i) => ({ title: t, path: `/news/p${i}` }));
    world.route('GET', '/news/rss.xml', { status: 200, headers: { 'content-type': 'application/rss+xml' }, body: rss(world.url, items) });
    for (const i of items)
      world.route('GET', i.path, html('<html><body><p>Nothing to see here, only a placeholder paragraph.</p></body></html>'));
    const source = feedSource();
    const first = await h.poll(feedCollector, ANTHROPIC, source);
    expect(first.result.requests).toBe(1 + ARTICLE_DEFAULTS.maxPerPoll);
    const second = await h.poll(feedCollector, ANTHROPIC, source);
    expect(second.result.requests).toBe(1 + items.length - ARTICLE_DEFAULTS.maxPerPoll);
    const third = await h.poll(feedCollector, ANTHROPIC, source);
    expect(third.result.requests).toBe(1);
  });

  it('an article that answers 404 is read once (nothing there) and the post is kept as the feed gave it', async () => {
    world.route('GET', '/news/rss.xml', {
      status: 200,
      headers: { 'content-type': 'application/rss+xml' },
      body: rss(world.url, [{ title: 'Introducing Claude Opus 4.5', path: '/news/gone' }]),
    });
    world.route('GET', '/news/gone', { status: 404, headers: { 'content-type': 'text/html' }, body: 'not found' });
    const source = feedSource();
    const first = await h.poll(feedCollector, ANTHROPIC, source);
    const post = first.result.observations[0] as PostObservation;
    expect(post).toMatchObject({ title: 'Introducing Claude Opus 4.5', articleLead: null, links: [] });
    const second = await h.poll(feedCollector, ANTHROPIC, source);
    expect(second.result.requests).toBe(1);
  });

  it('a source without articles: true never reads articles', async () => {
    world.route('GET', '/news/rss.xml', {
      status: 200,
      headers: { 'content-type': 'application/rss+xml' },
      body: rss(world.url, [{ title: 'Introducing Claude Opus 4.5', path: '/news/claude-opus-4-5' }]),
    });
    const out = await h.poll(feedCollector, ANTHROPIC, feedSource({ articles: undefined }));
    expect(out.result.requests).toBe(1);
    world.assertClean();
  });
});

describe('wantsArticle and articleFromHtml (pure)', () => {
  it('wants the article of a launch-looking title without a usable lead only', () => {
    const p = (title: string, summary: string | null = null) => ({ title, summary, link: 'https://example.com/x' });
    expect(wantsArticle(p('Introducing Claude Opus 4.5'), ANTHROPIC)).toBe(true);
    expect(wantsArticle(p('Two in-house models in support of our mission'), ANTHROPIC)).toBe(true);
    expect(wantsArticle(p('Anthropic opens Milan office'), ANTHROPIC)).toBe(false);
    expect(
      wantsArticle(
        p('Introducing Claude Opus 4.5', 'Our newest model, Claude Opus 4.5, is available today on our apps and our API.'),
        ANTHROPIC,
      ),
    ).toBe(false);
    expect(wantsArticle({ title: 'Introducing Claude Opus 4.5', summary: null, link: null }, ANTHROPIC)).toBe(false);
  });

  it('reads paragraphs of the article, not navigation, and resolves every href', () => {
    const a = articleFromHtml(OPUS_PAGE, 'https://www.anthropic.com/news/claude-opus-4-5', { maxChars: 120, maxLinks: 3 });
    expect(a.lead).toHaveLength(120);
    expect(a.lead!.startsWith('Our newest model')).toBe(true);
    expect(a.links).toEqual([
      'https://www.anthropic.com/',
      'https://www.anthropic.com/news',
      'https://platform.claude.com/docs/en/about-claude/models/overview',
    ]);
  });
});
