// Output conventions shared by every command: tables on a terminal, JSON with --json.
import type { Io } from '../cli.js';

export function printJson(io: Io, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export interface Column<T> {
  header: string;
  get: (row: T) => string | number | boolean | null | undefined;
  /** Longest width before the cell is cut with an ellipsis. */
  max?: number;
}

/** A plain aligned text table. */
export function formatTable<T>(rows: T[], columns: Column<T>[]): string {
  const cells = rows.map((r) =>
    columns.map((c) => {
      const v = c.get(r);
      let s = v === null || v === undefined ? '-' : String(v);
      if (c.max && s.length > c.max) s = s.slice(0, c.max - 1) + '…';
      return s;
    }),
  );
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i].length)));
  const line = (vals: string[]) => vals.map((v, i) => (i === vals.length - 1 ? v : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(columns.map((c) => c.header.toUpperCase())), ...cells.map(line)].join('\n') + '\n';
}

export function printTable<T>(io: Io, rows: T[], columns: Column<T>[], empty = 'nothing to show'): void {
  io.stdout.write(rows.length ? formatTable(rows, columns) : `${empty}\n`);
}

/** `3h ago`, `in 12m`. */
export function relativeTime(iso: string | null, now: Date): string | null {
  if (!iso) return null;
  const diff = Date.parse(iso) - now.getTime();
  const abs = Math.abs(diff) / 1000;
  const v = abs < 90 ? `${Math.round(abs)}s` : abs < 5400 ? `${Math.round(abs / 60)}m` : abs < 172800 ? `${Math.round(abs / 3600)}h` : `${Math.round(abs / 86400)}d`;
  return diff <= 0 ? `${v} ago` : `in ${v}`;
}
