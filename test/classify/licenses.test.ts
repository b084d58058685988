import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  licenseFromLink,
  loadLicenseKb,
  lookupLicense,
  parseLicenseKb,
  recognizeLicenseText,
  recognizeLicenseTextDetailed,
  resolveLicenseRef,
} from '../../src/classify/licenses.js';

const fixture = (p: string) => new URL(`../fixtures/classify/${p}`, import.meta.url);
const kb = loadLicenseKb();

/** The licence ids of the hub-docs table between the `region licenses` markers. */
function hubLicenseIds(md: string): string[] {
  const start = md.indexOf('<!-- region licenses -->');
  const end = md.indexOf('<!-- endregion -->');
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  const ids: string[] = [];
  for (const line of md.slice(start, end).split('\n')) {
    const m = /^\|[^|]+\|\s*`([^`]+)`\s*\|/.exec(line);
    if (m) ids.push(m[1]);
  }
  return ids;
}

describe('licence knowledge base', () => {
  it('knows every Hugging Face licence id of hub-docs repositories-licenses.md', () => {
    const ids = hubLicenseIds(readFileSync(fixture('repositories-licenses.md'), 'utf8'));
    expect(ids.length).toBeGreaterThanOrEqual(80);
    expect(ids).toContain('llama3.1');
    expect(ids).toContain('grok2-community');
    const missing = ids.filter((id) => !lookupLicense(kb, id) || lookupLicense(kb, id)!.id !== id);
    expect(missing).toEqual([]);
  });

  it('maps the SPDX ids GitHub reports, case-insensitively', () => {
    const cases: [string, string, string][] = [
      ['MIT', 'mit', 'osi'],
      ['Apache-2.0', 'apache-2.0', 'osi'],
      ['BSD-3-Clause', 'bsd-3-clause', 'osi'],
      ['BSD-2-Clause', 'bsd-2-clause', 'osi'],
      ['GPL-3.0', 'gpl-3.0', 'osi'],
      ['GPL-2.0', 'gpl-2.0', 'osi'],
      ['LGPL-2.1', 'lgpl-2.1', 'osi'],
      ['AGPL-3.0', 'agpl-3.0', 'osi'],
      ['MPL-2.0', 'mpl-2.0', 'osi'],
      ['Unlicense', 'unlicense', 'osi'],
      ['0BSD', '0bsd', 'osi'],
      ['CC0-1.0', 'cc0-1.0', 'permissive-nonosi'],
      ['CC-BY-4.0', 'cc-by-4.0', 'permissive-nonosi'],
      ['CC-BY-SA-4.0', 'cc-by-sa-4.0', 'permissive-nonosi'],
      ['NOASSERTION', 'noassertion', 'unknown'],
    ];
    for (const [spdx, id, category] of cases) {
      const e = lookupLicense(kb, spdx);
      expect(e?.id, spdx).toBe(id);
      expect(e?.category, spdx).toBe(category);
    }
  });

  it('classifies the vendor licences with the clause that matters', () => {
    const expectations: Record<string, string> = {
      llama2: 'restricted',
      llama3: 'restricted',
      'llama3.1': 'restricted',
      'llama3.2': 'restricted',
      'llama3.3': 'restricted',
      llama4: 'restricted',
      gemma: 'restricted',
      deepseek: 'restricted',
      qwen: 'restricted',
      'grok2-community': 'restricted',
      openrail: 'restricted',
      'openrail++': 'restricted',
      'creativeml-openrail-m': 'restricted',
      'nvidia-open-model-license': 'restricted',
      mrl: 'noncommercial',
      mnpl: 'noncommercial',
      'qwen-research': 'noncommercial',
      'cc-by-nc-4.0': 'noncommercial',
      'cc-by-nc-sa-4.0': 'noncommercial',
      'fair-noncommercial-research-license': 'noncommercial',
      'cc-by-4.0': 'permissive-nonosi',
      'cc0-1.0': 'permissive-nonosi',
      other: 'unknown',
      unknown: 'unknown',
    };
    for (const [id, category] of Object.entries(expectations)) {
      expect(lookupLicense(kb, id)?.category, id).toBe(category);
    }
    expect(lookupLicense(kb, 'llama3.1')?.note).toMatch(/700M monthly active users/);
    expect(lookupLicense(kb, 'qwen')?.note).toMatch(/100M monthly active users/);
    // rank orders restrictiveness across categories
    const rank = (id: string) => lookupLicense(kb, id)!.rank;
    expect(rank('cc0-1.0')).toBeLessThan(rank('mit'));
    expect(rank('mit')).toBeLessThan(rank('gpl-3.0'));
    expect(rank('gpl-3.0')).toBeLessThan(rank('openrail++'));
    expect(rank('openrail++')).toBeLessThan(rank('llama3.1'));
    expect(rank('llama3.1')).toBeLessThan(rank('cc-by-nc-4.0'));
    expect(rank('cc-by-nc-4.0')).toBeLessThan(rank('proprietary'));
    expect(rank('proprietary')).toBeLessThan(rank('unknown'));
  });

  it('resolves aliases, license_name and license_link', () => {
    expect(lookupLicense(kb, 'Apache 2.0')?.id).toBe('apache-2.0');
    expect(lookupLicense(kb, 'tongyi-qianwen')?.id).toBe('qwen');
    expect(resolveLicenseRef(kb, { id: 'other', name: 'mnpl', link: 'https://mistral.ai/licences/MNPL-0.1.md' })).toMatchObject({
      entry: { id: 'mnpl' },
      via: 'name',
    });
    expect(resolveLicenseRef(kb, { id: 'other', name: 'custom', link: 'https://ai.google.dev/gemma/terms' })).toMatchObject({
      entry: { id: 'gemma' },
      via: 'link',
    });
    expect(resolveLicenseRef(kb, { id: 'other', name: 'coqui-public-model-license', link: 'https://coqui.ai/cpml' })).toMatchObject({
      entry: null,
      via: null,
    });
    // a repo's own LICENSE link names no licence
    expect(licenseFromLink(kb, 'LICENSE')).toBeUndefined();
    expect(licenseFromLink(kb, 'https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/LICENSE')).toBeUndefined();
    // an id the KB does not know is not guessed
    expect(resolveLicenseRef(kb, { id: 'brand-new-licence' }).entry).toBeNull();
  });

  it('rejects an invalid knowledge base with every problem listed', () => {
    const bad = `version: 1
licenses:
  - { id: mit, name: MIT, category: osi, rank: 6, note: x }
  - { id: gemma, name: G, category: restricted, rank: 4, note: y, aliases: [MIT] }
`;
    expect(() => parseLicenseKb(bad)).toThrow(/mit: rank 6 outside 0..3[\s\S]*gemma: key "MIT" already used by mit/);
    expect(() => parseLicenseKb('version: 1\nlicenses:\n  - { id: x, category: nope }\n')).toThrow(/licenses\.0\.(name|category)/);
  });
});

describe('recognizeLicenseText', () => {
  const text = (p: string) => readFileSync(fixture(p), 'utf8');
  const gatedPrompt = (file: string) =>
    (JSON.parse(text(`hf/${file}`)) as { response: { body: { cardData: { extra_gated_prompt: string } } } }).response.body.cardData
      .extra_gated_prompt;

  it('recognises real Apache-2.0 and MIT licence files', () => {
    expect(recognizeLicenseText(text('license-texts/apache-2.0.txt'), kb)).toBe('apache-2.0');
    expect(recognizeLicenseText(text('license-texts/mit.txt'), kb)).toBe('mit');
    expect(recognizeLicenseText(text('license-texts/mit-octokit.txt'), kb)).toBe('mit');
  });

  it('tells the Llama 3 and Llama 3.1 community licences apart (real texts from the gated prompts)', () => {
    expect(recognizeLicenseText(gatedPrompt('model-info_meta-llama_Meta-Llama-3-8B-Instruct_2025-03-21.json'), kb)).toBe('llama3');
    expect(recognizeLicenseText(gatedPrompt('model-info_meta-llama_Llama-3.1-8B-Instruct_2025-03-21.json'), kb)).toBe('llama3.1');
  });

  it('recognises vendor licences from their distinctive opening lines', () => {
    const cases: [string, string][] = [
      ['LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023', 'llama2'],
      ['LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nLlama 3.2 Version Release Date: September 25, 2024', 'llama3.2'],
      ['LLAMA 3.3 COMMUNITY LICENSE AGREEMENT\nLlama 3.3 Version Release Date: December 6, 2024', 'llama3.3'],
      ['LLAMA 4 COMMUNITY LICENSE AGREEMENT\nLlama 4 Version Effective Date: April 5, 2025', 'llama4'],
      ['Gemma Terms of Use\n\nLast modified: March 24, 2025\n\nBy using, reproducing, modifying, distributing...', 'gemma'],
      ['Qwen LICENSE AGREEMENT\n\nQwen LICENSE AGREEMENT Release Date: September 19, 2024', 'qwen'],
      ['Tongyi Qianwen LICENSE AGREEMENT\n\nTongyi Qianwen Release Date: August 3, 2023', 'qwen'],
      ['Qwen RESEARCH LICENSE AGREEMENT\n\nQwen RESEARCH LICENSE AGREEMENT Release Date: September 19, 2024', 'qwen-research'],
      ['DEEPSEEK LICENSE AGREEMENT\n\nVersion 1.0, 23 October 2023\n\nCopyright (c) 2023 DeepSeek', 'deepseek'],
      [
        'Attribution-NonCommercial 4.0 International\n\n=======================================================================\n\nCreative Commons Corporation ("Creative Commons") is not a law firm',
        'cc-by-nc-4.0',
      ],
      ['Attribution-NonCommercial-ShareAlike 4.0 International', 'cc-by-nc-sa-4.0'],
      ['Mistral AI Non-Production License\n\n1. Scope and acceptance', 'mnpl'],
      ['NVIDIA Open Model License Agreement\nLast Modified: June 13, 2024', 'nvidia-open-model-license'],
    ];
    for (const [t, id] of cases) expect(recognizeLicenseText(t, kb), id).toBe(id);
  });

  it('leaves unrecognised and ambiguous texts unknown, never guessed', () => {
    expect(recognizeLicenseText('All rights reserved. Contact legal@example.com for terms.', kb)).toBeNull();
    expect(recognizeLicenseText('', kb)).toBeNull();
    expect(recognizeLicenseText(null, kb)).toBeNull();
    // two licences in one file: both recognised, so neither is chosen
    const both = `${text('license-texts/mit.txt')}\n\n${text('license-texts/apache-2.0.txt')}`;
    const detailed = recognizeLicenseTextDetailed(both, kb);
    expect(detailed.id).toBeNull();
    expect(detailed.candidates).toEqual(['apache-2.0', 'mit']);
  });
});
