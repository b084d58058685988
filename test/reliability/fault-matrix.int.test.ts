// The fault matrix: every collector against every fault a server or the network can throw at it,
// through the whole runtime (createRuntime → runCycle → pollSource → store), on loopback.
//
// Each case runs one vendor with five sources: a healthy Hugging Face author (the recorded
// meta-llama bodies), a healthy GitHub repo, the recorded DeepMind feed, the recorded Anthropic
// news page, and the FAULTY source of the collector under test. Then:
//   cycle 1  baseline, all healthy;
//   change   item 3 appears on the faulty source;
//   cycle 2  the fault is on: no crash, the faulty source's error is on its row (message names
//            the source and the fault, transient or not), backoff 60 s (or the Retry-After time),
//            nothing of it written; every other source polled and fine;
//   change   item 4 appears;
//   cycle 3  still faulty, at the scheduled time: 2 errors, backoff doubled;
//   cycle 4  the fault clears: items 3 and 4 become events, exactly once;
//   cycle 5  an hour later: nothing new at all.
// A fault that the collector reads right (a wrong charset) must instead give the correct text in
// cycles 2 and 3 and the same exactly-once events.
//
// The clock is injected; the HTTP edge has a 750 ms header timeout (roomy enough for the healthy sources on a loaded 2-core machine), a 1500 ms deadline, one retry
// with a no-op sleep, and a 256 KiB body cap (feeds and pages set their own 8 MiB cap per request).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config/index.js';
import { runCycle, selectSources, type CycleResult } from '../../src/jobs/cycle.js';
import { createRuntime } from '../../src/jobs/runtime.js';
import { silentLogger } from '../../src/log.js';
import type { PostObservation, ReleaseObservation, ModelObservation, SourceConfig, SourceKind } from '../../src/model.js';
import type { RecordedRequest, ReplayResponse } from '../../demo/world/server.js';
import { openDb, type Db } from '../../src/store/db.js';
import { loadItems } from '../../src/store/items.js';
import { getSource, listSources } from '../../src/store/sources.js';
import { testSource, testVendor } from '../helpers/config.js';
import { createFaultServer, type FaultAction, type FaultServer } from './fault-server.js';
import {
  MIT,
  PAGE_SELECT,
  RECORDED_FEED,
  RECORDED_PAGE,
  T0,
  emptyState,
  labFeed,
  labPageItem,
  labPost,
  labRelease,
  labRepo,
  recordedMetaLlama,
  routeApi,
  routeRecorded,
  routeSite,
  type LabState,
} from './lab-world.js';

const HOUR = 3_600_000;
const BACKOFF_BASE_MS = 60_000; // config/defaults.ts BACKOFF.baseSec, jitter 0 with random() = 0.5
const HTTP = { timeoutMs: 750, deadlineMs: 1500, retries: 1, sleep: async () => {}, maxBytes: 256 * 1024 };
const RETRY_AFTER_SEC = 5400;
const RETRY_DATE_MS = 2 * HOUR;

let api: FaultServer; // Hub + GitHub (one endpoint each, as configured)
let web: FaultServer; // the recorded feed and page (the healthy ones)
let flaky: FaultServer; // the faulty feed and page
let state: LabState = emptyState();

beforeAll(async () => {
  api = createFaultServer();
  web = createFaultServer();
  flaky = createFaultServer();
  await Promise.all([api.up(), web.up(), flaky.up()]);
  routeApi(api, () => state);
  routeSite(flaky, () => state);
  routeRecorded(web, '/deepmind/rss.xml', RECORDED_FEED.file, RECORDED_FEED.contentType);
  routeRecorded(web, '/anthropic/news', RECORDED_PAGE.file, RECORDED_PAGE.contentType);
});
afterEach(async () => {
  for (const s of [api, web, flaky]) {
    s.fault = null;
    await s.up();
  }
});
afterAll(async () => {
  await Promise.all([api.close(), web.close(), flaky.close()]);
});

// ---------------------------------------------------------------------------------------------
// The collectors under test: how to build the faulty source, grow it, and recognise its requests

interface KindCase {
  kind: SourceKind;
  /** Where the faulty source lives. */
  server: () => FaultServer;
  source: () => SourceConfig;
  /** Adds item n of the faulty source to the world. */
  add(s: LabState, n: number): void;
  /** The dedup key of the event item n must give. */
  key(source: SourceConfig, n: number): string;
  /** Requests of the faulty source (the only ones a fault touches). */
  mine(req: RecordedRequest): boolean;
  contentType: string;
  /** The human text of each stored item (to check decoding), by item key. */
  texts(db: Db, source: SourceConfig): string[];
  /** The same texts as the world holds them, for items 1..n. */
  expectedTexts(n: number): string[];
}

const pathOf = (url: string) => new URL(url, 'http://x').pathname;
const itemStates = (db: Db, id: string) => [...loadItems(db, id).values()].map((r) => r.state);

const KINDS: KindCase[] = [
  {
    kind: 'huggingface',
    server: () => api,
    source: () => testSource({ vendorId: 'lab', kind: 'huggingface', target: 'faulty-lab' }),
    add: (s, n) => void s.hub.authors.get('faulty-lab')!.push(labRepo('faulty-lab', 'encoder', n)),
    key: (_s, n) => `model.new:faulty-lab/encoder-${n}`,
    mine: (req) => new URL(req.url, 'http://x').searchParams.get('author') === 'faulty-lab' || pathOf(req.url).includes('/faulty-lab/'),
    contentType: 'application/json; charset=utf-8',
    texts: (db, src) =>
      itemStates(db, src.id)
        .map((o) => `${(o as ModelObservation).repoId}: ${(o as ModelObservation).license.name}`)
        .sort(),
    expectedTexts: (n) =>
      range(n)
        .map((i) => `faulty-lab/encoder-${i}: Lizenz für Forschung — Ü`)
        .sort(),
  },
  {
    kind: 'github',
    server: () => api,
    source: () => testSource({ vendorId: 'lab', kind: 'github', target: 'faulty-org/tools' }),
    add: (s, n) => void s.gh.repos.get('faulty-org/tools')!.releases.push(labRelease('faulty-org/tools', n)),
    key: (_s, n) => `release.published:gh:faulty-org/tools:release:${7000 + n}`,
    mine: (req) => pathOf(req.url).startsWith('/repos/faulty-org/tools/'),
    contentType: 'application/json; charset=utf-8',
    texts: (db, src) =>
      itemStates(db, src.id)
        .filter((o) => o.type === 'release')
        .map((o) => String((o as ReleaseObservation).name))
        .sort(),
    expectedTexts: (n) =>
      range(n)
        .map((i) => `Version 1.${i} — café`)
        .sort(),
  },
  {
    kind: 'feed',
    server: () => flaky,
    source: () => testSource({ vendorId: 'lab', kind: 'feed', target: `${flaky.url}/faulty/feed.xml` }),
    add: (s, n) => void s.feeds.feeds.get('/faulty/feed.xml')!.items.push(labPost(n)),
    key: (src, n) => `post.new:${src.id}:https://lab.example/notes/${n}`,
    mine: (req) => pathOf(req.url).startsWith('/faulty/'),
    contentType: 'application/rss+xml; charset=utf-8',
    texts: (db, src) =>
      itemStates(db, src.id)
        .map((o) => (o as PostObservation).title)
        .sort(),
    expectedTexts: (n) =>
      range(n)
        .map((i) => `Lab note ${i}: modèle café`)
        .sort(),
  },
  {
    kind: 'page',
    server: () => flaky,
    source: () => testSource({ vendorId: 'lab', kind: 'page', target: `${flaky.url}/faulty/news`, select: PAGE_SELECT }),
    add: (s, n) => void s.pages.get('/faulty/news')!.push(labPageItem(n)),
    key: (src, n) => `post.new:${src.id}:${flaky.url}/news/story-${n}`,
    mine: (req) => pathOf(req.url).startsWith('/faulty/'),
    contentType: 'text/html; charset=utf-8',
    texts: (db, src) =>
      itemStates(db, src.id)
        .map((o) => (o as PostObservation).title)
        .sort(),
    expectedTexts: (n) =>
      range(n)
        .map((i) => `Lab story ${i}: modèle café`)
        .sort(),
  },
];

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** Every source starts with items 1 and 2; the healthy ones never change. */
function freshState(): LabState {
  const s = emptyState();
  const ml = recordedMetaLlama();
  s.hub.authors.set('meta-llama', ml.repos);
  for (const [path, text] of ml.files) s.hub.files.set(path, text);
  s.hub.authors.set('faulty-lab', [labRepo('faulty-lab', 'encoder', 1), labRepo('faulty-lab', 'encoder', 2)]);
  s.gh.repos.set('octo-org/healthy', { releases: [labRelease('octo-org/healthy', 1)], license: MIT });
  s.gh.repos.set('faulty-org/tools', { releases: [labRelease('faulty-org/tools', 1), labRelease('faulty-org/tools', 2)], license: MIT });
  s.feeds.feeds.set('/faulty/feed.xml', labFeed([labPost(1), labPost(2)]));
  s.pages.set('/faulty/news', [labPageItem(1), labPageItem(2)]);
  return s;
}

function healthySources(): SourceConfig[] {
  return [
    testSource({ vendorId: 'lab', kind: 'huggingface', target: 'meta-llama' }),
    testSource({ vendorId: 'lab', kind: 'github', target: 'octo-org/healthy' }),
    testSource({ vendorId: 'lab', kind: 'feed', target: `${web.url}/deepmind/rss.xml` }),
    testSource({ vendorId: 'lab', kind: 'page', target: `${web.url}/anthropic/news`, select: RECORDED_PAGE.select }),
  ];
}

// ---------------------------------------------------------------------------------------------
// The faults

type Expect = { error: (k: KindCase) => RegExp; transient: boolean; retryAt?: (nowMs: number) => number } | { correct: true };

interface Fault {
  name: string;
  only?: SourceKind[];
  /** Closes the faulty source's server instead of answering. */
  refused?: true;
  action?: (k: KindCase, req: RecordedRequest, nowMs: number) => FaultAction;
  expect: Expect;
}

const CHALLENGE_PAGE =
  '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="refresh" content="390"></head>' +
  '<body><div class="main-wrapper" role="main"><h1>Checking if the site connection is secure</h1></div></body></html>';

const text = (body: unknown) => (Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? ''));
const status = (code: number): FaultAction => ({
  respond: { status: code, headers: { 'content-type': 'text/plain' }, body: `upstream error ${code}` },
});
const parseError = (k: KindCase) =>
  k.kind === 'feed' ? /malformed XML/ : k.kind === 'page' ? /layout changed\? (title|item|link) selector/ : /invalid JSON/;

const FAULTS: Fault[] = [
  { name: 'connection refused', refused: true, expect: { error: () => /ECONNREFUSED/, transient: true } },
  {
    name: 'a response that never starts',
    action: () => ({ hang: true }),
    expect: { error: () => /timeout: no response within 750 ms/, transient: true },
  },
  {
    name: 'a body that trickles past the deadline',
    action: (k) => ({ trickle: { headers: { 'content-type': k.contentType }, chunk: ' ', everyMs: 40 } }),
    expect: { error: () => /timeout: not complete within 1500 ms/, transient: true },
  },
  { name: '500', action: () => status(500), expect: { error: () => /\b500 Internal Server Error\b/, transient: true } },
  { name: '502', action: () => status(502), expect: { error: () => /\b502 Bad Gateway\b/, transient: true } },
  { name: '503', action: () => status(503), expect: { error: () => /\b503 Service Unavailable\b/, transient: true } },
  {
    name: '429 with Retry-After in seconds',
    action: () => ({
      respond: { status: 429, headers: { 'retry-after': String(RETRY_AFTER_SEC), 'content-type': 'text/plain' }, body: 'slow down' },
    }),
    expect: {
      error: () => new RegExp(`\\b429 Too Many Requests \\(retry after ${RETRY_AFTER_SEC} s\\)`),
      transient: true,
      retryAt: (t) => t + RETRY_AFTER_SEC * 1000,
    },
  },
  {
    name: '429 with Retry-After as an HTTP-date',
    action: (_k, _r, t) => ({
      respond: {
        status: 429,
        headers: { 'retry-after': new Date(t + RETRY_DATE_MS).toUTCString(), 'content-type': 'text/plain' },
        body: 'slow down',
      },
    }),
    expect: {
      error: () => new RegExp(`\\b429 Too Many Requests \\(retry after ${RETRY_DATE_MS / 1000} s\\)`),
      transient: true,
      retryAt: (t) => t + RETRY_DATE_MS,
    },
  },
  {
    name: 'the connection closed mid-body',
    action: (k) => {
      const body = Buffer.from(
        `${k.kind === 'feed' ? '<?xml version="1.0"?><rss version="2.0"><channel>' : '[{"_id":"'}${'x'.repeat(2000)}`,
      );
      return { cut: { headers: { 'content-type': k.contentType }, body, declared: body.length * 4 } };
    },
    expect: { error: () => /network error: .*terminated/, transient: true },
  },
  {
    name: 'a truncated body',
    action: (k) => ({
      patch: (r: ReplayResponse) => {
        const t = text(r.body);
        // A page cut inside its first (newest) item; JSON and XML cut at 60 %.
        const at = k.kind === 'page' ? t.indexOf('<li class="post">') + '<li class="post">'.length : Math.floor(t.length * 0.6);
        return { ...r, body: t.slice(0, at) };
      },
    }),
    expect: { error: parseError, transient: false },
  },
  {
    name: 'malformed XML or JSON',
    only: ['huggingface', 'github', 'feed'],
    action: (k) => ({
      patch: (r: ReplayResponse) => ({
        ...r,
        body:
          k.kind === 'feed'
            ? '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Lab</title><item><title>Broken</item></title></channel></rss>'
            : '[{"_id": "5f0c", "id": ]',
      }),
    }),
    expect: { error: parseError, transient: false },
  },
  {
    name: 'a body over the size cap',
    action: (k) =>
      k.kind === 'feed' || k.kind === 'page'
        ? { stream: { headers: { 'content-type': k.contentType }, bytes: 9 * 1024 * 1024 } } // chunked: the cap cuts the stream
        : { respond: { status: 200, headers: { 'content-type': k.contentType }, body: Buffer.alloc(300 * 1024, 0x20) } }, // declared length
    expect: { error: () => /response body (declares|exceeds) \d+ bytes, over the \d+-byte cap/, transient: false },
  },
  {
    name: 'a redirect loop',
    action: (_k, req) => ({ respond: { status: 302, headers: { location: req.url }, body: '' } }),
    expect: { error: () => /more than 5 redirects/, transient: false },
  },
  {
    name: 'an HTML page instead of the document',
    action: () => ({ respond: { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: CHALLENGE_PAGE } }),
    expect: {
      error: (k) =>
        k.kind === 'feed'
          ? /got an HTML page instead of a feed/
          : k.kind === 'page'
            ? /layout changed\? item selector "li\.post" matched nothing/
            : k.kind === 'github'
              ? /unexpected response from GET \/repos\/faulty-org\/tools\/releases: not JSON \(text\/html/
              : /unexpected response from GET \/api\/models\?…: invalid JSON/,
      transient: false,
    },
  },
  {
    // The server names a charset that is not the body's: JSON is UTF-8 whatever the label says
    // (RFC 8259 §8.1); a feed or page in Latin-1 labelled UTF-8 fails strict UTF-8 decoding and
    // is read by its own declaration (prolog / meta).
    name: 'a wrong charset',
    action: (k) => ({
      patch: (r: ReplayResponse) => {
        if (k.kind === 'huggingface' || k.kind === 'github') {
          return { ...r, headers: { ...r.headers, 'Content-Type': 'application/json; charset=iso-8859-1' } };
        }
        const t = text(r.body);
        const latin1 =
          k.kind === 'feed'
            ? t.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
            : t.replace('<meta charset="utf-8">', '<meta charset="windows-1252">');
        if (latin1 === t) throw new Error('fault: no declaration to rewrite');
        if (/[^\x00-\xff]/.test(latin1)) throw new Error('fault: the document has characters Latin-1 cannot hold');
        return {
          ...r,
          headers: { ...r.headers, 'Content-Type': `${k.contentType.split(';')[0]}; charset=utf-8` },
          body: Buffer.from(latin1, 'latin1'),
        };
      },
    }),
    expect: { correct: true },
  },
];

// ---------------------------------------------------------------------------------------------

interface Run {
  db: Db;
  faulty: SourceConfig;
  healthy: SourceConfig[];
  cycle(atMs: number): Promise<CycleResult>;
}

function startRun(k: KindCase): Run {
  state = freshState();
  const faulty = k.source();
  const healthy = healthySources();
  const vendor = testVendor({ id: 'lab', name: 'Lab', sources: [...healthy, faulty] });
  const base = loadConfig({ env: { HF_ENDPOINT: api.url, GITHUB_API_URL: api.url }, withoutFeeds: true, db: ':memory:' });
  const config: Config = { ...base, vendors: [vendor], sources: vendor.sources };
  const db = openDb(':memory:');
  let clock = T0;
  const rt = createRuntime({
    db,
    config,
    log: silentLogger,
    now: () => new Date(clock),
    random: () => 0.5,
    out: { write: () => true },
    http: HTTP,
  });
  const targets = selectSources(config.vendors, {});
  return {
    db,
    faulty,
    healthy,
    cycle: async (atMs) => {
      clock = atMs;
      return runCycle(rt, targets);
    },
  };
}

const outcome = (c: CycleResult, id: string) => c.sources.find((s) => s.sourceId === id)!;
const keysOf = (c: CycleResult, id: string) =>
  outcome(c, id)
    .events.map((e) => e.dedupKey)
    .sort();
const itemCount = (db: Db, id: string) => (db.prepare('SELECT COUNT(*) AS n FROM items WHERE source_id = ?').get(id) as { n: number }).n;
const eventCount = (db: Db) => (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

async function applyFault(k: KindCase, f: Fault, clock: () => number): Promise<void> {
  if (f.refused) return k.server().down();
  k.server().fault = (req) => (k.mine(req) ? f.action!(k, req, clock()) : null);
}

async function clearFault(k: KindCase): Promise<void> {
  k.server().fault = null;
  await k.server().up();
}

describe.each(KINDS)('$kind collector', (k) => {
  const faults = FAULTS.filter((f) => !f.only || f.only.includes(k.kind));

  it.each(faults)(
    '$name: the cycle goes on, the row says what happened (or the text is right), each change becomes an event once',
    async (f) => {
      const run = startRun(k);
      const { db, faulty } = run;
      const srv = k.server();
      // With a refused Hub/GitHub endpoint, the healthy source of the other API kind goes down too.
      const collateral = f.refused && srv === api ? run.healthy.filter((s) => s.kind === 'huggingface' || s.kind === 'github') : [];
      const others = run.healthy.filter((s) => !collateral.includes(s));

      const c1 = await run.cycle(T0);
      expect(c1.sources.filter((s) => !s.ok).map((s) => s.error)).toEqual([]);
      expect(k.texts(db, faulty)).toEqual(k.expectedTexts(2));

      let now = T0 + HOUR;
      await applyFault(k, f, () => now);
      for (const [n, item] of [
        [1, 3],
        [2, 4],
      ] as const) {
        k.add(state, item);
        const itemsBefore = itemCount(db, faulty.id);
        const eventsBefore = eventCount(db);
        const faultedBefore = srv.faulted.length;
        const c = await run.cycle(now);
        const mine = outcome(c, faulty.id);
        const row = getSource(db, faulty.id)!;

        // The rest of the cycle went on as usual.
        for (const s of others) {
          expect(outcome(c, s.id), s.id).toMatchObject({ ok: true });
          expect(getSource(db, s.id)).toMatchObject({ consecutiveErrors: 0, lastSuccessAt: new Date(now).toISOString() });
        }
        for (const s of collateral) expect(outcome(c, s.id).error).toMatch(/ECONNREFUSED/);

        if ('correct' in f.expect) {
          expect(mine.ok, mine.error).toBe(true);
          expect(keysOf(c, faulty.id)).toEqual([k.key(faulty, item)]);
          expect(k.texts(db, faulty)).toEqual(k.expectedTexts(item));
          expect(srv.faulted.length).toBeGreaterThan(faultedBefore);
        } else {
          expect(mine.ok).toBe(false);
          expect(mine.events).toEqual([]);
          // The error, on the source's row: it names the source and says what happened.
          const label = k.kind === 'feed' || k.kind === 'page' ? `${k.kind}: ${faulty.id}` : `${k.kind}: ${faulty.target}: `;
          expect(row.lastError!.startsWith(label), row.lastError!).toBe(true);
          expect(row.lastError).toMatch(f.expect.error(k));
          expect(row.lastError).toBe(mine.error);
          expect(row).toMatchObject({
            consecutiveErrors: n,
            lastErrorTransient: f.expect.transient,
            lastErrorAt: new Date(now).toISOString(),
          });
          // Backoff: 60 s, then 120 s; a server-given retry time wins when later.
          const next = Date.parse(row.nextCheckAt!);
          if (f.expect.retryAt) {
            expect(next).toBeGreaterThanOrEqual(f.expect.retryAt(now));
            expect(next).toBe(f.expect.retryAt(now));
          } else {
            expect(next).toBe(now + BACKOFF_BASE_MS * 2 ** (n - 1));
          }
          // Nothing of the failed poll was written: no items, no events (other sources: none either,
          // they did not change).
          expect(itemCount(db, faulty.id)).toBe(itemsBefore);
          expect(eventCount(db)).toBe(eventsBefore + c.events.length);
          expect(c.events.filter((e) => e.sourceId === faulty.id)).toEqual([]);
          if (!f.refused) expect(srv.faulted.length, 'the fault was hit').toBeGreaterThan(faultedBefore);
        }
        now = Math.max(now + 1000, Date.parse(getSource(db, faulty.id)!.nextCheckAt!));
      }

      // The fault clears: what changed meanwhile becomes events, each exactly once.
      await clearFault(k);
      const c4 = await run.cycle(now);
      expect(outcome(c4, faulty.id).ok, outcome(c4, faulty.id).error).toBe(true);
      expect(getSource(db, faulty.id)).toMatchObject({ consecutiveErrors: 0, lastSuccessAt: new Date(now).toISOString() });
      expect(keysOf(c4, faulty.id)).toEqual('correct' in f.expect ? [] : [k.key(faulty, 3), k.key(faulty, 4)].sort());
      expect(k.texts(db, faulty)).toEqual(k.expectedTexts(4));
      for (const s of collateral) expect(outcome(c4, s.id)).toMatchObject({ ok: true, events: [] });

      const c5 = await run.cycle(now + HOUR);
      expect(c5.sources.filter((s) => !s.ok).map((s) => s.error)).toEqual([]);
      expect(c5.events).toEqual([]);

      // Over the whole run: the faulty source's changes, once each, and every source healthy again.
      const changes = db.prepare('SELECT dedup_key FROM events WHERE source_id = ? AND baseline = 0 ORDER BY dedup_key').all(faulty.id) as {
        dedup_key: string;
      }[];
      expect(changes.map((r) => r.dedup_key)).toEqual([k.key(faulty, 3), k.key(faulty, 4)].sort());
      expect(listSources(db).every((s) => s.consecutiveErrors === 0)).toBe(true);
      for (const s of [api, web, flaky]) s.assertClean();
      db.close();
    },
  );
});
