// The generated world (lib/world.ts) served on 127.0.0.1, port 0, by the project's loopback
// replay server, in a child process of its own so that the benchmark's CPU figures hold only
// modelwatch's work. The parent drives it over IPC (lib/world-client.ts): start, count requests,
// change the world.
import type { SourceRef, WorldSpec, HfItem, GhRepo, Post } from './world.js';
import {
  ANCHOR,
  ghLicenseBody,
  ghRecorded,
  ghRepo,
  gitBlobSha,
  hfItem,
  licenseText,
  pageBody,
  post,
  posts,
  profileOf,
  releaseObject,
  rssBody,
  sourceRefs,
  strongEtag,
  weakEtag,
} from './world.js';
import { Rng } from './prng.js';
import { startReplayWorld, type RecordedRequest, type ReplayResponse, type ReplayWorld } from '../../demo/world/server.js';

type ReplayRequest = RecordedRequest;

// The project's loopback replay server (demo/world/server.ts), used as the transport: one route
// answers every request from the world's state.
async function startReplay(): Promise<{ world: ReplayWorld; module: string }> {
  return { world: await startReplayWorld(), module: 'demo/world/server.ts' };
}

type Kind = 'hf-list' | 'hf-file' | 'hf-info' | 'gh-releases' | 'gh-license' | 'feed' | 'page' | 'unknown';

interface KindStats {
  requests: number;
  conditional: number;
  notModified: number;
  bodyBytes: number;
  statuses: Record<string, number>;
}

export interface ServerStats {
  requests: number;
  conditional: number;
  notModified: number;
  bodyBytes: number;
  byKind: Partial<Record<Kind, KindStats>>;
}

interface Cached {
  body: Buffer;
  etag: string;
  lastModified?: string;
}

export interface ChangeReport {
  kind: string;
  where: string;
  what: string;
}

class World {
  readonly hf = new Map<string, { vendor: string; items: HfItem[]; cache?: Cached }>();
  readonly files = new Map<string, { text: string; gated: boolean }>();
  readonly gh = new Map<string, { data: GhRepo; releases?: Cached; license?: Cached }>();
  readonly feeds = new Map<string, { vendor: string; items: Post[]; cache?: Cached }>();
  readonly pages = new Map<string, { vendor: string; items: Post[]; cache?: Cached }>();
  stats: ServerStats = emptyStats();

  constructor(readonly spec: WorldSpec) {
    for (const s of sourceRefs(spec)) this.add(s);
  }

  private add(s: SourceRef): void {
    if (s.kind === 'huggingface') {
      const p = profileOf(s.vendor);
      const items = Array.from({ length: this.spec.reposPerAuthor }, (_, n) => hfItem(this.spec, p, s.target, n));
      for (const it of items) this.addFile(it);
      this.hf.set(s.target, { vendor: s.vendor, items });
    } else if (s.kind === 'github') this.gh.set(s.target, { data: ghRepo(this.spec, s.target) });
    else if (s.kind === 'feed') this.feeds.set(s.target, { vendor: s.vendor, items: posts(this.spec, s.target) });
    else this.pages.set(s.target, { vendor: s.vendor, items: posts(this.spec, s.target) });
  }

  private addFile(it: HfItem): void {
    if (it.siblings.some((f) => f.rfilename === 'LICENSE')) this.files.set(it.id, { text: licenseText(it), gated: it.gated !== false });
  }

  private count(kind: Kind, req: ReplayRequest, res: ReplayResponse): ReplayResponse {
    const k = (this.stats.byKind[kind] ??= { requests: 0, conditional: 0, notModified: 0, bodyBytes: 0, statuses: {} });
    const cond = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
    const bytes = Buffer.isBuffer(res.body) ? res.body.length : 0;
    for (const t of [k, this.stats]) {
      t.requests++;
      if (cond) t.conditional++;
      if (res.status === 304) t.notModified++;
      t.bodyBytes += bytes;
    }
    k.statuses[res.status] = (k.statuses[res.status] ?? 0) + 1;
    return res;
  }

  handle(req: ReplayRequest, base: string): ReplayResponse {
    const u = new URL(req.url, base);
    const p = u.pathname;
    if (p === '/api/models') return this.count('hf-list', req, this.hfList(req, u));
    if (p.startsWith('/api/models/'))
      return this.count('hf-info', req, {
        status: 404,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Error-Code': 'RepoNotFound' },
        body: Buffer.from('{"error":"Repository not found"}'),
      });
    const file = /^\/(.+)\/resolve\/main\/(.+)$/.exec(p);
    if (file) return this.count('hf-file', req, this.hfFile(req, decodeURIComponent(file[1]!), decodeURIComponent(file[2]!)));
    const gh = /^\/repos\/([^/]+\/[^/]+)\/(releases|license)$/.exec(p);
    if (gh)
      return gh[2] === 'releases'
        ? this.count('gh-releases', req, this.ghReleases(req, gh[1]!))
        : this.count('gh-license', req, this.ghLicense(req, gh[1]!));
    if (p.startsWith('/feeds/')) return this.count('feed', req, this.feed(req, p));
    if (p.startsWith('/pages/')) return this.count('page', req, this.page(req, p));
    return this.count('unknown', req, {
      status: 404,
      headers: { 'Content-Type': 'text/plain' },
      body: Buffer.from(`bench world: nothing at ${p}`),
    });
  }

  private hfList(req: ReplayRequest, u: URL): ReplayResponse {
    const author = u.searchParams.get('author') ?? '';
    const a = this.hf.get(author);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Powered-By': 'huggingface-moon',
      Vary: 'Origin',
      'Access-Control-Expose-Headers':
        'X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,Content-Range',
      RateLimit: '"api";r=497;t=212',
      'RateLimit-Policy': '"fixed window";"api";q=500;w=300',
    };
    if (!a) return { status: 200, headers: { ...headers, ETag: weakEtag(Buffer.from('[]')) }, body: Buffer.from('[]') };
    const limit = Math.min(Number(u.searchParams.get('limit') ?? '1000'), 1000);
    const page = Number(u.searchParams.get('cursor') ?? '0');
    if (page === 0 && limit >= a.items.length) {
      a.cache ??= cached(Buffer.from(JSON.stringify(sortByModified(a.items))));
      return conditional(req, a.cache, headers);
    }
    const sorted = sortByModified(a.items);
    const body = Buffer.from(JSON.stringify(sorted.slice(page * limit, (page + 1) * limit)));
    if ((page + 1) * limit < sorted.length) {
      const next = new URL(u.href);
      next.searchParams.set('cursor', String(page + 1));
      headers['Link'] = `<${next.href}>; rel="next"`;
    }
    return conditional(req, cached(body), headers);
  }

  private hfFile(req: ReplayRequest, repo: string, name: string): ReplayResponse {
    const f = name === 'LICENSE' ? this.files.get(repo) : undefined;
    if (!f)
      return {
        status: 404,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Error-Code': 'EntryNotFound' },
        body: Buffer.from('Entry not found'),
      };
    if (f.gated) {
      return {
        status: 401,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'X-Error-Code': 'GatedRepo',
          'X-Error-Message': `Access to model ${repo} is restricted. You must have access to it and be authenticated to access it. Please log in.`,
        },
        body: Buffer.from(JSON.stringify({ error: `Access to model ${repo} is restricted.` })),
      };
    }
    const body = Buffer.from(f.text);
    return conditional(
      req,
      { body, etag: `"${gitBlobSha(body)}"` },
      { 'Content-Type': 'text/plain; charset=utf-8', 'X-Powered-By': 'huggingface-moon', RateLimit: '"resolvers";r=2999;t=300' },
    );
  }

  private ghReleases(req: ReplayRequest, repo: string): ReplayResponse {
    const r = this.gh.get(repo);
    if (!r)
      return { status: 404, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: Buffer.from('{"message":"Not Found"}') };
    r.releases ??= cachedStrong(Buffer.from(JSON.stringify(r.data.releases)));
    return conditional(req, r.releases, ghRecorded().headers);
  }

  private ghLicense(req: ReplayRequest, repo: string): ReplayResponse {
    const r = this.gh.get(repo);
    if (!r?.data.license) {
      return {
        status: 404,
        headers: { ...ghRecorded().headers, 'Content-Type': 'application/json; charset=utf-8' },
        body: Buffer.from(
          '{"message":"Not Found","documentation_url":"https://docs.github.com/rest/licenses/licenses#get-the-license-for-a-repository","status":"404"}',
        ),
      };
    }
    r.license ??= cachedStrong(Buffer.from(ghLicenseBody(repo, r.data.license)));
    return conditional(req, r.license, ghRecorded().headers);
  }

  private feed(req: ReplayRequest, p: string): ReplayResponse {
    const f = this.feeds.get(p);
    if (!f) return { status: 404, headers: { 'Content-Type': 'text/html' }, body: Buffer.from('<html><body>Not found</body></html>') };
    if (!f.cache) {
      const body = Buffer.from(rssBody(f.vendor, p, f.items));
      f.cache = {
        body,
        etag: strongEtag(body).replace(/^"/, '"rss-'),
        lastModified: new Date(Math.max(...f.items.map((i) => i.publishedAt))).toUTCString(),
      };
    }
    return conditional(req, f.cache, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'max-age=300' });
  }

  private page(req: ReplayRequest, p: string): ReplayResponse {
    const g = this.pages.get(p);
    if (!g) return { status: 404, headers: { 'Content-Type': 'text/html' }, body: Buffer.from('<html><body>Not found</body></html>') };
    g.cache ??= cachedStrong(Buffer.from(pageBody(g.vendor, g.items, Rng.of(this.spec.seed, 'page', p))));
    return conditional(req, g.cache, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'max-age=0, must-revalidate' });
  }

  // -------------------------------------------------------------------------------------------
  // The five changes of the poll benchmark.

  change(kind: string): ChangeReport {
    const now = Math.max(ANCHOR, Date.now() - 60_000);
    const authors = [...this.hf.entries()];
    switch (kind) {
      case 'hf-new-repo': {
        // A repo with a bespoke licence, not gated: its LICENSE is the one detail fetch it needs.
        const [author, a] = authors.find(([, v]) => v.vendor === 'nvidia')!;
        const item = hfItem(this.spec, profileOf(a.vendor), author, a.items.length, Rng.of(this.spec.seed, 'new-repo'));
        Object.assign(item, {
          gated: false,
          lastModified: new Date(now).toISOString(),
          createdAt: new Date(now - 3_600_000).toISOString(),
        });
        item.cardData = { ...item.cardData, license: 'nvidia-open-model-license' };
        delete item.cardData['extra_gated_prompt'];
        delete item.cardData['extra_gated_fields'];
        item.tags = item.tags.map((t) => (t.startsWith('license:') ? 'license:nvidia-open-model-license' : t));
        if (!item.siblings.some((s) => s.rfilename === 'LICENSE')) item.siblings.push({ rfilename: 'LICENSE' });
        a.items.push(item);
        this.files.set(item.id, { text: licenseText(item), gated: false });
        a.cache = undefined;
        return { kind, where: `hf:${author}`, what: `new repo ${item.id} (licence nvidia-open-model-license, not gated, LICENSE file)` };
      }
      case 'hf-license': {
        for (const [author, a] of authors) {
          const item = a.items.find((i) => i.cardData['license'] === 'apache-2.0' && i.gated === false);
          if (!item) continue;
          item.cardData = { ...item.cardData, license: 'mit' };
          item.tags = item.tags.map((t) => (t.startsWith('license:') ? 'license:mit' : t));
          item.sha = Rng.of(this.spec.seed, 'license-commit').hex(40);
          item.lastModified = new Date(now).toISOString();
          a.cache = undefined;
          return { kind, where: `hf:${author}`, what: `${item.id}: licence apache-2.0 → mit (new commit)` };
        }
        throw new Error('bench world: no apache-2.0 repo to relicense');
      }
      case 'hf-gating': {
        // Another author than the licence change, so that each change is its own source.
        for (const [author, a] of authors.slice(1).reverse()) {
          const item = a.items.find((i) => i.gated === false);
          if (!item) continue;
          item.gated = 'manual';
          a.cache = undefined;
          if (this.files.has(item.id)) this.files.set(item.id, { text: this.files.get(item.id)!.text, gated: true });
          return { kind, where: `hf:${author}`, what: `${item.id}: not gated → gated "manual" (no new commit)` };
        }
        throw new Error('bench world: no ungated repo to gate');
      }
      case 'gh-release': {
        const [repo, r] = [...this.gh.entries()][0]!;
        const tag = `v9.${r.data.releases.length}.0`;
        r.data.releases.unshift(
          releaseObject(repo, r.data.nextReleaseId++, tag, new Date(now).toISOString(), `## ${tag}\r\n\r\n* New release for the benchmark`),
        );
        r.releases = undefined;
        return { kind, where: `gh:${repo}`, what: `new release ${tag}` };
      }
      case 'feed-post': {
        const [p, f] = [...this.feeds.entries()][0]!;
        const item = post(this.spec, p, 1000 + f.items.length);
        item.publishedAt = now;
        f.items.unshift(item);
        f.cache = undefined;
        return { kind, where: `feed:${p}`, what: `new post "${item.title}"` };
      }
      default:
        throw new Error(`bench world: unknown change ${kind}`);
    }
  }
}

function sortByModified(items: HfItem[]): HfItem[] {
  return [...items].sort((a, b) => Date.parse(b.lastModified) - Date.parse(a.lastModified));
}

function cached(body: Buffer): Cached {
  return { body, etag: weakEtag(body) };
}

function cachedStrong(body: Buffer): Cached {
  return { body, etag: strongEtag(body) };
}

function conditional(req: ReplayRequest, c: Cached, headers: Record<string, string>): ReplayResponse {
  const h: Record<string, string> = { ...headers, ETag: c.etag };
  if (c.lastModified) h['Last-Modified'] = c.lastModified;
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  if (
    inm !== undefined
      ? String(inm) === c.etag
      : ims !== undefined && c.lastModified !== undefined && Date.parse(String(ims)) >= Date.parse(c.lastModified)
  ) {
    const { 'Content-Type': _ct, ...rest } = h;
    return { status: 304, headers: rest };
  }
  return { status: 200, headers: h, body: c.body };
}

function emptyStats(): ServerStats {
  return { requests: 0, conditional: 0, notModified: 0, bodyBytes: 0, byKind: {} };
}

// ---------------------------------------------------------------------------------------------
// IPC

type Message = { id: number; cmd: 'stats' | 'reset-stats' | 'change' | 'close'; arg?: string };

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as WorldSpec;
  const world = new World(spec);
  const { world: replay, module } = await startReplay();
  replay.route(
    'GET',
    () => true,
    (req) => world.handle(req, replay.url),
  );
  process.on('message', (m: Message) => {
    const reply = (result: unknown) => process.send!({ id: m.id, result });
    try {
      if (m.cmd === 'stats') reply(world.stats);
      else if (m.cmd === 'reset-stats') {
        world.stats = emptyStats();
        replay.requests.length = 0;
        reply(true);
      } else if (m.cmd === 'change') reply(world.change(m.arg ?? ''));
      else if (m.cmd === 'close') void replay.close().then(() => (reply(true), process.exit(0)));
    } catch (err) {
      process.send!({ id: m.id, error: (err as Error).message });
    }
  });
  process.send!({ id: 0, result: { url: replay.url, replayModule: module } });
}

void main();
