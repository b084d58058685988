// The two readings of --as-of on the store, with seeded releases and corrected scores.
import { describe, expect, it } from 'vitest';
import { parseReleaseList } from '../../src/seed/releases.js';
import { linkListedReleases } from '../../src/jobs/releases.js';
import { lineScores } from '../../src/store/gap-input.js';
import { releasesAsOf } from '../../src/store/releases.js';
import { storeScores, scoreHistory } from '../../src/store/scores.js';
import { seedReleases } from '../../src/store/seed.js';
import { tmpDb } from '../helpers/tmp.js';

const HEADER = ['vendor', 'model', 'date', 'access', 'source_url', 'name', 'license'];
const row = (...v: string[]) => Object.fromEntries(HEADER.map((h, i) => [h, v[i] ?? '']));

describe('seeded releases and corrected scores through the two readings', () => {
  it('as released sees seeded releases by their dates; as known only from when they were loaded', () => {
    const { db } = tmpDb();
    const list = parseReleaseList(
      [
        row(
          'meta',
          'meta-llama/Llama-4-Maverick-17B-128E-Instruct',
          '2025-04-05',
          '3b',
          'https://ai.meta.com/blog/llama-4-multimodal-intelligence/',
          'Llama 4 Maverick',
          'llama4',
        ),
        row('meta', 'Muse Spark', '2026-04-08', '1', 'https://about.fb.com/news/2026/04/introducing-muse-spark/'),
      ],
      HEADER,
    );
    expect(list.problems).toEqual([]);
    expect(list.releases.map((r) => [r.id, r.line, r.level])).toEqual([
      ['meta-llama/Llama-4-Maverick-17B-128E-Instruct', 'open', '3b'],
      ['meta/muse-spark', 'proprietary', '1'],
    ]);
    const loadedAt = '2026-12-04T00:00:00.000Z';
    expect(db.transaction(() => seedReleases(db, list.releases, 'seed', null, loadedAt))()).toEqual({ added: 2, known: 0 });
    expect(db.transaction(() => seedReleases(db, list.releases, 'seed', null, loadedAt))()).toEqual({ added: 0, known: 2 });
    linkListedReleases(db, [], loadedAt);
    const released = releasesAsOf(db, 'meta', '2025-10-30T23:59:59.999Z', 'released');
    expect(released.map((r) => [r.mainModel, r.side, r.level])).toEqual([['meta-llama/Llama-4-Maverick-17B-128E-Instruct', 'open', '3b']]);
    expect(releasesAsOf(db, 'meta', '2025-10-30T23:59:59.999Z', 'known')).toEqual([]);
    expect(releasesAsOf(db, 'meta', loadedAt, 'known').map((r) => [r.mainModel, r.side])).toEqual([
      ['meta-llama/Llama-4-Maverick-17B-128E-Instruct', 'open'],
      ['meta/muse-spark', 'proprietary'],
    ]);
  });

  it('a correction supersedes: as known before it, the old value; as released, the corrected one', () => {
    const { db } = tmpDb();
    const list = parseReleaseList([row('meta', 'Muse Spark', '2026-04-08', '1', '')], HEADER);
    db.transaction(() => seedReleases(db, list.releases, 'import', null, '2026-04-09T00:00:00.000Z'))();
    const score = (v: number) => ({
      modelId: 'meta/muse-spark',
      benchmark: 'GPQA Diamond',
      score: v,
      date: '2026-04-08',
      sourceUrl: 'https://example.org/s',
      sourceKind: 'csv' as const,
    });
    expect(db.transaction(() => storeScores(db, [score(80)], '2026-05-01T00:00:00.000Z'))()).toEqual({
      added: 1,
      corrected: 0,
      duplicates: 0,
    });
    expect(db.transaction(() => storeScores(db, [score(82.5)], '2026-06-01T00:00:00.000Z'))()).toEqual({
      added: 0,
      corrected: 1,
      duplicates: 0,
    });
    expect(db.transaction(() => storeScores(db, [score(82.5)], '2026-06-02T00:00:00.000Z'))()).toEqual({
      added: 0,
      corrected: 0,
      duplicates: 1,
    });
    const at = (asOf: string, reading: 'known' | 'released') => lineScores(db, 'meta', asOf, reading).map((s) => s.score);
    expect(at('2026-05-15T00:00:00.000Z', 'known')).toEqual([80]);
    expect(at('2026-06-15T00:00:00.000Z', 'known')).toEqual([82.5]);
    expect(at('2026-04-30T00:00:00.000Z', 'known')).toEqual([]);
    expect(at('2026-04-30T00:00:00.000Z', 'released')).toEqual([82.5]);
    expect(scoreHistory(db, 'meta/muse-spark').map((s) => [s.score, s.supersededAt])).toEqual([
      [80, '2026-06-01T00:00:00.000Z'],
      [82.5, null],
    ]);
  });

  it("reads Epoch AI's Data on AI Models header and accessibility labels, skipping unreleased rows", () => {
    const header = ['Model', 'Organization', 'Publication date', 'Model accessibility', 'Link'];
    const rec = (...v: string[]) => Object.fromEntries(header.map((h, i) => [h, v[i] ?? '']));
    const list = parseReleaseList(
      [
        rec('Llama 3.1-405B', 'Meta AI', '2024-07-23', 'Open weights (restricted use)', 'https://ai.meta.com/blog/meta-llama-3-1/'),
        rec('GPT-4o', 'OpenAI', '2024-05-13', 'API access', 'https://openai.com/index/hello-gpt-4o/'),
        rec('Secret', 'OpenAI', '2024-05-13', 'Unreleased', ''),
        rec('Nameless date', 'OpenAI', '', 'API access', ''),
      ],
      header,
    );
    expect(list.format).toBe('epoch-models');
    expect(list.releases.map((r) => [r.id, r.vendor, r.line, r.level])).toEqual([
      ['meta/llama-3.1-405b', 'meta', 'open', '3b'],
      ['openai/gpt-4o', 'openai', 'proprietary', '2'],
    ]);
    expect(list.skipped.map((s) => s.line)).toEqual([4, 5]);
    expect(parseReleaseList([], ['a', 'b']).problems[0]).toMatch(/unrecognised header/);
  });
});
