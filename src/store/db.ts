// Opens the SQLite database (better-sqlite3 lives only under src/store/) and applies migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { RuntimeError } from '../errors.js';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Folder of numbered `NNNN_name.sql` files (default: the package's migrations/). */
  migrationsDir?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
}

/** The package's migrations/ folder, from src/store (tests) and dist/store (built) alike. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export function openDb(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:' && !opts.readonly) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    } catch (err) {
      throw new RuntimeError(`store: cannot create the folder of ${file}: ${(err as Error).message}`, { cause: err });
    }
  }
  let db: Db;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
  } catch (err) {
    throw new RuntimeError(`store: cannot open database ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (opts.migrate !== false && !opts.readonly) {
    try {
      migrate(db, opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
    } catch (err) {
      db.close();
      throw err;
    }
  }
  return db;
}

/** Runs `fn` in one IMMEDIATE transaction. */
export function tx<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

// Prepared statements are cached per connection: preparing costs about as much as running a
// small statement, and the poll and ingest paths run the same few statements per model.
const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** `db.prepare(sql)`, prepared once per connection. */
export function prep(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/** Throws when the database does not answer a trivial query (closed, corrupt, locked too long). */
export function ping(db: Db): void {
  db.prepare('SELECT 1').get();
}
