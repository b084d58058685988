// A loopback HTTP receiver for outgoing notifications (Slack incoming webhook, generic webhook).
// Port 0 on 127.0.0.1. Responses are scripted: `next(...)` queues one-off answers, `always(...)`
// sets the answer after the queue runs dry; `hold()` keeps the next request open without an
// answer (to kill a sender mid-request). Requests to another path are answered 404 and listed in
// `unexpected`, which `assertClean()` turns into a test failure.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The status it was answered with (undefined while held). */
  status?: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export type Script = Answer | 'hold' | ((req: Received) => Answer);

export interface Receiver {
  /** Full URL of the hook, e.g. http://127.0.0.1:41234/services/T0/B0/secret. */
  url: string;
  requests: Received[];
  unexpected: Received[];
  next(...answers: Script[]): void;
  always(answer: Script): void;
  /** Resolves when `n` requests (in total) have arrived. */
  waitFor(n: number): Promise<void>;
  assertClean(): void;
  close(): Promise<void>;
}

/** Slack's answers (api.slack.com/messaging/webhooks; changelog 2016-05-17). */
export const slack = {
  ok: { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'ok' },
  rateLimited: (seconds: number): Answer => ({ status: 429, headers: { 'retry-after': String(seconds) }, body: '' }),
  serverError: { status: 500, headers: { 'content-type': 'text/plain' }, body: 'rollup_error' },
  invalidPayload: { status: 400, headers: { 'content-type': 'text/plain' }, body: 'invalid_payload' },
  channelNotFound: { status: 404, headers: { 'content-type': 'text/plain' }, body: 'channel_not_found' },
} satisfies Record<string, Answer | ((n: number) => Answer)>;

export async function startReceiver(path = '/services/T0000/B0000/s3cr3tHookToken'): Promise<Receiver> {
  const queue: Script[] = [];
  let fallback: Script = { status: 200, body: 'ok' };
  const waiters: { n: number; resolve: () => void }[] = [];
  const r = { requests: [] as Received[], unexpected: [] as Received[] } as Receiver;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      if (rec.url !== path) {
        r.unexpected.push(rec);
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no_service');
        return;
      }
      r.requests.push(rec);
      const script = queue.length ? queue.shift()! : fallback;
      for (const w of waiters.filter((w) => r.requests.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      if (script === 'hold') return; // never answered: the sender is killed or times out
      const a = typeof script === 'function' ? script(rec) : script;
      rec.status = a.status;
      res.writeHead(a.status, a.headers ?? {}).end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  r.url = `http://127.0.0.1:${port}${path}`;
  r.next = (...answers) => void queue.push(...answers);
  r.always = (a) => void (fallback = a);
  r.waitFor = (n) => (r.requests.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })));
  r.assertClean = () => {
    if (r.unexpected.length)
      throw new Error(`receiver: unexpected requests: ${r.unexpected.map((u) => `${u.method} ${u.url}`).join(', ')}`);
  };
  r.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return r;
}
