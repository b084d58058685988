// The one interface every alert channel implements (slack.ts, email.ts, webhook.ts,
// console.ts), the messages it carries (an alert batch, a rendered digest, the Slack Block Kit
// shape both renderers build), and the one error type channels throw. The dispatcher
// (dispatch.ts) owns retries: a channel makes exactly one delivery attempt per call and says,
// by throwing ChannelError, whether trying again later can help.
import type { StoredEvent } from '../events/index.js';

/** Slack Block Kit (https://api.slack.com/reference/block-kit/blocks), the subset the renderers use. */
export type SlackText = { type: 'plain_text' | 'mrkdwn'; text: string };
export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text: SlackText }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Alerts of one vendor for one channel, oldest event first: one message. */
export interface AlertBatch {
  /** null for events that belong to no vendor (cross-vendor gap, a deadline on a model). */
  vendorId: string | null;
  /** Display name ("Meta"); falls back to the id. */
  vendorName?: string;
  events: StoredEvent[];
}

/** A weekly digest, already rendered in every format (see src/digest/). */
export interface DigestMessage {
  /** ISO week, `2026-W15`. */
  week: string;
  subject: string;
  text: string;
  html: string;
  markdown: string;
  slack: SlackMessage;
  /** The DigestData itself, for machine receivers (webhook). */
  data: unknown;
  /** The chart as a PNG; `html` shows it as `cid:<cid>` (email attaches it inline). */
  chart?: { png: Buffer; cid: string; alt: string; filename: string };
}

export interface Channel {
  /** Registry name, as used in alerts.channel and in vendor routing: `slack`, `email`, ... */
  readonly name: string;
  /** One delivery attempt. Resolves when the receiver accepted the message. */
  send(batch: AlertBatch): Promise<void>;
  /** One delivery attempt of a digest (every channel of the registry implements it). */
  sendDigest(digest: DigestMessage): Promise<void>;
  /** Releases connections (SMTP pool); optional. */
  close?(): void;
}

export interface ChannelErrorInit {
  /** True when a later attempt may succeed (network, 5xx, 429, SMTP 4xx). */
  transient: boolean;
  /** The receiver asked us to wait until then (Retry-After). */
  retryAt?: Date;
  /** HTTP status or SMTP reply code, when there was one. */
  status?: number;
  cause?: unknown;
}

/** Messages start with the channel name (`slack: 400 invalid_payload`) and never carry a secret. */
export class ChannelError extends Error {
  override name = 'ChannelError';
  readonly transient: boolean;
  readonly retryAt?: Date;
  readonly status?: number;

  constructor(message: string, init: ChannelErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.transient = init.transient;
    if (init.retryAt !== undefined) this.retryAt = init.retryAt;
    if (init.status !== undefined) this.status = init.status;
  }
}
