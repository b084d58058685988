// Crash safety: a real modelwatch process (crash-child.mjs, on the compiled dist/) runs full
// poll + dispatch cycles against a replay world that grows at every poll, with the generic
// webhook pointed at a loopback receiver; it is SIGKILLed at points drawn from a seeded PRNG,
// 24 times, restarted each time, then run once to the end. Afterwards the database must be
// intact, hold every change exactly once, and every alert must have reached the receiver, with
// duplicates only where a kill fell between a send and its `sent` mark.
//
// How the kills that "landed between send and mark" are counted (dispatch.ts: a batch is claimed
// — rows `sending`, attempts + 1 — in one committed transaction, sent, then marked `sent`):
// before each start the parent notes every alert's `attempts`; after the kill it reads the rows
// left `sending` whose attempts grew during that process's life (claimed by it, never marked).
// Batches go out one at a time, so that is at most one batch. The kill landed between send and
// mark exactly when the receiver got a delivery carrying one of those events during that life
// (received = sent; a kill before the request was complete leaves no delivery and no duplicate).
// The restarted process takes those rows back (the simulated clock moves 2 h per restart, past
// the 10-minute lease) and sends them again: that resend is the only duplicate a kill may cause.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import { tmpDir } from '../helpers/tmp.js';
import { createFaultServer, type FaultServer } from './fault-server.js';
import {
  MIT,
  PAGE_SELECT,
  T0,
  emptyState,
  labPageItem,
  labPost,
  labRelease,
  labRepo,
  routeApi,
  routeSite,
  type LabState,
} from './lab-world.js';
import { startWebhookSink, type WebhookSink } from './webhook-sink.js';
import { seeded as prng } from '../helpers/prng.js';

const CHILD = fileURLToPath(new URL('./crash-child.mjs', import.meta.url));
const SEED = 0x2026_0601;
const KILLS = 24;
const SECRET = 'crash-test-webhook-secret-0123456789';
const HOUR = 3_600_000;

let world: FaultServer;
let sink: WebhookSink;
let state: LabState;
let generations = 0;
/** The world grows while the processes are being killed, and holds still for the last run. */
let growing = true;
/** The kill plan; the receiver's delays draw from their own generator, so the plan stays the same. */
const rng = prng(SEED);
const delays = prng(SEED ^ 0xdead);

/** Generation g adds two Llama repos, a release, an "Introducing Llama Lab" post and a page story. */
function grow(s: LabState, g: number): void {
  s.hub.authors.get('crash-lab')!.push(labRepo('crash-lab', 'llama-lab', 2 * g + 1), labRepo('crash-lab', 'llama-lab', 2 * g + 2));
  s.gh.repos.get('crash-org/llama-tools')!.releases.push(labRelease('crash-org/llama-tools', g + 1));
  s.feeds.feeds.get('/crash/feed.xml')!.items.push(labPost(g + 1, `Introducing Llama Lab ${g + 1}`));
  s.pages.get('/crash/news')!.push(labPageItem(g + 1));
}

beforeAll(async () => {
  state = emptyState();
  state.hub.authors.set('crash-lab', [labRepo('crash-lab', 'llama-lab', 1), labRepo('crash-lab', 'llama-lab', 2)]);
  state.gh.repos.set('crash-org/llama-tools', { releases: [labRelease('crash-org/llama-tools', 1)], license: MIT });
  state.feeds.feeds.set('/crash/feed.xml', {
    shape: 'cdata',
    channel: { title: 'Crash Lab', link: 'https://lab.example/', description: 'Crash Lab', self: 'https://lab.example/feed/' },
    items: [labPost(1, 'Introducing Llama Lab 1')],
  });
  state.pages.set('/crash/news', [labPageItem(1)]);
  world = createFaultServer();
  await world.up();
  routeApi(world, () => state);
  routeSite(world, () => state);
  // Each poll of the Hub author (one per cycle) moves the world on: a changing world.
  world.fault = (req) => {
    const u = new URL(req.url, world.url);
    if (growing && u.pathname === '/api/models' && u.searchParams.get('author') === 'crash-lab') grow(state, ++generations);
    return null;
  };
  sink = await startWebhookSink({ secret: SECRET, delayMs: () => 10 + Math.floor(delays() * 40) });
});
afterAll(async () => {
  await Promise.all([world?.close(), sink?.close()]);
});

function writeFeeds(dir: string): void {
  fs.writeFileSync(
    path.join(dir, 'lab.yaml'),
    `vendor: Crash Lab
lines:
  open: { name: Llama, match: ["llama"] }
sources:
  - huggingface: crash-lab
  - github: crash-org/llama-tools
  - feed: ${world.url}/crash/feed.xml
    id: crash-feed
  - page: ${world.url}/crash/news
    id: crash-page
    select: { item: "${PAGE_SELECT.item}", title: "${PAGE_SELECT.title}", link: "${PAGE_SELECT.link}", date: "${PAGE_SELECT.date}" }
alerts:
  kinds:
    post.new: { alert: true }
    release.published: { alert: true }
`,
  );
}

interface AlertRow {
  id: number;
  event_id: number;
  status: string;
  attempts: number;
}

function withDb<T>(file: string, fn: (db: Db) => T): T {
  const db = openDb(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const alerts = (db: Db) => db.prepare('SELECT id, event_id, status, attempts FROM alerts ORDER BY id').all() as AlertRow[];

interface Kill {
  run: number;
  mode: 'timer' | 'at-send';
  cyclesDone: number;
  /** Events of the batch claimed by this process and left `sending`. */
  inFlight: number[];
  /** The receiver got that batch before the kill: a resend will follow. */
  landedBetweenSendAndMark: boolean;
}

function start(dbFile: string, feedsDir: string, atMs: number, cycles: number) {
  const child = spawn(process.execPath, [CHILD, dbFile, feedsDir, new Date(atMs).toISOString(), String(cycles)], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      HF_ENDPOINT: world.url,
      GITHUB_API_URL: world.url,
      MODELWATCH_WEBHOOK_URL: sink.url,
      MODELWATCH_WEBHOOK_SECRET: SECRET,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, out, exited };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

it(`survives ${KILLS} SIGKILLs at random points: intact, every change once, every alert delivered, duplicates only from kills between send and mark`, {
  timeout: 90_000,
}, async () => {
  const dir = tmpDir('modelwatch-crash-');
  const dbFile = path.join(dir, 'modelwatch.db');
  writeFeeds(dir);
  const kills: Kill[] = [];
  let clock = T0;
  const started = Date.now();

  for (let run = 0; run < KILLS; run++) {
    const attemptsBefore = new Map(fs.existsSync(dbFile) ? withDb(dbFile, (db) => alerts(db).map((a) => [a.id, a.attempts] as const)) : []);
    const deliveredBefore = sink.deliveries.length;
    const p = start(dbFile, dir, clock, 1000);
    // Half the kills at a random instant (start-up, polling, classifying, sending, marking...),
    // half just as the receiver gets the 1st or 2nd message of this process.
    const mode: Kill['mode'] = rng() < 0.5 ? 'at-send' : 'timer';
    const wait =
      mode === 'timer' ? sleep(100 + rng() * 1400) : Promise.race([sink.waitFor(deliveredBefore + 1 + Math.floor(rng() * 2)), sleep(3000)]);
    await Promise.race([wait, p.exited]);
    p.child.kill('SIGKILL');
    const [code, signal] = await p.exited;
    expect({ code, signal, stderr: p.out.stderr }).toMatchObject({ code: null, signal: 'SIGKILL', stderr: '' });

    const inFlight = withDb(dbFile, (db) => {
      expect(db.pragma('integrity_check', { simple: true }), `after kill ${run}`).toBe('ok');
      return alerts(db)
        .filter((a) => a.status === 'sending' && a.attempts > (attemptsBefore.get(a.id) ?? 0))
        .map((a) => a.event_id);
    });
    const receivedNow = new Set(sink.deliveries.slice(deliveredBefore).flatMap((d) => d.eventIds));
    kills.push({
      run,
      mode,
      cyclesDone: p.out.stdout.split('\n').filter(Boolean).length,
      inFlight,
      landedBetweenSendAndMark: inFlight.some((id) => receivedNow.has(id)),
    });
    clock += 2 * HOUR; // the next start comes after the in-flight lease (10 min) ran out
  }

  // One clean run to the end drains everything (and sees the world's last state).
  growing = false;
  const last = start(dbFile, dir, clock, 3);
  const [code] = await last.exited;
  expect({ code, stderr: last.out.stderr }).toEqual({ code: 0, stderr: '' });
  for (const line of last.out.stdout.trim().split('\n')) expect(JSON.parse(line).failed).toEqual([]);
  const elapsed = Date.now() - started;

  const db = openDb(dbFile);
  try {
    // 1. The file is intact.
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // 2. No event stored twice: unique dedup keys, and no two events describe the same change.
    const events = db
      .prepare('SELECT id, dedup_key, kind, model_id, source_id, baseline, summary, data_json FROM events ORDER BY id')
      .all() as {
      id: number;
      dedup_key: string;
      kind: string;
      model_id: string | null;
      source_id: string | null;
      baseline: number;
      summary: string;
      data_json: string;
    }[];
    expect(new Set(events.map((e) => e.dedup_key)).size).toBe(events.length);
    const change = (e: (typeof events)[number]) => {
      const d = JSON.parse(e.data_json) as Record<string, unknown>;
      if (e.kind === 'model.new') return `model.new ${e.model_id}`;
      if (e.kind === 'release.published') return `release ${String(d['repo'])} ${String(d['tag'])}`;
      if (e.kind === 'post.new') return `post ${e.source_id} ${String(d['key'])}`;
      if (e.kind === 'announcement') return `announcement ${e.model_id} ${String(d['link'])}`;
      return `${e.kind} ${e.model_id} ${e.summary}`;
    };
    const byChange = new Map<string, number>();
    for (const e of events) byChange.set(change(e), (byChange.get(change(e)) ?? 0) + 1);
    expect([...byChange].filter(([, n]) => n > 1)).toEqual([]);
    // ... and every change of the world is there, exactly once (baseline or not).
    const count = (kind: string) => events.filter((e) => e.kind === kind).length;
    expect(count('model.new')).toBe(state.hub.authors.get('crash-lab')!.length);
    expect(count('release.published')).toBe(state.gh.repos.get('crash-org/llama-tools')!.releases.length);
    expect(events.filter((e) => e.kind === 'post.new' && e.source_id === 'crash-feed')).toHaveLength(
      state.feeds.feeds.get('/crash/feed.xml')!.items.length,
    );
    expect(events.filter((e) => e.kind === 'post.new' && e.source_id === 'crash-page')).toHaveLength(
      state.pages.get('/crash/news')!.length,
    );
    expect(count('announcement')).toBe(state.feeds.feeds.get('/crash/feed.xml')!.items.length);
    // The world really moved while the processes were being killed (each grows it once per poll).
    expect(generations).toBeGreaterThanOrEqual(10);

    // 3. Every event that should alert has its alert, sent, and the receiver got it.
    const rows = alerts(db);
    const alerted = new Set(rows.map((a) => a.event_id));
    const shouldAlert = events.filter(
      (e) => !e.baseline && ['model.new', 'release.published', 'post.new', 'announcement'].includes(e.kind),
    );
    expect(shouldAlert.length).toBeGreaterThan(100);
    // One alert per launch (issue 11): a release's model.new/announcement events are represented by
    // the release's own alert (release.new, or release.surprise), not alerted one by one.
    const releaseOfModel = new Map(
      (db.prepare('SELECT id, release_id FROM models WHERE release_id IS NOT NULL').all() as { id: string; release_id: number }[]).map(
        (m) => [m.id, m.release_id],
      ),
    );
    const alertedReleases = new Set(
      events
        .filter((e) => (e.kind === 'release.new' || e.kind === 'release.surprise') && alerted.has(e.id))
        .map((e) => (JSON.parse(e.data_json) as { releaseId?: number }).releaseId),
    );
    const covered = (e: (typeof events)[number]) =>
      alerted.has(e.id) || (e.model_id !== null && alertedReleases.has(releaseOfModel.get(e.model_id)));
    expect(shouldAlert.filter((e) => !covered(e)).map((e) => e.dedup_key)).toEqual([]);
    expect(rows.filter((a) => a.status !== 'sent')).toEqual([]);
    expect(sink.unexpected).toEqual([]);
    expect(sink.deliveries.every((d) => d.signed)).toBe(true);
    const delivered = new Map<number, number>();
    for (const d of sink.deliveries) for (const id of d.eventIds) delivered.set(id, (delivered.get(id) ?? 0) + 1);
    expect(rows.filter((a) => !delivered.has(a.event_id)).map((a) => a.event_id)).toEqual([]);
    // Event ids in the bodies are the stored events (same kind and summary), nothing else.
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const d of sink.deliveries)
      for (const e of d.events)
        expect({ kind: byId.get(e.id)?.kind, summary: byId.get(e.id)?.summary }).toEqual({ kind: e.kind, summary: e.summary });
    expect([...delivered.keys()].filter((id) => !alerted.has(id))).toEqual([]);

    // 4. Duplicates: only resends of a batch a kill caught between send and mark.
    const landed = kills.filter((k) => k.landedBetweenSendAndMark);
    const seen = new Set<number>();
    let duplicateMessages = 0;
    for (const d of sink.deliveries) {
      if (d.eventIds.some((id) => seen.has(id))) duplicateMessages++;
      for (const id of d.eventIds) seen.add(id);
    }
    expect(duplicateMessages).toBeLessThanOrEqual(landed.length);
    for (const [id, n] of delivered) {
      const caught = landed.filter((k) => k.inFlight.includes(id)).length;
      expect(n - 1, `event ${id} delivered ${n} times, caught in flight ${caught} times`).toBeLessThanOrEqual(caught);
    }
    // The plan really exercised the dangerous window, and the kills really were kills.
    expect(kills).toHaveLength(KILLS);
    expect(landed.length).toBeGreaterThanOrEqual(3);
    expect(duplicateMessages).toBeGreaterThanOrEqual(1);

    // 5. Every model ended up classified (a kill between storing a poll and classifying it must
    // not leave a model without a level decision for ever).
    const unclassified = db.prepare('SELECT id FROM models WHERE id NOT IN (SELECT model_id FROM classifications)').all();
    expect(unclassified).toEqual([]);

    console.log(
      `crash: ${kills.length} kills (${kills.filter((k) => k.mode === 'at-send').length} at a send, ${kills.filter((k) => k.mode === 'timer').length} on a timer; ` +
        `cycles finished per life ${kills.map((k) => k.cyclesDone).join(',')}), ${landed.length} between send and mark, ` +
        `${duplicateMessages} duplicate messages of ${sink.deliveries.length}, ${generations} world changes, ${rows.length} alerts, ${events.length} events, ${elapsed} ms`,
    );
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
