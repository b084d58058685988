// Forward-only reclassification (docs/domain.md rule 2): comparing the stored classification with a
// new one yields at most one change, which the caller stores as a new dated `model.reclassified`
// event. Nothing here edits or replaces history; the metrics read the events in order.
import { type Classification, type Level, levelRank } from '../model.js';

export interface Reclassification {
  from: Level | null;
  to: Level | null;
  /** Levels gained (+) or lost (-); null when either side is unknown. */
  delta: number | null;
}

/**
 * The level change from `prev` to `next`, or null when the level is the same.
 * `prev === null` (never classified before) is not a reclassification: the first level is
 * reported with the model's `model.new` event. Unknown → known and known → unknown are changes.
 */
export function reclassification(prev: Classification | null, next: Classification): Reclassification | null {
  if (prev === null) return null;
  if (prev.level === next.level) return null;
  const delta = prev.level !== null && next.level !== null ? levelRank(next.level) - levelRank(prev.level) : null;
  return { from: prev.level, to: next.level, delta };
}
