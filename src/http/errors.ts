// The one error type of the HTTP edge. Callers (collectors, notifiers, the scheduler) only need
// to know whether to try again later (`transient`, `retryAt`) and what to show; the message is
// prefixed with the request's label and never carries a token or a secret URL.

export type HttpErrorCode =
  | 'timeout'
  | 'network'
  | 'too_large'
  | 'too_many_redirects'
  | 'bad_redirect'
  | 'rate_limited'
  | 'server'
  | 'client'
  | 'aborted';

export interface HttpErrorInit {
  code: HttpErrorCode;
  transient: boolean;
  status?: number;
  retryAt?: Date;
  /** Display-safe URL (origin only when the URL is a secret). */
  url?: string;
  /** Requests sent before giving up (retries included). */
  attempts?: number;
  cause?: unknown;
}

export class HttpError extends Error {
  override name = 'HttpError';
  readonly code: HttpErrorCode;
  readonly transient: boolean;
  readonly status?: number;
  /** When the caller may retry (rate limits, waits longer than the caller accepts). */
  readonly retryAt?: Date;
  readonly url?: string;
  readonly attempts?: number;

  constructor(message: string, init: HttpErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.transient = init.transient;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAt !== undefined) this.retryAt = init.retryAt;
    if (init.url !== undefined) this.url = init.url;
    if (init.attempts !== undefined) this.attempts = init.attempts;
  }
}

/** True for errors worth retrying later (network, timeout, 5xx, rate limits). Errors that are
 *  not HttpError are bugs, not weather: not transient. */
export function isTransient(err: unknown): boolean {
  if (err instanceof HttpError) return err.transient;
  return false;
}

/** The URL as it may appear in messages and logs: a secret URL shows only its origin. */
export function displayUrl(url: string, secret: boolean | undefined): string {
  if (!secret) return url;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}
