// The release grouping rule on real Hub ids (test/fixtures/releases/PROVENANCE.md). Labels were
// written before the rule ran: each group below is one launch; different groups are different launches.
import { describe, expect, it } from 'vitest';
import { joinsRelease, releaseIdentity } from '../../src/classify/release-identity.js';

const google = { id: 'google', name: 'Google' };
const meta = { id: 'meta', name: 'Meta' };
const alibaba = { id: 'alibaba', name: 'Alibaba (Qwen)' };
const mistral = { id: 'mistral', name: 'Mistral AI' };
const microsoft = { id: 'microsoft', name: 'Microsoft' };
const deepseek = { id: 'deepseek', name: 'DeepSeek' };
const openai = { id: 'openai', name: 'OpenAI' };
const moonshot = { id: 'moonshot', name: 'Moonshot AI' };
const zai = { id: 'zai', name: 'Zhipu' };

type V = { id: string; name: string };
const GROUPS: [V, string[]][] = [
  [
    google,
    [
      'google/gemma-4-26B-A4B',
      'google/gemma-4-26B-A4B-it',
      'google/gemma-4-31B',
      'google/gemma-4-31B-it',
      'google/gemma-4-E2B-it',
      'google/gemma-4-E4B-it',
      'Gemma 4',
    ],
  ],
  [google, ['google/gemma-3n-E2B-it', 'google/gemma-3n-E4B-it']],
  [
    google,
    [
      'google/gemma-3-12b-it',
      'google/gemma-3-12b-pt',
      'google/gemma-3-1b-it',
      'google/gemma-3-27b-it',
      'google/gemma-3-4b-it',
      'google/gemma-3-27b-it-qat-q4_0-gguf',
    ],
  ],
  [google, ['google/gemma-2-27b-it', 'google/gemma-2-9b-it', 'google/gemma-2-2b-it']],
  [
    meta,
    [
      'meta-llama/Llama-3.1-405B',
      'meta-llama/Llama-3.1-405B-Instruct',
      'meta-llama/Llama-3.1-405B-Instruct-FP8',
      'meta-llama/Llama-3.1-70B',
      'meta-llama/Llama-3.1-70B-Instruct',
      'meta-llama/Llama-3.1-8B',
      'meta-llama/Llama-3.1-8B-Instruct',
      'meta-llama/Meta-Llama-3.1-8B-Instruct',
      'Llama 3.1',
    ],
  ],
  [
    meta,
    [
      'meta-llama/Meta-Llama-3-70B',
      'meta-llama/Meta-Llama-3-70B-Instruct',
      'meta-llama/Meta-Llama-3-8B',
      'meta-llama/Meta-Llama-3-8B-Instruct',
    ],
  ],
  [meta, ['meta-llama/Llama-3.2-1B', 'meta-llama/Llama-3.2-1B-Instruct', 'meta-llama/Llama-3.2-3B', 'meta-llama/Llama-3.2-3B-Instruct']],
  [meta, ['meta-llama/Llama-Guard-3-8B', 'meta-llama/Llama-Guard-3-1B', 'meta-llama/Llama-Guard-3-8B-INT8']],
  [meta, ['meta-llama/Llama-4-Maverick-17B-128E-Instruct', 'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8']],
  [meta, ['Muse Spark']],
  [meta, ['Muse Spark Pro']],
  [meta, ['meta-models/Muse-Glimmer-30B', 'Muse Glimmer']],
  [
    alibaba,
    [
      'Qwen/Qwen3-0.6B',
      'Qwen/Qwen3-0.6B-Base',
      'Qwen/Qwen3-0.6B-FP8',
      'Qwen/Qwen3-1.7B-GPTQ-Int8',
      'Qwen/Qwen3-14B-AWQ',
      'Qwen/Qwen3-235B-A22B',
      'Qwen/Qwen3-235B-A22B-FP8',
      'Qwen/Qwen3-30B-A3B-GPTQ-Int4',
      'Qwen3',
    ],
  ],
  [alibaba, ['Qwen/Qwen3-235B-A22B-Instruct-2507', 'Qwen/Qwen3-235B-A22B-Instruct-2507-FP8', 'Qwen/Qwen3-30B-A3B-Instruct-2507']],
  [alibaba, ['Qwen/Qwen3-235B-A22B-Thinking-2507', 'Qwen/Qwen3-30B-A3B-Thinking-2507-FP8']],
  [
    alibaba,
    ['Qwen/Qwen2.5-VL-32B-Instruct', 'Qwen/Qwen2.5-VL-3B-Instruct-AWQ', 'Qwen/Qwen2.5-VL-72B-Instruct', 'Qwen/Qwen2.5-VL-7B-Instruct'],
  ],
  [mistral, ['mistralai/Ministral-8B-Instruct-2410']],
  [mistral, ['mistralai/Mistral-Small-3.1-24B-Instruct-2503']],
  [mistral, ['mistralai/Mistral-Small-24B-Instruct-2501']],
  [mistral, ['mistralai/Mistral-7B-Instruct-v0.3']],
  [mistral, ['mistralai/Mistral-7B-v0.1', 'mistralai/Mistral-7B-Instruct-v0.1']],
  [microsoft, ['microsoft/phi-4']],
  [microsoft, ['microsoft/Phi-4-mini-instruct']],
  [microsoft, ['microsoft/Phi-4-reasoning']],
  [microsoft, ['MAI-Image-2']],
  [deepseek, ['deepseek-ai/DeepSeek-V4-Pro', 'deepseek-ai/DeepSeek-V4-Pro-Base']],
  [deepseek, ['deepseek-ai/DeepSeek-V4-Flash', 'deepseek-ai/DeepSeek-V4-Flash-Base']],
  [deepseek, ['deepseek-ai/DeepSeek-V3']],
  [deepseek, ['deepseek-ai/DeepSeek-V3-0324']],
  [openai, ['openai/gpt-oss-120b', 'openai/gpt-oss-20b']],
  [openai, ['openai/gpt-oss-safeguard-120b', 'openai/gpt-oss-safeguard-20b']],
  [moonshot, ['moonshotai/Kimi-K2-Instruct']],
  [moonshot, ['moonshotai/Kimi-K2-Instruct-0905']],
  [moonshot, ['moonshotai/Kimi-K2-Thinking']],
  [zai, ['zai-org/GLM-5', 'zai-org/GLM-5-FP8']],
  [zai, ['zai-org/GLM-4.5']],
  [zai, ['zai-org/GLM-4.5-Air', 'zai-org/GLM-4.5-Air-FP8']],
];

describe('release identity on real names', () => {
  it('puts the artefacts of one launch under one key', () => {
    for (const [vendor, names] of GROUPS) {
      const keys = new Set(names.map((n) => releaseIdentity(vendor, n).key));
      expect([...keys], names.join(', ')).toHaveLength(1);
    }
  });

  it('keeps different launches apart', () => {
    const keys = GROUPS.map(([vendor, names]) => releaseIdentity(vendor, names[0]!).key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names the release, its family and version', () => {
    expect(releaseIdentity(google, 'google/gemma-4-31B-it')).toMatchObject({
      key: 'google:gemma 4',
      name: 'gemma 4',
      family: 'gemma',
      version: '4',
      auxiliary: false,
      formatVariant: false,
    });
    expect(releaseIdentity(alibaba, 'Qwen/Qwen3-235B-A22B')).toMatchObject({ family: 'qwen', version: '3' });
    expect(releaseIdentity(mistral, 'mistralai/Ministral-8B-Instruct-2410')).toMatchObject({ family: 'ministral', version: '2410' });
    expect(releaseIdentity(meta, 'meta-llama/Meta-Llama-3.1-8B-Instruct')).toMatchObject({
      name: 'Llama 3.1',
      family: 'llama',
      version: '3.1',
    });
    expect(releaseIdentity(meta, 'meta-models/Muse-Glimmer-30B')).toMatchObject({
      name: 'Muse Glimmer',
      family: 'muse glimmer',
      version: null,
    });
    expect(releaseIdentity(google, 'google/gemma-3-27b-it-qat-q4_0-gguf').formatVariant).toBe(true);
  });

  it('flags auxiliary models (guards, safeguards) as their own releases', () => {
    expect(releaseIdentity(meta, 'meta-llama/Llama-Guard-3-8B').auxiliary).toBe(true);
    expect(releaseIdentity(meta, 'meta-llama/Prompt-Guard-86M')).toMatchObject({ auxiliary: true, key: 'meta:prompt guard' });
    expect(releaseIdentity(openai, 'openai/gpt-oss-safeguard-20b').auxiliary).toBe(true);
    expect(releaseIdentity(meta, 'meta-llama/Llama-3.1-8B').auxiliary).toBe(false);
  });

  it('splits one key into two launches outside the time window, except for a format re-upload', () => {
    // Mixtral-8x7B-Instruct-v0.1 (2023-12-10) and Mixtral-8x22B-Instruct-v0.1 (2024-04-16) share a key.
    const a = releaseIdentity(mistral, 'mistralai/Mixtral-8x7B-Instruct-v0.1');
    const b = releaseIdentity(mistral, 'mistralai/Mixtral-8x22B-Instruct-v0.1');
    expect(a.key).toBe(b.key);
    expect(joinsRelease('2023-12-10', '2024-04-16', b.formatVariant)).toBe(false);
    // Gemma 3 (2025-03-12 1b-it) and gemma-3-270m (2025-08-05): two launches.
    expect(joinsRelease('2025-03-12', '2025-08-05', releaseIdentity(google, 'google/gemma-3-270m').formatVariant)).toBe(false);
    // Llama-3.1-405B-Instruct-FP8 four days after the launch, and a quantised re-upload a year later: same release.
    expect(joinsRelease('2024-07-16', '2024-07-20', false)).toBe(true);
    expect(
      joinsRelease('2025-04-05', '2026-04-05', releaseIdentity(meta, 'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8').formatVariant),
    ).toBe(true);
    expect(joinsRelease(null, '2026-04-05', false)).toBe(true);
  });
});
