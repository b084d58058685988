// A generated replay world for the poll and memory benchmarks: Hugging Face authors with 50
// repos each, GitHub repos (releases + licence), RSS feeds and HTML listing pages, spread over
// the ten vendors of feeds/, generated deterministically from a seed (lib/prng.ts).
//
// The shapes follow ../shared/reference/external-apis.md: the HF list is a JSON array of
// `expand=` items with a weak Express ETag and 304 on a matching If-None-Match; the LICENSE of a
// repo comes from /{id}/resolve/main/LICENSE with its git blob sha as ETag (401 when the repo is
// gated: files of gated repos need an accepted licence and a token); GitHub answers releases and
// licence with strong ETags and 304 (the release objects are the recorded octokit fixture with
// other ids, tags and bodies; 404 for a repo without a licence); feeds send ETag and
// Last-Modified; pages an ETag. This module is pure state and response building; the loopback
// server around it is lib/world-server.ts.
import fs from 'node:fs';
import path from 'node:path';
import { Rng } from './prng.js';
import { ROOT } from './paths.js';
export { ghLicenseBody, strongEtag } from '../../demo/world/github.js';

export interface WorldSpec {
  seed: string;
  hfAuthors: number;
  reposPerAuthor: number;
  ghRepos: number;
  feeds: number;
  pages: number;
  /** Entries per feed and per page. */
  postsPerFeed: number;
}

/** 500 sources (poll benchmark). */
export const POLL_SPEC: WorldSpec = {
  seed: 'poll-v1',
  hfAuthors: 150,
  reposPerAuthor: 50,
  ghRepos: 150,
  feeds: 125,
  pages: 75,
  postsPerFeed: 20,
};
/** 1,000 sources (memory benchmark). */
export const MEMORY_SPEC: WorldSpec = {
  seed: 'memory-v1',
  hfAuthors: 300,
  reposPerAuthor: 50,
  ghRepos: 300,
  feeds: 250,
  pages: 150,
  postsPerFeed: 20,
};

/** Every date of the world is before this instant (fixed, so the world is the same every run). */
export const ANCHOR = Date.parse('2026-06-01T00:00:00.000Z');
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Vendors: what their repos are called and licensed under (the lines' patterns are feeds/'s).

interface Profile {
  id: string;
  hfOrg: string;
  ghOrg: string;
  /** Model families of the open line, the proprietary line, and of neither. */
  open: string[];
  prop: string[];
  other: string[];
  licenses: [string, number][];
  ghRepos: string[];
}

export const PROFILES: Profile[] = [
  {
    id: 'alibaba',
    hfOrg: 'Qwen',
    ghOrg: 'QwenLM',
    open: ['Qwen2.5', 'Qwen3', 'QwQ'],
    prop: ['Qwen-Max'],
    other: ['gte-base', 'mPLUG-Owl'],
    licenses: [
      ['apache-2.0', 7],
      ['qwen', 3],
    ],
    ghRepos: ['Qwen3', 'Qwen2.5-VL', 'qwen-code'],
  },
  {
    id: 'anthropic',
    hfOrg: 'Anthropic',
    ghOrg: 'anthropics',
    open: [],
    prop: ['claude'],
    other: ['hh-rlhf-probe', 'persona-eval'],
    licenses: [
      ['mit', 5],
      ['apache-2.0', 5],
    ],
    ghRepos: ['anthropic-sdk-python', 'claude-code', 'courses'],
  },
  {
    id: 'deepseek',
    hfOrg: 'deepseek-ai',
    ghOrg: 'deepseek-ai',
    open: ['DeepSeek-V3', 'DeepSeek-R1', 'DeepSeek-Coder'],
    prop: [],
    other: ['Janus-Pro', 'ESFT-vanilla'],
    licenses: [
      ['mit', 6],
      ['deepseek', 4],
    ],
    ghRepos: ['DeepSeek-V3', 'DeepSeek-R1', 'FlashMLA'],
  },
  {
    id: 'google',
    hfOrg: 'google',
    ghOrg: 'google-deepmind',
    open: ['gemma-2', 'gemma-3', 'codegemma'],
    prop: ['gemini-embedding'],
    other: ['t5-v1_1', 'vit-base-patch16', 'siglip-so400m'],
    licenses: [
      ['gemma', 6],
      ['apache-2.0', 4],
    ],
    ghRepos: ['gemma', 'gemma_pytorch', 'alphafold3'],
  },
  {
    id: 'meta',
    hfOrg: 'meta-llama',
    ghOrg: 'meta-llama',
    open: ['Llama-3.1', 'Llama-3.2', 'Llama-4-Scout', 'Llama-Guard-3'],
    prop: ['Muse'],
    other: ['sam2-hiera', 'dinov2', 'nllb-200'],
    licenses: [
      ['llama3.1', 4],
      ['llama3.2', 3],
      ['llama4', 2],
      ['mit', 1],
    ],
    ghRepos: ['llama-models', 'llama-stack', 'llama-cookbook'],
  },
  {
    id: 'microsoft',
    hfOrg: 'microsoft',
    ghOrg: 'microsoft',
    open: ['Phi-3', 'Phi-4', 'Phi-3.5-MoE'],
    prop: ['MAI-DS'],
    other: ['deberta-v3', 'trocr-base', 'Florence-2'],
    licenses: [
      ['mit', 9],
      ['other', 1],
    ],
    ghRepos: ['PhiCookBook', 'DeepSpeed', 'autogen'],
  },
  {
    id: 'mistral',
    hfOrg: 'mistralai',
    ghOrg: 'mistralai',
    open: ['Mistral-7B', 'Mixtral-8x7B', 'Ministral', 'Devstral-Small'],
    prop: ['Mistral-Large'],
    other: ['mistral-embed-probe'],
    licenses: [
      ['apache-2.0', 8],
      ['other', 2],
    ],
    ghRepos: ['mistral-inference', 'mistral-common', 'client-python'],
  },
  {
    id: 'nvidia',
    hfOrg: 'nvidia',
    ghOrg: 'NVIDIA',
    open: ['Nemotron-4', 'Llama-3.1-Nemotron', 'Cosmos-Predict'],
    prop: [],
    other: ['parakeet-tdt', 'canary-1b', 'segformer-b0'],
    licenses: [
      ['nvidia-open-model-license', 6],
      ['other', 2],
      ['apache-2.0', 2],
    ],
    ghRepos: ['NeMo', 'TensorRT-LLM', 'Megatron-LM'],
  },
  {
    id: 'openai',
    hfOrg: 'openai',
    ghOrg: 'openai',
    open: ['gpt-oss'],
    prop: ['gpt-4o-probe'],
    other: ['whisper-large', 'clip-vit-base', 'shap-e'],
    licenses: [
      ['apache-2.0', 5],
      ['mit', 5],
    ],
    ghRepos: ['gpt-oss', 'whisper', 'openai-python'],
  },
  {
    id: 'xai',
    hfOrg: 'xai-org',
    ghOrg: 'xai-org',
    open: ['grok-1', 'grok-2'],
    prop: ['grok-3-probe'],
    other: ['xai-tokenizer'],
    licenses: [
      ['grok2-community', 5],
      ['apache-2.0', 5],
    ],
    ghRepos: ['grok-1', 'grok-prompts', 'xai-sdk-python'],
  },
];

/** Licence ids whose text is fixed by a standards body (the collector fetches no text for them). */
const STANDARD = new Set(['apache-2.0', 'mit']);

// ---------------------------------------------------------------------------------------------
// Sources

export type SourceKind = 'huggingface' | 'github' | 'feed' | 'page';

export interface SourceRef {
  kind: SourceKind;
  vendor: string;
  /** HF author, GitHub owner/repo, or the URL path of a feed or page on the world's server. */
  target: string;
}

const pad = (n: number, w = 3) => String(n).padStart(w, '0');

/** The sources of a world, in a stable order, spread round-robin over the vendors. */
export function sourceRefs(spec: WorldSpec): SourceRef[] {
  const out: SourceRef[] = [];
  const add = (kind: SourceKind, n: number, target: (p: Profile, i: number) => string) => {
    for (let i = 0; i < n; i++) {
      const p = PROFILES[i % PROFILES.length]!;
      out.push({ kind, vendor: p.id, target: target(p, i) });
    }
  };
  add('huggingface', spec.hfAuthors, (p, i) => `${p.hfOrg}-${pad(i)}`);
  add('github', spec.ghRepos, (p, i) => `${p.ghOrg}-${pad(i)}/${p.ghRepos[i % p.ghRepos.length]}`);
  add('feed', spec.feeds, (p, i) => `/feeds/${p.id}/${pad(i)}.xml`);
  add('page', spec.pages, (p, i) => `/pages/${p.id}/${pad(i)}/`);
  return out;
}

export const PAGE_SELECT = { item: 'article.post-card', title: '.post-title', link: 'a.post-link', date: 'time' } as const;

// ---------------------------------------------------------------------------------------------
// Hugging Face repos (list items as `expand=` returns them)

export type HfItem = {
  _id: string;
  id: string;
  author: string;
  sha: string;
  lastModified: string;
  createdAt: string;
  private: boolean;
  disabled: boolean;
  gated: false | 'auto' | 'manual';
  downloads: number;
  likes: number;
  pipeline_tag: string;
  library_name: string;
  tags: string[];
  cardData: Record<string, unknown>;
  siblings: { rfilename: string }[];
  safetensors?: { parameters: Record<string, number>; total: number };
};

const SIZES = [0.5, 1, 1.5, 3, 7, 8, 14, 27, 32, 70, 72, 120, 405];
const SUFFIXES = ['Instruct', 'Base', 'Chat', 'it', 'GGUF', 'FP8', 'AWQ', 'Vision', 'Coder', 'Math'];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A list item for repo `n` of an author: deterministic from (seed, author, n). */
export function hfItem(spec: WorldSpec, profile: Profile, author: string, n: number, rng = Rng.of(spec.seed, 'hf', author, n)): HfItem {
  const family = rng.weighted<string[]>([
    [profile.open, profile.open.length ? 6 : 0],
    [profile.prop, profile.prop.length ? 1 : 0],
    [profile.other, 3],
  ]);
  const size = rng.pick(SIZES);
  const name = `${rng.pick(family)}-${size}B-${rng.pick(SUFFIXES)}-r${pad(n)}`;
  const license = rng.weighted(profile.licenses);
  const bespoke = !STANDARD.has(license);
  const gated =
    license.startsWith('llama') || license === 'gemma'
      ? rng.weighted<HfItem['gated']>([
          ['manual', 8],
          [false, 2],
        ])
      : rng.chance(0.05)
        ? 'auto'
        : false;
  const created = ANCHOR - rng.int(10, 3 * 365) * DAY - rng.int(0, DAY);
  const modified = Math.min(ANCHOR - DAY, created + rng.int(0, 120) * DAY + rng.int(0, DAY));
  const hasWeights = rng.chance(0.9);
  const shards = size >= 70 ? rng.int(15, 30) : size >= 7 ? rng.int(2, 6) : 1;
  const siblings = [
    '.gitattributes',
    'README.md',
    'config.json',
    'generation_config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    'special_tokens_map.json',
  ];
  if (bespoke || rng.chance(0.3)) siblings.push('LICENSE');
  if (hasWeights) {
    if (shards === 1) siblings.push('model.safetensors');
    else {
      for (let s = 1; s <= shards; s++)
        siblings.push(`model-${String(s).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.safetensors`);
      siblings.push('model.safetensors.index.json');
    }
    if (rng.chance(0.2)) siblings.push('original/consolidated.00.pth', 'original/params.json');
  }
  const id = `${author}/${name}`;
  const params = Math.round(size * 1e9 * (0.95 + rng.next() * 0.1));
  const pipeline = rng.weighted([
    ['text-generation', 7],
    ['image-text-to-text', 1],
    ['feature-extraction', 1],
    ['automatic-speech-recognition', 1],
  ] as const);
  const tags = [
    'transformers',
    'safetensors',
    pipeline,
    'conversational',
    `license:${license}`,
    'text-generation-inference',
    'endpoints_compatible',
    'region:us',
  ];
  if (rng.chance(0.5)) tags.push(`arxiv:${rng.int(2201, 2605)}.${String(rng.int(1, 25000)).padStart(5, '0')}`);
  const cardData: Record<string, unknown> = {
    license,
    language: ['en'],
    library_name: 'transformers',
    pipeline_tag: pipeline,
    tags: ['facebook', 'pytorch'].slice(0, rng.int(0, 2)),
  };
  if (license === 'other') Object.assign(cardData, { license_name: `${profile.id}-model-license`, license_link: 'LICENSE' });
  if (rng.chance(0.3)) {
    const base = `${author}/${rng.pick(family)}-${size}B-Base`;
    cardData['base_model'] = base;
    tags.push(`base_model:${base}`);
  }
  if (gated)
    Object.assign(cardData, {
      extra_gated_prompt: `You agree to the ${license} licence terms.`,
      extra_gated_fields: { 'First Name': 'text', Country: 'country' },
    });
  const item: HfItem = {
    _id: rng.hex(24),
    id,
    author,
    sha: rng.hex(40),
    lastModified: iso(modified),
    createdAt: iso(created),
    private: false,
    disabled: false,
    gated,
    downloads: rng.int(0, 2_000_000),
    likes: rng.int(0, 5000),
    pipeline_tag: pipeline,
    library_name: 'transformers',
    tags,
    cardData,
    siblings: siblings.map((rfilename) => ({ rfilename })),
  };
  if (hasWeights) item.safetensors = { parameters: { BF16: params }, total: params };
  return item;
}

const licenseTexts = new Map<string, string>();

/** The LICENSE file of a repo: one text per licence id (repos of a family share it, as on the Hub). */
export function licenseText(item: Pick<HfItem, 'cardData'>): string {
  const id = String(item.cardData['license'] ?? 'other');
  let text = licenseTexts.get(id);
  if (text === undefined) {
    const para = `"Agreement" means the terms and conditions for use, reproduction, distribution and modification of the Materials set forth herein. By clicking "I Accept" below or by using or distributing any portion or element of the Materials, you agree to be bound by this Agreement.`;
    text = `${id.toUpperCase()} LICENSE AGREEMENT\n\n${Array.from({ length: 12 }, (_, i) => `${i + 1}. ${para}`).join('\n\n')}\n`;
    licenseTexts.set(id, text);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// GitHub

interface GhLicense {
  spdx: string | null;
  key: string;
  name: string;
  text: string;
}

export interface GhRepo {
  repo: string;
  releases: Record<string, unknown>[];
  license: GhLicense | null;
  nextReleaseId: number;
}

/** The recorded release object and response headers (octokit/fixtures, see test/fixtures/github/PROVENANCE.md). */
function recorded(): { release: Record<string, unknown>; headers: Record<string, string> } {
  const file = path.join(ROOT, 'test', 'fixtures', 'github', 'release-assets.raw-fixture.json');
  const drop = new Set(['content-length', 'etag', 'last-modified', 'date', 'connection']);
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as { response: Record<string, unknown>; rawHeaders: string[] }[];
    const i = s[3]!;
    const headers: Record<string, string> = {};
    for (let k = 0; k < i.rawHeaders.length; k += 2) {
      const name = i.rawHeaders[k]!;
      if (drop.has(name.toLowerCase())) continue;
      headers[name] = headers[name] ? `${headers[name]}, ${i.rawHeaders[k + 1]}` : i.rawHeaders[k + 1]!;
    }
    headers['X-RateLimit-Remaining'] = '4885';
    headers['X-RateLimit-Reset'] = String(Math.floor(Date.now() / 1000) + 3600);
    return { release: i.response, headers };
  } catch {
    return { release: { url: '', assets: [], author: null }, headers: { 'Content-Type': 'application/json; charset=utf-8' } };
  }
}

let recordedCache: ReturnType<typeof recorded> | undefined;
export function ghRecorded(): ReturnType<typeof recorded> {
  return (recordedCache ??= recorded());
}

const LICENSES: Record<string, GhLicense> = {
  mit: {
    spdx: 'MIT',
    key: 'mit',
    name: 'MIT License',
    text: 'MIT License\n\nCopyright (c) 2024\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the "Software"), to deal\nin the Software without restriction, subject to the following conditions:\n',
  },
  apache: {
    spdx: 'Apache-2.0',
    key: 'apache-2.0',
    name: 'Apache License 2.0',
    text: `                                 Apache License\n                           Version 2.0, January 2004\n                        http://www.apache.org/licenses/\n\n${'   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION\n'.repeat(40)}`,
  },
  other: {
    spdx: 'NOASSERTION',
    key: 'other',
    name: 'Other',
    text: 'COMMUNITY LICENSE AGREEMENT\n\nYou may use the Materials subject to the Acceptable Use Policy.\n',
  },
};

export function releaseObject(repo: string, id: number, tag: string, publishedAt: string, body: string): Record<string, unknown> {
  const r = ghRecorded().release;
  const api = `https://api.github.com/repos/${repo}/releases/${id}`;
  return {
    ...r,
    url: api,
    assets_url: `${api}/assets`,
    upload_url: `https://uploads.github.com/repos/${repo}/releases/${id}/assets{?name,label}`,
    html_url: `https://github.com/${repo}/releases/tag/${tag}`,
    id,
    node_id: `RE_kwDO${id}`,
    tag_name: tag,
    target_commitish: 'main',
    name: tag,
    draft: false,
    prerelease: false,
    created_at: publishedAt,
    published_at: publishedAt,
    assets: [],
    tarball_url: `https://api.github.com/repos/${repo}/tarball/${tag}`,
    zipball_url: `https://api.github.com/repos/${repo}/zipball/${tag}`,
    body,
  };
}

function releaseBody(rng: Rng, tag: string): string {
  const lines = [`## What's Changed in ${tag}`];
  for (let i = rng.int(3, 20); i > 0; i--)
    lines.push(
      `* ${rng.pick(['Fix', 'Add', 'Update', 'Refactor', 'Improve'])} ${rng.pick(['tokenizer', 'sampling', 'docs', 'CUDA kernels', 'quantization', 'eval harness'])} by @dev${rng.int(1, 99)} in #${rng.int(10, 9999)}`,
    );
  lines.push('', `**Full Changelog**: v${rng.int(0, 3)}.${rng.int(0, 9)}...${tag}`);
  return lines.join('\r\n');
}

export function ghRepo(spec: WorldSpec, repo: string): GhRepo {
  const rng = Rng.of(spec.seed, 'gh', repo);
  const n = rng.int(3, 25);
  const releases: Record<string, unknown>[] = [];
  let t = ANCHOR - rng.int(400, 1000) * DAY;
  let id = 100_000_000 + rng.int(0, 50_000_000);
  for (let i = 0; i < n; i++) {
    const tag = `v${Math.floor(i / 10)}.${i % 10}.${rng.int(0, 3)}`;
    t += rng.int(5, 40) * DAY;
    releases.unshift(releaseObject(repo, id++, tag, iso(Math.min(t, ANCHOR - DAY)), releaseBody(rng, tag)));
  }
  const license = rng.weighted<GhLicense | null>([
    [LICENSES['mit']!, 45],
    [LICENSES['apache']!, 45],
    [LICENSES['other']!, 5],
    [null, 5],
  ]);
  return { repo, releases, license, nextReleaseId: id };
}

// ---------------------------------------------------------------------------------------------
// Feeds and pages

export interface Post {
  id: string;
  title: string;
  slug: string;
  publishedAt: number;
  summary: string;
}

const TOPICS = [
  'safety evaluations',
  'inference efficiency',
  'our research roadmap',
  'enterprise customers',
  'developer tools',
  'multilingual data',
  'responsible scaling',
  'agents in production',
  'long-context retrieval',
  'open science',
];
const VERBS = ['Update on', 'Lessons from', 'A closer look at', 'Announcing progress in', 'How we think about', 'New work on'];

export function post(spec: WorldSpec, where: string, n: number, rng = Rng.of(spec.seed, 'post', where, n)): Post {
  const title = `${rng.pick(VERBS)} ${rng.pick(TOPICS)} (${where.split('/')[2]} #${n})`;
  const slug = `${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-${n}`;
  return {
    id: `${where}#${n}`,
    title,
    slug,
    publishedAt: ANCHOR - ((1000 - n) * DAY) / 2 - rng.int(0, DAY),
    summary: `${title}. ${'We describe what we learned and what comes next. '.repeat(rng.int(2, 8))}`,
  };
}

export function posts(spec: WorldSpec, where: string): Post[] {
  return Array.from({ length: spec.postsPerFeed }, (_, i) => post(spec, where, 1000 - spec.postsPerFeed + i)).sort(
    (a, b) => b.publishedAt - a.publishedAt,
  );
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rssBody(vendor: string, where: string, items: Post[]): string {
  const entries = items
    .map(
      (p) => `    <item>
      <title>${esc(p.title)}</title>
      <link>https://www.${vendor}.example/news/${p.slug}</link>
      <guid isPermaLink="false">${esc(p.id)}</guid>
      <pubDate>${new Date(p.publishedAt).toUTCString()}</pubDate>
      <description>${esc(p.summary)}</description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${vendor} news ${esc(where)}</title>
    <link>https://www.${vendor}.example/news/</link>
    <description>News from ${vendor}</description>
    <language>en-us</language>
${entries}
  </channel>
</rss>
`;
}

export function pageBody(vendor: string, items: Post[], rng: Rng): string {
  const cards = items
    .map(
      (p) => `      <article class="post-card post-card--${rng.int(1, 3)}">
        <a class="post-link" href="/news/${p.slug}"><h3 class="post-title">${esc(p.title)}</h3></a>
        <p class="post-summary">${esc(p.summary.slice(0, 160))}</p>
        <time datetime="${new Date(p.publishedAt).toISOString()}">${new Date(p.publishedAt).toDateString()}</time>
      </article>`,
    )
    .join('\n');
  const nav = Array.from({ length: 40 }, (_, i) => `<li><a href="/section-${i}">Section ${i}</a></li>`).join('');
  const blob = JSON.stringify({
    props: { pageProps: { posts: items.map((p) => ({ title: p.title, slug: p.slug, summary: p.summary })) } },
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${vendor} — News</title><link rel="stylesheet" href="/static/site.css"></head>
<body><header><nav><ul>${nav}</ul></nav></header>
<main><h1>News</h1>
    <section class="post-list">
${cards}
    </section>
</main>
<footer><p>© ${vendor}</p></footer>
<script id="__NEXT_DATA__" type="application/json">${esc(blob)}</script>
</body></html>
`;
}

// ---------------------------------------------------------------------------------------------
// Validators

// The same validators the replay worlds send (demo/world): Express weak ETags on the Hub,
// sha256 strong ETags on GitHub, git blob shas on /resolve/.
export { expressEtag as weakEtag, gitBlobSha } from '../../demo/world/hub.js';

export function profileOf(vendor: string): Profile {
  const p = PROFILES.find((x) => x.id === vendor);
  if (!p) throw new Error(`bench world: no vendor profile ${vendor}`);
  return p;
}
