// Widening rules (docs/domain.md "A vendor's gap widens when ..."). Pure: the previous state, the
// current metrics, the thresholds and `now` in; the next state and the events out.
//
// Every rule compares the metrics with what the state last acknowledged, so a condition holds
// until it is reported and then stops holding (edge detection, no repeats while nothing moves):
//   M1  the recency gap crosses a band upward (widened) or falls back below one (narrowed);
//   M2  the proprietary streak reaches the threshold (widened) or an open release ends it (narrowed);
//   M3  the 180-day open share drops by >= shareDropPoints against the reference (widened) or
//       rises by as much (narrowed); the first reference is the previous window's share;
//   M4  a benchmark's lag grows (shrinks) by more than capabilityLagMonths against its reference;
//   M5  a benchmark's delta at asOf (deltaNow) grows (shrinks) by more than capabilityDeltaPoints;
//       (M4 is Epoch's horizontal distance, which does not grow with the calendar; the open
//       frontier's age is never a reason);
//   M6  a level change between consecutive open-line releases, or of an open-line repo:
//       < 0 widened, > 0 narrowed (Gemma 3 → Gemma 4: 3b → 4).
// Hysteresis: a condition must hold for `hysteresis` consecutive evaluations before it emits; this
// applies to narrowing too, so that a flapping metric is quiet both ways. Cooldown: one event per
// vendor, kind and reason per `cooldownHours`; a held condition stays pending and is emitted once
// the cooldown is over if it still holds. Baselines (silent): M4/M5 references of a benchmark seen
// for the first time, and M6 changes that predate the first evaluation.
import type { GapThresholds } from '../model.js';
import { toMs } from './time.js';
import type { GapEvent, GapEventKind, GapMetrics, GapState, ReleaseRef } from './types.js';

/** The defaults live with every other default, in config/defaults.ts. */
export { DEFAULT_THRESHOLDS } from '../config/defaults.js';

export function initialGapState(): GapState {
  return {
    version: 1,
    evaluations: 0,
    lastAsOf: null,
    recencyBand: 0,
    streakReached: false,
    openShareRef: null,
    capability: {},
    driftSeen: [],
    pending: {},
    lastEmitted: {},
  };
}

interface Candidate {
  /** Hysteresis key: one condition family and direction. */
  key: string;
  kind: GapEventKind;
  reason: string;
  summary: string;
  data: GapEvent['data'];
  commit: (s: GapState) => void;
}

const day = (iso: string) => iso.slice(0, 10);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const rel = (r: ReleaseRef | null) => (r ? `${r.name} (${day(r.date)})` : 'none');
const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

function clone(s: GapState): GapState {
  return JSON.parse(JSON.stringify(s)) as GapState;
}

/** The band a recency gap is in: the largest band it has reached, 0 below every band. */
export function recencyBand(days: number | null, bands: number[]): number {
  if (days === null) return 0;
  return [...bands].sort((a, b) => a - b).filter((b) => days >= b).pop() ?? 0;
}

function recencyCandidates(m: GapMetrics, t: GapThresholds, s: GapState): Candidate[] {
  if (!m.hasOpenLine || m.recencyGapDays === null) return [];
  const band = recencyBand(m.recencyGapDays, t.recencyBandsDays);
  const data = { metric: 'M1', recencyGapDays: m.recencyGapDays, band, previousBand: s.recencyBand, open: m.recencyBasis.open, proprietary: m.recencyBasis.proprietary };
  const commit = (x: GapState) => {
    x.recencyBand = band;
  };
  const v = m.vendorName;
  if (band > s.recencyBand) {
    return [
      {
        key: 'gap.widened:recency-band',
        kind: 'gap.widened',
        reason: `recency-band:${band}`,
        summary: `${v}'s open line now trails its proprietary line by ${daysText(m.recencyGapDays)}, past the ${band}-day band (latest open ${rel(m.recencyBasis.open)}, latest proprietary ${rel(m.recencyBasis.proprietary)}), so teams self-hosting ${v}'s open models are falling further behind.`,
        data,
        commit,
      },
    ];
  }
  if (band < s.recencyBand) {
    return [
      {
        key: 'gap.narrowed:recency-band',
        kind: 'gap.narrowed',
        reason: `recency-band:${s.recencyBand}`,
        summary: `${v}'s open line is back within ${s.recencyBand} days of its proprietary line (${daysText(m.recencyGapDays)}: ${rel(m.recencyBasis.open)} against ${rel(m.recencyBasis.proprietary)}), so its release gap has shrunk.`,
        data,
        commit,
      },
    ];
  }
  return [];
}

function streakCandidates(m: GapMetrics, t: GapThresholds, s: GapState): Candidate[] {
  if (!m.hasOpenLine) return [];
  const v = m.vendorName;
  const data = { metric: 'M2', proprietaryStreak: m.proprietaryStreak, threshold: t.streak, releases: m.streakReleases, lastOpenRelease: m.lastOpenRelease };
  if (m.proprietaryStreak >= t.streak && !s.streakReached) {
    const names = m.streakReleases.map(rel).join(', ');
    return [
      {
        key: 'gap.widened:streak',
        kind: 'gap.widened',
        reason: 'streak',
        summary: `${v} has shipped ${m.proprietaryStreak} proprietary releases in a row (${names}) since its last open release (${rel(m.lastOpenRelease)}): the "next ${t.streak} releases are proprietary" test is met, a sign it is moving away from open weights.`,
        data,
        commit: (x) => {
          x.streakReached = true;
        },
      },
    ];
  }
  if (m.proprietaryStreak < t.streak && s.streakReached) {
    return [
      {
        key: 'gap.narrowed:streak',
        kind: 'gap.narrowed',
        reason: 'streak',
        summary: `${v} shipped an open release (${rel(m.lastOpenRelease)}), ending its streak of proprietary releases: its open line is active again.`,
        data,
        commit: (x) => {
          x.streakReached = false;
        },
      },
    ];
  }
  return [];
}

/** The open share's move against its reference, in points (one decimal): what alerts quote. */
export function sharePoints(now: number | null, ref: number | null): number | null {
  return now === null || ref === null ? null : Math.round((now - ref) * 1000) / 10;
}

/**
 * The M3 reference an evaluation compares the 180-day open share with: the share last reported
 * (the state's), else the previous 180-day window's share, else the current one (the baseline).
 */
export function openShareReference(prev: GapState | null, m: GapMetrics): number | null {
  return prev?.openShareRef ?? m.openShare180dPrevious ?? m.openShare180d;
}

function shareCandidates(m: GapMetrics, t: GapThresholds, s: GapState): Candidate[] {
  if (!m.hasOpenLine || m.openShare180d === null || s.openShareRef === null) return [];
  const now = m.openShare180d;
  const ref = s.openShareRef;
  const points = sharePoints(now, ref)!;
  const data = { metric: 'M3', window: '180d', openShare: now, reference: ref, changePoints: points };
  const commit = (x: GapState) => {
    x.openShareRef = now;
  };
  const v = m.vendorName;
  if (points <= -t.shareDropPoints) {
    return [
      {
        key: 'gap.widened:open-share:180d',
        kind: 'gap.widened',
        reason: 'open-share:180d',
        summary: `${v}'s open share of releases over the last 180 days fell from ${pct(ref)} to ${pct(now)} (${points} points), so fewer of its new models can be self-hosted.`,
        data,
        commit,
      },
    ];
  }
  if (points >= t.shareDropPoints) {
    return [
      {
        key: 'gap.narrowed:open-share:180d',
        kind: 'gap.narrowed',
        reason: 'open-share:180d',
        summary: `${v}'s open share of releases over the last 180 days rose from ${pct(ref)} to ${pct(now)} (+${points} points), so more of its new models can be self-hosted.`,
        data,
        commit,
      },
    ];
  }
  return [];
}

function capabilityCandidates(m: GapMetrics, t: GapThresholds, s: GapState): Candidate[] {
  const out: Candidate[] = [];
  const v = m.vendorName;
  for (const c of m.capability) {
    const ref = s.capability[c.benchmark];
    if (!ref) continue; // baseline, set silently by evaluate()
    const lagMove = Math.round((c.lagMonths - ref.lagMonths) * 10) / 10;
    const lagData = { metric: 'M4', benchmark: c.benchmark, lagMonths: c.lagMonths, reference: ref.lagMonths, openBest: c.openBest, proprietaryBest: c.proprietaryBest, catchUpDate: c.catchUpDate, window: c.window };
    const commitLag = (x: GapState) => {
      x.capability[c.benchmark] = { ...(x.capability[c.benchmark] ?? { delta: c.deltaNow }), lagMonths: c.lagMonths };
    };
    if (lagMove > t.capabilityLagMonths) {
      out.push({
        key: `gap.widened:capability-lag:${c.benchmark}`,
        kind: 'gap.widened',
        reason: `capability-lag:${c.benchmark}`,
        summary: `On ${c.benchmark}, ${v}'s open line now reaches the score levels of its proprietary line ${c.lagMonths} months later on average (was ${ref.lagMonths}), so the capability gap is growing.`,
        data: lagData,
        commit: commitLag,
      });
    } else if (lagMove < -t.capabilityLagMonths) {
      out.push({
        key: `gap.narrowed:capability-lag:${c.benchmark}`,
        kind: 'gap.narrowed',
        reason: `capability-lag:${c.benchmark}`,
        summary: `On ${c.benchmark}, ${v}'s open line closed in on its proprietary line: the lag is now ${c.lagMonths} months (was ${ref.lagMonths}).`,
        data: lagData,
        commit: commitLag,
      });
    }
    const deltaMove = Math.round((c.deltaNow - ref.delta) * 100) / 100;
    const deltaData = { metric: 'M5', benchmark: c.benchmark, delta: c.deltaNow, reference: ref.delta, openBest: c.openBest, proprietaryBest: c.proprietaryBest };
    const commitDelta = (x: GapState) => {
      x.capability[c.benchmark] = { ...(x.capability[c.benchmark] ?? { lagMonths: c.lagMonths }), delta: c.deltaNow };
    };
    if (deltaMove > t.capabilityDeltaPoints) {
      out.push({
        key: `gap.widened:capability-delta:${c.benchmark}`,
        kind: 'gap.widened',
        reason: `capability-delta:${c.benchmark}`,
        summary: `On ${c.benchmark}, ${v}'s best proprietary score (${c.proprietaryBest}) is now ${c.deltaNow} points ahead of its best open score (${c.openBest}), up from ${ref.delta}: the capability gap is growing.`,
        data: deltaData,
        commit: commitDelta,
      });
    } else if (deltaMove < -t.capabilityDeltaPoints) {
      out.push({
        key: `gap.narrowed:capability-delta:${c.benchmark}`,
        kind: 'gap.narrowed',
        reason: `capability-delta:${c.benchmark}`,
        summary: `On ${c.benchmark}, ${v}'s best open score (${c.openBest}) is now ${c.deltaNow} points behind its best proprietary score (${c.proprietaryBest}), down from ${ref.delta}: the capability gap is shrinking.`,
        data: deltaData,
        commit: commitDelta,
      });
    }
  }
  return out;
}

/** M6 changes on the open line, each with the key under which the state remembers it. */
function driftItems(m: GapMetrics): { key: string; delta: number; summary: (v: string) => string; data: GapEvent['data']; reason: string }[] {
  const items = [];
  for (const d of m.licenceDrift.releases) {
    if (d.line !== 'open') continue;
    const lic = (l: string | null) => (l ? `, ${l}` : '');
    items.push({
      key: `release:${d.from.model}->${d.to.model}`,
      delta: d.delta,
      reason: 'licence-drift:release',
      data: { metric: 'M6', drift: d },
      summary: (v: string) =>
        d.delta < 0
          ? `${v}'s open line lost openness: ${d.to.name} (${day(d.to.date)}) is level ${d.to.level}${lic(d.to.license)} where ${d.from.name} was ${d.from.level}${lic(d.from.license)} (${d.delta} level${Math.abs(d.delta) > 1 ? 's' : ''}), so its newest open model is less free to use.`
          : `${v}'s open line became more open: ${d.to.name} (${day(d.to.date)}) is level ${d.to.level}${lic(d.to.license)} where ${d.from.name} was ${d.from.level}${lic(d.from.license)} (${signed(d.delta)} level${d.delta > 1 ? 's' : ''}), so its newest open model is freer to use.`,
    });
  }
  for (const r of m.licenceDrift.repos) {
    if (r.line !== 'open') continue;
    items.push({
      key: `repo:${r.model}@${r.at}`,
      delta: r.delta,
      reason: 'licence-drift:repo',
      data: { metric: 'M6', drift: r },
      summary: (v: string) =>
        r.delta < 0
          ? `${v}'s open model ${r.model} went from level ${r.from} to ${r.to} on ${day(r.at)} (${r.delta}): the terms of a model teams may already run got stricter.`
          : `${v}'s open model ${r.model} went from level ${r.from} to ${r.to} on ${day(r.at)} (${signed(r.delta)}): its terms got more open.`,
    });
  }
  return items;
}

function driftCandidates(m: GapMetrics, s: GapState): Candidate[] {
  const seen = new Set(s.driftSeen);
  return driftItems(m)
    .filter((d) => !seen.has(d.key) && d.delta !== 0)
    .map((d) => {
      const kind: GapEventKind = d.delta < 0 ? 'gap.widened' : 'gap.narrowed';
      return {
        key: `${kind}:drift:${d.key}`,
        kind,
        reason: d.reason,
        summary: d.summary(m.vendorName),
        data: d.data,
        commit: (x: GapState) => {
          if (!x.driftSeen.includes(d.key)) x.driftSeen.push(d.key);
        },
      };
    });
}

/** Silent baselines: references seen for the first time, and M6 changes before the first evaluation. */
function baseline(s: GapState, m: GapMetrics): void {
  if (s.openShareRef === null) s.openShareRef = m.openShare180dPrevious ?? m.openShare180d;
  for (const c of m.capability) {
    if (!s.capability[c.benchmark]) s.capability[c.benchmark] = { lagMonths: c.lagMonths, delta: c.deltaNow };
  }
  if (s.evaluations === 0) {
    for (const d of driftItems(m)) if (!s.driftSeen.includes(d.key)) s.driftSeen.push(d.key);
  }
}

/**
 * One evaluation of a vendor's gap: the next state and the events to store. `now` (ISO) is the
 * evaluation time, used for hysteresis bookkeeping and the cooldown.
 */
export function evaluate(
  prev: GapState | null,
  metrics: GapMetrics,
  thresholds: GapThresholds,
  now: string,
): { state: GapState; events: GapEvent[] } {
  const state = clone(prev ?? initialGapState());
  const nowMs = toMs(now);
  baseline(state, metrics);
  const candidates = [
    ...driftCandidates(metrics, state),
    ...recencyCandidates(metrics, thresholds, state),
    ...streakCandidates(metrics, thresholds, state),
    ...shareCandidates(metrics, thresholds, state),
    ...capabilityCandidates(metrics, thresholds, state),
  ];
  const events: GapEvent[] = [];
  const pending: GapState['pending'] = {};
  const required = Math.max(1, thresholds.hysteresis);
  for (const c of candidates) {
    const held = state.pending[c.key];
    const count = (held?.count ?? 0) + 1;
    const cooldownKey = `${c.kind}:${c.reason}`;
    const lastAt = state.lastEmitted[cooldownKey];
    const cooling = lastAt !== undefined && nowMs - toMs(lastAt) < thresholds.cooldownHours * 3_600_000;
    if (count >= required && !cooling) {
      c.commit(state);
      state.lastEmitted[cooldownKey] = now;
      events.push({
        kind: c.kind,
        reason: c.reason,
        summary: c.summary,
        data: { ...c.data, vendor: metrics.vendor, asOf: metrics.asOf, heldFor: count },
      });
    } else {
      pending[c.key] = { count, since: held?.since ?? now };
    }
  }
  state.pending = pending; // a condition that did not hold this time starts again from zero
  state.evaluations += 1;
  state.lastAsOf = metrics.asOf;
  return { state, events };
}

/** The gap's status as stored in a snapshot and shown by `gap`, the history and the digest. */
export interface GapStatus {
  widening: boolean;
  reasons: string[];
  /** The open share the M3 rule compares with (see openShareReference); null before any. */
  openShareReference: number | null;
  /** openShare180d against that reference, in points: the figure an open-share alert quotes. */
  openShareChangePoints: number | null;
}

/**
 * Whether the gap is widening, and why: the metrics against the thresholds, the open share
 * against `reference` (the one the widening rules compare with; without one, the previous
 * 180-day window's). Reason codes are those of the events. One function for every reader: the
 * stored snapshot, `gap`, `gap --history` and the digest, so their numbers and words agree
 * with the alerts.
 */
export function wideningStatus(m: GapMetrics, t: GapThresholds, reference?: number | null): GapStatus {
  const ref = reference === undefined ? m.openShare180dPrevious : reference;
  const points = sharePoints(m.openShare180d, ref);
  const reasons: string[] = [];
  if (m.hasOpenLine) {
    const band = recencyBand(m.recencyGapDays, t.recencyBandsDays);
    if (band > 0) reasons.push(`recency-band:${band}`);
    if (m.proprietaryStreak >= t.streak) reasons.push('streak');
    if (points !== null && points <= -t.shareDropPoints) reasons.push('open-share:180d');
    if (m.licenceDrift.open !== null && m.licenceDrift.open < 0) reasons.push('licence-drift:release');
  }
  return { widening: reasons.length > 0, reasons, openShareReference: ref, openShareChangePoints: points };
}

function daysText(n: number | null): string {
  return n === null ? 'an unknown number of days' : `${n} ${Math.abs(n) === 1 ? 'day' : 'days'}`;
}
