// M3: the 180-day open share drops by >= shareDropPoints against the reference (widened) or rises
// by as much (narrowed); the first reference is the previous window's share.
import type { GapThresholds } from '../../model.js';
import type { GapMetrics, GapState } from '../types.js';
import { type Candidate, type WideningRule, pct } from './rule.js';

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

export const openShareRule: WideningRule = {
  baseline(s, m) {
    if (s.openShareRef === null) s.openShareRef = m.openShare180dPrevious ?? m.openShare180d;
  },
  candidates: shareCandidates,
};
