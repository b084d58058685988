// memory — RSS of a long-running modelwatch on a world of 1,000 sources (lib/world.ts, served by
// a child process), every source configured with `interval: 2s`:
//   A. `node bin/modelwatch.js run` (the service as shipped) as a child process for 100 of its
//      cycles (one `cycle done` log line each); VmRSS from /proc/<pid>/status after each cycle,
//      VmHWM (the peak) before it is stopped with SIGTERM.
//   B. the same pipeline in rounds: a child process that runs `runCycle` over all 1,000 sources
//      100 times (as `run` would if it could keep up with the intervals), VmRSS after each round.
// Growth is judged from cycle (round) 50 to 100, after the first polls have filled the database
// and the service has reached its steady state (issue #13: under 5 %).
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_MAX_IN_FLIGHT } from '../src/config/defaults.js';
import { BIN, ROOT, makeTemp, rmTemp } from './lib/paths.js';
import { printTable, target, writeSection } from './lib/results.js';
import { round } from './lib/stats.js';
import { startWorld, writeFeeds } from './lib/world-client.js';
import { MEMORY_SPEC } from './lib/world.js';

const CYCLES = 100;
/** Growth is judged between these cycles (rounds). */
const FROM = 50;
const TO = 100;
const RUN_BOUND_MS = 900_000;
const ROUNDS_BOUND_MS = 400_000;
const TARGET_PEAK_MB = 150;
/** "Flat": RSS at cycle TO within this much of cycle FROM. */
const FLAT_TOLERANCE = 0.05;

interface Sample {
  n: number;
  rssMb: number;
  at: number;
  detail: Record<string, unknown>;
}

function status(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

function growth(samples: Sample[]): { from: number; to: number; mb: number; share: number } | null {
  const a = samples.find((s) => s.n === FROM);
  const b = samples.find((s) => s.n === TO);
  if (!a || !b) return null;
  return { from: a.rssMb, to: b.rssMb, mb: b.rssMb - a.rssMb, share: (b.rssMb - a.rssMb) / a.rssMb };
}

interface RunResult {
  samples: Sample[];
  peakMb: number;
  sourcesPolled: number;
  polls: number;
  events: number;
  exitCode: number | null;
  stopMs: number;
  error?: string;
  seconds: number;
  /** RSS once started, before its first poll (A only). */
  startMb?: number | null;
}

/** A: the service as shipped. */
async function serviceRun(env: NodeJS.ProcessEnv): Promise<RunResult> {
  const child = spawn(process.execPath, [BIN, 'run'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid!;
  const samples: Sample[] = [];
  const polled = new Set<string>();
  let polls = 0;
  let events = 0;
  let stderr = '';
  let buf = '';
  const t0 = Date.now();
  let peakMb = 0;
  let startMb: number | null = null;
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, RUN_BOUND_MS);
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        let rec: Record<string, unknown>;
        try {
          rec = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue;
        }
        if (rec['msg'] === 'modelwatch running' && startMb === null) startMb = status(pid)?.rssMb ?? null;
        if (rec['msg'] === 'poll ok' || rec['msg'] === 'poll failed') {
          polls++;
          polled.add(String(rec['source']));
        } else if (rec['msg'] === 'cycle done') {
          events += Number(rec['events'] ?? 0);
          const st = status(pid);
          if (st) {
            peakMb = Math.max(peakMb, st.hwmMb);
            samples.push({
              n: samples.length + 1,
              rssMb: st.rssMb,
              at: Date.now() - t0,
              detail: { sources: rec['sources'], events: rec['events'], ms: rec['ms'] },
            });
          }
          if (samples.length >= CYCLES) {
            clearTimeout(timer);
            resolve();
          }
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  await done;
  const seconds = (Date.now() - t0) / 1000;
  const last = status(pid);
  if (last) peakMb = Math.max(peakMb, last.hwmMb);
  const t1 = Date.now();
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const exitCode = await exited;
  clearTimeout(kill);
  const error =
    samples.length === 0
      ? `modelwatch run exited with ${exitCode} before its first cycle: ${stderr.trim().split('\n').slice(0, 2).join(' ') || '(no message)'}`
      : undefined;
  return {
    samples,
    peakMb,
    startMb,
    sourcesPolled: polled.size,
    polls,
    events,
    exitCode,
    stopMs: Date.now() - t1,
    seconds,
    ...(error && { error }),
  };
}

/** B: the pipeline in rounds, in a child process of its own. */
async function roundsRun(args: { world: string; feeds: string; db: string }): Promise<RunResult> {
  const file = fileURLToPath(import.meta.url);
  const child = fork(file, ['--rounds', JSON.stringify(args)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pid = child.pid!;
  const samples: Sample[] = [];
  let peakMb = 0;
  let events = 0;
  const t0 = Date.now();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, ROUNDS_BOUND_MS);
    child.on('message', (m: { round: number; events: number; ms: number; failed: number; heapMb: number; externalMb: number }) => {
      const st = status(pid);
      events += m.events;
      if (st) {
        peakMb = Math.max(peakMb, st.hwmMb);
        samples.push({
          n: m.round,
          rssMb: st.rssMb,
          at: Date.now() - t0,
          detail: { events: m.events, ms: m.ms, failed: m.failed, heapMb: m.heapMb, externalMb: m.externalMb },
        });
      }
      child.send('next');
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    samples,
    peakMb,
    sourcesPolled: MEMORY_SPEC.hfAuthors + MEMORY_SPEC.ghRepos + MEMORY_SPEC.feeds + MEMORY_SPEC.pages,
    polls: samples.length * 1000,
    events,
    exitCode: child.exitCode,
    stopMs: 0,
    seconds: (Date.now() - t0) / 1000,
  };
}

/** The rounds child: the real runtime, `runCycle` over every source, CYCLES times. */
async function roundsChild(arg: string): Promise<void> {
  const { world, feeds, db: dbFile } = JSON.parse(arg) as { world: string; feeds: string; db: string };
  const { loadConfig } = await import('../src/config/index.js');
  const { openDb } = await import('../src/store/db.js');
  const { createRuntime } = await import('../src/jobs/runtime.js');
  const { runCycle, selectSources } = await import('../src/jobs/cycle.js');
  const { silentLogger } = await import('../src/log.js');
  const config = loadConfig({ env: { HF_ENDPOINT: world, GITHUB_API_URL: world }, feeds, db: dbFile });
  const db = openDb(config.dbPath);
  const rt = createRuntime({ db, config, log: silentLogger, noDispatch: true });
  const targets = selectSources(config.vendors, {});
  for (let round = 1; round <= CYCLES; round++) {
    const t0 = Date.now();
    const r = await runCycle(rt, targets);
    const next = new Promise<void>((resolve) => process.once('message', () => resolve()));
    const mem = process.memoryUsage();
    process.send!({
      round,
      events: r.events.length,
      ms: Date.now() - t0,
      failed: r.sources.filter((s) => !s.ok).length,
      heapMb: mem.heapUsed / 2 ** 20,
      externalMb: (mem.external + mem.arrayBuffers) / 2 ** 20,
    });
    await next;
  }
  rt.close();
  db.close();
  process.disconnect();
}

export async function run(): Promise<void> {
  const spec = MEMORY_SPEC;
  const world = await startWorld(spec);
  const tmp = makeTemp('memory');
  try {
    const feeds = path.join(tmp, 'feeds');
    const { sources } = writeFeeds(feeds, spec, world.url, '2s');
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      MODELWATCH_DB: path.join(tmp, 'run.db'),
      MODELWATCH_FEEDS: feeds,
      HF_ENDPOINT: world.url,
      GITHUB_API_URL: world.url,
    };
    const a = await serviceRun(env);
    const b = await roundsRun({ world: world.url, feeds, db: path.join(tmp, 'rounds.db') });
    const ga = growth(a.samples);
    const gb = growth(b.samples);
    const series = (s: Sample[]) => s.map((x) => round(x.rssMb, 0)).join(' → ');
    const rate = a.seconds ? a.polls / a.seconds : 0;
    const notes = [
      `world: ${sources} sources (${spec.hfAuthors} HF authors × ${spec.reposPerAuthor} repos, ${spec.ghRepos} GitHub repos, ${spec.feeds} feeds, ${spec.pages} pages), every one with interval: 2s; served by ${world.replayModule} in another process`,
      a.error
        ? `A: ${a.error}`
        : `A (modelwatch run): ${a.samples.length} cycles in ${round(a.seconds, 0)} s polled ${a.polls} times ${a.sourcesPolled} distinct sources (${round(rate, 2)} sources/s), ${a.events} events; RSS once started ${a.startMb ? round(a.startMb, 0) : '?'} MB, per cycle (MB): ${series(a.samples)}; SIGTERM → exit ${a.exitCode} in ${round(a.stopMs / 1000, 1)} s`,
      ...(a.error
        ? []
        : [
            `A: each 5 s tick hands the due sources to a cycle, at most ${SERVICE_MAX_IN_FLIGHT} in flight across overlapping cycles (SERVICE_MAX_IN_FLIGHT): the ${a.samples.length} cycles covered ${a.sourcesPolled} of ${sources} sources (${a.samples.map((s) => String(s.detail['sources'])).join(', ')} per cycle)`,
          ]),
      `B (runCycle rounds over all ${sources} sources, real runtime, --no-dispatch): ${b.samples.length} rounds in ${round(b.seconds, 0)} s (${b.samples.map((s) => round(Number(s.detail['ms']) / 1000, 1)).join(', ')} s each); RSS per round (MB): ${series(b.samples)}; V8 heap used after each round (MB): ${b.samples.map((x) => round(Number(x.detail['heapMb']), 0)).join(' → ')}`,
    ];
    const fmtGrowth = (g: ReturnType<typeof growth>) =>
      g ? `${g.mb >= 0 ? '+' : ''}${round(g.mb, 1)} MB (${round(100 * g.share, 1)} %)` : '-';
    printTable(
      'memory — RSS of a long-running modelwatch with 1,000 sources',
      ['run', 'cycles', 'peak RSS MB', `RSS @${FROM} MB`, `RSS @${TO} MB`, `growth ${FROM}→${TO}`, 'sources polled', 'seconds'],
      [
        [
          'A: modelwatch run (service cycles)',
          a.samples.length,
          round(a.peakMb, 1),
          ga ? round(ga.from, 1) : null,
          ga ? round(ga.to, 1) : null,
          fmtGrowth(ga),
          a.sourcesPolled,
          round(a.seconds, 0),
        ],
        [
          'B: runCycle rounds (all sources)',
          b.samples.length,
          round(b.peakMb, 1),
          gb ? round(gb.from, 1) : null,
          gb ? round(gb.to, 1) : null,
          fmtGrowth(gb),
          b.samples.length ? sources : 0,
          round(b.seconds, 0),
        ],
      ],
      notes,
    );
    const flat = (g: ReturnType<typeof growth>) => g !== null && g.share < FLAT_TOLERANCE;
    writeSection('memory', {
      figures: {
        sources,
        peakRssMb: round(a.peakMb, 1),
        rssCycle50Mb: ga ? round(ga.from, 1) : null,
        rssCycle100Mb: ga ? round(ga.to, 1) : null,
        growth50to100Mb: ga ? round(ga.mb, 1) : null,
        growth50to100Share: ga ? round(ga.share, 4) : null,
        cycles: a.samples.length,
        sourcesPolled: a.sourcesPolled,
        polls: a.polls,
        sourcesPerSecond: round(rate, 3),
        rssPerCycleMb: a.samples.map((s) => round(s.rssMb, 1)),
        rssAtStartMb: a.startMb ? round(a.startMb, 1) : null,
        runError: a.error ?? null,
        exitCodeAfterSigterm: a.exitCode,
        rounds: {
          peakRssMb: round(b.peakMb, 1),
          rssRound50Mb: gb ? round(gb.from, 1) : null,
          rssRound100Mb: gb ? round(gb.to, 1) : null,
          growth50to100Mb: gb ? round(gb.mb, 1) : null,
          growth50to100Share: gb ? round(gb.share, 4) : null,
          rssPerRoundMb: b.samples.map((s) => round(s.rssMb, 1)),
          heapUsedPerRoundMb: b.samples.map((s) => round(Number(s.detail['heapMb']), 1)),
          secondsPerRound: b.samples.map((s) => round(Number(s.detail['ms']) / 1000, 2)),
        },
      },
      units: {
        sources: 'sources configured',
        peakRssMb: 'MB (VmHWM of `modelwatch run`)',
        rssCycle50Mb: 'MB (VmRSS after service cycle 50)',
        rssCycle100Mb: 'MB (VmRSS after service cycle 100)',
        growth50to100Mb: 'MB',
        growth50to100Share: 'fraction of the cycle-50 RSS',
        cycles: 'service cycles (`cycle done` log lines)',
        sourcesPolled: 'distinct sources polled',
        polls: 'source polls',
        sourcesPerSecond: 'source polls per second',
        rssPerCycleMb: 'MB',
        rssAtStartMb: 'MB (VmRSS at the "modelwatch running" log line)',
        'rounds.*': 'MB / s, for runCycle rounds over all sources in one process',
      },
      notes,
      targets: Object.fromEntries([
        target(
          'peakRssMb',
          `< ${TARGET_PEAK_MB} MB`,
          a.error ? a.error : `${round(a.peakMb, 1)} MB (rounds over all sources: ${round(b.peakMb, 1)} MB)`,
          !a.error && a.peakMb < TARGET_PEAK_MB,
        ),
        target('growth50to100', `< ${FLAT_TOLERANCE * 100} %`, `${fmtGrowth(ga)} (rounds: ${fmtGrowth(gb)})`, flat(ga)),
      ]),
    });
  } finally {
    await world.close();
    rmTemp(tmp);
  }
}

if (process.argv[2] === '--rounds') await roundsChild(process.argv[3]!);
