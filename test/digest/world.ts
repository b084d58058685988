// A history database for the digest tests: Meta, Google and Microsoft around the April 2026
// events of docs/domain.md, built through the real migrations and the real store functions.
import type { Level, LineKind, SourceConfig } from '../../src/model.js';
import type { NewEvent } from '../../src/events/index.js';
import type { Db } from '../../src/store/db.js';
import { markDeadlineReached, setDeadline } from '../../src/store/deadlines.js';
import { insertEvents } from '../../src/store/events.js';
import { insertGapSnapshot } from '../../src/store/gap.js';
import { setModelLevel, upsertModel } from '../../src/store/models.js';
import { markFailure, markSuccess, syncSources } from '../../src/store/sources.js';
import { linkListedReleases } from '../../src/jobs/releases.js';
import { testVendor } from '../helpers/config.js';
import { tmpDb } from '../helpers/tmp.js';
import { HOSTILE_MODEL, HOSTILE_TITLE, newEvent } from '../notify/fixtures.js';

export const TZ = 'Europe/Paris';
/** 2026-W15 in Europe/Paris: Monday 6 April 09:00 CEST → Monday 13 April 09:00 CEST. */
export const W15 = { week: '2026-W15', start: '2026-04-06T07:00:00.000Z', end: '2026-04-13T07:00:00.000Z' };
export const VENDORS = new Map([
  ['meta', { name: 'Meta' }],
  ['google', { name: 'Google' }],
  ['microsoft', { name: 'Microsoft', strategy: 'proprietary + reseller' }],
]);

/** The vendors' lines, as their files would name them (the releases step reads them). */
export const VENDOR_CONFIGS = [
  testVendor({
    id: 'meta',
    name: 'Meta',
    lines: { open: { name: 'Llama', match: ['llama'] }, proprietary: { name: 'Muse', match: ['muse'] } },
  }),
  testVendor({
    id: 'google',
    name: 'Google',
    lines: { open: { name: 'Gemma', match: ['gemma'] }, proprietary: { name: 'Gemini', match: ['gemini'] } },
  }),
  testVendor({
    id: 'microsoft',
    name: 'Microsoft',
    lines: { open: { name: 'Phi', match: ['phi'] }, proprietary: { name: 'MAI', match: ['mai'] } },
  }),
];

interface M {
  id: string;
  vendor: string;
  name: string;
  line: LineKind | null;
  level: Level | null;
  licence: string | null;
  released: string;
}

const MODELS: M[] = [
  {
    id: 'meta-llama/Llama-4-Scout-17B-16E',
    vendor: 'meta',
    name: 'Llama 4 Scout',
    line: 'open',
    level: '3b',
    licence: 'llama4',
    released: '2025-04-05T00:00:00.000Z',
  },
  {
    id: 'meta/muse-spark',
    vendor: 'meta',
    name: 'Muse Spark',
    line: 'proprietary',
    level: '2',
    licence: null,
    released: '2026-04-08T16:00:00.000Z',
  },
  {
    id: 'google/gemma-3-27b-it',
    vendor: 'google',
    name: 'Gemma 3 27B',
    line: 'open',
    level: '3b',
    licence: 'gemma',
    released: '2025-03-12T00:00:00.000Z',
  },
  {
    id: 'google/gemini-3-pro',
    vendor: 'google',
    name: 'Gemini 3 Pro',
    line: 'proprietary',
    level: '2',
    licence: null,
    released: '2025-11-18T00:00:00.000Z',
  },
  {
    id: 'google/gemma-4-31b-it',
    vendor: 'google',
    name: 'Gemma 4 31B',
    line: 'open',
    level: '4',
    licence: 'apache-2.0',
    released: '2026-04-07T10:00:00.000Z',
  },
  {
    id: 'microsoft/Phi-5',
    vendor: 'microsoft',
    name: 'Phi-5',
    line: 'open',
    level: '4',
    licence: 'mit',
    released: '2026-02-10T00:00:00.000Z',
  },
  {
    id: 'microsoft/MAI-2',
    vendor: 'microsoft',
    name: 'MAI-2',
    line: 'proprietary',
    level: '2',
    licence: null,
    released: '2026-03-20T00:00:00.000Z',
  },
];

const SOURCES: SourceConfig[] = [
  { id: 'meta:huggingface:meta-llama', vendorId: 'meta', kind: 'huggingface', target: 'meta-llama', intervalSec: 900 },
  {
    id: 'meta:feed:https://ai.meta.com/blog/rss/',
    vendorId: 'meta',
    kind: 'feed',
    target: 'https://ai.meta.com/blog/rss/',
    intervalSec: 900,
  },
  { id: 'google:huggingface:google', vendorId: 'google', kind: 'huggingface', target: 'google', intervalSec: 900 },
  {
    id: 'microsoft:page:https://news.microsoft.com/source/',
    vendorId: 'microsoft',
    kind: 'page',
    target: 'https://news.microsoft.com/source/',
    intervalSec: 3600,
  },
];

const noRoute = () => [] as string[];

export function addEvents(db: Db, events: NewEvent[]): void {
  db.transaction(() => insertEvents(db, events, noRoute, '2026-04-10T00:00:00.000Z')).immediate();
}

/** M1 per week end for the 14 weeks up to W15 (oldest first). */
const M1 = {
  meta: [null, null, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 368] as (number | null)[],
  google: [250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, -141] as (number | null)[],
  microsoft: [null, null, null, null, null, null, null, null, 10, 10, 10, 38, 38, 38] as (number | null)[],
};

export function buildWorld(opts: { hostile?: boolean } = {}): { db: Db; file: string } {
  const { db, file } = tmpDb();
  const setAt = '2026-01-01T00:00:00.000Z';
  for (const m of MODELS) {
    upsertModel(
      db,
      {
        id: m.id,
        vendorId: m.vendor,
        name: m.name,
        line: m.line,
        lineReason: 'test',
        url: `https://huggingface.co/${m.id}`,
        releasedAt: m.released,
        licenseId: m.licence,
        weights: m.level !== '2',
      },
      setAt,
    );
    setModelLevel(db, m.id, m.level, setAt);
  }
  if (opts.hostile) {
    // A release whose name and licence are hostile text: every renderer must keep it inert.
    upsertModel(
      db,
      {
        id: 'evil/x',
        vendorId: 'meta',
        name: HOSTILE_MODEL,
        line: 'open',
        lineReason: 'test',
        url: 'https://huggingface.co/evil/x',
        releasedAt: '2026-04-09T00:00:00.000Z',
        licenseId: HOSTILE_TITLE,
        weights: true,
      },
      setAt,
    );
    setModelLevel(db, 'evil/x', '3b', setAt);
  }
  // The releases step groups the models into releases (one per model here), as a cycle would.
  linkListedReleases(db, VENDOR_CONFIGS, setAt);
  addEvents(db, [
    newEvent({ kind: 'announcement', dedupKey: 'w:muse', modelId: 'meta/muse-spark', occurredAt: '2026-04-08T16:00:00.000Z' }),
    newEvent({
      kind: 'model.new',
      dedupKey: 'w:gemma4',
      vendorId: 'google',
      modelId: 'google/gemma-4-31b-it',
      occurredAt: '2026-04-07T10:00:00.000Z',
      summary: 'Google published Gemma 4 31B under Apache-2.0.',
      data: { name: 'Gemma 4 31B', line: 'open', level: '4', license: 'apache-2.0' },
    }),
    newEvent({
      kind: 'model.license_changed',
      dedupKey: 'w:gemma3-licence',
      vendorId: 'google',
      modelId: 'google/gemma-3-27b-it',
      occurredAt: '2026-04-09T08:00:00.000Z',
      summary: 'The licence of google/gemma-3-27b-it changed from gemma to apache-2.0.',
      severity: 'warning',
      data: { name: 'google/gemma-3-27b-it', from: 'gemma', to: 'apache-2.0' },
      evidence: [
        {
          signal: 'license',
          value: 'apache-2.0',
          sourceUrl: 'https://huggingface.co/google/gemma-3-27b-it',
          seenAt: '2026-04-09T08:00:00.000Z',
        },
      ],
    }),
    newEvent({
      kind: 'model.gating_changed',
      dedupKey: 'w:llama-gating',
      modelId: 'meta-llama/Llama-4-Scout-17B-16E',
      occurredAt: '2026-04-10T12:00:00.000Z',
      summary: 'Gating of meta-llama/Llama-4-Scout-17B-16E changed from auto to manual.',
      data: { name: 'meta-llama/Llama-4-Scout-17B-16E', from: 'auto', to: 'manual' },
    }),
    newEvent({
      kind: 'gap.widened',
      dedupKey: 'w:meta-gap',
      modelId: null,
      occurredAt: '2026-04-09T00:00:00.000Z',
      severity: 'warning',
      summary: "Meta's open line now trails its proprietary line by 368 days, past the 365-day band.",
      data: { metric: 'M1', recencyGapDays: 368 },
    }),
    // Outside the week: before and after.
    newEvent({
      kind: 'model.withdrawn',
      dedupKey: 'w:old',
      vendorId: 'microsoft',
      modelId: 'microsoft/old',
      occurredAt: '2026-03-01T00:00:00.000Z',
      data: { name: 'microsoft/old' },
    }),
    newEvent({
      kind: 'model.withdrawn',
      dedupKey: 'w:next',
      vendorId: 'microsoft',
      modelId: 'microsoft/next',
      occurredAt: '2026-04-13T07:00:00.000Z',
      data: { name: 'microsoft/next' },
    }),
  ]);
  if (opts.hostile) {
    addEvents(db, [
      newEvent({
        kind: 'model.new',
        dedupKey: 'w:hostile1',
        modelId: 'evil/x',
        occurredAt: '2026-04-09T00:00:00.000Z',
        data: { name: HOSTILE_MODEL, line: 'open', license: HOSTILE_TITLE },
      }),
      newEvent({
        kind: 'model.license_changed',
        dedupKey: 'w:hostile2',
        modelId: 'evil/y',
        occurredAt: '2026-04-09T00:00:00.000Z',
        data: {
          name: HOSTILE_TITLE + ' ' + 'An-extremely-long-model-name-that-goes-on-and-on-for-ever-and-ever-and-ever-more',
          from: 'mit',
          to: HOSTILE_MODEL,
        },
      }),
    ]);
  }

  // Gap snapshots: one per week end, 14 weeks up to W15, plus one mid-week.
  const end = Date.parse(W15.end);
  for (const [vendor, series] of Object.entries(M1)) {
    series.forEach((v, i) => {
      const at = new Date(end - (13 - i) * 7 * 86_400_000 - 3_600_000).toISOString();
      const streak = vendor === 'meta' && i === 13 ? 1 : 0;
      insertGapSnapshot(db, {
        vendorId: vendor,
        at,
        metrics: {
          recencyGapDays: v,
          proprietaryStreak: streak,
          openShare180d: vendor === 'meta' ? (i === 13 ? 0 : 0.5) : 0.6,
          widening: vendor === 'meta' && i === 13,
          reasons: vendor === 'meta' && i === 13 ? ['M1 crossed the 365-day band'] : [],
        },
        widening: vendor === 'meta' && i === 13,
        reasons: [],
      });
    });
  }
  // A malformed snapshot of another vendor must not break the digest.
  db.prepare('INSERT INTO gap_snapshots (vendor_id, at, metrics_json, widening, reasons_json) VALUES (?, ?, ?, 0, ?)').run(
    'mistral',
    '2026-04-10T00:00:00.000Z',
    '{"recencyGapDays":"many"}',
    'not json',
  );

  syncSources(db, SOURCES);
  for (const s of SOURCES.slice(0, 3)) {
    markSuccess(db, s.id, {
      now: '2026-04-12T00:00:00.000Z',
      nextCheckAt: '2026-04-12T00:15:00.000Z',
      cursor: {},
      requests: 1,
      events: 0,
      startedAt: '2026-04-12T00:00:00.000Z',
    });
  }
  for (let i = 0; i < 3; i++) {
    markFailure(db, SOURCES[3]!.id, {
      now: `2026-04-1${i}T06:00:00.000Z`,
      nextCheckAt: '2026-04-13T00:00:00.000Z',
      error: 'page: news.microsoft.com: 503 Service Unavailable',
      transient: true,
      requests: 1,
      startedAt: '2026-04-10T06:00:00.000Z',
    });
  }

  setDeadline(db, { subject: 'meta', date: '2026-07-01', note: 'Llama or Gemma for on-prem?' }, '2026-04-02T00:00:00.000Z');
  const due = setDeadline(
    db,
    { subject: 'google/gemma-3-27b-it', date: '2026-04-10T12:00:00.000Z', note: null },
    '2026-03-01T00:00:00.000Z',
  );
  markDeadlineReached(db, due, '2026-04-10T12:00:00.000Z');
  return { db, file };
}
