import { afterEach, describe, expect, it } from 'vitest';
import { collectDigestData, type VendorInfo } from '../../src/digest/data.js';
import { isEmpty } from '../../src/digest/summary.js';
import { weekRange } from '../../src/digest/week.js';
import type { Db } from '../../src/store/db.js';
import { dueDeadlines, getDeadline, listDeadlines, markDeadlineReached, setDeadline } from '../../src/store/deadlines.js';
import { findRelease } from '../../src/store/releases.js';
import { tmpDb } from '../helpers/tmp.js';
import { linkListedReleases } from '../../src/jobs/releases.js';
import { setModelLevel, upsertModel } from '../../src/store/models.js';
import { buildWorld, TZ, VENDOR_CONFIGS, VENDORS, W15 } from './world.js';

let db: Db | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

function w15() {
  db = buildWorld().db;
  return collectDigestData(db, { weekStart: W15.start, weekEnd: W15.end, tz: TZ, vendors: VENDORS });
}

describe('collectDigestData', () => {
  it('names the week and its span', () => {
    const d = w15();
    expect([d.week, d.start, d.end, d.tz]).toEqual(['2026-W15', W15.start, W15.end, TZ]);
    // A WeekRange's Dates give the same digest.
    const r = weekRange('2026-W15', TZ);
    expect(collectDigestData(db!, { weekStart: r.start, weekEnd: r.end, tz: TZ, vendors: VENDORS })).toEqual(d);
    expect(() => collectDigestData(db!, { weekStart: r.end, weekEnd: r.start, tz: TZ })).toThrow(/invalid week span/);
  });

  it('lists the releases of the week per vendor: one entry per release with its side, level, licence and artefacts', () => {
    const d = w15();
    expect(d.releases).toEqual([
      {
        vendorId: 'google',
        vendor: 'Google',
        items: [
          {
            releaseId: findRelease(db!, 'google/gemma-4-31b-it')!.id,
            modelId: 'google/gemma-4-31b-it',
            name: 'Gemma 4 31B',
            family: 'Gemma',
            side: 'open',
            line: 'open',
            level: '4',
            licence: 'apache-2.0',
            artefacts: 1,
            auxiliary: false,
            releasedAt: '2026-04-07T10:00:00.000Z',
            url: 'https://huggingface.co/google/gemma-4-31b-it',
          },
        ],
      },
      {
        vendorId: 'meta',
        vendor: 'Meta',
        items: [
          {
            releaseId: findRelease(db!, 'meta/muse-spark')!.id,
            modelId: 'meta/muse-spark',
            name: 'Muse Spark',
            family: 'Muse',
            side: 'proprietary',
            line: 'proprietary',
            level: '2',
            licence: null,
            artefacts: 1,
            auxiliary: false,
            releasedAt: '2026-04-08T16:00:00.000Z',
            url: 'https://huggingface.co/meta/muse-spark',
          },
        ],
      },
    ]);
  });

  it('lists a release of several artefacts once, with its artefact count', () => {
    db = buildWorld().db;
    // A second size of Gemma 4, a day later: another artefact of the same launch.
    upsertModel(
      db,
      {
        id: 'google/gemma-4-E4B-it',
        vendorId: 'google',
        name: 'gemma-4-E4B-it',
        line: 'open',
        lineReason: 'test',
        url: 'https://huggingface.co/google/gemma-4-E4B-it',
        releasedAt: '2026-04-08T10:00:00.000Z',
        licenseId: 'apache-2.0',
        weights: true,
      },
      '2026-04-08T11:00:00.000Z',
    );
    setModelLevel(db, 'google/gemma-4-E4B-it', '4', '2026-04-08T11:00:00.000Z');
    linkListedReleases(db, VENDOR_CONFIGS, '2026-04-08T11:00:00.000Z');
    const d = collectDigestData(db, { weekStart: W15.start, weekEnd: W15.end, tz: TZ, vendors: VENDORS });
    const google = d.releases.find((v) => v.vendorId === 'google')!;
    expect(google.items.map((r) => [r.name, r.side, r.artefacts, r.releasedAt])).toEqual([
      ['Gemma 4 31B', 'open', 2, '2026-04-07T10:00:00.000Z'],
    ]);
    expect(d.releases.reduce((n, v) => n + v.items.length, 0)).toBe(2);
  });

  it('lists licence, gating and other changes of the week only', () => {
    const d = w15();
    expect(d.licenceChanges.map((c) => c.headline)).toEqual(['google/gemma-3-27b-it: licence gemma → apache-2.0']);
    expect(d.gatingChanges.map((c) => [c.vendor, c.headline])).toEqual([
      ['Meta', 'meta-llama/Llama-4-Scout-17B-16E: gating auto → manual'],
    ]);
    // The withdrawals of 1 March and of Monday 13 April 09:00 (the next week) are left out.
    expect(d.otherChanges.map((c) => c.kind)).toEqual(['gap.widened']);
  });

  it('derives the vendor strategy table of docs/domain.md from the releases', () => {
    const d = w15();
    expect(d.strategy).toEqual([
      {
        vendorId: 'google',
        vendor: 'Google',
        latest: 'Gemma 4 31B',
        strategy: 'open + proprietary',
        licence: 'apache-2.0',
        licences: ['apache-2.0', 'proprietary', 'gemma'],
        latestOpen: 'Gemma 4 31B',
        latestOpenAt: '2026-04-07T10:00:00.000Z',
        openAgeDays: 5,
        selfHosting: 'full support',
        proprietaryShare: 1 / 3,
        lockIn: 'low',
      },
      // Llama 4's weights are public: the open line stalled, it is not "not available".
      {
        vendorId: 'meta',
        vendor: 'Meta',
        latest: 'Muse Spark',
        strategy: 'proprietary, was open',
        licence: 'llama4',
        licences: ['proprietary', 'llama4'],
        latestOpen: 'Llama 4 Scout',
        latestOpenAt: '2025-04-05T00:00:00.000Z',
        openAgeDays: 373,
        selfHosting: 'open line stalled, last open release 373 days ago',
        proprietaryShare: 0.5,
        lockIn: 'medium',
      },
      {
        vendorId: 'microsoft',
        vendor: 'Microsoft',
        latest: 'MAI 2',
        strategy: 'proprietary + reseller',
        licence: 'mit',
        licences: ['proprietary', 'mit'],
        latestOpen: 'Phi 5',
        latestOpenAt: '2026-02-10T00:00:00.000Z',
        openAgeDays: 62,
        selfHosting: 'full support',
        proprietaryShare: 0.5,
        lockIn: 'medium',
      },
    ]);
    // The vendor's first recency band decides the stall: with 400 days, Meta's open line is not stalled.
    const wide = collectDigestData(db!, {
      weekStart: W15.start,
      weekEnd: W15.end,
      tz: TZ,
      vendors: new Map<string, VendorInfo>([...VENDORS, ['meta', { name: 'Meta', recencyBandDays: 400 }]]),
    });
    expect(wide.strategy.find((r) => r.vendorId === 'meta')!.selfHosting).toBe('full support');
  });

  it('builds the gap table with the trend against last week, reading metrics defensively', () => {
    const d = w15();
    const by = Object.fromEntries(d.gap.map((g) => [g.vendorId, g]));
    expect(by.meta).toMatchObject({
      recencyGapDays: 368,
      previousRecencyGapDays: 300,
      proprietaryStreak: 1,
      openShare180d: 0,
      widening: true,
      trend: 'widening',
      reasons: ['M1 crossed the 365-day band'],
    });
    expect(by.google).toMatchObject({ recencyGapDays: -141, previousRecencyGapDays: 250, trend: 'narrowing', widening: false });
    expect(by.microsoft).toMatchObject({ recencyGapDays: 38, previousRecencyGapDays: 38, trend: 'steady' });
    // `{"recencyGapDays":"many"}` and reasons that are not JSON: shown as unknown.
    expect(by.mistral).toMatchObject({ recencyGapDays: null, proprietaryStreak: null, openShare180d: null, reasons: [], trend: 'new' });
  });

  it('has 12 weeks of M1 per vendor, oldest first', () => {
    const d = w15();
    expect(d.history.weeks).toHaveLength(12);
    expect(d.history.weeks[0]).toBe('2026-W04');
    expect(d.history.weeks[11]).toBe('2026-W15');
    const meta = d.history.series.find((s) => s.vendorId === 'meta')!;
    expect(meta.points).toEqual([300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 368]);
    const ms = d.history.series.find((s) => s.vendorId === 'microsoft')!;
    expect(ms.points).toEqual([null, null, null, null, null, null, 10, 10, 10, 38, 38, 38]);
  });

  it('reports source health', () => {
    const d = w15();
    expect(d.sources.total).toBe(4);
    expect(d.sources.ok).toBe(3);
    expect(d.sources.failing).toEqual([
      {
        id: 'microsoft:page:https://news.microsoft.com/source/',
        vendorId: 'microsoft',
        since: '2026-04-10T06:00:00.000Z',
        consecutiveErrors: 3,
        lastError: 'page: news.microsoft.com: 503 Service Unavailable',
      },
    ]);
  });

  it('counts down decision deadlines and says what changed since they were set', () => {
    const d = w15();
    expect(d.deadlines.map((x) => [x.subject, x.daysLeft, x.reachedAt, x.changesSinceSet])).toEqual([
      ['google/gemma-3-27b-it', -2, '2026-04-10T12:00:00.000Z', 1],
      ['meta', 79, null, 3],
    ]);
    expect(d.deadlines[1]!.recentChanges).toEqual([
      'meta-llama/Llama-4-Scout-17B-16E: gating auto → manual',
      "Meta's open line now trails its proprietary line by 368 days, past the 365-day band",
      'Muse Spark released (proprietary, API)',
    ]);
  });

  it('is not empty when something happened, and empty for a quiet week', () => {
    expect(isEmpty(w15())).toBe(false);
    const quiet = collectDigestData(db!, {
      weekStart: '2025-07-21T07:00:00.000Z',
      weekEnd: '2025-07-28T07:00:00.000Z',
      tz: TZ,
      vendors: VENDORS,
    });
    expect(quiet.week).toBe('2025-W30');
    expect(quiet.releases).toEqual([]);
    expect(isEmpty(quiet)).toBe(true);
    // Standing tables are still there: they alone do not make a digest.
    expect(quiet.strategy.length).toBeGreaterThan(0);
  });

  it('is empty on a fresh database', () => {
    db = tmpDb().db;
    const d = collectDigestData(db, { weekStart: W15.start, weekEnd: W15.end, tz: TZ });
    expect(isEmpty(d)).toBe(true);
    expect(d.gap).toEqual([]);
    expect(d.history.series).toEqual([]);
  });
});

describe('deadlines store', () => {
  it('sets, lists, finds due and marks reached once', () => {
    db = tmpDb().db;
    const a = setDeadline(db, { subject: 'meta', date: '2026-07-01', note: 'decide' }, '2026-04-01T00:00:00.000Z');
    const b = setDeadline(db, { subject: 'google', date: '2026-05-01' }, '2026-04-01T00:00:00.000Z');
    expect(listDeadlines(db).map((x) => x.id)).toEqual([b, a]);
    expect(dueDeadlines(db, '2026-05-01T00:00:00.000Z').map((x) => x.id)).toEqual([b]);
    expect(markDeadlineReached(db, b, '2026-05-01T00:00:00.000Z')).toBe(true);
    expect(markDeadlineReached(db, b, '2026-05-02T00:00:00.000Z')).toBe(false);
    expect(getDeadline(db, b)!.reachedAt).toBe('2026-05-01T00:00:00.000Z');
    expect(listDeadlines(db, { open: true }).map((x) => x.id)).toEqual([a]);
    expect(dueDeadlines(db, '2026-12-31T00:00:00.000Z').map((x) => x.id)).toEqual([a]);
  });
});
