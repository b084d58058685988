// The release side of the gap: which models count as releases as of a date, grouped by line and
// day, and the release metrics M1-M3 over them (docs/domain.md "Gap metrics"). Pure.
//
// - A *release* is a model with a known level of 1 or more (an announcement alone, level 0, is not a
//   release). Models of unknown level are left out of every metric and listed in `counts`.
// - Releases of one line on the same UTC day are one release (Llama 3.1 8B/70B/405B is one launch);
//   the group's level is its highest, its name that of its flagship (else its first model).
// - An *open release* is an open-line release with level 3a or more (weights downloadable). An
//   open-line release below 3a (hosted, API) counts in M3's denominator but does not end a streak.
// - A *proprietary release* is any proprietary-line release, whatever its level.
// - M1 compares the latest flagship of each line. `isFlagship` treats every release of a line
//   without flagship patterns as a flagship, which gives DOMAIN's "all releases when no flagship
//   list is configured" per line.
// - Levels are taken as of asOf: a model reclassified after asOf counts with its level before.
import { type Level, type LineKind, isOpenLevel, levelRank } from '../model.js';
import { DAY_MS, dayNumber, daysBetween, round, toMs } from './time.js';
import type { GapMetrics, GapRelease, LevelChange, ReleaseRef } from './types.js';

/** One release group: a line's releases of one UTC day. */
export interface Group {
  line: LineKind;
  day: number;
  ms: number;
  level: Level;
  flagship: boolean;
  ref: ReleaseRef;
}

/** A release dated by asOf, with its level as of asOf. */
export interface KnownRelease {
  r: GapRelease;
  level: Level;
  ms: number;
}

/** Each model's level changes in time order, grouped once (not filtered per release). */
export function historyByModel(history: LevelChange[]): Map<string, LevelChange[]> {
  const byModel = new Map<string, LevelChange[]>();
  for (const h of history) {
    const own = byModel.get(h.modelId);
    if (own) own.push(h);
    else byModel.set(h.modelId, [h]);
  }
  for (const own of byModel.values()) own.sort((a, b) => toMs(a.at) - toMs(b.at));
  return byModel;
}

/** A model's level as of `at`: the history decides where it has entries, else its current level. */
export function levelAt(release: GapRelease, byModel: ReadonlyMap<string, LevelChange[]>, at: number): Level | null {
  const own = byModel.get(release.modelId) ?? [];
  if (own.length === 0) return release.level;
  let level: Level | null = own[0].from;
  for (const h of own) {
    if (toMs(h.at) <= at) level = h.to;
  }
  return level;
}

function maxLevel(a: Level, b: Level): Level {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export function groupReleases(releases: KnownRelease[]): Group[] {
  const byKey = new Map<string, KnownRelease[]>();
  for (const x of releases) {
    const key = `${x.r.vendor ?? ''}|${x.r.line}|${dayNumber(x.ms)}`;
    const list = byKey.get(key) ?? [];
    list.push(x);
    byKey.set(key, list);
  }
  const groups: Group[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.ms - b.ms || a.r.modelId.localeCompare(b.r.modelId));
    const level = list.map((x) => x.level).reduce(maxLevel);
    // The group's face: a flagship of the highest level, else the first model of that level.
    const face = list.find((x) => x.r.flagship && x.level === level) ?? list.find((x) => x.level === level) ?? list[0];
    groups.push({
      line: face.r.line,
      day: dayNumber(list[0].ms),
      ms: list[0].ms,
      level,
      flagship: list.some((x) => x.r.flagship),
      ref: {
        model: face.r.modelId,
        name: face.r.name,
        date: list[0].r.releasedAt,
        level,
        license: face.r.license ?? null,
        models: list.map((x) => x.r.modelId),
        ...(face.r.family !== undefined ? { family: face.r.family } : {}),
      },
    });
  }
  return groups.sort((a, b) => a.ms - b.ms || a.ref.model.localeCompare(b.ref.model));
}

export function isOpenRelease(g: Group): boolean {
  return g.line === 'open' && isOpenLevel(g.level);
}

function last<T>(xs: T[]): T | null {
  return xs.length ? xs[xs.length - 1] : null;
}

function share(groups: Group[], fromMs: number, toMs_: number): number | null {
  const inWindow = groups.filter((g) => g.ms > fromMs && g.ms <= toMs_);
  if (inWindow.length === 0) return null;
  return round(inWindow.filter(isOpenRelease).length / inWindow.length, 4);
}

function change(now: number | null, prev: number | null): number | null {
  return now === null || prev === null ? null : round(now - prev, 4);
}

/** The fields of GapMetrics that M1-M3 fill. */
export type ReleaseMetrics = Pick<
  GapMetrics,
  | 'lastOpenRelease'
  | 'lastProprietaryRelease'
  | 'recencyGapDays'
  | 'recencyBasis'
  | 'daysSinceOpenRelease'
  | 'proprietaryStreak'
  | 'streakReleases'
  | 'openShare180d'
  | 'openShare180dPrevious'
  | 'openShare180dChange'
  | 'openShare365d'
  | 'openShare365dPrevious'
  | 'openShare365dChange'
>;

/** M1-M3 from the release groups (both lines, every known level >= 1) as of `at` (ms). */
export function releaseMetrics(groups: Group[], at: number): ReleaseMetrics {
  const open = groups.filter(isOpenRelease);
  const prop = groups.filter((g) => g.line === 'proprietary');

  // M1
  const lastOpen = last(open);
  const lastProp = last(prop);
  const openFlag = last(open.filter((g) => g.flagship));
  const propFlag = last(prop.filter((g) => g.flagship));

  // M2
  const streak = prop.filter((g) => !lastOpen || g.ms > lastOpen.ms);

  // M3
  const w = (days: number) => days * DAY_MS;
  const s180 = share(groups, at - w(180), at);
  const s180p = share(groups, at - w(360), at - w(180));
  const s365 = share(groups, at - w(365), at);
  const s365p = share(groups, at - w(730), at - w(365));

  return {
    lastOpenRelease: lastOpen?.ref ?? null,
    lastProprietaryRelease: lastProp?.ref ?? null,
    recencyGapDays: openFlag && propFlag ? propFlag.day - openFlag.day : null,
    recencyBasis: { open: openFlag?.ref ?? null, proprietary: propFlag?.ref ?? null },
    daysSinceOpenRelease: lastOpen ? daysBetween(lastOpen.ms, at) : null,
    proprietaryStreak: streak.length,
    streakReleases: streak.map((g) => g.ref),
    openShare180d: s180,
    openShare180dPrevious: s180p,
    openShare180dChange: change(s180, s180p),
    openShare365d: s365,
    openShare365dPrevious: s365p,
    openShare365dChange: change(s365, s365p),
  };
}
