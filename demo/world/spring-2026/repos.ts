// The spring-2026 world's Hugging Face repos: the recorded Llama bodies (demo/recordings/), and the
// repos derived from them in the recorded body's shape with invented values (demo/world/PROVENANCE.md).
import { createHash } from 'node:crypto';
import { HUB_RECORDED_INFO, recordedHubBody, type HubRepo } from '../hub.js';

/** The Hub repo of step 8's open Muse, in an org the vendor file does not list. */
export const MUSE_GLIMMER = 'meta-models/Muse-Glimmer-30B';

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
  const shards = Array.from(
    { length: d.shards },
    (_, i) => `model-${String(i + 1).padStart(5, '0')}-of-${String(d.shards).padStart(5, '0')}.safetensors`,
  );
  const files = [
    '.gitattributes',
    ...(d.licenseFile ? ['LICENSE'] : []),
    'README.md',
    'config.json',
    'generation_config.json',
    ...shards,
    'model.safetensors.index.json',
    'special_tokens_map.json',
    'tokenizer.json',
    'tokenizer_config.json',
  ];
  return {
    _id: hex(`hub-id:${d.id}`, 24),
    id: d.id,
    private: false,
    pipeline_tag: d.pipeline,
    library_name: 'transformers',
    tags: [
      'transformers',
      'safetensors',
      ...d.tags,
      d.pipeline,
      'conversational',
      `license:${d.license}`,
      'endpoints_compatible',
      'region:us',
    ],
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
export function commit(repo: HubRepo, lastModified: string): void {
  repo.lastModified = lastModified;
  repo.sha = hex(`sha:${repo.id}@${lastModified}`, 40);
}

const GEMMA_GATE = {
  extra_gated_heading: 'Access Gemma on Hugging Face',
  extra_gated_prompt:
    'To access Gemma on Hugging Face, you’re required to review and agree to Google’s usage license. To do this, please ensure you’re logged in to Hugging Face and click below. Requests are processed immediately.',
  extra_gated_button_content: 'Acknowledge license',
};

export function metaLlamaRepos(): { repos: HubRepo[]; files: [string, string][] } {
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

export function gemma3(): HubRepo {
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

export function gemma4(): HubRepo {
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

export function phi(
  id: string,
  createdAt: string,
  lastModified: string,
  parameters: number,
  shards: number,
  extra: Partial<DerivedRepo> = {},
): HubRepo {
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
export function museGlimmer(): HubRepo {
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

export function microsoftRepos(): HubRepo[] {
  return [
    phi('microsoft/phi-4', '2024-12-11T11:47:29.000Z', '2025-03-09T19:12:04.000Z', 14_659_507_200, 6, { downloads: 598_312, likes: 2_113 }),
    phi('microsoft/Phi-4-mini-instruct', '2025-02-19T01:00:58.000Z', '2025-03-10T17:33:27.000Z', 3_836_021_760, 2, {
      downloads: 310_997,
      likes: 598,
    }),
    phi('microsoft/Phi-4-mini-flash-reasoning', '2025-07-09T16:01:45.000Z', '2025-07-14T08:22:10.000Z', 3_852_476_416, 2, {
      downloads: 44_018,
      likes: 431,
    }),
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
