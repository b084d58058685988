// HTML listing pages (vendors without a feed: Anthropic news, Meta AI blog, xAI, DeepSeek)
// scraped with cheerio 1.x (https://cheerio.js.org/docs/api) using the selectors of the vendor's
// YAML: `item` finds the posts, `title`, `link` and `date` are looked up inside each item (or
// on the item itself: Anthropic's list items are the `<a>`). CSS-module hashes rotate, so the
// selectors use substring class matches such as `[class*="PublicationList-module"][class*="__listItem"]`.
// A page that yields no items, or items without title or link, is a permanent SourceError
// ("layout changed?") naming the selector — never a silent empty success. The HTML itself is
// read in html.ts (the only module that imports cheerio); this file fetches and decodes.
import { SourceError } from '../errors.js';
import type { SourceConfig } from '../model.js';
import { readArticles } from './article.js';
import { decodeHtml } from './decode.js';
import { fetchDocument } from './document.js';
import { sourceLabel } from './errors.js';
import { scrapePage } from './html.js';
import type { Collector, CollectorContext, CollectResult } from './types.js';

export const PAGE_KIND = 'page';

export const PAGE_DEFAULTS = {
  /** Next.js pages embed their CMS data: Anthropic's news page is ~170 KB, allow plenty. */
  maxBytes: 8 * 1024 * 1024,
} as const;

const ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** `page: <source id>` — with the target appended when the id does not already show it. */
export function pageLabel(source: Pick<SourceConfig, 'id' | 'target'>): string {
  return sourceLabel(PAGE_KIND, source.id.includes(source.target) ? source.id : `${source.id} (${source.target})`);
}

async function poll(ctx: CollectorContext): Promise<CollectResult> {
  const { source } = ctx;
  const url = source.target;
  const label = pageLabel(source);
  if (!source.select) throw new SourceError(`${label}: no selectors configured (select: {item, title, link, date})`, false);
  const fetched = await fetchDocument(ctx, { label, accept: ACCEPT, maxBytes: PAGE_DEFAULTS.maxBytes });
  if (fetched.notModified) return fetched.result;
  const { res, base } = fetched;
  const html = decodeHtml(res.body, res.headers['content-type']).text;
  const observations = scrapePage(html, res.url || url, source.select, label);
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

/** The page collector: stateless, so one object serves every page source. */
export const pageCollector: Collector = { kind: 'page', poll };
