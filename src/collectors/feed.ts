// Feeds (RSS 0.9x/1.0/2.0 and Atom) through rss-parser 3.13 (https://github.com/rbren/rss-parser).
// The bytes come from the HTTP edge (conditional GET with the stored validators, size cap,
// retries) — never from rss-parser's own parseURL, which buffers without limits, knows no
// charset beyond a few Node encodings and keeps its ETags in the parser instance. decode.ts
// turns the bytes into text, then `parseString` builds the feed and each entry becomes one
// PostObservation. This is the only module that imports rss-parser.
import { MAX_ITEMS_PER_POLL } from '../config/defaults.js';
import Parser from 'rss-parser';
import { SourceError } from '../errors.js';
import type { PostObservation, SourceConfig } from '../model.js';
import { sha256 } from '../shared/hash.js';
import { parseDate } from './dates.js';
import { decodeXml } from './decode.js';
import { readArticles } from './article.js';
import { fetchDocument } from './document.js';
import { sourceLabel } from './errors.js';
import type { Collector, CollectorContext, CollectResult } from './types.js';

export const FEED_KIND = 'feed';

export const FEED_DEFAULTS = {
  /** Feeds are small; a 1,229-item OpenAI feed is about 1 MB. */
  maxBytes: 8 * 1024 * 1024,
  /** Summaries are kept this long (for announcements' lead and the digest), hashes see all. */
  summaryChars: 1000,
} as const;

const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** Fields read from rss-parser's item (its typings miss Atom's `id` and `summary`). */
interface RawItem {
  title?: unknown;
  link?: unknown;
  guid?: unknown;
  id?: unknown;
  pubDate?: unknown;
  date?: unknown;
  isoDate?: unknown;
  content?: unknown;
  contentSnippet?: unknown;
  summary?: unknown;
  'content:encoded'?: unknown;
  'content:encodedSnippet'?: unknown;
}

/** `feed: <source id>` — with the target appended when the id does not already show it. */
export function feedLabel(source: Pick<SourceConfig, 'id' | 'target'>): string {
  return sourceLabel(FEED_KIND, source.id.includes(source.target) ? source.id : `${source.id} (${source.target})`);
}

/** A text value from xml2js output: strings as is, `{_: text}` objects unwrapped, else null. */
function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { _?: unknown })._ === 'string') return (v as { _: string })._;
  return null;
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Markup → plain text, for Atom summaries of type html (rss-parser snippets only its `content`). */
function htmlToText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
    const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** Absolute links are kept byte for byte; relative ones are resolved against the feed URL. */
function resolveLink(link: string | null, base: string): string | null {
  const l = link?.trim();
  if (!l) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(l)) return l;
  try {
    return new URL(l, base).href;
  } catch {
    return null;
  }
}

/** One feed entry → one observation. Identity: guid/id, else link, else sha256(title + date). */
export function entryToPost(item: RawItem, baseUrl: string): PostObservation {
  const rawTitle = text(item.title);
  const link = resolveLink(text(item.link), baseUrl);
  const content = text(item['content:encoded']) ?? text(item.content) ?? text(item.summary);
  // The lead: Atom's <summary>, else the RSS <description> (or Atom <content>), else content:encoded.
  const atomSummary = text(item.summary);
  const snippet = (atomSummary ? htmlToText(atomSummary) : null) || text(item.contentSnippet) || text(item['content:encodedSnippet']);
  const summary = snippet ? squash(snippet).slice(0, FEED_DEFAULTS.summaryChars) || null : null;
  // An entry without a title (RSS allows it) is named by its lead, its link, or nothing.
  const title = squash(rawTitle ?? '') || (summary ? summary.slice(0, 120) : '') || link || '(untitled)';
  const dateText = text(item.pubDate) ?? text(item.date);
  const publishedAt = parseDate(dateText) ?? parseDate(text(item.isoDate));
  const id = (text(item.guid) ?? text(item.id))?.trim() || null;
  const key = id ?? link ?? `sha256:${sha256(`${title}\n${dateText ?? ''}`)}`;
  return {
    type: 'post',
    key,
    title,
    link,
    publishedAt,
    summary,
    contentHash: sha256(`${title}\n${content ?? ''}`),
  };
}

function looksLikeHtml(head: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(head);
}

/**
 * Feed text → observations (unique keys, document order). Throws a permanent SourceError with
 * a clear message for a document that is not a feed, an HTML page, or malformed XML.
 */
export async function parseFeedText(xml: string, baseUrl: string, label: string): Promise<PostObservation[]> {
  const head = xml.slice(0, 2048);
  if (looksLikeHtml(head)) {
    throw new SourceError(`${label}: got an HTML page instead of a feed (wrong URL, or the site moved its feed?)`, false);
  }
  if (!xml.trim()) throw new SourceError(`${label}: not a feed: the response body is empty`, false);
  // defaultRSS: an `<rss>` without a version attribute (real feeds have them) is read as RSS 2.
  const parser = new Parser({ defaultRSS: 2 });
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(withChannel(xml));
  } catch (err) {
    throw parseFailure(err, label);
  }
  const seen = new Set<string>();
  const posts: PostObservation[] = [];
  for (const item of (feed.items ?? []) as RawItem[]) {
    const post = entryToPost(item, baseUrl);
    if (seen.has(post.key)) continue; // a feed repeating an entry: the first one counts
    seen.add(post.key);
    posts.push(post);
  }
  return posts;
}

/**
 * rss-parser dereferences `rss.channel[0]` unchecked, so a well-formed `<rss>` without a
 * `<channel>` (empty, or with `<item>`s right under the root, as some generators write) throws a
 * TypeError. Wrapping the root's content in a channel reads it the way feedparser does: no
 * entries, or those items.
 */
function withChannel(xml: string): string {
  if (/<channel[\s>/]/.test(xml)) return xml;
  const open = /<rss(?:\s[^>]*)?>/.exec(xml);
  const close = xml.lastIndexOf('</rss');
  if (!open || close < open.index) return xml;
  const start = open.index + open[0].length;
  return `${xml.slice(0, start)}<channel>${xml.slice(start, close)}</channel>${xml.slice(close)}`;
}

function parseFailure(err: unknown, label: string): SourceError {
  const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
  if (/Feed not recognized/i.test(msg)) {
    return new SourceError(`${label}: not a feed: the XML is neither RSS nor Atom`, false, { cause: err });
  }
  if (msg === 'Unable to parse XML.') {
    return new SourceError(`${label}: malformed XML: no root element (an empty document?)`, false, { cause: err });
  }
  if (err instanceof TypeError) {
    // rss-parser reads `channel[0]` etc. without checking: a skeleton `<rss>` lands here.
    return new SourceError(`${label}: malformed feed: required elements missing (${msg})`, false, { cause: err });
  }
  return new SourceError(`${label}: malformed XML: ${msg}`, false, { cause: err });
}

async function poll(ctx: CollectorContext): Promise<CollectResult> {
  const { source } = ctx;
  const url = source.target;
  const label = feedLabel(source);
  const fetched = await fetchDocument(ctx, { label, accept: ACCEPT, maxBytes: FEED_DEFAULTS.maxBytes });
  if (fetched.notModified) return fetched.result;
  const { res, base } = fetched;
  const decoded = decodeXml(res.body, res.headers['content-type']);
  // Feeds list newest first: a feed of 100,000 entries keeps its first MAX_ITEMS_PER_POLL, so
  // one answer cannot fill the memory and the store of the service.
  const observations = (await parseFeedText(decoded.text, res.url || url, label)).slice(0, MAX_ITEMS_PER_POLL);
  const articles = await readArticles(observations, ctx, label);
  return {
    ...base,
    validators: [...base.validators, ...articles.validators],
    requests: base.requests + articles.requests,
    cursor: {},
    observations,
    notModified: 0,
  };
}

/** The feed collector: stateless, so one object serves every feed source. */
export const feedCollector: Collector = { kind: 'feed', poll };
