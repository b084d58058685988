// A loopback receiver of modelwatch's generic webhook (port 0) that keeps every delivery with the
// event ids it carries, checks the HMAC signature, and answers 200 after a scripted delay: a
// slow receiver widens the window between "sent" and "marked sent" that the crash test aims at.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../src/notify/webhook.js';

export interface Delivery {
  /** Arrival order. */
  seq: number;
  body: string;
  eventIds: number[];
  events: { id: number; kind: string; summary: string }[];
  signed: boolean;
}

export interface WebhookSink {
  url: string;
  deliveries: Delivery[];
  /** Requests on any other path, or not a JSON alert batch. */
  unexpected: string[];
  /** Resolves once `n` deliveries have arrived in total. */
  waitFor(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookSink(opts: { secret: string; path?: string; delayMs?: () => number }): Promise<WebhookSink> {
  const path = opts.path ?? '/hooks/modelwatch';
  const waiters: { n: number; resolve: () => void }[] = [];
  const sink = { deliveries: [] as Delivery[], unexpected: [] as string[] } as WebhookSink;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let parsed: { events?: { id: number; kind: string; summary: string }[] } = {};
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        // recorded as unexpected below
      }
      if (req.url !== path || req.method !== 'POST' || !Array.isArray(parsed.events)) {
        sink.unexpected.push(`${req.method} ${req.url} ${body.slice(0, 200)}`);
        res.writeHead(404).end();
        return;
      }
      const ts = String(req.headers[TIMESTAMP_HEADER.toLowerCase()] ?? '');
      const sig = String(req.headers[SIGNATURE_HEADER.toLowerCase()] ?? '');
      const events = parsed.events.map((e) => ({ id: e.id, kind: e.kind, summary: e.summary }));
      sink.deliveries.push({
        seq: sink.deliveries.length,
        body,
        eventIds: events.map((e) => e.id),
        events,
        signed: verifySignature(opts.secret, ts, body, sig, Number(ts) * 1000),
      });
      for (const w of waiters.filter((w) => sink.deliveries.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const answer = () => {
        if (!res.destroyed) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      };
      const delay = opts.delayMs?.() ?? 0;
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  sink.waitFor = (n) => (sink.deliveries.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })));
  sink.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sink;
}
