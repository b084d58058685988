// The Hugging Face Hub side of a replay world: mutable state read at request time, answered the
// way the Hub answers (../shared/reference/external-apis.md §0, §1):
//   GET /api/models?author=…&sort=…&limit=…&expand=…   a JSON array, only the expanded keys plus
//        `_id`/`id`; Express weak ETag over the bytes, 304 on a matching If-None-Match;
//        `Link: <absolute URL>; rel="next"` while more pages remain; RateLimit headers
//   GET /api/models/{id}                                the full body, same ETag rules
//   GET /{id}/resolve/main/{file}                       small git files: ETag = quoted git blob
//        sha1, X-Repo-Commit, 304 on a matching If-None-Match
// Headers come from the recorded model-info 200 of meta-llama/Llama-3.1-8B-Instruct
// (demo/recordings/PROVENANCE.md, test/fixtures/huggingface/PROVENANCE.md). Anything the state
// does not hold is recorded as unexpected, so `assertClean()` fails.
import { createHash } from 'node:crypto';
import { readJsonFixture, type HfRecording } from './fixtures.js';
import type { RecordedRequest, ReplayResponse, ReplayWorld } from './server.js';

export type HubRepo = Record<string, unknown> & { _id: string; id: string; lastModified: string; sha: string };

export interface HubState {
  /** author → its repos (full model-info bodies). */
  authors: Map<string, HubRepo[]>;
  /** `<repo id>/<path>` → file text served by /resolve/main/. */
  files: Map<string, string>;
}

export const HUB_RECORDED_INFO = 'huggingface/model-info_meta-llama_Llama-3.1-8B-Instruct_2025-03-21.json';

/** Keys of a list item when no `expand` is asked for (external-apis.md §1.2). */
const DEFAULT_LIST_KEYS = ['_id', 'id', 'likes', 'private', 'downloads', 'tags', 'pipeline_tag', 'library_name', 'createdAt', 'modelId'];
/** The Hub's largest page (a third-party observation; huggingface.js caps at 500). */
const MAX_LIMIT = 1000;
const RATE_LIMIT = { RateLimit: '"api";r=497;t=212', 'RateLimit-Policy': '"fixed window";"api";q=500;w=300' };

/** Express's weak ETag, the form of every recorded Hub ETag: W/"<len hex>-<sha1 base64, 27 chars>". */
export function expressEtag(body: string | Buffer): string {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  return `W/"${buf.length.toString(16)}-${createHash('sha1').update(buf).digest('base64').slice(0, 27)}"`;
}

/** The git blob sha1 of a file's bytes (the ETag /resolve/ sends for small git files). */
export function gitBlobSha(text: string | Buffer): string {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${buf.length}\0`), buf]))
    .digest('hex');
}

/** A deep copy of a recorded model-info body. */
export function recordedHubBody(file: string): HubRepo {
  return structuredClone(readJsonFixture<HfRecording>(file).response.body) as HubRepo;
}

/** Response headers of the recorded model-info 200, without the per-body and per-hop ones. */
function hubHeaders(): Record<string, string> {
  const rec = readJsonFixture<HfRecording>(HUB_RECORDED_INFO).response.headers;
  const keep = [
    'Access-Control-Allow-Origin',
    'Access-Control-Expose-Headers',
    'Content-Type',
    'Referrer-Policy',
    'Vary',
    'X-Powered-By',
    'cross-origin-opener-policy',
  ];
  return Object.fromEntries(keep.filter((k) => rec[k] !== undefined).map((k) => [k, rec[k]!]));
}

function conditional(req: RecordedRequest, etag: string, headers: Record<string, string>, body: string): ReplayResponse {
  if (req.headers['if-none-match'] === etag) return { status: 304, headers: { ...headers, ETag: etag } };
  return { status: 200, headers: { ...headers, ETag: etag }, body };
}

function unexpected(world: ReplayWorld, req: RecordedRequest, why: string): ReplayResponse {
  world.unexpected.push(req);
  return { status: 599, headers: { 'content-type': 'text/plain' }, body: `replay hub: ${why}` };
}

function sortKey(repo: HubRepo, sort: string): number {
  return Date.parse(String(sort === 'createdAt' ? repo['createdAt'] : repo.lastModified)) || 0;
}

/** Installs the Hub's routes on `world`, answering from `state()` at request time. */
export function routeHub(world: ReplayWorld, state: () => HubState, opts: { pageSize?: number } = {}): void {
  const headers: Record<string, string> = { ...hubHeaders(), ...RATE_LIMIT };
  const pathOf = (url: string) => new URL(url, 'http://x').pathname;
  const findRepo = (id: string) => [...state().authors.values()].flat().find((r) => r.id === id);

  world.route(
    'GET',
    (url) => pathOf(url) === '/api/models',
    (req) => {
      const q = new URL(req.url, world.url).searchParams;
      const author = q.get('author') ?? '';
      const repos = state().authors.get(author);
      if (!repos) return unexpected(world, req, `list for an author the world does not hold: ${author}`);
      const sort = q.get('sort') ?? 'lastModified';
      if (sort !== 'lastModified' && sort !== 'createdAt') return unexpected(world, req, `list sorted by ${sort}`);
      const limit = Math.min(Number(q.get('limit') ?? MAX_LIMIT) || MAX_LIMIT, MAX_LIMIT, opts.pageSize ?? MAX_LIMIT);
      const page = Number(q.get('cursor') ?? '0');
      // Sorting is always descending (huggingface_hub removed `direction` in March 2026).
      const all = [...repos].sort((a, b) => sortKey(b, sort) - sortKey(a, sort) || a.id.localeCompare(b.id));
      const expand = q.getAll('expand').concat(q.getAll('expand[]'));
      const keys = new Set(expand.length ? ['_id', 'id', ...expand] : DEFAULT_LIST_KEYS);
      const items = all
        .slice(page * limit, (page + 1) * limit)
        .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => keys.has(k))));
      const body = JSON.stringify(items);
      const h: Record<string, string> = { ...headers };
      if ((page + 1) * limit < all.length) {
        const next = new URL(req.url, world.url);
        next.searchParams.set('cursor', String(page + 1));
        h['Link'] = `<${next.href}>; rel="next"`;
      }
      return conditional(req, expressEtag(body), h, body);
    },
  );

  world.route(
    'GET',
    (url) => pathOf(url).startsWith('/api/models/'),
    (req) => {
      const id = decodeURIComponent(pathOf(req.url).slice('/api/models/'.length)).replace(/\/revision\/[^/]+$/, '');
      const repo = findRepo(id);
      if (!repo) return unexpected(world, req, `no repo ${id}`);
      const body = JSON.stringify(repo);
      return conditional(req, expressEtag(body), headers, body);
    },
  );

  world.route(
    'GET',
    (url) => pathOf(url).includes('/resolve/main/'),
    (req) => {
      const m = /^\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/.exec(decodeURIComponent(pathOf(req.url)));
      const repo = m ? findRepo(m[1]!) : undefined;
      const text = m ? state().files.get(`${m[1]}/${m[2]}`) : undefined;
      if (!m || !repo || text === undefined) return unexpected(world, req, `no file ${pathOf(req.url)}`);
      const h = {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Repo-Commit': repo.sha,
        'Access-Control-Expose-Headers': headers['Access-Control-Expose-Headers'] ?? '',
        'X-Powered-By': 'huggingface-moon',
        RateLimit: '"resolvers";r=2999;t=300',
        'RateLimit-Policy': '"fixed window";"resolvers";q=3000;w=300',
      };
      return conditional(req, `"${gitBlobSha(text)}"`, h, text);
    },
  );
}
