// Generic signed webhook (MODELWATCH_WEBHOOK_URL, MODELWATCH_WEBHOOK_SECRET), signed like
// Stripe's and Miniflux's webhooks: HMAC-SHA256 over the timestamp and the exact body.
//
// ## Receiving modelwatch webhooks
//
// modelwatch POSTs `Content-Type: application/json` with two headers:
//
//     X-Modelwatch-Timestamp: 1775640000                 (unix seconds, when it was sent)
//     X-Modelwatch-Signature: sha256=<hex>               (64 lowercase hex digits)
//
// where `<hex>` = hex(HMAC-SHA256(key = MODELWATCH_WEBHOOK_SECRET,
//                                 message = <timestamp> + "." + <raw request body>)).
//
// To verify a request:
//  1. Read the body as raw bytes, before any JSON parsing (re-serialising changes it).
//  2. Compute the HMAC above with your copy of the secret and compare it with the header's
//     hex in constant time (Node: crypto.timingSafeEqual; Python: hmac.compare_digest).
//  3. Reject timestamps more than 5 minutes from your clock (replay protection).
//  4. Deduplicate on `events[].id` (and `week` for digests): a delivery can be repeated after
//     a crash of the sender, never lost.
// In Node, `verifySignature(secret, timestamp, body, signatureHeader, new Date())` below does
// steps 2 and 3. Answer 2xx when accepted; 4xx (except 408/429) is permanent, 5xx, 408 and 429
// (with Retry-After) are retried with backoff.
//
// Bodies:
//   alerts: {"vendor": "meta", "events": [{"id", "kind", "severity", "summary", "occurredAt",
//            "modelId", "data", "evidence": [{"signal", "value", "sourceUrl", "seenAt"}]}]}
//   digest: {"digest": "2026-W15", "data": { ...DigestData, see src/digest/types.ts }}
import crypto from 'node:crypto';
import type { StoredEvent } from '../events/index.js';
import type { HttpClient } from '../http/index.js';
import type { AlertBatch, Channel, DigestMessage } from './channel.js';
import { postJson } from './http-post.js';

export const WEBHOOK_CHANNEL = 'webhook';
export const TIMESTAMP_HEADER = 'X-Modelwatch-Timestamp';
export const SIGNATURE_HEADER = 'X-Modelwatch-Signature';

export interface WebhookOptions {
  url: string;
  secret: string;
  http: HttpClient;
  now: () => Date;
}

export function sign(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** True when `header` is the signature of `timestamp` + "." + `body` under `secret` and the
 *  timestamp is within `toleranceSec` of `now`. Constant-time comparison. */
export function verifySignature(
  secret: string,
  timestamp: string,
  body: string,
  header: string,
  now: Date | number,
  toleranceSec = 300,
): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  const nowSec = (typeof now === 'number' ? now : now.getTime()) / 1000;
  if (Math.abs(nowSec - Number(timestamp)) > toleranceSec) return false;
  const expected = Buffer.from(sign(secret, timestamp, body));
  const got = Buffer.from(header.trim());
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}

export function webhookEvent(e: StoredEvent) {
  return {
    id: e.id,
    kind: e.kind,
    severity: e.severity,
    summary: e.summary,
    occurredAt: e.occurredAt,
    modelId: e.modelId,
    data: e.data,
    evidence: e.evidence,
  };
}

export function createWebhookChannel(opts: WebhookOptions): Channel {
  async function post(payload: unknown): Promise<void> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(opts.now().getTime() / 1000));
    await postJson({
      http: opts.http,
      url: opts.url,
      label: WEBHOOK_CHANNEL,
      body,
      now: opts.now,
      headers: { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: sign(opts.secret, timestamp, body) },
    });
  }
  return {
    name: WEBHOOK_CHANNEL,
    send: (batch: AlertBatch) => post({ vendor: batch.vendorId, events: batch.events.map(webhookEvent) }),
    sendDigest: (digest: DigestMessage) => post({ digest: digest.week, data: digest.data }),
  };
}
