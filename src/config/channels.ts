// The alert channels' settings, validated once (env.ts reads the variables, this file decides what
// they configure); notify/channels.ts builds the channels from the typed result.
//
// Environment:
//   SLACK_WEBHOOK_URL           Slack incoming webhook URL (a secret)          → channel `slack`
//   SMTP_URL                    smtp://user:pass@host:587 (or smtps://...)     → channel `email`
//   MODELWATCH_EMAIL_FROM       sender address, required with SMTP_URL
//   MODELWATCH_EMAIL_TO         recipients, comma-separated, required with SMTP_URL
//   MODELWATCH_WEBHOOK_URL      generic webhook URL (a secret)                 → channel `webhook`
//   MODELWATCH_WEBHOOK_SECRET   HMAC key (at least 16 characters), required with the webhook URL
//   MODELWATCH_CONSOLE          `1` to print alerts on stdout as well          → channel `console`
//
// Two stages of problems, as before the two validators became one: what env.ts reports (an
// unusable URL, a missing sender, recipients or secret) stops every command at start-up; what this
// file reports (a Slack or webhook URL that is not http(s), an SMTP URL that is not smtp(s), a
// webhook secret under 16 characters) is kept in `problems` and stops the commands that build the
// channels, all problems at once. Messages never echo a value: these URLs are secrets.

export interface ChannelSettings {
  slack?: { webhookUrl: string };
  email?: { smtpUrl: string; from: string; to: string[] };
  webhook?: { url: string; secret: string };
  /** Print alerts on stdout as well as on the other channels. */
  console: boolean;
  /** Problems of the channel variables, reported when the channels are built (UsageError). */
  problems: string[];
}

/** The channel variables as env.ts read them: trimmed, URLs without trailing slashes. */
export interface ChannelEnv {
  slackWebhookUrl: string | undefined;
  smtpUrl: string | undefined;
  emailFrom: string | undefined;
  emailTo: string[];
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  console: boolean;
}

const set = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

function httpUrl(name: string, value: string, problems: string[]): boolean {
  try {
    const u = new URL(value);
    if (u.protocol === 'https:' || u.protocol === 'http:') return true;
  } catch {
    /* reported below */
  }
  problems.push(`notify: ${name} is not an http(s) URL`);
  return false;
}

export function channelSettings(e: ChannelEnv): ChannelSettings {
  const problems: string[] = [];
  const settings: ChannelSettings = { console: e.console, problems };
  if (set(e.slackWebhookUrl)) {
    const url = e.slackWebhookUrl.trim();
    if (httpUrl('SLACK_WEBHOOK_URL', url, problems)) settings.slack = { webhookUrl: url };
  }
  if (set(e.smtpUrl)) {
    const smtpUrl = e.smtpUrl.trim();
    const before = problems.length;
    try {
      const u = new URL(smtpUrl);
      if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') problems.push('notify: SMTP_URL must start with smtp:// or smtps://');
    } catch {
      problems.push('notify: SMTP_URL is not a URL (smtp://user:pass@host:port)');
    }
    if (!set(e.emailFrom)) problems.push('notify: MODELWATCH_EMAIL_FROM is required when SMTP_URL is set');
    const to = e.emailTo.map((s) => s.trim()).filter(Boolean);
    if (to.length === 0) problems.push('notify: MODELWATCH_EMAIL_TO (comma-separated addresses) is required when SMTP_URL is set');
    if (problems.length === before) settings.email = { smtpUrl, from: e.emailFrom!.trim(), to };
  }
  if (set(e.webhookUrl)) {
    const url = e.webhookUrl.trim();
    const okUrl = httpUrl('MODELWATCH_WEBHOOK_URL', url, problems);
    const secret = e.webhookSecret ?? '';
    if (secret.length < 16)
      problems.push('notify: MODELWATCH_WEBHOOK_SECRET (at least 16 characters) is required when MODELWATCH_WEBHOOK_URL is set');
    if (okUrl && secret.length >= 16) settings.webhook = { url, secret };
  }
  return settings;
}
