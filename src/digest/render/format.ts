// Formatting shared by the digest renderers (pure): dates in the digest's time zone, levels,
// trends, M1 sparklines and bars, and fitting text into fixed-width columns.
import { LEVEL_LABELS } from '../../events/index.js';
import { oneLine } from '../../notify/render/escape.js';
import type { Level } from '../../model.js';
import { localParts } from '../week.js';
import type { DigestData, GapRow, Trend } from '../types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** At most this many releases per vendor are listed; the rest are counted. */
export const MAX_RELEASES_PER_VENDOR = 15;

/** `2026-04-08` in the digest's time zone (or the raw value when it is not a date). */
export function localDay(iso: string, tz: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return oneLine(iso);
  const p = localParts(new Date(t), tz);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** `Mon 6 Apr 2026 09:00` style, without the weekday: `6 Apr 2026 09:00`. */
export function localDateTime(iso: string, tz: string): string {
  const p = localParts(new Date(iso), tz);
  return `${p.d} ${MONTHS[p.m - 1]} ${p.y} ${String(p.h).padStart(2, '0')}:${String(p.min).padStart(2, '0')}`;
}

export function weekSpan(d: DigestData): string {
  return `${localDateTime(d.start, d.tz)} – ${localDateTime(d.end, d.tz)} (${d.tz})`;
}

export function levelText(level: Level | null): string {
  return level ? `${level} ${LEVEL_LABELS[level]}` : 'unclassified';
}

/** `1 artefact`, `4 artefacts`. */
export function artefactsText(n: number): string {
  return `${n} artefact${n === 1 ? '' : 's'}`;
}

export function lineText(line: string | null): string {
  return line ?? 'no line';
}

export const TREND_TEXT: Record<Trend, string> = {
  widening: 'widening ▲',
  narrowing: 'narrowing ▼',
  steady: 'steady',
  new: 'new',
};

export function days(n: number | null): string {
  return n === null ? '–' : String(Math.round(n));
}

export function pct(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}

export function gapTrendText(g: GapRow): string {
  // The trend is this week's move; "widening" after it is the gap's status (its conditions hold),
  // which is not an alert: alerts are the events listed below.
  return TREND_TEXT[g.trend] + (g.widening && g.trend !== 'widening' ? ' · widening' : '');
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** `▁▂▂▅██` for a series (null points as spaces), scaled to the series' own maximum. A negative
 *  M1 (the open line is ahead) shows as the lowest bar. */
export function sparkline(points: (number | null)[]): string {
  const max = Math.max(1, ...points.map((p) => p ?? 0));
  return points.map((p) => (p === null ? ' ' : SPARKS[Math.max(0, Math.min(7, Math.round((Math.max(0, p) / max) * 7)))])).join('');
}

/** Bar lengths in pixels for the HTML chart, scaled to the largest value of all series. */
export function barHeights(points: (number | null)[], maxValue: number, maxPx: number): number[] {
  const top = Math.max(1, maxValue);
  return points.map((p) => (p === null || p <= 0 ? 0 : Math.max(2, Math.round((p / top) * maxPx))));
}

/** Cuts to `width` characters with `…`. */
export function fit(s: string, width: number): string {
  const t = oneLine(s);
  if ([...t].length <= width) return t;
  return [...t].slice(0, Math.max(0, width - 1)).join('') + '…';
}

/** Wraps text to `width` columns, every line prefixed with `indent` (the first with `first`). */
export function wrap(text: string, width: number, indent = '', first = indent): string[] {
  const words = oneLine(text).split(' ');
  const lines: string[] = [];
  let cur = first;
  let curEmpty = true;
  for (const w0 of words) {
    let w = w0;
    const room = () => width - [...cur].length - (curEmpty ? 0 : 1);
    if (!curEmpty && [...w].length > room()) {
      lines.push(cur);
      cur = indent;
      curEmpty = true;
    }
    // A single word longer than a line is broken after a - / _ . near the end of the room
    // (`Phi-5-mini-` / `instruct`), else cut where the line ends.
    while ([...w].length > width - [...cur].length) {
      let take = Math.max(1, width - [...cur].length);
      const chars = [...w];
      for (let k = take; k >= Math.ceil(take / 2) && k > 1; k--) {
        if ('-/_.'.includes(chars[k - 1]!)) {
          take = k;
          break;
        }
      }
      lines.push(cur + [...w].slice(0, take).join(''));
      w = [...w].slice(take).join('');
      cur = indent;
    }
    cur += (curEmpty ? '' : ' ') + w;
    curEmpty = false;
  }
  if (!curEmpty || lines.length === 0) lines.push(cur);
  return lines;
}

/** A fixed-width table within `maxWidth` columns. When the natural widths do not fit, the
 *  widest columns give way first and their cells wrap onto more lines (`wrapCells`, the
 *  default) or end with `…`. Returns lines without trailing spaces. */
export function textTable(headers: string[], rows: string[][], maxWidth = 80, opts: { gap?: number; wrapCells?: boolean } = {}): string[] {
  const gap = opts.gap ?? 2;
  const wrapCells = opts.wrapCells ?? true;
  const cells = [headers, ...rows].map((r) => r.map((c) => oneLine(c)));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const total = () => widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
  while (total() > maxWidth) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 6) break;
    widths[widest]!--;
  }
  const sep = ' '.repeat(gap);
  const render = (r: string[]): string[] => {
    const wrapped = r.map((c, i) => (wrapCells ? wrap(c, widths[i]!) : [fit(c, widths[i]!)]));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, k) =>
      wrapped
        .map((w, i) => padEnd(w[k] ?? '', widths[i]!))
        .join(sep)
        .trimEnd(),
    );
  };
  return [...render(cells[0]!), widths.map((w) => '-'.repeat(w)).join(sep), ...cells.slice(1).flatMap(render)];
}

/** Pads to `width` code points (String.padEnd counts UTF-16 units). */
export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - [...s].length));
}
