// M4: a benchmark's lag grows (shrinks) by more than capabilityLagMonths against its reference;
// M5: a benchmark's delta at asOf (deltaNow) grows (shrinks) by more than capabilityDeltaPoints.
// M4 is Epoch's horizontal distance, which does not grow with the calendar; the open frontier's
// age is never a reason. Baseline (silent): the references of a benchmark seen for the first time.
// No status reading: without a reference there is no move to read.
import type { GapThresholds } from '../../model.js';
import type { GapMetrics, GapState } from '../types.js';
import type { Candidate, WideningRule } from './rule.js';

function capabilityCandidates(m: GapMetrics, t: GapThresholds, s: GapState): Candidate[] {
  const out: Candidate[] = [];
  const v = m.vendorName;
  for (const c of m.capability) {
    const ref = s.capability[c.benchmark];
    if (!ref) continue; // baseline, set silently by evaluate()
    const lagMove = Math.round((c.lagMonths - ref.lagMonths) * 10) / 10;
    const lagData = {
      metric: 'M4',
      benchmark: c.benchmark,
      lagMonths: c.lagMonths,
      reference: ref.lagMonths,
      openBest: c.openBest,
      proprietaryBest: c.proprietaryBest,
      catchUpDate: c.catchUpDate,
      window: c.window,
    };
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
    const deltaData = {
      metric: 'M5',
      benchmark: c.benchmark,
      delta: c.deltaNow,
      reference: ref.delta,
      openBest: c.openBest,
      proprietaryBest: c.proprietaryBest,
    };
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

export const capabilityRule: WideningRule = {
  baseline(s, m) {
    for (const c of m.capability) {
      if (!s.capability[c.benchmark]) s.capability[c.benchmark] = { lagMonths: c.lagMonths, delta: c.deltaNow };
    }
  },
  candidates: capabilityCandidates,
  status: () => [],
};
