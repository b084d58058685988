// One writer per database (README "Reliability"). `run` holds the `writer` lease for its whole
// life and renews it every HEARTBEAT_MS; `poll` and `dispatch` hold it while they run. A second
// holder is refused with a message naming the first. Without this, a second `run` (or an
// overlapping restart) took back the first one's in-flight alerts at its start and sent them
// again.
//
// The guard also watches the database file: if it is deleted or replaced (another inode at the
// path), every later write would go to a file nobody can open again, so the service stops
// (exit 1) instead. A failed heartbeat write is what /healthz reports as "not writable".
import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { RuntimeError } from '../errors.js';
import type { Db } from '../store/db.js';
import { getLease, releaseLease, renewLease, takeLease, type LeaseRow } from '../store/leases.js';

export const WRITER_LEASE = 'writer';
/** A holder whose heartbeat is older than this is presumed dead (another host, a frozen process). */
export const LEASE_TTL_MS = 60_000;
export const HEARTBEAT_MS = 15_000;

export interface WriterLease {
  readonly holder: string;
  /** Renews the lease; throws LeaseLostError when another process has taken it. */
  renew(): void;
  release(): void;
}

export class LeaseLostError extends RuntimeError {}

export interface AcquireOptions {
  command: string;
  now: () => Date;
  pid?: number;
  host?: string;
  /** Whether a process of this host is alive (default: `process.kill(pid, 0)`). */
  isAlive?: (pid: number) => boolean;
}

export function acquireWriterLease(db: Db, o: AcquireOptions): WriterLease {
  const pid = o.pid ?? process.pid;
  const host = o.host ?? os.hostname();
  const isAlive = o.isAlive ?? processAlive;
  const holder = `${host}:${pid}:${randomBytes(4).toString('hex')}`;
  const expiry = () => new Date(o.now().getTime() + LEASE_TTL_MS).toISOString();
  const nowIso = o.now().toISOString();
  const stale = (other: LeaseRow) =>
    Date.parse(other.expiresAt) <= o.now().getTime() ||
    // Same host: a holder whose process is gone (SIGKILL, a crash) or that had our pid (a
    // container restarted: pid 1 again) is not running any more.
    (other.host === host && (other.pid === pid || !isAlive(other.pid)));
  const other = takeLease(db, { name: WRITER_LEASE, holder, pid, host, command: o.command, now: nowIso, expiresAt: expiry() }, stale);
  if (other)
    throw new RuntimeError(`store: ${describeHolder(other, o.now())} is using this database; stop it first (one writer per database)`);
  return {
    holder,
    renew() {
      if (!renewLease(db, WRITER_LEASE, holder, o.now().toISOString(), expiry())) {
        const now = getLease(db, WRITER_LEASE);
        throw new LeaseLostError(`store: the writer lease was taken over${now ? ` by ${describeHolder(now, o.now())}` : ''}; stopping`);
      }
    },
    release() {
      releaseLease(db, WRITER_LEASE, holder);
    },
  };
}

/** For a short command (`poll`, `dispatch`): the lease, renewed in the background until released. */
export function holdWriterLease(db: Db, command: string): { release(): void } {
  const lease = acquireWriterLease(db, { command, now: () => new Date() });
  const timer = setInterval(() => {
    try {
      lease.renew();
    } catch {
      // the command finishes anyway; the next holder's check is by pid on this host
    }
  }, HEARTBEAT_MS);
  timer.unref();
  return {
    release() {
      clearInterval(timer);
      try {
        lease.release();
      } catch {
        // a closed or vanished database: the lease row goes with it, or expires
      }
    },
  };
}

export function describeHolder(row: LeaseRow, now: Date): string {
  const age = Math.max(0, Math.round((now.getTime() - Date.parse(row.heartbeatAt)) / 1000));
  return `\`modelwatch ${row.command}\` (pid ${row.pid} on host ${row.host}, since ${row.acquiredAt}, last heartbeat ${age} s ago)`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The file's identity, to notice it being deleted or replaced while the service runs. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

export function fileIdentity(file: string): FileIdentity | null {
  try {
    const st = fs.statSync(file);
    return { dev: st.dev, ino: st.ino };
  } catch {
    return null;
  }
}

/** Why the database at `file` is not the one that was opened, or null. */
export function databaseFileProblem(file: string, opened: FileIdentity | null): string | null {
  if (!opened) return null; // :memory: or not a file
  const now = fileIdentity(file);
  if (!now) return `store: the database file ${file} has disappeared`;
  if (now.dev !== opened.dev || now.ino !== opened.ino) return `store: the database file ${file} was replaced by another file`;
  return null;
}
