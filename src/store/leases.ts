// The single-writer lease (migration 0006): one row per lease name, taken, renewed and released
// in IMMEDIATE transactions so two processes never both believe they hold it.
import { prep, type Db } from './db.js';

export interface LeaseRow {
  name: string;
  holder: string;
  pid: number;
  host: string;
  command: string;
  acquiredAt: string;
  heartbeatAt: string;
  expiresAt: string;
}

interface RawLease {
  name: string;
  holder: string;
  pid: number;
  host: string;
  command: string;
  acquired_at: string;
  heartbeat_at: string;
  expires_at: string;
}

const toRow = (r: RawLease): LeaseRow => ({
  name: r.name,
  holder: r.holder,
  pid: r.pid,
  host: r.host,
  command: r.command,
  acquiredAt: r.acquired_at,
  heartbeatAt: r.heartbeat_at,
  expiresAt: r.expires_at,
});

export function getLease(db: Db, name: string): LeaseRow | undefined {
  const r = prep(db, 'SELECT * FROM leases WHERE name = ?').get(name) as RawLease | undefined;
  return r && toRow(r);
}

export interface LeaseClaim {
  name: string;
  holder: string;
  pid: number;
  host: string;
  command: string;
  now: string;
  expiresAt: string;
}

/**
 * Takes the lease unless another holder has it and `stale(other)` says it is still alive.
 * Returns null when taken, else the row of the holder that keeps it.
 */
export function takeLease(db: Db, c: LeaseClaim, stale: (other: LeaseRow) => boolean): LeaseRow | null {
  return db
    .transaction(() => {
      const other = getLease(db, c.name);
      if (other && other.holder !== c.holder && !stale(other)) return other;
      prep(
        db,
        `INSERT INTO leases (name, holder, pid, host, command, acquired_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host, command = excluded.command,
           acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
      ).run(c.name, c.holder, c.pid, c.host, c.command, c.now, c.now, c.expiresAt);
      return null;
    })
    .immediate();
}

/** Renews the lease; false when this holder no longer has it (taken over after it expired). */
export function renewLease(db: Db, name: string, holder: string, now: string, expiresAt: string): boolean {
  return (
    prep(db, 'UPDATE leases SET heartbeat_at = ?, expires_at = ? WHERE name = ? AND holder = ?').run(now, expiresAt, name, holder)
      .changes === 1
  );
}

export function releaseLease(db: Db, name: string, holder: string): void {
  prep(db, 'DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
}
