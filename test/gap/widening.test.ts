import { describe, expect, it } from 'vitest';
import { gapMetrics } from '../../src/gap/metrics.js';
import type { GapEvent, GapInput, GapState } from '../../src/gap/types.js';
import { DEFAULT_THRESHOLDS, evaluate, initialGapState, recencyBand, wideningStatus } from '../../src/gap/widening.js';
import type { GapThresholds } from '../../src/model.js';
import { GOOGLE_RELEASES, META_RELEASES, MUSE_FLOW, googleInput, metaInput, rel } from './fixtures.js';

/** Evaluate a sequence of (input, now) steps, returning every step's events and the final state. */
function run(steps: { input: GapInput; now: string }[], thresholds: GapThresholds = DEFAULT_THRESHOLDS, start: GapState | null = null) {
  let state = start;
  const events: GapEvent[][] = [];
  for (const s of steps) {
    const r = evaluate(state, gapMetrics(s.input), thresholds, s.now);
    // the state is plain JSON: what the lead stores is what comes back
    state = JSON.parse(JSON.stringify(r.state)) as GapState;
    events.push(r.events);
  }
  return { state: state!, events };
}
const reasons = (evs: GapEvent[]) => evs.map((e) => `${e.kind} ${e.reason}`);

describe('DEFAULT_THRESHOLDS', () => {
  it('match docs/domain.md', () => {
    expect(DEFAULT_THRESHOLDS).toMatchObject({ recencyBandsDays: [90, 180, 365], streak: 2, shareDropPoints: 25, hysteresis: 2 });
    expect(recencyBand(368, [90, 180, 365])).toBe(365);
    expect(recencyBand(120, [365, 90, 180])).toBe(90);
    expect(recencyBand(-10, [90])).toBe(0);
  });
});

describe('M2: "the next two releases are both proprietary" (Meta)', () => {
  const withFlow = [...META_RELEASES, MUSE_FLOW];

  it('widens after two evaluations, not after one, with a readable summary', () => {
    const { events, state } = run([
      { input: metaInput('2026-06-16', withFlow), now: '2026-06-16T06:00:00Z' },
      { input: metaInput('2026-06-16', withFlow), now: '2026-06-16T12:00:00Z' },
      { input: metaInput('2026-06-17', withFlow), now: '2026-06-17T06:00:00Z' },
    ]);
    expect(events[0].filter((e) => e.reason === 'streak')).toEqual([]);
    const streak = events[1].filter((e) => e.reason === 'streak');
    expect(streak).toHaveLength(1);
    expect(streak[0].kind).toBe('gap.widened');
    expect(streak[0].summary).toBe(
      'Meta has shipped 2 proprietary releases in a row (Muse Spark (2026-04-08), Muse Flow (2026-06-15)) since its last open release (Llama-4-Maverick-17B-128E-Instruct (2025-04-05)): the "next 2 releases are proprietary" test is met, a sign it is moving away from open weights.',
    );
    expect(streak[0].data).toMatchObject({ metric: 'M2', proprietaryStreak: 2, threshold: 2, vendor: 'meta', heldFor: 2 });
    // nothing moves afterwards: no repeat
    expect(events[2]).toEqual([]);
    expect(state.streakReached).toBe(true);
    expect(state.lastEmitted['gap.widened:streak']).toBe('2026-06-16T12:00:00Z');
  });

  it('a condition that stops holding starts its hysteresis again', () => {
    const { events } = run([
      { input: metaInput('2026-06-16', withFlow), now: '2026-06-16T06:00:00Z' },
      { input: metaInput('2026-06-10', withFlow), now: '2026-06-16T07:00:00Z' }, // as of before Muse Flow: streak 1
      { input: metaInput('2026-06-16', withFlow), now: '2026-06-16T08:00:00Z' },
      { input: metaInput('2026-06-16', withFlow), now: '2026-06-16T09:00:00Z' },
    ]);
    expect(events.map((e) => e.some((x) => x.reason === 'streak'))).toEqual([false, false, false, true]);
  });

  it('the cooldown stops a repeat for the same reason, and lets it out once it is over', () => {
    const llama5 = rel('meta-llama/Llama-5', 'open', '3b', '2026-07-01', { license: 'llama5' });
    const muse3 = rel('meta/muse-3', 'proprietary', '2', '2026-07-02');
    const muse4 = rel('meta/muse-4', 'proprietary', '2', '2026-07-03');
    const t = { ...DEFAULT_THRESHOLDS, cooldownHours: 24 * 30 };
    const { events } = run(
      [
        { input: metaInput('2026-06-16', withFlow), now: '2026-06-16T06:00:00Z' },
        { input: metaInput('2026-06-16', withFlow), now: '2026-06-16T07:00:00Z' }, // widened: streak
        { input: metaInput('2026-07-01', [...withFlow, llama5]), now: '2026-07-01T06:00:00Z' },
        { input: metaInput('2026-07-01', [...withFlow, llama5]), now: '2026-07-01T07:00:00Z' }, // narrowed: streak
        { input: metaInput('2026-07-03', [...withFlow, llama5, muse3, muse4]), now: '2026-07-03T06:00:00Z' },
        { input: metaInput('2026-07-03', [...withFlow, llama5, muse3, muse4]), now: '2026-07-03T07:00:00Z' }, // held: cooldown
        { input: metaInput('2026-07-10', [...withFlow, llama5, muse3, muse4]), now: '2026-07-10T07:00:00Z' }, // still cooling
        { input: metaInput('2026-07-16', [...withFlow, llama5, muse3, muse4]), now: '2026-07-16T07:00:01Z' }, // 30 days + 1 s
      ],
      t,
    );
    const streakEvents = events.map((e) => e.filter((x) => x.reason === 'streak').map((x) => x.kind));
    expect(streakEvents).toEqual([[], ['gap.widened'], [], ['gap.narrowed'], [], [], [], ['gap.widened']]);
  });
});

describe('M1 bands (Meta, first run)', () => {
  it('Muse Spark 368 days after Llama 4 crosses the 365-day band', () => {
    const { events, state } = run([
      { input: metaInput('2026-04-09'), now: '2026-04-09T06:00:00Z' },
      { input: metaInput('2026-04-09'), now: '2026-04-09T07:00:00Z' },
    ]);
    expect(events[0]).toEqual([]);
    const band = events[1].find((e) => e.reason.startsWith('recency-band'));
    expect(band).toMatchObject({
      kind: 'gap.widened',
      reason: 'recency-band:365',
      data: { recencyGapDays: 368, band: 365, previousBand: 0 },
    });
    expect(band!.summary).toMatch(
      /^Meta's open line now trails its proprietary line by 368 days, past the 365-day band \(latest open Llama-4-Maverick-17B-128E-Instruct \(2025-04-05\), latest proprietary Muse Spark \(2026-04-08\)\)/,
    );
    expect(state.recencyBand).toBe(365);
  });

  it('an open flagship release narrows back below the bands', () => {
    const llama5 = rel('meta-llama/Llama-5', 'open', '3b', '2026-05-01');
    const { events } = run([
      { input: metaInput('2026-04-09'), now: '2026-04-09T06:00:00Z' },
      { input: metaInput('2026-04-09'), now: '2026-04-09T07:00:00Z' },
      { input: metaInput('2026-05-02', [...META_RELEASES, llama5]), now: '2026-05-02T06:00:00Z' },
      { input: metaInput('2026-05-02', [...META_RELEASES, llama5]), now: '2026-05-02T07:00:00Z' },
    ]);
    expect(reasons(events[3])).toContain('gap.narrowed recency-band:365');
  });
});

describe('M3 open share', () => {
  it('a drop of 25 points or more against the previous window widens', () => {
    // previous 180 days: 2 open + 1 proprietary (67%); last 180 days: 2 proprietary (0%)
    const releases = [
      rel('v/open-a', 'open', '4', '2025-08-01'),
      rel('v/open-b', 'open', '4', '2025-09-01'),
      rel('v/prop-a', 'proprietary', '2', '2025-10-01'),
      rel('v/prop-b', 'proprietary', '2', '2026-02-01'),
      rel('v/prop-c', 'proprietary', '2', '2026-03-01'),
    ];
    const input: GapInput = {
      vendor: 'v',
      vendorName: 'Vendor',
      openLine: 'Open',
      asOf: '2026-04-01',
      releases,
      thresholds: DEFAULT_THRESHOLDS,
    };
    const m = gapMetrics(input);
    expect(m.openShare180d).toBe(0);
    expect(m.openShare180dPrevious).toBe(0.6667);
    const { events, state } = run([
      { input, now: '2026-04-01T06:00:00Z' },
      { input, now: '2026-04-01T07:00:00Z' },
    ]);
    const share = events[1].find((e) => e.reason === 'open-share:180d');
    expect(share?.kind).toBe('gap.widened');
    expect(share?.summary).toBe(
      "Vendor's open share of releases over the last 180 days fell from 67% to 0% (-66.7 points), so fewer of its new models can be self-hosted.",
    );
    expect(state.openShareRef).toBe(0);
    expect(wideningStatus(m, DEFAULT_THRESHOLDS).reasons).toContain('open-share:180d');
  });
});

describe('M6 licence drift', () => {
  it('Gemma 3 → Gemma 4 (gemma → apache-2.0, 3b → 4) narrows, after hysteresis', () => {
    const { events, state } = run([
      { input: googleInput('2026-03-31'), now: '2026-03-31T06:00:00Z' }, // baseline, before Gemma 4
      { input: googleInput('2026-04-02'), now: '2026-04-02T06:00:00Z' },
      { input: googleInput('2026-04-02'), now: '2026-04-02T07:00:00Z' },
      { input: googleInput('2026-04-03'), now: '2026-04-03T07:00:00Z' },
    ]);
    expect(events[1].filter((e) => e.reason.startsWith('licence-drift'))).toEqual([]);
    const drift = events[2].filter((e) => e.reason.startsWith('licence-drift'));
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({ kind: 'gap.narrowed', reason: 'licence-drift:release' });
    expect(drift[0].summary).toBe(
      "Google's open line became more open: Gemma 4 (2026-04-02) is level 4, apache-2.0 where Gemma 3 was 3b, gemma (+1 level), so its newest open model is freer to use.",
    );
    expect(events[3]).toEqual([]);
    expect(state.driftSeen).toContain('release:google/gemma-3-27b-it->google/gemma-4');
  });

  it('changes before the first evaluation are a silent baseline', () => {
    const { events } = run([
      { input: googleInput('2026-04-30'), now: '2026-04-30T06:00:00Z' },
      { input: googleInput('2026-04-30'), now: '2026-04-30T07:00:00Z' },
    ]);
    expect(events.flat().filter((e) => e.reason.startsWith('licence-drift'))).toEqual([]);
  });

  it('an open repo losing openness (M6 < 0) widens', () => {
    const history = [
      { modelId: 'google/gemma-3-27b-it', line: 'open' as const, at: '2026-05-05T10:00:00Z', from: '3b' as const, to: '3a' as const },
    ];
    const input = (asOf: string): GapInput => ({ ...googleInput(asOf, GOOGLE_RELEASES), levelHistory: history });
    const { events } = run([
      { input: input('2026-05-01'), now: '2026-05-01T06:00:00Z' },
      { input: input('2026-05-06'), now: '2026-05-06T06:00:00Z' },
      { input: input('2026-05-06'), now: '2026-05-06T07:00:00Z' },
    ]);
    const drift = events[2].find((e) => e.reason === 'licence-drift:repo');
    expect(drift?.kind).toBe('gap.widened');
    expect(drift?.summary).toBe(
      "Google's open model google/gemma-3-27b-it went from level 3b to 3a on 2026-05-05 (-1): the terms of a model teams may already run got stricter.",
    );
  });
});

describe('M4 / M5 capability', () => {
  it('a delta growing beyond its tolerance widens; the lag of levels both reached does not grow with it; the first sight is a baseline', () => {
    const releases = [
      rel('p1', 'proprietary', '2', '2025-01-01'),
      rel('o1', 'open', '4', '2025-02-01'),
      rel('p2', 'proprietary', '2', '2025-06-01'),
    ];
    const scoresA = [
      { modelId: 'p1', line: 'proprietary' as const, benchmark: 'GPQA Diamond', score: 70, date: '2025-01-01' },
      { modelId: 'o1', line: 'open' as const, benchmark: 'GPQA Diamond', score: 69, date: '2025-02-01' },
    ];
    const scoresB = [...scoresA, { modelId: 'p2', line: 'proprietary' as const, benchmark: 'GPQA Diamond', score: 85, date: '2025-06-01' }];
    const input = (asOf: string, scores = scoresB): GapInput => ({
      vendor: 'v',
      vendorName: 'Vendor',
      openLine: 'O',
      asOf,
      releases,
      scores,
      thresholds: DEFAULT_THRESHOLDS,
    });
    // 2025-05-01: p2 not yet out: delta now 1; level 69 (the lower best): p1 2025-01-01, o1
    // 2025-02-01 → 31 days = 1.0 month. The baseline.
    // 2025-06-02: delta now 16 (> 5 above 1): widened. The open side reached no new level, so M4
    // (Epoch's horizontal distance) is still 1.0: no capability-lag event from time passing.
    const { events, state } = run([
      { input: input('2025-05-01'), now: '2025-05-01T00:00:00Z' },
      { input: input('2025-06-02'), now: '2025-06-02T00:00:00Z' },
      { input: input('2025-06-02'), now: '2025-06-02T01:00:00Z' },
    ]);
    expect(events[0]).toEqual([]);
    expect(events[1].filter((e) => e.reason.startsWith('capability'))).toEqual([]);
    expect(reasons(events[2])).toEqual(expect.arrayContaining(['gap.widened capability-delta:GPQA Diamond']));
    expect(reasons(events[2])).not.toContain('gap.widened capability-lag:GPQA Diamond');
    const delta = events[2].find((e) => e.reason === 'capability-delta:GPQA Diamond');
    expect(delta?.summary).toBe(
      "On GPQA Diamond, Vendor's best proprietary score (85) is now 16 points ahead of its best open score (69), up from 1: the capability gap is growing.",
    );
    expect(state.capability['GPQA Diamond']).toEqual({ lagMonths: 1, delta: 16 });
  });
});

describe('M4 / M5 and the calendar', () => {
  it('no new score for a year and a half: no capability event, though the open frontier ages', () => {
    // Issue #15: the old M4 ("months since the proprietary frontier reached the open best") grew by
    // a month a month and fired "capability lag grew" with no new data. Epoch's horizontal distance does not.
    const releases = [
      rel('p1', 'proprietary', '2', '2024-01-01'),
      rel('p2', 'proprietary', '2', '2024-07-01'),
      rel('o1', 'open', '4', '2024-06-01'),
      rel('o2', 'open', '4', '2025-03-01'),
    ];
    const sc = (modelId: string, line: 'open' | 'proprietary', score: number, date: string) => ({
      modelId,
      line,
      benchmark: 'GPQA Diamond',
      score,
      date,
    });
    const scores = [
      sc('p1', 'proprietary', 60, '2024-01-01'),
      sc('p2', 'proprietary', 80, '2024-07-01'),
      sc('o1', 'open', 55, '2024-06-01'),
      sc('o2', 'open', 69, '2025-03-01'),
    ];
    const input = (asOf: string): GapInput => ({
      vendor: 'v',
      vendorName: 'Vendor',
      openLine: 'O',
      asOf,
      releases,
      scores,
      thresholds: DEFAULT_THRESHOLDS,
    });
    const dates = [
      '2025-04-01',
      '2025-04-02',
      '2025-07-01',
      '2025-07-02',
      '2025-10-01',
      '2025-10-02',
      '2026-01-01',
      '2026-01-02',
      '2026-06-01',
      '2026-06-02',
      '2026-09-01',
      '2026-09-02',
    ];
    const { events } = run(dates.map((d) => ({ input: input(d), now: `${d}T06:00:00Z` })));
    expect(events.flat().filter((e) => e.reason.startsWith('capability'))).toEqual([]);
    const first = gapMetrics(input(dates[0])).capability[0];
    const last = gapMetrics(input(dates[dates.length - 1])).capability[0];
    expect(last.lagMonths).toBe(first.lagMonths);
    expect(last.deltaNow).toBe(first.deltaNow);
    expect(last.openBestAgeMonths - first.openBestAgeMonths).toBeGreaterThan(16);
  });
});

describe('GapState', () => {
  it('starts empty and is plain JSON', () => {
    const s = initialGapState();
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    const r = evaluate(null, gapMetrics(metaInput('2026-04-09')), DEFAULT_THRESHOLDS, '2026-04-09T06:00:00Z');
    expect(JSON.parse(JSON.stringify(r.state))).toEqual(r.state);
    expect(r.state.evaluations).toBe(1);
    expect(r.state.lastAsOf).toBe('2026-04-09');
    expect(Object.keys(r.state.pending)).toEqual(expect.arrayContaining(['gap.widened:recency-band']));
  });

  it('does not mutate the previous state', () => {
    const prev = initialGapState();
    const frozen = JSON.stringify(prev);
    evaluate(
      prev,
      gapMetrics(metaInput('2026-06-16', [...META_RELEASES, MUSE_FLOW])),
      { ...DEFAULT_THRESHOLDS, hysteresis: 1 },
      '2026-06-16T00:00:00Z',
    );
    expect(JSON.stringify(prev)).toBe(frozen);
  });

  it('wideningStatus lists the current reasons without state', () => {
    const m = gapMetrics(metaInput('2026-06-16', [...META_RELEASES, MUSE_FLOW]));
    expect(wideningStatus(m, DEFAULT_THRESHOLDS)).toMatchObject({ widening: true, reasons: ['recency-band:365', 'streak'] });
    expect(wideningStatus(gapMetrics(googleInput('2026-04-30')), DEFAULT_THRESHOLDS)).toMatchObject({ widening: false, reasons: [] });
  });

  it('wideningStatus compares the open share with the reference the rules use, and reports the move', () => {
    const m = { ...gapMetrics(googleInput('2026-04-30')), hasOpenLine: true, openShare180d: 0, openShare180dPrevious: null };
    expect(wideningStatus(m, DEFAULT_THRESHOLDS)).toMatchObject({ openShareReference: null, openShareChangePoints: null });
    const s = wideningStatus(m, DEFAULT_THRESHOLDS, 1);
    expect(s).toMatchObject({ openShareReference: 1, openShareChangePoints: -100 });
    expect(s.reasons).toContain('open-share:180d');
    expect(wideningStatus(m, DEFAULT_THRESHOLDS, 0.2).reasons).not.toContain('open-share:180d');
  });
});
