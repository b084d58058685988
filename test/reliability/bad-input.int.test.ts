// Bad input through the whole pipeline (pollSource: collector → diff → store), on loopback:
//   - every file of the feedparser ill-formed and encoding corpora (test/fixtures/feeds/);
//   - seeded mutations of the recorded Hugging Face and GitHub bodies: truncation at random
//     offsets, wrong types at random places, missing fields, 1 MiB strings.
// Each poll comes after a good one, so the source has state that a bad poll could damage. The
// outcome must be a correct result or a clear, permanent error on the source's row — never an
// exception out of pollSource, and never a partial write: after an error every table except the
// source's own row and its poll_runs line is byte for byte what it was.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedCollector } from '../../src/collectors/feed.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import { SourceError } from '../../src/errors.js';
import { createRuntime, type Runtime } from '../../src/jobs/runtime.js';
import { pollSource, type SourceOutcome } from '../../src/jobs/poll-source.js';
import { silentLogger } from '../../src/log.js';
import type { PostObservation, SourceConfig, VendorConfig } from '../../src/model.js';
import type { ReplayResponse } from '../../demo/world/server.js';
import { openDb, type Db } from '../../src/store/db.js';
import { loadItems } from '../../src/store/items.js';
import { getSource, syncSources } from '../../src/store/sources.js';
import { testSource, testVendor } from '../helpers/config.js';
import { createFaultServer, type FaultServer } from './fault-server.js';
import { MIT, T0, emptyState, labRelease, recordedMetaLlama, routeApi, type LabState } from './lab-world.js';
import { recordedRelease } from '../helpers/gh-world.js';
import { seeded as prng } from '../helpers/prng.js';

let server: FaultServer;
let state: LabState = emptyState();
/** Path → what the feed route answers now. */
const served = new Map<string, { body: Buffer; headers: Record<string, string> }>();

beforeAll(async () => {
  server = createFaultServer();
  await server.up();
  routeApi(server, () => state);
  server.route(
    'GET',
    (url) => served.has(new URL(url, 'http://x').pathname),
    (req) => {
      const s = served.get(new URL(req.url, 'http://x').pathname)!;
      return { status: 200, headers: s.headers, body: s.body };
    },
  );
});
afterAll(async () => {
  await server.close();
});

function runtimeFor(db: Db, vendor: VendorConfig, clock: () => number): Runtime {
  const base = loadConfig({ env: { HF_ENDPOINT: server.url, GITHUB_API_URL: server.url }, withoutFeeds: true, db: ':memory:' });
  const config: Config = { ...base, vendors: [vendor], sources: vendor.sources };
  return createRuntime({
    db,
    config,
    log: silentLogger,
    now: () => new Date(clock()),
    random: () => 0.5,
    noDispatch: true,
    http: { retries: 0, sleep: async () => {}, timeoutMs: 5_000, deadlineMs: 10_000 },
  });
}

/** Every table but the source's own polling state, as one digest (row order fixed). */
const TABLES: Record<string, string> = {
  items: 'source_id, key',
  events: 'id',
  alerts: 'id',
  models: 'id',
  observations: 'id',
  license_texts: 'hash',
  http_cache: 'source_id, url',
  classifications: 'id',
  scores: 'id',
  gap_snapshots: 'id',
  gap_state: 'vendor_id',
};
function snapshot(db: Db): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [t, order] of Object.entries(TABLES)) {
    const rows = db.prepare(`SELECT * FROM ${t} ORDER BY ${order}`).all();
    out[t] = `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`;
  }
  return out;
}

/** pollSource, with anything escaping it turned into a test failure that says what. */
async function poll(rt: Runtime, source: SourceConfig, vendor: VendorConfig): Promise<SourceOutcome> {
  try {
    return await pollSource(rt, source, vendor);
  } catch (err) {
    throw new Error(`an exception escaped pollSource for ${source.id}: ${(err as Error).stack ?? String(err)}`);
  }
}

/** After a failed poll: nothing but the source's failure fields and one poll_runs line changed. */
function expectNoPartialWrite(
  db: Db,
  before: Record<string, string>,
  source: SourceConfig,
  rowBefore: ReturnType<typeof getSource>,
  what: string,
): void {
  expect(snapshot(db), what).toEqual(before);
  const row = getSource(db, source.id)!;
  expect(row.consecutiveErrors, what).toBe(rowBefore!.consecutiveErrors + 1);
  expect({ cursor: row.cursor, baselineDone: row.baselineDone, lastSuccessAt: row.lastSuccessAt }, what).toEqual({
    cursor: rowBefore!.cursor,
    baselineDone: rowBefore!.baselineDone,
    lastSuccessAt: rowBefore!.lastSuccessAt,
  });
}

// ---------------------------------------------------------------------------------------------

const FEEDS = new URL('../fixtures/feeds/', import.meta.url);

function walk(dir: URL, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(new URL(`${e.name}/`, dir), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/** `Header: Name: value` lines of a feedparser test file's comment (how its server answered). */
function headerLines(body: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const m of body
    .toString('latin1')
    .replace(/\0/g, '')
    .matchAll(/^Header:\s*([^:\r\n]+):\s*(.*?)\s*$/gm))
    headers[m[1]!.trim().toLowerCase()] = m[2]!;
  return headers;
}

const GOOD_FEED = (i: number) =>
  Buffer.from(
    `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Corpus ${i}</title><link>https://corpus.example/</link><description>d</description>` +
      `<item><title>Before the corpus file</title><link>https://corpus.example/before/${i}</link><guid>https://corpus.example/before/${i}</guid></item></channel></rss>`,
  );

describe('the feedparser corpora through the feed collector and the whole pipeline', () => {
  const files = [
    ...walk(new URL('feedparser-illformed/', FEEDS)).map((f) => `feedparser-illformed/${f}`),
    ...walk(new URL('feedparser-encoding/', FEEDS)).map((f) => `feedparser-encoding/${f}`),
  ];

  it('covers every file of both corpora (101)', () => {
    expect(files).toHaveLength(101);
  });

  it("each file: the collector's entries stored exactly, or a clear permanent error and nothing written", { timeout: 60_000 }, async () => {
    const sources = files.map((_, i) => testSource({ vendorId: 'corpus', kind: 'feed', target: `${server.url}/fp/${i}.xml` }));
    const vendor = testVendor({ id: 'corpus', sources });
    const db = openDb(':memory:');
    let clock = T0;
    const rt = runtimeFor(db, vendor, () => clock);
    syncSources(db, sources);
    const outcomes = { ok: 0, error: 0, entries: 0 };
    for (const [i, file] of files.entries()) {
      const source = sources[i]!;
      const path = `/fp/${i}.xml`;
      served.set(path, { body: GOOD_FEED(i), headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
      clock += 60_000;
      expect((await poll(rt, source, vendor)).ok).toBe(true);

      const body = readFileSync(new URL(file, FEEDS));
      served.set(path, { body, headers: { 'content-type': 'text/xml', ...headerLines(body) } });
      // The collector alone, on the same bytes: what the pipeline must store, or the error it must record.
      const direct = await feedCollector
        .poll({
          source,
          vendor,
          http: rt.http,
          now: () => new Date(clock),
          validators: new Map(),
          known: new Map(),
          cursor: {},
          endpoints: rt.endpoints,
        })
        .then(
          (r) => r.observations as PostObservation[],
          (e: unknown) => e,
        );
      const before = snapshot(db);
      const rowBefore = getSource(db, source.id);
      clock += 60_000;
      const out = await poll(rt, source, vendor);

      if (direct instanceof Error) {
        expect(direct, file).toBeInstanceOf(SourceError);
        expect((direct as SourceError).transient, file).toBe(false);
        expect(out, file).toMatchObject({ ok: false, transient: false, error: direct.message, events: [] });
        expect(out.error, file).toMatch(
          new RegExp(
            `^feed: corpus:feed:http://127\\.0\\.0\\.1:\\d+/fp/${i}\\.xml: (malformed XML|malformed feed|not a feed|got an HTML page)`,
          ),
        );
        expect(getSource(db, source.id)!.lastError).toBe(out.error);
        expectNoPartialWrite(db, before, source, rowBefore, file);
        outcomes.error++;
      } else {
        expect(out.ok, `${file}: ${out.error}`).toBe(true);
        const posts = direct as PostObservation[];
        const items = loadItems(db, source.id);
        expect([...items.keys()].sort(), file).toEqual([`https://corpus.example/before/${i}`, ...posts.map((p) => p.key)].sort());
        for (const p of posts) expect(items.get(p.key)!.state, file).toEqual(p);
        expect(out.events.map((e) => e.dedupKey).sort(), file).toEqual(posts.map((p) => `post.new:${source.id}:${p.key}`).sort());
        expect(out.events.every((e) => !e.baseline)).toBe(true);
        outcomes.ok++;
        outcomes.entries += posts.length;
      }
    }
    // Both kinds of outcome occur (the corpora hold good feeds in odd encodings and broken ones).
    expect(outcomes.ok).toBeGreaterThan(60);
    expect(outcomes.error).toBeGreaterThanOrEqual(5);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzed mutations of recorded JSON

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

function paths(v: Json, at: Path = []): Path[] {
  const out: Path[] = at.length ? [at] : [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function get(v: Json, p: Path): Json {
  return p.reduce<Json>((o, k) => (o as Record<string | number, Json>)[k]!, v);
}

function typeOf(v: Json): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

const OTHER_VALUES: Json[] = [42, -1.5, 'a string', '', null, true, false, [], [1, 'x'], {}, { nested: true }];
const HUGE = 'x'.repeat(1024 * 1024);

type Mutation = 'truncate' | 'wrong-type' | 'missing' | 'huge-string';
const MUTATIONS: Mutation[] = ['truncate', 'wrong-type', 'missing', 'huge-string'];

/** One seeded mutation of `doc`: the mutated body and what was done. */
function mutate(doc: Json, kind: Mutation, rng: () => number): { body: string; what: string } {
  const text = JSON.stringify(doc);
  const pick = <T>(list: T[]): T => list[Math.floor(rng() * list.length)]!;
  if (kind === 'truncate') {
    const at = 1 + Math.floor(rng() * (text.length - 1));
    return { body: text.slice(0, at), what: `truncated at ${at} of ${text.length}` };
  }
  const copy = structuredClone(doc);
  const all = paths(copy);
  const setAt = (p: Path, v: Json | undefined) => {
    const parent = get(copy, p.slice(0, -1)) as Record<string | number, Json>;
    if (v === undefined) {
      if (Array.isArray(parent)) parent.splice(p.at(-1) as number, 1);
      else delete parent[p.at(-1)!];
    } else parent[p.at(-1)!] = v;
  };
  if (kind === 'wrong-type') {
    const p = pick(all);
    const was = typeOf(get(copy, p));
    const v = pick(OTHER_VALUES.filter((x) => typeOf(x) !== was));
    setAt(p, v);
    return { body: JSON.stringify(copy), what: `${p.join('.')}: ${was} → ${JSON.stringify(v)}` };
  }
  if (kind === 'missing') {
    const p = pick(all.filter((x) => typeof x.at(-1) === 'string'));
    setAt(p, undefined);
    return { body: JSON.stringify(copy), what: `${p.join('.')} removed` };
  }
  // A 1 MiB string where a string was, names and ids most often.
  const strings = all.filter((x) => typeof get(copy, x) === 'string');
  const names = strings.filter((x) =>
    ['id', '_id', 'modelId', 'name', 'tag_name', 'rfilename', 'license_name', 'html_url', 'sha'].includes(String(x.at(-1))),
  );
  const p = rng() < 0.6 && names.length ? pick(names) : pick(strings);
  setAt(p, HUGE);
  return { body: JSON.stringify(copy), what: `${p.join('.')}: a 1 MiB string` };
}

interface FuzzCase {
  n: number;
  mutation: Mutation;
  what: string;
  outcome: string;
}

/** Runs `count` cases per mutation kind: a good poll, then the mutated body, checked. */
async function fuzz(opts: {
  seed: number;
  count: number;
  source: SourceConfig;
  reset(): void;
  /** The recorded documents a case may mutate, and the request each one answers. */
  docs: { doc: Json; answers: (pathname: string, url: URL) => boolean }[];
  /** Checks a successful poll of `body` against what the store holds now. */
  checkOk(db: Db, doc: Json, docIndex: number): void;
  errorPrefix: string;
}): Promise<FuzzCase[]> {
  const rng = prng(opts.seed);
  const vendor = testVendor({ id: 'lab', sources: [opts.source] });
  const cases: FuzzCase[] = [];
  for (const mutation of MUTATIONS) {
    for (let k = 0; k < opts.count; k++) {
      opts.reset();
      const db = openDb(':memory:');
      let clock = T0;
      const rt = runtimeFor(db, vendor, () => clock);
      syncSources(db, [opts.source]);
      server.fault = null;
      const first = await poll(rt, opts.source, vendor);
      expect(first.ok, first.error).toBe(true);

      const d = Math.floor(rng() * opts.docs.length);
      const { body, what } = mutate(opts.docs[d]!.doc, mutation, rng);
      const label = `case ${cases.length} (${mutation}, doc ${d}): ${what}`;
      let served = 0;
      server.fault = (req) => {
        const u = new URL(req.url, server.url);
        if (!opts.docs[d]!.answers(u.pathname, u)) return null;
        served++;
        return { patch: (r: ReplayResponse) => ({ ...r, status: 200, body }) };
      };
      const before = snapshot(db);
      const rowBefore = getSource(db, opts.source.id);
      clock += 3_600_000;
      const out = await poll(rt, opts.source, vendor);
      server.fault = null;
      expect(served, `${label}: the mutated body was served`).toBeGreaterThan(0);
      if (out.ok) {
        let parsed: Json;
        try {
          parsed = JSON.parse(body) as Json;
        } catch {
          throw new Error(`${label}: invalid JSON accepted as a success`);
        }
        opts.checkOk(db, parsed, d);
        cases.push({ n: cases.length, mutation, what, outcome: 'ok' });
      } else {
        expect(out.error!.startsWith(opts.errorPrefix), `${label}: ${out.error!.slice(0, 300)}`).toBe(true);
        expect(out.transient, `${label}: ${out.error!.slice(0, 300)}`).toBe(false);
        expect(out.error!.length, `${label}: the message stays short`).toBeLessThan(2000);
        expect(out.error, label).toMatch(/unexpected response from GET [^:]+: (invalid JSON|not JSON|.+: )/);
        expectNoPartialWrite(db, before, opts.source, rowBefore, label);
        cases.push({ n: cases.length, mutation, what, outcome: `error: ${out.error!.replace(opts.errorPrefix, '').slice(0, 120)}` });
      }
      expect(db.pragma('integrity_check', { simple: true }), label).toBe('ok');
      db.close();
    }
  }
  return cases;
}

function summary(cases: FuzzCase[]): Record<string, { ok: number; error: number }> {
  const s: Record<string, { ok: number; error: number }> = {};
  for (const c of cases) {
    s[c.mutation] ??= { ok: 0, error: 0 };
    s[c.mutation]![c.outcome === 'ok' ? 'ok' : 'error']++;
  }
  return s;
}

const isObj = (v: Json): v is { [k: string]: Json } => !!v && typeof v === 'object' && !Array.isArray(v);
/** Values as assertions may print them: a 1 MiB string becomes its length and hash. */
function short(v: unknown): unknown {
  if (typeof v === 'string' && v.length > 300)
    return `<${v.length} chars, sha256 ${createHash('sha256').update(v).digest('hex').slice(0, 16)}>`;
  if (Array.isArray(v)) return v.map(short);
  return v;
}

describe('fuzzed Hugging Face listings (seeded)', () => {
  it('truncations, wrong types, missing fields and 1 MiB strings: a correct result or a clear permanent error, nothing half-written', {
    timeout: 60_000,
  }, async () => {
    const source = testSource({ vendorId: 'lab', kind: 'huggingface', target: 'meta-llama' });
    const ml = recordedMetaLlama();
    const reset = () => {
      state = emptyState();
      state.hub.authors.set('meta-llama', structuredClone(ml.repos));
      for (const [p, t] of ml.files) state.hub.files.set(p, t);
    };
    reset();
    // The recorded listing as the collector asked for it (the good poll's own answer).
    const { HF_EXPAND } = await import('../../src/collectors/huggingface.js');
    const keys = new Set(['_id', 'id', ...HF_EXPAND]);
    const listing = [...ml.repos]
      .sort((a, b) => Date.parse(b.lastModified) - Date.parse(a.lastModified))
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => keys.has(k)))) as Json;
    const cases = await fuzz({
      seed: 0x0f0221,
      count: 30,
      source,
      reset,
      docs: [{ doc: listing, answers: (p, u) => p === '/api/models' && u.searchParams.get('author') === 'meta-llama' }],
      errorPrefix: 'huggingface: meta-llama: ',
      checkOk(db, doc) {
        // Every listed repo is stored under its id, with the id, hub id, sha and tags as sent.
        expect(Array.isArray(doc)).toBe(true);
        const items = loadItems(db, source.id);
        for (const m of doc as Json[]) {
          if (!isObj(m)) throw new Error('a listing item that is not an object was accepted');
          const stored = items.get(`hf:${String(m['id'])}`);
          expect(stored, `hf:${String(m['id']).slice(0, 80)}`).toBeDefined();
          const st = stored!.state as unknown as Record<string, unknown>;
          expect(short([st['repoId'], st['hubId'], st['sha'], st['tags']])).toEqual(
            short([m['id'], m['_id'], m['sha'] ?? null, m['tags'] ?? []]),
          );
        }
        // Nothing else appeared: the known repos and the listed ones.
        const expected = new Set([
          ...ml.repos.map((r) => `hf:${r.id}`),
          ...(doc as Json[]).map((m) => `hf:${String((m as Record<string, Json>)['id'])}`),
        ]);
        expect([...items.keys()].filter((k) => !expected.has(k))).toEqual([]);
      },
    });
    expect(cases).toHaveLength(120);
    const s = summary(cases);
    expect(s['truncate']).toEqual({ ok: 0, error: 30 });
    console.log('huggingface fuzz:', JSON.stringify(s));
    server.assertClean();
  });
});

describe('fuzzed GitHub releases and licence (seeded)', () => {
  it('truncations, wrong types, missing fields and 1 MiB strings: a correct result or a clear permanent error, nothing half-written', {
    timeout: 60_000,
  }, async () => {
    const repo = 'octo-org/fuzz';
    const source = testSource({ vendorId: 'lab', kind: 'github', target: repo });
    const releases = () => [{ ...recordedRelease(), id: 1001, tag_name: 'v1.0.0' }, labRelease(repo, 2)];
    const reset = () => {
      state = emptyState();
      // The recorded release (octokit/fixtures) and one derived from it; an MIT licence.
      state.gh.repos.set(repo, { releases: releases(), license: MIT });
    };
    reset();
    // The documents as the good poll received them.
    const releaseDoc = JSON.parse(
      JSON.stringify([...releases()].sort((a, b) => String(b['published_at']).localeCompare(String(a['published_at'])))),
    ) as Json;
    const licenseRes = await fetch(`${server.url}/repos/${repo}/license`);
    const licenseDoc = (await licenseRes.json()) as Json;
    const cases = await fuzz({
      seed: 0x6174,
      count: 30,
      source,
      reset,
      docs: [
        { doc: releaseDoc, answers: (p) => p === `/repos/${repo}/releases` },
        { doc: licenseDoc, answers: (p) => p === `/repos/${repo}/license` },
      ],
      errorPrefix: `github: ${repo}: `,
      checkOk(db, doc, d) {
        const items = loadItems(db, source.id);
        if (d === 0) {
          // Every listed release that is not a draft is stored with its tag and name as sent —
          // except a known release whose notes and flags did not change: the collector leaves it
          // as it was (github.ts: a release is news when its name, notes or pre-release flag move).
          expect(Array.isArray(doc)).toBe(true);
          const before = new Map((releaseDoc as Record<string, Json>[]).map((r) => [r['id'], r]));
          for (const r of doc as Json[]) {
            if (!isObj(r)) throw new Error('a release that is not an object was accepted');
            if (r['draft'] === true) continue;
            const st = items.get(`gh:${repo}:release:${String(r['id'])}`)?.state as unknown as Record<string, unknown> | undefined;
            expect(st, `release ${String(r['id'])}`).toBeDefined();
            const was = before.get(r['id']);
            const same =
              was && was['name'] === r['name'] && (was['body'] ?? null) === (r['body'] ?? null) && was['prerelease'] === r['prerelease'];
            const want = same ? was : r;
            expect(short([st!['tag'], st!['name']])).toEqual(short([want['tag_name'], want['name']]));
          }
        } else {
          if (!isObj(doc)) throw new Error('a licence body that is not an object was accepted');
          const st = items.get(`gh:${repo}:license`)!.state as unknown as Record<string, unknown>;
          const lic = doc['license'];
          expect(short([st['blobSha'], st['spdxId']])).toEqual(short([doc['sha'], isObj(lic) ? (lic['spdx_id'] ?? null) : null]));
        }
      },
    });
    expect(cases).toHaveLength(120);
    const s = summary(cases);
    expect(s['truncate']).toEqual({ ok: 0, error: 30 });
    console.log('github fuzz:', JSON.stringify(s));
    server.assertClean();
  });
});
