import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError, type Channel } from '../../src/notify/channel.js';
import { createEmailChannel } from '../../src/notify/email.js';
import { alertSubject } from '../../src/notify/render/email.js';
import { readAlternative, startSmtp, type SmtpSink } from '../helpers/smtp.js';
import { batchOf, channelContract } from './contract.js';
import { HOSTILE_MODEL, HOSTILE_TITLE, stored } from './fixtures.js';

const PASSWORD = 'S3cret-SMTP-pa55';
const NOW = new Date('2026-04-08T17:00:00.000Z');

function emailChannel(sink: SmtpSink, url = sink.url): Channel {
  return createEmailChannel({
    smtpUrl: url,
    from: 'modelwatch@example.org',
    to: ['team@example.org', 'ops@example.org'],
    connectionTimeoutMs: 5_000,
    socketTimeoutMs: 5_000,
  });
}

function assertEmailInert(raw: string): void {
  const mail = readAlternative(raw);
  expect(mail.html).not.toMatch(/<script/i);
  expect(mail.html).not.toContain('javascript:');
  expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(mail.html).toContain('&lt;!channel&gt; &lt;https://evil|click&gt;');
  // The hostile evidence URL is a link whose quote and brackets are percent-encoded.
  expect(mail.html).toContain('href="https://ai.meta.com/blog/%22%3E%3Cscript%3Ealert(2)%3C/script%3E"');
  // Every tag in the HTML is one the renderer writes.
  const tags = new Set((mail.html.match(/<\/?([a-z0-9]+)/gi) ?? []).map((t) => t.replace(/[</]/g, '').toLowerCase()));
  for (const t of tags)
    expect([
      'html',
      'head',
      'meta',
      'title',
      'body',
      'h2',
      'table',
      'tr',
      'td',
      'strong',
      'a',
      'br',
      'span',
      'ul',
      'li',
      'p',
      'code',
    ]).toContain(t);
  // Plain text shows the names as typed.
  expect(mail.text).toContain(HOSTILE_MODEL);
  expect(mail.text).toContain(HOSTILE_TITLE);
}

channelContract('email', async () => {
  const sink = await startSmtp({ password: PASSWORD });
  const channel = emailChannel(sink);
  return {
    channel,
    now: NOW,
    delivered: () => sink.inbox.map((m) => m.raw),
    failures: {
      transient: () => sink.failNext('data', 451, 'Requested action aborted: local error in processing'),
      rateLimited: () => sink.failNext('mail', 450, 'Too many messages, slow down'),
      permanent: () => sink.failNext('data', 554, 'Message rejected as spam'),
      permanentAnswer: '554 Message rejected as spam',
      retryAfter: false,
    },
    assertInert: assertEmailInert,
    secrets: [PASSWORD, Buffer.from(`\u0000modelwatch\u0000${PASSWORD}`).toString('base64'), Buffer.from(PASSWORD).toString('base64')],
    close: async () => {
      channel.close?.();
      await sink.close();
    },
  };
});

describe('email channel', () => {
  let sink: SmtpSink | undefined;
  let channel: Channel | undefined;
  afterEach(async () => {
    channel?.close?.();
    await sink?.close();
    sink = channel = undefined;
  });

  it('sends multipart/alternative text + HTML, authenticated, to every recipient, with a subject that says what happened', async () => {
    sink = await startSmtp({ password: PASSWORD });
    channel = emailChannel(sink);
    await channel.send(batchOf());
    expect(sink.inbox).toHaveLength(1);
    const m = sink.inbox[0]!;
    expect(m.user).toBe('modelwatch');
    expect(m.from).toBe('modelwatch@example.org');
    expect(m.to).toEqual(['team@example.org', 'ops@example.org']);
    const mail = readAlternative(m.raw);
    expect(mail.subject).toBe('[modelwatch] Meta: Muse Spark released (proprietary, API)');
    expect(mail.root.parts.map((p) => p.contentType)).toEqual(['text/plain', 'text/html']);
    expect(mail.root.parts.map((p) => p.headers.get('content-transfer-encoding'))).toEqual(['quoted-printable', 'quoted-printable']);
    expect(mail.text).toContain('* Muse Spark released (proprietary, API)');
    expect(mail.text).toContain('https://ai.meta.com/blog/introducing-muse-spark/');
    expect(mail.html).toContain(
      '<a href="https://ai.meta.com/blog/introducing-muse-spark/" style="color:#1d4ed8">Muse Spark released (proprietary, API)</a>',
    );
  });

  it('says how many changes a batch has in the subject', async () => {
    sink = await startSmtp({ password: PASSWORD });
    channel = emailChannel(sink);
    await channel.send(batchOf([stored(1), stored(2), stored(3)]));
    expect(readAlternative(sink.inbox[0]!.raw).subject).toBe('[modelwatch] Meta: 3 changes');
  });

  it('keeps hostile text out of the subject header', () => {
    const subject = alertSubject(batchOf([stored(1, { data: { name: 'X\r\nBcc: victim@example.org', line: 'open' } })]));
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe('[modelwatch] Meta: X Bcc: victim@example.org released (open)');
  });

  it('reports a refused login as permanent without the password', async () => {
    sink = await startSmtp({ password: PASSWORD });
    const wrong = sink.url.replace(encodeURIComponent(PASSWORD), 'wrong-Pa55word');
    channel = emailChannel(sink, wrong);
    const err = (await channel.send(batchOf()).catch((e: unknown) => e)) as ChannelError;
    expect(err).toBeInstanceOf(ChannelError);
    expect(err.transient).toBe(false);
    expect(err.status).toBe(535);
    expect(err.message).toMatch(/^email: EAUTH/);
    expect(sink.auths.at(-1)?.password).toBe('wrong-Pa55word');
    expect(`${err.message}${err.stack}`).not.toContain('wrong-Pa55word');
    expect(sink.inbox).toHaveLength(0);
  });

  it('reports an unreachable server as transient without the password', async () => {
    sink = await startSmtp({ password: PASSWORD });
    const url = sink.url;
    await sink.close();
    sink = undefined;
    channel = createEmailChannel({ smtpUrl: url, from: 'a@example.org', to: ['b@example.org'], connectionTimeoutMs: 2_000 });
    const err = (await channel.send(batchOf()).catch((e: unknown) => e)) as ChannelError;
    expect(err).toBeInstanceOf(ChannelError);
    expect(err.transient).toBe(true);
    expect(`${err.message}${err.stack}`).not.toContain(PASSWORD);
  });

  it('treats a rejected recipient (550) as permanent', async () => {
    sink = await startSmtp({ password: PASSWORD });
    sink.failAlways('rcpt', { code: 550, message: 'No such user' });
    channel = emailChannel(sink);
    const err = (await channel.send(batchOf()).catch((e: unknown) => e)) as ChannelError;
    expect(err.transient).toBe(false);
    expect(err.message).toContain('550');
  });
});
