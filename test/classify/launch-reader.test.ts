// The launch reader (src/classify/launch-reader.ts) on the cases the issue names, with the
// shipped vendor files: names only in the lead, availability of a known model, Chinese titles,
// products named after a family, guides after a versioned name, and the explanation it gives.
import { describe, expect, it } from 'vitest';
import { detectAnnouncement } from '../../src/classify/announce.js';
import { readLaunch } from '../../src/classify/launch-reader.js';
import { readVendorFile } from '../../src/config/index.js';
import type { VendorConfig } from '../../src/model.js';

function vendor(id: string): VendorConfig {
  const problems: string[] = [];
  const v = readVendorFile(new URL(`../../feeds/${id}.yaml`, import.meta.url).pathname, id, problems);
  if (!v) throw new Error(problems.join('\n'));
  return v;
}
const V = Object.fromEntries(
  ['anthropic', 'google', 'microsoft', 'deepseek', 'mistral', 'xai', 'openai', 'alibaba', 'meta', 'zhipu'].map((id) => [id, vendor(id)]),
);
const names = (title: string, v: VendorConfig, summary: string | null = null) => {
  const a = detectAnnouncement({ title, summary }, v, { leadSentences: 3 });
  return a?.kind === 'launch' ? a.models.map((m) => m.name) : [];
};

describe('names only in the lead', () => {
  it('"A new era of intelligence with Gemini 3" names Gemini 3 Pro from its lead', () => {
    const lead =
      'Nearly two years ago we kicked off the Gemini era. Today we’re releasing Gemini 3 Pro, our most intelligent model, in the Gemini app, AI Studio and Vertex AI.';
    expect(names('A new era of intelligence with Gemini 3', V.google!, lead)).toEqual(['Gemini 3 Pro']);
    const r = readLaunch({ title: 'A new era of intelligence with Gemini 3', summary: lead }, V.google!, { leadSentences: 3 });
    expect(r).toMatchObject({ rule: 'verb-first', matchedIn: 'lead' });
  });

  it('"Two in-house models in support of our mission" names MAI-Voice-1 and MAI-1-preview', () => {
    const lead =
      'Today, we’re excited to announce two new in-house models: MAI-Voice-1, our first highly expressive and natural speech generation model, and MAI-1-preview, our first foundation model trained end to end.';
    expect(names('Two in-house models in support of our mission', V.microsoft!, lead)).toEqual(['MAI-Voice-1', 'MAI-1-preview']);
  });

  it('only the lead of a title that settles nothing is read', () => {
    expect(names('Introducing Claude for Education', V.anthropic!, 'Claude Opus 4.5 is available today in the API.')).toEqual([]);
  });
});

describe('availability of a known model is not a new model', () => {
  it('"Claude is now available in Europe" creates no model', () => {
    expect(detectAnnouncement({ title: 'Claude is now available in Europe', summary: null }, V.anthropic!)).toBeNull();
    const r = readLaunch({ title: 'Claude is now available in Europe', summary: null }, V.anthropic!);
    expect(r.availability).toEqual([expect.objectContaining({ name: 'Claude', place: 'Europe', specific: false })]);
  });

  it('"Gemini 3 Flash is now available in Gemini CLI" is an availability of Gemini 3 Flash, not a launch', () => {
    const a = detectAnnouncement({ title: 'Gemini 3 Flash is now available in Gemini CLI', summary: null }, V.google!);
    expect(a).toMatchObject({ kind: 'availability', place: 'Gemini CLI', models: [{ id: 'google/gemini-3-flash' }] });
  });
});

describe('Chinese titles', () => {
  it.each([
    ['DeepSeek-V3.2 正式版发布', 'DeepSeek-V3.2'],
    ['DeepSeek V3.2 正式版：强化 Agent 能力，融入思考推理', 'DeepSeek V3.2'],
    ['DeepSeek-V3.1 发布', 'DeepSeek-V3.1'],
    ['DeepSeek-R1 更新，思考更深，推理更强', 'DeepSeek-R1'],
    ['DeepSeek-V4 预览版：迈入百万上下文普惠时代', 'DeepSeek-V4'],
  ])('%s', (title, name) => {
    expect(names(title, V.deepseek!)).toEqual([name]);
  });

  it('我们正式发布 GLM-4.1V-9B-Thinking 系列视觉理解模型', () => {
    expect(names('我们正式发布 GLM-4.1V-9B-Thinking 系列视觉理解模型，更多信息请查看 GitHub 仓库。', V.zhipu!)).toEqual([
      'GLM-4.1V-9B-Thinking',
    ]);
  });

  it('a tool for a family is not a model: 我们推出了 CogKit 工具…', () => {
    expect(names('我们推出了 CogKit 工具，这是一个微调CogView4, CogVideoX 系列的微调和推理框架。', V.zhipu!)).toEqual([]);
  });
});

describe('the model-name grammar', () => {
  it.each([
    ['Claude Opus 4.1', V.anthropic, ['Claude Opus 4.1']],
    ['Grok 4 Fast', V.xai, ['Grok 4 Fast']],
    ['Open Release of Grok-1', V.xai, ['Grok-1']],
    ['Grok-2 Beta Release', V.xai, ['Grok-2']],
    ['Introducing Grok Code Fast 1', V.xai, ['Grok Code Fast 1']],
    ['Mistral Small 3.1', V.mistral, ['Mistral Small 3.1']],
    ['Codestral 25.01', V.mistral, ['Codestral 25.01']],
    ['Magistral', V.mistral, ['Magistral']],
    ['Introducing Mistral 3', V.mistral, ['Mistral 3']],
    ['Introducing Mistral OCR 3', V.mistral, ['Mistral OCR 3']],
    ['OpenAI o3-mini', V.openai, ['o3-mini']],
    ['Releasing Qwen2.5-Max', V.alibaba, ['Qwen2.5-Max']],
    ['Qwen3-235B-A22B: Think Deeper, Act Faster', V.alibaba, ['Qwen3-235B-A22B']],
    ['QwQ-32B: Embracing the Power of Reinforcement Learning', V.alibaba, ['QwQ-32B']],
    ['Introducing Gemini 3.1 Flash-Lite', V.google, ['Gemini 3.1 Flash-Lite']],
    ['Introducing Muse Spark', V.meta, ['Muse Spark']],
  ] as const)('%s', (title, v, want) => {
    expect(names(title, v!)).toEqual(want);
  });

  it.each([
    ['Introducing Claude for Education', V.anthropic],
    ['Claude Team plan', V.anthropic],
    ['Introducing the Claude Team plan', V.anthropic],
    ['Llama Startup Program', V.meta],
    ['Introducing Claude Design by Anthropic Labs', V.anthropic],
    ['Gemma 4 12B: The Developer Guide', V.google],
    ['Bringing Gemma 4 12B to developers', V.google],
    ['GPT-2: 6-month follow-up', V.openai],
    ['Introducing GPTs', V.openai],
    ['Introducing computer use in Gemini 3.5 Flash', V.google],
    ['How Tolan builds voice-first AI with GPT-5.1', V.openai],
  ] as const)('not a launch: %s', (title, v) => {
    expect(names(title, v!)).toEqual([]);
  });

  it('explains which rule decided', () => {
    const r = readLaunch({ title: 'Introducing Claude Team plan', summary: null }, V.anthropic!);
    expect(r.rule).toBeNull();
    expect(r.trace.join('\n')).toMatch(/product word team/);
    const ok = readLaunch({ title: 'DeepSeek-V3.2 Release', summary: null }, V.deepseek!);
    expect(ok).toMatchObject({ rule: 'name-first', clause: 'DeepSeek-V3.2 Release' });
    expect(ok.trace.join('\n')).toMatch(/name-first "DeepSeek-V3.2" \+ "Release"/);
  });
});
