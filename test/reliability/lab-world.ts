// The worlds of the reliability tests, built on demo/world's routes and the recorded fixtures:
//   - a Hub with recorded authors (meta-llama: the three recorded Llama bodies and their licence
//     texts) and derived ones (repos cut from the recorded bert-base-uncased body);
//   - GitHub repos with releases derived from the recorded octokit fixture and an MIT licence;
//   - RSS feeds in the recorded OpenAI-news shape (demo/world/feeds.ts), and HTML listing pages;
//   - the recorded DeepMind feed and Anthropic news page, served as recorded.
// Everything is mutable state read at request time; items are numbered, and item n of a thing is
// always the same bytes (so a test can say exactly which changes must become events).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { routeFeeds, type FeedDoc, type FeedItem, type FeedState } from '../../demo/world/feeds.js';
import { derivedRelease, routeGithub, type GhState } from '../../demo/world/github.js';
import { expressEtag, routeHub, type HubRepo, type HubState } from '../../demo/world/hub.js';
import type { RecordedRequest, ReplayResponse, ReplayWorld } from '../../demo/world/server.js';
import { BERT, hfBody, metaLlamaWorld } from '../helpers/hf-world.js';
import { MIT_TEXT } from '../helpers/gh-world.js';

/** The simulated clock's origin: every item date is before it, every poll after it. */
export const T0 = Date.parse('2026-06-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
/** Item n was published n minutes after this (a month before T0). */
const ITEM_EPOCH = T0 - 30 * 86_400_000;
export const itemTime = (n: number) => iso(ITEM_EPOCH + n * 60_000);

function hex(seed: string, len: number): string {
  return createHash('sha1').update(seed).digest('hex').slice(0, len);
}

// ---------------------------------------------------------------------------------------------
// Hub

/** Repo n of `author`, cut from the recorded bert-base-uncased body: `<author>/<stem>-<n>`,
 *  apache-2.0 (no licence file fetched), a licence name with non-ASCII letters. */
export function labRepo(author: string, stem: string, n: number): HubRepo {
  const body = hfBody(BERT) as Record<string, unknown>;
  const id = `${author}/${stem}-${n}`;
  const at = itemTime(n);
  const card = (body['cardData'] ?? {}) as Record<string, unknown>;
  return {
    ...body,
    _id: hex(`hub:${id}`, 24),
    id,
    modelId: id,
    author,
    sha: hex(`sha:${id}`, 40),
    createdAt: at,
    lastModified: at,
    cardData: { ...card, license_name: 'Lizenz für Forschung — Ü' },
  } as HubRepo;
}

/** meta-llama as recorded, with the licence files the collector fetches for bespoke licences. */
export function recordedMetaLlama(): { repos: HubRepo[]; files: [string, string][] } {
  const hf = metaLlamaWorld();
  return {
    repos: hf.models as unknown as HubRepo[],
    files: [...hf.licenses].map(([id, text]) => [`${id}/LICENSE`, text] as [string, string]),
  };
}

// ---------------------------------------------------------------------------------------------
// GitHub

export function labRelease(repo: string, n: number): Record<string, unknown> {
  return derivedRelease(repo, {
    id: 7000 + n,
    tag: `v1.${n}`,
    name: `Version 1.${n} — café`,
    body: `Release notes ${n}: fixes and improvements.`,
    publishedAt: itemTime(n).replace(/\.000Z$/, 'Z'),
  });
}

export const MIT = { spdx: 'MIT', key: 'mit', name: 'MIT License', text: MIT_TEXT };

// ---------------------------------------------------------------------------------------------
// Feeds and pages

export function labPost(n: number, title = `Lab note ${n}: modèle café`): FeedItem {
  return {
    title,
    link: `https://lab.example/notes/${n}`,
    description: `Note ${n} : détails du modèle, « café ».`,
    publishedAt: itemTime(n),
    categories: ['Research'],
  };
}

export function labFeed(items: FeedItem[]): FeedDoc {
  return {
    shape: 'cdata',
    channel: { title: 'Lab news', link: 'https://lab.example/', description: 'Lab news', self: 'https://lab.example/feed/' },
    items,
  };
}

export interface PageItem {
  title: string;
  /** Site-relative link. */
  href: string;
  date: string;
}

export function labPageItem(n: number): PageItem {
  return { title: `Lab story ${n}: modèle café`, href: `/news/story-${n}`, date: itemTime(n) };
}

/** Selectors of the generated listing page. */
export const PAGE_SELECT = { item: 'li.post', title: '.post-title', link: 'a.post-link', date: 'time' };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A listing page, newest first, UTF-8 with a `<meta charset>`. */
export function renderPage(items: PageItem[]): string {
  const rows = [...items]
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date))
    .map(
      (i) =>
        `<li class="post"><a class="post-link" href="${esc(i.href)}"><span class="post-title">${esc(i.title)}</span></a> <time datetime="${i.date}">${i.date.slice(0, 10)}</time></li>`,
    );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lab news</title></head><body><h1>News</h1><ul class="news">\n${rows.join('\n')}\n</ul></body></html>`;
}

// ---------------------------------------------------------------------------------------------
// Routes

export interface LabState {
  hub: HubState;
  gh: GhState;
  feeds: FeedState;
  /** Path → items of an HTML listing page. */
  pages: Map<string, PageItem[]>;
}

export function emptyState(): LabState {
  return { hub: { authors: new Map(), files: new Map() }, gh: { repos: new Map() }, feeds: { feeds: new Map() }, pages: new Map() };
}

function conditional(req: RecordedRequest, body: string | Buffer, headers: Record<string, string>): ReplayResponse {
  const etag = expressEtag(body);
  if (req.headers['if-none-match'] === etag) return { status: 304, headers: { ...headers, ETag: etag } };
  return { status: 200, headers: { ...headers, ETag: etag }, body };
}

/** Hub and GitHub routes (demo/world) answering from `state()`. */
export function routeApi(world: ReplayWorld, state: () => LabState): void {
  routeHub(world, () => state().hub);
  routeGithub(world, () => state().gh);
}

/** Feed routes (demo/world) and listing pages answering from `state()`; paths fixed when routed. */
export function routeSite(world: ReplayWorld, state: () => LabState): void {
  routeFeeds(world, () => state().feeds);
  const pathOf = (url: string) => new URL(url, 'http://x').pathname;
  world.route(
    'GET',
    (url) => state().pages.has(pathOf(url)),
    (req) => conditional(req, renderPage(state().pages.get(pathOf(req.url)) ?? []), { 'Content-Type': 'text/html; charset=utf-8' }),
  );
}

const VENDORS = new URL('../fixtures/vendors/', import.meta.url);

/** A recorded file served as recorded, with an ETag (304 on a matching If-None-Match). */
export function routeRecorded(world: ReplayWorld, path: string, file: string, contentType: string): void {
  const body = readFileSync(new URL(file, VENDORS));
  world.route('GET', path, (req) => conditional(req, body, { 'Content-Type': contentType }));
}

export const RECORDED_FEED = { file: 'deepmind_rss.xml', contentType: 'application/rss+xml; charset=utf-8' };
export const RECORDED_PAGE = {
  file: 'anthropic_news.html',
  contentType: 'text/html; charset=utf-8',
  // feeds/anthropic.yaml
  select: {
    item: "a[class*='FeaturedGrid-module'][class*='__content'], a[class*='FeaturedGrid-module'][class*='sideLink'], a[class*='PublicationList-module'][class*='listItem']",
    title: "h2[class*='featuredTitle'], h4[class*='__title'], span[class*='__title']",
    link: 'a',
    date: "time[class*='date']",
  },
};
