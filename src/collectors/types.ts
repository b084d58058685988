// One interface for every source kind (habit 3). A collector fetches through the HTTP edge,
// parses with a schema at the edge, and returns normalised observations — never raw API objects.
import type { HttpClient, Validators } from '../http/index.js';
import type { KnownItem, Observation, SourceConfig, SourceKind, VendorConfig } from '../model.js';

export interface CollectorContext {
  source: SourceConfig;
  vendor: VendorConfig;
  http: HttpClient;
  /** The injected clock. */
  now: () => Date;
  /** Stored validators per URL, sent back byte for byte. */
  validators: ReadonlyMap<string, Validators>;
  /** What the source observed before (by item key): for high-water marks and reconciliation. */
  known: ReadonlyMap<string, KnownItem>;
  /** The collector's own cursor from its last successful poll. */
  cursor: Record<string, unknown>;
  endpoints: { huggingface: string; github: string };
  /** Longest rate-limit wait the caller accepts before giving the source back to the scheduler. */
  maxWaitMs?: number;
  signal?: AbortSignal;
}

export interface CollectResult {
  /** Observations of things seen or re-checked now. Things not listed are left as they were. */
  observations: Observation[];
  /** Validators to store (per URL). */
  validators: { url: string; validators: Validators }[];
  cursor: Record<string, unknown>;
  /** HTTP requests made (attempts included), for `modelwatch poll` and the benchmarks. */
  requests: number;
  /** Requests answered 304. */
  notModified: number;
}

export interface Collector {
  kind: SourceKind;
  poll(ctx: CollectorContext): Promise<CollectResult>;
}
