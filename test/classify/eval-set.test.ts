// Runs the labelled evaluation set (test/fixtures/classify/eval-set.yaml) through the real
// classifier and reports the agreement; every disagreement must be explained in the file.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ClassifyInput, classify } from '../../src/classify/classify.js';
import { loadLicenseKb } from '../../src/classify/licenses.js';
import { LEVELS } from '../../src/model.js';

const Entry = z.object({
  name: z.string().min(1),
  vendor: z.string().min(1),
  repo: z.null().optional(),
  license: z.string().nullable(),
  licenseName: z.string().optional(),
  licenseLink: z.string().optional(),
  gated: z.union([z.literal(false), z.literal('auto'), z.literal('manual')]),
  weights: z.boolean(),
  access: z.enum(['api', 'hosted', 'announced']).optional(),
  training: z.object({ code: z.string(), data: z.boolean() }).optional(),
  expected: z.union([z.enum(LEVELS as unknown as ['0', '1', '2', '3a', '3b', '4', '5']), z.literal('unknown')]),
  source: z.string().min(10),
  note: z.string().optional(),
  knownDisagreement: z.string().min(20).optional(),
});
type Entry = z.infer<typeof Entry>;

const file = readFileSync(new URL('../fixtures/classify/eval-set.yaml', import.meta.url), 'utf8');
const entries = z.object({ entries: z.array(Entry) }).parse(parse(file)).entries;
const kb = loadLicenseKb();
const SEEN = '2026-04-15T00:00:00.000Z';

/** The entry as the classifier sees it: one weights repo (when weights are public) and the access signal. */
function toInput(e: Entry): ClassifyInput {
  const hfId = e.repo === null ? null : e.name;
  return {
    modelId: e.name,
    repo: e.weights
      ? {
          repoId: hfId ?? e.name,
          url: hfId ? `https://huggingface.co/${hfId}` : null,
          seenAt: SEEN,
          weightFiles: ['model.safetensors'],
          license: e.license === null ? null : { id: e.license, name: e.licenseName ?? null, link: e.licenseLink ?? null },
          gated: e.gated,
          private: false,
          disabled: false,
        }
      : null,
    access: e.access ? [{ signal: 'access', value: e.access, sourceUrl: null, seenAt: SEEN }] : [],
    training: e.training ? { codeLicense: e.training.code, dataOpen: e.training.data, sourceUrl: null, seenAt: SEEN } : null,
  };
}

describe('evaluation set', () => {
  const results = entries.map((e) => {
    const c = classify(toInput(e), kb);
    const got = c.level ?? 'unknown';
    return { e, got, agree: got === e.expected, decidedBy: c.decidedBy };
  });
  const agreed = results.filter((r) => r.agree).length;
  const agreement = agreed / results.length;

  it('has at least 60 real models across at least 8 vendors, with unique names', () => {
    expect(entries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(entries.map((e) => e.vendor)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
    // the set covers every level the classifier can give
    for (const l of ['1', '2', '3a', '3b', '4', '5'])
      expect(
        entries.some((e) => e.expected === l),
        l,
      ).toBe(true);
  });

  it('agrees with the labels on at least 95% of the models', () => {
    const lines = results.filter((r) => !r.agree).map((r) => `  ${r.e.name}: expected ${r.e.expected}, got ${r.got} (${r.decidedBy})`);
    console.log(
      `[eval-set] agreement ${agreed}/${results.length} = ${(agreement * 100).toFixed(1)}%` +
        (lines.length ? `; disagreements:\n${lines.join('\n')}` : ''),
    );
    expect(agreement).toBeGreaterThanOrEqual(0.95);
  });

  it('explains every disagreement in the file, and only real ones', () => {
    const unexplained = results
      .filter((r) => !r.agree && !r.e.knownDisagreement)
      .map((r) => `${r.e.name}: expected ${r.e.expected}, got ${r.got}`);
    expect(unexplained).toEqual([]);
    const stale = results.filter((r) => r.agree && r.e.knownDisagreement).map((r) => r.e.name);
    expect(stale).toEqual([]);
  });
});
