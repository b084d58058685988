// Every digest format behind one switch (for `modelwatch digest --format`), and the rendered
// message the channels send.
import type { DigestMessage } from '../../notify/channel.js';
import { digestSubject } from '../summary.js';
import type { DigestData } from '../types.js';
import { renderDigestHtml } from './html.js';
import { renderDigestMarkdown } from './markdown.js';
import { renderDigestSlack } from './slack.js';
import { renderDigestText } from './text.js';

export { renderDigestHtml, renderDigestMarkdown, renderDigestSlack, renderDigestText };

export type DigestFormat = 'html' | 'text' | 'md' | 'slack';
export const DIGEST_FORMATS: readonly DigestFormat[] = ['html', 'text', 'md', 'slack'];

/** One format as a string (Slack: the JSON payload). */
export function renderDigest(data: DigestData, format: DigestFormat): string {
  switch (format) {
    case 'html':
      return renderDigestHtml(data);
    case 'text':
      return renderDigestText(data);
    case 'md':
      return renderDigestMarkdown(data);
    case 'slack':
      return JSON.stringify(renderDigestSlack(data), null, 2) + '\n';
  }
}

export function digestMessage(data: DigestData): DigestMessage {
  return {
    week: data.week,
    subject: digestSubject(data),
    text: renderDigestText(data),
    html: renderDigestHtml(data),
    markdown: renderDigestMarkdown(data),
    slack: renderDigestSlack(data),
    data,
  };
}
