// The feed collector against the replay world with real vendor feeds (OpenAI, Google DeepMind,
// Google AI; test/fixtures/vendors/PROVENANCE.md), through the real HTTP edge, the real pure diff
// and a real store (test/helpers/poll-harness.ts): counts, titles, links, dates; conditional GET;
// an unchanged world gives no events; an edit gives exactly one `post.edited`; a non-UTF-8 feed
// end to end; clear errors for HTML, malformed XML and non-feeds. Plus the shared contract suite.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedCollector } from '../../src/collectors/feed.js';
import { readVendorFile } from '../../src/config/index.js';
import { SourceError } from '../../src/errors.js';
import type { HttpClient } from '../../src/http/types.js';
import type { PostObservation, SourceConfig, VendorConfig } from '../../src/model.js';
import type { NewEvent } from '../../src/events/index.js';
import { testSource } from '../helpers/config.js';
import { testHttpClient } from '../helpers/http.js';
import { createHarness, type Harness } from '../helpers/poll-harness.js';
import { startReplayWorld, type RecordedRequest, type ReplayWorld } from '../helpers/replay-server.js';
import { describeCollectorContract } from './contract.js';

const vendorFixture = (name: string) => readFileSync(new URL(`../fixtures/vendors/${name}`, import.meta.url));
const feedFixture = (path: string) => readFileSync(new URL(`../fixtures/feeds/${path}`, import.meta.url));

function vendor(id: string): VendorConfig {
  const problems: string[] = [];
  const v = readVendorFile(new URL(`../../feeds/${id}.yaml`, import.meta.url).pathname, id, problems);
  if (!v) throw new Error(problems.join('\n'));
  return v;
}

const RSS = 'application/rss+xml; charset=utf-8';

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

function feedSource(vendorId: string, path: string, extra: Partial<SourceConfig> = {}): SourceConfig {
  return testSource({ vendorId, kind: 'feed', target: `${world.url}${path}`, ...extra });
}

const posts = (o: { result: { observations: unknown[] } }) => o.result.observations as PostObservation[];
const kinds = (events: NewEvent[]) => events.map((e) => e.kind);

/** A variant of a recorded feed, derived here (the fixture itself is never edited). */
function variant(buf: Buffer, edit: (xml: string) => string): Buffer {
  const xml = buf.toString('utf8');
  const out = edit(xml);
  if (out === xml) throw new Error('variant: the edit changed nothing');
  return Buffer.from(out, 'utf8');
}

describe('vendor feeds as recorded', () => {
  it('OpenAI news: 8 posts, titles, links, dates; guid is the identity', async () => {
    world.route('GET', '/news/rss.xml', { status: 200, headers: { 'content-type': RSS }, body: vendorFixture('openai_news_rss.xml') });
    const out = await h.poll(feedCollector, vendor('openai'), feedSource('openai', '/news/rss.xml'));
    const p = posts(out);
    expect(p).toHaveLength(8);
    expect(p[0]).toEqual({
      type: 'post',
      key: 'https://openai.com/index/two-years-of-openai-academy',
      title: 'Two years of OpenAI Academy',
      link: 'https://openai.com/index/two-years-of-openai-academy',
      publishedAt: '2026-09-23T16:00:00.000Z',
      summary: 'Marking two years of OpenAI Academy and bringing AI skills to even more communities.',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(p[2]!.title).toBe('Sam Altman\u2019s remarks at the United Nations Security Council');
    expect(p[7]).toMatchObject({ title: 'ChatGPT Ads expands to Southeast Asia and Taiwan', publishedAt: '2026-09-23T02:00:00.000Z' });
    // No post of these 8 introduces a GPT or gpt-oss model ("Introducing MentalHealthBench" is a benchmark).
    expect(kinds(out.diff.events)).toEqual(Array(8).fill('post.new'));
    expect(out.baseline).toBe(true);
    expect(out.diff.events.every((e) => e.baseline)).toBe(true);
    expect(out.stored).toHaveLength(8);
    world.assertClean();
  });

  it('Google DeepMind: 8 posts; the "Introducing Gemini 3.8 …" posts announce Gemini models', async () => {
    world.route('GET', '/blog/rss.xml', {
      status: 200,
      headers: { 'content-type': 'application/xml' },
      body: vendorFixture('deepmind_rss.xml'),
    });
    const out = await h.poll(feedCollector, vendor('google'), feedSource('google', '/blog/rss.xml'));
    const p = posts(out);
    expect(p).toHaveLength(8);
    expect(p[0]).toMatchObject({
      key: 'https://deepmind.google/blog/introducing-gemini-38-live-with-live-avatar/',
      title: 'Introducing Gemini 3.8 Live with Live Avatar',
      publishedAt: '2026-09-24T16:20:39.000Z',
      summary: null, // <description/> is empty
    });
    expect(p[1]!.summary).toBe('Introducing private, server-side memory to Private AI Compute for personal AI.');
    expect(p[7]).toMatchObject({ title: 'Introducing Gemini 3.8 Flash and 3.8 Flash Cyber', publishedAt: '2026-09-02T16:18:31.000Z' });
    const announced = out.diff.events.filter((e) => e.kind === 'announcement').map((e) => e.modelId);
    expect(announced).toEqual([
      'google/gemini-3-8-live',
      'google/gemini-3-8-live',
      'google/gemini-3-8-live-extended-thinking',
      'google/gemini-3-8-flash',
      'google/gemini-3-8-flash-cyber',
    ]);
    expect(out.diff.models.find((m) => m.id === 'google/gemini-3-8-flash')).toMatchObject({
      name: 'Gemini 3.8 Flash',
      vendorId: 'google',
      line: 'proprietary',
      releasedAt: '2026-09-02T16:18:31.000Z',
      url: 'https://deepmind.google/blog/introducing-gemini-3-8-flash-and-38-flash-cyber/',
    });
    // "Introducing WeatherNext 3, …" names no model of a Google line: no announcement.
    expect(out.diff.events.filter((e) => e.kind === 'announcement' && String(e.data['title']).includes('WeatherNext'))).toEqual([]);
    world.assertClean();
  });

  it('Google AI (The Keyword): 6 posts; nested <og>/<author> titles do not leak, HTML stripped from summaries', async () => {
    world.route('GET', '/ai/rss/', {
      status: 200,
      headers: { 'content-type': 'application/rss+xml' },
      body: vendorFixture('google_ai_rss.xml'),
    });
    const out = await h.poll(feedCollector, vendor('google'), feedSource('google', '/ai/rss/'));
    const p = posts(out);
    expect(p).toHaveLength(6);
    expect(p.map((x) => x.title)).toEqual([
      'Google Beam expands with new regions, partners, and customers',
      'New experts join Google\u2019s AI & Economy team',
      'Co-creating the future of fashion with Google',
      'Making global data easier to explore',
      'AI for Societal Impact',
      'Building AI to accelerate science and improve lives',
    ]);
    expect(p[0]).toMatchObject({
      link: 'https://blog.google/innovation-and-ai/technology/research/google-beam-expansion/',
      publishedAt: '2026-09-23T18:00:00.000Z',
      summary: 'We\u2019re expanding Google Beam to five new countries, and partnering with Industrious for an extended network.',
    });
    expect(p.map((x) => x.publishedAt)).toEqual([
      '2026-09-23T18:00:00.000Z',
      '2026-09-18T14:00:00.000Z',
      '2026-09-18T13:00:00.000Z',
      '2026-09-17T20:00:00.000Z',
      '2026-09-15T16:00:00.000Z',
      '2026-09-15T16:00:00.000Z',
    ]);
    world.assertClean();
  });
});

describe('Atom', () => {
  it('a Blogger-style Atom feed (Google Developers Blog shape): id, alternate link, offset dates, html summary as the lead', async () => {
    // Synthetic, in the shape of https://developers.googleblog.com/feeds/posts/default/ (2026).
    const atom = `<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>
      <id>tag:blogger.com,1999:blog-596098824972435195</id><updated>2026-04-02T09:00:00.000-07:00</updated><title type='text'>Google Developers Blog</title>
      <entry><id>tag:blogger.com,1999:blog-596098824972435195.post-4242</id>
        <published>2026-04-02T09:00:00.000-07:00</published><updated>2026-04-02T10:30:00.000-07:00</updated>
        <title type='text'>Gemma 4: Byte for byte, the most capable open models</title>
        <summary type='html'>&lt;p&gt;Gemma&amp;nbsp;4 is available today in Google AI Studio &amp;amp; on Hugging Face under Apache&amp;#160;2.0.&lt;/p&gt;</summary>
        <link rel='replies' type='text/html' href='https://developers.googleblog.com/2026/04/gemma-4.html#comments'/>
        <link rel='alternate' type='text/html' href='/2026/04/gemma-4.html' title='Gemma 4'/>
      </entry></feed>`;
    world.route('GET', '/feeds/posts/default/', {
      status: 200,
      headers: { 'content-type': 'application/atom+xml; charset=UTF-8' },
      body: atom,
    });
    const out = await h.poll(feedCollector, vendor('google'), feedSource('google', '/feeds/posts/default/'));
    expect(posts(out)).toEqual([
      {
        type: 'post',
        key: 'tag:blogger.com,1999:blog-596098824972435195.post-4242',
        title: 'Gemma 4: Byte for byte, the most capable open models',
        link: `${world.url}/2026/04/gemma-4.html`,
        publishedAt: '2026-04-02T16:00:00.000Z',
        summary: 'Gemma 4 is available today in Google AI Studio & on Hugging Face under Apache 2.0.',
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    const ann = out.diff.events.find((e) => e.kind === 'announcement');
    expect(ann).toMatchObject({ modelId: 'google/gemma-4', data: { line: 'open', access: 'api' } });
    world.assertClean();
  });
});

describe('polling again', () => {
  it('sends the validators back byte for byte and handles 304 (no body, no events)', async () => {
    const etag = 'W/"oa-2026-09-25T12:54:23Z"';
    const lastModified = 'Fri, 25 Sep 2026 12:54:23 GMT';
    world.route('GET', '/news/rss.xml', (req: RecordedRequest) =>
      req.headers['if-none-match'] === etag
        ? { status: 304, headers: { etag } }
        : {
            status: 200,
            headers: { 'content-type': RSS, etag, 'last-modified': lastModified },
            body: vendorFixture('openai_news_rss.xml'),
          },
    );
    const source = feedSource('openai', '/news/rss.xml');
    const first = await h.poll(feedCollector, vendor('openai'), source);
    expect(first.result.validators).toEqual([{ url: source.target, validators: { etag, lastModified } }]);
    const second = await h.poll(feedCollector, vendor('openai'), source);
    expect(world.requests[1]!.headers['if-none-match']).toBe(etag);
    expect(world.requests[1]!.headers['if-modified-since']).toBe(lastModified);
    expect(second.result).toMatchObject({ observations: [], notModified: 1, requests: 1 });
    expect(second.diff.events).toEqual([]);
    expect(h.known(source.id).size).toBe(8);
    world.assertClean();
  });

  it('an unchanged world without validators: 200 again, zero events through the real diff', async () => {
    world.route('GET', '/blog/rss.xml', { status: 200, headers: { 'content-type': RSS }, body: vendorFixture('deepmind_rss.xml') });
    const source = feedSource('google', '/blog/rss.xml');
    const first = await h.poll(feedCollector, vendor('google'), source);
    expect(first.stored.length).toBeGreaterThan(8);
    h.setNow('2026-09-25T14:00:00.000Z');
    const second = await h.poll(feedCollector, vendor('google'), source);
    expect(posts(second)).toHaveLength(8);
    expect(second.baseline).toBe(false);
    expect(second.diff.events).toEqual([]);
    expect(second.stored).toEqual([]);
    world.assertClean();
  });

  it('an edited post gives exactly one post.edited; vanished posts give nothing', async () => {
    const recorded = vendorFixture('openai_news_rss.xml');
    const edited = variant(recorded, (xml) =>
      xml
        // the Ringg post's summary is rewritten ...
        .replace('for 90% less cost vs. GPT-4.1.', 'for 85% less cost vs. GPT-4.1.')
        // ... and the two oldest posts fall out of the window
        .replace(/<item>\s*<title><!\[CDATA\[Introducing MentalHealthBench[\s\S]*?<\/item>\s*<item>[\s\S]*?<\/item>/, ''),
    );
    const source = feedSource('openai', '/news/rss.xml');
    world.route('GET', '/news/rss.xml', { status: 200, headers: { 'content-type': RSS }, body: recorded }, { once: true, required: true });
    await h.poll(feedCollector, vendor('openai'), source);
    world.route('GET', '/news/rss.xml', { status: 200, headers: { 'content-type': RSS }, body: edited }, { once: true, required: true });
    h.setNow('2026-09-25T14:00:00.000Z');
    const second = await h.poll(feedCollector, vendor('openai'), source);
    expect(posts(second)).toHaveLength(6);
    expect(kinds(second.diff.events)).toEqual(['post.edited']);
    const [e] = second.stored;
    expect(e).toMatchObject({
      kind: 'post.edited',
      baseline: false,
      occurredAt: '2026-09-25T14:00:00.000Z',
      summary: 'OpenAI edited "Ringg\u2019s AI agents resolve up to 65% of customer calls with OpenAI".',
      evidence: [{ signal: 'post_content_hash', sourceUrl: 'https://openai.com/index/ringg', seenAt: '2026-09-25T14:00:00.000Z' }],
    });
    expect(e!.dedupKey).toContain('https://openai.com/index/ringg');
    // Seen again: the same edit is not reported twice.
    world.route('GET', '/news/rss.xml', { status: 200, headers: { 'content-type': RSS }, body: edited }, { once: true, required: true });
    const third = await h.poll(feedCollector, vendor('openai'), source);
    expect(third.diff.events).toEqual([]);
    world.assertClean();
  });

  it('a new post that introduces a model: post.new + announcement, with the access signal', async () => {
    const recorded = vendorFixture('openai_news_rss.xml');
    const withNew = variant(recorded, (xml) =>
      xml.replace(
        '<item>',
        `<item>
            <title><![CDATA[Introducing GPT-6.5]]></title>
            <description><![CDATA[GPT-6.5 is available today in ChatGPT and to developers in the API.]]></description>
            <link>https://openai.com/index/introducing-gpt-6-5</link>
            <guid isPermaLink="true">https://openai.com/index/introducing-gpt-6-5</guid>
            <category><![CDATA[Product]]></category>
            <pubDate>Mon, 28 Sep 2026 17:00:00 GMT</pubDate>
        </item>
<item>`,
      ),
    );
    const source = feedSource('openai', '/news/rss.xml');
    world.route('GET', '/news/rss.xml', { status: 200, headers: { 'content-type': RSS }, body: recorded }, { once: true, required: true });
    await h.poll(feedCollector, vendor('openai'), source);
    world.route('GET', '/news/rss.xml', { status: 200, headers: { 'content-type': RSS }, body: withNew }, { once: true, required: true });
    const second = await h.poll(feedCollector, vendor('openai'), source);
    expect(kinds(second.stored)).toEqual(['post.new', 'announcement']);
    const ann = second.stored[1]!;
    expect(ann).toMatchObject({
      modelId: 'openai/gpt-6-5',
      occurredAt: '2026-09-28T17:00:00.000Z',
      baseline: false,
      summary: 'OpenAI announced GPT-6.5 (proprietary line GPT) in "Introducing GPT-6.5"; access: api.',
    });
    expect(ann.evidence).toEqual([
      {
        signal: 'announcement',
        value: 'Introducing GPT-6.5',
        sourceUrl: 'https://openai.com/index/introducing-gpt-6-5',
        seenAt: '2026-09-25T13:00:00.000Z',
      },
      { signal: 'access', value: 'api', sourceUrl: 'https://openai.com/index/introducing-gpt-6-5', seenAt: '2026-09-25T13:00:00.000Z' },
    ]);
    expect(second.diff.models).toEqual([
      expect.objectContaining({ id: 'openai/gpt-6-5', name: 'GPT-6.5', line: 'proprietary', releasedAt: '2026-09-28T17:00:00.000Z' }),
    ]);
    world.assertClean();
  });
});

describe('non-UTF-8 feeds end to end', () => {
  it("ISO-8859-1 (rss-parser's encoding.rss, charset only in the prolog): titles right in events", async () => {
    world.route('GET', '/pt.rss', {
      status: 200,
      headers: { 'content-type': 'application/rss+xml' },
      body: feedFixture('rss-parser/input/encoding.rss'),
    });
    const out = await h.poll(feedCollector, vendor('openai'), feedSource('openai', '/pt.rss'));
    const titles = posts(out).map((p) => p.title);
    expect(titles).toHaveLength(40);
    expect(titles.join('\n')).toMatch(/[ãçéíóú]/);
    expect(titles.join('\n')).not.toMatch(/[\ufffd]|Ã/);
    expect(out.stored.map((e) => e.summary).join('\n')).toMatch(/[ãçéíóú]/);
    world.assertClean();
  });

  it('windows-1251 (Miniflux capture) with the charset in Content-Type only', async () => {
    const bytes = feedFixture('miniflux/encoding_WINDOWS-1251.xml');
    // derived: the prolog's encoding declaration removed, so only the header can tell
    const stripped = Buffer.from(bytes.toString('latin1').replace(/ encoding="windows-1251"/i, ''), 'latin1');
    expect(stripped.length).toBeLessThan(bytes.length);
    world.route('GET', '/ru.xml', { status: 200, headers: { 'content-type': 'text/xml; charset=windows-1251' }, body: stripped });
    const out = await h.poll(feedCollector, vendor('openai'), feedSource('openai', '/ru.xml'));
    expect(posts(out).length).toBeGreaterThan(0);
    expect(
      posts(out)
        .map((p) => `${p.title} ${p.summary ?? ''}`)
        .join('\n'),
    ).toMatch(/[а-яА-Я]{4}/);
    world.assertClean();
  });
});

describe('errors', () => {
  const fail = async (path: string, status: number, headers: Record<string, string>, body: Buffer | string) => {
    world.route('GET', path, { status, headers, body });
    const source = feedSource('openai', path);
    const err = await h.poll(feedCollector, vendor('openai'), source).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message.startsWith(`feed: ${source.id}: `)).toBe(true);
    return err as SourceError;
  };

  it('an HTML page instead of a feed is a permanent error that says so', async () => {
    const err = await fail('/news', 200, { 'content-type': 'text/html; charset=utf-8' }, vendorFixture('anthropic_news.html'));
    expect(err.transient).toBe(false);
    expect(err.message).toMatch(/got an HTML page instead of a feed/);
  });

  it('malformed XML (a truncated download) is permanent', async () => {
    const truncated = vendorFixture('openai_news_rss.xml').subarray(0, 3000);
    const err = await fail('/news/rss.xml', 200, { 'content-type': RSS }, truncated);
    expect(err.transient).toBe(false);
    expect(err.message).toMatch(/: malformed XML: /);
  });

  it('well-formed XML that is not a feed (a sitemap) is permanent', async () => {
    const sitemap =
      '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://openai.com/</loc></url></urlset>';
    const err = await fail('/sitemap.xml', 200, { 'content-type': 'application/xml' }, sitemap);
    expect(err.message).toMatch(/: not a feed: the XML is neither RSS nor Atom$/);
  });

  it('404 and 410 are permanent, 503 transient', async () => {
    expect((await fail('/gone', 410, { 'content-type': 'text/plain' }, 'Gone')).transient).toBe(false);
    expect((await fail('/missing', 404, { 'content-type': 'text/plain' }, 'Not Found')).message).toMatch(/404/);
    expect((await fail('/busy', 503, { 'content-type': 'text/plain' }, 'busy')).transient).toBe(true);
  });
});

describeCollectorContract('feed', () => ({
  collector: feedCollector,
  route(w, step) {
    const v = vendor('openai');
    const source = testSource({ vendorId: 'openai', kind: 'feed', target: `${w.url}/news/rss.xml` });
    const etag = '"openai-news-1"';
    if (step === 'recorded') {
      w.route(
        'GET',
        '/news/rss.xml',
        { status: 200, headers: { 'content-type': RSS, etag }, body: vendorFixture('openai_news_rss.xml') },
        { required: true },
      );
    } else if (step === 'unchanged') {
      w.route(
        'GET',
        '/news/rss.xml',
        (req) =>
          req.headers['if-none-match'] === etag
            ? { status: 304, headers: { etag } }
            : { status: 200, headers: { 'content-type': RSS, etag }, body: vendorFixture('openai_news_rss.xml') },
        { required: true },
      );
    } else if (step === '5xx') {
      w.route(
        'GET',
        '/news/rss.xml',
        { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' },
        { required: true },
      );
    } else {
      // 200 with a body of the wrong shape: JSON where a feed was expected
      w.route(
        'GET',
        '/news/rss.xml',
        { status: 200, headers: { 'content-type': 'application/json' }, body: { items: [{ title: 'x' }] } },
        { required: true },
      );
    }
    return { vendor: v, source };
  },
}));
