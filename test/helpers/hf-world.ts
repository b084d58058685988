// A Hugging Face Hub replay on top of the replay server, built from recorded responses in
// test/fixtures/huggingface/ (see its PROVENANCE.md). The world is mutable state read at request
// time: tests change it between polls (a new commit, a licence edit, a removed repo).
//   GET /api/models?author=…            list pages (weak ETag, 304, Link rel="next", RateLimit)
//   GET /api/models/{id}                 scripted per id (recorded 307 / 401 / 200 bodies)
//   GET /{id}/resolve/main/{file}        licence files (ETag = git blob sha1, 304)
// A request for anything the world does not hold is recorded as unexpected (assertClean fails).
import { readFileSync } from 'node:fs';
import { HF_EXPAND } from '../../src/collectors/huggingface.js';
import type { RecordedRequest, ReplayResponse, ReplayWorld } from './replay-server.js';

export interface HfRecording {
  request: { method: string; url: string };
  response: { status: number; statusText: string; headers: Record<string, string>; body: unknown };
  source: { repo: string; commit: string; path: string };
}

export type HfBody = Record<string, unknown> & { _id: string; id: string; lastModified?: string; sha?: string };

const DIR = new URL('../fixtures/huggingface/', import.meta.url);

export function loadHf(file: string): HfRecording {
  return JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as HfRecording;
}

/** A deep copy of a recorded full model-info body. */
export function hfBody(file: string): HfBody {
  return structuredClone(loadHf(file).response.body) as HfBody;
}

export const LLAMA_31 = 'model-info_meta-llama_Llama-3.1-8B-Instruct_2025-03-21.json';
export const LLAMA_3_70B = 'model-info_meta-llama_Meta-Llama-3-70B-Instruct_2025-03-21.json';
export const LLAMA_3_8B = 'model-info_meta-llama_Meta-Llama-3-8B-Instruct_2025-03-21.json';
export const LLAMA_31_307 = 'model-info_meta-llama_Meta-Llama-3.1-8B-Instruct_307_2025-03-21.json';
export const BERT = 'model-info_google-bert_bert-base-uncased_2025-01-22.json';
export const HUB_401 = 'router_chat-completions_meta-llama_Meta-Llama-3-70B-Instruct_401_2025-03-21.json';

// The Hub's ETag forms are shared with the demo world.
export { expressEtag, gitBlobSha } from '../../demo/world/hub.js';
import { expressEtag, gitBlobSha } from '../../demo/world/hub.js';

/** Response headers recorded on the Hub's model-info 200, without per-body ones. */
function hubHeaders(): Record<string, string> {
  const rec = loadHf(LLAMA_31).response.headers;
  const keep = [
    'Access-Control-Allow-Origin',
    'Access-Control-Expose-Headers',
    'Content-Type',
    'Referrer-Policy',
    'Vary',
    'X-Powered-By',
    'X-Request-Id',
    'cross-origin-opener-policy',
  ];
  return Object.fromEntries(keep.filter((k) => rec[k] !== undefined).map((k) => [k, rec[k]!]));
}

const RATE_LIMIT = { RateLimit: '"api";r=497;t=212', 'RateLimit-Policy': '"fixed window";"api";q=500;w=300' };

/** A list item as `expand=` returns it: the expanded keys plus `_id` and `id`. */
export function listItem(body: HfBody): Record<string, unknown> {
  const keys = new Set<string>(['_id', 'id', ...HF_EXPAND]);
  return Object.fromEntries(Object.entries(body).filter(([k]) => keys.has(k)));
}

export interface HfWorldOptions {
  author: string;
  models: HfBody[];
  /** Items per list page (the real maximum is 1000). */
  pageSize?: number;
}

export class HfWorld {
  author: string;
  models: HfBody[];
  pageSize: number;
  /** repo id → LICENSE text served at /{id}/resolve/main/LICENSE. */
  licenses = new Map<string, string>();
  /** `/api/models/{id}` path → scripted response. */
  info = new Map<string, ReplayResponse>();
  /** Every list request answers this status (5xx scenarios). */
  failWith: number | null = null;
  /** The list answers 200 with this raw body (schema scenarios). */
  rawListBody: string | null = null;

  constructor(opts: HfWorldOptions) {
    this.author = opts.author;
    this.models = opts.models;
    this.pageSize = opts.pageSize ?? 1000;
  }

  model(id: string): HfBody {
    const m = this.models.find((b) => b.id === id);
    if (!m) throw new Error(`hf-world: no model ${id}`);
    return m;
  }

  /** Serves the recorded response of `file` for GET /api/models/{its id or `id`}. */
  recorded(path: string, file: string): void {
    const r = loadHf(file).response;
    this.info.set(path, { status: r.status, headers: r.headers, body: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) });
  }

  sorted(): HfBody[] {
    return [...this.models].sort((a, b) => Date.parse(b.lastModified ?? '') - Date.parse(a.lastModified ?? ''));
  }
}

function conditional(req: RecordedRequest, etag: string, headers: Record<string, string>, body: string | Buffer): ReplayResponse {
  if (req.headers['if-none-match'] === etag) return { status: 304, headers: { ...headers, ETag: etag } };
  return { status: 200, headers: { ...headers, ETag: etag }, body };
}

function unexpected(world: ReplayWorld, req: RecordedRequest, why: string): ReplayResponse {
  world.unexpected.push(req);
  return { status: 599, headers: { 'content-type': 'text/plain' }, body: `hf-world: ${why}` };
}

/** Installs the Hub's routes on `world`, answering from `hf` at request time. */
export function routeHf(world: ReplayWorld, hf: HfWorld): void {
  world.route(
    'GET',
    (url) => new URL(url, 'http://x').pathname === '/api/models',
    (req) => {
      const u = new URL(req.url, world.url);
      if (u.searchParams.get('author') !== hf.author) return unexpected(world, req, `list for author ${u.searchParams.get('author')}`);
      if (hf.failWith) return { status: hf.failWith, headers: { 'content-type': 'text/plain', ...RATE_LIMIT }, body: 'upstream error' };
      if (hf.rawListBody !== null) return { status: 200, headers: { ...hubHeaders(), ...RATE_LIMIT }, body: hf.rawListBody };
      const page = Number(u.searchParams.get('cursor') ?? '0');
      const limit = Math.min(Number(u.searchParams.get('limit') ?? '1000'), hf.pageSize);
      const all = hf.sorted();
      const items = all.slice(page * limit, (page + 1) * limit).map(listItem);
      const body = JSON.stringify(items);
      const headers: Record<string, string> = { ...hubHeaders(), ...RATE_LIMIT };
      if ((page + 1) * limit < all.length) {
        const next = new URL(u.href);
        next.searchParams.set('cursor', String(page + 1));
        headers['Link'] = `<${next.href}>; rel="next"`;
      }
      return conditional(req, expressEtag(body), headers, body);
    },
  );

  world.route(
    'GET',
    (url) => url.startsWith('/api/models/'),
    (req) => {
      const path = new URL(req.url, world.url).pathname;
      const scripted = hf.info.get(path);
      if (scripted) return scripted;
      const id = decodeURIComponent(path.slice('/api/models/'.length));
      const m = hf.models.find((b) => b.id === id);
      if (!m) return unexpected(world, req, `no scripted answer for ${path}`);
      const body = JSON.stringify(m);
      return conditional(req, expressEtag(body), hubHeaders(), body);
    },
  );

  world.route(
    'GET',
    (url) => url.includes('/resolve/main/'),
    (req) => {
      const path = new URL(req.url, world.url).pathname;
      const m = /^\/(.+)\/resolve\/main\/(.+)$/.exec(path);
      const text = m && m[2] === 'LICENSE' ? hf.licenses.get(decodeURIComponent(m[1]!)) : undefined;
      if (!m || text === undefined) return unexpected(world, req, `no file ${path}`);
      const repo = hf.models.find((b) => b.id === decodeURIComponent(m[1]!));
      const headers = {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Repo-Commit': String(repo?.sha ?? ''),
        'Access-Control-Expose-Headers': hubHeaders()['Access-Control-Expose-Headers'] ?? '',
        'X-Powered-By': 'huggingface-moon',
        RateLimit: '"resolvers";r=2999;t=300',
      };
      return conditional(req, `"${gitBlobSha(text)}"`, headers, text);
    },
  );
}

/** The Llama 3.1 licence text the recorded body carries in its gating prompt. */
export function llama31LicenseText(): string {
  const card = (hfBody(LLAMA_31)['cardData'] ?? {}) as { extra_gated_prompt?: string };
  if (!card.extra_gated_prompt) throw new Error('hf-world: recorded Llama 3.1 body has no extra_gated_prompt');
  return card.extra_gated_prompt;
}

/** The meta-llama author as recorded: Llama 3.1 8B Instruct, Llama 3 8B and 70B Instruct. */
export function metaLlamaWorld(): HfWorld {
  const hf = new HfWorld({ author: 'meta-llama', models: [hfBody(LLAMA_31), hfBody(LLAMA_3_8B), hfBody(LLAMA_3_70B)] });
  const text = llama31LicenseText();
  hf.licenses.set('meta-llama/Llama-3.1-8B-Instruct', text);
  // The Llama 3 repos carry their own LICENSE; the recorded bodies have no text for it, so the
  // replay serves the 3.1 text with its title adjusted (a stand-in, see PROVENANCE.md).
  hf.licenses.set('meta-llama/Meta-Llama-3-8B-Instruct', text.replace(/LLAMA 3\.1/g, 'META LLAMA 3'));
  hf.licenses.set('meta-llama/Meta-Llama-3-70B-Instruct', text.replace(/LLAMA 3\.1/g, 'META LLAMA 3'));
  return hf;
}
