import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/index.js';
import { fakeClock, startServer, type TestServer } from './server.js';

// Real shapes: Express-style weak ETag as on /api/models/*, and an IMF-fixdate Last-Modified.
const ETAG = 'W/"1144-0lLZ4rZ6fR3gbhjw06/nTxkknu0"';
const LAST_MODIFIED = 'Mon, 02 Mar 2026 08:15:03 GMT';

let server: TestServer;
afterEach(() => server?.close());

function client() {
  const clock = fakeClock();
  return createHttpClient({ now: clock.now, sleep: clock.sleep, random: clock.random });
}

describe('conditional GET', () => {
  it('sends stored validators byte for byte and turns a 304 into notModified', async () => {
    server = await startServer((req, res) => {
      if (req.headers['if-none-match'] === ETAG) {
        res.writeHead(304, { etag: ETAG });
        return res.end();
      }
      res.writeHead(200, { etag: ETAG, 'last-modified': LAST_MODIFIED, 'content-type': 'application/json' });
      res.end('{"id":"google-bert/bert-base-uncased"}');
    });
    const http = client();

    const first = await http.request({ url: `${server.url}/api/models/google-bert/bert-base-uncased` });
    expect(first.status).toBe(200);
    expect(first.notModified).toBe(false);
    expect(first.validators).toEqual({ etag: ETAG, lastModified: LAST_MODIFIED });
    expect(first.json()).toEqual({ id: 'google-bert/bert-base-uncased' });
    expect(server.requests[0]!.headers['if-none-match']).toBeUndefined();

    const second = await http.request({
      url: `${server.url}/api/models/google-bert/bert-base-uncased`,
      validators: first.validators,
    });
    expect(second.status).toBe(304);
    expect(second.notModified).toBe(true);
    expect(second.body.length).toBe(0);
    expect(second.validators).toEqual({ etag: ETAG, lastModified: LAST_MODIFIED });
    expect(server.requests[1]!.headers['if-none-match']).toBe(ETAG);
    expect(server.requests[1]!.headers['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('keeps the request validators on a bare 304 and takes new ones when the 304 carries them', async () => {
    let withNewEtag = false;
    server = await startServer((_req, res) => {
      res.writeHead(304, withNewEtag ? { etag: '"v2"' } : {});
      res.end();
    });
    const http = client();
    const validators = { etag: ETAG, lastModified: LAST_MODIFIED };

    const bare = await http.request({ url: `${server.url}/x`, validators });
    expect(bare.notModified).toBe(true);
    expect(bare.validators).toEqual(validators);

    withNewEtag = true;
    const fresh = await http.request({ url: `${server.url}/x`, validators });
    expect(fresh.validators).toEqual({ etag: '"v2"', lastModified: LAST_MODIFIED });
  });

  it('reports null validators when a 200 has none', async () => {
    server = await startServer((_req, res) => res.end('plain'));
    const res = await client().request({ url: `${server.url}/plain` });
    expect(res.validators).toEqual({ etag: null, lastModified: null });
    expect(res.text()).toBe('plain');
  });
});
