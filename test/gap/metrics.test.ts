import { describe, expect, it } from 'vitest';
import { capabilityGap } from '../../src/gap/frontier.js';
import { allVendorsGap, gapMetrics } from '../../src/gap/metrics.js';
import type { GapInput, GapScore } from '../../src/gap/types.js';
import { DEFAULT_THRESHOLDS } from '../../src/gap/widening.js';
import { GOOGLE_RELEASES, META_RELEASES, MUSE_FLOW, googleInput, metaInput, rel } from './fixtures.js';

describe('M1 / M2 / M3 on Meta (Llama vs Muse)', () => {
  it('as of 2026-04-30: Llama 4 vs Muse Spark', () => {
    const m = gapMetrics(metaInput('2026-04-30'));
    expect(m.lastOpenRelease).toMatchObject({
      model: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct', // the flagship is the face of the same-day group
      date: '2025-04-05',
      level: '3b',
      models: ['meta-llama/Llama-4-Maverick-17B-128E-Instruct', 'meta-llama/Llama-4-Scout-17B-16E-Instruct'],
    });
    expect(m.lastProprietaryRelease).toMatchObject({ model: 'meta/muse-spark', name: 'Muse Spark', date: '2026-04-08' });
    // M1: 2025-04-05 → 2026-04-05 is 365 days, + 3 = 368
    expect(m.recencyGapDays).toBe(368);
    expect(m.daysSinceOpenRelease).toBe(390);
    // M2: one proprietary release since Llama 4
    expect(m.proprietaryStreak).toBe(1);
    // M3: 180-day window (2025-11-01, 2026-04-30] holds only Muse Spark; the window before holds nothing
    expect(m.openShare180d).toBe(0);
    expect(m.openShare180dPrevious).toBeNull();
    expect(m.openShare180dChange).toBeNull();
    // 365 days: only Muse Spark; the year before: Llama 3.1, 3.2, 3.3 and 4 (same-day repos = one release)
    expect(m.openShare365d).toBe(0);
    expect(m.openShare365dPrevious).toBe(1);
    expect(m.openShare365dChange).toBe(-1);
    expect(m.counts).toMatchObject({ releases: 7, openReleases: 6, proprietaryReleases: 1, unknownLevel: 0 });
  });

  it('a second proprietary release → M2 = 2', () => {
    const m = gapMetrics(metaInput('2026-06-30', [...META_RELEASES, MUSE_FLOW]));
    expect(m.proprietaryStreak).toBe(2);
    expect(m.streakReleases.map((r) => r.name)).toEqual(['Muse Spark', 'Muse Flow']);
    expect(m.recencyGapDays).toBe(436);
  });

  it('M1 uses flagships only: a non-flagship open release does not shorten the gap', () => {
    const withSmall = [...META_RELEASES, rel('meta-llama/Llama-4-Tiny', 'open', '3b', '2026-01-10', { flagship: false })];
    const m = gapMetrics(metaInput('2026-04-30', withSmall));
    expect(m.recencyGapDays).toBe(368); // still Maverick vs Muse Spark
    expect(m.lastOpenRelease?.model).toBe('meta-llama/Llama-4-Tiny'); // but it is the latest open release
    expect(m.proprietaryStreak).toBe(1);
  });

  it('unknown levels are excluded and counted; announcements (level 0) are not releases', () => {
    const m = gapMetrics(
      metaInput('2026-04-30', [
        ...META_RELEASES,
        rel('meta-llama/Llama-Guard-9', 'open', null, '2026-02-01'),
        rel('meta/muse-pro', 'proprietary', '0', '2026-04-20'),
      ]),
    );
    expect(m.counts.unknownLevel).toBe(1);
    expect(m.counts.unknownModels).toEqual(['meta-llama/Llama-Guard-9']);
    expect(m.proprietaryStreak).toBe(1);
    expect(m.lastOpenRelease?.date).toBe('2025-04-05');
  });

  it('an open-line release below 3a counts in the share but does not end the streak', () => {
    const m = gapMetrics(metaInput('2026-06-30', [...META_RELEASES, MUSE_FLOW, rel('meta/llama-5-api', 'open', '2', '2026-06-20')]));
    expect(m.proprietaryStreak).toBe(2);
    expect(m.openShare180d).toBe(0); // 0 open of 3 releases
    expect(m.licenceDrift.open).toBe(-2); // 3b → 2 on the open line
  });
});

describe('asOf cuts the data exactly', () => {
  it('a date-only asOf includes that whole day and nothing after it', () => {
    expect(gapMetrics(metaInput('2026-04-07')).lastProprietaryRelease).toBeNull();
    expect(gapMetrics(metaInput('2026-04-08')).lastProprietaryRelease?.name).toBe('Muse Spark');
    expect(gapMetrics(metaInput('2026-04-07T23:59:59Z')).proprietaryStreak).toBe(0);
  });

  it('equals the metrics computed on a copy of the history cut at that date', () => {
    const scores: GapScore[] = [
      {
        modelId: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct',
        line: 'open',
        benchmark: 'GPQA Diamond',
        score: 69.8,
        date: '2025-04-05',
      },
      { modelId: 'meta/muse-spark', line: 'proprietary', benchmark: 'GPQA Diamond', score: 85, date: '2026-04-08' },
      { modelId: 'meta/muse-flow', line: 'proprietary', benchmark: 'GPQA Diamond', score: 88, date: '2026-06-15' },
    ];
    const history = [
      { modelId: 'meta-llama/Llama-3.1-405B', line: 'open' as const, at: '2026-05-10T12:00:00Z', from: '3b' as const, to: '3a' as const },
    ];
    const full: GapInput = { ...metaInput('2026-05-01', [...META_RELEASES, MUSE_FLOW]), scores, levelHistory: history };
    const cut: GapInput = {
      ...metaInput('2026-05-01'), // Muse Flow did not exist yet
      scores: scores.slice(0, 2),
      levelHistory: [],
    };
    expect(gapMetrics(full)).toEqual(gapMetrics(cut));
    // and the reclassification after asOf shows up once asOf passes it
    const later = gapMetrics({ ...full, asOf: '2026-05-11' });
    expect(later.licenceDrift.repos).toEqual([
      { model: 'meta-llama/Llama-3.1-405B', line: 'open', at: '2026-05-10T12:00:00Z', from: '3b', to: '3a', delta: -1, sourceUrl: null },
    ]);
  });
});

describe('M4 / M5: Epoch AI horizontal / vertical distance between running-best frontiers', () => {
  // Proprietary frontier: P1 2024-01-01 60, P2 2024-07-01 70, P3 2025-01-01 80.
  // Open frontier:        O1 2024-06-01 55, O2 2025-03-01 69.     Tolerance 2 (GPQA: 2 x 1 point).
  // As of 2025-07-01T00:00Z, window from 2023-07-01 (24 months):
  // Levels both reached: from max(55 + 2, 60) = 60 to min(69 + 2, 80) = 71.
  //   (60, 70]: P2 reached them 2024-07-01, O2 (>= y - 2) 2025-03-01: 243 days, height 10
  //   (70, 71]: P3 2025-01-01, O2 2025-03-01: 59 days, height 1
  //   M4 = (10 x 243 + 1 x 59) / 11 = 226.27 days / 30.4375 = 7.43 → 7.4 months
  // Vertical, from 2024-06-01 (both exist) to 2025-07-01: 5 x 30 d + 15 x 184 d + 25 x 59 d
  //   + 11 x 122 d = 5727 over 395 days = 14.50 points. At asOf: 80 - 69 = 11.
  // Point lag: level 69 (the lower best): P2 reached it 2024-07-01, O2 reached 67 2025-03-01 → 8.0.
  // Open frontier's age: 2025-03-01 → 2025-07-01 = 122 days = 4.0 months.
  const releases = [
    rel('p1', 'proprietary', '2', '2024-01-01'),
    rel('p2', 'proprietary', '2', '2024-07-01'),
    rel('p3', 'proprietary', '2', '2025-01-01'),
    rel('o1', 'open', '4', '2024-06-01'),
    rel('o2', 'open', '4', '2025-03-01'),
    rel('o-unknown', 'open', null, '2025-01-10'),
    rel('o-api', 'open', '2', '2025-01-11'),
  ];
  const score = (modelId: string, line: 'open' | 'proprietary', s: number, date: string): GapScore => ({
    modelId,
    line,
    benchmark: 'GPQA Diamond',
    score: s,
    date,
  });
  const scores = [
    score('p1', 'proprietary', 60, '2024-01-01'),
    score('p2', 'proprietary', 70, '2024-07-01'),
    score('p3', 'proprietary', 80, '2025-01-01'),
    score('o1', 'open', 55, '2024-06-01'),
    score('o2', 'open', 69, '2025-03-01'),
    score('o-unknown', 'open', 95, '2025-01-10'), // unknown level: excluded
    score('o-api', 'open', 90, '2025-01-11'), // open line but no open weights: excluded
    score('p-later', 'proprietary', 99, '2025-09-01'), // after asOf: ignored
  ];
  const input = (asOf: string, extra: GapScore[] = []): GapInput => ({
    vendor: 'acme',
    asOf,
    releases,
    scores: [...scores, ...extra],
    thresholds: { ...DEFAULT_THRESHOLDS, catchUpTolerance: 2 },
  });

  it('computes the hand-worked example', () => {
    const m = gapMetrics(input('2025-07-01T00:00:00Z'));
    expect(m.capability).toEqual([
      {
        benchmark: 'GPQA Diamond',
        openBest: 69,
        proprietaryBest: 80,
        delta: 14.5,
        deltaNow: 11,
        lagMonths: 7.4,
        lagMonthsNow: 8,
        openBestAgeMonths: 4,
        openBestModel: 'o2',
        proprietaryBestModel: 'p3',
        catchUpDate: '2024-07-01T00:00:00.000Z',
        window: { from: '2023-07-01', to: '2025-07-01' },
        tolerance: 2,
        toleranceBasis: 'scale',
        levelsCompared: 11,
      },
    ]);
    expect(m.lagMonths).toBe(7.4);
    expect(m.delta).toBe(14.5);
    expect(m.deltaBenchmark).toBe('GPQA Diamond');
    expect(m.counts.excludedScores).toBe(2);
  });

  it('as of an earlier date only the data known then counts; with no level above both first scores M4 is the point lag', () => {
    // Before O2: open best 55, no level in (60, 57]; point lag at 55: P1 2024-01-01 → O1 (>= 53) 2024-06-01 = 152 d = 5.0.
    // Vertical from 2024-06-01 to 2025-02-15: 5 x 30 + 15 x 184 + 25 x 45 = 4035 over 259 days = 15.58.
    const m = gapMetrics(input('2025-02-15T00:00:00Z'));
    expect(m.capability[0]).toMatchObject({
      openBest: 55,
      proprietaryBest: 80,
      delta: 15.58,
      deltaNow: 25,
      lagMonths: 5,
      lagMonthsNow: 5,
      levelsCompared: 0,
    });
  });

  it("M4 does not change when only the calendar moves; the open frontier's age does", () => {
    const a = gapMetrics(input('2025-07-01T00:00:00Z')).capability[0];
    const b = gapMetrics(input('2025-08-31T00:00:00Z')).capability[0];
    expect(b.lagMonths).toBe(a.lagMonths);
    expect(b.lagMonthsNow).toBe(a.lagMonthsNow);
    expect(b.deltaNow).toBe(a.deltaNow);
    expect(b.openBestAgeMonths).toBeGreaterThan(a.openBestAgeMonths);
  });

  it('M4 / M5 move when a new score raises a frontier', () => {
    // A new open best of 82 on 2025-05-01: levels (71, 80] now compared too: P3 2025-01-01 → O3 2025-05-01
    // (>= y - 2 from 82): 120 days; (60,70]: 243 d x 10 (O2 69 >= y - 2 up to 71 → only y <= 71 use O2)
    //   (70, 71]: 59 d; (71, 80]: 120 d x 9 → (2430 + 59 + 1080) / 20 = 178.45 d = 5.86 → 5.9 months.
    const raised = gapMetrics(input('2025-07-01T00:00:00Z', [score('o3', 'open', 82, '2025-05-01')])).capability[0];
    expect(raised).toMatchObject({ openBest: 82, deltaNow: -2, lagMonths: 5.9 });
    // A new proprietary best raises the delta now, not the lag of the levels the open side reached.
    const prop = gapMetrics(input('2025-07-01T00:00:00Z', [score('p4', 'proprietary', 90, '2025-06-01')])).capability[0];
    expect(prop).toMatchObject({ proprietaryBest: 90, deltaNow: 21, lagMonths: 7.4 });
  });

  it('the window bounds the levels and days averaged', () => {
    const at = Date.parse('2025-07-01T00:00:00Z');
    const p = [{ ms: Date.parse('2024-01-01T00:00:00Z'), score: 80, model: 'p' }];
    const o = [
      { ms: Date.parse('2024-07-01T00:00:00Z'), score: 78, model: 'o1' },
      { ms: Date.parse('2025-01-01T00:00:00Z'), score: 90, model: 'o2' },
    ];
    // Open leads now (-10); level 80 (the lower best): P 2024-01-01, open reached 78 (>= 80 - 2) 2024-07-01: 182 d = 6.0.
    expect(capabilityGap('X', o, p, at, { windowStart: Date.parse('2023-01-01'), tolerance: 2 })).toMatchObject({
      deltaNow: -10,
      lagMonths: 6,
      lagMonthsNow: 6,
      catchUpDate: '2024-01-01T00:00:00.000Z',
    });
    expect(capabilityGap('X', [], p, at, { windowStart: 0, tolerance: 2 })).toBeNull();
  });
});

describe('M6 licence drift', () => {
  it('Gemma 3 → Gemma 4 (gemma → apache-2.0) is +1 level on the open line', () => {
    const m = gapMetrics(googleInput('2026-04-30'));
    expect(m.licenceDrift.open).toBe(1);
    expect(m.licenceDrift.releases).toEqual([
      {
        line: 'open',
        from: { model: 'google/gemma-3-27b-it', name: 'Gemma 3', level: '3b', date: '2025-03-12', license: 'gemma' },
        to: { model: 'google/gemma-4', name: 'Gemma 4', level: '4', date: '2026-04-02', license: 'apache-2.0' },
        delta: 1,
      },
    ]);
    expect(gapMetrics(googleInput('2026-03-31')).licenceDrift).toMatchObject({ open: 0, releases: [] });
  });
});

describe('allVendorsGap', () => {
  it('returns each vendor and the pooled metrics, keeping same-day releases of different vendors apart', () => {
    const sameDay = rel('google/gemma-3n', 'open', '3b', '2025-04-05', { name: 'Gemma 3n' });
    const withoutAsOf = ({ asOf: _asOf, ...rest }: GapInput) => rest;
    const all = allVendorsGap(
      [withoutAsOf(metaInput('2020-01-01')), withoutAsOf(googleInput('2020-01-01', [...GOOGLE_RELEASES, sameDay]))],
      '2026-04-30',
      DEFAULT_THRESHOLDS,
    );
    expect(all.vendors.map((v) => v.vendor)).toEqual(['meta', 'google']);
    expect(all.vendors.every((v) => v.asOf === '2026-04-30')).toBe(true);
    expect(all.all.counts.releases).toBe(all.vendors[0].counts.releases + all.vendors[1].counts.releases);
    expect(all.all.vendor).toBe('all');
    expect(all.all.lastOpenRelease?.name).toBe('Gemma 4');
    expect(all.all.lastProprietaryRelease?.name).toBe('Muse Spark');
    expect(all.all.recencyGapDays).toBe(6); // Gemma 4 (2026-04-02) → Muse Spark (2026-04-08)
  });
});

describe('M4 tolerance from published standard errors', () => {
  it('uses z(90%) x sqrt(2) x the median standard error when most scores carry one, never below the scale', async () => {
    const { benchmarkNoise } = await import('../../src/gap/capability.js');
    // GPQA Diamond, standard errors 2, 3, 4 points: 1.645 x 1.4142 x 3 = 6.98 points.
    expect(benchmarkNoise('GPQA Diamond', 1, [2, 3, 4])).toEqual({ tolerance: expect.closeTo(6.979, 3), toleranceBasis: 'stderr' });
    expect(benchmarkNoise('GPQA Diamond', 1, [0.1])).toEqual({ tolerance: 1, toleranceBasis: 'scale' });
    expect(benchmarkNoise('GPQA Diamond', 1, [])).toEqual({ tolerance: 1, toleranceBasis: 'scale' });
    const s = (modelId: string, line: 'open' | 'proprietary', score: number, date: string, stderr?: number): GapScore => ({
      modelId,
      line,
      benchmark: 'GPQA Diamond',
      score,
      date,
      ...(stderr ? { stderr } : {}),
    });
    const releases = [
      rel('p', 'proprietary', '2', '2025-01-01'),
      rel('o1', 'open', '4', '2025-03-01'),
      rel('o2', 'open', '4', '2025-06-01'),
    ];
    const input = (scores: GapScore[]): GapInput => ({ vendor: 'v', asOf: '2025-07-01', releases, scores, thresholds: DEFAULT_THRESHOLDS });
    const with3 = (se?: number) => [
      s('p', 'proprietary', 75, '2025-01-01', se),
      s('o1', 'open', 70, '2025-03-01', se),
      s('o2', 'open', 76, '2025-06-01', se),
    ];
    // Level 75 (the lower best), reached by P on 2025-01-01. Tolerance 1 (scale): the open side
    // reached 74 with o2 on 2025-06-01 → 151 days = 5.0 months. Tolerance 6.98 (3-point errors):
    // o1's 70 is within 6.98 of 75 → 2025-03-01, 59 days = 1.9 months.
    expect(gapMetrics(input(with3())).capability[0]).toMatchObject({ toleranceBasis: 'scale', tolerance: 1, lagMonths: 5 });
    expect(gapMetrics(input(with3(3))).capability[0]).toMatchObject({ toleranceBasis: 'stderr', tolerance: 6.9791, lagMonths: 1.9 });
  });
});
