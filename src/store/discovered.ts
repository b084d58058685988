// Sources found by following links in posts (jobs/discover.ts): stored so that they are polled
// from then on, and shown in `sources` with where they were found.
import type { SourceConfig, SourceKind } from '../model.js';
import { prep, type Db } from './db.js';

export interface DiscoveredSource {
  sourceId: string;
  vendorId: string;
  kind: SourceKind;
  target: string;
  discoveredAt: string;
  discoveredFrom: string | null;
}

interface Raw {
  source_id: string;
  vendor_id: string;
  kind: SourceKind;
  target: string;
  discovered_at: string;
  discovered_from: string | null;
}

const fromRow = (r: Raw): DiscoveredSource => ({
  sourceId: r.source_id,
  vendorId: r.vendor_id,
  kind: r.kind,
  target: r.target,
  discoveredAt: r.discovered_at,
  discoveredFrom: r.discovered_from,
});

export function listDiscovered(db: Db, vendorIds?: ReadonlySet<string>): DiscoveredSource[] {
  const rows = (prep(db, 'SELECT * FROM discovered_sources ORDER BY discovered_at, source_id').all() as Raw[]).map(fromRow);
  return vendorIds ? rows.filter((r) => vendorIds.has(r.vendorId)) : rows;
}

/**
 * Records a discovered source and its `sources` row. `live`: found through a post that was news
 * (not a first poll's baseline), so the source's own first poll reports what it finds rather than
 * recording it silently. Returns false when the source was already known.
 */
export function addDiscovered(db: Db, d: DiscoveredSource, live: boolean): boolean {
  const res = prep(
    db,
    'INSERT INTO discovered_sources (source_id, vendor_id, kind, target, discovered_at, discovered_from) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  ).run(d.sourceId, d.vendorId, d.kind, d.target, d.discoveredAt, d.discoveredFrom);
  if (res.changes === 0) return false;
  prep(db, 'INSERT INTO sources (id, vendor_id, kind, target, baseline_done) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING').run(
    d.sourceId,
    d.vendorId,
    d.kind,
    d.target,
    live ? 1 : 0,
  );
  return true;
}

/** The source configuration a discovered source is polled with (the kind's defaults). */
export function discoveredConfig(d: DiscoveredSource, intervalSec: number): SourceConfig {
  return {
    id: d.sourceId,
    vendorId: d.vendorId,
    kind: d.kind,
    target: d.target,
    intervalSec,
    ...(d.kind === 'github' ? { skipPrereleases: false } : {}),
  };
}
