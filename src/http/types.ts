// The contract of the one HTTP edge every collector and notifier uses (implemented in
// src/http/client.ts). Errors are HttpError (src/http/errors.ts).

export interface Validators {
  /** ETag exactly as the server sent it (weak `W/"..."` included). */
  etag?: string | null;
  /** Last-Modified exactly as the server sent it. */
  lastModified?: string | null;
}

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Stored validators: sent back byte for byte as If-None-Match / If-Modified-Since. */
  validators?: Validators;
  /** `follow` (default, at most `maxRedirects`) or `manual` (3xx returned to the caller). */
  redirect?: 'follow' | 'manual';
  /** Longest wait (Retry-After, rate-limit reset, backoff) the caller accepts before the
   *  request becomes a transient HttpError carrying `retryAt`. */
  maxWaitMs?: number;
  /** Overrides of the client defaults for this request. */
  timeoutMs?: number;
  deadlineMs?: number;
  maxBytes?: number;
  retries?: number;
  /** The URL itself is a secret (Slack/webhook URLs): errors and logs show only its origin. */
  secretUrl?: boolean;
  /** Name of the component for error prefixes, e.g. `huggingface: meta-llama`. */
  label?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Reason phrase as sent (may be empty; HTTP/2 has none). */
  statusText?: string;
  /** Final URL after redirects. */
  url: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Buffer;
  /** True on 304: the stored validators still hold. */
  notModified: boolean;
  /** Validators of this response (or the request's own on 304). */
  validators: Validators;
  /** Attempts made, redirects and retries included. */
  attempts: number;
  text(): string;
  json(): unknown;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  /** A `fetch` that goes through this edge (limits, retries, tokens): for @octokit/rest. */
  fetch: typeof fetch;
}

export interface TokenRule {
  /** Origin the token belongs to, e.g. `https://huggingface.co`. Sent to no other. */
  origin: string;
  /** Header value, e.g. `Bearer hf_xxx`. */
  authorization: string;
}

export interface HttpClientOptions {
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  userAgent?: string;
  tokens?: TokenRule[];
  perHostConcurrency?: number;
  timeoutMs?: number;
  deadlineMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  retries?: number;
  maxWaitMs?: number;
  /** Observes every attempt (for metrics and request counting in tests/benchmarks). */
  onAttempt?: (info: { url: string; method: string; status: number | null; bytes: number }) => void;
}
