// Small pure helpers shared by the diffs: short hashes, dedup keys, evidence, events.
import type { Evidence, Severity } from '../model.js';
import type { EventData, EventKind, EventOf } from '../events/index.js';
import type { DiffContext } from './types.js';

/** The first 12 hex digits of a hash: short enough for a dedup key or a summary. */
export function short(hash: string | null | undefined): string {
  return hash ? hash.slice(0, 12) : 'none';
}

/** `kind:part:part…` — parts are stringified, null/undefined become `none`. The same change
 *  seen twice must build the same key, so only observed values go in, never a clock. */
export function dedupKey(kind: EventKind, ...parts: (string | number | boolean | null | undefined)[]): string {
  return [kind, ...parts.map((p) => (p === null || p === undefined || p === '' ? 'none' : String(p)))].join(':');
}

export function evidence(signal: string, value: Evidence['value'], sourceUrl: string | null, seenAt: string): Evidence {
  return { signal, value, sourceUrl, seenAt };
}

export interface EventInput<K extends EventKind> {
  kind: K;
  dedupKey: string;
  modelId: string | null;
  summary: string;
  /** Publication/modification date when known; seenAt otherwise. */
  occurredAt?: string | null;
  severity?: Severity;
  data: EventData[K];
  evidence: Evidence[];
}

/** A NewEvent with the context's vendor, source, seenAt and baseline flag filled in. */
export function makeEvent<K extends EventKind>(ctx: DiffContext, e: EventInput<K>): EventOf<K> {
  return {
    kind: e.kind,
    dedupKey: e.dedupKey,
    vendorId: ctx.vendor.id,
    modelId: e.modelId,
    sourceId: ctx.source.id,
    occurredAt: e.occurredAt || ctx.seenAt,
    seenAt: ctx.seenAt,
    summary: e.summary,
    severity: e.severity ?? 'info',
    data: e.data,
    evidence: e.evidence,
    baseline: ctx.baseline,
  };
}
