// The issue-4 commands on a database built through the real migrations and the real jobs:
// models are classified by classifyModels, snapshots come from evaluateGaps.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLicenseKb } from '../../src/classify/licenses.js';
import { loadConfig } from '../../src/config/index.js';
import { classifyModels } from '../../src/jobs/classify.js';
import { evaluateGaps } from '../../src/jobs/gap.js';
import { updateReleases } from '../../src/jobs/releases.js';
import type { ModelObservation } from '../../src/model.js';
import { insertEvents } from '../../src/store/events.js';
import { upsertItems } from '../../src/store/items.js';
import { upsertModel } from '../../src/store/models.js';
import { syncSources } from '../../src/store/sources.js';
import { runCli } from '../helpers/cli.js';
import { tmpDb, tmpDir } from '../helpers/tmp.js';
import { asEvent } from '../helpers/events.js';

const FEEDS = path.resolve('feeds');

function hfModel(repoId: string, license: string, weights: string[], gated: ModelObservation['gated'] = false): ModelObservation {
  return {
    type: 'model',
    key: `hf:${repoId}`,
    repoId,
    url: `https://huggingface.co/${repoId}`,
    license: { id: license },
    gated,
    private: false,
    disabled: false,
    weightFiles: weights,
    tags: [`license:${license}`],
  };
}

function buildDb() {
  const { db, file } = tmpDb();
  const config = loadConfig({ env: {}, feeds: FEEDS });
  const meta = config.vendors.find((v) => v.id === 'meta')!;
  syncSources(db, meta.sources);
  const at = (d: string) => `${d}T12:00:00.000Z`;
  const models = [
    {
      id: 'meta-llama/Llama-4-Scout-17B-16E',
      name: 'Llama-4-Scout-17B-16E',
      line: 'open' as const,
      released: '2025-04-05',
      obs: hfModel('meta-llama/Llama-4-Scout-17B-16E', 'llama4', ['model-00001-of-00050.safetensors'], 'manual'),
    },
    { id: 'meta/muse-spark', name: 'Muse Spark', line: 'proprietary' as const, released: '2026-04-08', obs: null },
    {
      id: 'meta-llama/Mystery-Model',
      name: 'Mystery-Model',
      line: null,
      released: '2026-01-01',
      obs: hfModel('meta-llama/Mystery-Model', 'other', ['model.safetensors']),
    },
  ];
  for (const m of models) {
    upsertModel(
      db,
      {
        id: m.id,
        vendorId: 'meta',
        name: m.name,
        line: m.line,
        lineReason: 'test',
        releasedAt: at(m.released),
        url: `https://example.com/${m.id}`,
      },
      at(m.released),
    );
    if (m.obs) upsertItems(db, 'hf:meta-llama', [{ key: m.obs.key, type: 'model', state: m.obs, modelId: m.id }], at(m.released));
  }
  // Muse Spark is known only from its announcement: hosted access (the Meta AI app) → level 1.
  insertEvents(
    db,
    [
      asEvent({
        kind: 'announcement',
        dedupKey: 'announcement:meta/muse-spark',
        vendorId: 'meta',
        modelId: 'meta/muse-spark',
        sourceId: 'hf:meta-llama',
        occurredAt: at('2026-04-08'),
        seenAt: at('2026-04-08'),
        summary: 'Introducing Muse Spark',
        severity: 'notice',
        data: { title: 'Introducing Muse Spark' },
        evidence: [{ signal: 'access', value: 'hosted', sourceUrl: 'https://ai.meta.com/blog/muse-spark', seenAt: at('2026-04-08') }],
        baseline: false,
      }),
    ],
    () => [],
    at('2026-04-08'),
  );
  const now = () => new Date('2026-05-01T00:00:00Z');
  classifyModels(
    { db, kb: loadLicenseKb(), overrides: [], route: () => [], now },
    models.map((m) => m.id),
  );
  // The cycle's releases step (between classification and the gap): releases and their sides.
  updateReleases({ db, route: () => [], now, vendors: [meta] }, []);
  evaluateGaps({ db, route: () => [], now, vendors: [meta] });
  db.close();
  return file;
}

describe('gap, classify and scores commands', () => {
  it('classify explains the level with evidence; --unknown lists models left out of the metrics', async () => {
    const db = buildDb();
    const r = await runCli(['classify', 'meta-llama/Llama-4-Scout-17B-16E', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c).toMatchObject({ model: 'meta-llama/Llama-4-Scout-17B-16E', vendor: 'meta', line: 'open', level: '3b' });
    expect(c.evidence.map((e: { signal: string }) => e.signal)).toEqual(expect.arrayContaining(['license']));
    expect(c.decidedBy).toMatch(/llama4/i);

    const text = await runCli(['classify', 'meta-llama/Llama-4-Scout-17B-16E', '--db', db]);
    expect(text.stdout).toMatch(/level 3b/);
    expect(text.stdout).toMatch(/Evidence:/);

    const unknown = await runCli(['classify', '--unknown', '--json', '--db', db]);
    expect(JSON.parse(unknown.stdout).map((u: { model: string }) => u.model)).toContain('meta-llama/Mystery-Model');

    const missing = await runCli(['classify', 'nope/nope', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^classify: no model "nope\/nope"/);
  });

  it('gap --vendor --json follows the JSON contract', async () => {
    const db = buildDb();
    const r = await runCli(['gap', '--vendor', 'meta', '--as-of', '2026-05-01', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout);
    expect(g).toMatchObject({
      vendor: 'meta',
      openLine: 'Llama',
      proprietaryLine: 'Muse',
      lastOpenRelease: { model: 'meta-llama/Llama-4-Scout-17B-16E' },
      recencyGapDays: 368,
      lastProprietaryRelease: { model: 'meta/muse-spark', level: '1' },
      proprietaryStreak: 1,
      capability: [],
    });
    expect(g.asOf).toBe('2026-05-01T23:59:59.999Z');
    expect(typeof g.widening).toBe('boolean');
    expect(Array.isArray(g.reasons)).toBe(true);
    expect(g).toHaveProperty('openShare180d');
    expect(g.unknownLevelModels).toEqual([]);
    const all = await runCli(['gap', '--json', '--db', db]);
    expect(Array.isArray(JSON.parse(all.stdout))).toBe(true);
    const bad = await runCli(['gap', '--as-of', 'yesterday', '--db', db]);
    expect(bad.code).toBe(2);
  });

  it('scores import reads the documented CSV, canonicalises benchmarks, and reports every bad row', async () => {
    const db = buildDb();
    const dir = tmpDir();
    const good = path.join(dir, 'scores.csv');
    fs.writeFileSync(
      good,
      'model,benchmark,score,date,source_url\nmeta/muse-spark,HLE,58,2026-04-08,https://example.com/muse\nmeta-llama/Llama-4-Scout-17B-16E,GPQA Diamond,57.2,2025-04-05,https://example.com/llama4\n',
    );
    const r = await runCli(['scores', 'import', good, '--json', '--db', db]);
    expect(r.code).toBe(0);
    const units = { "Humanity's Last Exam": 'percent', 'GPQA Diamond': 'percent' };
    expect(JSON.parse(r.stdout)).toEqual({ rows: 2, added: 2, corrected: 0, duplicates: 0, unknownModels: 0, units });
    const again = await runCli(['scores', 'import', good, '--json', '--db', db]);
    expect(JSON.parse(again.stdout)).toEqual({ rows: 2, added: 0, corrected: 0, duplicates: 2, unknownModels: 0, units });

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'model,benchmark,score,date,source_url\nmeta/muse-spark,HLE,lots,2026-04-08,\nghost/model,HLE,1,04/08/2026,\n');
    const b = await runCli(['scores', 'import', bad, '--db', db]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('bad.csv:2: score: score must be a number');
    expect(b.stderr).toContain('bad.csv:3: date: date must be YYYY-MM-DD');
    expect(b.stderr).toContain('nothing imported');
  });
});
