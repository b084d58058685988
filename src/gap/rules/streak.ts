// M2: the proprietary streak reaches the threshold (widened) or an open release ends it (narrowed).
import type { GapThresholds } from '../../model.js';
import type { GapMetrics, GapState } from '../types.js';
import { type Candidate, type WideningRule, rel } from './rule.js';

function streakCandidates(m: GapMetrics, t: GapThresholds, s: GapState): Candidate[] {
  if (!m.hasOpenLine) return [];
  const v = m.vendorName;
  const data = {
    metric: 'M2',
    proprietaryStreak: m.proprietaryStreak,
    threshold: t.streak,
    releases: m.streakReleases,
    lastOpenRelease: m.lastOpenRelease,
  };
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

export const streakRule: WideningRule = { candidates: streakCandidates };
