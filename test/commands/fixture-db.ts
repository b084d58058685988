// A history database for the CLI tests, built through the real migrations and filled with the
// store's own functions. Every date is relative to the real clock (`daysAgo`), so the relative
// windows of the commands (--since 90d, the 12 months of alternatives) hold whenever it runs.
import type { Evidence, Level, LineKind } from '../../src/model.js';
import type { EventKind, NewEvent } from '../../src/events/index.js';
import { insertClassification } from '../../src/store/classifications.js';
import type { Db } from '../../src/store/db.js';
import { insertEvents } from '../../src/store/events.js';
import { insertGapSnapshot } from '../../src/store/gap.js';
import { setModelLevel, upsertModel } from '../../src/store/models.js';
import { insertScores } from '../../src/store/scores.js';
import { tmpDb } from '../helpers/tmp.js';
import { updateReleases } from '../../src/jobs/releases.js';
import { asEvent, type LooseEvent } from '../helpers/events.js';

export const DAY = 86_400_000;
export function daysAgo(n: number, from = Date.now()): string {
  return new Date(from - n * DAY).toISOString();
}

export interface FixtureModel {
  id: string;
  vendor: string;
  line: LineKind | null;
  level: Level | null;
  license: string | null;
  /** Days before now; null = no known release date. */
  released: number | null;
  /** Billions of parameters. */
  params?: number | null;
  /** Store the release date as a bare `YYYY-MM-DD` (as some sources give it). */
  bareDate?: boolean;
  gated?: false | 'auto' | 'manual';
  weights?: boolean;
  withdrawn?: number;
}

/** Level 4/5 models in the 4-15B class released in the last year, newest first: the ranking's expected answer. */
export const LLAMA_8B_ALTERNATIVES = ['google/gemma-4-12b-it', 'allenai/OLMo-2-1124-7B', 'microsoft/phi-4'];

export const MODELS: FixtureModel[] = [
  {
    id: 'meta-llama/Llama-3.1-8B-Instruct',
    vendor: 'meta',
    line: 'open',
    level: '3b',
    license: 'llama3.1',
    released: 600,
    params: 8.03,
    gated: 'manual',
    weights: true,
  },
  {
    id: 'meta-llama/Llama-4-Scout-17B-16E-Instruct',
    vendor: 'meta',
    line: 'open',
    level: '3b',
    license: 'llama4',
    released: 380,
    params: 109,
    gated: 'manual',
    weights: true,
  },
  { id: 'meta/muse-spark', vendor: 'meta', line: 'proprietary', level: '2', license: null, released: 20 },
  { id: 'meta/muse-next', vendor: 'meta', line: 'proprietary', level: '0', license: null, released: null },
  {
    id: 'google/gemma-3-12b-it',
    vendor: 'google',
    line: 'open',
    level: '3b',
    license: 'gemma',
    released: 400,
    params: 12.2,
    gated: 'manual',
    weights: true,
  },
  {
    id: 'google/gemma-4-12b-it',
    vendor: 'google',
    line: 'open',
    level: '4',
    license: 'apache-2.0',
    released: 25,
    params: 12.2,
    weights: true,
  },
  {
    id: 'google/gemma-4-27b-it',
    vendor: 'google',
    line: 'open',
    level: '4',
    license: 'apache-2.0',
    released: 25,
    params: 27.4,
    weights: true,
  },
  {
    id: 'microsoft/Phi-4-mini-instruct',
    vendor: 'microsoft',
    line: 'open',
    level: '4',
    license: 'mit',
    released: 200,
    params: 3.84,
    weights: true,
  },
  {
    id: 'microsoft/phi-4',
    vendor: 'microsoft',
    line: 'open',
    level: '4',
    license: 'mit',
    released: 300,
    params: 14.7,
    weights: true,
    bareDate: true,
  },
  { id: 'microsoft/mai-2', vendor: 'microsoft', line: 'proprietary', level: '2', license: null, released: 45 },
  {
    id: 'allenai/OLMo-2-1124-7B',
    vendor: 'allenai',
    line: 'open',
    level: '5',
    license: 'apache-2.0',
    released: 60,
    params: 7.3,
    weights: true,
  },
  {
    id: 'ibm-granite/granite-3.3-8b-instruct',
    vendor: 'ibm',
    line: 'open',
    level: '4',
    license: 'apache-2.0',
    released: 330,
    params: 8.2,
    weights: true,
  },
  {
    id: 'ibm-granite/granite-3.0-8b-instruct',
    vendor: 'ibm',
    line: 'open',
    level: '4',
    license: 'apache-2.0',
    released: 420,
    params: 8.2,
    weights: true,
  },
  {
    id: 'mistralai/Mistral-Small-3.1-24B-Instruct',
    vendor: 'mistral',
    line: 'open',
    level: '4',
    license: 'apache-2.0',
    released: 100,
    params: 24,
    weights: true,
  },
  { id: 'acme/sizeless-open', vendor: 'acme', line: 'open', level: '4', license: 'apache-2.0', released: 10, params: null, weights: true },
  {
    id: 'acme/withdrawn-8b',
    vendor: 'acme',
    line: 'open',
    level: '4',
    license: 'apache-2.0',
    released: 30,
    params: 8,
    weights: true,
    withdrawn: 15,
  },
  { id: 'acme/restricted-8b', vendor: 'acme', line: 'open', level: '3b', license: 'acme-community', released: 5, params: 8, weights: true },
];

export function releasedAt(m: FixtureModel, now: number): string | null {
  if (m.released === null) return null;
  const iso = daysAgo(m.released, now);
  return m.bareDate ? iso.slice(0, 10) : iso;
}

const ev = (signal: string, value: Evidence['value'], sourceUrl: string | null, seenAt: string): Evidence => ({
  signal,
  value,
  sourceUrl,
  seenAt,
});

function event(now: number, e: Partial<LooseEvent> & { kind: EventKind; days: number; key: string }): NewEvent {
  const at = daysAgo(e.days, now);
  return asEvent({
    kind: e.kind,
    dedupKey: e.key,
    vendorId: e.vendorId ?? null,
    modelId: e.modelId ?? null,
    sourceId: e.sourceId ?? null,
    occurredAt: at,
    seenAt: at,
    summary: e.summary ?? `${e.kind} ${e.modelId ?? e.vendorId}`,
    severity: e.severity ?? 'info',
    data: e.data ?? {},
    evidence: e.evidence ?? [],
    baseline: e.baseline ?? false,
  });
}

const LLAMA = 'meta-llama/Llama-3.1-8B-Instruct';
const LLAMA_URL = `https://huggingface.co/${LLAMA}`;
const MUSE_POST = 'https://ai.meta.com/blog/introducing-muse-spark/';

export function fixtureEvents(now: number): NewEvent[] {
  return [
    event(now, {
      kind: 'model.new',
      key: 'k1',
      days: 600,
      vendorId: 'meta',
      modelId: LLAMA,
      sourceId: 'hf:meta-llama',
      baseline: true,
      data: { license: 'llama3.1', gated: 'manual' },
      evidence: [ev('license', 'llama3.1', LLAMA_URL, daysAgo(600, now))],
    }),
    event(now, {
      kind: 'model.weights_published',
      key: 'k2',
      days: 590,
      vendorId: 'meta',
      modelId: LLAMA,
      sourceId: 'hf:meta-llama',
      data: { files: ['a.safetensors', 'b.safetensors'], count: 2 },
      evidence: [ev('weights', 2, LLAMA_URL, daysAgo(590, now))],
    }),
    event(now, {
      kind: 'model.gating_changed',
      key: 'k3',
      days: 40,
      vendorId: 'meta',
      modelId: LLAMA,
      sourceId: 'hf:meta-llama',
      summary: 'Llama 3.1 8B gating auto → manual.',
      data: { from: 'auto', to: 'manual' },
      evidence: [ev('gating', 'manual', LLAMA_URL, daysAgo(40, now))],
    }),
    event(now, {
      kind: 'model.license_text_changed',
      key: 'k4',
      days: 10,
      vendorId: 'meta',
      modelId: LLAMA,
      sourceId: 'hf:meta-llama',
      severity: 'warning',
      summary: 'The Llama 3.1 licence text changed.',
      data: { license: 'llama3.1', from: 'aaaa1111', to: 'bbbb2222' },
      evidence: [ev('license_text_hash', 'bbbb2222', `${LLAMA_URL}/blob/main/LICENSE`, daysAgo(10, now))],
    }),
    event(now, {
      kind: 'post.new',
      key: 'k5',
      days: 20,
      vendorId: 'meta',
      modelId: 'meta/muse-spark',
      sourceId: 'page:meta',
      summary: 'Meta published "Introducing Muse Spark".',
      data: { title: 'Introducing Muse Spark', link: MUSE_POST, publishedAt: daysAgo(20, now) },
      evidence: [ev('post', 'Introducing Muse Spark', MUSE_POST, daysAgo(20, now))],
    }),
    event(now, {
      kind: 'announcement',
      key: 'k6',
      days: 20,
      vendorId: 'meta',
      modelId: 'meta/muse-spark',
      sourceId: 'page:meta',
      severity: 'notice',
      summary: 'Meta announced Muse Spark (proprietary line Muse).',
      data: { title: 'Introducing Muse Spark', link: MUSE_POST, publishedAt: daysAgo(20, now), access: 'hosted' },
      evidence: [ev('announcement', 'Introducing Muse Spark', MUSE_POST, daysAgo(20, now))],
    }),
    event(now, {
      kind: 'model.reclassified',
      key: 'k7',
      days: 3,
      vendorId: 'meta',
      modelId: 'meta/muse-spark',
      severity: 'warning',
      summary: 'Muse Spark moved from openness level 1 to 2.',
      data: { from: '1', to: '2' },
    }),
    event(now, {
      kind: 'repo.license_changed',
      key: 'k8',
      days: 50,
      vendorId: 'meta',
      sourceId: 'gh:meta-llama/llama-models',
      summary: 'llama-models licence changed.',
      data: { repo: 'meta-llama/llama-models', from: 'NOASSERTION', to: 'other' },
      evidence: [ev('license', 'other', 'https://github.com/meta-llama/llama-models', daysAgo(50, now))],
    }),
    event(now, {
      kind: 'source.failing',
      key: 'k9',
      days: 2,
      vendorId: 'meta',
      sourceId: 'page:meta',
      summary: 'The Meta blog keeps failing.',
    }),
    event(now, {
      kind: 'model.new',
      key: 'k10',
      days: 25,
      vendorId: 'google',
      modelId: 'google/gemma-4-12b-it',
      sourceId: 'hf:google',
      data: { license: 'apache-2.0' },
    }),
    event(now, {
      kind: 'model.license_changed',
      key: 'k11',
      days: 24,
      vendorId: 'google',
      modelId: 'google/gemma-4-12b-it',
      sourceId: 'hf:google',
      summary: 'Gemma 4 12B licence gemma → apache-2.0.',
      data: { from: { id: 'gemma', name: null, link: null }, to: { id: 'apache-2.0' } },
    }),
    event(now, {
      kind: 'post.new',
      key: 'k12',
      days: 25,
      vendorId: 'google',
      sourceId: 'feed:google',
      summary: 'Google published "Gemma 4: open models under Apache 2.0".',
      data: { title: 'Gemma 4: open models under Apache 2.0', link: 'https://blog.google/gemma-4/' },
    }),
    event(now, {
      kind: 'post.new',
      key: 'k13',
      days: 200,
      vendorId: 'google',
      sourceId: 'feed:google',
      summary: 'Google published "Gemma 3 technical report".',
      data: { title: 'Gemma 3 technical report', link: 'https://blog.google/gemma-3/' },
    }),
    event(now, {
      kind: 'model.withdrawn',
      key: 'k14',
      days: 15,
      vendorId: 'acme',
      modelId: 'acme/withdrawn-8b',
      summary: 'acme/withdrawn-8b was withdrawn.',
      data: { status: 404 },
    }),
    event(now, {
      kind: 'model.renamed',
      key: 'k15',
      days: 12,
      vendorId: 'microsoft',
      modelId: 'microsoft/phi-4',
      summary: 'microsoft/Phi-4 was renamed microsoft/phi-4.',
      data: { from: 'microsoft/Phi-4', to: 'microsoft/phi-4' },
    }),
    event(now, {
      kind: 'post.new',
      key: 'k16',
      days: 700,
      vendorId: 'meta',
      sourceId: 'page:meta',
      baseline: true,
      summary: 'Meta published "Llama 3 launch".',
      data: { title: 'Llama 3 launch', link: 'https://ai.meta.com/blog/llama-3/' },
    }),
  ];
}

export const MUSE_POST_URL = MUSE_POST;

/** Builds the database; returns its file, an open handle and the `now` its dates were built from. */
export function buildFixtureDb(): { db: Db; file: string; now: number } {
  const { db, file } = tmpDb();
  const now = Date.now();
  const iso = new Date(now).toISOString();
  db.transaction(() => {
    for (const m of MODELS) {
      upsertModel(
        db,
        {
          id: m.id,
          vendorId: m.vendor,
          name: m.id.split('/')[1]!,
          line: m.line,
          lineReason: m.line ? `name matches the ${m.vendor} ${m.line} line` : null,
          url: m.id.startsWith('meta/') || m.id.includes('mai-') ? `https://${m.vendor}.example/${m.id}` : `https://huggingface.co/${m.id}`,
          releasedAt: releasedAt(m, now),
          licenseId: m.license,
          gated: m.gated ?? null,
          weights: m.weights ?? false,
          parameters: m.params ? Math.round(m.params * 1e9) : null,
          withdrawnAt: m.withdrawn ? daysAgo(m.withdrawn, now) : null,
        },
        iso,
      );
      setModelLevel(db, m.id, m.level, iso);
    }
    insertClassification(
      db,
      {
        modelId: LLAMA,
        level: '3b',
        rulesVersion: '2026.1',
        decidedBy: 'licence llama3.1 is restricted-use and weights are public',
        evidence: [
          ev('license', 'llama3.1', LLAMA_URL, daysAgo(10, now)),
          ev('gating', 'manual', LLAMA_URL, daysAgo(10, now)),
          ev('weights', true, LLAMA_URL, daysAgo(10, now)),
        ],
        conflicts: [],
        override: null,
      },
      daysAgo(10, now),
    );
    insertScores(
      db,
      [
        {
          modelId: LLAMA,
          benchmark: 'MMLU-Pro',
          score: 48.3,
          date: daysAgo(500, now).slice(0, 10),
          sourceUrl: 'https://example.org/scores.csv',
          sourceKind: 'csv',
        },
      ],
      iso,
    );
    insertEvents(db, fixtureEvents(now), () => [], iso);
    insertGapSnapshot(db, {
      vendorId: 'meta',
      at: daysAgo(8, now),
      metrics: { recencyGapDays: 300, proprietaryStreak: 1 },
      widening: false,
      reasons: [],
    });
    insertGapSnapshot(db, {
      vendorId: 'meta',
      at: daysAgo(1, now),
      metrics: {
        recencyGapDays: 360,
        proprietaryStreak: 2,
        openShare180d: 0,
        lastOpenRelease: { model: 'meta-llama/Llama-4-Scout-17B-16E-Instruct', date: daysAgo(380, now) },
        lastProprietaryRelease: { model: 'meta/muse-spark', date: daysAgo(20, now) },
      },
      widening: true,
      reasons: ['two proprietary releases in a row (Muse) with no open release'],
    });
  })();
  // Releases as the cycle's releases step links them (store/releases.ts), for `releases`/`release`.
  updateReleases({ db, route: () => [], now: () => new Date(now), vendors: [] }, []);
  return { db, file, now };
}
