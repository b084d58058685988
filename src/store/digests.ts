// Weekly digests: one row per week, so a week is sent once (idempotent), and the reads the
// digest needs that no other store file offers (gap snapshots at a point in time).
import { prep, type Db } from './db.js';
import { fromJson, toJson } from './json.js';

export interface DigestRow {
  id: number;
  week: string;
  createdAt: string;
  sentAt: string | null;
  /** Channels the digest was delivered to. */
  channels: string[];
  summary: Record<string, unknown>;
}

interface RawDigest {
  id: number;
  week: string;
  created_at: string;
  sent_at: string | null;
  channels_json: string;
  summary_json: string;
}

const toRow = (r: RawDigest): DigestRow => ({
  id: r.id,
  week: r.week,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  channels: fromJson(r.channels_json, []),
  summary: fromJson(r.summary_json, {}),
});

export function getDigest(db: Db, week: string): DigestRow | undefined {
  const r = prep(db, 'SELECT * FROM digests WHERE week = ?').get(week) as RawDigest | undefined;
  return r && toRow(r);
}

/** Creates the week's row if it does not exist yet; returns it either way. */
export function ensureDigest(db: Db, week: string, summary: Record<string, unknown>, now: string): DigestRow {
  prep(db, 'INSERT INTO digests (week, created_at, summary_json) VALUES (?, ?, ?) ON CONFLICT(week) DO NOTHING').run(
    week,
    now,
    toJson(summary),
  );
  return getDigest(db, week)!;
}

/** Records one channel's delivery (in one transaction with reading the list). */
export function addDigestChannel(db: Db, week: string, channel: string): void {
  db.transaction(() => {
    const row = getDigest(db, week);
    if (!row || row.channels.includes(channel)) return;
    prep(db, 'UPDATE digests SET channels_json = ? WHERE week = ?').run(toJson([...row.channels, channel]), week);
  }).immediate();
}

/**
 * Claims the week's digest for one sender until `until` (migration 0006): false when it is sent
 * already or another sender's claim has not expired. Two senders at once (the service's
 * schedule, `digest --send`) then never both send it.
 */
export function claimDigest(db: Db, week: string, claimant: string, now: string, until: string): boolean {
  return (
    prep(
      db,
      `UPDATE digests SET claimed_by = ?, claimed_until = ?
       WHERE week = ? AND sent_at IS NULL
         AND (claimed_by IS NULL OR claimed_by = ? OR claimed_until IS NULL OR julianday(claimed_until) <= julianday(?))`,
    ).run(claimant, until, week, claimant, now).changes === 1
  );
}

export function releaseDigestClaim(db: Db, week: string, claimant: string): void {
  prep(db, 'UPDATE digests SET claimed_by = NULL, claimed_until = NULL WHERE week = ? AND claimed_by = ?').run(week, claimant);
}

export function markDigestSent(db: Db, week: string, now: string): void {
  prep(db, 'UPDATE digests SET sent_at = COALESCE(sent_at, ?) WHERE week = ?').run(now, week);
}

export function listDigests(db: Db, limit = 52): DigestRow[] {
  return (prep(db, 'SELECT * FROM digests ORDER BY week DESC LIMIT ?').all(Math.floor(limit)) as RawDigest[]).map(toRow);
}

// ---------------------------------------------------------------------------
// Gap snapshots, as the digest reads them (written by the gap engine).

export interface GapSnapshotAt {
  vendorId: string;
  at: string;
  /** The gap engine's metrics, unparsed beyond JSON: read defensively. */
  metrics: Record<string, unknown>;
  widening: boolean;
  reasons: unknown[];
}

interface RawSnapshot {
  vendor_id: string;
  at: string;
  metrics_json: string;
  widening: number;
  reasons_json: string;
}

function safeJson<T>(text: string, fallback: T): T {
  try {
    return fromJson(text, fallback);
  } catch {
    return fallback;
  }
}

/** Vendors that have at least one snapshot at or before `until`. */
export function gapSnapshotVendors(db: Db, until: string): string[] {
  return (
    prep(db, 'SELECT DISTINCT vendor_id FROM gap_snapshots WHERE julianday(at) <= julianday(?) ORDER BY vendor_id').all(until) as {
      vendor_id: string;
    }[]
  ).map((r) => r.vendor_id);
}

/** The vendor's latest snapshot at or before `atOrBefore`. */
export function gapSnapshotAt(db: Db, vendorId: string, atOrBefore: string): GapSnapshotAt | undefined {
  const r = prep(
    db,
    'SELECT vendor_id, at, metrics_json, widening, reasons_json FROM gap_snapshots WHERE vendor_id = ? AND julianday(at) <= julianday(?) ORDER BY julianday(at) DESC, id DESC LIMIT 1',
  ).get(vendorId, atOrBefore) as RawSnapshot | undefined;
  if (!r) return undefined;
  const metrics = safeJson<unknown>(r.metrics_json, {});
  const reasons = safeJson<unknown>(r.reasons_json, []);
  return {
    vendorId: r.vendor_id,
    at: r.at,
    metrics: metrics && typeof metrics === 'object' && !Array.isArray(metrics) ? (metrics as Record<string, unknown>) : {},
    widening: r.widening === 1,
    reasons: Array.isArray(reasons) ? reasons : [],
  };
}
