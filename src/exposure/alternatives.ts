// Alternatives to a model a workflow depends on: OSI-open models (level 4 or 5) released in the
// last 12 months, of the same parameter class, newest first, at most three. Pure.
import type { Level, LineKind } from '../model.js';

/** What the exposure audit needs to know about a model (a projection of the models table). */
export interface ExposureModel {
  id: string;
  name: string;
  vendor: string | null;
  line: LineKind | null;
  level: Level | null;
  license: string | null;
  /** Parameter count (not billions); null when unknown. */
  parameters: number | null;
  releasedAt: string | null;
  url: string | null;
  withdrawnAt: string | null;
}

/** Parameter classes, by upper bound (exclusive) in parameters. */
export const SIZE_CLASSES = [
  { name: '<4B', below: 4e9 },
  { name: '4-15B', below: 15e9 },
  { name: '15-40B', below: 40e9 },
  { name: '40-100B', below: 100e9 },
  { name: '>100B', below: Infinity },
] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number]['name'];

export function sizeClass(parameters: number | null | undefined): SizeClass | null {
  if (parameters == null || !Number.isFinite(parameters) || parameters <= 0) return null;
  return SIZE_CLASSES.find((c) => parameters < c.below)!.name;
}

export const ALTERNATIVE_LEVELS: readonly Level[] = ['4', '5'];
export const ALTERNATIVES_WINDOW_MONTHS = 12;
export const MAX_ALTERNATIVES = 3;

/** The start of the window: `now` minus 12 calendar months. */
export function windowStart(now: Date): Date {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - ALTERNATIVES_WINDOW_MONTHS);
  return d;
}

/**
 * Up to three alternatives to `target` among `candidates`: level 4 or 5, released within the 12
 * months up to `now`, not withdrawn, not the target itself, and in the target's size class —
 * any size when the target's is unknown; a candidate of unknown size never matches a known one.
 * Ranked by recency (newest first), then the higher level, then id.
 */
export function rankAlternatives(
  target: Pick<ExposureModel, 'id' | 'parameters'> | null,
  candidates: readonly ExposureModel[],
  now: Date,
): ExposureModel[] {
  const from = windowStart(now).getTime();
  const to = now.getTime();
  const cls = sizeClass(target?.parameters);
  return candidates
    .filter((c) => {
      if (!c.level || !ALTERNATIVE_LEVELS.includes(c.level) || c.withdrawnAt) return false;
      if (target && c.id.toLowerCase() === target.id.toLowerCase()) return false;
      const t = c.releasedAt ? Date.parse(c.releasedAt) : NaN;
      if (!(t >= from && t <= to)) return false;
      return cls === null || sizeClass(c.parameters) === cls;
    })
    .sort(
      (a, b) =>
        Date.parse(b.releasedAt!) - Date.parse(a.releasedAt!) ||
        ALTERNATIVE_LEVELS.indexOf(b.level!) - ALTERNATIVE_LEVELS.indexOf(a.level!) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, MAX_ALTERNATIVES);
}
