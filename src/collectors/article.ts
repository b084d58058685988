// Reading a post's article when its feed item is not enough (sources with `articles: true`): a title that looks like a launch (or
// names one of the vendor's families) with no usable lead gets its page fetched once — a
// conditional GET through the HTTP edge with the stored validators, at most
// ARTICLE_DEFAULTS.maxPerPoll per poll — and its opening paragraphs and every href are kept on the
// post observation (`articleLead`, `links`). The launch reader then reads the lead (model names,
// the access it states), and the release grouping follows the links (Hub repos, GitHub releases).
// A failed article fetch never fails the source: the post is stored without it.
import type { PostObservation, VendorConfig } from '../model.js';
import { findNames } from '../classify/launch-grammar.js';
import { readLaunch } from '../classify/launch-reader.js';
import { decodeHtml } from './decode.js';
import { articleFromHtml } from './html.js';
import type { CollectorContext, CollectResult } from './types.js';

export const ARTICLE_DEFAULTS = {
  /** Article pages fetched per poll of one source, at most (the rest wait for the next poll). */
  maxPerPoll: 3,
  maxBytes: 4 * 1024 * 1024,
  /** A feed lead shorter than this says too little to read. */
  minLeadChars: 60,
  leadChars: 2000,
  maxLinks: 500,
} as const;

const ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';
/** Titles that sound like a launch even without a family name: "Two in-house models in support of our mission". */
const LAUNCH_WORDS =
  /\b(introduc\w*|announc\w*|launch\w*|releas\w*|unveil\w*|open[- ]?sourc\w*|models?|available)\b|发布|开源|推出|上线|模型/iu;

/** Does this post need its article read? Pure. */
export function wantsArticle(post: Pick<PostObservation, 'title' | 'summary' | 'link'>, vendor: VendorConfig): boolean {
  if (!post.link || !/^https?:/i.test(post.link)) return false;
  const lead = post.summary?.trim() ?? '';
  if (lead.length >= ARTICLE_DEFAULTS.minLeadChars && lead !== post.title.trim()) return false;
  if (readLaunch({ title: post.title, summary: null }, vendor).rule) return true;
  return findNames(post.title, vendor).length > 0 || LAUNCH_WORDS.test(post.title);
}

/**
 * Adds `articleLead` and `links` to the posts that need them (in place): carried over from the
 * stored state for posts already read, fetched for new ones within the per-poll bound.
 */
export async function readArticles(
  posts: PostObservation[],
  ctx: CollectorContext,
  label: string,
): Promise<Pick<CollectResult, 'requests' | 'validators'>> {
  let requests = 0;
  let fetched = 0;
  if (!ctx.source.articles) return { requests, validators: [] };
  const validators: CollectResult['validators'] = [];
  for (const post of posts) {
    const before = ctx.known.get(post.key)?.state as PostObservation | undefined;
    if (before?.type === 'post' && (before.links || before.articleLead !== undefined)) {
      // read once: the stored reading stays with the post
      if (before.links) post.links = before.links;
      if (before.articleLead !== undefined) post.articleLead = before.articleLead;
      continue;
    }
    // New posts, and known ones a busier poll left unread, within the per-poll bound
    if (!wantsArticle(post, ctx.vendor) || fetched >= ARTICLE_DEFAULTS.maxPerPoll) continue;
    if (ctx.signal?.aborted) break;
    fetched++;
    const url = post.link!;
    try {
      const stored = ctx.validators.get(url);
      const res = await ctx.http.request({
        url,
        label: `${label}: article`,
        headers: { accept: ACCEPT },
        ...(stored && { validators: stored }),
        maxBytes: ARTICLE_DEFAULTS.maxBytes,
        ...(ctx.maxWaitMs !== undefined && { maxWaitMs: ctx.maxWaitMs }),
        ...(ctx.signal && { signal: ctx.signal }),
      });
      requests += res.attempts;
      validators.push({ url, validators: res.validators });
      if (res.notModified) continue;
      if (res.status < 200 || res.status >= 300) {
        // read, and nothing there (404, 410, …): not asked again
        post.articleLead = null;
        post.links = [];
        continue;
      }
      const html = decodeHtml(res.body, res.headers['content-type']).text;
      const a = articleFromHtml(html, res.url || url, { maxChars: ARTICLE_DEFAULTS.leadChars, maxLinks: ARTICLE_DEFAULTS.maxLinks });
      post.articleLead = a.lead;
      post.links = a.links;
    } catch {
      // the article is extra: a transient failure leaves the post unread, tried again next poll
    }
  }
  return { requests, validators };
}
