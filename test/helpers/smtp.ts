// A loopback SMTP server (smtp-server, 127.0.0.1, port 0) that keeps what it receives, and a
// minimal MIME reader for the tests: header unfolding, RFC 2047 encoded words, multipart
// boundaries, quoted-printable and base64 bodies. Enough to check what nodemailer sends.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  from: string;
  to: string[];
  user: string | undefined;
}

export type SmtpPhase = 'mail' | 'rcpt' | 'data';

export interface SmtpSink {
  port: number;
  /** smtp://user:password@127.0.0.1:port */
  url: string;
  inbox: ReceivedMail[];
  /** Every AUTH attempt as received (username, password, method). */
  auths: { username: string; password: string; method: string }[];
  /** The next `phase` command is answered `code message` (once). */
  failNext(phase: SmtpPhase, code: number, message: string): void;
  /** Every `phase` command is answered `code message` until cleared with null. */
  failAlways(phase: SmtpPhase, failure: { code: number; message: string } | null): void;
  close(): Promise<void>;
}

export async function startSmtp(opts: { user?: string; password?: string } = {}): Promise<SmtpSink> {
  const user = opts.user ?? 'modelwatch';
  const password = opts.password ?? 'S3cret-SMTP-pa55';
  const once = new Map<SmtpPhase, { code: number; message: string }[]>();
  const always = new Map<SmtpPhase, { code: number; message: string }>();
  const sink = { inbox: [] as ReceivedMail[], auths: [] as SmtpSink['auths'] } as SmtpSink;

  const failure = (phase: SmtpPhase): Error | null => {
    const f = once.get(phase)?.shift() ?? always.get(phase);
    return f ? Object.assign(new Error(f.message), { responseCode: f.code }) : null;
  };

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, cb) {
      sink.auths.push({ username: auth.username ?? '', password: auth.password ?? '', method: auth.method });
      if (auth.username === user && auth.password === password) return cb(null, { user: auth.username });
      return cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(_address, _session, cb) {
      cb(failure('mail') ?? undefined);
    },
    onRcptTo(_address, _session, cb) {
      cb(failure('rcpt') ?? undefined);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const err = failure('data');
        if (err) return cb(err);
        sink.inbox.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
        });
        cb(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${sink.port}`;
  sink.failNext = (phase, code, message) => {
    const list = once.get(phase) ?? [];
    list.push({ code, message });
    once.set(phase, list);
  };
  sink.failAlways = (phase, f) => void (f ? always.set(phase, f) : always.delete(phase));
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

// ---------------------------------------------------------------------------
// Minimal MIME reading

export interface MimePart {
  headers: Map<string, string>;
  contentType: string;
  params: Map<string, string>;
  /** Decoded body (transfer encoding undone, charset utf-8 assumed). */
  body: string;
  /** The bytes of a base64 part (an image). */
  bytes?: Buffer;
  parts: MimePart[];
}

function splitHeaderBody(raw: string): { head: string; body: string } {
  const i = raw.search(/\r?\n\r?\n/);
  if (i < 0) return { head: raw, body: '' };
  const sep = raw.slice(i).match(/^\r?\n\r?\n/)![0];
  return { head: raw.slice(0, i), body: raw.slice(i + sep.length) };
}

function parseHeaders(head: string): Map<string, string> {
  const map = new Map<string, string>();
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c > 0) map.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
  }
  return map;
}

function parseParams(value: string): { value: string; params: Map<string, string> } {
  const [first, ...rest] = value.split(';');
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0)
      params.set(
        p.slice(0, eq).trim().toLowerCase(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      );
  }
  return { value: (first ?? '').trim().toLowerCase(), params };
}

export function decodeQuotedPrintable(s: string): string {
  const soft = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`) in a header value. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _cs: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

export function parseMime(raw: string): MimePart {
  const { head, body } = splitHeaderBody(raw);
  const headers = parseHeaders(head);
  const ct = parseParams(headers.get('content-type') ?? 'text/plain');
  const part: MimePart = { headers, contentType: ct.value, params: ct.params, body: '', parts: [] };
  if (ct.value.startsWith('multipart/')) {
    const boundary = ct.params.get('boundary');
    if (!boundary) throw new Error('mime: multipart without boundary');
    const sections = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?\\r?\\n?`));
    // sections[0] is the preamble, the last one the epilogue.
    part.parts = sections
      .slice(1, -1)
      .filter((s) => s.trim() !== '')
      .map(parseMime);
    return part;
  }
  const enc = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  part.body =
    enc === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : enc === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  if (enc === 'base64') part.bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  return part;
}

/** Subject, text and html of a multipart/alternative mail (throws when it is not one). */
export function readAlternative(raw: string): { subject: string; text: string; html: string; root: MimePart; inline: MimePart[] } {
  const root = parseMime(raw);
  if (root.contentType !== 'multipart/alternative') throw new Error(`mime: expected multipart/alternative, got ${root.contentType}`);
  const text = root.parts.find((p) => p.contentType === 'text/plain');
  // With inline images the HTML sits in a multipart/related beside them (RFC 2387).
  const related = root.parts.find((p) => p.contentType === 'multipart/related');
  const html = (related?.parts ?? root.parts).find((p) => p.contentType === 'text/html');
  if (!text || !html) throw new Error('mime: text/plain or text/html part missing');
  const inline = (related?.parts ?? []).filter((p) => p !== html);
  return { subject: decodeWords(root.headers.get('subject') ?? ''), text: text.body, html: html.body, root, inline };
}
