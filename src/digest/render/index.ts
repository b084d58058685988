// Every digest format behind one switch (for `modelwatch digest --format`), and the rendered
// message the channels send.
import type { DigestMessage } from '../../notify/channel.js';
import { digestSubject } from '../summary.js';
import { CHART_CID, type DigestChart } from '../chart.js';
import type { DigestData } from '../types.js';
import { renderDigestHtml } from './html.js';
import { renderDigestMarkdown } from './markdown.js';
import { renderDigestSlack } from './slack.js';
import { renderDigestText } from './text.js';

export { renderDigestHtml, renderDigestMarkdown, renderDigestSlack, renderDigestText };

export type DigestFormat = 'html' | 'text' | 'md' | 'slack';
export const DIGEST_FORMATS: readonly DigestFormat[] = ['html', 'text', 'md', 'slack'];

/** One format as a string (Slack: the JSON payload); HTML embeds the chart as a data: URL. */
export function renderDigest(data: DigestData, format: DigestFormat, chart?: DigestChart | null): string {
  switch (format) {
    case 'html':
      return renderDigestHtml(data, {
        chart: chart
          ? { src: `data:image/png;base64,${chart.png.toString('base64')}`, alt: chart.alt, width: chart.width, height: chart.height }
          : null,
      });
    case 'text':
      return renderDigestText(data);
    case 'md':
      return renderDigestMarkdown(data);
    case 'slack':
      return JSON.stringify(renderDigestSlack(data), null, 2) + '\n';
  }
}

/** The message the channels send; with a chart, the HTML shows it as an inline (CID) image. */
export function digestMessage(data: DigestData, chart?: DigestChart | null): DigestMessage {
  return {
    week: data.week,
    subject: digestSubject(data),
    text: renderDigestText(data),
    html: renderDigestHtml(data, {
      chart: chart ? { src: `cid:${CHART_CID}`, alt: chart.alt, width: chart.width, height: chart.height } : null,
    }),
    ...(chart ? { chart: { png: chart.png, cid: CHART_CID, alt: chart.alt, filename: `modelwatch-gap-${data.week}.png` } } : {}),
    markdown: renderDigestMarkdown(data),
    slack: renderDigestSlack(data),
    data,
  };
}
