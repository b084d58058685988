// `modelwatch migrate`: apply pending migrations and say which.
import type { GlobalOptions, Io } from './io.js';
import { loadConfig } from '../config/index.js';
import { DEFAULT_MIGRATIONS_DIR, openDb } from '../store/db.js';
import { migrate } from '../store/migrate.js';

export default async function run(_args: unknown[], opts: GlobalOptions, io: Io): Promise<number> {
  const config = loadConfig({ env: io.env, db: opts.db, feeds: opts.feeds, withoutFeeds: true });
  const db = openDb(config.dbPath, { migrate: false });
  try {
    const ran = migrate(db, DEFAULT_MIGRATIONS_DIR);
    io.stdout.write(ran.length ? `applied ${ran.join(', ')}\n` : 'database is up to date\n');
    return 0;
  } finally {
    db.close();
  }
}
