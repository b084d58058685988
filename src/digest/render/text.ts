// The digest as plain text: every line at most 80 columns, sections in capitals, tables in
// fixed-width columns, M1 as a sparkline. Pure.
import type { ChangeItem, DigestData } from '../types.js';
import { gapSentences, headlineCounts } from '../summary.js';
import {
  days,
  fit,
  gapTrendText,
  levelText,
  localDay,
  MAX_RELEASES_PER_VENDOR,
  padEnd,
  pct,
  sparkline,
  textTable,
  weekSpan,
  wrap,
} from './format.js';

export const TEXT_WIDTH = 80;

function section(title: string, body: string[]): string[] {
  return ['', title.toUpperCase(), ...(body.length ? body : ['  none'])];
}

function changeLines(items: ChangeItem[], tz: string): string[] {
  return items.flatMap((c) => wrap(`${localDay(c.occurredAt, tz)}  ${c.vendor}: ${c.headline}`, TEXT_WIDTH, '              ', '  '));
}

export function renderDigestText(d: DigestData): string {
  const out: string[] = [fit(`modelwatch weekly digest ${d.week}`, TEXT_WIDTH), ...wrap(weekSpan(d), TEXT_WIDTH)];
  const sentences = gapSentences(d);
  if (sentences.length)
    out.push(
      ...section(
        'The gap this week',
        sentences.flatMap((x) => wrap(x, TEXT_WIDTH, '    ', '  ')),
      ),
    );
  out.push('', ...wrap(headlineCounts(d), TEXT_WIDTH));

  const releases: string[] = [];
  for (const v of d.releases) {
    releases.push(fit(v.vendor, TEXT_WIDTH));
    const rows = v.items
      .slice(0, MAX_RELEASES_PER_VENDOR)
      .map((r) => [localDay(r.releasedAt, d.tz), r.name, r.side, levelText(r.level), r.licence ?? '–', String(r.artefacts)]);
    releases.push(...textTable(['date', 'release', 'side', 'level', 'licence', 'artefacts'], rows, TEXT_WIDTH - 2).map((l) => `  ${l}`));
    if (v.items.length > MAX_RELEASES_PER_VENDOR) releases.push(`  … and ${v.items.length - MAX_RELEASES_PER_VENDOR} more`);
  }
  out.push(...section('Releases', releases));
  out.push(...section('Licence changes', changeLines(d.licenceChanges, d.tz)));
  out.push(...section('Gating changes', changeLines(d.gatingChanges, d.tz)));
  if (d.otherChanges.length) out.push(...section('Other changes', changeLines(d.otherChanges, d.tz)));

  out.push(
    ...section(
      'Vendor strategy',
      d.strategy.length
        ? textTable(
            ['vendor', 'strategy', 'licence', 'self-hosting', 'lock-in'],
            d.strategy.map((s) => [s.vendor, s.strategy, s.licence, s.selfHosting, s.lockIn]),
            TEXT_WIDTH,
          )
        : [],
    ),
  );

  const gap = d.gap.length
    ? [
        ...textTable(
          ['vendor', 'M1 days', 'last wk', 'streak', 'open 180d', 'trend'],
          d.gap.map((g) => [
            g.vendor,
            days(g.recencyGapDays),
            days(g.previousRecencyGapDays),
            days(g.proprietaryStreak),
            pct(g.openShare180d),
            gapTrendText(g),
          ]),
          TEXT_WIDTH,
        ),
        ...d.gap.flatMap((g) => (g.reasons.length ? wrap(`${g.vendor}: ${g.reasons.join('; ')}`, TEXT_WIDTH, '    ', '  ') : [])),
      ]
    : [];
  out.push(...section('Gap: open vs proprietary line', gap));
  if (d.gap.length) out.push('  M1: days the open line lags; streak: proprietary releases since the', '  last open one.');

  if (d.history.series.length) {
    const first = d.history.weeks[0] ?? '';
    const last = d.history.weeks.at(-1) ?? '';
    const name = Math.min(24, Math.max(...d.history.series.map((s) => [...s.vendor].length)));
    const lines = d.history.series.map((s) => {
      const latest = [...s.points].reverse().find((p) => p !== null) ?? null;
      return `  ${padEnd(fit(s.vendor, name), name)}  ${sparkline(s.points)}  ${days(latest)} days`;
    });
    out.push(...section(`M1 over ${d.history.weeks.length} weeks (${first} to ${last})`, lines));
  }

  const src = d.sources;
  const sources = [`  ${src.total} sources, ${src.ok} ok, ${src.failing.length} failing`];
  for (const f of src.failing) {
    sources.push(
      ...wrap(
        `${f.id}: ${f.consecutiveErrors} errors in a row${f.since ? ` since ${localDay(f.since, d.tz)}` : ''}${f.lastError ? ` (${f.lastError})` : ''}`,
        TEXT_WIDTH,
        '      ',
        '    ',
      ),
    );
  }
  out.push(...section('Source health', sources));

  const deadlines = d.deadlines.flatMap((dl) => {
    const when = dl.reachedAt
      ? `reached ${localDay(dl.reachedAt, d.tz)}`
      : dl.daysLeft >= 0
        ? `${dl.daysLeft} days left`
        : `${-dl.daysLeft} days overdue`;
    const head = `${dl.subject}: decide by ${localDay(dl.date, d.tz)} (${when})${dl.note ? `: ${dl.note}` : ''}`;
    const changes = dl.changesSinceSet
      ? `${dl.changesSinceSet} change${dl.changesSinceSet === 1 ? '' : 's'} since set on ${localDay(dl.setAt, d.tz)}: ${dl.recentChanges.join('; ')}`
      : `nothing changed since set on ${localDay(dl.setAt, d.tz)}`;
    return [...wrap(head, TEXT_WIDTH, '    ', '  '), ...wrap(changes, TEXT_WIDTH, '    ', '    ')];
  });
  out.push(...section('Decision deadlines', deadlines));
  out.push('', '-- ', 'modelwatch: `modelwatch digest --week ' + d.week + ' --format md` for Markdown.');
  return out.map((l) => l.trimEnd()).join('\n') + '\n';
}
