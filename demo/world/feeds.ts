// Vendor RSS feeds of a replay world, rendered in the shapes of real recorded feeds
// (demo/recordings/PROVENANCE.md, test/fixtures/vendors/PROVENANCE.md) and served with validators:
//   `google-ai`  blog.google's AI feed: the recorded channel header kept as is (only its
//                lastBuildDate follows the items), items in the recorded form (plain-text title,
//                HTML-escaped description, `+0000` dates, <category>, un-namespaced <og>/<author>)
//   `cdata`      the recorded OpenAI news feed's form (CDATA title/description, guid
//                isPermaLink, `GMT` dates), with the channel's title/link of the vendor that uses it
// Responses carry a weak ETag over the bytes and Last-Modified = the newest item; a matching
// If-None-Match (else a not-older If-Modified-Since) is answered 304 without a body.
import { readFixture } from './fixtures.js';
import { expressEtag } from './hub.js';
import type { RecordedRequest, ReplayResponse, ReplayWorld } from './server.js';

export interface FeedItem {
  title: string;
  /** Absolute link on the vendor's site, as real feeds carry. */
  link: string;
  description: string;
  /** ISO 8601. */
  publishedAt: string;
  categories?: string[];
  author?: string;
}

export interface FeedDoc {
  shape: 'google-ai' | 'cdata';
  /** Channel title, site link and self URL (the `cdata` shape; `google-ai` keeps the recorded ones). */
  channel?: { title: string; link: string; description: string; self: string };
  items: FeedItem[];
}

export interface FeedState {
  /** Path on the world (`/meta/news/feed/`) → the feed served there. */
  feeds: Map<string, FeedDoc>;
}

const GOOGLE_AI = 'vendors/google_ai_rss.xml';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cdata(s: string): string {
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function newestFirst(items: FeedItem[]): FeedItem[] {
  return [...items].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.link.localeCompare(b.link));
}

function lastBuild(items: FeedItem[]): Date {
  return new Date(Math.max(0, ...items.map((i) => Date.parse(i.publishedAt))));
}

function googleAi(doc: FeedDoc): string {
  const recorded = readFixture(GOOGLE_AI);
  const head = recorded.slice(0, recorded.indexOf('<item>'));
  const date = (iso: string) => new Date(iso).toUTCString().replace(/GMT$/, '+0000');
  const header = head.replace(
    /<lastBuildDate>[^<]*<\/lastBuildDate>/,
    `<lastBuildDate>${date(lastBuild(doc.items).toISOString())}</lastBuildDate>`,
  );
  const items = newestFirst(doc.items).map(
    (i) =>
      `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><description>${esc(i.description)}</description>` +
      `<pubDate>${date(i.publishedAt)}</pubDate><guid>${esc(i.link)}</guid>` +
      (i.categories ?? ['AI']).map((c) => `<category>${esc(c)}</category>`).join('') +
      `<og xmlns:og="http://ogp.me/ns#"><type>article</type><title>${esc(i.title)}</title><description>${esc(i.description)}</description><site_name>Google</site_name><url>${esc(i.link)}</url></og>` +
      `<author xmlns:author="http://www.w3.org/2005/Atom"><name>${esc(i.author ?? 'Google')}</name><title/><department/><company/></author></item>`,
  );
  return `${header}${items.join('\n')}</channel></rss>`;
}

function cdataFeed(doc: FeedDoc): string {
  const c = doc.channel ?? { title: 'News', link: 'https://example.com/', description: 'News', self: 'https://example.com/feed/' };
  const items = newestFirst(doc.items).map(
    (i) => `<item>
            <title>${cdata(i.title)}</title>
            <description>${cdata(i.description)}</description>
            <link>${esc(i.link)}</link>
            <guid isPermaLink="true">${esc(i.link)}</guid>
${(i.categories ?? []).map((cat) => `            <category>${cdata(cat)}</category>\n`).join('')}            <pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate>
        </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
    <channel>
        <title>${cdata(c.title)}</title>
        <description>${cdata(c.description)}</description>
        <link>${esc(c.link)}</link>
        <generator>${esc(c.title)}</generator>
        <lastBuildDate>${lastBuild(doc.items).toUTCString()}</lastBuildDate>
        <atom:link href="${esc(c.self)}" rel="self" type="application/rss+xml"/>
        ${items.join('\n')}
    </channel>
</rss>`;
}

export function renderFeed(doc: FeedDoc): string {
  return doc.shape === 'google-ai' ? googleAi(doc) : cdataFeed(doc);
}

function unexpected(world: ReplayWorld, req: RecordedRequest, why: string): ReplayResponse {
  world.unexpected.push(req);
  return { status: 599, headers: { 'content-type': 'text/plain' }, body: `replay feeds: ${why}` };
}

/** Installs one route per feed path held by `state()` (paths are fixed when routed). */
export function routeFeeds(world: ReplayWorld, state: () => FeedState): void {
  const pathOf = (url: string) => new URL(url, 'http://x').pathname;
  world.route(
    'GET',
    (url) => state().feeds.has(pathOf(url)),
    (req) => {
      const doc = state().feeds.get(pathOf(req.url));
      if (!doc) return unexpected(world, req, `no feed at ${pathOf(req.url)}`);
      const body = renderFeed(doc);
      const etag = expressEtag(body);
      const lastModified = lastBuild(doc.items).toUTCString();
      const headers = {
        'Content-Type': 'application/rss+xml; charset=UTF-8',
        ETag: etag,
        'Last-Modified': lastModified,
        Vary: 'Accept-Encoding',
      };
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const fresh = inm !== undefined ? inm === etag : ims !== undefined && Date.parse(String(ims)) >= Date.parse(lastModified);
      if (fresh) return { status: 304, headers };
      return { status: 200, headers, body };
    },
  );
}
