// The digest as an HTML email: inline styles only (mail clients drop <style>), layout tables,
// the chart as an image (a PNG: Gmail drops SVG) given by the caller (a cid: in the email, a data:
// URL in a file), else the M1 as table-cell bars. Every value is escaped. Pure.
import { escapeHtml, safeUrl } from '../../notify/render/escape.js';
import type { ChangeItem, DigestData } from '../types.js';
import { gapSentences, headlineCounts } from '../summary.js';
import { barHeights, days, gapTrendText, levelText, localDay, MAX_RELEASES_PER_VENDOR, pct, weekSpan } from './format.js';

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TABLE = 'border-collapse:collapse;width:100%;margin:0 0 16px;';
const TH = `${FONT}font-size:13px;text-align:left;padding:6px 8px;background:#e5e7eb;color:#111827;border:1px solid #d1d5db;`;
const TD = `${FONT}font-size:13px;padding:6px 8px;color:#111827;border:1px solid #d1d5db;vertical-align:top;`;
const H2 = `${FONT}font-size:17px;color:#111827;margin:24px 0 8px;`;
const P = `${FONT}font-size:13px;color:#374151;margin:0 0 12px;`;
const BAR = '#2563eb';
const LOCK_COLOURS: Record<string, string> = { low: '#15803d', medium: '#b45309', high: '#b91c1c', unknown: '#6b7280' };
const TREND_COLOURS: Record<string, string> = { widening: '#b91c1c', narrowing: '#15803d', steady: '#374151', new: '#374151' };

const e = escapeHtml;

function table(headers: string[], rows: string[][]): string {
  const head = `<tr>${headers.map((h) => `<th style="${TH}">${e(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td style="${TD}">${c}</td>`).join('')}</tr>`).join('\n');
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="${TABLE}">\n${head}\n${body}\n</table>`;
}

function link(text: string, url: string | null): string {
  const u = safeUrl(url);
  return u ? `<a href="${e(u)}" style="color:#1d4ed8">${e(text)}</a>` : e(text);
}

/** A date that never wraps inside its cell. */
function date(iso: string, tz: string): string {
  return `<span style="white-space:nowrap">${e(localDay(iso, tz))}</span>`;
}

function h2(title: string): string {
  return `<h2 style="${H2}">${e(title)}</h2>`;
}

function none(): string {
  return `<p style="${P}">None this week.</p>`;
}

function changes(items: ChangeItem[], tz: string): string {
  if (!items.length) return none();
  return table(
    ['date', 'vendor', 'change'],
    items.map((c) => [date(c.occurredAt, tz), e(c.vendor), link(c.headline, c.url)]),
  );
}

function m1Chart(d: DigestData): string {
  const all = d.history.series.flatMap((s) => s.points.filter((p): p is number => p !== null));
  const max = Math.max(1, ...all);
  const PX = 48;
  const rows = d.history.series.map((s) => {
    const heights = barHeights(s.points, max, PX);
    const cells = heights
      .map((h, i) => {
        const title = `${d.history.weeks[i]}: ${days(s.points[i] ?? null)} days`;
        const bar = h
          ? `<table role="presentation" cellpadding="0" cellspacing="0" width="14" style="border-collapse:collapse"><tr><td height="${h}" bgcolor="${BAR}" style="height:${h}px;width:14px;background:${BAR};font-size:0;line-height:0">&nbsp;</td></tr></table>`
          : '';
        return `<td valign="bottom" title="${e(title)}" style="height:${PX}px;width:16px;padding:0 1px;vertical-align:bottom;border-bottom:1px solid #9ca3af">${bar}</td>`;
      })
      .join('');
    const latest = [...s.points].reverse().find((p) => p !== null) ?? null;
    return `<tr><td style="${TD}border:none;white-space:nowrap;vertical-align:bottom">${e(s.vendor)}</td>${cells}<td style="${TD}border:none;white-space:nowrap;vertical-align:bottom">${e(days(latest))} days</td></tr>`;
  });
  const first = d.history.weeks[0] ?? '';
  const last = d.history.weeks.at(-1) ?? '';
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 6px">\n${rows.join('\n')}\n</table>` +
    `<p style="${P}">Bars: M1 at the end of each week, ${e(first)} to ${e(last)}; scale 0 to ${e(days(max))} days.</p>`
  );
}

/** The chart as an image: where it is (`cid:...` or a data: URL), its alt text and its size. */
export interface ChartImage {
  src: string;
  alt: string;
  width: number;
  height: number;
}

export function renderDigestHtml(d: DigestData, opts: { chart?: ChartImage | null } = {}): string {
  const parts: string[] = [];
  parts.push(`<h1 style="${FONT}font-size:22px;color:#111827;margin:0 0 4px">modelwatch weekly digest ${e(d.week)}</h1>`);
  parts.push(`<p style="${P}">${e(weekSpan(d))}</p>`);
  const sentences = gapSentences(d);
  if (sentences.length) {
    parts.push(h2('The gap this week'));
    parts.push(`<ul style="${P}padding-left:20px">${sentences.map((x) => `<li style="margin:0 0 4px">${e(x)}</li>`).join('')}</ul>`);
  }
  if (opts.chart) {
    // Displayed at half the PNG's pixels: sharp on high-density screens.
    const c = opts.chart;
    const w = Math.round(c.width / 2);
    parts.push(
      `<p style="${P}"><img src="${e(c.src)}" alt="${e(c.alt)}" width="${w}" style="display:block;max-width:100%;height:auto;border:0" id="gap-chart"></p>`,
      `<p style="${P}">Bars: M1, days the open line's latest release trails the proprietary line's (red; green below zero: the open line is ahead; a grey cross: no snapshot that week). Blue line: open share of releases over 180 days.</p>`,
    );
  }
  parts.push(`<p style="${P}"><strong>${e(headlineCounts(d))}</strong></p>`);

  parts.push(h2('Releases'));
  if (!d.releases.length) parts.push(none());
  for (const v of d.releases) {
    const rows = v.items
      .slice(0, MAX_RELEASES_PER_VENDOR)
      .map((r) => [
        date(r.releasedAt, d.tz),
        link(r.name, r.url),
        e(r.side),
        e(levelText(r.level)),
        e(r.licence ?? '–'),
        String(r.artefacts),
      ]);
    parts.push(`<p style="${P}margin-bottom:4px"><strong>${e(v.vendor)}</strong></p>`);
    parts.push(table(['date', 'release', 'side', 'level', 'licence', 'artefacts'], rows));
    if (v.items.length > MAX_RELEASES_PER_VENDOR) parts.push(`<p style="${P}">… and ${v.items.length - MAX_RELEASES_PER_VENDOR} more.</p>`);
  }

  parts.push(h2('Licence changes'), changes(d.licenceChanges, d.tz));
  parts.push(h2('Gating changes'), changes(d.gatingChanges, d.tz));
  if (d.otherChanges.length) parts.push(h2('Other changes'), changes(d.otherChanges, d.tz));

  parts.push(h2('Vendor strategy'));
  parts.push(
    d.strategy.length
      ? table(
          ['vendor', 'latest release', 'strategy', 'licence', 'self-hosting', 'lock-in risk'],
          d.strategy.map((s) => [
            e(s.vendor),
            e(s.latest ?? '–'),
            e(s.strategy),
            e(s.licence),
            e(s.selfHosting),
            `<strong style="color:${LOCK_COLOURS[s.lockIn] ?? '#111827'}">${e(s.lockIn)}</strong>`,
          ]),
        )
      : none(),
  );

  parts.push(h2('Gap: open vs proprietary line'));
  parts.push(
    d.gap.length
      ? table(
          ['vendor', 'M1 (days)', 'last week', 'streak', 'open share 180 d', 'trend', 'why'],
          d.gap.map((g) => [
            e(g.vendor),
            e(days(g.recencyGapDays)),
            e(days(g.previousRecencyGapDays)),
            e(days(g.proprietaryStreak)),
            e(pct(g.openShare180d)),
            `<span style="color:${TREND_COLOURS[g.trend]}">${e(gapTrendText(g))}</span>`,
            e(g.reasons.join('; ') || '–'),
          ]),
        ) +
          `<p style="${P}">M1: days the open line's latest release lags the proprietary line's; streak: proprietary releases since the last open one.</p>`
      : none(),
  );

  if (d.history.series.length && !opts.chart) parts.push(h2(`M1 over ${d.history.weeks.length} weeks`), m1Chart(d));

  parts.push(h2('Source health'));
  parts.push(`<p style="${P}">${d.sources.total} sources, ${d.sources.ok} ok, ${d.sources.failing.length} failing.</p>`);
  if (d.sources.failing.length) {
    parts.push(
      table(
        ['source', 'failing since', 'errors in a row', 'last error'],
        d.sources.failing.map((f) => [
          e(f.id),
          e(f.since ? localDay(f.since, d.tz) : '–'),
          e(String(f.consecutiveErrors)),
          e(f.lastError ?? '–'),
        ]),
      ),
    );
  }

  parts.push(h2('Decision deadlines'));
  parts.push(
    d.deadlines.length
      ? table(
          ['subject', 'decide by', 'countdown', 'note', 'since set'],
          d.deadlines.map((dl) => [
            e(dl.subject),
            e(localDay(dl.date, d.tz)),
            e(
              dl.reachedAt
                ? `reached ${localDay(dl.reachedAt, d.tz)}`
                : dl.daysLeft >= 0
                  ? `${dl.daysLeft} days left`
                  : `${-dl.daysLeft} days overdue`,
            ),
            e(dl.note ?? '–'),
            e(dl.changesSinceSet ? `${dl.changesSinceSet} changes: ${dl.recentChanges.join('; ')}` : 'no change'),
          ]),
        )
      : none(),
  );

  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>modelwatch weekly digest ${e(d.week)}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff">',
    '<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="border-collapse:collapse"><tr><td style="padding:16px">',
    '<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="border-collapse:collapse;max-width:960px"><tr><td>',
    ...parts,
    `<p style="${P}color:#6b7280">Sent by modelwatch.</p>`,
    '</td></tr></table>',
    '</td></tr></table>',
    '</body></html>',
    '',
  ].join('\n');
}
