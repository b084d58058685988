// Numbered, forward-only SQL migrations, one transaction each; an applied file whose
// checksum changed is refused (drizzle's migrator, miniflux's migrations.go).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { RuntimeError } from '../errors.js';

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): MigrationFile[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
      .sort();
  } catch (err) {
    throw new RuntimeError(`store: cannot read migrations in ${dir}: ${(err as Error).message}`, { cause: err });
  }
  const files = names.map((name) => {
    const sql = fs.readFileSync(path.join(dir, name), 'utf8');
    return {
      version: Number(name.slice(0, 4)),
      name,
      sql,
      checksum: crypto.createHash('sha256').update(sql).digest('hex'),
    };
  });
  for (let i = 1; i < files.length; i++) {
    if (files[i].version === files[i - 1].version) {
      throw new RuntimeError(`store: two migrations numbered ${files[i].version}: ${files[i - 1].name} and ${files[i].name}`);
    }
  }
  return files;
}

/** Applies pending migrations; returns the names applied now. */
export function migrate(db: Database.Database, dir: string, now: () => Date = () => new Date()): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (
      db.prepare('SELECT version, name, checksum FROM schema_migrations').all() as { version: number; name: string; checksum: string }[]
    ).map((r) => [r.version, r]),
  );
  const files = readMigrations(dir);
  for (const f of files) {
    const done = applied.get(f.version);
    if (done && done.checksum !== f.checksum) {
      throw new RuntimeError(
        `store: migration ${f.name} was changed after it was applied (checksum ${f.checksum.slice(0, 12)} ≠ ${done.checksum.slice(0, 12)}); ` +
          'migrations are forward-only: restore the file and add a new one',
      );
    }
  }
  const maxKnown = Math.max(0, ...files.map((f) => f.version));
  const newest = Math.max(0, ...applied.keys());
  if (newest > maxKnown) {
    throw new RuntimeError(
      `store: the database is at migration ${newest}, newer than this modelwatch knows (${maxKnown}); upgrade modelwatch`,
    );
  }
  const ran: string[] = [];
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const f of files) {
    if (applied.has(f.version)) continue;
    db.transaction(() => {
      db.exec(f.sql);
      insert.run(f.version, f.name, f.checksum, now().toISOString());
    }).immediate();
    ran.push(f.name);
  }
  return ran;
}
