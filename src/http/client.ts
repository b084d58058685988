// The one HTTP edge: every collector and notifier talks to the network through this client.
// It adds what each of them would otherwise get subtly wrong: conditional GET, timeouts and a
// body cap, manual redirects that keep tokens on their origin, retries with jittered backoff,
// server-requested waits (Retry-After, Hugging Face RateLimit, GitHub x-ratelimit-*), and a
// per-host concurrency limit. Waits longer than the caller accepts become a transient
// HttpError with `retryAt`, so the scheduler reschedules instead of blocking a worker.

import { STATUS_CODES } from 'node:http';
import { HttpError, displayUrl, type HttpErrorInit } from './errors.js';
import { exchange, ExchangeError, type Exchange, type Hop } from './exchange.js';
import { createFetchAdapter } from './fetch-adapter.js';
import { firstHop, isFollowedRedirect, nextHop, normalizeTokens, secretsOf, toResponse, withToken } from './hops.js';
import { createHostLimiter } from './limiter.js';
import { createRedactor } from './redact.js';
import { backoffMs, needsBody, retryDecision } from './retry.js';
import type { HttpClient, HttpClientOptions, HttpRequest, HttpResponse } from './types.js';
import { defaultUserAgent } from './user-agent.js';

export const HTTP_DEFAULTS = {
  timeoutMs: 15_000,
  deadlineMs: 60_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  retries: 3,
  maxWaitMs: 30_000,
  perHostConcurrency: 4,
} as const;

type ErrorInit = Omit<HttpErrorInit, 'url'>;
type RetryInit = Pick<HttpErrorInit, 'code' | 'status' | 'cause'>;

export function createHttpClient(opts: HttpClientOptions = {}): HttpClient {
  const fetchImpl = opts.fetch ?? globalThis.fetch;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = opts.random ?? Math.random;
  const userAgent = opts.userAgent ?? defaultUserAgent();
  const tokens = normalizeTokens(opts.tokens ?? []);
  const limiter = createHostLimiter(opts.perHostConcurrency ?? HTTP_DEFAULTS.perHostConcurrency);
  const maxRedirects = opts.maxRedirects ?? HTTP_DEFAULTS.maxRedirects;

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const limits = {
      timeoutMs: req.timeoutMs ?? opts.timeoutMs ?? HTTP_DEFAULTS.timeoutMs,
      // Per attempt: response headers plus the whole body of one exchange.
      deadlineMs: req.deadlineMs ?? opts.deadlineMs ?? HTTP_DEFAULTS.deadlineMs,
      maxBytes: req.maxBytes ?? opts.maxBytes ?? HTTP_DEFAULTS.maxBytes,
    };
    const retries = req.retries ?? opts.retries ?? HTTP_DEFAULTS.retries;
    const maxWaitMs = req.maxWaitMs ?? opts.maxWaitMs ?? HTTP_DEFAULTS.maxWaitMs;
    const follow = req.redirect !== 'manual';

    let hop: Hop = firstHop(req, userAgent);
    let attempts = 0;
    let retried = 0;
    let redirects = 0;

    // Messages: `<label>: <what happened>`, redacted of every token and of the secret URL.
    const fail = (message: string, init: ErrorInit): HttpError => {
      const url = displayUrl(hop.url, req.secretUrl);
      const prefix = req.label ?? `${hop.method} ${url}`;
      const redact = createRedactor(secretsOf(req, tokens));
      return new HttpError(redact(`${prefix}: ${message}`), { ...init, url: redact(url), attempts });
    };

    // Waits before the next attempt, or throws when retries or the caller's patience run out.
    const retryOrThrow = async (what: string, init: RetryInit, serverWaitMs: number | undefined) => {
      const waitMs = serverWaitMs ?? backoffMs(retried, random);
      if (retried >= retries) {
        const retryAt = serverWaitMs === undefined ? undefined : new Date(now() + serverWaitMs);
        const why = serverWaitMs === undefined ? `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}` : retryAfter(serverWaitMs);
        throw fail(`${what} (${why})`, { ...init, transient: true, ...(retryAt && { retryAt }) });
      }
      if (waitMs > maxWaitMs) {
        throw fail(`${what} (${retryAfter(waitMs)})`, { ...init, transient: true, retryAt: new Date(now() + waitMs) });
      }
      await sleep(waitMs);
      retried++;
    };

    let startOrigin: string;
    try {
      startOrigin = new URL(req.url).origin;
    } catch (err) {
      throw fail('invalid URL', { code: 'client', transient: false, cause: err });
    }

    const wantBody = (status: number, headers: Record<string, string>) => !(follow && isFollowedRedirect(status, headers)) && status < 500;

    for (;;) {
      attempts++;
      let ex: Exchange;
      const sent = withToken(hop, tokens);
      try {
        ex = await limiter.run(new URL(hop.url).host, () => exchange(fetchImpl, sent, limits, wantBody, req.signal));
      } catch (err) {
        if (!(err instanceof ExchangeError)) throw err;
        opts.onAttempt?.({ url: hop.url, method: hop.method, status: err.status, bytes: 0 });
        if (err.code === 'too_large' || err.code === 'aborted') {
          throw fail(err.message, { code: err.code, transient: false, cause: err });
        }
        await retryOrThrow(err.message, { code: err.code, cause: err }, undefined);
        continue;
      }
      opts.onAttempt?.({ url: hop.url, method: hop.method, status: ex.status, bytes: ex.body.length });

      if (follow && isFollowedRedirect(ex.status, ex.headers)) {
        if (++redirects > maxRedirects) {
          throw fail(`more than ${maxRedirects} redirects`, { code: 'too_many_redirects', transient: false, status: ex.status });
        }
        const next = nextHop(hop, ex.status, ex.headers['location'] as string, startOrigin);
        if (!next)
          throw fail(`${ex.status} redirect to an invalid Location`, { code: 'bad_redirect', transient: false, status: ex.status });
        hop = next;
        continue;
      }

      const bodyText = needsBody(ex.status) ? ex.body.toString('utf8') : '';
      const decision = retryDecision(ex.status, ex.headers, bodyText, now());
      if (decision) {
        await retryOrThrow(statusLine(ex), { code: decision.code, status: ex.status }, decision.waitMs);
        continue;
      }
      // A 304 answers a conditional request only: to one without validators it says nothing
      // about the content, and taking it as "unchanged" would skip a source's baseline.
      if (ex.status === 304 && !isConditional(hop.headers)) {
        throw fail('304 Not Modified to a request without validators (a server error)', { code: 'server', transient: true, status: 304 });
      }
      return toResponse(req, hop.url, ex, attempts);
    }
  }

  return { request, fetch: createFetchAdapter(request) };
}

function isConditional(headers: Record<string, string>): boolean {
  return ['if-none-match', 'if-modified-since'].some((h) => !!headers[h]);
}

function statusLine(ex: Exchange): string {
  return `${ex.status} ${ex.statusText || STATUS_CODES[ex.status] || ''}`.trimEnd();
}

function retryAfter(ms: number): string {
  return `retry after ${Math.ceil(ms / 1000)} s`;
}
