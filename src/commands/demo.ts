// `modelwatch demo`: the replay world of spring 2026 (demo/world/spring-2026.ts) on loopback, and
// the real pipeline run through it cycle by cycle into a temporary database: the alerts as they
// fire (console channel), the gap per vendor at the end, and the weekly digest as an HTML file.
// No network (every source points at 127.0.0.1), a few seconds. The folder it names keeps the
// database, the generated feeds/ and the digest, to explore with the other commands.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GlobalOptions, Io } from './io.js';
import { loadConfig, type Config } from '../config/index.js';
import { RuntimeError } from '../errors.js';
import type { GapMetrics, ReleaseRef } from '../gap/types.js';
import { createLogger } from '../log.js';
import { kindEntry, type StoredEvent } from '../events/index.js';
import { openDb } from '../store/db.js';
import { scoresFor } from '../store/scores.js';
import { formatTable, widthOf } from './output.js';

const DAY = (iso: string) => iso.slice(0, 10);

export default async function run(_args: unknown[], opts: GlobalOptions, io: Io): Promise<number> {
  const { missingDemoRecordings, RECORDINGS_DIR, startSpring2026World } = await loadDemoWorld();
  // Fails at once, before anything listens, when a recording the demo needs is missing.
  const missing = missingDemoRecordings();
  if (missing.length) {
    throw new RuntimeError(
      `demo: missing ${missing.length} recorded response(s) under ${RECORDINGS_DIR}: ${missing.join(', ')}; ` +
        'the modelwatch package ships them in demo/recordings/ (reinstall it)',
    );
  }
  const { createRuntime } = await import('../jobs/runtime.js');
  const { runCycle, selectSources } = await import('../jobs/cycle.js');
  const { computeGap } = await import('../jobs/gap.js');
  const say = (s = '') => io.stdout.write(`${s}\n`);

  const world = await startSpring2026World().catch((err: Error) => {
    throw new RuntimeError(err.message, { cause: err });
  });
  let db: ReturnType<typeof openDb> | undefined;
  let rt: ReturnType<typeof createRuntime> | undefined;
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modelwatch-demo-'));
    const feedsDir = path.join(dir, 'feeds');
    fs.cpSync(world.feedsDir, feedsDir, { recursive: true });
    const dbFile = path.join(dir, 'modelwatch.db');
    // Only the world's endpoints: no token, no channel but the console, nothing from the shell.
    const config = loadConfig({ env: { ...world.env }, feeds: feedsDir, db: dbFile });
    const store = openDb(dbFile);
    db = store;
    const tidy = (s: string) => s.replaceAll(world.url, '<replay>');
    const out = { write: (s: string) => io.stdout.write(tidy(s).replace(/^(?=.)/gm, '  alert  ')) };
    let clock = world.now(1);
    const log = createLogger({ stream: io.stderr, level: opts.verbose ? 'debug' : 'warn' });
    const runtime = createRuntime({ db: store, config, log, now: () => clock, random: () => 0.5, out });
    rt = runtime;
    say('modelwatch demo: spring 2026 replayed on loopback, through the real pipeline (no network)');
    say(`  world     ${world.url}  (shown as <replay>)`);
    say(`  folder    ${dir}  (database, feeds/, digest)`);
    say(
      '  legend    world = what changed in the world · alert = sent (console channel) · note = recorded, not alerted by default · score = stored',
    );
    const targets = selectSources(config.vendors, {});
    for (let step = 1; step <= world.steps; step++) {
      world.goto(step);
      clock = world.now(step);
      const info = world.info(step);
      say();
      say(`Step ${step}/${world.steps} · ${DAY(info.at)} · ${info.title}`);
      for (const c of info.changes) say(`  world  ${c}`);
      const scoreKey = (x: ReturnType<typeof scoresFor>[number]) => JSON.stringify(x);
      const scoresBefore = new Set(scoresFor(store).map(scoreKey));
      const result = await runCycle(runtime, targets);
      for (const s of result.sources.filter((o) => !o.ok)) say(`  error  ${s.sourceId}: ${tidy(runtime.redact(s.error ?? ''))}`);
      for (const e of quietGapMoves(result.events, runtime.route)) say(`  note   ${e.summary} (${e.kind}; not an alert by default)`);
      for (const s of scoresFor(store).filter((x) => !scoresBefore.has(scoreKey(x))))
        say(`  score  ${s.modelId}: ${s.benchmark} ${s.score} (${s.sourceKind}, ${s.sourceUrl ?? 'no source'})`);
      say(`  ${cycleLine(result)}`);
    }
    const asOf = clock.toISOString();
    say();
    say(`Gap as of ${asOf.slice(0, 16).replace('T', ' ')} UTC`);
    const gaps = config.vendors.filter((v) => v.lines.open || v.lines.proprietary).map((v) => computeGap(store, v, asOf));
    io.stdout.write(indent(gapTable(gaps, widthOf(io) - 2)));
    say();
    say(await writeDigest(store, config, clock, dir));
    say(`Explore it:  modelwatch --db ${dbFile} --feeds ${feedsDir} releases   (or: model meta/muse-spark, events, changes)`);
    world.server.assertClean();
    return 0;
  } catch (err) {
    if (world.server.unexpected.length) throw new RuntimeError(`demo: ${(err as Error).message}`, { cause: err });
    throw err;
  } finally {
    rt?.close();
    db?.close();
    await world.close();
  }
}

/**
 * What the demo reads of the demo world (demo/world/index.ts; test/commands/demo-world.test.ts
 * checks the world has this shape). Declared here rather than imported: the world is compiled on
 * its own (tsconfig.demo.json), outside the product's build.
 */
export interface DemoWorldModule {
  RECORDINGS_DIR: string;
  missingDemoRecordings(): string[];
  startSpring2026World(): Promise<{
    url: string;
    feedsDir: string;
    env: { HF_ENDPOINT: string; GITHUB_API_URL: string };
    steps: number;
    goto(step: number): void;
    now(step: number): Date;
    info(step: number): { at: string; title: string; changes: string[] };
    server: { unexpected: unknown[]; assertClean(): void };
    close(): Promise<void>;
  }>;
}

/**
 * The demo world lives outside src/ (demo/world/, shipped in the package's demo/ folder). The build
 * compiles it beside the CLI (dist/world/); run from the sources (vitest), this file loads its
 * TypeScript instead.
 */
async function loadDemoWorld(): Promise<DemoWorldModule> {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? '../../demo/world/index.ts' : '../world/index.js', import.meta.url);
  return (await import(url.href)) as DemoWorldModule;
}

/** Gap moves the router does not alert on by default (narrowings), shown as notes. */
function quietGapMoves(events: StoredEvent[], route: (e: StoredEvent) => string[]): StoredEvent[] {
  return events.filter((e) => !e.baseline && kindEntry(e.kind)?.family === 'gap' && route(e).length === 0);
}

function cycleLine(r: Awaited<ReturnType<typeof import('../jobs/cycle.js').runCycle>>): string {
  const notModified = r.sources.filter((s) => s.ok && s.requests > 0 && s.notModified === s.requests).length;
  const baseline = r.events.filter((e) => e.baseline).length;
  const fresh = r.events.length - baseline;
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  if (baseline)
    return `${r.sources.length} sources polled for the first time · ${n(baseline, 'event')} recorded as the baseline: a first poll never alerts`;
  const parts = [`${r.sources.length} sources polled, ${notModified} unchanged (answered 304)`, n(fresh, 'new event')];
  if (r.dispatch) parts.push(n(r.dispatch.sent, 'alert') + ' sent');
  return parts.join(' · ');
}

function indent(s: string): string {
  return s.replace(/^(?=.)/gm, '  ');
}

function release(r: ReleaseRef | null): string | null {
  return r ? `${r.name} (${DAY(r.date)}, level ${r.level})` : null;
}

function gapTable(gaps: (GapMetrics & { widening: boolean; reasons: string[] })[], width: number): string {
  return formatTable(
    gaps,
    [
      { header: 'vendor', get: (g) => g.vendorName, nowrap: true },
      // The family of the release, when it has one: Meta's latest open release can be a Muse.
      {
        header: 'open line, latest',
        get: (g) => `${g.lastOpenRelease?.family ?? g.openLine ?? '-'}: ${release(g.lastOpenRelease) ?? 'none'}`,
        max: 64,
      },
      {
        header: 'proprietary line, latest',
        get: (g) => `${g.lastProprietaryRelease?.family ?? g.proprietaryLine ?? '-'}: ${release(g.lastProprietaryRelease) ?? 'none'}`,
        max: 64,
      },
      { header: 'M1 days', get: (g) => g.recencyGapDays },
      { header: 'M2', get: (g) => g.proprietaryStreak },
      { header: 'M3 180d', get: (g) => (g.openShare180d === null ? null : `${Math.round(g.openShare180d * 100)}%`) },
      { header: 'widening', get: (g) => (g.widening ? `yes: ${g.reasons.join(', ')}` : 'no'), min: 16 },
    ],
    width,
  );
}

/** The weekly digest of the week the last step falls in, as HTML, when src/digest renders one. */
async function writeDigest(db: ReturnType<typeof openDb>, config: Config, now: Date, dir: string): Promise<string> {
  let job: typeof import('../jobs/digest.js');
  let render: typeof import('../digest/render/html.js');
  try {
    [job, render] = await Promise.all([import('../jobs/digest.js'), import('../digest/render/html.js')]);
  } catch (err) {
    return `Weekly digest: not available in this build (${(err as Error).message})`;
  }
  // What `modelwatch digest --as-of` builds: the week the last step falls in (it ends an hour later).
  const range = job.digestWeek(config, now, { asOf: now });
  const file = path.join(dir, `digest-${range.week}.html`);
  const data = job.buildDigest(db, config, range);
  const { renderChart } = await import('../digest/chart.js');
  const chart = await renderChart(data);
  const img = chart && {
    src: `data:image/png;base64,${chart.png.toString('base64')}`,
    alt: chart.alt,
    width: chart.width,
    height: chart.height,
  };
  fs.writeFileSync(file, render.renderDigestHtml(data, { chart: img }));
  const at = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
  return `Weekly digest ${range.week} (${at(range.start)} to ${at(range.end)} ${range.tz}) written to ${file}`;
}
