// The HTTP edge's public API. Everything else in src/http is internal.
export { createHttpClient, HTTP_DEFAULTS } from './client.js';
export { HttpError, isTransient, type HttpErrorCode, type HttpErrorInit } from './errors.js';
export { createFetchAdapter } from './fetch-adapter.js';
export { createRedactor, REDACTED } from './redact.js';
export { parseRetryAfter } from './retry.js';
export type {
  HttpClient,
  HttpClientOptions,
  HttpRequest,
  HttpResponse,
  TokenRule,
  Validators,
} from './types.js';
