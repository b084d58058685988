// `modelwatch run` end to end, as a child process (the built CLI) against the spring-2026 replay
// world with 2-second source intervals: the baseline poll, then a change in the world (Gemma 4
// appears) that reaches a signed webhook within one interval plus the scheduler's reaction time,
// then SIGTERM → exit 0 and a database that passes `PRAGMA integrity_check`.
//
// The reaction time: the service looks for due sources on a 5-second tick and starts at most
// 4 sources per tick (src/service/poller.ts, maxInFlight); with the world's 7 sources all due
// every tick, a source may wait one more tick for a slot. So the bound is one interval + two
// ticks (+ slack for a loaded machine), not the interval alone.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/notify/webhook.js';
import { startSpring2026World, type Spring2026World } from '../../demo/world/spring-2026.js';
import { openDb } from '../../src/store/db.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { startReceiver, type Receiver } from '../helpers/receiver.js';
import { tmpDir } from '../helpers/tmp.js';

const INTERVAL_MS = 2_000;
/** The service looks for due sources on a fixed tick (src/service/scheduler.ts, every 5 s). */
const TICK_MS = 5_000;
const WITHIN_MS = INTERVAL_MS + 2 * TICK_MS + 3_000;
const SECRET = 'spring-2026-webhook-secret';

interface LogLine {
  msg: string;
  source?: string;
  [k: string]: unknown;
}

function until<T>(what: string, ms: number, check: () => T | undefined | false): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      let v: T | undefined | false;
      try {
        v = check();
      } catch (err) {
        clearInterval(timer);
        reject(err as Error);
        return;
      }
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

describe('modelwatch run against the replay world', () => {
  let world: Spring2026World;
  let receiver: Receiver;
  let child: ChildProcess | undefined;
  let dbFile: string;
  const logs: LogLine[] = [];
  let stderr = '';
  let exit: Promise<number | null>;

  beforeAll(async () => {
    world = await startSpring2026World({ interval: '2s' });
    receiver = await startReceiver('/hooks/modelwatch');
    dbFile = path.join(tmpDir('modelwatch-run-'), 'modelwatch.db');
    child = spawn(process.execPath, [BIN, 'run'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        MODELWATCH_DB: dbFile,
        MODELWATCH_FEEDS: world.feedsDir,
        ...world.env,
        MODELWATCH_WEBHOOK_URL: receiver.url,
        MODELWATCH_WEBHOOK_SECRET: SECRET,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) if (l.trim()) logs.push(JSON.parse(l) as LogLine);
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    exit = new Promise((resolve) => child!.on('exit', (code) => resolve(code)));
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await receiver?.close();
    await world?.close();
  });

  it('records the baseline, alerts a change within one interval, and stops cleanly on SIGTERM', async () => {
    const sources = [
      'hf:google',
      'google-ai-blog',
      'hf:meta-llama',
      'meta-newsroom',
      'hf:microsoft',
      'gh:microsoft/PhiCookBook',
      'microsoft-ai-news',
    ];
    const polled = () => new Set(logs.filter((l) => l.msg === 'poll ok').map((l) => l.source));
    await until(`the baseline poll of every source (stderr: ${stderr})`, 30_000, () => sources.every((s) => polled().has(s)));
    expect(logs.filter((l) => l.msg === 'poll failed')).toEqual([]);
    const gemma = (r: { body: string }) => r.body.includes('google/gemma-4-27b-it');
    expect(receiver.requests.some(gemma)).toBe(false);

    world.goto(2);
    const changedAt = Date.now();
    const hook = await until('the Gemma 4 alert at the webhook', WITHIN_MS + 5_000, () => receiver.requests.find(gemma));
    // Due again one interval after its last poll, picked up at a tick with a free slot, dispatched.
    expect(Date.now() - changedAt).toBeLessThan(WITHIN_MS);
    expect(hook.method).toBe('POST');
    const ts = String(hook.headers['x-modelwatch-timestamp']);
    expect(verifySignature(SECRET, ts, hook.body, String(hook.headers['x-modelwatch-signature']), new Date())).toBe(true);
    // One alert for the launch (issue 11): the release, its repo as the main artefact.
    expect(JSON.parse(hook.body)).toMatchObject({
      events: expect.arrayContaining([expect.objectContaining({ kind: 'release.new', modelId: 'google/gemma-4-27b-it' })]),
    });

    child!.kill('SIGTERM');
    const code = await Promise.race([exit, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
    expect(code, stderr).toBe(0);
    expect(logs.map((l) => l.msg)).toContain('stopped');
    const db = openDb(dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = db
        .prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'model.new' AND model_id = 'google/gemma-4-27b-it' AND baseline = 0")
        .get() as { n: number };
      expect(n.n).toBe(1);
    } finally {
      db.close();
    }
    receiver.assertClean();
    world.server.assertClean();
  }, 90_000);
});
