// Evaluation results published in a Hugging Face card (`model-index`) become score rows with the
// repo as their source — through the real collector, diff and store (pollSource).
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { huggingfaceCollector } from '../../src/collectors/huggingface.js';
import { pollSource } from '../../src/jobs/poll-source.js';
import type { VendorConfig } from '../../src/model.js';
import type { Db } from '../../src/store/db.js';
import { scoresFor } from '../../src/store/scores.js';
import { syncSources } from '../../src/store/sources.js';
import { testSource, TEST_THRESHOLDS } from '../helpers/config.js';
import { HfWorld, routeHf, type HfBody } from '../helpers/hf-world.js';
import { testHttpClient } from '../helpers/http.js';
import { startReplayWorld, type ReplayWorld } from '../helpers/replay-server.js';
import { tmpDb } from '../helpers/tmp.js';

// A real recorded Hub response (huggingface_hub cassettes, Apache-2.0; see
// test/fixtures/classify/hf/PROVENANCE.md): zephyr-7b-beta's card carries Open LLM Leaderboard results.
const ZEPHYR = JSON.parse(
  fs.readFileSync(new URL('../fixtures/classify/hf/model-info_HuggingFaceH4_zephyr-7b-beta_2024-03-14.json', import.meta.url), 'utf8'),
).response.body as HfBody;

const vendor: VendorConfig = {
  id: 'h4',
  name: 'Hugging Face H4',
  lines: { open: { name: 'Zephyr', match: ['zephyr'] } },
  sources: [],
  thresholds: TEST_THRESHOLDS,
  alerts: {},
};
const source = testSource({ vendorId: 'h4', kind: 'huggingface', target: 'HuggingFaceH4' });

describe('huggingface: card evaluation results', () => {
  let world: ReplayWorld;
  let db: Db;
  beforeEach(async () => {
    world = await startReplayWorld();
    db = tmpDb().db;
    syncSources(db, [source]);
  });
  afterEach(async () => {
    db.close();
    world.assertClean();
    await world.close();
  });

  it('stores model-index results once, with their source and date', async () => {
    const hf = new HfWorld({ author: 'HuggingFaceH4', models: [ZEPHYR] });
    routeHf(world, hf);
    const deps = {
      db,
      http: testHttpClient(),
      now: () => new Date('2026-05-01T12:00:00Z'),
      random: () => 0.5,
      route: () => [],
      endpoints: { huggingface: world.url, github: world.url },
      collectorFor: () => huggingfaceCollector,
    };
    const first = await pollSource(deps, source, vendor);
    expect(first.error ?? null).toBeNull();
    expect(first.ok).toBe(true);
    const scores = scoresFor(db, { modelIds: ['HuggingFaceH4/zephyr-7b-beta'] });
    expect(scores.length).toBeGreaterThan(0);
    // Each result keeps the source the card names for it (here the Open LLM Leaderboard), else the repo.
    expect(scores.every((s) => s.sourceKind === 'model-index' && s.date === '2024-02-29')).toBe(true);
    expect(new Set(scores.map((s) => s.sourceUrl))).toEqual(
      new Set([
        'https://huggingface.co/spaces/HuggingFaceH4/open_llm_leaderboard?query=HuggingFaceH4/zephyr-7b-beta',
        'https://huggingface.co/spaces/lmsys/mt-bench',
        'https://tatsu-lab.github.io/alpaca_eval/',
      ]),
    );
    const arc = scores.find((s) => s.benchmark === 'ARC-Challenge');
    expect(arc?.score).toBeCloseTo(62.03, 2);
    // A second poll of the unchanged Hub (a 304) adds nothing.
    const second = await pollSource(deps, source, vendor);
    expect(second.notModified).toBe(1);
    expect(scoresFor(db, { modelIds: ['HuggingFaceH4/zephyr-7b-beta'] })).toHaveLength(scores.length);
  });
});
