// A loopback HTTP server replaying recorded real responses (the fixtures under test/fixtures/,
// each folder with its PROVENANCE.md) plus scripted scenario steps on top of them. Used by the
// tests, the benchmarks and `modelwatch demo` (the build compiles demo/world/ into dist/world/).
// Strict: a request nobody expected is answered 599 and recorded, and `assertClean()` fails
// the test; so does a route marked `once`/`required` that was never used.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplayResponse {
  status: number;
  /** Undefined values are not sent (handy for conditional headers built inline). */
  headers?: Record<string, string | undefined>;
  /** A string or Buffer is sent as is; any other value is JSON.stringify'd. */
  body?: unknown;
}

export interface RecordedRequest {
  method: string;
  /** Path with query string, as received. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type ReplayHandler = (req: RecordedRequest, world: ReplayWorld) => ReplayResponse | Promise<ReplayResponse>;

interface Route {
  method: string;
  /** Exact path+query, or a predicate on it. */
  match: string | ((url: string) => boolean);
  respond: ReplayResponse | ReplayHandler;
  /** Must be used at least once before assertClean(). */
  required: boolean;
  /** Remove after first use. */
  once: boolean;
  uses: number;
}

export interface ReplayWorld {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  requests: RecordedRequest[];
  unexpected: RecordedRequest[];
  route(method: string, match: Route['match'], respond: Route['respond'], opts?: { required?: boolean; once?: boolean }): void;
  /** Drops every route (start of a new scenario step). */
  reset(): void;
  /** Fails if a request was unexpected or a required route was never used. */
  assertClean(): void;
  /** Counts requests (since `from`, an index into `requests`). */
  count(pred?: (r: RecordedRequest) => boolean, from?: number): number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, r: ReplayResponse, baseUrl: string): void {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) if (v !== undefined) headers[k] = v;
  let body: Buffer | undefined;
  if (r.body === undefined || r.body === null) body = undefined;
  else if (Buffer.isBuffer(r.body)) body = r.body;
  else if (typeof r.body === 'string') body = Buffer.from(r.body.replaceAll('{{base}}', baseUrl), 'utf8');
  else {
    body = Buffer.from(JSON.stringify(r.body).replaceAll('{{base}}', baseUrl), 'utf8');
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json; charset=utf-8';
  }
  for (const [k, v] of Object.entries(headers)) headers[k] = v.replaceAll('{{base}}', baseUrl);
  res.writeHead(r.status, headers);
  res.end(body);
}

/** Starts a replay world on 127.0.0.1, port 0. `{{base}}` in bodies and headers becomes its URL. */
export async function startReplayWorld(): Promise<ReplayWorld> {
  let routes: Route[] = [];
  const world = {} as ReplayWorld;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      world.requests.push(rec);
      const route = routes.find((r) => r.method === rec.method && (typeof r.match === 'string' ? r.match === rec.url : r.match(rec.url)));
      if (!route) {
        world.unexpected.push(rec);
        send(
          res,
          { status: 599, headers: { 'content-type': 'text/plain' }, body: `replay: unexpected ${rec.method} ${rec.url}` },
          world.url,
        );
        return;
      }
      route.uses++;
      if (route.once) routes = routes.filter((r) => r !== route);
      Promise.resolve(typeof route.respond === 'function' ? route.respond(rec, world) : route.respond).then(
        (r) => send(res, r, world.url),
        (err: unknown) => send(res, { status: 500, body: `replay handler failed: ${String(err)}` }, world.url),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const used: Route[] = [];
  Object.assign(world, {
    url: `http://127.0.0.1:${port}`,
    requests: [],
    unexpected: [],
    route(method: string, match: Route['match'], respond: Route['respond'], opts: { required?: boolean; once?: boolean } = {}) {
      const r: Route = { method, match, respond, required: opts.required ?? false, once: opts.once ?? false, uses: 0 };
      routes.push(r);
      used.push(r);
    },
    reset() {
      routes = [];
    },
    assertClean() {
      if (world.unexpected.length) {
        throw new Error(
          `replay: ${world.unexpected.length} unexpected request(s): ${world.unexpected.map((r) => `${r.method} ${r.url}`).join(', ')}`,
        );
      }
      const unused = used.filter((r) => r.required && r.uses === 0);
      if (unused.length)
        throw new Error(`replay: required route(s) never used: ${unused.map((r) => `${r.method} ${String(r.match)}`).join(', ')}`);
    },
    count(pred?: (r: RecordedRequest) => boolean, from = 0) {
      return world.requests.slice(from).filter((r) => (pred ? pred(r) : true)).length;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  return world;
}
