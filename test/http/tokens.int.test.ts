import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, createRedactor, type HttpError } from '../../src/http/index.js';
import { closedPortUrl, failure, fakeClock, startServer, type TestServer } from './server.js';

const TOKEN = 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const AUTH = `Bearer ${TOKEN}`;

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(...args: Parameters<typeof startServer>) {
  const s = await startServer(...args);
  servers.push(s);
  return s;
}

function client(origin: string) {
  const clock = fakeClock();
  return createHttpClient({
    now: clock.now,
    sleep: clock.sleep,
    random: clock.random,
    tokens: [{ origin: `${origin}/`, authorization: AUTH }],
  });
}

/** Everything about an error a log line could show. */
function everything(err: HttpError): string {
  return [err.message, err.stack, String(err), JSON.stringify(err), inspect(err, { depth: 5 })].join('\n');
}

describe('token confinement', () => {
  it('sends the token to its origin and to no other origin', async () => {
    const hub = await serve((_req, res) => res.end('hub'));
    const other = await serve((_req, res) => res.end('other'));
    const http = client(hub.url);
    await http.request({ url: `${hub.url}/api/models` });
    await http.request({ url: `${other.url}/api/models` });
    expect(hub.requests[0]!.headers.authorization).toBe(AUTH);
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('drops the token when a redirect leaves its origin (another port is another origin)', async () => {
    const cdn = await serve((_req, res) => res.end('file'));
    const hub = await serve((req, res) => {
      if (req.url === '/same') res.writeHead(302, { location: '/final' }).end();
      else if (req.url === '/away') res.writeHead(302, { location: `${cdn.url}/blob` }).end();
      else res.end('final');
    });
    const http = client(hub.url);

    await http.request({ url: `${hub.url}/same` });
    expect(hub.requests.map((r) => r.headers.authorization)).toEqual([AUTH, AUTH]);

    const res = await http.request({ url: `${hub.url}/away` });
    expect(res.text()).toBe('file');
    expect(hub.requests[2]!.headers.authorization).toBe(AUTH);
    expect(cdn.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("drops a caller's own Authorization header on a cross-origin redirect", async () => {
    const other = await serve((_req, res) => res.end('other'));
    const start = await serve((_req, res) => res.writeHead(307, { location: `${other.url}/x` }).end());
    const http = createHttpClient({ sleep: async () => {} });
    await http.request({ url: `${start.url}/`, headers: { Authorization: 'token ghp_caller' } });
    expect(start.requests[0]!.headers.authorization).toBe('token ghp_caller');
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
  });
});

describe('secrets never reach messages', () => {
  it('keeps a token out of errors even when the server echoes it', async () => {
    const hub = await serve((req, res) => {
      const echo = String(req.headers.authorization);
      res.writeHead(500, { 'x-echo': echo, 'content-type': 'text/plain' }).end(`bad token ${echo}`);
    });
    const err = await failure(client(hub.url).request({ url: `${hub.url}/api/models?token=${TOKEN}`, retries: 1 }));
    expect(err.message).toContain('500 Internal Server Error');
    expect(everything(err)).not.toContain(TOKEN);
    expect(err.message).toContain('token=***');
  });

  it('shows only the origin of a secret URL, for HTTP errors and network errors alike', async () => {
    const secretPath = '/services/T0001/B0002/XyZsecretWebhookPart';
    const hook = await serve((req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`no such hook ${req.url}`);
    });
    const http = createHttpClient({ sleep: async () => {}, random: () => 0 });

    const httpErr = await failure(
      http.request({ url: `${hook.url}${secretPath}`, method: 'POST', body: '{}', secretUrl: true, retries: 0 }),
    );
    expect(httpErr.message).toBe(`POST ${hook.url}/…: 500 Internal Server Error (gave up after 1 attempt)`);
    expect(httpErr.url).toBe(`${hook.url}/…`);
    expect(everything(httpErr)).not.toContain('XyZsecretWebhookPart');

    const closed = await closedPortUrl();
    const netErr = await failure(http.request({ url: `${closed}${secretPath}`, secretUrl: true, retries: 0, label: 'slack: #releases' }));
    expect(netErr.code).toBe('network');
    expect(netErr.message.startsWith('slack: #releases: network error')).toBe(true);
    expect(everything(netErr)).not.toContain('XyZsecretWebhookPart');
  });
});

describe('createRedactor', () => {
  it('replaces every occurrence of each secret, raw and URL-encoded', () => {
    const redact = createRedactor(['s3cr3t/with space', '', 'hf_abc']);
    expect(redact('a s3cr3t/with space b hf_abc hf_abc')).toBe('a *** b *** ***');
    expect(redact('q=s3cr3t%2Fwith%20space&x=s3cr3t%2fwith%20space')).toBe('q=***&x=***');
    expect(redact('q=s3cr3t%2Fwith+space')).toBe('q=***');
    expect(redact('nothing here')).toBe('nothing here');
  });

  it('is the identity without secrets', () => {
    expect(createRedactor([''])('hf_abc')).toBe('hf_abc');
  });
});
