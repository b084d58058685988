// The page collector on Anthropic's real newsroom page (test/fixtures/vendors/PROVENANCE.md),
// with the selectors of feeds/anthropic.yaml: 10 list items with titles, links, dates; the
// featured cards when the selectors include them; CSS-module hashes rotating; a changed layout as
// a clear error; conditional GET, an unchanged world and an edit through the real diff. Plus the
// shared contract suite.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scrapePage } from '../../src/collectors/html.js';
import { pageCollector } from '../../src/collectors/page.js';
import { readVendorFile } from '../../src/config/index.js';
import { SourceError } from '../../src/errors.js';
import type { HttpClient } from '../../src/http/types.js';
import type { PageSelectors, PostObservation, SourceConfig, VendorConfig } from '../../src/model.js';
import { testSource } from '../helpers/config.js';
import { testHttpClient } from '../helpers/http.js';
import { createHarness, type Harness } from '../helpers/poll-harness.js';
import { startReplayWorld, type ReplayWorld } from '../helpers/replay-server.js';
import { describeCollectorContract } from './contract.js';

const HTML = readFileSync(new URL('../fixtures/vendors/anthropic_news.html', import.meta.url), 'utf8');
const PAGE_URL = 'https://www.anthropic.com/news';
const LABEL = 'page: anthropic:page:https://www.anthropic.com/news';

function vendor(id: string): VendorConfig {
  const problems: string[] = [];
  const v = readVendorFile(new URL(`../../feeds/${id}.yaml`, import.meta.url).pathname, id, problems);
  if (!v) throw new Error(problems.join('\n'));
  return v;
}

const ANTHROPIC = vendor('anthropic');
/** The selectors shipped in feeds/anthropic.yaml (featured cards + news list). */
const SHIPPED = ANTHROPIC.sources.find((s) => s.kind === 'page')!.select!;
/** The news list alone (the scrapers' selectors of external-apis.md §3). */
const CONFIGURED: PageSelectors = {
  item: "a[class*='PublicationList-module'][class*='listItem']",
  title: "span[class*='title']",
  link: 'a',
  date: "time[class*='date']",
};

/** The configured list plus the featured grid (main card and side cards). */
const WITH_FEATURED: PageSelectors = {
  item: [
    "a[class*='FeaturedGrid-module'][class*='__content']",
    "a[class*='FeaturedGrid-module'][class*='sideLink']",
    "a[class*='PublicationList-module'][class*='listItem']",
  ].join(', '),
  title: "h2[class*='featuredTitle'], h4[class*='__title'], span[class*='__title']",
  link: 'a',
  date: "time[class*='date']",
};

/** A variant of the recorded page, derived here (the fixture itself is never edited). */
function variant(edit: (html: string) => string): string {
  const out = edit(HTML);
  if (out === HTML) throw new Error('variant: the edit changed nothing');
  return out;
}

describe('anthropic_news.html with the configured selectors', () => {
  const posts = scrapePage(HTML, PAGE_URL, CONFIGURED, LABEL);

  it('finds the 10 list items, titles trimmed, links resolved, dates parsed', () => {
    expect(posts).toHaveLength(10);
    expect(posts[0]).toEqual({
      type: 'post',
      key: 'https://www.anthropic.com/news/claude-discovers-novel-enzyme-system',
      title: 'Claude discovers a novel enzyme system with CRISPR-like repeats',
      link: 'https://www.anthropic.com/news/claude-discovers-novel-enzyme-system',
      publishedAt: '2026-09-23T00:00:00.000Z',
      summary: null,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(posts.map((p) => p.title)).toEqual([
      'Claude discovers a novel enzyme system with CRISPR-like repeats',
      'Partnering with Accenture on embedded evaluation',
      'Introducing the Life Sciences Verification Program',
      'Developing Enterprise Frontier Safeguards with our customers',
      'Improving our alignment and security efforts',
      'Previewing the Model Hardware Standard',
      'Expanding our support for scientists',
      'Funding better evaluations of AI\u2019s impact on wellbeing',
      'How Claude\u2019s text watermark works',
      "Improving Fable 5's biology safeguards",
    ]);
    expect(posts[9]).toMatchObject({
      link: 'https://www.anthropic.com/news/improving-fable-5-s-biology-safeguards',
      publishedAt: '2026-08-07T00:00:00.000Z',
    });
  });

  it("dates agree with the publishedOn values of the page's embedded CMS data (same UTC day)", () => {
    const flight = [...HTML.matchAll(/publishedOn\\":\\"([0-9T:.\-Z]+)\\"/g)].map((m) => m[1]!.slice(0, 10));
    expect(flight).toHaveLength(8);
    expect(posts.slice(0, 8).map((p) => p.publishedAt!.slice(0, 10))).toEqual(flight);
    expect(posts[3]!.publishedAt).toBe('2026-09-01T00:00:00.000Z'); // "Sep 1, 2026"
  });

  it('survives a rotated CSS-module hash', () => {
    const rotated = variant((h) =>
      h.replaceAll('PublicationList-module-scss-module__KxYrHG__', 'PublicationList-module-scss-module__Qp7Zr2__'),
    );
    expect(scrapePage(rotated, PAGE_URL, CONFIGURED, LABEL)).toEqual(posts);
  });
});

describe('featured cards, when the selectors include them', () => {
  const posts = scrapePage(HTML, PAGE_URL, WITH_FEATURED, LABEL);

  it('is what feeds/anthropic.yaml ships', () => {
    expect(SHIPPED).toEqual(WITH_FEATURED);
  });

  it('adds the 4 featured cards before the 10 list items', () => {
    expect(posts).toHaveLength(14);
    expect(posts.slice(0, 4).map((p) => [p.title, p.link, p.publishedAt])).toEqual([
      ['Introducing Claude Opus 5.5', 'https://www.anthropic.com/claude-opus-5-5', '2026-09-22T00:00:00.000Z'],
      ['The Situation Report', 'https://www.anthropic.com/features/ebola-response', '2026-09-22T00:00:00.000Z'],
      [
        'Introducing Claude Fable 5.1 and Claude Mythos 5.1',
        'https://www.anthropic.com/claude-fable-and-mythos-5-1',
        '2026-09-01T00:00:00.000Z',
      ],
      [
        'Detecting and countering misuse of AI: September 2026',
        'https://www.anthropic.com/threat-intelligence-report-september-2026',
        '2026-09-10T00:00:00.000Z',
      ],
    ]);
  });
});

describe('a changed layout is a SourceError naming the selector, never an empty success', () => {
  it('items: the list class renamed', () => {
    const changed = variant((h) => h.replaceAll('__listItem', '__entry'));
    expect(() => scrapePage(changed, PAGE_URL, CONFIGURED, LABEL)).toThrow(
      new SourceError(
        `${LABEL}: layout changed? item selector "a[class*='PublicationList-module'][class*='listItem']" matched nothing`,
        false,
      ),
    );
  });

  it('titles: the title span renamed', () => {
    const changed = variant((h) =>
      h.replaceAll('PublicationList-module-scss-module__KxYrHG__title', 'PublicationList-module-scss-module__KxYrHG__heading'),
    );
    expect(() => scrapePage(changed, PAGE_URL, CONFIGURED, LABEL)).toThrow(
      /layout changed\? title selector "span\[class\*='title'\]" found no text in 10 of 10 items \(item 1, 2, 3, 4, 5, …\)$/,
    );
  });

  it('links: items without href', () => {
    const changed = variant((h) =>
      h.replace('href="/news/accenture-embedded-evaluation" ', '').replace('href="/news/wellbeing-research-grants" ', ''),
    );
    expect(() => scrapePage(changed, PAGE_URL, CONFIGURED, LABEL)).toThrow(
      /layout changed\? link selector "a" found no usable href in 2 of 10 items \(item 2, 8\)$/,
    );
  });

  it('an empty shell (client-rendered page) is a layout error too', () => {
    const shell = '<!DOCTYPE html><html><head><title>Newsroom \\ Anthropic</title></head><body><div id="__next"></div></body></html>';
    const err = (() => {
      try {
        scrapePage(shell, PAGE_URL, CONFIGURED, LABEL);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).transient).toBe(false);
    expect((err as SourceError).message).toMatch(/layout changed\?/);
  });

  it('an invalid selector in the config is a clear permanent error', () => {
    expect(() => scrapePage(HTML, PAGE_URL, { ...CONFIGURED, item: 'a[class*=' }, LABEL)).toThrow(/invalid item selector "a\[class\*="/);
  });
});

describe('other listing shapes', () => {
  // A Meta AI blog card as the scrapers describe it (class names from feeds/meta.yaml; the
  // category and the date share one element). Synthetic, in the shape of the 2026 page.
  const META_HTML = `<!DOCTYPE html><html><head><base href="https://ai.meta.com/"></head><body>
    <div class="_amcy x1"><a class="_amd2" href="./blog/introducing-muse-spark/"><div class="_amd1">Introducing Muse Spark</div></a><div class="_amdj">Featured · April 8, 2026</div></div>
    <div class="_amda"><a class="_amdf" href="/blog/llama-4-multimodal-intelligence/"><div class="_amde">The Llama 4 herd: The beginning of a new era of natively multimodal AI innovation</div></a><div class="_amdj">Large Language Model  April 5, 2025</div></div>
    <div class="_amda"><a class="_amdf" href="https://ai.meta.com/blog/v-jepa-2/"><div class="_amde"> V-JEPA 2 </div></a><div class="_amdj">Research <time datetime="2025-06-11T16:00:00Z">Jun 11, 2025</time></div></div>
  </body></html>`;

  it('Meta AI blog: <base href>, relative and absolute links, dates inside category text, <time datetime>', () => {
    const select = vendor('meta').sources.find((s) => s.kind === 'page')!.select!;
    const posts = scrapePage(META_HTML, 'https://ai.meta.com/blog/', select, 'page: meta');
    expect(posts.map((p) => [p.title, p.link, p.publishedAt])).toEqual([
      ['Introducing Muse Spark', 'https://ai.meta.com/blog/introducing-muse-spark/', '2026-04-08T00:00:00.000Z'],
      [
        'The Llama 4 herd: The beginning of a new era of natively multimodal AI innovation',
        'https://ai.meta.com/blog/llama-4-multimodal-intelligence/',
        '2025-04-05T00:00:00.000Z',
      ],
      ['V-JEPA 2', 'https://ai.meta.com/blog/v-jepa-2/', '2025-06-11T16:00:00.000Z'],
    ]);
  });

  it('the same post twice (featured and listed) is one observation', () => {
    const html = `<ul><li><a href="/news/x"><span class="t">X</span></a></li><li><a href="/news/x"><span class="t">X</span><time>Apr 8, 2026</time></a></li></ul>`;
    const posts = scrapePage(html, 'https://example.com/news', { item: 'li', title: '.t', link: 'a', date: 'time' }, 'page: x');
    expect(posts).toEqual([expect.objectContaining({ key: 'https://example.com/news/x', publishedAt: '2026-04-08T00:00:00.000Z' })]);
  });
});

describe('polling the page through the replay world', () => {
  let world: ReplayWorld;
  let http: HttpClient;
  let h: Harness;
  beforeEach(async () => {
    world = await startReplayWorld();
    http = testHttpClient();
    h = createHarness({ http, endpoints: { huggingface: world.url, github: world.url }, now: '2026-09-25T13:00:00.000Z' });
  });
  afterEach(async () => {
    h.close();
    await world.close();
  });
  const source = (select: PageSelectors = CONFIGURED): SourceConfig =>
    testSource({ vendorId: 'anthropic', kind: 'page', target: `${world.url}/news`, select });
  const HTML_CT = { 'content-type': 'text/html; charset=utf-8' };

  it('first poll: a baseline of 10 posts; with featured cards, announcements of Claude models', async () => {
    world.route('GET', '/news', { status: 200, headers: HTML_CT, body: HTML });
    const out = await h.poll(pageCollector, ANTHROPIC, source(WITH_FEATURED));
    const posts = out.result.observations as PostObservation[];
    expect(posts).toHaveLength(14);
    expect(posts[4]!.link).toBe(`${world.url}/news/claude-discovers-novel-enzyme-system`);
    expect(posts[1]!.link).toBe('https://www.anthropic.com/features/ebola-response');
    const announced = out.diff.events.filter((e) => e.kind === 'announcement');
    expect(announced.map((e) => e.modelId)).toEqual([
      'anthropic/claude-opus-5-5',
      'anthropic/claude-fable-5-1',
      'anthropic/claude-mythos-5-1',
    ]);
    expect(announced.every((e) => e.baseline)).toBe(true);
    expect(out.diff.models.map((m) => [m.id, m.name, m.line, m.releasedAt])).toEqual([
      ['anthropic/claude-opus-5-5', 'Claude Opus 5.5', 'proprietary', '2026-09-22T00:00:00.000Z'],
      ['anthropic/claude-fable-5-1', 'Claude Fable 5.1', 'proprietary', '2026-09-01T00:00:00.000Z'],
      ['anthropic/claude-mythos-5-1', 'Claude Mythos 5.1', 'proprietary', '2026-09-01T00:00:00.000Z'],
    ]);
    world.assertClean();
  });

  it('304 on the second poll; then an unchanged 200 gives zero events; a retitled post one post.edited', async () => {
    const etag = '"anthropic-news-2026-09-25"';
    world.route(
      'GET',
      '/news',
      (req) =>
        req.headers['if-none-match'] === etag
          ? { status: 304, headers: { etag } }
          : { status: 200, headers: { ...HTML_CT, etag }, body: HTML },
      { once: true, required: true },
    );
    const src = source();
    await h.poll(pageCollector, ANTHROPIC, src);
    world.route(
      'GET',
      '/news',
      (req) => (req.headers['if-none-match'] === etag ? { status: 304, headers: { etag } } : { status: 599, body: 'validators not sent' }),
      { once: true, required: true },
    );
    const second = await h.poll(pageCollector, ANTHROPIC, src);
    expect(second.result).toMatchObject({ observations: [], notModified: 1 });
    world.route('GET', '/news', { status: 200, headers: HTML_CT, body: HTML }, { once: true, required: true });
    const third = await h.poll(pageCollector, ANTHROPIC, src);
    expect(third.result.observations).toHaveLength(10);
    expect(third.diff.events).toEqual([]);
    const retitled = variant((x) =>
      x.replace('Previewing the Model Hardware Standard', 'Previewing the Model Hardware Standard, version 1.1'),
    );
    world.route('GET', '/news', { status: 200, headers: HTML_CT, body: retitled }, { once: true, required: true });
    h.setNow('2026-09-26T08:00:00.000Z');
    const fourth = await h.poll(pageCollector, ANTHROPIC, src);
    expect(fourth.stored.map((e) => [e.kind, e.summary])).toEqual([
      [
        'post.edited',
        'Anthropic edited "Previewing the Model Hardware Standard, version 1.1" (was "Previewing the Model Hardware Standard").',
      ],
    ]);
    world.assertClean();
  });

  it('a page whose layout changed fails the poll with the selector in the message', async () => {
    world.route('GET', '/news', { status: 200, headers: HTML_CT, body: variant((x) => x.replaceAll('__listItem', '__row')) });
    const src = source();
    const err = await h.poll(pageCollector, ANTHROPIC, src).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).transient).toBe(false);
    expect((err as SourceError).message).toBe(`page: ${src.id}: layout changed? item selector "${CONFIGURED.item}" matched nothing`);
    world.assertClean();
  });

  it('a page source without selectors is a permanent configuration error', async () => {
    const src = testSource({ vendorId: 'anthropic', kind: 'page', target: `${world.url}/news` });
    await expect(h.poll(pageCollector, ANTHROPIC, src)).rejects.toThrow(/no selectors configured/);
    expect(world.requests).toHaveLength(0);
  });
});

describeCollectorContract('page', () => ({
  collector: pageCollector,
  route(w, step) {
    const src = testSource({ vendorId: 'anthropic', kind: 'page', target: `${w.url}/news`, select: CONFIGURED });
    const etag = 'W/"anthropic-news"';
    const ok = { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', etag }, body: HTML };
    if (step === 'recorded') w.route('GET', '/news', ok, { required: true });
    else if (step === 'unchanged')
      w.route('GET', '/news', (req) => (req.headers['if-none-match'] === etag ? { status: 304, headers: { etag } } : ok), {
        required: true,
      });
    else if (step === '5xx')
      w.route(
        'GET',
        '/news',
        { status: 503, headers: { 'content-type': 'text/html' }, body: '<h1>Service Unavailable</h1>' },
        { required: true },
      );
    // 200 with a body of the wrong shape: a JSON error document where the listing was expected
    else
      w.route(
        'GET',
        '/news',
        { status: 200, headers: { 'content-type': 'application/json' }, body: { error: 'not found' } },
        { required: true },
      );
    return { vendor: ANTHROPIC, source: src };
  },
}));
