// The digest as Markdown (CommonMark + GFM tables), e.g. for a wiki page or an issue. Vendor
// text is escaped so it cannot open emphasis, links, tables cells or raw HTML. Pure.
import { safeUrl } from '../../notify/render/escape.js';
import type { ChangeItem, DigestData } from '../types.js';
import { gapSentences, headlineCounts } from '../summary.js';
import { days, gapTrendText, levelText, localDay, MAX_RELEASES_PER_VENDOR, pct, sparkline, weekSpan } from './format.js';
import { oneLine } from '../../notify/render/escape.js';

/**
 * Escapes what can open emphasis, code, links, strike-through or a table cell with backslashes,
 * and HTML with entities. Parentheses, `#` and `!` are left alone: without a `[` (escaped) they
 * cannot make a link or an image, and `#` only matters at a line's start, where text never is.
 */
export function escapeMd(s: string): string {
  return oneLine(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

function mdLink(text: string, url: string | null): string {
  const u = safeUrl(url);
  if (!u) return escapeMd(text);
  return `[${escapeMd(text)}](${u.replace(/[()\s<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))})`;
}

function table(headers: string[], rows: string[][]): string[] {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function changes(items: ChangeItem[], tz: string): string[] {
  if (!items.length) return ['None this week.'];
  return items.map((c) => `- ${localDay(c.occurredAt, tz)} **${escapeMd(c.vendor)}**: ${mdLink(c.headline, c.url)}`);
}

export function renderDigestMarkdown(d: DigestData): string {
  const out: string[] = [`# modelwatch weekly digest ${d.week}`, '', escapeMd(weekSpan(d))];
  const sentences = gapSentences(d);
  if (sentences.length) out.push('', '## The gap this week', '', ...sentences.map((x) => `- ${escapeMd(x)}`));
  out.push('', `**${headlineCounts(d)}**`);

  out.push('', '## Releases', '');
  if (!d.releases.length) out.push('None this week.');
  for (const v of d.releases) {
    out.push(`### ${escapeMd(v.vendor)}`, '');
    out.push(
      ...table(
        ['date', 'release', 'side', 'level', 'licence', 'artefacts'],
        v.items
          .slice(0, MAX_RELEASES_PER_VENDOR)
          .map((r) => [
            localDay(r.releasedAt, d.tz),
            mdLink(r.name, r.url),
            r.side,
            escapeMd(levelText(r.level)),
            escapeMd(r.licence ?? '–'),
            String(r.artefacts),
          ]),
      ),
      '',
    );
    if (v.items.length > MAX_RELEASES_PER_VENDOR) out.push(`… and ${v.items.length - MAX_RELEASES_PER_VENDOR} more.`, '');
  }

  out.push('', '## Licence changes', '', ...changes(d.licenceChanges, d.tz));
  out.push('', '## Gating changes', '', ...changes(d.gatingChanges, d.tz));
  if (d.otherChanges.length) out.push('', '## Other changes', '', ...changes(d.otherChanges, d.tz));

  out.push('', '## Vendor strategy', '');
  out.push(
    ...(d.strategy.length
      ? table(
          ['vendor', 'latest release', 'strategy', 'licence', 'self-hosting', 'lock-in risk'],
          d.strategy.map((s) => [
            escapeMd(s.vendor),
            escapeMd(s.latest ?? '–'),
            escapeMd(s.strategy),
            escapeMd(s.licence),
            escapeMd(s.selfHosting),
            s.lockIn,
          ]),
        )
      : ['No classified releases yet.']),
  );

  out.push('', '## Gap: open vs proprietary line', '');
  if (d.gap.length) {
    out.push(
      ...table(
        ['vendor', 'M1 (days)', 'last week', 'streak', 'open share 180 d', 'trend', `M1, ${d.history.weeks.length} weeks`],
        d.gap.map((g) => {
          const series = d.history.series.find((s) => s.vendorId === g.vendorId);
          return [
            escapeMd(g.vendor),
            days(g.recencyGapDays),
            days(g.previousRecencyGapDays),
            days(g.proprietaryStreak),
            pct(g.openShare180d),
            gapTrendText(g),
            series ? `\`${sparkline(series.points)}\`` : '–',
          ];
        }),
      ),
      '',
      "M1: days the open line's latest release lags the proprietary line's; streak: proprietary releases since the last open one.",
    );
    for (const g of d.gap.filter((x) => x.reasons.length)) out.push('', `- **${escapeMd(g.vendor)}**: ${escapeMd(g.reasons.join('; '))}`);
  } else out.push('No gap snapshots yet.');

  out.push('', '## Source health', '', `${d.sources.total} sources, ${d.sources.ok} ok, ${d.sources.failing.length} failing.`);
  for (const f of d.sources.failing) {
    out.push(
      `- \`${f.id.replace(/`/g, "'")}\`: ${f.consecutiveErrors} errors in a row${f.since ? ` since ${localDay(f.since, d.tz)}` : ''}${f.lastError ? `: ${escapeMd(f.lastError)}` : ''}`,
    );
  }

  out.push('', '## Decision deadlines', '');
  if (!d.deadlines.length) out.push('None set. `modelwatch deadline set <vendor|model> <date>` adds one.');
  for (const dl of d.deadlines) {
    const when = dl.reachedAt
      ? `reached ${localDay(dl.reachedAt, d.tz)}`
      : dl.daysLeft >= 0
        ? `${dl.daysLeft} days left`
        : `${-dl.daysLeft} days overdue`;
    out.push(`- **${escapeMd(dl.subject)}**: decide by ${localDay(dl.date, d.tz)} (${when})${dl.note ? `: ${escapeMd(dl.note)}` : ''}`);
    out.push(
      `  ${dl.changesSinceSet ? `${dl.changesSinceSet} changes since set: ${escapeMd(dl.recentChanges.join('; '))}` : 'No change since set.'}`,
    );
  }
  return out.join('\n') + '\n';
}
