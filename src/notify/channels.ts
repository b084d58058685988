// The registry of alert channels, listed by hand (one file per channel), built from the channel
// settings the config validated (config/channels.ts: the variables, the rules, the messages).
// With no channel configured, alerts go to the console.
import type { ChannelSettings } from '../config/channels.js';
import { UsageError } from '../errors.js';
import type { HttpClient } from '../http/index.js';
import type { Channel } from './channel.js';
import { CONSOLE_CHANNEL, createConsoleChannel } from './console.js';
import { EMAIL_CHANNEL, createEmailChannel } from './email.js';
import { SLACK_CHANNEL, createSlackChannel } from './slack.js';
import { WEBHOOK_CHANNEL, createWebhookChannel } from './webhook.js';

export interface ChannelDeps {
  http: HttpClient;
  now: () => Date;
  /** Stream of the console channel (stdout by default). */
  out?: { write(chunk: string): unknown };
}

export interface ChannelFactory {
  name: string;
  /** The channel when the settings configure it, else null. */
  create(settings: ChannelSettings, deps: ChannelDeps): Channel | null;
}

const slack: ChannelFactory = {
  name: SLACK_CHANNEL,
  create: ({ slack: s }, deps) => (s ? createSlackChannel({ webhookUrl: s.webhookUrl, http: deps.http, now: deps.now }) : null),
};

const email: ChannelFactory = {
  name: EMAIL_CHANNEL,
  create: ({ email: s }, deps) => (s ? createEmailChannel({ smtpUrl: s.smtpUrl, from: s.from, to: s.to, now: deps.now }) : null),
};

const webhook: ChannelFactory = {
  name: WEBHOOK_CHANNEL,
  create: ({ webhook: s }, deps) => (s ? createWebhookChannel({ url: s.url, secret: s.secret, http: deps.http, now: deps.now }) : null),
};

const consoleChannel: ChannelFactory = {
  name: CONSOLE_CHANNEL,
  create: (settings, deps) => (settings.console ? createConsoleChannel(deps.out ? { out: deps.out } : {}) : null),
};

/** Every channel, by hand. Order is the order of delivery in a dispatch cycle. */
export const CHANNEL_FACTORIES: readonly ChannelFactory[] = registry([slack, email, webhook, consoleChannel]);

function registry(list: ChannelFactory[]): readonly ChannelFactory[] {
  const seen = new Set<string>();
  for (const f of list) {
    if (seen.has(f.name)) throw new Error(`notify: channel ${f.name} is registered twice`);
    seen.add(f.name);
  }
  return Object.freeze(list);
}

/** The configured channels by name; the console alone when none is configured. Throws one
 *  UsageError listing every problem of the channel settings. */
export function createChannels(settings: ChannelSettings, deps: ChannelDeps): Map<string, Channel> {
  if (settings.problems.length) throw new UsageError(settings.problems.join('\n'));
  const channels = new Map<string, Channel>();
  for (const f of CHANNEL_FACTORIES) {
    const ch = f.create(settings, deps);
    if (ch) channels.set(f.name, ch);
  }
  if (channels.size === 0) channels.set(CONSOLE_CHANNEL, createConsoleChannel(deps.out ? { out: deps.out } : {}));
  return channels;
}
