import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR, openDb } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { RuntimeError } from '../../src/errors.js';
import { tmpDir } from '../helpers/tmp.js';

function copyMigrations(): string {
  const dir = tmpDir();
  for (const f of fs.readdirSync(DEFAULT_MIGRATIONS_DIR)) fs.copyFileSync(path.join(DEFAULT_MIGRATIONS_DIR, f), path.join(dir, f));
  return dir;
}

describe('store: open and migrate', () => {
  it('applies the real migrations once, with WAL, foreign keys and a busy timeout', () => {
    const file = path.join(tmpDir(), 'sub', 'mw.db');
    const db = openDb(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'sources',
        'http_cache',
        'items',
        'models',
        'observations',
        'events',
        'classifications',
        'scores',
        'gap_snapshots',
        'alerts',
        'digests',
        'deadlines',
      ]),
    );
    expect(migrate(db, DEFAULT_MIGRATIONS_DIR)).toEqual([]);
    db.close();
  });

  it('refuses an applied migration whose file changed', () => {
    const dir = copyMigrations();
    const file = path.join(tmpDir(), 'mw.db');
    openDb(file, { migrationsDir: dir }).close();
    fs.appendFileSync(path.join(dir, '0001_init.sql'), '\n-- edited\n');
    expect(() => openDb(file, { migrationsDir: dir })).toThrow(/0001_init.sql was changed after it was applied/);
  });

  it('runs each migration in one transaction: a failing file leaves nothing behind', () => {
    const dir = copyMigrations();
    fs.writeFileSync(path.join(dir, '0099_broken.sql'), 'CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;\n');
    const file = path.join(tmpDir(), 'mw.db');
    expect(() => openDb(file, { migrationsDir: dir })).toThrow();
    const raw = new Database(file);
    const names = (raw.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((r) => r.name);
    expect(names).toContain('events');
    expect(names).not.toContain('half_done');
    // Every shipped migration applied, the broken 0099 not.
    const shipped = fs
      .readdirSync(DEFAULT_MIGRATIONS_DIR)
      .filter((f) => /^\d{4}_.*\.sql$/.test(f))
      .map((f) => Number(f.slice(0, 4)))
      .sort((a, b) => a - b);
    expect(shipped.length).toBeGreaterThanOrEqual(4);
    expect(
      (raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version),
    ).toEqual(shipped);
    raw.close();
  });

  it('refuses two migrations with the same number', () => {
    const dir = copyMigrations();
    fs.writeFileSync(path.join(dir, '0001_again.sql'), 'SELECT 1;');
    expect(() => openDb(path.join(tmpDir(), 'mw.db'), { migrationsDir: dir })).toThrow(
      /two migrations numbered 1: 0001_again.sql and 0001_init.sql/,
    );
  });

  it('gives a clear error for an unreadable database path', () => {
    const dir = tmpDir();
    const notADb = path.join(dir, 'file.db');
    fs.writeFileSync(notADb, 'this is not a database, just text that is long enough to have a header........');
    expect(() => openDb(notADb)).toThrow(RuntimeError);
    expect(() => openDb(path.join(notADb, 'child.db'))).toThrow(/store: cannot (create the folder of|open database)/);
  });
});
