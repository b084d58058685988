// What /healthz and /metrics read from the database, in one place. The two GROUP BY queries
// would sit best in store/ next to the other SQL; they are read-only and tiny.
import type { Db } from '../store/db.js';
import { listSources, type SourceRow } from '../store/sources.js';

export interface ServiceStats {
  sources: SourceRow[];
  eventsByKind: { kind: string; count: number }[];
  alertsByStatus: { status: string; count: number }[];
}

/** Throws what the database throws (closed, locked): the caller turns that into a 503. */
export function readStats(db: Db, sourceIds?: readonly string[]): ServiceStats {
  const keep = sourceIds && new Set(sourceIds);
  return {
    sources: listSources(db).filter((s) => !keep || keep.has(s.id)),
    eventsByKind: db.prepare('SELECT kind, COUNT(*) AS count FROM events GROUP BY kind ORDER BY kind').all() as ServiceStats['eventsByKind'],
    alertsByStatus: db
      .prepare('SELECT status, COUNT(*) AS count FROM alerts GROUP BY status ORDER BY status')
      .all() as ServiceStats['alertsByStatus'],
  };
}

/** The database answers a trivial query (`SELECT 1`); returns the reason when it does not. */
export function pingDb(db: Db): string | null {
  try {
    db.prepare('SELECT 1').get();
    return null;
  } catch (err) {
    return `database: ${(err as Error)?.message ?? String(err)}`;
  }
}
