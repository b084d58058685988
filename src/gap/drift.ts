// The licence drift of the gap, M6 (docs/domain.md): level changes between consecutive releases of
// a line, and reclassifications of a model's repository (from the `model.reclassified` history).
// Pure.
import { type Level, type LineKind, levelRank } from '../model.js';
import type { Group } from './releases.js';
import { toMs } from './time.js';
import type { GapMetrics, LevelChange, ReleaseDrift, RepoDrift } from './types.js';

function releaseDrifts(groups: Group[], line: LineKind): ReleaseDrift[] {
  const own = groups.filter((g) => g.line === line);
  const out: ReleaseDrift[] = [];
  for (let i = 1; i < own.length; i++) {
    const a = own[i - 1];
    const b = own[i];
    const delta = levelRank(b.level) - levelRank(a.level);
    if (delta === 0) continue;
    const side = (g: Group) => ({ model: g.ref.model, name: g.ref.name, level: g.level, date: g.ref.date, license: g.ref.license });
    out.push({ line, from: side(a), to: side(b), delta });
  }
  return out;
}

function latestDrift(groups: Group[], line: LineKind): number | null {
  const own = groups.filter((g) => g.line === line);
  if (own.length < 2) return null;
  return levelRank(own[own.length - 1].level) - levelRank(own[own.length - 2].level);
}

function repoDrifts(history: LevelChange[]): RepoDrift[] {
  return history
    .filter((h): h is LevelChange & { from: Level; to: Level } => h.from !== null && h.to !== null && h.from !== h.to)
    .map((h) => ({
      model: h.modelId,
      line: h.line,
      at: h.at,
      from: h.from,
      to: h.to,
      delta: levelRank(h.to) - levelRank(h.from),
      sourceUrl: h.sourceUrl ?? null,
    }))
    .sort((a, b) => toMs(a.at) - toMs(b.at));
}

/** M6 from the release groups and the level changes dated by asOf. */
export function licenceDrift(groups: Group[], history: LevelChange[]): GapMetrics['licenceDrift'] {
  return {
    open: latestDrift(groups, 'open'),
    proprietary: latestDrift(groups, 'proprietary'),
    releases: [...releaseDrifts(groups, 'open'), ...releaseDrifts(groups, 'proprietary')],
    repos: repoDrifts(history),
  };
}
