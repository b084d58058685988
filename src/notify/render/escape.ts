// Escaping for every output format. Vendor text (model names, post titles, licence names,
// URLs) is untrusted: it must arrive as text, never as markup, mentions or links.
// Control characters, one-line text and safe URLs are in shared/text.ts (the event descriptions
// use them too); they are re-exported here for the renderers.
import { safeUrl } from '../../shared/text.js';

export { oneLine, safeUrl, stripControl } from '../../shared/text.js';

/** Slack mrkdwn and plain text: `&`, `<`, `>` and nothing else
 *  (https://api.slack.com/reference/surfaces/formatting#escaping). A name such as
 *  `<!channel> <https://evil|click>` then shows as typed and pings nobody. */
export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** HTML text and attribute values (double-quoted attributes). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A URL fit for a Slack `<url|label>` sequence: `|`, `<`, `>` and spaces percent-encoded (so
 *  the URL cannot end the sequence or smuggle a label), then `&` escaped. */
export function slackUrl(u: unknown): string | null {
  const href = safeUrl(u);
  if (!href) return null;
  const encoded = href.replace(/[|<>\s"]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
  return escapeSlack(encoded);
}

/** Cuts `s` to at most `max` characters, ending with `…` when cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 1) return s.slice(0, max);
  return s.slice(0, max - 1) + '…';
}
