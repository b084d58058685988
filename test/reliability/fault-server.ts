// A replay world that can misbehave at the transport level: the routes of demo/world answer as
// usual, and a `fault` hook takes over chosen requests to hang without an answer, trickle a body
// forever, cut the connection mid-body, or answer anything scripted. `down()` closes the port
// (connection refused) and `up()` opens the very same port again, so a source's URL stays valid
// across the outage. 127.0.0.1 only; the first `up()` takes port 0.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedRequest, ReplayResponse, ReplayWorld } from '../../demo/world/server.js';

export type FaultAction =
  /** Headers never come: the client's header timeout must fire. */
  | { hang: true }
  /** 200 and headers at once, then `chunk` every `everyMs` for ever: the deadline must fire. */
  | { trickle: { headers: Record<string, string>; chunk: string; everyMs: number } }
  /** Declares `declared` bytes, sends `body` (fewer), then destroys the socket. */
  | { cut: { headers: Record<string, string>; body: Buffer; declared: number } }
  /** Streams `bytes` of filler in chunks without a Content-Length (a body with no end in sight). */
  | { stream: { headers: Record<string, string>; bytes: number } }
  | { respond: ReplayResponse }
  /** The routes answer (as to an unconditional request), then `patch` rewrites the answer. */
  | { patch: (r: ReplayResponse) => ReplayResponse };

export interface FaultServer extends ReplayWorld {
  port: number;
  /** Takes over the requests it returns an action for (null: the routes answer). */
  fault: ((req: RecordedRequest) => FaultAction | null) | null;
  /** Requests the fault hook took over. */
  faulted: RecordedRequest[];
  /** Closes the listening port and every connection: connection refused from now on. */
  down(): Promise<void>;
  /** Listens again, on the same port. */
  up(): Promise<void>;
}

interface Route {
  method: string;
  match: string | ((url: string) => boolean);
  respond: ReplayResponse | ((req: RecordedRequest, world: ReplayWorld) => ReplayResponse | Promise<ReplayResponse>);
  required: boolean;
  once: boolean;
  uses: number;
}

function send(res: http.ServerResponse, r: ReplayResponse, base: string): void {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) if (v !== undefined) headers[k] = v.replaceAll('{{base}}', base);
  let body: Buffer | undefined;
  if (r.body === undefined || r.body === null) body = undefined;
  else if (Buffer.isBuffer(r.body)) body = r.body;
  else if (typeof r.body === 'string') body = Buffer.from(r.body.replaceAll('{{base}}', base), 'utf8');
  else {
    body = Buffer.from(JSON.stringify(r.body), 'utf8');
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json; charset=utf-8';
  }
  res.writeHead(r.status, headers);
  res.end(body);
}

function act(req: http.IncomingMessage, res: http.ServerResponse, a: FaultAction, base: string): void {
  if ('hang' in a) return; // the socket stays open until the client gives up or the server closes
  if ('respond' in a) return send(res, a.respond, base);
  if ('patch' in a) throw new Error('fault-server: patch actions are applied to a route answer');
  if ('trickle' in a) {
    res.writeHead(200, a.trickle.headers);
    res.write(a.trickle.chunk);
    const timer = setInterval(() => res.write(a.trickle.chunk), a.trickle.everyMs);
    res.on('close', () => clearInterval(timer));
    return;
  }
  if ('cut' in a) {
    res.writeHead(200, { ...a.cut.headers, 'content-length': String(a.cut.declared) });
    res.write(a.cut.body, () => setImmediate(() => req.socket.destroy()));
    return;
  }
  res.writeHead(200, a.stream.headers);
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let left = a.stream.bytes;
  const pump = () => {
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => (left = 0));
  pump();
}

export function createFaultServer(): FaultServer {
  let routes: Route[] = [];
  const all: Route[] = [];
  let server: http.Server | null = null;
  const world = {
    url: '',
    port: 0,
    requests: [] as RecordedRequest[],
    unexpected: [] as RecordedRequest[],
    faulted: [] as RecordedRequest[],
    fault: null as FaultServer['fault'],
  } as FaultServer;

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
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
      const action = world.fault?.(rec) ?? null;
      let patch = (r: ReplayResponse) => r;
      if (action && 'patch' in action) {
        world.faulted.push(rec);
        patch = action.patch;
        // A 304 has nothing to patch: the routes see an unconditional request.
        const { 'if-none-match': _inm, 'if-modified-since': _ims, ...headers } = rec.headers;
        rec.headers = headers;
      } else if (action) {
        world.faulted.push(rec);
        return act(req, res, action, world.url);
      }
      const route = routes.find((r) => r.method === rec.method && (typeof r.match === 'string' ? r.match === rec.url : r.match(rec.url)));
      if (!route) {
        world.unexpected.push(rec);
        return send(
          res,
          { status: 599, headers: { 'content-type': 'text/plain' }, body: `fault-server: unexpected ${rec.method} ${rec.url}` },
          world.url,
        );
      }
      route.uses++;
      if (route.once) routes = routes.filter((r) => r !== route);
      Promise.resolve(typeof route.respond === 'function' ? route.respond(rec, world) : route.respond).then(
        (r) => send(res, patch(r), world.url),
        (err: unknown) => send(res, { status: 500, body: `fault-server: handler failed: ${String(err)}` }, world.url),
      );
    });
  };

  Object.assign(world, {
    route(method: string, match: Route['match'], respond: Route['respond'], opts: { required?: boolean; once?: boolean } = {}) {
      const r: Route = { method, match, respond, required: opts.required ?? false, once: opts.once ?? false, uses: 0 };
      routes.push(r);
      all.push(r);
    },
    reset() {
      routes = [];
    },
    assertClean() {
      if (world.unexpected.length)
        throw new Error(`fault-server: unexpected request(s): ${world.unexpected.map((r) => `${r.method} ${r.url}`).join(', ')}`);
      const unused = all.filter((r) => r.required && r.uses === 0);
      if (unused.length) throw new Error(`fault-server: required route(s) never used: ${unused.map((r) => String(r.match)).join(', ')}`);
    },
    count(pred?: (r: RecordedRequest) => boolean, from = 0) {
      return world.requests.slice(from).filter((r) => (pred ? pred(r) : true)).length;
    },
    async up() {
      if (server) return;
      const s = http.createServer(handler);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(world.port, '127.0.0.1', () => resolve());
      });
      server = s;
      world.port = (s.address() as AddressInfo).port;
      world.url = `http://127.0.0.1:${world.port}`;
    },
    async down() {
      const s = server;
      if (!s) return;
      server = null;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    close() {
      return world.down();
    },
  });
  return world;
}

/** A started fault server. */
export async function startFaultServer(): Promise<FaultServer> {
  const s = createFaultServer();
  await s.up();
  return s;
}
