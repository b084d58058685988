// The pure diff: observations + what the store knew → item states, model rows, observation rows
// and events. No I/O, no clock (seenAt arrives in the context).
import type { KnownItem, Observation, ScoreInput, SourceConfig, VendorConfig } from '../model.js';
import type { NewEvent } from '../events/index.js';
import type { ItemUpsert } from '../store/items.js';
import type { ModelUpsert, ObservationRow } from '../store/models.js';

export interface DiffContext {
  source: SourceConfig;
  vendor: VendorConfig;
  seenAt: string;
  /** First successful poll of this source: events are stored marked baseline, never alerted. */
  baseline: boolean;
  known: ReadonlyMap<string, KnownItem>;
}

export interface DiffOutput {
  items: ItemUpsert[];
  models: ModelUpsert[];
  observations: ObservationRow[];
  licenseTexts: { hash: string; text: string }[];
  /** Capability scores published with an observation (a card's model-index). */
  scores: (ScoreInput & { modelId: string })[];
  events: NewEvent[];
}

/** Diffs one observation of type O against its previous state and appends to `out`. */
export type TypeDiff<O extends Observation> = (obs: O, prev: KnownItem | undefined, ctx: DiffContext, out: DiffOutput) => void;

export function emptyDiff(): DiffOutput {
  return { items: [], models: [], observations: [], licenseTexts: [], scores: [], events: [] };
}
