// One HTTP exchange (one attempt, one hop): fetch with redirects left to the caller, a timer to
// the response headers, a deadline over headers and body, and the capped body read. Failures
// come out as ExchangeError with a code; the client decides about retries and messages.

import { BodyTooLargeError, discardBody, readCappedBody } from './body.js';

export interface Hop {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface ExchangeLimits {
  timeoutMs: number;
  deadlineMs: number;
  maxBytes: number;
}

export interface Exchange {
  status: number;
  statusText: string;
  /** Header names lower-cased (fetch already does that). */
  headers: Record<string, string>;
  body: Buffer;
}

export type ExchangeFailure = 'timeout' | 'network' | 'too_large' | 'aborted';

export class ExchangeError extends Error {
  constructor(
    readonly code: ExchangeFailure,
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExchangeError';
  }
}

export async function exchange(
  fetchImpl: typeof fetch,
  hop: Hop,
  limits: ExchangeLimits,
  /** Whether the body of this status is wanted; unwanted bodies are discarded unread. */
  wantBody: (status: number, headers: Record<string, string>) => boolean,
  signal?: AbortSignal,
): Promise<Exchange> {
  if (signal?.aborted) throw new ExchangeError('aborted', 'aborted by caller', null);
  const controller = new AbortController();
  // An object, not a `let`: TypeScript does not see assignments made inside the timer callbacks.
  const expired: { why: string | null } = { why: null };
  const expire = (why: string) => () => {
    expired.why = why;
    controller.abort();
  };
  const onCallerAbort = () => controller.abort();
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  const headerTimer = setTimeout(expire(`no response within ${limits.timeoutMs} ms`), limits.timeoutMs);
  const deadlineTimer = setTimeout(expire(`not complete within ${limits.deadlineMs} ms`), limits.deadlineMs);
  let status: number | null = null;
  let complete = false;
  try {
    const res = await fetchImpl(hop.url, {
      method: hop.method,
      headers: hop.headers,
      // Buffers and Uint8Arrays made by this process are ArrayBuffer-backed; the DOM typings
      // only reject the SharedArrayBuffer case, which never reaches here.
      body: hop.body as string | Uint8Array<ArrayBuffer> | undefined,
      redirect: 'manual',
      signal: controller.signal,
    });
    clearTimeout(headerTimer);
    status = res.status;
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    let body: Buffer = Buffer.alloc(0);
    if (hop.method !== 'HEAD' && wantBody(res.status, headers)) {
      body = await readCappedBody(res, limits.maxBytes);
    } else {
      await discardBody(res);
    }
    complete = true;
    return { status: res.status, statusText: res.statusText, headers, body };
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw new ExchangeError('too_large', err.message, status, { cause: err });
    if (expired.why !== null) throw new ExchangeError('timeout', `timeout: ${expired.why}`, status, { cause: err });
    if (signal?.aborted) throw new ExchangeError('aborted', 'aborted by caller', status, { cause: err });
    throw new ExchangeError('network', `network error: ${describe(err)}`, status, { cause: err });
  } finally {
    clearTimeout(headerTimer);
    clearTimeout(deadlineTimer);
    signal?.removeEventListener('abort', onCallerAbort);
    // Frees the socket of a failed exchange; a complete one leaves it to keep-alive.
    if (!complete) controller.abort();
  }
}

/** undici reports "fetch failed" and hides the useful part (ECONNREFUSED, ...) in `cause`. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  if (cause && typeof cause.code === 'string') return `${err.message} (${cause.code})`;
  if (cause && typeof cause.message === 'string') return `${err.message} (${cause.message})`;
  return err.message;
}
