import { RequestError } from '@octokit/request-error';
import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, HttpError } from '../../src/http/index.js';
import { fakeClock, startServer, type TestServer } from './server.js';

const ETAG = '"7a1f0c3b9e2d4c5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90"';
const REPO = {
  id: 515435940,
  full_name: 'acme/widget',
  license: { key: 'mit', name: 'MIT License', spdx_id: 'MIT', url: 'https://api.github.com/licenses/mit' },
};

let server: TestServer;
afterEach(() => server?.close());

function github() {
  let rateLimited = 0;
  return startServer((req, res) => {
    const json = { 'content-type': 'application/json; charset=utf-8', etag: ETAG };
    if (req.url === '/repos/acme/limited' && rateLimited++ === 0) {
      res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '2' });
      return res.end('{"message":"You have exceeded a secondary rate limit."}');
    }
    if (req.url === '/repos/acme/widget' || req.url === '/repos/acme/limited') {
      if (req.headers['if-none-match'] === ETAG) return res.writeHead(304, { etag: ETAG }).end();
      return res.writeHead(200, json).end(JSON.stringify(REPO));
    }
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end('{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}');
  });
}

function setup() {
  const clock = fakeClock();
  const client = createHttpClient({
    now: clock.now,
    sleep: clock.sleep,
    random: clock.random,
    tokens: [{ origin: server.url, authorization: 'token ghp_confined' }],
  });
  const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  const octokit = new Octokit({ baseUrl: server.url, request: { fetch: client.fetch }, log: quiet });
  return { client, octokit, clock };
}

describe('fetch adapter with @octokit/rest', () => {
  it('serves repos.get through the edge: UA, token, JSON', async () => {
    server = await github();
    const { octokit } = setup();
    const { data, status, headers, url } = await octokit.rest.repos.get({ owner: 'acme', repo: 'widget' });
    expect(status).toBe(200);
    expect(data.full_name).toBe('acme/widget');
    expect(data.license?.spdx_id).toBe('MIT');
    expect(headers.etag).toBe(ETAG);
    expect(url).toBe(`${server.url}/repos/acme/widget`);
    const sent = server.requests[0]!.headers;
    expect(sent['user-agent']).toMatch(/^modelwatch\/0\.1\.0 /);
    expect(sent.authorization).toBe('token ghp_confined');
    expect(sent.accept).toBe('application/vnd.github.v3+json');
  });

  it('lets octokit raise its RequestError 304 on a conditional call', async () => {
    server = await github();
    const { octokit } = setup();
    const err = await octokit.rest.repos
      .get({ owner: 'acme', repo: 'widget', headers: { 'if-none-match': ETAG } })
      .catch((e: unknown) => e);
    // octokit's RequestError is also named "HttpError": tell them apart by class.
    expect(err).toBeInstanceOf(RequestError);
    expect(err).not.toBeInstanceOf(HttpError);
    expect((err as RequestError).status).toBe(304);
    expect(server.requests[0]!.headers['if-none-match']).toBe(ETAG);
  });

  it('passes 404 through for octokit to raise, and retries rate limits transparently', async () => {
    server = await github();
    const { octokit, clock } = setup();
    await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'gone' })).rejects.toMatchObject({ status: 404 });
    const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'limited' });
    expect(data.id).toBe(515435940);
    expect(clock.waits).toEqual([2000]);
  });
});

describe('fetch adapter as a plain fetch', () => {
  it('passes method, headers and body through and returns a standard Response', async () => {
    server = await startServer((req, res, recorded) => {
      res.writeHead(201, { 'content-type': 'text/plain', 'x-seen': `${req.method} ${recorded.body}` });
      res.end('created');
    });
    const { client } = setup();
    const res = await client.fetch(new URL('/hook', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-none-match': 'W/"abc"' },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-seen')).toBe('POST {"text":"hi"}');
    expect(await res.text()).toBe('created');
    expect(server.requests[0]!.headers['if-none-match']).toBe('W/"abc"');
  });

  it('returns a 304 as a body-less Response and throws HttpError on failures', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/nm') return res.writeHead(304, { etag: '"e"' }).end();
      res.writeHead(302, { location: req.url }).end(); // loops
    });
    const { client } = setup();
    const nm = await client.fetch(`${server.url}/nm`, { headers: { 'if-none-match': '"e"' } });
    expect(nm.status).toBe(304);
    expect(nm.body).toBeNull();
    // A 304 to a request that sent no validator is the server's error, not "unchanged".
    await expect(client.fetch(`${server.url}/nm`)).rejects.toThrow(/304 Not Modified to a request without validators/);
    await expect(client.fetch(`${server.url}/loop`)).rejects.toBeInstanceOf(HttpError);
    const manual = await client.fetch(`${server.url}/loop`, { redirect: 'manual' });
    expect(manual.status).toBe(302);
  });
});
