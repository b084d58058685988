// Widening rules (docs/domain.md "A vendor's gap widens when ..."). Pure: the previous state, the
// current metrics, the thresholds and `now` in; the next state and the events out.
//
// Every rule compares the metrics with what the state last acknowledged, so a condition holds
// until it is reported and then stops holding (edge detection, no repeats while nothing moves).
// One file per rule in rules/: recency (M1), streak (M2), open-share (M3), capability (M4/M5),
// drift (M6). This file is the evaluator they share:
// Hysteresis: a condition must hold for `hysteresis` consecutive evaluations before it emits; this
// applies to narrowing too, so that a flapping metric is quiet both ways. Cooldown: one event per
// vendor, kind and reason per `cooldownHours`; a held condition stays pending and is emitted once
// the cooldown is over if it still holds. Baselines (silent): M4/M5 references of a benchmark seen
// for the first time, and M6 changes that predate the first evaluation.
// And the status: the same rules read against a state that acknowledged nothing.
import type { GapThresholds } from '../model.js';
import { capabilityRule } from './rules/capability.js';
import { driftRule } from './rules/drift.js';
import { openShareRule, sharePoints } from './rules/open-share.js';
import { recencyRule } from './rules/recency.js';
import type { WideningRule } from './rules/rule.js';
import { streakRule } from './rules/streak.js';
import { toMs } from './time.js';
import type { GapEvent, GapMetrics, GapState } from './types.js';

/** The defaults live with every other default, in config/defaults.ts. */
export { DEFAULT_THRESHOLDS } from '../config/defaults.js';
export { openShareReference } from './rules/open-share.js';
export { recencyBand } from './rules/recency.js';

/** The rules in the order of their metrics, M1 to M6: the order of a status's reasons. */
const RULES: readonly WideningRule[] = [recencyRule, streakRule, openShareRule, capabilityRule, driftRule];
/** The order in which one evaluation emits: M6 changes first, then M1 to M5. */
const EMISSION_ORDER: readonly WideningRule[] = [driftRule, recencyRule, streakRule, openShareRule, capabilityRule];

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

function clone(s: GapState): GapState {
  return JSON.parse(JSON.stringify(s)) as GapState;
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
  for (const rule of RULES) rule.baseline?.(state, metrics);
  const candidates = EMISSION_ORDER.flatMap((rule) => rule.candidates(metrics, thresholds, state));
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
 * Whether the gap is widening, and why: every rule's `gap.widened` conditions against a state
 * that acknowledged nothing (no band, no streak, no drift) but the open-share `reference` (the
 * one the widening rules compare with; without one, the previous 180-day window's), unless the
 * rule reads its status itself. Reason codes are those of the events. One function for every
 * reader: the stored snapshot, `gap`, `gap --history` and the digest, so their numbers and words
 * agree with the alerts.
 */
export function wideningStatus(m: GapMetrics, t: GapThresholds, reference?: number | null): GapStatus {
  const ref = reference === undefined ? m.openShare180dPrevious : reference;
  const unacknowledged: GapState = { ...initialGapState(), openShareRef: ref };
  const reasons = RULES.flatMap((rule) =>
    rule.status
      ? rule.status(m, t)
      : rule
          .candidates(m, t, unacknowledged)
          .filter((c) => c.kind === 'gap.widened')
          .map((c) => c.reason),
  );
  return { widening: reasons.length > 0, reasons, openShareReference: ref, openShareChangePoints: sharePoints(m.openShare180d, ref) };
}
