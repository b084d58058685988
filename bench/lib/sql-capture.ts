// Records the SQL a store function runs (statement text and bound parameters), so the very same
// queries can be replayed by the sqlite3 shell as a reference and explained with EXPLAIN QUERY
// PLAN. Wraps a better-sqlite3 handle (the store's Db) without changing what it does.
import type { Db } from '../../src/store/db.js';

export interface Captured {
  sql: string;
  params: unknown[];
}

/** A Db whose prepared statements record each execution into `log`. */
export function capturingDb(db: Db, log: Captured[]): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      }
      return (sql: string) => {
        const stmt = target.prepare(sql);
        return new Proxy(stmt, {
          get(s, p) {
            const v = Reflect.get(s, p, s) as unknown;
            if (typeof v !== 'function') return v;
            if (p === 'all' || p === 'get' || p === 'run' || p === 'iterate') {
              return (...params: unknown[]) => {
                log.push({ sql, params });
                return (v as (...a: unknown[]) => unknown).apply(s, params);
              };
            }
            return (v as (...a: unknown[]) => unknown).bind(s);
          },
        });
      };
    },
  });
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return `'${String(v).replace(/'/g, "''")}'`;
}

/** The statement with its positional (`?`) parameters written in as SQL literals. */
export function inline(c: Captured): string {
  let i = 0;
  const flat = c.params.length === 1 && Array.isArray(c.params[0]) ? (c.params[0] as unknown[]) : c.params;
  // Outside string literals only: the store's read queries have no `?` inside quotes, but be safe.
  let out = '';
  let quoted = false;
  for (const ch of c.sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? literal(flat[i++]) : ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}
