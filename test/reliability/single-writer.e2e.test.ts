// One writer per database, and the service's health, through the built CLI (issue #13, findings
// 4, 5, 8, 10, 7 at the CLI): a second `modelwatch run` started while the first has a batch in
// flight is refused (it used to take the batch back at its start and send it again); `poll` and
// `dispatch` are refused too; two `digest --send` at once send one digest per channel; the
// database folder deleted under a running service stops it with exit 1; /healthz is 503 while
// every source fails; a YAML alias bomb or a catastrophic regex in a vendor file exits 2 naming
// the file. Every wait is bounded; nothing sleeps for a fixed time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSpring2026World, type Spring2026World } from '../../demo/world/spring-2026.js';
import { openDb } from '../../src/store/db.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const SECRET = 'single-writer-webhook-secret';

interface Hook {
  method: string;
  url: string;
  body: string;
}

/** A receiver for the webhook and Slack paths that can hold requests until released. */
async function startHooks() {
  const received: Hook[] = [];
  const held: (() => void)[] = [];
  let holding = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      const answer = () => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      if (holding) {
        holding = false; // hold one request only
        held.push(answer);
      } else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    webhook: `${base}/hooks/modelwatch`,
    slack: `${base}/services/T0/B0/s3cret`,
    received,
    holdNext: () => void (holding = true),
    held: () => held.length,
    releaseAll: () => held.splice(0).forEach((a) => a()),
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

interface Proc {
  child: ChildProcess;
  logs: { msg: string; [k: string]: unknown }[];
  stderr: () => string;
  exit: Promise<number | null>;
}

function start(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Proc['logs'] = [];
  let buf = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const l of lines) {
      try {
        if (l.trim().startsWith('{')) logs.push(JSON.parse(l));
      } catch {
        // not a log line (a command's pretty-printed --json output)
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  running.push(child);
  return { child, logs, stderr: () => err, exit };
}

function until<T>(what: string, ms: number, check: () => T | undefined | false | null): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const v = check();
      if (v) {
        clearInterval(timer);
        resolve(v);
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }
    }, 50);
  });
}

async function exited(p: Proc, ms = 30_000): Promise<number | null> {
  return Promise.race([
    p.exit,
    new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`process did not exit: ${p.stderr()}`)), ms)),
  ]);
}

const running: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of running.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const c of cleanups.splice(0)) await c();
});

const SOURCES = [
  'hf:google',
  'google-ai-blog',
  'hf:meta-llama',
  'meta-newsroom',
  'hf:microsoft',
  'gh:microsoft/PhiCookBook',
  'microsoft-ai-news',
];

describe('one writer per database', () => {
  let world: Spring2026World;
  afterAll(async () => world?.close());

  it('a second run (and poll, dispatch) is refused while the first has a batch in flight; every alert reaches the webhook once', async () => {
    world = await startSpring2026World({ interval: '2s' });
    const hooks = await startHooks();
    cleanups.push(hooks.close);
    const dbFile = path.join(tmpDir('modelwatch-writer-'), 'modelwatch.db');
    const env = {
      MODELWATCH_DB: dbFile,
      MODELWATCH_FEEDS: world.feedsDir,
      ...world.env,
      MODELWATCH_WEBHOOK_URL: hooks.webhook,
      MODELWATCH_WEBHOOK_SECRET: SECRET,
    };
    const a = start(['run'], env);
    const polled = () => new Set(a.logs.filter((l) => l.msg === 'poll ok').map((l) => l.source));
    await until(`the baseline of every source (${a.stderr()})`, 40_000, () => SOURCES.every((s) => polled().has(s)));

    // A change in the world; its batch is held at the receiver: in flight, rows `sending`.
    hooks.holdNext();
    world.goto(2);
    await until('a batch in flight', 40_000, () => hooks.held() === 1);

    const b = start(['run'], env);
    expect(await exited(b), b.stderr()).toBe(1);
    expect(b.stderr()).toContain(`\`modelwatch run\` (pid ${a.child.pid} on host`);
    expect(b.stderr()).toContain('is using this database; stop it first');
    for (const cmd of ['poll', 'dispatch']) {
      const r = await runCli([cmd], { env });
      expect(r.code, `${cmd}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toContain(`\`modelwatch run\` (pid ${a.child.pid} on host`);
    }

    hooks.releaseAll();
    const open = () => {
      const db = openDb(dbFile, { readonly: true });
      try {
        return db.prepare(`SELECT COUNT(*) AS n FROM alerts WHERE status IN ('pending', 'sending')`).get() as { n: number };
      } finally {
        db.close();
      }
    };
    await until('every alert delivered', 40_000, () => open().n === 0 && hooks.received.length > 0);
    a.child.kill('SIGTERM');
    expect(await exited(a), a.stderr()).toBe(0);

    // A restart takes over the lease (the first released it) and sends nothing again.
    const c = start(['run'], env);
    await until('a cycle of the restarted service', 40_000, () => c.logs.some((l) => l.msg === 'cycle done'));
    c.child.kill('SIGTERM');
    expect(await exited(c), c.stderr()).toBe(0);

    const ids = hooks.received.flatMap((h) => (JSON.parse(h.body) as { events: { id: number }[] }).events.map((e) => e.id));
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length); // exactly once each
    const db = openDb(dbFile, { readonly: true });
    const sent = (
      db.prepare(`SELECT event_id FROM alerts WHERE channel = 'webhook' AND status = 'sent' ORDER BY event_id`).all() as {
        event_id: number;
      }[]
    ).map((r) => r.event_id);
    db.close();
    expect([...ids].sort((x, y) => x - y)).toEqual(sent);
  });

  it('two `digest --send` at once: one digest per channel', async () => {
    const hooks = await startHooks();
    cleanups.push(hooks.close);
    const dbFile = path.join(tmpDir('modelwatch-digest-'), 'modelwatch.db');
    const feeds = tmpDir('modelwatch-digest-feeds-');
    const env = {
      MODELWATCH_DB: dbFile,
      MODELWATCH_FEEDS: feeds,
      MODELWATCH_WEBHOOK_URL: hooks.webhook,
      MODELWATCH_WEBHOOK_SECRET: SECRET,
      SLACK_WEBHOOK_URL: hooks.slack,
      MODELWATCH_DIGEST_SEND_EMPTY: '1',
    };
    expect((await runCli(['migrate'], { env })).code).toBe(0);
    hooks.holdNext(); // the first sender's first message stays in flight
    const first = start(['digest', '--send', '--json'], env);
    await until('the first digest in flight', 30_000, () => hooks.held() === 1);
    const second = await runCli(['digest', '--send', '--json'], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'in-progress', sentTo: [] });
    hooks.releaseAll();
    expect(await exited(first), first.stderr()).toBe(0);
    const third = await runCli(['digest', '--send', '--json'], { env });
    expect(JSON.parse(third.stdout)).toMatchObject({ status: 'already-sent' });
    const perPath = hooks.received.reduce<Record<string, number>>((m, h) => ((m[h.url] = (m[h.url] ?? 0) + 1), m), {});
    expect(perPath).toEqual({ '/hooks/modelwatch': 1, '/services/T0/B0/s3cret': 1 });
  });
});

describe('the service tells the truth about its storage and sources', () => {
  it('the database folder deleted under a running service: exit 1 with a clear log line, no more writes', async () => {
    const dir = tmpDir('modelwatch-vanish-');
    const dbFile = path.join(dir, 'db', 'modelwatch.db');
    const feeds = tmpDir('modelwatch-vanish-feeds-');
    const p = start(['run'], { MODELWATCH_DB: dbFile, MODELWATCH_FEEDS: feeds });
    await until(`the service running (${p.stderr()})`, 30_000, () => p.logs.some((l) => l.msg === 'modelwatch running'));
    fs.rmSync(path.join(dir, 'db'), { recursive: true, force: true });
    expect(await exited(p, 20_000)).toBe(1);
    expect(p.logs.some((l) => l.level === 'error' && /the database file .* has disappeared; stopping/.test(l.msg))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'db'))).toBe(false);
  });

  it('/healthz is 503 while every source fails, and /metrics says so', async () => {
    const down = http.createServer((_q, res) => res.writeHead(500).end('down'));
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => (down.closeAllConnections(), down.close(() => r()))));
    const feeds = tmpDir('modelwatch-health-feeds-');
    fs.writeFileSync(
      path.join(feeds, 'lab.yaml'),
      `vendor: Lab\nlines: {}\nsources:\n  - feed: http://127.0.0.1:${(down.address() as AddressInfo).port}/feed.xml\n    id: lab-feed\n`,
    );
    const p = start(['run'], { MODELWATCH_DB: path.join(tmpDir(), 'mw.db'), MODELWATCH_FEEDS: feeds, MODELWATCH_HTTP_PORT: '0' });
    const listening = await until('the endpoint', 30_000, () => p.logs.find((l) => l.msg === 'http endpoint listening'));
    await until('a failed poll', 60_000, () => p.logs.some((l) => l.msg === 'poll failed'));
    const res = await fetch(`${String(listening.url)}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; reason: string; database: string };
    expect(body.status).toBe('unavailable');
    expect(body.database).toBe('ok');
    expect(body.reason).toContain('sources: all 1 failing');
    const metrics = await (await fetch(`${String(listening.url)}/metrics`)).text();
    expect(metrics).toContain('modelwatch_healthy 0');
    p.child.kill('SIGTERM');
    expect(await exited(p)).toBe(0);
  });
});

describe('bad vendor files at the CLI', () => {
  it('a YAML alias bomb exits 2 naming the file, line and column', async () => {
    const feeds = tmpDir('modelwatch-bomb-');
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
      .concat(
        Array.from(
          { length: 8 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
              .fill('*' + String.fromCharCode(97 + i))
              .join(',')}]`,
        ),
      )
      .join('\n');
    fs.writeFileSync(path.join(feeds, 'bomb.yaml'), `vendor: Bomb\nlines: {}\nsources: []\n${bomb}\n`);
    const r = await runCli(['poll'], { env: { MODELWATCH_DB: path.join(tmpDir(), 'mw.db'), MODELWATCH_FEEDS: feeds } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${path.join(feeds, 'bomb.yaml')}:5:8: YAML: Excessive alias count`);
  });

  it('a catastrophic include pattern exits 2 naming the file and path', async () => {
    const feeds = tmpDir('modelwatch-redos-');
    fs.writeFileSync(
      path.join(feeds, 'evil.yaml'),
      'vendor: Evil\nlines: {}\nsources:\n  - feed: https://example.com/rss.xml\n    include: ["(a+)+$(?!x)"]\n',
    );
    const r = await runCli(['poll'], { env: { MODELWATCH_DB: path.join(tmpDir(), 'mw.db'), MODELWATCH_FEEDS: feeds } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${path.join(feeds, 'evil.yaml')}:5: sources[0].include[0]: regular expression refused`);
  });
});
