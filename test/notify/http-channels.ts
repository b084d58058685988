// Shared set-up of the HTTP channels' tests: a receiver on loopback and the real HTTP edge with
// an injected clock and no retries of its own (the dispatcher owns retries).
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClient } from '../../src/http/types.js';

export const NOW = new Date('2026-04-08T17:00:00.000Z');

export function edge(now: () => Date = () => NOW): HttpClient {
  return createHttpClient({
    now: () => now().getTime(),
    sleep: async () => {},
    random: () => 0,
    retries: 0,
    timeoutMs: 5_000,
    deadlineMs: 10_000,
    userAgent: 'modelwatch-test',
  });
}

/** Every string inside a JSON value. */
export function stringsOf(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(stringsOf);
  if (v && typeof v === 'object') return Object.values(v).flatMap(stringsOf);
  return [];
}
