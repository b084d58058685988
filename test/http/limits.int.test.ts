import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from '../../src/http/index.js';
import { failure, fakeClock, startServer, type TestServer } from './server.js';

let server: TestServer;
afterEach(() => server?.close());

function client(extra: HttpClientOptions = {}) {
  const clock = fakeClock();
  return createHttpClient({ now: clock.now, sleep: clock.sleep, random: clock.random, ...extra });
}

describe('timeouts', () => {
  it('gives up when the response headers do not come within timeoutMs', async () => {
    server = await startServer(() => {
      /* never answers */
    });
    const err = await failure(client().request({ url: `${server.url}/slow`, timeoutMs: 100, retries: 0, label: 'hf' }));
    expect(err.code).toBe('timeout');
    expect(err.transient).toBe(true);
    expect(err.message).toBe('hf: timeout: no response within 100 ms (gave up after 1 attempt)');
  });

  it('retries a timeout, then gives up transiently', async () => {
    server = await startServer(() => {});
    const attempts: Array<number | null> = [];
    const http = client({ onAttempt: (a) => attempts.push(a.status) });
    const err = await failure(http.request({ url: `${server.url}/slow`, timeoutMs: 50, retries: 1 }));
    expect(err.code).toBe('timeout');
    expect(attempts).toEqual([null, null]);
    expect(server.requests).toHaveLength(2);
  });

  it('lets a slow body finish past timeoutMs: that limit is only for the response headers', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(String(sent));
        if (++sent === 5) {
          clearInterval(timer);
          res.end();
        }
      }, 50);
    });
    const res = await client().request({ url: `${server.url}/slow-body`, timeoutMs: 100, deadlineMs: 5000, retries: 0 });
    expect(res.text()).toBe('01234');
  });

  it('stops a trickling body at the total deadline', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 10);
      res.on('close', () => clearInterval(timer));
    });
    const err = await failure(client().request({ url: `${server.url}/trickle`, timeoutMs: 1000, deadlineMs: 150, retries: 0 }));
    expect(err.code).toBe('timeout');
    expect(err.message).toContain('not complete within 150 ms');
  });
});

describe('caller abort and attempt reporting', () => {
  it("stops at the caller's abort signal without retrying", async () => {
    const controller = new AbortController();
    server = await startServer(() => controller.abort()); // aborts once the request is in, never answers
    const err = await failure(client().request({ url: `${server.url}/hang`, signal: controller.signal, timeoutMs: 5000 }));
    expect(err).toMatchObject({ code: 'aborted', transient: false });
    expect(server.requests).toHaveLength(1);
  });

  it('reports every attempt, redirects included, with status and body size but no headers', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/a') return res.writeHead(302, { location: '/b' }).end('moved');
      res.end('hello');
    });
    const seen: unknown[] = [];
    await client({ onAttempt: (a) => seen.push(a) }).request({ url: `${server.url}/a` });
    expect(seen).toEqual([
      { url: `${server.url}/a`, method: 'GET', status: 302, bytes: 0 },
      { url: `${server.url}/b`, method: 'GET', status: 200, bytes: 5 },
    ]);
  });
});

describe('body size cap', () => {
  it('rejects a Content-Length over the cap without reading the body', async () => {
    server = await startServer((_req, res) => {
      // Declares 20 MB and sends 10 bytes, then hangs: only an early check can answer quickly.
      res.writeHead(200, { 'content-length': String(20_000_000) });
      res.write('0123456789');
    });
    const err = await failure(client().request({ url: `${server.url}/big`, maxBytes: 1000, deadlineMs: 5000 }));
    expect(err.code).toBe('too_large');
    expect(err.transient).toBe(false);
    expect(err.message).toContain('declares 20000000 bytes');
    expect(server.requests).toHaveLength(1); // not retried
  });

  it('aborts an endless chunked body as soon as it passes the cap', async () => {
    let written = 0;
    let closed!: Promise<void>;
    server = await startServer((_req, res) => {
      closed = new Promise((resolve) => res.on('close', resolve));
      res.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked, no length
      const timer = setInterval(() => {
        res.write(Buffer.alloc(1024, 0x61));
        written += 1024;
      }, 2);
      res.on('close', () => clearInterval(timer));
    });
    const err = await failure(client().request({ url: `${server.url}/endless`, maxBytes: 8 * 1024 }));
    expect(err.code).toBe('too_large');
    expect(err.message).toContain('over the 8192-byte cap');
    await closed; // the connection was dropped: the download really stopped
    expect(written).toBeLessThan(1024 * 1024);
  });

  it('accepts a body exactly at the cap', async () => {
    server = await startServer((_req, res) => res.end(Buffer.alloc(4096, 0x62)));
    const res = await client().request({ url: `${server.url}/exact`, maxBytes: 4096 });
    expect(res.body.length).toBe(4096);
  });
});

describe('encodings and defaults', () => {
  const payload = JSON.stringify({ id: 'meta-llama/Llama-3.1-8B', tags: Array(200).fill('text-generation') });

  it('asks for compression and decodes a gzip body', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(payload));
    });
    const res = await client().request({ url: `${server.url}/gz` });
    expect(res.text()).toBe(payload);
    expect(server.requests[0]!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('decodes a brotli body', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'br' });
      res.end(brotliCompressSync(payload));
    });
    expect((await client().request({ url: `${server.url}/br` })).text()).toBe(payload);
  });

  it('sends the modelwatch User-Agent by default, and the configured one otherwise', async () => {
    server = await startServer((_req, res) => res.end('ok'));
    await client().request({ url: `${server.url}/ua` });
    await client({ userAgent: 'custom/1.0' }).request({ url: `${server.url}/ua` });
    expect(server.requests[0]!.headers['user-agent']).toBe('modelwatch/0.1.0 (+https://github.com/modelwatch/modelwatch)');
    expect(server.requests[1]!.headers['user-agent']).toBe('custom/1.0');
  });

  it('sends method, headers and body as given, and HEAD reads no body', async () => {
    server = await startServer((req, res) => {
      res.writeHead(201, { 'content-type': 'text/plain', 'content-length': '5' });
      res.end(req.method === 'HEAD' ? undefined : 'hello');
    });
    const http = client();
    const post = await http.request({
      url: `${server.url}/hook`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"text":"hi"}',
    });
    expect(post.status).toBe(201);
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: '{"text":"hi"}' });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    const head = await http.request({ url: `${server.url}/hook`, method: 'HEAD' });
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe('5');
  });
});
