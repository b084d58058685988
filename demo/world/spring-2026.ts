// The replay world of spring 2026: Meta, Google and Microsoft as modelwatch saw them from March to
// May 2026, served on loopback, one scripted step per poll cycle (docs/domain.md "Why it exists").
// Recorded data is used where it exists (demo/recordings/: copies of test/fixtures/huggingface,
// github, vendors); every other piece is derived from it or invented in its shape, and says so in
// demo/world/PROVENANCE.md. Steps:
//   1  2026-03-16  baseline: Llama 3/3.1/4 on the Hub, Gemma 3 (`gemma`), Phi-4 family (MIT),
//                  Gemini 3.1 Pro and MAI posts, the Phi cookbook repo with one release
//   2  2026-04-03  Gemma 4 on Apache-2.0: a new google repo and a "Gemma 4 is here" post
//   3  2026-04-09  "Introducing Muse Spark": Meta AI app + private API preview (hosted, level 1)
//   4  2026-04-16  Llama 3.1 8B Instruct's LICENSE text changes; its licence id stays llama3.1
//   5  2026-04-30  Muse Spark API generally available with pricing (level 2); a post stating
//                  "Muse Spark scores 58% on Humanity's Last Exam"
//   6  2026-05-14  "Introducing Muse Spark Pro" (Meta's second proprietary release in a row);
//                  Microsoft: Phi-5-mini-instruct on the Hub, a cookbook release, MAI-Image-2
//   7  2026-05-18  nothing changes: the second evaluation after step 6 (gap hysteresis), an
//                  hour before the weekly digest of 2026-W20 is due (Monday 09:00)
//   8  2026-08-11  autumn: "Introducing Muse Glimmer" links to huggingface.co/meta-models/
//                  Muse-Glimmer-30B, open weights under Apache-2.0 in a Hub org the vendor file
//                  does not list (the watcher must follow the link to see it)
// The world answers 304 to every conditional request of an unchanged step.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeedDoc, FeedItem, FeedState } from './feeds.js';
import { routeFeeds } from './feeds.js';
import { derivedRelease, routeGithub, type GhState } from './github.js';
import { HUB_RECORDED_INFO, recordedHubBody, routeHub, type HubRepo, type HubState } from './hub.js';
import { startReplayWorld, type ReplayWorld } from './server.js';

export interface StepInfo {
  step: number;
  /** The simulated clock of the poll cycle of this step. */
  at: string;
  title: string;
  /** What changed in the world at this step, in words. */
  changes: string[];
}

export interface Spring2026Options {
  /** Poll interval written for every source (`2s`, `15m`; default: the kind's default). */
  interval?: string;
  /** Items per Hub list page (default 1000, the Hub's maximum). */
  pageSize?: number;
}

export interface Spring2026World {
  /** Base URL of the loopback server (no trailing slash). */
  url: string;
  /** A generated feeds/ folder: Meta, Google and Microsoft with their sources on this world. */
  feedsDir: string;
  /** HF_ENDPOINT and GITHUB_API_URL pointing at this world. */
  env: { HF_ENDPOINT: string; GITHUB_API_URL: string };
  steps: number;
  /** The step the world shows now (1 after start). */
  readonly step: number;
  goto(step: number): void;
  /** The simulated clock of a step's poll cycle. */
  now(step: number): Date;
  info(step: number): StepInfo;
  /** The loopback server: requests seen, unexpected ones, assertClean(). */
  server: ReplayWorld;
  close(): Promise<void>;
}

interface WorldState {
  hub: HubState;
  gh: GhState;
  feeds: FeedState;
}

interface StepDef {
  at: string;
  title: string;
  changes: string[];
  apply(s: WorldState): void;
}

// ---------------------------------------------------------------------------------------------
// Recorded and derived Hub repos

const LLAMA_31 = HUB_RECORDED_INFO;
const LLAMA_3_8B = 'huggingface/model-info_meta-llama_Meta-Llama-3-8B-Instruct_2025-03-21.json';
const LLAMA_3_70B = 'huggingface/model-info_meta-llama_Meta-Llama-3-70B-Instruct_2025-03-21.json';

function hex(seed: string, len: number): string {
  return createHash('sha1').update(seed).digest('hex').slice(0, len);
}

/** The Llama 3.1 licence text the recorded Llama 3.1 body carries in its gating prompt. */
function llama31LicenseText(): string {
  const card = (recordedHubBody(LLAMA_31)['cardData'] ?? {}) as { extra_gated_prompt?: string };
  if (!card.extra_gated_prompt) throw new Error('replay: the recorded Llama 3.1 body has no extra_gated_prompt');
  return card.extra_gated_prompt;
}

/** The 3.1 text retitled for another Llama generation: a stand-in (no such text was recorded). */
function retitled(text: string, title: string, release: string): string {
  return text
    .replace(/Llama 3\.1 Version Release Date: [^\n]*/i, `${title} Version Release Date: ${release}`)
    .replace(/llama 3\.1/gi, (m) => (m === m.toUpperCase() ? title.toUpperCase() : title));
}

interface DerivedRepo {
  id: string;
  createdAt: string;
  lastModified: string;
  license: string;
  gated: false | 'manual';
  parameters: number;
  shards: number;
  pipeline: string;
  tags: string[];
  card?: Record<string, unknown>;
  /** A LICENSE file in the repo. */
  licenseFile?: boolean;
  downloads: number;
  likes: number;
}

/** A repo in the recorded body's shape (key order, field forms), with invented values. */
function derivedRepo(d: DerivedRepo): HubRepo {
  const author = d.id.slice(0, d.id.indexOf('/'));
  const shards = Array.from({ length: d.shards }, (_, i) => `model-${String(i + 1).padStart(5, '0')}-of-${String(d.shards).padStart(5, '0')}.safetensors`);
  const files = ['.gitattributes', ...(d.licenseFile ? ['LICENSE'] : []), 'README.md', 'config.json', 'generation_config.json', ...shards, 'model.safetensors.index.json', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json'];
  return {
    _id: hex(`hub-id:${d.id}`, 24),
    id: d.id,
    private: false,
    pipeline_tag: d.pipeline,
    library_name: 'transformers',
    tags: ['transformers', 'safetensors', ...d.tags, d.pipeline, 'conversational', `license:${d.license}`, 'endpoints_compatible', 'region:us'],
    downloads: d.downloads,
    likes: d.likes,
    modelId: d.id,
    author,
    sha: hex(`sha:${d.id}@${d.lastModified}`, 40),
    lastModified: d.lastModified,
    gated: d.gated,
    disabled: false,
    cardData: { license: d.license, library_name: 'transformers', pipeline_tag: d.pipeline, ...d.card },
    siblings: files.map((rfilename) => ({ rfilename })),
    createdAt: d.createdAt,
    safetensors: { parameters: { BF16: d.parameters }, total: d.parameters },
  };
}

/** A new commit on a repo: another sha and lastModified. */
function commit(repo: HubRepo, lastModified: string): void {
  repo.lastModified = lastModified;
  repo.sha = hex(`sha:${repo.id}@${lastModified}`, 40);
}

const GEMMA_GATE = {
  extra_gated_heading: 'Access Gemma on Hugging Face',
  extra_gated_prompt:
    'To access Gemma on Hugging Face, you’re required to review and agree to Google’s usage license. To do this, please ensure you’re logged in to Hugging Face and click below. Requests are processed immediately.',
  extra_gated_button_content: 'Acknowledge license',
};

function metaLlamaRepos(): { repos: HubRepo[]; files: [string, string][] } {
  const text31 = llama31LicenseText();
  const scout = derivedRepo({
    id: 'meta-llama/Llama-4-Scout-17B-16E-Instruct',
    createdAt: '2025-04-05T18:10:00.000Z',
    lastModified: '2025-05-22T14:03:11.000Z',
    license: 'llama4',
    gated: 'manual',
    parameters: 108_641_793_536,
    shards: 50,
    pipeline: 'image-text-to-text',
    tags: ['llama4', 'facebook', 'meta', 'pytorch', 'llama'],
    card: { base_model: 'meta-llama/Llama-4-Scout-17B-16E', extra_gated_prompt: retitled(text31, 'Llama 4', 'April 5, 2025') },
    licenseFile: true,
    downloads: 481_205,
    likes: 1_093,
  });
  const maverick = derivedRepo({
    id: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct',
    createdAt: '2025-04-05T18:12:00.000Z',
    lastModified: '2025-05-22T14:05:47.000Z',
    license: 'llama4',
    gated: 'manual',
    parameters: 401_583_781_376,
    shards: 55,
    pipeline: 'image-text-to-text',
    tags: ['llama4', 'facebook', 'meta', 'pytorch', 'llama'],
    card: { base_model: 'meta-llama/Llama-4-Maverick-17B-128E', extra_gated_prompt: retitled(text31, 'Llama 4', 'April 5, 2025') },
    licenseFile: true,
    downloads: 102_377,
    likes: 412,
  });
  const repos = [recordedHubBody(LLAMA_31), recordedHubBody(LLAMA_3_8B), recordedHubBody(LLAMA_3_70B), scout, maverick];
  const llama3 = retitled(text31, 'Meta Llama 3', 'April 18, 2024');
  const files: [string, string][] = [
    ['meta-llama/Llama-3.1-8B-Instruct/LICENSE', text31],
    ['meta-llama/Meta-Llama-3-8B-Instruct/LICENSE', llama3],
    ['meta-llama/Meta-Llama-3-70B-Instruct/LICENSE', llama3],
    [`${scout.id}/LICENSE`, retitled(text31, 'Llama 4', 'April 5, 2025')],
    [`${maverick.id}/LICENSE`, retitled(text31, 'Llama 4', 'April 5, 2025')],
  ];
  return { repos, files };
}

function gemma3(): HubRepo {
  return derivedRepo({
    id: 'google/gemma-3-27b-it',
    createdAt: '2025-03-12T08:00:00.000Z',
    lastModified: '2025-03-21T10:37:12.000Z',
    license: 'gemma',
    gated: 'manual',
    parameters: 27_432_406_640,
    shards: 12,
    pipeline: 'image-text-to-text',
    tags: ['gemma3'],
    card: { base_model: 'google/gemma-3-27b-pt', ...GEMMA_GATE },
    downloads: 1_270_554,
    likes: 1_561,
  });
}

function gemma4(): HubRepo {
  return derivedRepo({
    id: 'google/gemma-4-27b-it',
    createdAt: '2026-04-02T15:30:00.000Z',
    lastModified: '2026-04-02T15:58:41.000Z',
    license: 'apache-2.0',
    gated: false,
    parameters: 27_751_239_168,
    shards: 12,
    pipeline: 'image-text-to-text',
    tags: ['gemma4'],
    card: { base_model: 'google/gemma-4-27b-pt' },
    licenseFile: true,
    downloads: 0,
    likes: 0,
  });
}

function phi(id: string, createdAt: string, lastModified: string, parameters: number, shards: number, extra: Partial<DerivedRepo> = {}): HubRepo {
  return derivedRepo({
    id,
    createdAt,
    lastModified,
    license: 'mit',
    gated: false,
    parameters,
    shards,
    pipeline: 'text-generation',
    tags: ['phi3', 'phi', 'nlp', 'code'],
    card: { license_link: `https://huggingface.co/${id}/resolve/main/LICENSE`, language: ['en'] },
    licenseFile: true,
    downloads: 0,
    likes: 0,
    ...extra,
  });
}

/** Muse Glimmer as the Hub would answer for it (constructed in the recorded body's shape: the
 *  real answer was not captured; demo/world/PROVENANCE.md). */
function museGlimmer(): HubRepo {
  return derivedRepo({
    id: MUSE_GLIMMER,
    createdAt: '2026-08-10T15:12:00.000Z',
    lastModified: '2026-08-10T15:47:26.000Z',
    license: 'apache-2.0',
    gated: false,
    parameters: 30_512_345_088,
    shards: 13,
    pipeline: 'text-generation',
    tags: ['muse', 'meta', 'agentic'],
    card: { base_model: 'meta-models/Muse-Glimmer-30B-Base' },
    licenseFile: true,
    downloads: 0,
    likes: 0,
  });
}

function microsoftRepos(): HubRepo[] {
  return [
    phi('microsoft/phi-4', '2024-12-11T11:47:29.000Z', '2025-03-09T19:12:04.000Z', 14_659_507_200, 6, { downloads: 598_312, likes: 2_113 }),
    phi('microsoft/Phi-4-mini-instruct', '2025-02-19T01:00:58.000Z', '2025-03-10T17:33:27.000Z', 3_836_021_760, 2, { downloads: 310_997, likes: 598 }),
    phi('microsoft/Phi-4-mini-flash-reasoning', '2025-07-09T16:01:45.000Z', '2025-07-14T08:22:10.000Z', 3_852_476_416, 2, { downloads: 44_018, likes: 431 }),
    // Outside the source's include filter (phi, mai): listed by the Hub, never an event.
    derivedRepo({
      id: 'microsoft/Florence-2-large',
      createdAt: '2024-06-15T00:34:55.000Z',
      lastModified: '2024-08-16T23:30:17.000Z',
      license: 'mit',
      gated: false,
      parameters: 776_720_384,
      shards: 1,
      pipeline: 'image-text-to-text',
      tags: ['florence2', 'vision'],
      downloads: 1_530_223,
      likes: 1_589,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Feeds (invented posts in the shapes of recorded feeds)

const META_FEED = '/meta/news/feed/';
const MUSE_GLIMMER = 'meta-models/Muse-Glimmer-30B';
const GOOGLE_FEED = '/google/innovation-and-ai/technology/ai/rss/';
const MICROSOFT_FEED = '/microsoft/source/topics/ai/feed/';
const PHI_COOKBOOK = 'microsoft/PhiCookBook';

function metaFeed(): FeedDoc {
  return {
    shape: 'cdata',
    channel: { title: 'Meta Newsroom', link: 'https://about.fb.com/news/', description: 'Meta Newsroom', self: 'https://about.fb.com/news/feed/' },
    items: [
      {
        title: 'Meta Reports Fourth Quarter and Full Year 2025 Results',
        link: 'https://about.fb.com/news/2026/01/meta-reports-fourth-quarter-and-full-year-2025-results/',
        description: 'Meta Platforms, Inc. today reported financial results for the quarter and full year ended December 31, 2025.',
        publishedAt: '2026-01-28T21:05:00Z',
        categories: ['Company News'],
      },
      {
        title: 'Bringing Meta AI to More Countries and Languages',
        link: 'https://about.fb.com/news/2026/02/bringing-meta-ai-to-more-countries-and-languages/',
        description: 'Meta AI is expanding to 12 more countries and 8 more languages across WhatsApp, Instagram, Facebook and Messenger.',
        publishedAt: '2026-02-24T15:00:00Z',
        categories: ['Meta AI'],
      },
    ],
  };
}

function googleFeed(): FeedDoc {
  return {
    shape: 'google-ai',
    items: [
      {
        title: 'Gemini 3.1 Pro: a smarter model for your most complex tasks',
        link: 'https://blog.google/innovation-and-ai/models-and-research/gemini-models/gemini-3-1-pro/',
        description: 'Gemini 3.1 Pro is rolling out today in the Gemini app and to developers in the Gemini API via Google AI Studio and Vertex AI.',
        publishedAt: '2026-02-19T16:00:00Z',
        categories: ['Gemini models', 'AI'],
        author: 'Google DeepMind',
      },
      {
        title: '5 ways to plan a spring trip with AI Mode in Search',
        link: 'https://blog.google/products-and-platforms/products/search/ai-mode-spring-travel/',
        description: 'From itineraries to packing lists, here are five ways AI Mode can help you plan your next trip.',
        publishedAt: '2026-03-05T17:00:00Z',
        categories: ['Search', 'AI'],
        author: 'Google Search',
      },
    ],
  };
}

function microsoftFeed(): FeedDoc {
  return {
    shape: 'cdata',
    channel: { title: 'AI – Source', link: 'https://news.microsoft.com/source/topics/ai/', description: 'Microsoft Source: AI', self: 'https://news.microsoft.com/source/topics/ai/feed/' },
    items: [
      {
        title: 'Introducing MAI-Voice-1 and MAI-1-preview',
        link: 'https://microsoft.ai/news/two-new-in-house-models/',
        description: 'MAI-Voice-1 is available today in Copilot Daily and Podcasts; MAI-1-preview is in public testing, with API access for select trusted testers.',
        publishedAt: '2025-08-28T16:00:00Z',
        categories: ['AI'],
      },
      {
        // A rank stated like a score: the scores step must not store "10" as an LMArena score.
        title: 'Introducing MAI-Image-1, debuting in the top 10 on LMArena',
        link: 'https://microsoft.ai/news/introducing-mai-image-1/',
        description: 'MAI-Image-1, our first image generation model developed in-house, is coming soon to Copilot and Bing Image Creator.',
        publishedAt: '2025-10-13T16:00:00Z',
        categories: ['AI'],
      },
      {
        title: 'What’s new in Copilot this March',
        link: 'https://news.microsoft.com/source/features/ai/whats-new-in-copilot-march-2026/',
        description: 'A roundup of this month’s Copilot updates across Windows, Edge and Microsoft 365.',
        publishedAt: '2026-03-10T16:00:00Z',
        categories: ['AI', 'Copilot'],
      },
    ],
  };
}

const MIT_MICROSOFT = `    MIT License

    Copyright (c) Microsoft Corporation.

    Permission is hereby granted, free of charge, to any person obtaining a copy
    of this software and associated documentation files (the "Software"), to deal
    in the Software without restriction, including without limitation the rights
    to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
    copies of the Software, and to permit persons to whom the Software is
    furnished to do so, subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all
    copies or substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
    FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
    AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
    LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
    OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
    SOFTWARE
`;

function addPost(s: WorldState, feed: string, item: FeedItem): void {
  s.feeds.feeds.get(feed)!.items.push(item);
}

function repoOf(s: WorldState, id: string): HubRepo {
  const repo = [...s.hub.authors.values()].flat().find((r) => r.id === id);
  if (!repo) throw new Error(`replay: the world holds no repo ${id}`);
  return repo;
}

// ---------------------------------------------------------------------------------------------
// The timeline

function baseline(): WorldState {
  const meta = metaLlamaRepos();
  return {
    hub: {
      authors: new Map([
        ['meta-llama', meta.repos],
        ['google', [gemma3()]],
        ['microsoft', microsoftRepos()],
      ]),
      files: new Map(meta.files),
    },
    gh: {
      repos: new Map([
        [
          PHI_COOKBOOK,
          {
            releases: [
              derivedRelease(PHI_COOKBOOK, {
                id: 231_877_019,
                tag: 'v2025.07',
                name: 'Phi-4-mini-flash-reasoning samples',
                body: 'Adds notebooks for Phi-4-mini-flash-reasoning (vLLM, ONNX Runtime).',
                publishedAt: '2025-07-10T09:14:52Z',
              }),
            ],
            license: { spdx: 'MIT', key: 'mit', name: 'MIT License', text: MIT_MICROSOFT },
          },
        ],
      ]),
    },
    feeds: {
      feeds: new Map([
        [META_FEED, metaFeed()],
        [GOOGLE_FEED, googleFeed()],
        [MICROSOFT_FEED, microsoftFeed()],
      ]),
    },
  };
}

const STEPS: StepDef[] = [
  {
    at: '2026-03-16T09:00:00.000Z',
    title: 'Baseline: the world as of mid-March 2026',
    changes: [
      'meta-llama: Llama 3 8B/70B, Llama 3.1 8B (recorded), Llama 4 Scout and Maverick',
      'google: Gemma 3 27B under the Gemma Terms of Use; Gemini 3.1 Pro on the Google AI blog',
      'microsoft: Phi-4, Phi-4-mini, Phi-4-mini-flash-reasoning (MIT); MAI-Voice-1, MAI-1-preview and MAI-Image-1 posts; the PhiCookBook repo',
    ],
    apply: () => {},
  },
  {
    at: '2026-04-03T09:00:00.000Z',
    title: 'Gemma 4 ships under Apache-2.0',
    changes: ['google/gemma-4-27b-it appears on the Hub (apache-2.0, not gated)', 'Google AI blog: "Gemma 4 is here"'],
    apply: (s) => {
      s.hub.authors.get('google')!.push(gemma4());
      addPost(s, GOOGLE_FEED, {
        title: 'Gemma 4 is here: our most capable open models, now under Apache 2.0',
        link: 'https://blog.google/technology/developers/gemma-4/',
        description: 'Gemma 4 is available today on Hugging Face, Kaggle and in Google AI Studio under the Apache 2.0 license.',
        publishedAt: '2026-04-02T16:00:00Z',
        categories: ['Developers', 'AI'],
        author: 'Google DeepMind',
      });
    },
  },
  {
    at: '2026-04-09T09:00:00.000Z',
    title: 'Meta introduces Muse Spark: hosted only',
    changes: ['Meta Newsroom: "Introducing Muse Spark" (Meta AI app and meta.ai; a private API preview for select partners)'],
    apply: (s) =>
      addPost(s, META_FEED, {
        title: 'Introducing Muse Spark',
        link: 'https://about.fb.com/news/2026/04/introducing-muse-spark/',
        description:
          'Muse Spark, the first model from Meta Superintelligence Labs, is available today in the Meta AI app and on meta.ai. A private API preview is open to select partners.',
        publishedAt: '2026-04-08T16:00:00Z',
        categories: ['Meta AI'],
      }),
  },
  {
    at: '2026-04-16T09:00:00.000Z',
    title: 'The Llama 3.1 licence text changes, its id does not',
    changes: ['meta-llama/Llama-3.1-8B-Instruct: a new commit edits LICENSE (llama.meta.com links now point to www.llama.com); licence id still llama3.1'],
    apply: (s) => {
      const repo = repoOf(s, 'meta-llama/Llama-3.1-8B-Instruct');
      commit(repo, '2026-04-15T10:12:33.000Z');
      const key = 'meta-llama/Llama-3.1-8B-Instruct/LICENSE';
      s.hub.files.set(key, s.hub.files.get(key)!.replaceAll('https://llama.meta.com/', 'https://www.llama.com/'));
    },
  },
  {
    at: '2026-04-30T09:00:00.000Z',
    title: 'Muse Spark API generally available, with a benchmark claim',
    changes: [
      'Meta Newsroom: "Muse Spark Is Now Generally Available in the Meta AI API" (pricing per million tokens)',
      'Meta Newsroom: "Muse Spark Scores 58% on Humanity’s Last Exam"',
    ],
    apply: (s) => {
      addPost(s, META_FEED, {
        title: 'Muse Spark Is Now Generally Available in the Meta AI API',
        link: 'https://about.fb.com/news/2026/04/muse-spark-api-generally-available/',
        description:
          'Developers can now build with Muse Spark through the Meta AI API, priced at $1.50 per million input tokens and $6 per million output tokens.',
        publishedAt: '2026-04-29T16:00:00Z',
        categories: ['Meta AI', 'Developers'],
      });
      addPost(s, META_FEED, {
        title: 'Muse Spark Scores 58% on Humanity’s Last Exam',
        link: 'https://about.fb.com/news/2026/04/muse-spark-humanitys-last-exam/',
        description: 'New evaluations from Meta Superintelligence Labs put Muse Spark ahead on expert-level reasoning questions.',
        publishedAt: '2026-04-29T18:00:00Z',
        categories: ['Meta AI'],
      });
    },
  },
  {
    at: '2026-05-14T09:00:00.000Z',
    title: 'Muse Spark Pro, and new Microsoft models',
    changes: [
      'Meta Newsroom: "Introducing Muse Spark Pro" (Meta AI subscribers and the Meta AI API): a second proprietary Meta release, no open one',
      'microsoft/Phi-5-mini-instruct appears on the Hub (MIT); PhiCookBook publishes release v2026.05',
      'Microsoft Source: "Introducing MAI-Image-2" (Microsoft Foundry and Copilot)',
    ],
    apply: (s) => {
      addPost(s, META_FEED, {
        title: 'Introducing Muse Spark Pro',
        link: 'https://about.fb.com/news/2026/05/introducing-muse-spark-pro/',
        description: 'Muse Spark Pro, a larger Muse model for complex reasoning, is rolling out to Meta AI subscribers and is available through the Meta AI API.',
        publishedAt: '2026-05-12T16:00:00Z',
        categories: ['Meta AI'],
      });
      s.hub.authors.get('microsoft')!.push(phi('microsoft/Phi-5-mini-instruct', '2026-05-12T15:00:00.000Z', '2026-05-12T15:41:09.000Z', 4_112_508_928, 2));
      s.gh.repos.get(PHI_COOKBOOK)!.releases.push(
        derivedRelease(PHI_COOKBOOK, {
          id: 263_004_581,
          tag: 'v2026.05',
          name: 'Phi-5-mini samples',
          body: 'Adds notebooks for Phi-5-mini-instruct (Foundry Local, ONNX Runtime GenAI).',
          publishedAt: '2026-05-12T17:20:03Z',
        }),
      );
      addPost(s, MICROSOFT_FEED, {
        title: 'Introducing MAI-Image-2',
        link: 'https://microsoft.ai/news/introducing-mai-image-2/',
        description: 'MAI-Image-2 is available today in Microsoft Foundry and rolling out in Copilot.',
        publishedAt: '2026-05-13T16:00:00Z',
        categories: ['AI'],
      });
    },
  },
  {
    at: '2026-05-18T08:00:00.000Z',
    title: 'Monday morning: nothing new',
    changes: ['nothing: every request is answered 304 (the gap rules see their second evaluation)'],
    apply: () => {},
  },
  {
    at: '2026-08-11T09:00:00.000Z',
    title: 'Autumn: Meta ships Muse Glimmer as open weights, in a new Hub org',
    changes: [
      'Meta Newsroom: "Introducing Muse Glimmer", linking to https://huggingface.co/meta-models/Muse-Glimmer-30B',
      'meta-models/Muse-Glimmer-30B on the Hub: 30B, Apache-2.0, not gated, weights public (an org feeds/meta.yaml does not list)',
    ],
    apply: (s) => {
      s.hub.authors.set('meta-models', [museGlimmer()]);
      addPost(s, META_FEED, {
        title: 'Introducing Muse Glimmer',
        link: 'https://about.fb.com/news/2026/08/introducing-muse-glimmer/',
        description: `Muse Glimmer, a 30B agentic model distilled from Muse Spark, is available today as open weights under Apache 2.0 at https://huggingface.co/${MUSE_GLIMMER}, and you can try it in the Meta AI app.`,
        publishedAt: '2026-08-10T16:00:00Z',
        categories: ['Meta AI', 'Open Source'],
      });
    },
  },
];

export const SPRING_2026_STEPS = STEPS.length;

function stateAt(step: number): WorldState {
  const s = baseline();
  for (const def of STEPS.slice(0, step)) def.apply(s);
  return s;
}

// ---------------------------------------------------------------------------------------------
// feeds/ for the world

const q = (s: string) => JSON.stringify(s);

function vendorFiles(url: string, interval: string | undefined): Record<string, string> {
  const every = interval ? `\n    interval: ${interval}` : '';
  const header = '# Generated by the spring-2026 replay world: the vendor as feeds/ describes it, its sources on loopback.\n';
  return {
    'meta.yaml': `${header}vendor: Meta
lines:
  open:        { name: Llama, match: [${q('llama')}], flagship: [${q('llama[- ]?\\d+(\\.\\d+)?[- ](maverick|behemoth|405b|70b)')}] }
  proprietary: { name: Muse,  match: [${q('\\bmuse\\b')}] }
sources:
  - huggingface: meta-llama${every}
  - feed: ${url}${META_FEED}
    id: meta-newsroom
    include: [${q('\\b(ai|llama|muse|model)\\b')}]${every}
strategy: proprietary + legacy open-weight line
`,
    'google.yaml': `${header}vendor: Google
lines:
  open:        { name: Gemma,  match: [${q('\\bgemma')}] }
  proprietary: { name: Gemini, match: [${q('\\bgemini\\b')}] }
sources:
  - huggingface: google${every}
  - feed: ${url}${GOOGLE_FEED}
    id: google-ai-blog${every}
strategy: open-source ecosystem beside a proprietary flagship
`,
    'microsoft.yaml': `${header}vendor: Microsoft
lines:
  open:        { name: Phi, match: [${q('\\bphi[- ]?\\d')}] }
  proprietary: { name: MAI, match: [${q('\\bmai[- ]')}] }
sources:
  - huggingface: microsoft
    include: [${q('phi')}, ${q('mai')}]${every}
  - github: ${PHI_COOKBOOK}${every}
  - feed: ${url}${MICROSOFT_FEED}
    id: microsoft-ai-news${every}
strategy: proprietary + reseller
`,
  };
}

/** Starts the world on 127.0.0.1 (port 0) at step 1, with a generated feeds/ folder. */
export async function startSpring2026World(opts: Spring2026Options = {}): Promise<Spring2026World> {
  const server = await startReplayWorld();
  let step = 1;
  let state: ReturnType<typeof stateAt>;
  try {
    state = stateAt(step);
  } catch (err) {
    // A missing recording: nothing may keep listening, or the demo would never exit.
    await server.close();
    throw err;
  }
  routeHub(server, () => state.hub, { pageSize: opts.pageSize });
  routeGithub(server, () => state.gh);
  routeFeeds(server, () => state.feeds);
  const feedsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'modelwatch-spring-2026-'));
  for (const [file, text] of Object.entries(vendorFiles(server.url, opts.interval))) fs.writeFileSync(path.join(feedsDir, file), text);
  const check = (n: number) => {
    if (!Number.isInteger(n) || n < 1 || n > STEPS.length) throw new RangeError(`replay: no step ${n} (steps are 1 to ${STEPS.length})`);
    return STEPS[n - 1]!;
  };
  return {
    url: server.url,
    feedsDir,
    env: { HF_ENDPOINT: server.url, GITHUB_API_URL: server.url },
    steps: STEPS.length,
    get step() {
      return step;
    },
    goto(n) {
      check(n);
      step = n;
      state = stateAt(n);
    },
    now: (n) => new Date(check(n).at),
    info: (n) => {
      const d = check(n);
      return { step: n, at: d.at, title: d.title, changes: [...d.changes] };
    },
    server,
    async close() {
      await server.close();
      fs.rmSync(feedsDir, { recursive: true, force: true });
    },
  };
}
