// What a widening rule is (docs/domain.md "A vendor's gap widens when ..."): the conditions that
// hold against what the state last acknowledged, and how its baseline is set. The evaluator
// (../widening.ts) adds hysteresis and the cooldown; `wideningStatus` reads the same rules
// against a state that acknowledged nothing, so alerts and status cannot tell different stories.
import type { GapThresholds } from '../../model.js';
import type { GapEvent, GapEventKind, GapMetrics, GapState, ReleaseRef } from '../types.js';

/** One condition that holds now: the event it would emit, and what the state remembers once it does. */
export interface Candidate {
  /** Hysteresis key: one condition family and direction. */
  key: string;
  kind: GapEventKind;
  reason: string;
  summary: string;
  data: GapEvent['data'];
  commit: (s: GapState) => void;
}

export interface WideningRule {
  /** Silent baseline, before any candidate: references seen for the first time. */
  baseline?(s: GapState, m: GapMetrics): void;
  /** The conditions that hold against what `s` acknowledged. Must not change `s`. */
  candidates(m: GapMetrics, t: GapThresholds, s: GapState): Candidate[];
  /**
   * The reasons the gap widens by this rule now, for `wideningStatus`. Default: the reasons of the
   * `gap.widened` candidates against a state that acknowledged nothing (see ../widening.ts).
   */
  status?(m: GapMetrics, t: GapThresholds): string[];
}

export const day = (iso: string) => iso.slice(0, 10);
export const pct = (x: number) => `${Math.round(x * 100)}%`;
export const rel = (r: ReleaseRef | null) => (r ? `${r.name} (${day(r.date)})` : 'none');
export const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);
