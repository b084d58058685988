// Wiring shared by commands: config, database, HTTP edge. Built on demand, closed by the caller.
import type { GlobalOptions, Io } from '../cli.js';
import { loadConfig, type Config } from '../config/index.js';
import { linkListedReleases } from '../jobs/releases.js';
import { ensureSeed } from '../seed/load.js';
import { openDb, type Db } from '../store/db.js';

export interface Context {
  config: Config;
  db: Db;
  io: Io;
  now: () => Date;
  close(): void;
}

export function openContext(opts: GlobalOptions, io: Io, o: { withoutFeeds?: boolean } = {}): Context {
  const config = loadConfig({ env: io.env, db: opts.db, feeds: opts.feeds, withoutFeeds: o.withoutFeeds });
  const db = openDb(config.dbPath);
  // Query commands read "now" from MODELWATCH_NOW when set (a replayed or archived history);
  // the service and `poll` use the real clock through their runtime.
  const fixed = config.env.now;
  // The first start loads the shipped seed of dated releases (a history from day one).
  try {
    const at = (fixed ? new Date(fixed) : new Date()).toISOString();
    if (ensureSeed(db, io.env, at)) linkListedReleases(db, config.vendors, at);
  } catch (err) {
    db.close();
    throw err;
  }
  return { config, db, io, now: fixed ? () => new Date(fixed) : () => new Date(), close: () => db.close() };
}
