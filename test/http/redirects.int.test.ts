import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/index.js';
import { failure, fakeClock, startServer, type TestServer } from './server.js';

let server: TestServer;
afterEach(() => server?.close());

function client(maxRedirects?: number) {
  const clock = fakeClock();
  return createHttpClient({
    now: clock.now,
    sleep: clock.sleep,
    random: clock.random,
    ...(maxRedirects !== undefined && { maxRedirects }),
  });
}

describe('redirects', () => {
  it('follows a relative 307 like the Hub sends for renamed repos', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/api/models/bert-base-uncased') {
        res.writeHead(307, { location: '/api/models/google-bert/bert-base-uncased' });
        return res.end('Temporary Redirect. Redirecting to /api/models/google-bert/bert-base-uncased');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"google-bert/bert-base-uncased"}');
    });
    const res = await client().request({ url: `${server.url}/api/models/bert-base-uncased` });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${server.url}/api/models/google-bert/bert-base-uncased`);
    expect(res.attempts).toBe(2);
    expect(server.requests.map((r) => r.url)).toEqual(['/api/models/bert-base-uncased', '/api/models/google-bert/bert-base-uncased']);
  });

  it("returns the 3xx itself with redirect: 'manual'", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(307, { location: '/api/models/google-bert/bert-base-uncased' });
      res.end('Temporary Redirect.');
    });
    const res = await client().request({ url: `${server.url}/api/models/bert-base-uncased`, redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(res.headers['location']).toBe('/api/models/google-bert/bert-base-uncased');
    expect(res.text()).toBe('Temporary Redirect.');
    expect(server.requests).toHaveLength(1);
  });

  it('stops a redirect loop after maxRedirects', async () => {
    server = await startServer((req, res) => {
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' });
      res.end();
    });
    const err = await failure(client(3).request({ url: `${server.url}/a`, label: 'feed: acme' }));
    expect(err).toMatchObject({ code: 'too_many_redirects', transient: false, status: 302 });
    expect(err.message).toBe('feed: acme: more than 3 redirects');
    expect(server.requests).toHaveLength(4); // the first hop plus 3 followed redirects
  });

  it('turns POST into a body-less GET on 303 and keeps method and body on 308', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/see-other') res.writeHead(303, { location: '/result' });
      else if (req.url === '/permanent') res.writeHead(308, { location: '/moved' });
      res.end(`${req.method} ${req.url}`);
    });
    const http = client();
    const post = { method: 'POST' as const, body: '{"a":1}', headers: { 'content-type': 'application/json' } };

    const seeOther = await http.request({ url: `${server.url}/see-other`, ...post });
    expect(seeOther.text()).toBe('GET /result');
    expect(server.requests[1]).toMatchObject({ method: 'GET', body: '' });
    expect(server.requests[1]!.headers['content-type']).toBeUndefined();

    const permanent = await http.request({ url: `${server.url}/permanent`, ...post });
    expect(permanent.text()).toBe('POST /moved');
    expect(server.requests[3]).toMatchObject({ method: 'POST', body: '{"a":1}' });
  });

  it('rejects a redirect to a non-http Location', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    });
    await expect(client().request({ url: `${server.url}/x` })).rejects.toMatchObject({ code: 'bad_redirect' });
  });
});
