// Gap snapshots (one per vendor per evaluation) and the widening rules' state per vendor.
import { prep, type Db } from './db.js';
import { fromJson, toJson } from './json.js';

export interface GapSnapshotRow<M = unknown> {
  vendorId: string;
  at: string;
  metrics: M;
  widening: boolean;
  reasons: string[];
}

export function insertGapSnapshot(db: Db, s: GapSnapshotRow): void {
  prep(db, 'INSERT INTO gap_snapshots (vendor_id, at, metrics_json, widening, reasons_json) VALUES (?, ?, ?, ?, ?)').run(
    s.vendorId,
    s.at,
    toJson(s.metrics),
    s.widening ? 1 : 0,
    toJson(s.reasons),
  );
}

export function gapSnapshots<M = unknown>(db: Db, vendorId: string, q: { since?: string; until?: string } = {}): GapSnapshotRow<M>[] {
  const rows = prep(
    db,
    `SELECT vendor_id, at, metrics_json, widening, reasons_json FROM gap_snapshots
       WHERE vendor_id = ? AND at >= ? AND at <= ? ORDER BY at, id`,
  ).all(vendorId, q.since ?? '', q.until ?? '9999') as {
    vendor_id: string;
    at: string;
    metrics_json: string;
    widening: number;
    reasons_json: string;
  }[];
  return rows.map((r) => ({
    vendorId: r.vendor_id,
    at: r.at,
    metrics: fromJson<M>(r.metrics_json, null as M),
    widening: r.widening === 1,
    reasons: fromJson(r.reasons_json, []),
  }));
}

export function getGapState<S>(db: Db, vendorId: string): S | undefined {
  const r = prep(db, 'SELECT state_json FROM gap_state WHERE vendor_id = ?').get(vendorId) as { state_json: string } | undefined;
  return r ? fromJson<S>(r.state_json, undefined as S) : undefined;
}

export function saveGapState(db: Db, vendorId: string, state: unknown, now: string): void {
  prep(
    db,
    `INSERT INTO gap_state (vendor_id, state_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(vendor_id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at`,
  ).run(vendorId, toJson(state), now);
}
