// The classifier on REAL recorded Hugging Face responses (test/fixtures/classify/hf, see its
// PROVENANCE.md). The mapping below is the minimal one the collector does: cardData.license
// (string or list) else the `license:*` tags, license_name / license_link, gated, private,
// disabled, and the weight files among `siblings`.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type RepoFacts, classify, weightFilesOf } from '../../src/classify/classify.js';
import { loadLicenseKb } from '../../src/classify/licenses.js';
import { scoresFromModelIndex } from '../../src/classify/scores.js';
import type { Gating, LicenseRef } from '../../src/model.js';

interface Recorded {
  request: { url: string };
  response: {
    headers: Record<string, string>;
    body: {
      id: string;
      private: boolean;
      disabled: boolean;
      gated: Gating;
      tags: string[];
      lastModified: string;
      siblings: { rfilename: string }[];
      cardData?: { license?: string | string[]; license_name?: string; license_link?: string; extra_gated_prompt?: string };
      'model-index'?: unknown;
    };
  };
}

const dir = new URL('../fixtures/classify/hf/', import.meta.url);
const load = (name: string) => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Recorded;
const kb = loadLicenseKb();

function licenseRefs(body: Recorded['response']['body']): LicenseRef[] {
  const card = body.cardData?.license;
  const ids =
    card === undefined
      ? body.tags.filter((t) => t.startsWith('license:')).map((t) => t.slice('license:'.length))
      : Array.isArray(card)
        ? card
        : [card];
  return ids.map((id) => ({ id, name: body.cardData?.license_name ?? null, link: body.cardData?.license_link ?? null }));
}

function repoFacts(rec: Recorded, opts: { withText?: boolean } = {}): RepoFacts {
  const b = rec.response.body;
  const refs = licenseRefs(b);
  return {
    repoId: b.id,
    url: `https://huggingface.co/${b.id}`,
    seenAt: new Date(rec.response.headers.Date ?? b.lastModified).toISOString(),
    weightFiles: weightFilesOf(b.siblings.map((s) => s.rfilename)),
    license: refs.length === 0 ? null : refs.length === 1 ? refs[0] : refs,
    licenseText: opts.withText ? (b.cardData?.extra_gated_prompt ?? null) : undefined,
    gated: b.gated,
    private: b.private,
    disabled: b.disabled,
  };
}

const classifyFile = (name: string, opts?: { withText?: boolean }) => {
  const rec = load(name);
  return classify({ modelId: rec.response.body.id, repo: repoFacts(rec, opts) }, kb);
};

describe('classifier on recorded Hugging Face responses', () => {
  it('uses only the files listed in the provenance note, and every one of them', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const provenance = readFileSync(new URL('PROVENANCE.md', dir), 'utf8');
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) expect(provenance, f).toContain(f);
  });

  it('meta-llama/Llama-3.1-8B-Instruct: gated manual, llama3.1 → 3b', () => {
    const c = classifyFile('model-info_meta-llama_Llama-3.1-8B-Instruct_2025-03-21.json');
    expect(c.level).toBe('3b');
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'gating', value: 'manual' }));
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'weights', value: 5 }));
    expect(c.evidence.find((e) => e.signal === 'license')?.seenAt).toBe('2025-03-21T11:19:30.000Z'); // the recorded Date header
  });

  it('the Llama licence text shown at the gate agrees with the card: no conflict', () => {
    const c = classifyFile('model-info_meta-llama_Llama-3.1-8B-Instruct_2025-03-21.json', { withText: true });
    expect(c.level).toBe('3b');
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'license_text', value: 'llama3.1' }));
    expect(c.conflicts).toEqual([]);
    const c3 = classifyFile('model-info_meta-llama_Meta-Llama-3-8B-Instruct_2025-03-21.json', { withText: true });
    expect(c3.level).toBe('3b');
    expect(c3.evidence).toContainEqual(expect.objectContaining({ signal: 'license_text', value: 'llama3' }));
  });

  it('google-bert/bert-base-uncased: apache-2.0 → 4', () => {
    expect(classifyFile('model-info_google-bert_bert-base-uncased_2025-01-22.json').level).toBe('4');
  });

  it('deepset/roberta-base-squad2: cc-by-4.0 → 4 (permissive, not OSI)', () => {
    const c = classifyFile('model-info_deepset_roberta-base-squad2_2025-01-22.json');
    expect(c.level).toBe('4');
    expect(c.decidedBy).toMatch(/cc-by-4.0 is permissive/);
  });

  it('Stable Diffusion: openrail++ and creativeml-openrail-m → 3b', () => {
    expect(classifyFile('model-info_stabilityai_stable-diffusion-2-1_2025-01-22.json').level).toBe('3b');
    expect(classifyFile('model-info_CompVis_stable-diffusion-v1-4_2025-03-21.json').level).toBe('3b');
  });

  it('HuggingFaceH4/zephyr-7b-beta: mit → 4', () => {
    expect(classifyFile('model-info_HuggingFaceH4_zephyr-7b-beta_2024-03-14.json').level).toBe('4');
  });

  it('openai/clip-vit-base-patch32 declares no licence → unknown, not closed', () => {
    const c = classifyFile('model-info_openai_clip-vit-base-patch32_2025-03-21.json');
    expect(c.level).toBeNull();
    expect(c.decidedBy).toMatch(/no licence on the card/);
  });

  it('reads the model-index of a real card into canonical benchmark scores', () => {
    const rec = load('model-info_HuggingFaceH4_zephyr-7b-beta_2024-03-14.json');
    const scores = scoresFromModelIndex(rec.response.body['model-index'], {
      modelId: rec.response.body.id,
      date: rec.response.body.lastModified,
    });
    const byName = Object.fromEntries(scores.map((s) => [s.benchmark, s.score]));
    expect(byName).toMatchObject({
      MMLU: 61.07,
      'ARC-Challenge': 62.03071672354948,
      HellaSwag: 84.35570603465445,
      GSM8K: 12.736921910538287,
      Winogrande: 77.7426992896606,
      TruthfulQA: 57.44916942762855,
      'MT-Bench': 7.34,
    });
    expect(byName).not.toHaveProperty('Drop (3-Shot)'); // unknown benchmark: skipped
    const mmlu = scores.find((s) => s.benchmark === 'MMLU')!;
    expect(mmlu).toMatchObject({
      modelId: 'HuggingFaceH4/zephyr-7b-beta',
      date: '2024-02-29T11:00:39.000Z',
      sourceKind: 'model-index',
      sourceUrl: 'https://huggingface.co/spaces/HuggingFaceH4/open_llm_leaderboard?query=HuggingFaceH4/zephyr-7b-beta',
    });
  });
});
