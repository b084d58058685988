// An event: append-only, with a unique dedup key, its evidence and its kind's payload.
import type { Evidence, Severity } from '../model.js';
import type { EventKind } from './catalogue.js';
import type { EventData } from './payloads.js';

/** An event of one kind `K`, before it is stored. */
export interface EventOf<K extends EventKind> {
  kind: K;
  /** Unique: the same change seen twice yields the same key, so it is stored once. */
  dedupKey: string;
  vendorId: string | null;
  modelId: string | null;
  sourceId: string | null;
  /** When the change happened (publication date), else when it was seen. ISO 8601. */
  occurredAt: string;
  seenAt: string;
  /** One sentence a reader understands. */
  summary: string;
  severity: Severity;
  /** The kind's payload (payloads.ts). */
  data: EventData[K];
  evidence: Evidence[];
  /** Recorded during a source's first poll: stored, never alerted. */
  baseline: boolean;
}

/** An event of one of the kinds `K` (every kind by default): a union discriminated by `kind`. */
export type NewEvent<K extends EventKind = EventKind> = { [P in K]: EventOf<P> }[K];

/** A stored event: its row id added. */
export type StoredEvent<K extends EventKind = EventKind> = { [P in K]: EventOf<P> & { id: number } }[K];
