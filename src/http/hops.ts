// Shaping each hop of a request: the first hop's headers, the next hop after a redirect, the
// token of the hop's origin, and the response handed back. Pure functions over plain data.

import type { Exchange, Hop } from './exchange.js';
import type { HttpRequest, HttpResponse, TokenRule } from './types.js';

export const ACCEPT_ENCODING = 'gzip, deflate, br';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function isFollowedRedirect(status: number, headers: Record<string, string>): boolean {
  return REDIRECTS.has(status) && typeof headers['location'] === 'string';
}

export function firstHop(req: HttpRequest, userAgent: string): Hop {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    'accept-encoding': ACCEPT_ENCODING,
  };
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  // Validators go back exactly as stored: a weak `W/"…"` ETag must keep its prefix and quotes.
  if (req.validators?.etag) headers['if-none-match'] = req.validators.etag;
  if (req.validators?.lastModified) headers['if-modified-since'] = req.validators.lastModified;
  const hop: Hop = { url: req.url, method: req.method ?? 'GET', headers };
  if (req.body !== undefined) hop.body = req.body;
  return hop;
}

/** The hop after a 3xx, or null when the Location is not an http(s) URL. */
export function nextHop(hop: Hop, status: number, location: string, startOrigin: string): Hop | null {
  let url: URL;
  try {
    url = new URL(location, hop.url); // Hugging Face answers with relative 307s
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const headers = { ...hop.headers };
  const next: Hop = { url: url.href, method: hop.method, headers };
  if (hop.body !== undefined) next.body = hop.body;
  // 301/302/303 turn a non-GET into a body-less GET; 307/308 keep method and body (RFC 9110 §15.4).
  if (status <= 303 && hop.method !== 'GET' && hop.method !== 'HEAD') {
    next.method = 'GET';
    delete next.body;
    delete headers['content-type'];
    delete headers['content-length'];
  }
  // A caller's credential belongs to the origin it was written for: once a redirect leaves that
  // origin it is dropped for good (as fetch does for Authorization on cross-origin redirects).
  if (url.origin !== startOrigin) delete headers['authorization'];
  return next;
}

/** Token rules with their origins normalised (`https://huggingface.co/` → `https://huggingface.co`). */
export function normalizeTokens(rules: TokenRule[]): TokenRule[] {
  return rules.map((rule) => {
    let origin: string;
    try {
      origin = new URL(rule.origin).origin;
    } catch {
      throw new TypeError(`http: token origin is not a URL: ${rule.origin}`);
    }
    return { origin, authorization: rule.authorization };
  });
}

/** The hop as sent: the token of the CURRENT hop's origin, and only that one. A caller's own
 *  Authorization header wins on its origin. */
export function withToken(hop: Hop, tokens: TokenRule[]): Hop {
  if ('authorization' in hop.headers) return hop;
  const origin = new URL(hop.url).origin;
  const rule = tokens.find((t) => t.origin === origin);
  if (!rule) return hop;
  return { ...hop, headers: { ...hop.headers, authorization: rule.authorization } };
}

/** Strings that must never appear in a message: tokens with and without their scheme, a
 *  caller's Authorization, and a secret URL with its path. */
export function secretsOf(req: HttpRequest, tokens: TokenRule[]): string[] {
  const secrets: string[] = [];
  const addCredential = (value: string) => {
    secrets.push(value);
    const space = value.indexOf(' ');
    if (space > 0) secrets.push(value.slice(space + 1).trim());
  };
  for (const t of tokens) addCredential(t.authorization);
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (name.toLowerCase() === 'authorization') addCredential(value);
  }
  if (req.secretUrl) {
    secrets.push(req.url);
    try {
      const u = new URL(req.url);
      if (u.pathname.length > 1) secrets.push(u.pathname);
      if (u.search) secrets.push(u.search);
    } catch {
      // an unparsable URL is still redacted whole
    }
  }
  return secrets.filter((s) => s.length > 0);
}

export function toResponse(req: HttpRequest, url: string, ex: Exchange, attempts: number): HttpResponse {
  const notModified = ex.status === 304;
  const etag = ex.headers['etag'] ?? null;
  const lastModified = ex.headers['last-modified'] ?? null;
  const validators = notModified
    ? { etag: etag ?? req.validators?.etag ?? null, lastModified: lastModified ?? req.validators?.lastModified ?? null }
    : { etag, lastModified };
  const body = ex.body;
  return {
    status: ex.status,
    statusText: ex.statusText,
    url,
    headers: ex.headers,
    body,
    notModified,
    validators,
    attempts,
    text: () => body.toString('utf8'),
    json: () => JSON.parse(body.toString('utf8')) as unknown,
  };
}
