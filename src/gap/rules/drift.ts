// M6: a level change between consecutive open-line releases, or of an open-line repo:
// < 0 widened, > 0 narrowed (Gemma 3 → Gemma 4: 3b → 4). Each change is reported once (the state
// remembers its key); changes that predate the first evaluation are the silent baseline.
import type { GapThresholds } from '../../model.js';
import type { GapEvent, GapEventKind, GapMetrics, GapState } from '../types.js';
import { type Candidate, type WideningRule, day, signed } from './rule.js';

/** A level change that made the open line less open: the gap widened. */
const lostOpenness = (delta: number) => delta < 0;

/** M6 changes on the open line, each with the key under which the state remembers it. */
function driftItems(
  m: GapMetrics,
): { key: string; delta: number; summary: (v: string) => string; data: GapEvent['data']; reason: string }[] {
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
        lostOpenness(d.delta)
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
        lostOpenness(r.delta)
          ? `${v}'s open model ${r.model} went from level ${r.from} to ${r.to} on ${day(r.at)} (${r.delta}): the terms of a model teams may already run got stricter.`
          : `${v}'s open model ${r.model} went from level ${r.from} to ${r.to} on ${day(r.at)} (${signed(r.delta)}): its terms got more open.`,
    });
  }
  return items;
}

function driftCandidates(m: GapMetrics, _t: GapThresholds, s: GapState): Candidate[] {
  const seen = new Set(s.driftSeen);
  return driftItems(m)
    .filter((d) => !seen.has(d.key) && d.delta !== 0)
    .map((d) => {
      const kind: GapEventKind = lostOpenness(d.delta) ? 'gap.widened' : 'gap.narrowed';
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

export const driftRule: WideningRule = {
  baseline(s, m) {
    if (s.evaluations === 0) {
      for (const d of driftItems(m)) if (!s.driftSeen.includes(d.key)) s.driftSeen.push(d.key);
    }
  },
  candidates: driftCandidates,
  // Every change is reported once as it happens; what the status reads is the latest one: the
  // newest open-line release is less open than the one before.
  status: (m) => (m.hasOpenLine && m.licenceDrift.open !== null && lostOpenness(m.licenceDrift.open) ? ['licence-drift:release'] : []),
};
