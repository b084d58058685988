import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/index.js';
import { createHostLimiter } from '../../src/http/limiter.js';
import { startServer, type TestServer } from './server.js';

let server: TestServer;
afterEach(() => server?.close());

describe('per-host concurrency', () => {
  it('never has more than perHostConcurrency requests in flight on one host', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    server = await startServer((_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Hold every response long enough for all unqueued requests to arrive.
      setTimeout(() => {
        inFlight--;
        res.end('ok');
      }, 60);
    });
    const http = createHttpClient({ perHostConcurrency: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => http.request({ url: `${server.url}/m/${i}` })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(server.requests).toHaveLength(6);
    expect(maxInFlight).toBe(2);
  });

  it('defaults to 4 per host', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    server = await startServer((_req, res) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('ok');
      }, 60);
    });
    const http = createHttpClient({});
    await Promise.all(Array.from({ length: 8 }, (_, i) => http.request({ url: `${server.url}/m/${i}` })));
    expect(maxInFlight).toBe(4);
  });

  it('limits each host separately and frees slots on failure', async () => {
    const limiter = createHostLimiter(1);
    const log: string[] = [];
    let releaseA!: () => void;
    const a1 = limiter.run('a', () => new Promise<void>((r) => (releaseA = r)).then(() => log.push('a1')));
    const a2 = limiter.run('a', async () => log.push('a2'));
    const b1 = limiter.run('b', async () => log.push('b1'));
    await b1;
    expect(log).toEqual(['b1']); // b is not queued behind a
    releaseA();
    await Promise.all([a1, a2]);
    expect(log).toEqual(['b1', 'a1', 'a2']);
    await expect(limiter.run('c', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run('c', async () => 'free again')).toBe('free again');
  });
});
