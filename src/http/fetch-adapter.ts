// A fetch-compatible function over the client, for libraries that take a `fetch` (octokit:
// `new Octokit({ request: { fetch: client.fetch } })`). Their requests then get the same
// limits, retries, rate-limit handling and token confinement as ours.

import type { HttpRequest, HttpResponse } from './types.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
// Statuses whose Response must have a null body (fetch spec "null body status").
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function createFetchAdapter(request: (req: HttpRequest) => Promise<HttpResponse>): typeof fetch {
  return async function edgeFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    // Request normalises every input form (URL, Request, BodyInit kinds, content-type).
    const incoming = new Request(input, init);
    const method = incoming.method.toUpperCase();
    if (!METHODS.has(method)) throw new TypeError(`http: unsupported method ${method}`);
    const headers: Record<string, string> = {};
    incoming.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // The edge's User-Agent names modelwatch; octokit's own default would hide it.
    delete headers['user-agent'];
    const req: HttpRequest = {
      url: incoming.url,
      method: method as NonNullable<HttpRequest['method']>,
      headers,
      redirect: incoming.redirect === 'manual' ? 'manual' : 'follow',
      signal: incoming.signal,
    };
    if (incoming.body) req.body = new Uint8Array(await incoming.arrayBuffer());

    const res = await request(req);
    return toFetchResponse(res, method);
  } as typeof fetch;
}

function toFetchResponse(res: HttpResponse, method: string): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    // The body is already decoded and complete: these would describe bytes it no longer has.
    if (name === 'content-encoding' || name === 'content-length') continue;
    headers.append(name, value);
  }
  const nullBody = NULL_BODY.has(res.status) || method === 'HEAD';
  const response = new Response(nullBody ? null : (res.body as Uint8Array<ArrayBuffer>), {
    status: res.status,
    statusText: res.statusText ?? '',
    headers,
  });
  // Response.url is read-only and empty for constructed responses; octokit reads it.
  Object.defineProperty(response, 'url', { value: res.url });
  return response;
}
