// Wiring shared by commands: config, database, HTTP edge. Built on demand, closed by the caller.
import fs from 'node:fs';
import path from 'node:path';
import type { GlobalOptions, Io } from './io.js';
import { loadConfig, type Config } from '../config/index.js';
import { linkListedReleases } from '../jobs/releases.js';
import { ensureSeed } from '../seed/load.js';
import { RuntimeError, UsageError } from '../errors.js';
import { openDb, type Db } from '../store/db.js';
import { knownVendors, vendorKnown } from '../store/history.js';

export interface Context {
  config: Config;
  db: Db;
  io: Io;
  now: () => Date;
  close(): void;
}

export interface ContextOptions {
  withoutFeeds?: boolean;
  /** A query command: the database must exist already and is opened read-only. */
  readOnly?: boolean;
}

export function openContext(opts: GlobalOptions, io: Io, o: ContextOptions = {}): Context {
  const config = loadConfig({ env: io.env, db: opts.db, feeds: opts.feeds, withoutFeeds: o.withoutFeeds });
  // Query commands read "now" from MODELWATCH_NOW when set (a replayed or archived history);
  // the service and `poll` use the real clock through their runtime.
  const fixed = config.env.now;
  const at = (fixed ? new Date(fixed) : new Date()).toISOString();
  // The first start loads the shipped seed of dated releases (a history from day one), through
  // a writable handle (a read-only query of a writable file seeds it too).
  const seed = (w: Db) => {
    if (ensureSeed(w, io.env, at)) linkListedReleases(w, config.vendors, at);
  };
  let db: Db;
  if (o.readOnly) db = openForReading(config.dbPath, seed);
  else {
    db = openDb(config.dbPath);
    try {
      seed(db);
    } catch (err) {
      db.close();
      throw err;
    }
  }
  return { config, db, io, now: fixed ? () => new Date(fixed) : () => new Date(), close: () => db.close() };
}

/**
 * The database a query command reads. A mistyped path must not leave an empty database behind
 * and answer "no releases"; an archived copy on read-only storage must still be readable. When
 * the file can be written, pending migrations are applied first (the schema queries expect).
 */
export function openForReading(file: string, prepare?: (db: Db) => void): Db {
  if (file === ':memory:' || !fs.existsSync(file)) {
    throw new RuntimeError(`no database at ${path.resolve(file)}; run \`modelwatch poll\` first or set MODELWATCH_DB`);
  }
  if (writable(file)) {
    const w = openDb(file);
    try {
      prepare?.(w);
    } finally {
      w.close();
    }
  }
  return openDb(file, { readonly: true });
}

function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A --vendor that names no vendor is a typo to report (exit 2), as `gap --vendor` does, not "no rows". */
export function checkVendor(cmd: string, ctx: Context, vendor: string | undefined): void {
  if (!vendor || ctx.config.vendors.some((v) => v.id === vendor) || vendorKnown(ctx.db, vendor)) return;
  const known = [...new Set([...ctx.config.vendors.map((v) => v.id), ...knownVendors(ctx.db)])].sort();
  throw new UsageError(`${cmd}: no vendor "${vendor}" (${known.length ? `known: ${known.join(', ')}` : 'none known yet'})`);
}
