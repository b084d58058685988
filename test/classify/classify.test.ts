import { describe, expect, it } from 'vitest';
import { type ClassifyInput, type RepoFacts, RULES_VERSION, classify, weightFilesOf } from '../../src/classify/classify.js';
import { loadLicenseKb } from '../../src/classify/licenses.js';

const kb = loadLicenseKb();
const SEEN = '2026-04-10T08:00:00.000Z';

function repo(over: Partial<RepoFacts> = {}): RepoFacts {
  return {
    repoId: 'acme/Model-7B',
    url: 'https://huggingface.co/acme/Model-7B',
    seenAt: SEEN,
    weightFiles: ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'],
    license: { id: 'apache-2.0' },
    gated: false,
    private: false,
    disabled: false,
    ...over,
  };
}

const run = (input: Partial<ClassifyInput>) => classify({ modelId: 'acme/Model-7B', ...input }, kb);

describe('classify: open levels come only from published weights', () => {
  it('OSI licence with public weights → 4, with evidence and the rules version', () => {
    const c = run({ repo: repo() });
    expect(c.level).toBe('4');
    expect(c.decidedBy).toMatch(/apache-2.0 is OSI-approved.*2 weight files are public/);
    expect(c.rulesVersion).toBe(`${RULES_VERSION}+kb${kb.version}`);
    expect(c.evidence).toContainEqual({
      signal: 'license',
      value: 'apache-2.0',
      sourceUrl: 'https://huggingface.co/acme/Model-7B',
      seenAt: SEEN,
    });
    expect(c.evidence).toContainEqual({ signal: 'weights', value: 2, sourceUrl: 'https://huggingface.co/acme/Model-7B', seenAt: SEEN });
    expect(c.conflicts).toEqual([]);
    expect(c.override).toBeNull();
  });

  it('gating never lowers the level: Llama gated "manual" is 3b', () => {
    const c = run({ repo: repo({ license: { id: 'llama3.1' }, gated: 'manual' }) });
    expect(c.level).toBe('3b');
    expect(c.decidedBy).toMatch(/gating "manual" is kept as evidence and does not lower the level/);
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'gating', value: 'manual' }));
  });

  it('non-commercial licences → 3a (cc-by-nc, Mistral MNPL via license_name)', () => {
    expect(run({ repo: repo({ license: { id: 'cc-by-nc-4.0' } }) }).level).toBe('3a');
    const c = run({ repo: repo({ license: { id: 'other', name: 'mnpl', link: 'https://mistral.ai/licences/MNPL-0.1.md' } }) });
    expect(c.level).toBe('3a');
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'license_resolved', value: 'mnpl (via license_name)' }));
  });

  it('permissive non-OSI licences (CC-BY, CC0) → 4', () => {
    expect(run({ repo: repo({ license: { id: 'cc-by-4.0' } }) }).level).toBe('4');
    expect(run({ repo: repo({ license: { id: 'cc0-1.0' } }) }).level).toBe('4');
  });

  it('an announcement cannot make a model open: no weight files → access level only', () => {
    const c = run({
      repo: repo({ weightFiles: [] }),
      access: [{ signal: 'access', value: 'api', sourceUrl: 'https://example.com/post', seenAt: SEEN }],
    });
    expect(c.level).toBe('2');
    expect(c.decidedBy).toMatch(/has no weight files; a public API is announced/);
  });

  it('announcements establish 0-2 only; the most open access wins', () => {
    const a = (value: 'api' | 'hosted' | 'announced') => ({
      signal: 'access' as const,
      value,
      sourceUrl: `https://x/${value}`,
      seenAt: SEEN,
    });
    expect(run({ access: [a('announced')] }).level).toBe('0');
    expect(run({ access: [a('announced'), a('hosted')] }).level).toBe('1');
    expect(run({ access: [a('hosted'), a('api'), a('announced')] }).level).toBe('2');
  });

  it('nothing known → unknown (null), not closed', () => {
    const c = run({});
    expect(c.level).toBeNull();
    expect(c.decidedBy).toMatch(/no weights repository is known and no announcement/);
  });

  it('private, disabled or withdrawn repos do not count as published weights', () => {
    expect(run({ repo: repo({ private: true }) }).level).toBeNull();
    expect(run({ repo: repo({ disabled: true }) }).level).toBeNull();
    const w = run({
      repo: repo({ withdrawn: true }),
      access: [{ signal: 'access', value: 'hosted', sourceUrl: null, seenAt: SEEN }],
    });
    expect(w.level).toBe('1');
    expect(w.evidence).toContainEqual(expect.objectContaining({ signal: 'visibility', value: 'withdrawn' }));
  });
});

describe('classify: unknown licences are never guessed', () => {
  it('license: other without a resolvable name, link or text → null with weights public', () => {
    const c = run({
      repo: repo({ license: { id: 'other', name: 'acme-model-license', link: 'LICENSE' }, licenseText: 'ACME MODEL LICENSE. Be nice.' }),
    });
    expect(c.level).toBeNull();
    expect(c.decidedBy).toMatch(/licence is unknown .*acme-model-license.*licence text unrecognised.*never guessed/);
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'license_text', value: 'unrecognised' }));
  });

  it('no licence at all → null', () => {
    expect(run({ repo: repo({ license: null }) }).level).toBeNull();
    expect(run({ repo: repo({ license: { id: 'cc' } }) }).level).toBeNull();
  });

  it('license: other resolved by its text', () => {
    const c = run({
      repo: repo({
        license: { id: 'other' },
        licenseText: 'Qwen LICENSE AGREEMENT\n\nQwen LICENSE AGREEMENT Release Date: September 19, 2024',
      }),
    });
    expect(c.level).toBe('3b');
    expect(c.decidedBy).toMatch(/licence qwen is restricted-use .* from the licence file/);
  });

  it('the GitHub code licence is evidence only, never the weights level', () => {
    const c = run({
      repo: repo({ license: null }),
      githubLicense: { repo: 'acme/model', spdxId: 'MIT', sourceUrl: 'https://github.com/acme/model', seenAt: SEEN },
    });
    expect(c.level).toBeNull();
    expect(c.evidence).toContainEqual({ signal: 'github_license', value: 'MIT', sourceUrl: 'https://github.com/acme/model', seenAt: SEEN });
  });
});

describe('classify: conflicts (rule 4)', () => {
  it('card says apache-2.0, LICENSE text is Llama → keep both, prefer the licence file, flag', () => {
    const c = run({
      repo: repo({
        license: { id: 'apache-2.0' },
        licenseText: 'LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024',
        licenseTextHash: 'sha256:abc',
        licenseFileUrl: 'https://huggingface.co/acme/Model-7B/blob/main/LICENSE',
      }),
    });
    expect(c.level).toBe('3b');
    expect(c.conflicts).toEqual(['the card says apache-2.0 but the licence file is llama3.1; the licence file is preferred (rule 4)']);
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'license', value: 'apache-2.0' }));
    expect(c.evidence).toContainEqual({
      signal: 'license_text',
      value: 'llama3.1',
      sourceUrl: 'https://huggingface.co/acme/Model-7B/blob/main/LICENSE',
      seenAt: SEEN,
    });
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'license_text_hash', value: 'sha256:abc' }));
  });

  it('a card listing several licences uses the most restrictive and flags it', () => {
    const c = run({ repo: repo({ license: [{ id: 'apache-2.0' }, { id: 'cc-by-nc-4.0' }] }) });
    expect(c.level).toBe('3a');
    expect(c.conflicts[0]).toMatch(/several licences \(apache-2.0, cc-by-nc-4.0\)/);
  });

  it('an ambiguous licence text is not used and is flagged', () => {
    const c = run({
      repo: repo({ license: { id: 'mit' }, licenseText: 'Gemma Terms of Use ... Qwen LICENSE AGREEMENT' }),
    });
    expect(c.level).toBe('4');
    expect(c.conflicts[0]).toMatch(/matches several licences \(gemma, qwen\)/);
  });
});

describe('classify: a licence text that changes under the same id', () => {
  const llama = repo({ repoId: 'meta-llama/Llama-3.1-8B', license: { id: 'llama3.1' }, gated: 'manual' });
  it('same id, text still Llama 3.1 → 3b, no conflict; text hash kept as evidence', () => {
    const c = run({ repo: { ...llama, licenseText: 'LLAMA 3.1 COMMUNITY LICENSE AGREEMENT ...', licenseTextHash: 'sha256:v1' } });
    expect(c.level).toBe('3b');
    expect(c.conflicts).toEqual([]);
  });
  it('same id, text now non-commercial → the file wins (3a) and the conflict is flagged', () => {
    const c = run({ repo: { ...llama, licenseText: 'Attribution-NonCommercial 4.0 International ...', licenseTextHash: 'sha256:v2' } });
    expect(c.level).toBe('3a');
    expect(c.conflicts).toEqual(['the card says llama3.1 but the licence file is cc-by-nc-4.0; the licence file is preferred (rule 4)']);
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'license_text_hash', value: 'sha256:v2' }));
  });
  it('same id, text now unrecognised → the card still decides (3b); the text is reported as unrecognised', () => {
    const c = run({ repo: { ...llama, licenseText: 'Custom terms v2', licenseTextHash: 'sha256:v3' } });
    expect(c.level).toBe('3b');
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'license_text', value: 'unrecognised' }));
  });
});

describe('classify: level 5 and overrides', () => {
  it('OSI weights + OSI training code + open data → 5; missing data stays 4', () => {
    const training = { codeLicense: 'Apache-2.0', dataOpen: true, sourceUrl: 'https://github.com/allenai/OLMo', seenAt: SEEN };
    expect(run({ repo: repo(), training }).level).toBe('5');
    expect(run({ repo: repo(), training: { ...training, dataOpen: false } }).level).toBe('4');
    expect(run({ repo: repo(), training: { ...training, codeLicense: 'cc-by-nc-4.0' } }).level).toBe('4');
    // restricted weights never become 5
    expect(run({ repo: repo({ license: { id: 'llama3.1' } }), training }).level).toBe('3b');
  });

  it('a manual override decides, with its reason, and the rules verdict stays visible', () => {
    const c = run({
      repo: repo({ license: { id: 'mit' } }),
      override: { level: '3b', reason: 'derivative of Llama 3.3; the llama3.3 licence still applies' },
    });
    expect(c.level).toBe('3b');
    expect(c.override).toEqual({ level: '3b', reason: 'derivative of Llama 3.3; the llama3.3 licence still applies' });
    expect(c.decidedBy).toMatch(/^manual override: derivative of Llama 3.3.*the rules alone give 4/);
    expect(c.evidence).toContainEqual(expect.objectContaining({ signal: 'override', value: '3b' }));
  });
});

describe('weightFilesOf', () => {
  it('keeps weight files and drops configs, tokenizers and training state', () => {
    expect(
      weightFilesOf([
        'config.json',
        'model-00001-of-00004.safetensors',
        'original/consolidated.00.pth',
        'tokenizer.model',
        'pytorch_model.bin',
        'training_args.bin',
        'model.safetensors.index.json',
        'gguf/model-Q4_K_M.gguf',
      ]),
    ).toEqual(['model-00001-of-00004.safetensors', 'original/consolidated.00.pth', 'pytorch_model.bin', 'gguf/model-Q4_K_M.gguf']);
  });
});
