// M1: the recency gap crosses a band upward (widened) or falls back below one (narrowed).
import type { GapThresholds } from '../../model.js';
import type { GapMetrics, GapState } from '../types.js';
import { type Candidate, type WideningRule, rel } from './rule.js';

/** The band a recency gap is in: the largest band it has reached, 0 below every band. */
export function recencyBand(days: number | null, bands: number[]): number {
  if (days === null) return 0;
  return (
    [...bands]
      .sort((a, b) => a - b)
      .filter((b) => days >= b)
      .pop() ?? 0
  );
}

function daysText(n: number | null): string {
  return n === null ? 'an unknown number of days' : `${n} ${Math.abs(n) === 1 ? 'day' : 'days'}`;
}

function recencyCandidates(m: GapMetrics, t: GapThresholds, s: GapState): Candidate[] {
  if (!m.hasOpenLine || m.recencyGapDays === null) return [];
  const band = recencyBand(m.recencyGapDays, t.recencyBandsDays);
  const data = {
    metric: 'M1',
    recencyGapDays: m.recencyGapDays,
    band,
    previousBand: s.recencyBand,
    open: m.recencyBasis.open,
    proprietary: m.recencyBasis.proprietary,
  };
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

export const recencyRule: WideningRule = { candidates: recencyCandidates };
