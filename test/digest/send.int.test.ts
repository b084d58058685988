// Sending the weekly digest through real protocols: an SMTP server and a Slack receiver on
// loopback. One send per week, retried only where it failed, nothing sent for a quiet week.
import { afterEach, describe, expect, it } from 'vitest';
import { collectDigestData } from '../../src/digest/data.js';
import { sendDigest } from '../../src/digest/send.js';
import type { DigestData } from '../../src/digest/types.js';
import type { Channel } from '../../src/notify/channel.js';
import { createEmailChannel } from '../../src/notify/email.js';
import { createSlackChannel } from '../../src/notify/slack.js';
import type { Db } from '../../src/store/db.js';
import { getDigest } from '../../src/store/digests.js';
import { slack, startReceiver, type Receiver } from '../helpers/receiver.js';
import { readAlternative, startSmtp, type SmtpSink } from '../helpers/smtp.js';
import { edge } from '../notify/http-channels.js';
import { buildWorld, TZ, VENDORS, W15 } from './world.js';

const NOW = new Date('2026-04-13T07:00:00.000Z');
let env: { db: Db; sink: SmtpSink; receiver: Receiver; channels: Map<string, Channel> } | undefined;

afterEach(async () => {
  if (!env) return;
  for (const c of env.channels.values()) c.close?.();
  env.receiver.assertClean();
  await Promise.all([env.sink.close(), env.receiver.close()]);
  env.db.close();
  env = undefined;
});

async function setup() {
  const { db } = buildWorld();
  const sink = await startSmtp();
  const receiver = await startReceiver();
  receiver.always(slack.ok);
  const now = () => NOW;
  const channels = new Map<string, Channel>([
    ['slack', createSlackChannel({ webhookUrl: receiver.url, http: edge(now), now })],
    ['email', createEmailChannel({ smtpUrl: sink.url, from: 'modelwatch@example.org', to: ['team@example.org'], now })],
  ]);
  env = { db, sink, receiver, channels };
  return env;
}

const week = (db: Db, start = W15.start, end = W15.end): DigestData =>
  collectDigestData(db, { weekStart: start, weekEnd: end, tz: TZ, vendors: VENDORS });

describe('sendDigest', () => {
  it('emails HTML + text and posts Slack blocks, once per week', async () => {
    const { db, sink, receiver, channels } = await setup();
    const res = await sendDigest({ db, channels, now: () => NOW }, week(db));
    expect(res).toEqual({ week: '2026-W15', status: 'sent', sentTo: ['slack', 'email'], failed: [] });

    expect(sink.inbox).toHaveLength(1);
    const mail = readAlternative(sink.inbox[0]!.raw);
    expect(mail.subject).toBe('[modelwatch] Weekly digest 2026-W15: 2 releases, 1 licence change, 1 gating change, 1 other change');
    expect(mail.text).toContain('VENDOR STRATEGY');
    expect(mail.html).toMatch(/<h2 style="[^"]*">Vendor strategy<\/h2>/);
    expect(mail.html).toContain('<title>modelwatch weekly digest 2026-W15</title>');
    // The chart: an inline PNG the HTML shows by its Content-ID, with alt text.
    const img = /<img src="cid:([^"]+)" alt="([^"]+)"/.exec(mail.html);
    expect(img?.[2]).toMatch(/^Chart of M1 .* Latest: .*Meta: open line \d+ days behind/);
    expect(mail.inline).toHaveLength(1);
    expect(mail.inline[0]!.contentType).toBe('image/png');
    expect(mail.inline[0]!.headers.get('content-id')).toBe(`<${img![1]}>`);
    expect(mail.inline[0]!.bytes!.subarray(1, 4).toString()).toBe('PNG');

    expect(receiver.requests).toHaveLength(1);
    const payload = JSON.parse(receiver.requests[0]!.body);
    expect(payload.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'modelwatch weekly digest 2026-W15' } });

    expect(getDigest(db, '2026-W15')).toMatchObject({ sentAt: NOW.toISOString(), channels: ['slack', 'email'] });
    const again = await sendDigest({ db, channels, now: () => NOW }, week(db));
    expect(again.status).toBe('already-sent');
    expect(sink.inbox).toHaveLength(1);
    expect(receiver.requests).toHaveLength(1);
  });

  it('after a partial failure, sends again only where it failed', async () => {
    const { db, sink, receiver, channels } = await setup();
    receiver.next(slack.serverError);
    const first = await sendDigest({ db, channels, now: () => NOW }, week(db));
    expect(first.status).toBe('partial');
    expect(first.sentTo).toEqual(['email']);
    expect(first.failed).toEqual([{ channel: 'slack', error: expect.stringMatching(/^slack: 500 /), transient: true }]);
    expect(getDigest(db, '2026-W15')).toMatchObject({ sentAt: null, channels: ['email'] });

    const second = await sendDigest({ db, channels, now: () => NOW }, week(db));
    expect(second).toMatchObject({ status: 'sent', sentTo: ['slack'] });
    expect(sink.inbox).toHaveLength(1);
    expect(receiver.requests.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('sends nothing for a week where nothing happened, unless asked', async () => {
    const { db, sink, receiver, channels } = await setup();
    const quiet = week(db, '2025-07-21T07:00:00.000Z', '2025-07-28T07:00:00.000Z');
    expect(await sendDigest({ db, channels, now: () => NOW }, quiet)).toMatchObject({ week: '2025-W30', status: 'empty', sentTo: [] });
    expect(getDigest(db, '2025-W30')).toBeUndefined();
    expect(sink.inbox).toHaveLength(0);
    expect(receiver.requests).toHaveLength(0);
    expect(await sendDigest({ db, channels, now: () => NOW }, quiet, { sendEmpty: true })).toMatchObject({
      status: 'sent',
      sentTo: ['slack', 'email'],
    });
    expect(readAlternative(sink.inbox[0]!.raw).subject).toBe('[modelwatch] Weekly digest 2025-W30: no changes');
  });
});
