import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookChannel, sign, verifySignature } from '../../src/notify/webhook.js';
import { startReceiver, type Answer, type Received, type Receiver } from '../helpers/receiver.js';
import { batchOf, channelContract } from './contract.js';
import { HOSTILE_MODEL, HOSTILE_TITLE, stored } from './fixtures.js';
import { edge, NOW } from './http-channels.js';

const SECRET = 'whsec-0123456789abcdef';
const HOOK_PATH = '/hooks/modelwatch-b1a9c7';

/** A receiver that does what the documentation tells receivers to do: verify, then accept. */
function verifying(now: Date, onValid: (r: Received) => void): (r: Received) => Answer {
  return (r) => {
    const ts = String(r.headers['x-modelwatch-timestamp'] ?? '');
    const sig = String(r.headers['x-modelwatch-signature'] ?? '');
    if (!verifySignature(SECRET, ts, r.body, sig, now)) return { status: 401, body: 'bad signature' };
    onValid(r);
    return { status: 204 };
  };
}

channelContract('webhook', async () => {
  const r = await startReceiver(HOOK_PATH);
  const accepted: string[] = [];
  r.always(verifying(NOW, (q) => accepted.push(q.body)));
  return {
    channel: createWebhookChannel({ url: r.url, secret: SECRET, http: edge(), now: () => NOW }),
    now: NOW,
    delivered: () => accepted,
    failures: {
      transient: () => r.next({ status: 503, body: 'maintenance' }),
      rateLimited: (s) => r.next({ status: 429, headers: { 'retry-after': String(s) } }),
      permanent: () => r.next({ status: 410, body: 'hook removed' }),
      permanentAnswer: '410 hook removed',
      retryAfter: true,
    },
    assertInert(body) {
      // JSON carries the text verbatim and inert; rendering it safely is the receiver's job.
      const payload = JSON.parse(body);
      expect(payload.events[0].data.name).toBe(HOSTILE_MODEL);
      expect(payload.events[1].data.title).toBe(HOSTILE_TITLE);
      expect(body).not.toContain('\n');
    },
    secrets: ['modelwatch-b1a9c7', SECRET],
    close: async () => {
      r.assertClean();
      await r.close();
    },
  };
});

describe('webhook channel', () => {
  let r: Receiver | undefined;
  afterEach(async () => {
    r?.assertClean();
    await r?.close();
    r = undefined;
  });

  it('sends the events with their evidence, signed over timestamp + body', async () => {
    r = await startReceiver(HOOK_PATH);
    r.always({ status: 200, body: '' });
    await createWebhookChannel({ url: r.url, secret: SECRET, http: edge(), now: () => NOW }).send(batchOf([stored(7)]));
    const req = r.requests[0]!;
    const ts = String(Math.floor(NOW.getTime() / 1000));
    expect(req.headers['x-modelwatch-timestamp']).toBe(ts);
    expect(req.headers['x-modelwatch-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, ts, req.body, String(req.headers['x-modelwatch-signature']), NOW)).toBe(true);
    const body = JSON.parse(req.body);
    expect(body).toEqual({
      vendor: 'meta',
      events: [
        {
          id: 7,
          kind: 'announcement',
          severity: 'notice',
          summary: expect.stringContaining('Muse Spark'),
          occurredAt: '2026-04-08T16:00:00.000Z',
          modelId: 'meta/muse-spark',
          data: expect.objectContaining({ name: 'Muse Spark', line: 'proprietary' }),
          evidence: [expect.objectContaining({ signal: 'announcement', sourceUrl: 'https://ai.meta.com/blog/introducing-muse-spark/' })],
        },
      ],
    });
  });
});

describe('verifySignature', () => {
  const body = '{"vendor":"meta","events":[]}';
  const ts = '1775667600';
  const at = new Date(1775667600 * 1000);
  const header = sign(SECRET, ts, body);

  it('matches an HMAC computed independently', async () => {
    const { createHmac } = await import('node:crypto');
    expect(header).toBe('sha256=' + createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex'));
    expect(verifySignature(SECRET, ts, body, header, at)).toBe(true);
  });

  it('rejects a changed body, another secret, another timestamp and a malformed header', () => {
    expect(verifySignature(SECRET, ts, body + ' ', header, at)).toBe(false);
    expect(verifySignature('another-secret-value', ts, body, header, at)).toBe(false);
    expect(verifySignature(SECRET, '1775667601', body, header, at)).toBe(false);
    expect(verifySignature(SECRET, ts, body, header.slice(0, -1), at)).toBe(false);
    expect(verifySignature(SECRET, ts, body, '', at)).toBe(false);
  });

  it('rejects timestamps outside the tolerance (replays)', () => {
    expect(verifySignature(SECRET, ts, body, header, new Date(at.getTime() + 300_000))).toBe(true);
    expect(verifySignature(SECRET, ts, body, header, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifySignature(SECRET, ts, body, header, new Date(at.getTime() - 301_000))).toBe(false);
    expect(verifySignature(SECRET, ts, body, header, new Date(at.getTime() + 3_600_000), 7200)).toBe(true);
  });
});
