// The digest as a Slack message (Block Kit): summary, releases and changes as mrkdwn lists,
// the strategy and gap tables as preformatted blocks (Slack has no tables). Vendor text is
// escaped; the 50-block and 3,000-character limits are kept. Pure.
import { escapeSlack, slackUrl } from '../../notify/render/escape.js';
import type { SlackBlock, SlackMessage } from '../../notify/channel.js';
import { fitMrkdwn, plainText, SLACK_LIMITS } from '../../notify/render/slack.js';
import type { ChangeItem, DigestData } from '../types.js';
import { gapSentences, headlineCounts } from '../summary.js';
import {
  days,
  gapTrendText,
  artefactsText,
  levelText,
  localDay,
  MAX_RELEASES_PER_VENDOR,
  pct,
  sparkline,
  textTable,
  weekSpan,
} from './format.js';

const s = escapeSlack;

function linked(text: string, url: string | null): string {
  const u = slackUrl(url);
  return u ? `<${u}|${s(text)}>` : s(text);
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: fitMrkdwn(text) } };
}

/** A preformatted table; Slack shows code blocks in a fixed-width font. */
function pre(lines: string[]): string {
  return '```\n' + s(lines.join('\n')) + '\n```';
}

function changeList(title: string, items: ChangeItem[], tz: string): SlackBlock[] {
  if (!items.length) return [];
  return [
    section(`*${title}*\n` + items.map((c) => `• ${localDay(c.occurredAt, tz)} *${s(c.vendor)}*: ${linked(c.headline, c.url)}`).join('\n')),
  ];
}

export function renderDigestSlack(d: DigestData): SlackMessage {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: plainText(`modelwatch weekly digest ${d.week}`, SLACK_LIMITS.headerText) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: s(weekSpan(d)) }] },
  ];
  const sentences = gapSentences(d);
  if (sentences.length) blocks.push(section(`*The gap this week*\n${sentences.map((x) => `• ${s(x)}`).join('\n')}`));
  blocks.push(section(`*${s(headlineCounts(d))}*`));

  for (const v of d.releases) {
    const lines = v.items
      .slice(0, MAX_RELEASES_PER_VENDOR)
      .map(
        (r) =>
          `• ${localDay(r.releasedAt, d.tz)} ${linked(r.name, r.url)}: ${r.side}, ${s(levelText(r.level))}, ${s(r.licence ?? 'licence unknown')}, ${artefactsText(r.artefacts)}`,
      );
    if (v.items.length > MAX_RELEASES_PER_VENDOR) lines.push(`… and ${v.items.length - MAX_RELEASES_PER_VENDOR} more`);
    blocks.push(section(`*Releases: ${s(v.vendor)}*\n${lines.join('\n')}`));
  }
  blocks.push(...changeList('Licence changes', d.licenceChanges, d.tz));
  blocks.push(...changeList('Gating changes', d.gatingChanges, d.tz));
  blocks.push(...changeList('Other changes', d.otherChanges, d.tz));

  if (d.strategy.length) {
    const table = textTable(
      ['vendor', 'strategy', 'licence', 'self-hosting', 'lock-in'],
      d.strategy.map((r) => [r.vendor, r.strategy, r.licence, r.selfHosting, r.lockIn]),
      90,
      { wrapCells: false },
    );
    blocks.push({ type: 'divider' }, section(`*Vendor strategy*\n${pre(table)}`));
  }
  if (d.gap.length) {
    const table = textTable(
      ['vendor', 'M1', 'last wk', 'streak', 'open', 'trend', '12 wk'],
      d.gap.map((g) => [
        g.vendor,
        days(g.recencyGapDays),
        days(g.previousRecencyGapDays),
        days(g.proprietaryStreak),
        pct(g.openShare180d),
        gapTrendText(g),
        sparkline(d.history.series.find((x) => x.vendorId === g.vendorId)?.points ?? []),
      ]),
      90,
      { wrapCells: false },
    );
    blocks.push(section(`*Gap: open vs proprietary line* (M1 in days)\n${pre(table)}`));
  }
  const failing = d.sources.failing.map(
    (f) => `• \`${s(f.id)}\`: ${f.consecutiveErrors} errors in a row${f.lastError ? `: ${s(f.lastError)}` : ''}`,
  );
  blocks.push(
    section(
      `*Source health*: ${d.sources.total} sources, ${d.sources.ok} ok, ${d.sources.failing.length} failing${failing.length ? '\n' + failing.join('\n') : ''}`,
    ),
  );
  if (d.deadlines.length) {
    const lines = d.deadlines.map((dl) => {
      const when = dl.reachedAt
        ? `reached ${localDay(dl.reachedAt, d.tz)}`
        : dl.daysLeft >= 0
          ? `${dl.daysLeft} days left`
          : `${-dl.daysLeft} days overdue`;
      return `• *${s(dl.subject)}*: decide by ${localDay(dl.date, d.tz)} (${when}), ${dl.changesSinceSet} changes since set${dl.note ? ` · ${s(dl.note)}` : ''}`;
    });
    blocks.push(section(`*Decision deadlines*\n${lines.join('\n')}`));
  }
  if (blocks.length > SLACK_LIMITS.blocks) {
    blocks.splice(SLACK_LIMITS.blocks - 1);
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Digest cut to fit Slack: \`modelwatch digest --week ${d.week}\` prints it all.` }],
    });
  }
  return { text: plainText(`modelwatch weekly digest ${d.week}: ${headlineCounts(d)}`, SLACK_LIMITS.fallbackText), blocks };
}
