// The shipped watch list (feeds/) against the real world of December 2026: at least 13 vendors,
// each vendor file tested on real repo ids of its Hub orgs (test/fixtures/launches/hub-models.jsonl)
// and on real post titles of the vendor (the labelled corpus, plus README titles for the vendors
// the corpus lacks): every launch of a watched family is read, and the Hub repos fall in a line.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assignLine } from '../../src/classify/lines.js';
import { detectAnnouncement } from '../../src/classify/announce.js';
import { loadConfig } from '../../src/config/index.js';
import { loadCorpus, VENDOR_FILE } from '../helpers/launch-corpus.js';

const config = loadConfig({ env: {}, feeds: new URL('../../feeds', import.meta.url).pathname, db: ':memory:' });
const byId = new Map(config.vendors.map((v) => [v.id, v]));
const fixture = (name: string) =>
  fs
    .readFileSync(new URL(`../fixtures/launches/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Hub org → vendor file. */
const ORG: Record<string, string> = {
  Qwen: 'alibaba',
  nvidia: 'nvidia',
  'deepseek-ai': 'deepseek',
  google: 'google',
  microsoft: 'microsoft',
  'meta-llama': 'meta',
  'zai-org': 'zhipu',
  THUDM: 'zhipu',
  mistralai: 'mistral',
  moonshotai: 'moonshot',
  MiniMaxAI: 'minimax',
  openai: 'openai',
  'xai-org': 'xai',
};

describe('feeds/ watch list', () => {
  it('covers at least 13 vendors, each with sources and the grammar tiers of its families', () => {
    expect(config.vendors.length).toBeGreaterThanOrEqual(13);
    for (const id of ['moonshot', 'zhipu', 'minimax']) expect(byId.has(id), id).toBe(true);
    for (const v of config.vendors) {
      expect(v.sources.length, v.id).toBeGreaterThan(0);
      expect(v.announce?.tiers?.length, v.id).toBeGreaterThan(0);
    }
    const meta = byId.get('meta')!;
    expect(meta.sources.map((s) => s.target)).toEqual(expect.arrayContaining(['meta-llama', 'meta-models']));
  });

  it('puts the real Hub repos of every vendor org in a line (the families of 2025-2026)', () => {
    const rows = fixture('hub-models.jsonl');
    const misses: string[] = [];
    const perVendor = new Map<string, { n: number; hit: number }>();
    for (const r of rows) {
      const vid = ORG[r.org as string]!;
      const v = byId.get(vid)!;
      // a repo the vendor's Hub source filters out (`include:`) is not watched
      const hf = v.sources.find((s) => s.kind === 'huggingface' && s.target.toLowerCase() === String(r.org).toLowerCase());
      if (hf?.include && !hf.include.some((p) => new RegExp(p, 'i').test(r.id as string))) continue;
      const t = perVendor.get(vid) ?? { n: 0, hit: 0 };
      perVendor.set(vid, t);
      t.n++;
      if (assignLine(v, r.id as string).line) t.hit++;
      else misses.push(r.id as string);
    }
    // Repos that are no model of a watched family (embedding/utility/other-family repos) are allowed misses;
    // every vendor's own families must cover at least 80 % of its listed repos.
    for (const [vid, t] of perVendor)
      expect(
        t.hit / t.n,
        `${vid}: ${t.hit}/${t.n}; misses: ${misses.filter((m) => ORG[m.split('/')[0]!] === vid).join(', ')}`,
      ).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    ['alibaba', 'Qwen/Qwen3-235B-A22B', 'open'],
    ['alibaba', 'Qwen/Qwen3-Max', 'proprietary'],
    ['alibaba', 'Qwen/Qwen2.5-Max', 'proprietary'],
    ['alibaba', 'Qwen/QwQ-32B', 'open'],
    ['alibaba', 'Qwen/CodeQwen1.5-7B', 'open'],
    ['zhipu', 'zai-org/GLM-4.5-Air', 'open'],
    ['zhipu', 'zai-org/GLM-5.1', 'open'],
    ['moonshot', 'moonshotai/Kimi-K2.6', 'open'],
    ['minimax', 'MiniMaxAI/MiniMax-M2.7', 'open'],
    ['deepseek', 'deepseek-ai/DeepSeek-V3.2-Exp', 'open'],
    ['mistral', 'Mistral Large 3', 'open'],
    ['mistral', 'Magistral Medium 1.2', 'proprietary'],
    ['mistral', 'Devstral 2', 'open'],
    ['mistral', 'Mistral OCR 3', 'proprietary'],
    ['xai', 'Grok 4.1 Fast', 'proprietary'],
    ['xai', 'Grok Code Fast 1', 'proprietary'],
    ['xai', 'xai-org/grok-2', 'open'],
    ['google', 'Gemini 3.1 Flash-Lite', 'proprietary'],
    ['google', 'google/medgemma-4b-it', 'open'],
    ['anthropic', 'Claude Opus 5', 'proprietary'],
    ['openai', 'GPT-5.2-Codex', 'proprietary'],
    ['openai', 'openai/gpt-oss-120b', 'open'],
    ['meta', 'Muse Spark', 'proprietary'],
    ['meta', 'meta-models/Muse-Glimmer', 'open'],
    ['microsoft', 'MAI-Image-2', 'proprietary'],
    ['microsoft', 'MAI-Voice-1', 'proprietary'],
  ] as const)('%s: %s is on the %s line', (vid, name, line) => {
    expect(assignLine(byId.get(vid)!, name).line).toBe(line);
  });

  it('reads the real launch titles of every vendor (corpus and README titles)', () => {
    const rows = loadCorpus().filter((r) => r.launch);
    const found = new Map<string, number>();
    for (const r of rows) {
      const v = byId.get(VENDOR_FILE[r.vendor]!)!;
      const a = detectAnnouncement({ title: r.title, summary: r.lead }, v);
      if (a?.kind === 'launch') found.set(v.id, (found.get(v.id) ?? 0) + 1);
    }
    for (const t of fixture('readme-titles.jsonl')) {
      const a = detectAnnouncement({ title: t.title as string, summary: null }, byId.get(t.vendor as string)!);
      expect(
        a?.models.map((m) => m.name),
        t.title as string,
      ).toEqual(t.models);
      found.set(t.vendor as string, (found.get(t.vendor as string) ?? 0) + 1);
    }
    for (const id of [
      'alibaba',
      'anthropic',
      'deepseek',
      'google',
      'meta',
      'microsoft',
      'mistral',
      'openai',
      'xai',
      'zhipu',
      'moonshot',
      'minimax',
    ]) {
      expect(found.get(id) ?? 0, id).toBeGreaterThan(0);
    }
  });
});
