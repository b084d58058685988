// The latest known state of each observed thing, per source: what the pure diff compares against.
import type { Observation } from '../model.js';
import { prep, type Db } from './db.js';
import { fromJson, toJson } from './json.js';

export interface ItemRow {
  key: string;
  type: Observation['type'];
  state: Observation;
  modelId: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  goneAt: string | null;
}

export interface ItemUpsert {
  key: string;
  type: Observation['type'];
  state: Observation;
  modelId: string | null;
  /** The thing vanished (withdrawn, renamed): kept, marked gone. */
  gone?: boolean;
}

export function loadItems(db: Db, sourceId: string): Map<string, ItemRow> {
  const rows = prep(db, 'SELECT key, type, state_json, model_id, first_seen_at, last_seen_at, gone_at FROM items WHERE source_id = ?').all(
    sourceId,
  ) as {
    key: string;
    type: Observation['type'];
    state_json: string;
    model_id: string | null;
    first_seen_at: string;
    last_seen_at: string;
    gone_at: string | null;
  }[];
  return new Map(
    rows.map((r) => [
      r.key,
      {
        key: r.key,
        type: r.type,
        state: fromJson<Observation>(r.state_json, null as never),
        modelId: r.model_id,
        firstSeenAt: r.first_seen_at,
        lastSeenAt: r.last_seen_at,
        goneAt: r.gone_at,
      },
    ]),
  );
}

export function upsertItems(db: Db, sourceId: string, items: ItemUpsert[], now: string): void {
  const stmt = prep(
    db,
    `INSERT INTO items (source_id, key, type, state_json, model_id, first_seen_at, last_seen_at, gone_at)
     VALUES (@sourceId, @key, @type, @state, @modelId, @now, @now, @goneAt)
     ON CONFLICT(source_id, key) DO UPDATE SET type = excluded.type, state_json = excluded.state_json,
       model_id = COALESCE(excluded.model_id, items.model_id), last_seen_at = excluded.last_seen_at, gone_at = excluded.gone_at`,
  );
  for (const it of items) {
    stmt.run({ sourceId, key: it.key, type: it.type, state: toJson(it.state), modelId: it.modelId, now, goneAt: it.gone ? now : null });
  }
}

/** The latest model observation of a model across sources (for classification). */
export function latestModelState(db: Db, modelId: string): ItemRow | undefined {
  const r = prep(
    db,
    `SELECT key, type, state_json, model_id, first_seen_at, last_seen_at, gone_at FROM items
       WHERE model_id = ? AND type IN ('model') ORDER BY last_seen_at DESC LIMIT 1`,
  ).get(modelId) as
    | {
        key: string;
        type: Observation['type'];
        state_json: string;
        model_id: string | null;
        first_seen_at: string;
        last_seen_at: string;
        gone_at: string | null;
      }
    | undefined;
  return (
    r && {
      key: r.key,
      type: r.type,
      state: fromJson<Observation>(r.state_json, null as never),
      modelId: r.model_id,
      firstSeenAt: r.first_seen_at,
      lastSeenAt: r.last_seen_at,
      goneAt: r.gone_at,
    }
  );
}
