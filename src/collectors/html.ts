// HTML read with cheerio 1.x (https://cheerio.js.org/docs/api), pure: a listing page → its posts
// (scrapePage, for the page collector) and a post's article page → its lead and links
// (articleFromHtml, for collectors/article.ts). This is the only module that imports cheerio.
// A listing page that yields no items, or items without title or link, is a permanent
// SourceError ("layout changed?") naming the selector — never a silent empty success.
import { load } from 'cheerio';
import { MAX_ITEMS_PER_POLL } from '../config/defaults.js';
import { sha256 } from '../shared/hash.js';
import { SourceError } from '../errors.js';
import type { PageSelectors, PostObservation } from '../model.js';
import { findDate, parseDate } from './dates.js';
import { htmlDepth, MAX_HTML_DEPTH } from './html-depth.js';

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

type Selection = ReturnType<ReturnType<typeof load>>;

/** The first element matching `selector` inside `item`, else `item` itself when it matches. */
function pick(item: Selection, selector: string): Selection | null {
  const inside = item.find(selector).first();
  if (inside.length) return inside;
  return item.is(selector) ? item : null;
}

function layoutError(label: string, what: string, selector: string, detail: string): SourceError {
  return new SourceError(`${label}: layout changed? ${what} selector "${selector}" ${detail}`, false);
}

/**
 * Page HTML → observations, in page order with unique keys (the resolved link). `pageUrl`
 * resolves relative links (a `<base href>` in the page wins, as in a browser).
 */
export function scrapePage(html: string, pageUrl: string, select: PageSelectors, label: string): PostObservation[] {
  // Parsing time grows with the square of the nesting depth: a hostile page must not freeze the
  // service, so a page nested deeper than a browser would build is an error of the source.
  const depth = htmlDepth(html, MAX_HTML_DEPTH);
  if (depth > MAX_HTML_DEPTH) {
    throw new SourceError(`${label}: the page nests elements more than ${MAX_HTML_DEPTH} levels deep; not parsed`, false);
  }
  const $ = load(html);
  let base = pageUrl;
  const baseHref = $('base[href]').first().attr('href');
  if (baseHref) {
    try {
      base = new URL(baseHref, pageUrl).href;
    } catch {
      // an unusable <base> is ignored, as browsers do
    }
  }
  let items: Selection;
  try {
    items = $(select.item);
  } catch (err) {
    throw new SourceError(`${label}: invalid item selector "${select.item}": ${(err as Error).message}`, false, { cause: err });
  }
  if (items.length === 0) throw layoutError(label, 'item', select.item, 'matched nothing');

  const noTitle: number[] = [];
  const noLink: number[] = [];
  const posts: PostObservation[] = [];
  const byKey = new Map<string, PostObservation>();
  // A listing of 100,000 items is read up to MAX_ITEMS_PER_POLL of them, in page order.
  for (let i = 0; i < Math.min(items.length, MAX_ITEMS_PER_POLL); i++) {
    const item = items.eq(i);
    let titleEl: Selection | null, linkEl: Selection | null, dateEl: Selection | null;
    try {
      titleEl = pick(item, select.title);
      linkEl = pick(item, select.link);
      dateEl = select.date ? pick(item, select.date) : null;
    } catch (err) {
      throw new SourceError(`${label}: invalid selector in ${JSON.stringify(select)}: ${(err as Error).message}`, false, { cause: err });
    }
    const title = titleEl ? squash(titleEl.text()) : '';
    const href = (linkEl?.attr('href') ?? linkEl?.find('a[href]').first().attr('href'))?.trim();
    let link: string | null = null;
    if (href && !/^(?:javascript:|#)/i.test(href)) {
      try {
        link = new URL(href, base).href;
      } catch {
        link = null;
      }
    }
    if (!title) noTitle.push(i + 1);
    if (!link) noLink.push(i + 1);
    if (!title || !link) continue;
    // <time datetime="…"> (the element or inside it) is exact; otherwise the element's text,
    // which may also hold a category ("Featured · April 8, 2026").
    const datetime = dateEl?.attr('datetime') ?? dateEl?.find('time[datetime]').first().attr('datetime');
    const publishedAt = parseDate(datetime) ?? findDate(dateEl ? squash(dateEl.text()) : null);
    const existing = byKey.get(link);
    if (existing) {
      // The same post twice (a featured card and its list entry): keep the first, fill its date.
      if (!existing.publishedAt && publishedAt) existing.publishedAt = publishedAt;
      continue;
    }
    const post: PostObservation = { type: 'post', key: link, title, link, publishedAt, summary: null, contentHash: sha256(`${title}\n`) };
    byKey.set(link, post);
    posts.push(post);
  }
  const of = (list: number[]) =>
    `in ${list.length} of ${items.length} items (item ${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''})`;
  if (noTitle.length) throw layoutError(label, 'title', select.title, `found no text ${of(noTitle)}`);
  if (noLink.length) throw layoutError(label, 'link', select.link, `found no usable href ${of(noLink)}`);
  return posts;
}

/** What a post's own page says first: its opening paragraphs and every link in it. */
export interface ArticleText {
  /** The first paragraphs of the article (or of the page's main content), squashed. */
  lead: string | null;
  /** Every href of the page, resolved against its URL, in page order, unique. */
  links: string[];
}

/**
 * A post's article page → its lead and links (collectors/article.ts decides when to fetch it).
 * Paragraphs are read from `<article>`, else `<main>`, else the body, skipping navigation,
 * headers and footers; the lead stops after `maxChars`.
 */
export function articleFromHtml(html: string, pageUrl: string, o: { maxChars: number; maxLinks: number }): ArticleText {
  // A hostile article page nested deeper than any real one would block the event loop in the
  // parser (issue 13, finding 1): it is read as an article with nothing in it.
  if (htmlDepth(html, MAX_HTML_DEPTH) > MAX_HTML_DEPTH) return { lead: null, links: [] };
  const $ = load(html);
  $('script, style, noscript, template, svg').remove();
  const links: string[] = [];
  const seen = new Set<string>();
  $('a[href]').each((_, el) => {
    if (links.length >= o.maxLinks) return;
    const href = $(el).attr('href')?.trim();
    if (!href || /^(?:javascript:|mailto:|#)/i.test(href)) return;
    try {
      const abs = new URL(href, pageUrl).href;
      if (!seen.has(abs)) {
        seen.add(abs);
        links.push(abs);
      }
    } catch {
      // an unusable href is skipped
    }
  });
  const root = $('article').first().length ? $('article').first() : $('main').first().length ? $('main').first() : $('body');
  root.find('nav, header, footer, aside, form, button').remove();
  let lead = '';
  root.find('p').each((_, el) => {
    if (lead.length >= o.maxChars) return;
    const t = squash($(el).text());
    if (t.length < 20) return; // bylines, dates, "Share"
    lead = lead ? `${lead}\n${t}` : t;
  });
  return { lead: lead ? lead.slice(0, o.maxChars) : null, links };
}
