// One poll cycle as the poll job runs it, for collector tests: the state comes from a real
// SQLite store (real migrations), the collector polls the replay world through the real HTTP
// edge, the real pure diff turns observations into events, and recordPoll stores it all in one
// transaction. Nothing is mocked; only the clock is injected.
import type { Collector, CollectResult } from '../../src/collectors/types.js';
import type { KnownItem } from '../../src/model.js';
import { diffObservations, type DiffOutput } from '../../src/diff/index.js';
import type { HttpClient } from '../../src/http/types.js';
import type { SourceConfig, VendorConfig } from '../../src/model.js';
import type { StoredEvent } from '../../src/events/index.js';
import { openDb, type Db } from '../../src/store/db.js';
import { loadItems } from '../../src/store/items.js';
import { recordPoll } from '../../src/store/poll.js';
import { getSource, getValidators, syncSources } from '../../src/store/sources.js';

export interface PollOutcome {
  result: CollectResult;
  diff: DiffOutput;
  /** Events stored now (dedup keys not seen before). */
  stored: StoredEvent[];
  baseline: boolean;
  /** Index into world.requests where this poll started, if a counter was given. */
}

export interface Harness {
  db: Db;
  now: () => Date;
  setNow(iso: string): void;
  /** Runs one poll of `source` and records it; throws what the collector throws. */
  poll(collector: Collector, vendor: VendorConfig, source: SourceConfig): Promise<PollOutcome>;
  /** What the store knows about `source`, as the collector's context sees it. */
  known(sourceId: string): Map<string, KnownItem>;
  close(): void;
}

export function createHarness(opts: { http: HttpClient; endpoints: { huggingface: string; github: string }; now?: string }): Harness {
  const db = openDb(':memory:');
  let nowMs = Date.parse(opts.now ?? '2026-05-01T12:00:00.000Z');
  const now = () => new Date(nowMs);
  const known = (sourceId: string) => {
    const items = loadItems(db, sourceId);
    return new Map([...items].map(([k, r]) => [k, { type: r.type, state: r.state, goneAt: r.goneAt }]));
  };
  return {
    db,
    now,
    setNow(iso) {
      nowMs = Date.parse(iso);
    },
    known,
    async poll(collector, vendor, source) {
      syncSources(db, [source]);
      const row = getSource(db, source.id);
      if (!row) throw new Error(`harness: source ${source.id} not stored`);
      const startedAt = now().toISOString();
      const knownItems = known(source.id);
      const result = await collector.poll({
        source,
        vendor,
        http: opts.http,
        now,
        validators: getValidators(db, source.id),
        known: knownItems,
        cursor: row.cursor,
        endpoints: opts.endpoints,
      });
      const baseline = !row.baselineDone;
      const seenAt = now().toISOString();
      const diff = diffObservations(result.observations, { source, vendor, seenAt, baseline, known: knownItems });
      const stored = recordPoll(
        db,
        {
          sourceId: source.id,
          startedAt,
          now: seenAt,
          nextCheckAt: new Date(nowMs + source.intervalSec * 1000).toISOString(),
          requests: result.requests,
          cursor: result.cursor,
          validators: result.validators,
          ...diff,
        },
        () => [],
      );
      return { result, diff, stored, baseline };
    },
    close() {
      db.close();
    },
  };
}
