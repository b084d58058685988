// Turns whatever went wrong while polling a source into the one error type the scheduler knows:
// SourceError, transient or permanent, with a message that starts with the source
// (`huggingface: meta-llama: 429 Too Many Requests ...`) and the original error kept as `cause`.
// Shared by every collector (huggingface, github, feed, page).
import type { z } from 'zod';
import { SourceError } from '../errors.js';
import { HttpError, type HttpResponse } from '../http/index.js';

/** `huggingface: meta-llama` — the prefix of every message about one source. */
export function sourceLabel(kind: string, target: string): string {
  return `${kind}: ${target}`;
}

function prefixed(label: string, message: string): string {
  return message.startsWith(`${label}:`) ? message : `${label}: ${message}`;
}

/** The first HttpError in a cause chain (octokit wraps the edge's errors in RequestError). */
export function findHttpError(err: unknown): HttpError | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof HttpError) return e;
  }
  return undefined;
}

/** Statuses of a response (not an exception) that are worth retrying later. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * Any error thrown while polling → SourceError. A SourceError passes through; an HttpError
 * (anywhere in the cause chain) keeps its `transient` and `retryAt`; anything else is a bug or
 * bad data, hence permanent.
 */
export function toSourceError(label: string, err: unknown): SourceError {
  if (err instanceof SourceError) return err;
  const http = findHttpError(err);
  if (http)
    return new SourceError(prefixed(label, http.message), http.transient, { cause: err, ...(http.retryAt && { retryAt: http.retryAt }) });
  const message = err instanceof Error ? err.message : String(err);
  return new SourceError(prefixed(label, message), false, { cause: err });
}

/** A response with a status the collector cannot use (4xx it does not expect, 5xx handed back). */
export function statusError(label: string, status: number, what: string, detail?: string): SourceError {
  const tail = detail ? `: ${detail}` : '';
  return new SourceError(`${label}: ${status} on ${what}${tail}`, isTransientStatus(status));
}

/** The short reason carried by an error response (X-Error-Message, JSON `error`/`message`). */
export function errorDetail(res: Pick<HttpResponse, 'headers' | 'body'>): string | undefined {
  const header = res.headers['x-error-message'];
  if (header) return header;
  try {
    const body = JSON.parse(res.body.toString('utf8')) as { error?: unknown; message?: unknown };
    const msg = body.error ?? body.message;
    if (typeof msg === 'string') return msg;
  } catch {
    // not JSON: no detail
  }
  return undefined;
}

/** The response body did not have the shape we rely on: permanent, says where and what. */
export function schemaError(label: string, what: string, issue: string, cause?: unknown): SourceError {
  return new SourceError(`${label}: unexpected response from ${what}: ${issue}`, false, cause === undefined ? undefined : { cause });
}

/** Up to three zod issues, as `path: message`. */
export function describeZodError(err: z.ZodError): string {
  const shown = err.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  const more = err.issues.length > 3 ? ` (+${err.issues.length - 3} more)` : '';
  return shown.join('; ') + more;
}

/** Parses `data` (already decoded JSON) with `schema`; a mismatch is a permanent SourceError. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, label: string, what: string): z.output<S> {
  const r = schema.safeParse(data);
  if (!r.success) throw schemaError(label, what, describeZodError(r.error), r.error);
  return r.data;
}

/** JSON.parse of a response body, then `parseWith`. Truncated or invalid JSON is permanent too. */
export function parseJsonBody<S extends z.ZodType>(schema: S, body: Buffer | string, label: string, what: string): z.output<S> {
  let data: unknown;
  try {
    data = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (err) {
    throw schemaError(label, what, `invalid JSON (${(err as Error).message})`, err);
  }
  return parseWith(schema, data, label, what);
}
