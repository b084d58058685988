// Output conventions shared by every command: tables on a terminal, JSON with --json.
// Tables fit the terminal (its width when known, else $COLUMNS, else 100; --wide: no limit) by
// wrapping long text at word boundaries instead of cutting the field a user came for. Data from
// the web never reaches the terminal raw: control characters are stripped from text (see
// safeStream) and escaped in JSON.
import type { Io } from './io.js';

/** The width tables fit when nothing says otherwise (issue #14: "every table fits 100 columns"). */
export const DEFAULT_WIDTH = 100;

// ESC-introduced sequences (CSI, OSC ... BEL/ST, other two-byte escapes), then any C0/C1 control
// character but tab and newline; a lone CR could overwrite what was printed before it.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[@-Z\\-_]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)/g;

/** Text without terminal escapes or control characters (tabs and newlines kept). */
export function stripControls(s: string): string {
  return s.replace(ESCAPES, '').replace(CONTROLS, '');
}

/**
 * A stream that strips control characters from everything written to it: every command's text
 * (tables, text, CSV) goes through one, so a page title carrying `\e]0;…\a` cannot retitle the
 * terminal. JSON is escaped before it gets here (printJson), so nothing of it is lost.
 */
export function safeStream<S extends NodeJS.WritableStream>(stream: S): S {
  return new Proxy(stream, {
    get(target, prop, receiver) {
      if (prop === 'write') {
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...a: unknown[]) => boolean).call(target, typeof chunk === 'string' ? stripControls(chunk) : chunk, ...rest);
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** JSON with every control character escaped (JSON.stringify leaves U+007F–U+009F raw). */
export function toJson(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(value, null, 2).replace(/[\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function printJson(io: Io, value: unknown): void {
  io.stdout.write(toJson(value) + '\n');
}

/** The width tables are fitted to: --wide = none; the terminal's when known; $COLUMNS; 100. */
export function outputWidth(io: Pick<Io, 'stdout' | 'env'>, wide?: boolean): number {
  if (wide) return Infinity;
  const tty = io.stdout.isTTY ? (io.stdout as { columns?: number }).columns : undefined;
  if (tty && tty >= 20) return tty;
  const env = Number(io.env.COLUMNS);
  if (Number.isInteger(env) && env >= 20) return env;
  return DEFAULT_WIDTH;
}

/** The width of this command's tables (set by the CLI on its io; 100 when called directly). */
export function widthOf(io: Pick<Io, 'width'>): number {
  return io.width ?? DEFAULT_WIDTH;
}

export interface Column<T> {
  header: string;
  get: (row: T) => string | number | boolean | null | undefined;
  /** Widest the column grows before its text wraps (none under --wide). */
  max?: number;
  /** Narrowest it is squeezed to when the table is too wide (default: 12, or its header). */
  min?: number;
  /** Never wrapped (ids, times): the column keeps its natural width. */
  nowrap?: boolean;
  /** Left out when the table cannot fit otherwise; the highest number goes first (ties together). */
  drop?: number;
  /** Values are hashes (licence text digests): shown as their first 12 characters unless --wide. */
  hash?: boolean;
}

const GAP = 2;

function cellText<T>(c: Column<T>, row: T, wide: boolean): string {
  const v = c.get(row);
  let s = v === null || v === undefined ? '-' : stripControls(String(v)).replace(/\s+/g, ' ').trim();
  if (c.hash && !wide && /^[0-9a-f]{20,}$/i.test(s)) s = s.slice(0, 12);
  return s || '-';
}

/** Where to break a long word to fill `room` characters: after a separator, or 0 (none). */
function breakAt(word: string, room: number): number {
  if (room < 4) return 0;
  for (let i = Math.min(room, word.length - 1); i >= Math.ceil(room / 2); i--) if ('/-_.?&'.includes(word[i - 1])) return i;
  return 0;
}

/** Text broken into lines of at most `width` characters, at spaces when it can be. */
export function wrapText(s: string, width: number): string[] {
  if (width === Infinity || s.length <= width) return [s];
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(' ')) {
    let w = word;
    while (w.length > width) {
      // A word longer than the column (a URL, an id): broken after a / - _ . when one is near
      // the end of the room, else where the column ends.
      const room = line ? width - line.length - 1 : width;
      const cut = breakAt(w, room);
      if (cut > 0) {
        lines.push(line ? `${line} ${w.slice(0, cut)}` : w.slice(0, cut));
        line = '';
        w = w.slice(cut);
      } else if (line) {
        lines.push(line);
        line = '';
      } else {
        lines.push(w.slice(0, width));
        w = w.slice(width);
      }
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Column widths that fit `width`: the widest wrappable column gives way first. */
function fitWidths<T>(columns: Column<T>[], natural: number[], width: number, squeeze: boolean): number[] {
  const w = natural.slice();
  const total = () => w.reduce((a, b) => a + b, 0) + GAP * (w.length - 1);
  // Short values (times, levels, vendor ids) keep their width unless nothing else can give.
  const floor = columns.map((c, i) =>
    c.nowrap
      ? natural[i]
      : Math.min(
          natural[i],
          squeeze ? Math.max(c.header.length, 8) : Math.max(c.header.length, c.min ?? (natural[i] <= 16 ? natural[i] : 12)),
        ),
  );
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < w.length; i++) if (w[i] > floor[i] && (widest < 0 || w[i] > w[widest])) widest = i;
    if (widest < 0) break;
    w[widest] -= 1;
  }
  return w;
}

const sum = (w: number[]) => w.reduce((a, b) => a + b, 0) + GAP * (w.length - 1);

/** An aligned text table fitted to `width` columns (Infinity: every value whole, on one line). */
export function formatTable<T>(rows: T[], columns: Column<T>[], width: number = DEFAULT_WIDTH): string {
  const wide = width === Infinity;
  let cols = columns;
  let cells: string[][];
  let w: number[];
  for (;;) {
    cells = rows.map((r) => cols.map((c) => cellText(c, r, wide)));
    const natural = cols.map((c, i) => {
      const n = Math.max(c.header.length, ...cells.map((row) => row[i].length));
      return wide || !c.max ? n : Math.max(Math.min(n, c.max), c.header.length);
    });
    w = wide ? natural : fitWidths(cols, natural, width, false);
    if (sum(w) <= width) break;
    const droppable = cols.filter((c) => c.drop !== undefined);
    if (droppable.length) {
      // An optional column goes before any field is squeezed below its readable width.
      const first = Math.max(...droppable.map((c) => c.drop ?? 0));
      cols = cols.filter((c) => c.drop !== first);
      continue;
    }
    w = fitWidths(cols, natural, width, true);
    break;
  }
  const line = (vals: string[]) =>
    vals
      .map((v, i) => (i === vals.length - 1 ? v : v.padEnd(w[i])))
      .join(' '.repeat(GAP))
      .trimEnd();
  const out = [line(cols.map((c) => c.header.toUpperCase()))];
  for (const row of cells) {
    const wrapped = row.map((s, i) => wrapText(s, w[i]));
    const height = Math.max(...wrapped.map((x) => x.length));
    for (let k = 0; k < height; k++) out.push(line(wrapped.map((x) => x[k] ?? '')));
  }
  return out.join('\n') + '\n';
}

/** `label  value` lines with the value wrapped under itself to fit `width`. */
export function formatPairs(pairs: [string, string][], width: number = DEFAULT_WIDTH, indent = 2): string {
  const keyWidth = Math.max(0, ...pairs.map(([k]) => k.length));
  const pad = ' '.repeat(indent + keyWidth + GAP);
  const room = width === Infinity ? Infinity : Math.max(20, width - pad.length);
  return (
    pairs
      .map(([k, v]) => {
        const lines = wrapText(stripControls(v).replace(/\s+/g, ' ').trim(), room);
        return [' '.repeat(indent) + k.padEnd(keyWidth) + ' '.repeat(GAP) + lines[0], ...lines.slice(1).map((l) => pad + l)].join('\n');
      })
      .join('\n') + '\n'
  );
}

/** Free text fitted to `width`: a long line wraps at spaces under its own indentation. */
export function fitText(text: string, width: number = DEFAULT_WIDTH): string {
  if (width === Infinity) return text;
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= width) return line;
      const indent = /^ */.exec(line)![0];
      const hang = indent + '  ';
      const lines = wrapText(line.slice(indent.length), Math.max(20, width - hang.length));
      return [indent + lines[0], ...lines.slice(1).map((l) => hang + l)].join('\n');
    })
    .join('\n');
}

export function printTable<T>(io: Io, rows: T[], columns: Column<T>[], empty = 'nothing to show'): void {
  io.stdout.write(rows.length ? formatTable(rows, columns, widthOf(io)) : `${empty}\n`);
}

/** `3h ago`, `in 12m`. */
export function relativeTime(iso: string | null, now: Date): string | null {
  if (!iso) return null;
  const diff = Date.parse(iso) - now.getTime();
  const abs = Math.abs(diff) / 1000;
  const v =
    abs < 90
      ? `${Math.round(abs)}s`
      : abs < 5400
        ? `${Math.round(abs / 60)}m`
        : abs < 172800
          ? `${Math.round(abs / 3600)}h`
          : `${Math.round(abs / 86400)}d`;
  return diff <= 0 ? `${v} ago` : `in ${v}`;
}

/** `2026-04-05 14:03` from an ISO time (tables only). */
export function shortTime(iso: string | null): string | null {
  if (!iso) return null;
  return iso.length > 10 ? iso.slice(0, 16).replace('T', ' ') : iso;
}
