// Email through an SMTP server with nodemailer (https://nodemailer.com/smtp/): multipart/
// alternative text + HTML. nodemailer is used in this file only.
// SMTP replies 4xx are transient (try again later), 5xx permanent; connection problems
// (refused, timeout, reset, DNS, TLS) are transient. The SMTP password (in SMTP_URL) never
// appears in an error: messages are rebuilt from the reply code and text and redacted.
import nodemailer from 'nodemailer';
import { createRedactor } from '../http/index.js';
import { ChannelError, type AlertBatch, type Channel, type DigestMessage } from './channel.js';
import { renderEmailAlert, type EmailContent } from './render/email.js';
import { oneLine, truncate } from './render/escape.js';

export const EMAIL_CHANNEL = 'email';

export interface EmailOptions {
  /** SMTP_URL: `smtp://user:pass@host:587`, `smtps://...` for implicit TLS. */
  smtpUrl: string;
  /** MODELWATCH_EMAIL_FROM. */
  from: string;
  /** MODELWATCH_EMAIL_TO, split on commas. */
  to: string[];
  /** Clock for the Date header (default: the system clock). */
  now?: () => Date;
  /** Timeouts in ms (defaults: connection 30 s, greeting 30 s, socket 60 s). */
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
}

const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'ECONNREFUSED', 'ECONNRESET', 'EPROXY']);

interface SmtpErrorLike {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** Every form in which the SMTP password could leak (plain, URL-encoded, AUTH PLAIN/LOGIN base64). */
function secretsOf(smtpUrl: string): string[] {
  let user = '';
  let pass = '';
  try {
    const u = new URL(smtpUrl);
    user = decodeURIComponent(u.username);
    pass = decodeURIComponent(u.password);
  } catch {
    return [smtpUrl];
  }
  if (!pass) return [];
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return [smtpUrl, pass, b64(pass), b64(`\u0000${user}\u0000${pass}`), b64(`${user}\u0000${user}\u0000${pass}`)];
}

/** Maps a nodemailer error to a ChannelError whose message is safe to log. */
export function smtpError(err: unknown, redact: (s: string) => string): ChannelError {
  const e = (err ?? {}) as SmtpErrorLike;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const transient = reply !== undefined ? reply >= 400 && reply < 500 : TRANSIENT_CODES.has(e.code ?? '');
  const what = [e.code, e.command, reply, e.response ?? (reply === undefined ? e.message : undefined)]
    .filter((p) => p !== undefined && p !== '')
    .join(' ');
  const message = redact(`email: ${truncate(oneLine(what || 'unknown SMTP error'), 500)}`);
  // The original error is not kept as `cause`: its fields may echo the connection URL.
  return new ChannelError(message, { transient, ...(reply !== undefined && { status: reply }) });
}

export function createEmailChannel(opts: EmailOptions): Channel {
  const redact = createRedactor(secretsOf(opts.smtpUrl));
  let transporter: ReturnType<typeof nodemailer.createTransport>;
  try {
    transporter = nodemailer.createTransport({
      url: opts.smtpUrl,
      connectionTimeout: opts.connectionTimeoutMs ?? 30_000,
      greetingTimeout: opts.connectionTimeoutMs ?? 30_000,
      socketTimeout: opts.socketTimeoutMs ?? 60_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
  } catch (err) {
    throw smtpError(err, redact);
  }

  async function deliver(content: EmailContent, chart?: DigestMessage['chart']): Promise<void> {
    try {
      await transporter.sendMail({
        from: opts.from,
        to: opts.to,
        subject: content.subject,
        text: content.text,
        html: content.html,
        textEncoding: 'quoted-printable',
        // The digest's chart, shown inline by the HTML part (`<img src="cid:...">`).
        ...(chart && {
          attachments: [
            {
              filename: chart.filename,
              content: chart.png,
              contentType: 'image/png',
              cid: chart.cid,
              contentDisposition: 'inline' as const,
            },
          ],
        }),
        ...(opts.now && { date: opts.now() }),
      });
    } catch (err) {
      throw smtpError(err, redact);
    }
  }

  return {
    name: EMAIL_CHANNEL,
    send: (batch: AlertBatch) => deliver(renderEmailAlert(batch)),
    sendDigest: (d: DigestMessage) => deliver({ subject: d.subject, text: d.text, html: d.html }, d.chart),
    close: () => transporter.close(),
  };
}
