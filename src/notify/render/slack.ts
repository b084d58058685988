// Slack Block Kit messages for alert batches (https://api.slack.com/reference/block-kit/blocks).
// Pure. Every piece of vendor text goes through escapeSlack, links through slackUrl.
// Limits kept: at most 50 blocks per message, section text ≤ 3,000 characters, header text
// ≤ 150 characters; `text` (the notification fallback) ≤ 3,000 characters.
import type { AlertBatch, SlackBlock, SlackMessage } from '../channel.js';
import { day, eventUrl, headline, vendorLabel } from '../../events/index.js';
import { escapeSlack, oneLine, slackUrl, truncate } from './escape.js';

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, fallbackText: 3000 } as const;

/** Cuts already-escaped mrkdwn to `max` characters without splitting an entity (`&amp;`) or a
 *  `<url|label>` sequence, and says that it was cut (with a link to the rest when known). */
export function fitMrkdwn(text: string, max: number = SLACK_LIMITS.sectionText, moreUrl?: string | null): string {
  if (text.length <= max) return text;
  const link = moreUrl ? slackUrl(moreUrl) : null;
  const note = link ? ` … (truncated, <${link}|read more>)` : ' … (truncated)';
  let cut = text.slice(0, Math.max(0, max - note.length));
  cut = cut.replace(/&[a-z]*$/, ''); // half an entity
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open); // half a link
  // A lone `*` or `_` left open would bold the note: drop a trailing marker.
  return cut.replace(/[*_~`]+$/, '') + note;
}

/** Plain text for header blocks and the fallback: escaped, one line, within `max`. */
export function plainText(raw: string, max: number): string {
  const escaped = escapeSlack(truncate(oneLine(raw), max));
  return escaped.length <= max ? escaped : fitMrkdwn(escaped, max);
}

export function renderSlackAlert(batch: AlertBatch): SlackMessage {
  const vendor = vendorLabel(batch.vendorId, batch.vendorName);
  const n = batch.events.length;
  const title = n === 1 ? `${vendor}: ${headline(batch.events[0]!)}` : `${vendor}: ${n} changes`;
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: plainText(title, SLACK_LIMITS.headerText) } }];
  // Room for the header and, when needed, one closing note.
  const room = SLACK_LIMITS.blocks - 2;
  const shown = batch.events.slice(0, room);
  for (const e of shown) {
    const url = eventUrl(e);
    const link = slackUrl(url);
    const head = escapeSlack(headline(e));
    const lines = [link ? `*<${link}|${head}>*` : `*${head}*`];
    if (e.summary && oneLine(e.summary) !== headline(e)) lines.push(escapeSlack(e.summary));
    lines.push(`_${escapeSlack(`${e.kind} · ${e.severity} · ${day(e.occurredAt)}`)}_`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fitMrkdwn(lines.join('\n'), SLACK_LIMITS.sectionText, url) } });
  }
  if (n > shown.length) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `…and ${n - shown.length} more changes: run \`modelwatch alerts --status sent\` to see them all.` },
      ],
    });
  }
  const fallback = n === 1 ? title : `${title}: ${batch.events.map((e) => headline(e)).join('; ')}`;
  return { text: plainText(fallback, SLACK_LIMITS.fallbackText), blocks };
}
