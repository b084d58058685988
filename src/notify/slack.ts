// Slack incoming webhooks (https://api.slack.com/messaging/webhooks): POST a JSON payload of
// Block Kit `blocks` with a `text` fallback. 200 `ok` is success; `invalid_payload`,
// `channel_not_found` and every other 4xx are permanent; 429 (Retry-After, in seconds) and 5xx
// are transient. The webhook URL is a secret: it never appears in errors or logs.
import type { HttpClient } from '../http/index.js';
import type { AlertBatch, Channel, DigestMessage, SlackMessage } from './channel.js';
import { postJson } from './http-post.js';
import { renderSlackAlert } from './render/slack.js';

export const SLACK_CHANNEL = 'slack';

export interface SlackOptions {
  /** SLACK_WEBHOOK_URL. */
  webhookUrl: string;
  http: HttpClient;
  now: () => Date;
}

export function createSlackChannel(opts: SlackOptions): Channel {
  async function post(message: SlackMessage): Promise<void> {
    // unfurl off: a vendor link must not expand into a preview we did not choose.
    const body = JSON.stringify({ text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
    // Slack answers 200 `ok`; Slack-compatible receivers (Mattermost, ...) answer other 2xx
    // bodies. Any 2xx means the message was accepted: treating it as an error would resend it.
    await postJson({ http: opts.http, url: opts.webhookUrl, label: SLACK_CHANNEL, body, now: opts.now });
  }
  return {
    name: SLACK_CHANNEL,
    send: (batch: AlertBatch) => post(renderSlackAlert(batch)),
    sendDigest: (digest: DigestMessage) => post(digest.slack),
  };
}
