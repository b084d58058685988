// bench/results.json: one section per benchmark (poll, ingest, query, memory), each with its
// figures as plain numbers (what tools read, e.g. `poll.requestsPerSource`), a `units` map
// naming the unit of every figure, the date it was measured and the machine. Running one
// benchmark replaces only its own section.
import fs from 'node:fs';
import os from 'node:os';
import { RESULTS_FILE } from './paths.js';

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  platform: string;
  memoryGb: number;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  };
}

export type Figures = Record<string, unknown>;

export interface Section {
  /** The figures; numbers are what tools read. */
  figures: Figures;
  /** Unit of each numeric figure (by key; nested objects use dotted keys). */
  units: Record<string, string>;
  /** What a reader needs to interpret the figures (limits, skipped parts, targets missed). */
  notes: string[];
  /** Target checks: name → { target, measured, met }. */
  targets?: Record<string, { target: string; measured: string; met: boolean }>;
}

export function writeSection(name: string, s: Section): void {
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    // first run, or an unreadable file: start over
  }
  const m = machine();
  const date = new Date().toISOString();
  all['machine'] = m;
  all['date'] = date;
  all[name] = { ...s.figures, units: s.units, targets: s.targets ?? {}, notes: s.notes, date, machine: m };
  const ordered: Record<string, unknown> = { date: all['date'], machine: all['machine'] };
  for (const k of ['poll', 'ingest', 'query', 'memory']) if (all[k]) ordered[k] = all[k];
  for (const [k, v] of Object.entries(all)) if (!(k in ordered)) ordered[k] = v;
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(ordered, null, 2) + '\n');
}

/** A plain aligned table (the benchmarks print exactly one each). */
export function printTable(title: string, header: string[], rows: (string | number | null | undefined)[][], notes: string[] = []): void {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : typeof c === 'number' ? fmt(c) : c)));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (vals: string[]) => vals.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  const out = [`\n${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  for (const n of notes) out.push(`  * ${n}`);
  process.stdout.write(out.join('\n') + '\n');
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const abs = Math.abs(x);
  return abs >= 100 ? x.toFixed(0) : abs >= 10 ? x.toFixed(1) : abs >= 1 ? x.toFixed(2) : x.toFixed(3);
}

export function target(
  name: string,
  t: string,
  measured: string,
  met: boolean,
): [string, { target: string; measured: string; met: boolean }] {
  return [name, { target: t, measured, met }];
}
