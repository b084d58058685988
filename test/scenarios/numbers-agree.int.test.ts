// One source of truth for every number (issue #14, finding 2): each gap alert of the demo (every
// widening and narrowing reason) is found again, number for number, in `gap --as-of <its time>
// --json`, in the stored snapshot `gap --history` lists at that time, and in the digest of its
// week (the same M1, and the same trend word `gap` reports for that week).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/events/index.js';
import { runMain } from '../commands/in-process.js';
import { startScenario, type Scenario } from './harness.js';

let s: Scenario;
let gapEvents: StoredEvent<'gap.widened' | 'gap.narrowed'>[];

beforeAll(async () => {
  s = await startScenario();
  await s.runTo(s.world.steps);
  gapEvents = s.events().filter((e): e is StoredEvent<'gap.widened' | 'gap.narrowed'> => e.kind.startsWith('gap.') && !e.baseline);
}, 60_000);
afterAll(async () => s?.close());

async function json<T>(args: string[]): Promise<T> {
  const r = await runMain([...args, '--db', s.file, '--feeds', s.world.feedsDir, '--json'], {
    MODELWATCH_NOW: s.world.now(s.world.steps).toISOString(),
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

interface Report {
  asOf: string;
  recencyGapDays: number | null;
  proprietaryStreak: number;
  openShare180d: number | null;
  openShareReference: number | null;
  openShareChangePoints: number | null;
  widening: boolean;
  reasons: string[];
  trend: { week: string | null };
  licenceDrift: { open: number | null };
  history: {
    at: string;
    recencyGapDays: number | null;
    proprietaryStreak: number | null;
    openShare180d: number | null;
    openShareReference: number | null;
    openShareChangePoints: number | null;
    widening: boolean;
    reasons: string[];
  }[];
}

describe('the numbers of a gap alert are found again', () => {
  it('the demo has widening and narrowing alerts for M1, M2 and M3', () => {
    const reasons = new Set(gapEvents.map((e) => `${e.kind}:${String(e.data.reason).split(':')[0]}`));
    for (const r of [
      'gap.widened:recency-band',
      'gap.widened:streak',
      'gap.widened:open-share',
      'gap.narrowed:recency-band',
      'gap.narrowed:streak',
      'gap.narrowed:open-share',
    ])
      expect(reasons).toContain(r);
  });

  it("Meta's open-share alert: 100% to 0% is what gap --as-of its time says", async () => {
    const e = gapEvents.find((x) => x.vendorId === 'meta' && x.data.reason === 'open-share:180d')!;
    expect(e.summary).toContain('fell from 100% to 0% (-100 points)');
    const g = await json<Report>(['gap', '--vendor', 'meta', '--as-of', e.occurredAt]);
    expect(g).toMatchObject({ openShare180d: 0, openShareReference: 1, openShareChangePoints: -100 });
    expect(g.reasons).toContain('open-share:180d');
  });

  it('every gap alert: gap --as-of, the stored snapshot and the digest agree with it', async () => {
    expect(gapEvents.length).toBeGreaterThanOrEqual(6);
    for (const e of gapEvents) {
      const what = `${e.vendorId} ${e.kind} ${String(e.data.reason)}`;
      const g = await json<Report>(['gap', '--vendor', e.vendorId!, '--as-of', e.occurredAt, '--history']);
      const snap = g.history.find((h) => h.at === e.occurredAt);
      expect(snap, what).toBeDefined();
      const d = e.data;
      if (d.metric === 'M1') {
        expect(g.recencyGapDays, what).toBe(d.recencyGapDays);
        expect(snap!.recencyGapDays, what).toBe(d.recencyGapDays);
        expect(e.summary, what).toContain(`${String(d.recencyGapDays)} day`);
      } else if (d.metric === 'M2') {
        expect(g.proprietaryStreak, what).toBe(d.proprietaryStreak);
        expect(snap!.proprietaryStreak, what).toBe(d.proprietaryStreak);
      } else if (d.metric === 'M3') {
        for (const r of [g, snap!]) {
          expect(r.openShare180d, what).toBe(d.openShare);
          expect(r.openShareReference, what).toBe(d.reference);
          expect(r.openShareChangePoints, what).toBe(d.changePoints);
        }
        expect(e.summary, what).toContain(`${Math.round((d.reference as number) * 100)}% to ${Math.round((d.openShare as number) * 100)}%`);
      } else if (d.metric === 'M6') {
        const drift = d.drift as { delta: number; from: { level: string }; to: { level: string } };
        expect(g.licenceDrift.open, what).toBe(drift.delta);
        expect(e.summary, what).toContain(`level ${drift.to.level}`);
      } else throw new Error(`unexpected metric in ${what}`);
      // The status: a widening reason that alerted holds in the snapshot and in gap.
      if (e.kind === 'gap.widened') {
        expect(g.reasons, what).toContain(d.reason);
        expect(snap!.reasons, what).toContain(d.reason);
      }
      expect(snap!.widening, what).toBe(g.widening);
      expect(snap!.reasons, what).toEqual(g.reasons);
      // The digest of that week: the same M1 and the same trend word.
      const digest = await json<{
        data: { gap: { vendorId: string; recencyGapDays: number | null; trend: string; widening: boolean; reasons: string[] }[] };
      }>(['digest', '--as-of', e.occurredAt]);
      const row = digest.data.gap.find((x) => x.vendorId === e.vendorId)!;
      const week = await json<Report>(['gap', '--vendor', e.vendorId!, '--as-of', digestEnd(e.occurredAt, digest)]);
      expect(row.recencyGapDays, what).toBe(week.recencyGapDays);
      expect(row.trend, what).toBe(week.trend.week);
      expect(row.widening, what).toBe(week.widening);
    }
  });
});

/** The digest reads the snapshots at the end of its week: `gap --as-of` that instant reads the same ones. */
function digestEnd(_at: string, digest: unknown): string {
  const d = (digest as { data: { range?: { end: string }; end?: string } }).data;
  return d.range?.end ?? d.end ?? _at;
}
