// What /healthz and /metrics read from the database, in one place.
import { alertsByStatus, oldestUndeliveredByChannel } from '../store/alerts.js';
import { ping, type Db } from '../store/db.js';
import { countEventsByKind } from '../store/events.js';
import { listSources, type SourceRow } from '../store/sources.js';

export interface ServiceStats {
  sources: SourceRow[];
  eventsByKind: { kind: string; count: number }[];
  alertsByStatus: { status: string; count: number }[];
  /** Per channel, the creation time of its oldest alert not yet delivered (pending or sending). */
  channels: { channel: string; oldestUndeliveredAt: string | null }[];
}

/** Throws what the database throws (closed, locked): the caller turns that into a 503. */
export function readStats(db: Db, sourceIds?: readonly string[]): ServiceStats {
  const keep = sourceIds && new Set(sourceIds);
  return {
    sources: listSources(db).filter((s) => !keep || keep.has(s.id)),
    eventsByKind: countEventsByKind(db),
    alertsByStatus: alertsByStatus(db),
    channels: oldestUndeliveredByChannel(db),
  };
}

/** The database answers a trivial query (`SELECT 1`); returns the reason when it does not. */
export function pingDb(db: Db): string | null {
  try {
    ping(db);
    return null;
  } catch (err) {
    return `database: ${(err as Error)?.message ?? String(err)}`;
  }
}
