import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, isTransient, type HttpClientOptions } from '../../src/http/index.js';
import { closedPortUrl, failure, fakeClock, startServer, type TestServer } from './server.js';

let server: TestServer;
afterEach(() => server?.close());

function setup(extra: HttpClientOptions = {}) {
  const clock = fakeClock();
  const attempts: Array<number | null> = [];
  const http = createHttpClient({
    now: clock.now,
    sleep: clock.sleep,
    random: clock.random,
    onAttempt: (a) => attempts.push(a.status),
    ...extra,
  });
  return { clock, http, attempts };
}

/** Answers with the listed responses in order, then 200 "ok". */
function scripted(steps: Array<{ status: number; headers?: Record<string, string>; body?: string }>) {
  let i = 0;
  return startServer((_req, res) => {
    const step = steps[i++] ?? { status: 200, body: 'ok' };
    res.writeHead(step.status, step.headers ?? {});
    res.end(step.body ?? '');
  });
}

describe('retries on server errors', () => {
  it('retries a 500 with jittered exponential backoff, then succeeds', async () => {
    server = await scripted([{ status: 500 }, { status: 502 }]);
    const { http, clock, attempts } = setup();
    const res = await http.request({ url: `${server.url}/x` });
    expect(res.status).toBe(200);
    expect(res.text()).toBe('ok');
    expect(res.attempts).toBe(3);
    expect(attempts).toEqual([500, 502, 200]);
    // Full jitter with random() = 0.5: half of 1 s, then half of 2 s.
    expect(clock.waits).toEqual([500, 1000]);
  });

  it('gives up after the configured retries with a transient error carrying the status', async () => {
    server = await scripted(Array(10).fill({ status: 500 }));
    const { http, attempts } = setup();
    const err = await failure(http.request({ url: `${server.url}/x`, label: 'github: acme/widget' }));
    expect(err).toMatchObject({ code: 'server', transient: true, status: 500 });
    expect(err.retryAt).toBeUndefined();
    expect(err.message).toBe('github: acme/widget: 500 Internal Server Error (gave up after 4 attempts)');
    expect(isTransient(err)).toBe(true);
    expect(attempts).toHaveLength(4);
  });

  it('retries network errors and reports them as transient', async () => {
    const url = await closedPortUrl();
    const { http, attempts, clock } = setup({ retries: 2 });
    const err = await failure(http.request({ url: `${url}/x` }));
    expect(err).toMatchObject({ code: 'network', transient: true });
    expect(err.message).toMatch(/network error: fetch failed \(ECONNREFUSED\)/);
    expect(err.cause).toBeDefined();
    expect(attempts).toEqual([null, null, null]);
    expect(clock.waits).toEqual([500, 1000]);
  });

  it('returns other 4xx to the caller without retrying', async () => {
    server = await scripted([{ status: 404, body: '{"error":"Repository not found"}' }]);
    const { http } = setup();
    for (const status of [404]) {
      const res = await http.request({ url: `${server.url}/x` });
      expect(res.status).toBe(status);
      expect(res.json()).toEqual({ error: 'Repository not found' });
    }
    expect(server.requests).toHaveLength(1);
  });

  it('returns a 403 that is not a rate limit', async () => {
    server = await scripted([{ status: 403, headers: { 'x-error-code': 'GatedRepo', 'x-ratelimit-remaining': '4000' }, body: 'gated' }]);
    const res = await setup().http.request({ url: `${server.url}/x` });
    expect(res.status).toBe(403);
    expect(server.requests).toHaveLength(1);
  });
});

describe('server-requested waits', () => {
  it('honours Retry-After in seconds on 429', async () => {
    server = await scripted([{ status: 429, headers: { 'retry-after': '7' } }]);
    const { http, clock } = setup();
    expect((await http.request({ url: `${server.url}/x` })).status).toBe(200);
    expect(clock.waits).toEqual([7000]);
  });

  it('honours Retry-After as an HTTP-date on 503, relative to the injected clock', async () => {
    const { http, clock } = setup();
    const date = new Date(clock.now() + 20_000).toUTCString();
    server = await scripted([{ status: 503, headers: { 'retry-after': date } }]);
    expect((await http.request({ url: `${server.url}/x` })).status).toBe(200);
    expect(clock.waits).toEqual([20_000]);
  });

  it("honours Hugging Face's RateLimit header when r=0", async () => {
    server = await scripted([
      {
        status: 429,
        headers: { ratelimit: '"api";r=0;t=25', 'ratelimit-policy': '"fixed window";"api";q=500;w=300' },
      },
    ]);
    const { http, clock } = setup();
    expect((await http.request({ url: `${server.url}/api/models` })).status).toBe(200);
    expect(clock.waits).toEqual([25_000]);
  });

  it('uses backoff on a 429 whose RateLimit still has requests left', async () => {
    server = await scripted([{ status: 429, headers: { ratelimit: '"api";r=12;t=55' } }]);
    const { http, clock } = setup();
    await http.request({ url: `${server.url}/x` });
    expect(clock.waits).toEqual([500]);
  });

  it("waits for GitHub's x-ratelimit-reset on a 403 with x-ratelimit-remaining: 0", async () => {
    const { http, clock } = setup();
    const reset = String(clock.now() / 1000 + 20);
    server = await scripted([
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, 'content-type': 'application/json' },
        body: '{"message":"API rate limit exceeded for 203.0.113.7."}',
      },
    ]);
    expect((await http.request({ url: `${server.url}/repos/a/b` })).status).toBe(200);
    expect(clock.waits).toEqual([20_000]);
  });

  it('waits 60 s on a GitHub secondary rate limit without Retry-After', async () => {
    server = await scripted([
      {
        status: 403,
        headers: { 'content-type': 'application/json' },
        body: '{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}',
      },
    ]);
    const { http, clock } = setup({ maxWaitMs: 120_000 });
    expect((await http.request({ url: `${server.url}/x` })).status).toBe(200);
    expect(clock.waits).toEqual([60_000]);
  });

  it('throws a transient error with retryAt when the wait exceeds maxWaitMs', async () => {
    server = await scripted([{ status: 429, headers: { ratelimit: '"api";r=0;t=55' } }]);
    const { http, clock } = setup();
    const err = await failure(http.request({ url: `${server.url}/api/models`, label: 'huggingface: meta-llama' }));
    expect(err.message).toBe('huggingface: meta-llama: 429 Too Many Requests (retry after 55 s)');
    expect(err).toMatchObject({ code: 'rate_limited', transient: true, status: 429 });
    expect(err.retryAt).toEqual(new Date(clock.now() + 55_000));
    expect(clock.waits).toEqual([]); // nothing blocked
    expect(server.requests).toHaveLength(1);
  });

  it('applies a per-request maxWaitMs to a GitHub reset an hour away', async () => {
    const { http, clock } = setup({ maxWaitMs: 2 * 3600_000 });
    const resetSec = Math.floor(clock.now() / 1000) + 3600;
    server = await scripted([{ status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetSec) } }]);
    const err = await failure(http.request({ url: `${server.url}/x`, maxWaitMs: 1000 }));
    expect(err.retryAt).toEqual(new Date(resetSec * 1000));
    expect(err.message).toContain('(retry after 3600 s)');
  });

  it('gives up on repeated 429s with retryAt from the last response', async () => {
    server = await scripted(Array(5).fill({ status: 429, headers: { 'retry-after': '3' } }));
    const { http, clock } = setup({ retries: 2 });
    const err = await failure(http.request({ url: `${server.url}/x` }));
    expect(err).toMatchObject({ code: 'rate_limited', transient: true, status: 429 });
    expect(clock.waits).toEqual([3000, 3000]);
    expect(err.retryAt).toEqual(new Date(clock.now() + 3000));
  });
});
