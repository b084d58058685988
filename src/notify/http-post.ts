// One delivery attempt of a JSON POST through the HTTP edge, for the HTTP channels (Slack,
// webhook). The edge makes no retries here (`retries: 0`): the dispatcher owns the retry
// policy of alerts. Maps the outcome to ChannelError: network errors, timeouts, 5xx, 408 and
// 429 are transient (429 with the receiver's Retry-After); other 4xx are permanent and carry
// the receiver's answer. The URL is a secret: errors show its origin only.
import { HttpError, createRedactor, parseRetryAfter, type HttpClient, type HttpResponse } from '../http/index.js';
import { ChannelError } from './channel.js';
import { oneLine, truncate } from './render/escape.js';

export interface PostJson {
  http: HttpClient;
  url: string;
  /** Channel name: the prefix of every error message. */
  label: string;
  body: string;
  headers?: Record<string, string>;
  now: () => Date;
}

export async function postJson(p: PostJson): Promise<HttpResponse> {
  let res: HttpResponse;
  try {
    res = await p.http.request({
      url: p.url,
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...p.headers },
      body: p.body,
      secretUrl: true,
      label: p.label,
      retries: 0,
    });
  } catch (err) {
    if (err instanceof HttpError) {
      const message = err.message.startsWith(`${p.label}:`) ? err.message : `${p.label}: ${err.message}`;
      throw new ChannelError(message, {
        transient: err.transient,
        ...(err.retryAt && { retryAt: err.retryAt }),
        ...(err.status !== undefined && { status: err.status }),
        cause: err,
      });
    }
    throw err;
  }
  if (res.status >= 200 && res.status < 300) return res;
  // A receiver (or a proxy before it) may echo the request: its URL is the secret. Redacted
  // before the cut, so that no prefix of it survives.
  const answer = truncate(oneLine(urlRedactor(p.url)(safeText(res))), 500);
  const message = `${p.label}: ${res.status}${answer ? ` ${answer}` : ''}`;
  if (res.status === 429 || res.status === 408 || res.status >= 500) {
    const waitMs = parseRetryAfter(res.headers['retry-after'], p.now().getTime());
    const retryAt = waitMs === undefined ? undefined : new Date(p.now().getTime() + waitMs);
    throw new ChannelError(message, { transient: true, status: res.status, ...(retryAt && { retryAt }) });
  }
  throw new ChannelError(message, { transient: false, status: res.status });
}

function urlRedactor(url: string): (s: string) => string {
  const forms = [url];
  try {
    const u = new URL(url);
    if (u.pathname.length > 1) forms.push(u.pathname);
    if (u.search) forms.push(u.search);
  } catch {
    // an unparsable URL is redacted whole
  }
  return createRedactor(forms);
}

function safeText(res: HttpResponse): string {
  try {
    return res.text();
  } catch {
    return '';
  }
}
