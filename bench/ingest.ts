// ingest — a deterministic synthetic Hugging Face listing of 200,000 models (200 authors, one
// list page of 1,000 `expand=` items each, shaped like real /api/models responses) parsed,
// diffed, classified and stored by the real code: per author `pollSource` (the job: the HF
// collector's `poll` with its schema, the pure diff, `recordPoll` in one transaction), then the
// cycle's classify step (`classifyModels`, the real classifier and store functions). The bytes
// come from memory through an HttpClient that answers like the Hub (no network: the network is
// the poll benchmark's business).
//
// The floor, measured in the same run on the same bytes: `JSON.parse` of every page plus a bare
// prepared INSERT of the same rows into a plain table, in one transaction (median of 3).
//
// One timed pass into a fresh database (the schema as migrated), bounded in time, then a re-ingest
// of the unchanged listing into the same database (parse and compare, nothing new to store).
// BENCH_INGEST_AUTHORS and BENCH_INGEST_REAL_SEC shrink or stretch the run while working on it.
import fs from 'node:fs';
import path from 'node:path';
import { loadLicenseKb } from '../src/classify/licenses.js';
import { huggingfaceCollector } from '../src/collectors/huggingface.js';
import { parseJsonBody } from '../src/collectors/errors.js';
import { hfModelListSchema } from '../src/collectors/schemas/huggingface.js';
import type { Collector } from '../src/collectors/types.js';
import { loadConfig } from '../src/config/index.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../src/http/types.js';
import { classifyModels, touchedModels } from '../src/jobs/classify.js';
import { pollSource, type PollDeps } from '../src/jobs/poll-source.js';
import type { SourceConfig, VendorConfig } from '../src/model.js';
import { openDb, type Db } from '../src/store/db.js';
import { syncSources } from '../src/store/sources.js';
import { FEEDS_DIR, makeTemp, rmTemp } from './lib/paths.js';
import { Rng } from './lib/prng.js';
import { printTable, target, writeSection } from './lib/results.js';
import { median, round } from './lib/stats.js';
import { PROFILES, gitBlobSha, hfItem, licenseText, weakEtag, type HfItem, type WorldSpec } from './lib/world.js';

const AUTHORS = Number(process.env.BENCH_INGEST_AUTHORS ?? 200);
const PER_PAGE = 1000;
const FLOOR_RUNS = 3;
/** Time bound of the pipeline pass (the whole listing took 31 s on 2 cores; the bound stops a regression). */
const REAL_DEADLINE_MS = Number(process.env.BENCH_INGEST_REAL_SEC ?? 120) * 1000;
const BASE = 'https://huggingface.co';
const SPEC: WorldSpec = {
  seed: 'ingest-v1',
  hfAuthors: AUTHORS,
  reposPerAuthor: PER_PAGE,
  ghRepos: 0,
  feeds: 0,
  pages: 0,
  postsPerFeed: 0,
};

interface Page {
  author: string;
  vendor: VendorConfig;
  body: Buffer;
  etag: string;
}

function response(url: string, status: number, body: Buffer, headers: Record<string, string>): HttpResponse {
  return {
    status,
    url,
    headers,
    body,
    notModified: false,
    validators: { etag: headers['etag'] ?? null, lastModified: null },
    attempts: 1,
    text: () => body.toString('utf8'),
    json: () => JSON.parse(body.toString('utf8')) as unknown,
  };
}

/** Answers like the Hub, from memory: the author's list page, LICENSE files (401 when gated). */
function memoryHub(
  pages: Map<string, Page>,
  files: Map<string, { text: Buffer; etag: string; gated: boolean }>,
): HttpClient & { requests: number } {
  const client = {
    requests: 0,
    async request(req: HttpRequest): Promise<HttpResponse> {
      client.requests++;
      const u = new URL(req.url);
      if (u.pathname === '/api/models') {
        const p = pages.get(u.searchParams.get('author') ?? '');
        if (!p) return response(req.url, 200, Buffer.from('[]'), { 'content-type': 'application/json; charset=utf-8' });
        return response(req.url, 200, p.body, { 'content-type': 'application/json; charset=utf-8', etag: p.etag });
      }
      const m = /^\/(.+)\/resolve\/main\/LICENSE$/.exec(u.pathname);
      const f = m ? files.get(decodeURIComponent(m[1]!)) : undefined;
      if (!f) return response(req.url, 404, Buffer.from('Entry not found'), { 'x-error-code': 'EntryNotFound' });
      if (f.gated) return response(req.url, 401, Buffer.from('{"error":"Access restricted"}'), { 'x-error-code': 'GatedRepo' });
      return response(req.url, 200, f.text, { 'content-type': 'text/plain; charset=utf-8', etag: f.etag });
    },
    fetch: (() => Promise.reject(new Error('ingest: no fetch'))) as typeof fetch,
  };
  return client;
}

function generate(vendors: VendorConfig[]): {
  pages: Page[];
  files: Map<string, { text: Buffer; etag: string; gated: boolean }>;
  bytes: number;
} {
  const pages: Page[] = [];
  const files = new Map<string, { text: Buffer; etag: string; gated: boolean }>();
  const texts = new Map<string, { text: Buffer; etag: string }>();
  let bytes = 0;
  for (let a = 0; a < AUTHORS; a++) {
    const profile = PROFILES[a % PROFILES.length]!;
    const vendor = vendors.find((v) => v.id === profile.id)!;
    const author = `${profile.hfOrg}-${String(a).padStart(3, '0')}`;
    const items: HfItem[] = [];
    for (let n = 0; n < PER_PAGE; n++) {
      const it = hfItem(SPEC, profile, author, n, Rng.of(SPEC.seed, a, n));
      items.push(it);
      if (it.siblings.some((s) => s.rfilename === 'LICENSE')) {
        const id = String(it.cardData['license']);
        let f = texts.get(id);
        if (!f) {
          const text = Buffer.from(licenseText(it));
          texts.set(id, (f = { text, etag: `"${gitBlobSha(text)}"` }));
        }
        files.set(it.id, { ...f, gated: it.gated !== false });
      }
    }
    items.sort((x, y) => Date.parse(y.lastModified) - Date.parse(x.lastModified));
    const body = Buffer.from(JSON.stringify(items));
    bytes += body.length;
    pages.push({ author, vendor, body, etag: weakEtag(body) });
  }
  return { pages, files, bytes };
}

/** JSON.parse of every page + a bare prepared INSERT of the same rows in one transaction. */
function floorRun(db: Db, pages: Page[]): { parseMs: number; insertMs: number; rows: number } {
  db.exec(
    'DROP TABLE IF EXISTS floor; CREATE TABLE floor (id TEXT, author TEXT, sha TEXT, created_at TEXT, last_modified TEXT, gated TEXT, license TEXT, downloads INTEGER, likes INTEGER)',
  );
  const t0 = process.hrtime.bigint();
  const parsed = pages.map((p) => JSON.parse(p.body.toString('utf8')) as HfItem[]);
  const t1 = process.hrtime.bigint();
  const ins = db.prepare(
    'INSERT INTO floor (id, author, sha, created_at, last_modified, gated, license, downloads, likes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let rows = 0;
  db.transaction(() => {
    for (const items of parsed) {
      for (const it of items) {
        ins.run(
          it.id,
          it.author,
          it.sha,
          it.createdAt,
          it.lastModified,
          String(it.gated),
          String(it.cardData['license'] ?? ''),
          it.downloads,
          it.likes,
        );
        rows++;
      }
    }
  })();
  const t2 = process.hrtime.bigint();
  return { parseMs: Number(t1 - t0) / 1e6, insertMs: Number(t2 - t1) / 1e6, rows };
}

interface Pass {
  label: string;
  models: number;
  pages: number;
  ms: number;
  cpuMs: number;
  pollMs: number;
  collectMs: number;
  classifyMs: number;
  perPage: number[];
  prepares: number;
  licenceFetches: number;
  events: number;
  failures: string[];
  complete: boolean;
  reingest?: { ms: number; collectMs: number; events: number };
  dbBytes: number;
  counts: Record<string, number>;
  /** Indexes on the tables the pipeline writes (automatic ones included). */
  indexes: number;
}

/**
 * One ingest of the listing into a fresh database: per author `pollSource`, then the classify
 * step for the models it touched. Stops after the page during which `deadlineMs` passed.
 */
async function ingestPass(
  label: string,
  file: string,
  pages: Page[],
  files: Map<string, { text: Buffer; etag: string; gated: boolean }>,
  config: ReturnType<typeof loadConfig>,
  o: { deadlineMs: number; reingest?: boolean },
): Promise<Pass> {
  const db = openDb(file);
  // Counts statement compilations (the store caches its prepared statements per connection, so
  // this stays at a few dozen whatever the number of models).
  let prepares = 0;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepares++;
    return prepare(sql);
  }) as typeof db.prepare;
  const hub = memoryHub(new Map(pages.map((p) => [p.author, p])), files);
  let collectMs = 0;
  const timedCollector: Collector = {
    kind: 'huggingface',
    async poll(ctx) {
      const t0 = process.hrtime.bigint();
      try {
        return await huggingfaceCollector.poll(ctx);
      } finally {
        collectMs += Number(process.hrtime.bigint() - t0) / 1e6;
      }
    },
  };
  let clock = Date.parse('2026-06-01T00:00:00.000Z');
  const now = () => new Date(clock);
  const deps: PollDeps = {
    db,
    http: hub,
    now,
    random: () => 0.5,
    route: () => [],
    endpoints: { huggingface: BASE, github: 'https://api.github.com' },
    collectorFor: () => timedCollector,
  };
  const sources = pages.map((p): { source: SourceConfig; vendor: VendorConfig } => ({
    source: {
      id: `hf:${p.author}`,
      vendorId: p.vendor.id,
      kind: 'huggingface',
      target: p.author,
      intervalSec: 900,
      reconcileEveryHours: 24,
    },
    vendor: p.vendor,
  }));
  syncSources(
    db,
    sources.map((s) => s.source),
  );
  const kb = loadLicenseKb();
  const pass: Pass = {
    label,
    models: 0,
    pages: 0,
    ms: 0,
    cpuMs: 0,
    pollMs: 0,
    collectMs: 0,
    classifyMs: 0,
    perPage: [],
    prepares: 0,
    licenceFetches: 0,
    events: 0,
    failures: [],
    complete: false,
    counts: {},
    dbBytes: 0,
    indexes: 0,
  };
  prepares = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (const s of sources) {
    const ta = process.hrtime.bigint();
    const out = await pollSource(deps, s.source, s.vendor);
    const tb = process.hrtime.bigint();
    if (!out.ok) pass.failures.push(`${s.source.id}: ${out.error}`);
    pass.events += out.events.length;
    classifyModels({ db, kb, overrides: config.overrides, route: () => [], now }, touchedModels(out.events));
    const tc = process.hrtime.bigint();
    pass.pollMs += Number(tb - ta) / 1e6;
    pass.classifyMs += Number(tc - tb) / 1e6;
    pass.perPage.push(PER_PAGE / (Number(tc - ta) / 1e9));
    pass.pages++;
    pass.models += PER_PAGE;
    if (Number(process.hrtime.bigint() - t0) / 1e6 > o.deadlineMs) break;
  }
  pass.ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  pass.cpuMs = (cpu.user + cpu.system) / 1000;
  pass.collectMs = collectMs;
  pass.prepares = prepares;
  pass.licenceFetches = hub.requests - pass.pages;
  pass.complete = pass.pages === pages.length;

  if (o.reingest) {
    // The same listing again, nothing changed (page one re-read, e.g. after another author's
    // edit would have changed its ETag): parse and compare only.
    clock += 15 * 60_000;
    collectMs = 0;
    let events = 0;
    const t2 = process.hrtime.bigint();
    for (const s of sources.slice(0, pass.pages)) events += (await pollSource(deps, s.source, s.vendor)).events.length;
    pass.reingest = { ms: Number(process.hrtime.bigint() - t2) / 1e6, collectMs, events };
  }
  pass.counts = prepare(
    'SELECT (SELECT COUNT(*) FROM models) AS models, (SELECT COUNT(*) FROM items) AS items, (SELECT COUNT(*) FROM observations) AS observations, (SELECT COUNT(*) FROM classifications) AS classifications, (SELECT COUNT(*) FROM events) AS events',
  ).get() as Record<string, number>;
  pass.indexes = (
    prepare(
      "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('models', 'items', 'observations', 'classifications', 'events')",
    ).get() as { n: number }
  ).n;
  db.close();
  pass.dbBytes = fs.statSync(file).size;
  return pass;
}

const rateOf = (models: number, ms: number) => models / (ms / 1000);
const firstLast = (xs: number[], n = 10) => [median(xs.slice(0, n)), median(xs.slice(-n))] as const;

export async function run(): Promise<void> {
  const tmp = makeTemp('ingest');
  try {
    const config = loadConfig({ env: {}, feeds: FEEDS_DIR, db: path.join(tmp, 'ingest.db') });
    const tg = process.hrtime.bigint();
    const { pages, files, bytes } = generate(config.vendors);
    const genMs = Number(process.hrtime.bigint() - tg) / 1e6;
    const models = pages.length * PER_PAGE;

    // The floor (its own database file, the store's pragmas), median of 3.
    const floorDb = openDb(path.join(tmp, 'floor.db'), { migrate: false });
    const floors = Array.from({ length: FLOOR_RUNS }, () => floorRun(floorDb, pages));
    floorDb.close();
    const floorBytes = fs.statSync(path.join(tmp, 'floor.db')).size;
    const floorMs = median(floors.map((f) => f.parseMs + f.insertMs));
    const floorParseMs = median(floors.map((f) => f.parseMs));
    const floorInsertMs = median(floors.map((f) => f.insertMs));
    const floorRate = rateOf(models, floorMs);

    // JSON.parse + the collector's list schema alone, for the breakdown.
    const tp = process.hrtime.bigint();
    for (const p of pages) parseJsonBody(hfModelListSchema, p.body, 'bench', 'list');
    const schemaMs = Number(process.hrtime.bigint() - tp) / 1e6;

    // Warm-up (JIT, allocator) on a scratch database, so the timed pass does not pay it.
    await ingestPass('warm-up', path.join(tmp, 'warmup.db'), pages.slice(0, 5), files, config, { deadlineMs: 10_000 });
    const real = await ingestPass('pipeline (schema as migrated)', path.join(tmp, 'real.db'), pages, files, config, {
      deadlineMs: REAL_DEADLINE_MS,
      reingest: true,
    });

    const realRate = rateOf(real.models, real.ms);
    const ratio = realRate / floorRate;
    const [realFirst, realLast] = firstLast(real.perPage);
    const reRate = real.reingest ? rateOf(real.models, real.reingest.ms) : NaN;
    const tables = ['models', 'items', 'observations', 'classifications', 'events'] as const;
    const rowsPerModel = tables.reduce((n, t) => n + (real.counts[t] ?? 0), 0) / real.models;
    const stepRows = [
      ['  collector (parse, schema, normalise, LICENSE)', real.collectMs],
      ['  diff + recordPoll', real.pollMs - real.collectMs],
      ['  classifyModels (classify step)', real.classifyMs],
    ] as const;
    const notes = [
      `listing: ${pages.length} authors × ${PER_PAGE} models, ${round(bytes / 2 ** 20, 1)} MB of JSON (${round(bytes / models, 0)} bytes per item), generated in ${round(genMs / 1000, 1)} s; LICENSE files answered from memory (401 for gated repos, as the Hub answers anonymously)`,
      `pipeline: ${real.complete ? `all ${models.toLocaleString('en-US')} models in ${round(real.ms / 1000, 1)} s` : `stopped at the ${REAL_DEADLINE_MS / 1000} s bound after ${real.models.toLocaleString('en-US')} of ${models.toLocaleString('en-US')} models`}; ${round(realFirst, 0)} models/s over the first 10 pages, ${round(realLast, 0)} over the last 10 (the tables and their indexes grow); CPU ${round(real.cpuMs / 1000, 1)} s of ${round(real.ms / 1000, 1)} s wall`,
      `the store as it is now: getModel() finds the exact id through the primary key, statements are prepared once per connection (${real.prepares} db.prepare() calls in the whole pass), classifyModels stores a page's classifications in one transaction`,
      `stored: ${Object.entries(real.counts)
        .map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`)
        .join(
          ', ',
        )} = ${round(rowsPerModel, 1)} rows per model in ${tables.length} tables with ${real.indexes} indexes (the floor: 1 row in 1 table, no index); database ${round(real.dbBytes / 2 ** 20, 0)} MB = ${round(real.dbBytes / real.models, 0)} bytes per model (the floor table: ${round(floorBytes / models, 0)})`,
      `floor (median of ${FLOOR_RUNS}): JSON.parse ${round(floorParseMs, 0)} ms + bare INSERT ${round(floorInsertMs, 0)} ms; JSON.parse + the collector's zod list schema: ${round(schemaMs, 0)} ms`,
      ...(real.reingest
        ? [
            `re-ingest of the unchanged listing into the same database (page one re-read, no 304): ${round(real.reingest.ms / 1000, 1)} s → ${round(reRate, 0)} models/s (${round(reRate / floorRate, 3)} of the floor), ${real.reingest.events} events`,
          ]
        : []),
      ...(ratio < 0.5
        ? [
            `ratio to floor ${round(ratio, 3)} < 0.5: per model the pipeline validates and normalises the item, diffs it against the stored state, writes ${round(rowsPerModel, 1)} rows with their index entries and classifies it (${stepRows.map(([k, ms]) => `${k.trim().split(' (')[0]} ${round(ms / 1000, 1)} s`).join(', ')}), where the floor parses and inserts one unindexed row (${round(floorMs / 1000, 1)} s for all)`,
          ]
        : []),
      ...(real.failures.length ? [`${real.label}: ${real.failures.length} page(s) failed: ${real.failures.slice(0, 2).join(' | ')}`] : []),
    ];
    printTable(
      'ingest — 200,000 Hugging Face list items parsed, diffed, classified and stored',
      ['measure', 'time s', 'models/s', 'ratio to floor'],
      [
        ['floor: JSON.parse + bare INSERT (1 tx)', round(floorMs / 1000, 2), round(floorRate, 0), 1],
        [
          `${real.label}${real.complete ? '' : ` — stopped after ${real.models.toLocaleString('en-US')} models`}`,
          round(real.ms / 1000, 2),
          round(realRate, 0),
          round(ratio, 3),
        ],
        ...stepRows.map(([k, ms]) => [k, round(ms / 1000, 2), round(rateOf(real.models, ms), 0), null]),
        ...(real.reingest
          ? [['re-ingest, unchanged listing', round(real.reingest.ms / 1000, 2), round(reRate, 0), round(reRate / floorRate, 3)]]
          : []),
      ],
      notes,
    );
    writeSection('ingest', {
      figures: {
        models,
        pages: pages.length,
        listingBytes: bytes,
        modelsPerSecond: round(realRate, 0),
        floorModelsPerSecond: round(floorRate, 0),
        ratioToFloor: round(ratio, 4),
        modelsIngested: real.models,
        complete: real.complete,
        firstPagesModelsPerSecond: round(realFirst, 0),
        lastPagesModelsPerSecond: round(realLast, 0),
        pipelineMs: round(real.ms, 0),
        floorMs: round(floorMs, 0),
        floorParseMs: round(floorParseMs, 0),
        floorInsertMs: round(floorInsertMs, 0),
        schemaParseMs: round(schemaMs, 0),
        statementsPrepared: real.prepares,
        rowsPerModel: round(rowsPerModel, 2),
        indexes: real.indexes,
        bytesPerModel: round(real.dbBytes / real.models, 0),
        floorBytesPerModel: round(floorBytes / models, 0),
        reingest: real.reingest
          ? {
              ms: round(real.reingest.ms, 0),
              modelsPerSecond: round(reRate, 0),
              ratioToFloor: round(reRate / floorRate, 4),
              events: real.reingest.events,
            }
          : null,
        breakdown: {
          collectorMs: round(real.collectMs, 0),
          diffAndRecordPollMs: round(real.pollMs - real.collectMs, 0),
          classifyMs: round(real.classifyMs, 0),
          cpuMs: round(real.cpuMs, 0),
        },
      },
      units: {
        models: 'models in the listing',
        pages: 'list pages of 1,000 items',
        listingBytes: 'bytes of JSON',
        modelsPerSecond: 'models/s (schema as migrated, over the models ingested within the time bound)',
        floorModelsPerSecond: 'models/s (JSON.parse + bare INSERT, median of 3)',
        ratioToFloor: 'ratio (pipeline models/s ÷ floor models/s)',
        modelsIngested: 'models',
        firstPagesModelsPerSecond: 'models/s, median of the first 10 pages',
        lastPagesModelsPerSecond: 'models/s, median of the last 10 pages ingested',
        pipelineMs: 'ms wall',
        floorMs: 'ms',
        floorParseMs: 'ms',
        floorInsertMs: 'ms',
        schemaParseMs: 'ms (JSON.parse + zod list schema, all pages)',
        statementsPrepared: 'db.prepare() calls during the timed pass',
        rowsPerModel: 'rows in models, items, observations, classifications and events per model ingested',
        indexes: 'indexes on those five tables (automatic ones included)',
        bytesPerModel: 'bytes of database file per model',
        floorBytesPerModel: 'bytes of the floor database file per model',
        'reingest.*': 'ms, models/s, ratio, events: the unchanged listing again into the same database',
        'breakdown.*': 'ms of the timed pass',
      },
      notes,
      targets: Object.fromEntries([target('ratioToFloor', '≥ 0.5', String(round(ratio, 3)), ratio >= 0.5)]),
    });
  } finally {
    rmTemp(tmp);
  }
}
