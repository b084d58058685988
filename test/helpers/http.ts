// The real HTTP edge, tuned for tests: no real sleeping, deterministic jitter, few retries.
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClient, HttpClientOptions } from '../../src/http/types.js';

export function testHttpClient(opts: HttpClientOptions = {}): HttpClient {
  return createHttpClient({
    sleep: async () => {},
    random: () => 0,
    retries: 1,
    timeoutMs: 5_000,
    deadlineMs: 10_000,
    userAgent: 'modelwatch-test',
    ...opts,
  });
}
