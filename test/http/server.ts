// A loopback HTTP server for the HTTP edge's tests: port 0 on 127.0.0.1, records every request
// (method, url, headers, body), and closes even with responses left hanging.

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { HttpError } from '../../src/http/index.js';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

// `unknown`: handlers may return whatever `res.end()` returns.
export type Handler = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) => unknown;

export interface TestServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      Promise.resolve(handler(req, res, recorded)).catch((err: unknown) => {
        res.statusCode = 599;
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Injected time: `sleep` records the wait and advances `now` instead of waiting. */
export function fakeClock(start = Date.parse('2026-03-02T09:00:00.000Z')) {
  const clock = {
    t: start,
    waits: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.waits.push(ms);
      clock.t += ms;
    },
    /** Full jitter with 0.5: the n-th backoff is exactly half its window. */
    random: () => 0.5,
  };
  return clock;
}

/** A port that refuses connections: a server that was opened and closed again. */
export async function closedPortUrl(): Promise<string> {
  const s = await startServer((_req, res) => res.end());
  await s.close();
  return s.url;
}

/** The HttpError a request rejects with (fails the test if it resolves or throws another type). */
export async function failure(p: Promise<unknown>): Promise<HttpError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpError);
  return err as HttpError;
}
