// Every licence id, alias and title the knowledge base accepts, classified: the full table is
// printed here (and read back from the KB), so a reviewer sees exactly what a card may declare and
// which level it leads to. Also: licence lists (`license: [apache-2.0, mit]`, which the Hub
// collector stores as "apache-2.0,mit"), licence titles in `license_name`, links, and the
// vendor licences real cards use that the KB did not know before (issue #12).
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.js';
import { levelForCategory } from '../../src/classify/classify.js';
import { licenseListParts, loadLicenseKb, lookupLicenseOrTitle, resolveLicenseRef } from '../../src/classify/licenses.js';

const kb = loadLicenseKb();

/** Every accepted spelling → [entry id, category, level]. */
function acceptedTable(): [string, string, string, string][] {
  const rows: [string, string, string, string][] = [];
  for (const e of kb.entries) {
    const level = levelForCategory(e.category) ?? 'unknown';
    for (const key of [e.id, ...(e.aliases ?? []), e.name]) rows.push([key, e.id, e.category, level]);
  }
  return rows;
}

describe('every accepted licence id and name', () => {
  const rows = acceptedTable();

  it('each id, alias and title resolves to its own entry, and the level follows the category', () => {
    for (const [key, id, category, level] of rows) {
      const hit = lookupLicenseOrTitle(kb, key);
      expect(hit?.id, `${key} → ${id}`).toBe(id);
      expect(hit?.category).toBe(category);
      expect(level).toBe(levelForCategory(category as never) ?? 'unknown');
    }
    expect(rows.length).toBeGreaterThan(kb.entries.length * 2);
  });

  it('the table by category (ids only)', () => {
    const byCat = new Map<string, string[]>();
    for (const e of kb.entries) byCat.set(e.category, [...(byCat.get(e.category) ?? []), e.id]);
    const levels = Object.fromEntries([...byCat.keys()].map((c) => [c, levelForCategory(c as never) ?? 'unknown']));
    expect(levels).toEqual({
      osi: '4',
      'permissive-nonosi': '4',
      restricted: '3b',
      noncommercial: '3a',
      proprietary: '3a',
      unknown: 'unknown',
    });
    if (process.env['LICENSE_TABLE']) for (const [c, ids] of byCat) console.log(`${c} (${levels[c]}): ${ids.join(', ')}`);
  });

  it.each([
    ['health-ai-developer-foundations', 'restricted'],
    ['exaone', 'noncommercial'],
    ['microsoft-research-license', 'noncommercial'],
    ['qwen-community-1.0', 'restricted'],
    ['glm-4', 'restricted'],
    ['lfm1.0', 'restricted'],
    ['nvidia-one-way-noncommercial-license', 'noncommercial'],
  ])('vendor licence %s is known (%s)', (id, category) => {
    expect(resolveLicenseRef(kb, { id: 'other', name: id, link: null }).entry).toMatchObject({ id, category });
    expect(resolveLicenseRef(kb, { id, name: null, link: null }).entry).toMatchObject({ id, category });
  });
});

describe('licence lists, titles and links as cards write them', () => {
  it('"apache-2.0,mit" (a card listing two licences) resolves to the more restrictive known one', () => {
    expect(licenseListParts('apache-2.0,mit')).toEqual(['apache-2.0', 'mit']);
    expect(licenseListParts('apache-2.0')).toBeNull();
    expect(resolveLicenseRef(kb, { id: 'apache-2.0,mit', name: null, link: null })).toMatchObject({
      entry: { id: 'apache-2.0' },
      via: 'list',
    });
    expect(resolveLicenseRef(kb, { id: 'cc-by-nc-4.0,apache-2.0', name: null, link: null }).entry?.id).toBe('cc-by-nc-4.0');
    expect(resolveLicenseRef(kb, { id: 'llama3.1,gemma', name: null, link: null }).entry?.id).toBe('llama3.1');
  });

  it('a list of nothing recognisable stays unknown', () => {
    expect(resolveLicenseRef(kb, { id: 'acme-1,acme-2', name: null, link: null }).entry).toBeNull();
    expect(resolveLicenseRef(kb, { id: 'other', name: 'Our Own Licence', link: null }).entry).toBeNull();
    expect(resolveLicenseRef(kb, { id: 'unknown', name: null, link: 'https://example.com/license' }).entry).toBeNull();
  });

  it.each([
    ['Llama 3.1 Community License', 'llama3.1'],
    ['LLAMA 3.1 COMMUNITY LICENSE AGREEMENT', 'llama3.1'],
    ['The Llama 3.1 Community Licence', 'llama3.1'],
    ['Gemma Terms of Use', 'gemma'],
    ['Health AI Developer Foundations Terms of Use', 'health-ai-developer-foundations'],
    ['EXAONE AI Model License Agreement 1.1 - NC', 'exaone'],
    ['Apache License 2.0', 'apache-2.0'],
  ])('license_name "%s" (a title) → %s', (name, id) => {
    expect(resolveLicenseRef(kb, { id: 'other', name, link: null }).entry?.id).toBe(id);
  });

  it('a title in the id field itself resolves too', () => {
    expect(resolveLicenseRef(kb, { id: 'Llama 3.1 Community License', name: null, link: null }).entry?.id).toBe('llama3.1');
  });

  it('license_link to the HAI-DEF terms resolves the MedGemma family', () => {
    const r = resolveLicenseRef(kb, {
      id: 'other',
      name: null,
      link: 'https://developers.google.com/health-ai-developer-foundations/terms',
    });
    expect(r).toMatchObject({ entry: { id: 'health-ai-developer-foundations' }, via: 'link' });
  });

  it('a MedGemma card with public weights is level 3b, not unknown', () => {
    const c = classify(
      {
        modelId: 'google/medgemma-4b-it',
        repo: {
          repoId: 'google/medgemma-4b-it',
          url: 'https://huggingface.co/google/medgemma-4b-it',
          seenAt: '2026-12-01T00:00:00.000Z',
          weightFiles: ['model-00001-of-00002.safetensors'],
          license: {
            id: 'other',
            name: 'health-ai-developer-foundations',
            link: 'https://developers.google.com/health-ai-developer-foundations/terms',
          },
          gated: 'manual',
          private: false,
          disabled: false,
        },
        access: [],
      },
      kb,
    );
    expect(c.level).toBe('3b');
  });
});
