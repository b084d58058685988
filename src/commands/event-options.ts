// What the history commands (`events`, `changes`, `deadline`, `releases`, `search`, `alerts`)
// share about their options: `--kind` parsing, `--limit`, and the output-mode switch with CSV.
// The kinds themselves are in src/events/catalogue.ts.
import type { Io } from './io.js';
import { UsageError } from '../errors.js';
import { CHANGE_KINDS, CHANGE_NAMES, EVENT_KINDS, type EventKind } from '../events/index.js';
import { formatTable, printJson, widthOf, type Column } from './output.js';

/**
 * `--kind` values, comma-separated: an event kind (`model.renamed`), a family (`model`, `post`,
 * `gap`: every `model.*` ...), or a change name (`license`, `gating`, ...; see CHANGE_KINDS).
 * `allowed` narrows what is accepted (e.g. `changes` takes change kinds only).
 */
export function parseKinds(cmd: string, value: unknown, allowed: readonly EventKind[] = EVENT_KINDS): EventKind[] | undefined {
  if (value === undefined) return undefined;
  const out = new Set<EventKind>();
  const bad: string[] = [];
  for (const raw of String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    // The documentation writes "licence" (British), the kind name is "license": both are accepted.
    const part = raw === 'licence' ? 'license' : raw;
    const matched = isChangeName(part) ? CHANGE_KINDS[part] : allowed.filter((k) => k === part || k.startsWith(`${part}.`));
    const ok = matched.filter((k) => allowed.includes(k));
    if (ok.length) ok.forEach((k) => out.add(k));
    else bad.push(part);
  }
  if (bad.length || !out.size) {
    const names = allowed === EVENT_KINDS ? 'an event kind (model.renamed), a family (model, post, gap, ...) or a change name' : 'one of';
    throw new UsageError(
      `${cmd}: --kind: unknown kind ${bad.map((b) => `"${b}"`).join(', ') || '""'}; expected ${names} ${CHANGE_NAMES.join(', ')}`,
    );
  }
  return [...out];
}

function isChangeName(s: string): s is keyof typeof CHANGE_KINDS {
  return Object.hasOwn(CHANGE_KINDS, s);
}

export function parseLimit(cmd: string, value: unknown, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${cmd}: --limit: expected a whole number (0 = no limit), got "${String(value)}"`);
  return n === 0 ? undefined : n;
}

// ---------------------------------------------------------------------------------------------
// Output mode: JSON, CSV or a table.

type Cell = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  get: (row: T) => Cell;
}

/** Columns named and ordered like the given fields of the JSON rows (camelCase); a nested value
 *  (an array, an object) is its JSON text in the cell, so CSV carries what --json carries. */
export function csvFields<T>(...fields: (keyof T & string)[]): CsvColumn<T>[] {
  return fields.map((f) => ({ header: f, get: (row: T) => cell(row[f]) }));
}

function cell(v: unknown): Cell {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : (v as Cell);
}

function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // Titles come from the web: a leading = + - @ would be a formula in a spreadsheet.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header line of the given (camelCase) names. */
export function formatCsv<T>(rows: T[], columns: CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(','), ...rows.map((r) => columns.map((c) => csvCell(c.get(r))).join(','))];
  return lines.join('\r\n') + '\r\n';
}

export type OutputMode = 'json' | 'csv' | 'table';

export function outputMode(cmd: string, opts: { json?: unknown; csv?: unknown }): OutputMode {
  if (opts.json && opts.csv) throw new UsageError(`${cmd}: --json and --csv cannot be used together`);
  return opts.json ? 'json' : opts.csv ? 'csv' : 'table';
}

/** Prints rows as JSON (the objects), CSV (csv columns) or a table (table columns). */
export function printRows<T>(io: Io, mode: OutputMode, rows: T[], csv: CsvColumn<T>[], table: Column<T>[], empty: string): void {
  if (mode === 'json') return printJson(io, rows);
  if (mode === 'csv') return void io.stdout.write(formatCsv(rows, csv));
  io.stdout.write(rows.length ? formatTable(rows, table, widthOf(io)) : `${empty}\n`);
}
