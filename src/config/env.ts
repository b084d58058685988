// Environment variables (names are a contract other tools set). Defaults live in defaults.ts.
import { channelSettings, type ChannelSettings } from './channels.js';
import * as D from './defaults.js';

export interface EnvConfig {
  hfEndpoint: string;
  hfToken: string | undefined;
  githubApiUrl: string;
  githubToken: string | undefined;
  /** The alert channels, validated (channels.ts). */
  channels: ChannelSettings;
  /** Every secret value set: tokens, channel URLs, the SMTP password on its own too, the webhook key. */
  secrets: string[];
  tz: string;
  httpPort: number | undefined;
  httpHost: string;
  /** Send the weekly digest even when nothing happened (MODELWATCH_DIGEST_SEND_EMPTY=1). */
  digestSendEmpty: boolean;
  /** The instant query commands take as now (MODELWATCH_NOW), for a replayed or archived history. */
  now: string | undefined;
}

export function readEnv(env: NodeJS.ProcessEnv, problems: string[]): EnvConfig {
  const url = (name: string, fallback?: string): string | undefined => {
    const v = env[name]?.trim() || fallback;
    if (v === undefined) return undefined;
    try {
      const u = new URL(v);
      if (!/^(https?|smtps?):$/.test(u.protocol)) throw new Error('protocol');
    } catch {
      // Never echo the value: it may be a secret (webhook URLs, SMTP credentials).
      problems.push(`env ${name}: invalid URL`);
    }
    return v.replace(/\/+$/, '');
  };
  const tz = env.MODELWATCH_TZ?.trim() || 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    problems.push(`env MODELWATCH_TZ: unknown time zone "${tz}"`);
  }
  let httpPort: number | undefined;
  if (env.MODELWATCH_HTTP_PORT?.trim()) {
    httpPort = Number(env.MODELWATCH_HTTP_PORT);
    if (!Number.isInteger(httpPort) || httpPort < 0 || httpPort > 65535) problems.push('env MODELWATCH_HTTP_PORT: expected a port number');
  }
  const smtpUrl = url('SMTP_URL');
  let smtpPassword: string | undefined;
  try {
    smtpPassword = smtpUrl ? decodeURIComponent(new URL(smtpUrl).password) || undefined : undefined;
  } catch {
    smtpPassword = undefined;
  }
  const emailTo = (env.MODELWATCH_EMAIL_TO ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (smtpUrl && (!env.MODELWATCH_EMAIL_FROM || emailTo.length === 0)) {
    problems.push('env SMTP_URL is set: MODELWATCH_EMAIL_FROM and MODELWATCH_EMAIL_TO are required too');
  }
  const webhookUrl = url('MODELWATCH_WEBHOOK_URL');
  if (webhookUrl && !env.MODELWATCH_WEBHOOK_SECRET)
    problems.push('env MODELWATCH_WEBHOOK_URL is set: MODELWATCH_WEBHOOK_SECRET is required too');
  const hfEndpoint = url('HF_ENDPOINT', D.DEFAULT_HF_ENDPOINT)!;
  const hfToken = env.HF_TOKEN?.trim() || undefined;
  const githubApiUrl = url('GITHUB_API_URL', D.DEFAULT_GITHUB_API_URL)!;
  const githubToken = env.GITHUB_TOKEN?.trim() || undefined;
  const slackWebhookUrl = url('SLACK_WEBHOOK_URL');
  const webhookSecret = env.MODELWATCH_WEBHOOK_SECRET || undefined;
  const channels = channelSettings({
    slackWebhookUrl,
    smtpUrl,
    emailFrom: env.MODELWATCH_EMAIL_FROM?.trim() || undefined,
    emailTo,
    webhookUrl,
    webhookSecret,
    console: flag(env.MODELWATCH_CONSOLE),
  });
  const secrets = [hfToken, githubToken, slackWebhookUrl, smtpUrl, smtpPassword, webhookUrl, webhookSecret].filter((s): s is string => !!s);
  return {
    hfEndpoint,
    hfToken,
    githubApiUrl,
    githubToken,
    channels,
    secrets,
    tz,
    httpPort,
    httpHost: env.MODELWATCH_HTTP_HOST?.trim() || D.DEFAULT_HTTP_HOST,
    digestSendEmpty: flag(env.MODELWATCH_DIGEST_SEND_EMPTY),
    now: readNow(env.MODELWATCH_NOW, problems),
  };
}

function flag(v: string | undefined): boolean {
  return v === '1' || v?.toLowerCase() === 'true';
}

function readNow(v: string | undefined, problems: string[]): string | undefined {
  if (!v?.trim()) return undefined;
  const ms = Date.parse(v.trim());
  if (!/^\d{4}-\d{2}-\d{2}/.test(v.trim()) || Number.isNaN(ms)) {
    problems.push(`env MODELWATCH_NOW: expected an ISO date or timestamp, got "${v}"`);
    return undefined;
  }
  return new Date(ms).toISOString();
}
