// The registry of alert channels, listed by hand (one file per channel), and the environment
// they are configured from. With no channel configured, alerts go to the console.
//
// Environment:
//   SLACK_WEBHOOK_URL           Slack incoming webhook URL (a secret)          → channel `slack`
//   SMTP_URL                    smtp://user:pass@host:587 (or smtps://...)     → channel `email`
//   MODELWATCH_EMAIL_FROM       sender address, required with SMTP_URL
//   MODELWATCH_EMAIL_TO         recipients, comma-separated, required with SMTP_URL
//   MODELWATCH_WEBHOOK_URL      generic webhook URL (a secret)                 → channel `webhook`
//   MODELWATCH_WEBHOOK_SECRET   HMAC key, required with MODELWATCH_WEBHOOK_URL
//   MODELWATCH_CONSOLE          `1` to print alerts on stdout as well          → channel `console`
import { UsageError } from '../errors.js';
import type { HttpClient } from '../http/index.js';
import type { Channel } from './channel.js';
import { CONSOLE_CHANNEL, createConsoleChannel } from './console.js';
import { EMAIL_CHANNEL, createEmailChannel } from './email.js';
import { SLACK_CHANNEL, createSlackChannel } from './slack.js';
import { WEBHOOK_CHANNEL, createWebhookChannel } from './webhook.js';

export type Env = Record<string, string | undefined>;

export interface ChannelDeps {
  http: HttpClient;
  now: () => Date;
  /** Stream of the console channel (stdout by default). */
  out?: { write(chunk: string): unknown };
}

export interface ChannelFactory {
  name: string;
  /** True when the environment asks for this channel. */
  configured(env: Env): boolean;
  /** Builds the channel, or pushes every problem found to `problems` and returns null. */
  create(env: Env, deps: ChannelDeps, problems: string[]): Channel | null;
}

const set = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

function httpUrl(name: string, value: string, problems: string[]): boolean {
  try {
    const u = new URL(value);
    if (u.protocol === 'https:' || u.protocol === 'http:') return true;
  } catch {
    /* reported below */
  }
  // Never echo the value: these URLs are secrets.
  problems.push(`notify: ${name} is not an http(s) URL`);
  return false;
}

const slack: ChannelFactory = {
  name: SLACK_CHANNEL,
  configured: (env) => set(env.SLACK_WEBHOOK_URL),
  create(env, deps, problems) {
    const url = env.SLACK_WEBHOOK_URL!.trim();
    if (!httpUrl('SLACK_WEBHOOK_URL', url, problems)) return null;
    return createSlackChannel({ webhookUrl: url, http: deps.http, now: deps.now });
  },
};

const email: ChannelFactory = {
  name: EMAIL_CHANNEL,
  configured: (env) => set(env.SMTP_URL),
  create(env, deps, problems) {
    const smtpUrl = env.SMTP_URL!.trim();
    const before = problems.length;
    try {
      const u = new URL(smtpUrl);
      if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') problems.push('notify: SMTP_URL must start with smtp:// or smtps://');
    } catch {
      problems.push('notify: SMTP_URL is not a URL (smtp://user:pass@host:port)');
    }
    if (!set(env.MODELWATCH_EMAIL_FROM)) problems.push('notify: MODELWATCH_EMAIL_FROM is required when SMTP_URL is set');
    const to = (env.MODELWATCH_EMAIL_TO ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (to.length === 0) problems.push('notify: MODELWATCH_EMAIL_TO (comma-separated addresses) is required when SMTP_URL is set');
    if (problems.length > before) return null;
    return createEmailChannel({ smtpUrl, from: env.MODELWATCH_EMAIL_FROM!.trim(), to, now: deps.now });
  },
};

const webhook: ChannelFactory = {
  name: WEBHOOK_CHANNEL,
  configured: (env) => set(env.MODELWATCH_WEBHOOK_URL),
  create(env, deps, problems) {
    const url = env.MODELWATCH_WEBHOOK_URL!.trim();
    const okUrl = httpUrl('MODELWATCH_WEBHOOK_URL', url, problems);
    const secret = env.MODELWATCH_WEBHOOK_SECRET ?? '';
    if (secret.length < 16) problems.push('notify: MODELWATCH_WEBHOOK_SECRET (at least 16 characters) is required when MODELWATCH_WEBHOOK_URL is set');
    if (!okUrl || secret.length < 16) return null;
    return createWebhookChannel({ url, secret, http: deps.http, now: deps.now });
  },
};

const consoleChannel: ChannelFactory = {
  name: CONSOLE_CHANNEL,
  configured: (env) => env.MODELWATCH_CONSOLE === '1' || env.MODELWATCH_CONSOLE === 'true',
  create: (_env, deps) => createConsoleChannel(deps.out ? { out: deps.out } : {}),
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
 *  UsageError listing every problem. */
export function channelsFromEnv(env: Env, deps: ChannelDeps): Map<string, Channel> {
  const problems: string[] = [];
  const channels = new Map<string, Channel>();
  for (const f of CHANNEL_FACTORIES) {
    if (!f.configured(env)) continue;
    const ch = f.create(env, deps, problems);
    if (ch) channels.set(f.name, ch);
  }
  if (problems.length) {
    for (const ch of channels.values()) ch.close?.();
    throw new UsageError(problems.join('\n'));
  }
  if (channels.size === 0) channels.set(CONSOLE_CHANNEL, createConsoleChannel(deps.out ? { out: deps.out } : {}));
  return channels;
}
