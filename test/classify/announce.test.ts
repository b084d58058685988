// Announcement rules (src/classify/announce.ts) on REAL titles from the vendor fixtures
// (OpenAI, Google DeepMind, Google AI feeds; Anthropic's newsroom) and on realistic 2026 titles,
// with the vendors' lines as configured in feeds/*.yaml.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANNOUNCE_PATTERNS, detectAnnouncement, modelSlug, namesFromCapture } from '../../src/classify/announce.js';
import { readVendorFile } from '../../src/config/index.js';
import type { VendorConfig } from '../../src/model.js';

function vendor(id: string): VendorConfig {
  const problems: string[] = [];
  const v = readVendorFile(new URL(`../../feeds/${id}.yaml`, import.meta.url).pathname, id, problems);
  if (!v) throw new Error(problems.join('\n'));
  return v;
}
const [META, GOOGLE, OPENAI, ANTHROPIC, MICROSOFT, XAI, NVIDIA] = [
  'meta',
  'google',
  'openai',
  'anthropic',
  'microsoft',
  'xai',
  'nvidia',
].map(vendor) as VendorConfig[];

/** Titles of a recorded fixture, read with a plain regex (independent of the feed collector). */
function titles(file: string, re: RegExp): string[] {
  const text = readFileSync(new URL(`../fixtures/vendors/${file}`, import.meta.url), 'utf8');
  return [...text.matchAll(re)].map((m) =>
    m[1]!
      .replace(/&amp;/g, '&')
      .replace(/&#x27;/g, "'")
      .trim(),
  );
}
const itemTitles = (file: string) => titles(file, /<item>\s*<title>(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?<\/title>/g);

const ids = (title: string, v: VendorConfig, summary: string | null = null) =>
  detectAnnouncement({ title, summary }, v)?.models.map((m) => m.id) ?? [];

describe('real titles from the vendor fixtures', () => {
  it('Google DeepMind: the four "Introducing Gemini 3.8 …" posts, nothing else', () => {
    const all = itemTitles('deepmind_rss.xml');
    expect(all).toHaveLength(8);
    expect(Object.fromEntries(all.map((t) => [t, ids(t, GOOGLE)]))).toEqual({
      'Introducing Gemini 3.8 Live with Live Avatar': ['google/gemini-3-8-live'],
      'Advancing Private AI Compute with secure, server-side memory': [],
      'Gemini 3.8 text-to-speech says hello': [],
      'Introducing Gemini 3.8 Live and 3.8 Live Extended Thinking': ['google/gemini-3-8-live', 'google/gemini-3-8-live-extended-thinking'],
      'AlphaGenome Atlas: A predictive map of every possible DNA letter change in the human genome': [],
      'Introducing WeatherNext 3, our most advanced and accurate global weather AI model': [],
      'Proactive cyber defense for governments and enterprises': [],
      'Introducing Gemini 3.8 Flash and 3.8 Flash Cyber': ['google/gemini-3-8-flash', 'google/gemini-3-8-flash-cyber'],
    });
    const flash = detectAnnouncement({ title: 'Introducing Gemini 3.8 Flash and 3.8 Flash Cyber', summary: null }, GOOGLE)!;
    expect(flash.models.map((m) => [m.name, m.line])).toEqual([
      ['Gemini 3.8 Flash', 'proprietary'],
      ['Gemini 3.8 Flash Cyber', 'proprietary'],
    ]);
    expect(flash.models[0]!.lineReason).toMatch(/proprietary line "Gemini"/);
    expect(flash.matchedIn).toBe('title');
  });

  it('OpenAI news: none of the 8 posts introduces a GPT or gpt-oss model', () => {
    const all = itemTitles('openai_news_rss.xml');
    expect(all).toHaveLength(8);
    expect(all).toContain('Introducing MentalHealthBench'); // "introducing", but a benchmark
    expect(all).toContain('Harvey turns legal context into stronger drafts with GPT-6 Astra'); // a model, but not introduced
    expect(all.filter((t) => ids(t, OPENAI).length)).toEqual([]);
  });

  it('Google AI (The Keyword): none of the 6 posts announces a model', () => {
    const all = itemTitles('google_ai_rss.xml');
    expect(all).toHaveLength(6);
    expect(all.filter((t) => ids(t, GOOGLE).length)).toEqual([]);
  });

  it('Anthropic newsroom: the featured Claude launches, not the list\'s other "Introducing …"', () => {
    const list = titles('anthropic_news.html', /__title body-3">([^<]*)</g);
    expect(list).toHaveLength(10);
    expect(list).toContain('Introducing the Life Sciences Verification Program');
    expect(list.filter((t) => ids(t, ANTHROPIC).length)).toEqual([]);
    const featured = titles('anthropic_news.html', /(?:featuredTitle|__title)">([^<]*)</g);
    expect(featured.slice(0, 4)).toEqual([
      'Introducing Claude Opus 5.5',
      'The Situation Report',
      'Introducing Claude Fable 5.1 and Claude Mythos 5.1',
      'Detecting and countering misuse of AI: September 2026',
    ]);
    expect(featured.slice(0, 4).map((t) => ids(t, ANTHROPIC))).toEqual([
      ['anthropic/claude-opus-5-5'],
      [],
      ['anthropic/claude-fable-5-1', 'anthropic/claude-mythos-5-1'],
      [], // "September 2026" has a digit before the colon, but names no Claude model
    ]);
  });
});

describe('realistic 2026 titles', () => {
  it.each([
    ['Introducing Muse Spark', META, 'meta/muse-spark', 'Muse Spark', 'proprietary'],
    ['Gemma 4: Byte for byte, the most capable open models', GOOGLE, 'google/gemma-4', 'Gemma 4', 'open'],
    ['Gemma 4 is here', GOOGLE, 'google/gemma-4', 'Gemma 4', 'open'],
    ['Meet Llama 4', META, 'meta/llama-4', 'Llama 4', 'open'],
    ['The Llama 4 herd: The beginning of a new era of natively multimodal AI innovation', META, 'meta/llama-4', 'Llama 4', 'open'],
    ['Announcing Phi-4', MICROSOFT, 'microsoft/phi-4', 'Phi-4', 'open'],
    ['Introducing MAI-Image-1, our first image generation model', MICROSOFT, 'microsoft/mai-image-1', 'MAI-Image-1', 'proprietary'],
    ['Gemini 2.5 Pro now available', GOOGLE, 'google/gemini-2-5-pro', 'Gemini 2.5 Pro', 'proprietary'],
    ['Gemini 2.5 Pro is now generally available', GOOGLE, 'google/gemini-2-5-pro', 'Gemini 2.5 Pro', 'proprietary'],
    ['Introducing gpt-oss', OPENAI, 'openai/gpt-oss', 'gpt-oss', 'open'],
    ['Introducing GPT\u20116 Astra', OPENAI, 'openai/gpt-6-astra', 'GPT-6 Astra', 'proprietary'],
    ['Launching Grok 5 — our most capable model yet', XAI, 'xai/grok-5', 'Grok 5', 'proprietary'],
    ['Introducing Llama Nemotron Nano 4', NVIDIA, 'nvidia/llama-nemotron-nano-4', 'Llama Nemotron Nano 4', 'open'],
  ] as const)('%s', (title, v, id, name, line) => {
    const a = detectAnnouncement({ title, summary: null }, v);
    expect(a?.models).toEqual([{ id, name, line, lineReason: expect.any(String) }]);
  });

  it.each([
    ['Introducing Meta AI in more countries', META],
    ['Llama Impact Grants: meet the 2026 recipients', META],
    ['How we built the Gemini app', GOOGLE],
    ['Gemini 3.8 text-to-speech says hello', GOOGLE],
    ['Meet the team behind Claude', ANTHROPIC],
    ['Meet The Team Behind Claude', ANTHROPIC],
  ] as const)('no announcement: %s', (title, v) => {
    expect(detectAnnouncement({ title, summary: null }, v)).toBeNull();
  });
});

describe('lead and access', () => {
  it('reads the lead when the title names no model, and takes the access path from title + lead', () => {
    const a = detectAnnouncement(
      {
        title: 'A new chapter for Meta AI',
        summary:
          'Introducing Muse Spark, the first model from Meta Superintelligence Labs. It is available today in the Meta AI app, with a private API preview for select partners.',
      },
      META,
    );
    expect(a).toMatchObject({ matchedIn: 'lead', access: 'hosted', models: [{ id: 'meta/muse-spark', line: 'proprietary' }] });
  });

  it('api when the post says the model is in a public API', () => {
    const a = detectAnnouncement(
      {
        title: 'Gemini 2.5 Pro now available',
        summary: 'Developers can start building with Gemini 2.5 Pro in the Gemini API and Vertex AI today.',
      },
      GOOGLE,
    );
    expect(a?.access).toBe('api');
  });

  it('only the first sentence of the lead can announce', () => {
    expect(
      detectAnnouncement({ title: 'Our year in review', summary: 'A lot happened. Introducing Muse Spark was one of it.' }, META),
    ).toBeNull();
  });
});

describe('configuration', () => {
  it('vendor patterns replace the defaults; a pattern without a `model` group or an invalid one is ignored', () => {
    const custom: VendorConfig = {
      ...XAI!,
      announce: { patterns: ['^(?<model>Grok \\d+(?:\\.\\d+)?) release notes', 'no group here', '(?<model>['] },
    };
    expect(ids('Grok 5 release notes', custom)).toEqual(['xai/grok-5']);
    expect(ids('Introducing Grok 5', custom)).toEqual([]);
    expect(ids('Introducing Grok 5', XAI!)).toEqual(['xai/grok-5']);
  });

  it('the defaults cover introducing / announcing / meet / launching / is here / now available', () => {
    const joined = DEFAULT_ANNOUNCE_PATTERNS.join('\n');
    for (const word of ['introducing', 'announcing', 'meet', 'launching', 'is\\s+(?:here', 'now\\s+']) expect(joined).toContain(word);
  });

  it('a vendor without lines announces nothing', () => {
    expect(detectAnnouncement({ title: 'Introducing Muse Spark', summary: null }, { ...META!, lines: {} })).toBeNull();
  });
});

describe('names and slugs', () => {
  it('cuts the capture at clause boundaries and splits lists', () => {
    expect(namesFromCapture('Gemini 3.8 Live with Live Avatar')).toEqual(['Gemini 3.8 Live']);
    expect(namesFromCapture('WeatherNext 3, our most advanced and accurate global weather AI model')).toEqual([
      'WeatherNext 3',
      'most advanced',
      'accurate global weather AI',
    ]);
    expect(namesFromCapture('Claude Fable 5.1 and Claude Mythos 5.1')).toEqual(['Claude Fable 5.1', 'Claude Mythos 5.1']);
    expect(namesFromCapture('Qwen3.5, Qwen3.5-Max & 3.6-Plus')).toEqual(['Qwen3.5', 'Qwen3.5-Max', '3.6-Plus']);
    expect(namesFromCapture('the Gemma 3 family')).toEqual(['Gemma 3']);
    expect(namesFromCapture('"Muse Spark".')).toEqual(['Muse Spark']);
  });

  it('slugs are lower-case words joined by hyphens', () => {
    expect(modelSlug('Gemini 2.5 Pro')).toBe('gemini-2-5-pro');
    expect(modelSlug('Phi-4')).toBe('phi-4');
    expect(modelSlug('Muse Spark')).toBe('muse-spark');
    expect(modelSlug('Mistral Médium 3')).toBe('mistral-medium-3');
  });
});
