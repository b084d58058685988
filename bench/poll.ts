// poll — steady-state polling cost through the real pipeline (createRuntime + runCycle, as
// `modelwatch poll --no-dispatch` runs it) against a generated world of 500 sources served on
// loopback by a child process (so the CPU figures are modelwatch's alone):
//   1. first full poll (baseline),
//   2. re-polls of the unchanged world (requests vs the minimum, 304 share, bytes, CPU, events),
//   3. five changes, then one more poll (requests vs minimum + detail fetches, events by kind).
import path from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { runCycle, selectSources, type CycleResult } from '../src/jobs/cycle.js';
import { createRuntime } from '../src/jobs/runtime.js';
import { silentLogger } from '../src/log.js';
import type { SourceKind } from '../src/model.js';
import { openDb } from '../src/store/db.js';
import { makeTemp, rmTemp } from './lib/paths.js';
import { printTable, target, writeSection } from './lib/results.js';
import { median, round } from './lib/stats.js';
import type { ServerStats } from './lib/world-server.js';
import { startWorld, writeFeeds } from './lib/world-client.js';
import { POLL_SPEC } from './lib/world.js';

/** One conditional request per HF author, feed and page; two per GitHub repo (releases, licence). */
const MINIMUM: Record<SourceKind, number> = { huggingface: 1, feed: 1, page: 1, github: 2 };
const UNCHANGED_REPOLLS = 5;
const CHANGES = ['hf-new-repo', 'hf-license', 'hf-gating', 'gh-release', 'feed-post'] as const;
/** What each change should produce, one event each (the kinds the pure diff emits). */
const EXPECTED_EVENTS: Record<string, number> = {
  'model.new': 1,
  'model.license_changed': 1,
  'model.gating_changed': 1,
  'release.published': 1,
  'post.new': 1,
};
/** Detail fetches the changes need beyond the minimum: the new repo's bespoke LICENSE. */
const EXPECTED_DETAIL_FETCHES = 1;

interface Phase {
  name: string;
  requests: number;
  attempts: number;
  notModified: number;
  conditional: number;
  serverNotModified: number;
  bodyBytes: number;
  headerBytes: number;
  cpuMs: number;
  wallMs: number;
  sourceEvents: Record<string, number>;
  stepEvents: Record<string, number>;
  failed: string[];
  server: ServerStats;
  stepCpuMs: Record<string, number>;
}

function byKind(events: { kind: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) out[e.kind] = (out[e.kind] ?? 0) + 1;
  return out;
}

const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
const kinds = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

export async function run(): Promise<void> {
  const spec = POLL_SPEC;
  const world = await startWorld(spec);
  const tmp = makeTemp('poll');
  const counters = { attempts: 0, bodyBytes: 0, headerBytes: 0 };
  try {
    const feeds = path.join(tmp, 'feeds');
    writeFeeds(feeds, spec, world.url);
    const config = loadConfig({ env: { HF_ENDPOINT: world.url, GITHUB_API_URL: world.url }, feeds, db: path.join(tmp, 'poll.db') });
    const db = openDb(config.dbPath);
    const countingFetch: typeof fetch = async (input, init) => {
      const res = await globalThis.fetch(input, init);
      // Status line + header lines, as on the wire (approximately: undici joins repeated headers).
      let n = 17 + res.statusText.length;
      res.headers.forEach((v, k) => (n += k.length + v.length + 4));
      counters.headerBytes += n;
      return res;
    };
    const rt = createRuntime({
      db,
      config,
      log: silentLogger,
      noDispatch: true,
      http: {
        fetch: countingFetch,
        onAttempt: (a) => {
          counters.attempts++;
          counters.bodyBytes += a.bytes;
        },
      },
    });
    // The post-collect steps (classify, gap) timed apart: they run once per cycle, not per source.
    const stepCpu: Record<string, number> = {};
    const deps = {
      ...rt,
      steps: rt.steps.map((step) => ({
        name: step.name,
        run: async (changed: Parameters<typeof step.run>[0]) => {
          const c0 = process.cpuUsage();
          try {
            return await step.run(changed);
          } finally {
            const c = process.cpuUsage(c0);
            stepCpu[step.name] = (stepCpu[step.name] ?? 0) + (c.user + c.system) / 1000;
          }
        },
      })),
    };
    const targets = selectSources(config.vendors, {});
    const minimum = targets.reduce((n, t) => n + MINIMUM[t.source.kind], 0);

    const phase = async (name: string, subset = targets): Promise<Phase> => {
      await world.resetStats();
      Object.assign(counters, { attempts: 0, bodyBytes: 0, headerBytes: 0 });
      for (const k of Object.keys(stepCpu)) delete stepCpu[k];
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const result: CycleResult = await runCycle(deps, subset);
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = process.cpuUsage(cpu0);
      const server = await world.stats();
      const sourceEvents = result.sources.flatMap((s) => s.events);
      const fromSources = new Set(sourceEvents.map((e) => e.id));
      return {
        name,
        requests: result.sources.reduce((n, s) => n + s.requests, 0),
        attempts: counters.attempts,
        notModified: result.sources.reduce((n, s) => n + s.notModified, 0),
        conditional: server.conditional,
        serverNotModified: server.notModified,
        bodyBytes: counters.bodyBytes,
        headerBytes: counters.headerBytes,
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs,
        sourceEvents: byKind(sourceEvents),
        stepEvents: byKind(result.events.filter((e) => !fromSources.has(e.id))),
        failed: result.sources.filter((s) => !s.ok).map((s) => `${s.sourceId}: ${s.error}`),
        server,
        stepCpuMs: { ...stepCpu },
      };
    };

    const first = await phase('first poll');
    const repolls: Phase[] = [];
    for (let i = 0; i < UNCHANGED_REPOLLS; i++) repolls.push(await phase(`unchanged re-poll ${i + 1}`));
    // CPU per source kind in the unchanged state: each kind's sources polled alone (3 times,
    // median), less the steps' share.
    const kindCpu: Record<string, number> = {};
    for (const kind of ['huggingface', 'github', 'feed', 'page'] as const) {
      const subset = targets.filter((t) => t.source.kind === kind);
      const per: number[] = [];
      for (let i = 0; i < 3; i++) {
        const p = await phase(`unchanged ${kind}`, subset);
        per.push((p.cpuMs - total(p.stepCpuMs)) / subset.length);
      }
      kindCpu[kind] = median(per);
    }
    const changes = [];
    for (const c of CHANGES) changes.push(await world.change(c));
    const changed = await phase('after 5 changes');
    rt.close();
    db.close();

    const n = targets.length;
    const un = repolls[0]!;
    const cpuUnchanged = median(repolls.map((p) => p.cpuMs));
    const wallUnchanged = median(repolls.map((p) => p.wallMs));
    const unchangedEvents = repolls.reduce<Record<string, number>>((acc, p) => {
      for (const [k, v] of Object.entries({ ...p.sourceEvents, ...p.stepEvents })) acc[k] = (acc[k] ?? 0) + v;
      return acc;
    }, {});
    const sameRequests = repolls.every((p) => p.requests === un.requests);
    const notModifiedShare = un.conditional ? un.serverNotModified / un.conditional : 0;
    const share304All = un.requests ? un.serverNotModified / un.requests : 0;
    const changedDirect = changed.sourceEvents;
    const exact = Object.keys({ ...EXPECTED_EVENTS, ...changedDirect }).every((k) => (changedDirect[k] ?? 0) === (EXPECTED_EVENTS[k] ?? 0));
    const sourcesByKind = targets.reduce<Record<string, number>>(
      (acc, t) => ((acc[t.source.kind] = (acc[t.source.kind] ?? 0) + 1), acc),
      {},
    );
    const nonConditional = Object.entries(un.server.byKind)
      .filter(([, k]) => k!.requests > k!.conditional)
      .map(
        ([kind, k]) =>
          `${kind} ${k!.requests - k!.conditional} (${Object.entries(k!.statuses)
            .map(([s, c]) => `${s}×${c}`)
            .join(' ')})`,
      );

    const row = (p: Phase, cpuMs = p.cpuMs, wallMs = p.wallMs) => [
      p.name,
      p.requests,
      round(p.requests / n, 3),
      round(minimum / n, 3),
      p.conditional ? `${round((100 * p.serverNotModified) / p.conditional, 1)} %` : '-',
      round(p.bodyBytes / 1024, 1),
      round(p.headerBytes / 1024, 1),
      round(cpuMs / n, 3),
      round(wallMs / 1000, 2),
      total(p.sourceEvents) + total(p.stepEvents),
    ];
    const notes = [
      `world: ${n} sources (${Object.entries(sourcesByKind)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), ${spec.reposPerAuthor} repos per HF author, served by ${world.replayModule} in a child process`,
      `unchanged re-poll: median of ${UNCHANGED_REPOLLS} re-polls for CPU and wall time; requests identical in each: ${sameRequests ? 'yes' : 'no'}; events over all ${UNCHANGED_REPOLLS}: ${kinds(unchangedEvents)}`,
      `unchanged re-poll CPU: steps per cycle ${Object.entries(un.stepCpuMs)
        .map(([k, v]) => `${k} ${round(v, 0)} ms`)
        .join(', ')}; polling per source by kind (each kind alone, median of 3): ${Object.entries(kindCpu)
        .map(([k, v]) => `${k} ${round(v, 2)} ms`)
        .join(', ')}`,
      `unchanged re-poll: ${un.serverNotModified} of ${un.requests} requests answered 304 (${round(100 * share304All, 1)} %); requests without validators to send: ${nonConditional.join(', ') || 'none'}`,
      `first poll events (baseline): ${kinds(first.sourceEvents)}; from classification/gap steps: ${kinds(first.stepEvents)}`,
      `changes: ${changes.map((c) => `${c.kind} (${c.what})`).join('; ')}`,
      `after changes: requests ${changed.requests} = minimum ${minimum} + ${changed.requests - minimum} detail fetch(es) (expected ${EXPECTED_DETAIL_FETCHES}); events from sources: ${kinds(changedDirect)} (exactly the changes: ${exact ? 'yes' : 'NO'}); from steps: ${kinds(changed.stepEvents)}`,
      ...[first, ...repolls, changed]
        .filter((p) => p.failed.length)
        .map((p) => `${p.name}: ${p.failed.length} source(s) failed, e.g. ${p.failed.slice(0, 3).join(' | ')}`),
    ];
    printTable(
      'poll — requests and cost per poll of 500 sources (real pipeline, loopback world)',
      ['phase', 'requests', 'req/source', 'min/source', '304 of cond.', 'body KB', 'header KB', 'CPU ms/src', 'wall s', 'events'],
      [row(first), row(un, cpuUnchanged, wallUnchanged), row(changed)],
      notes,
    );

    const targets_ = Object.fromEntries([
      target(
        'requestsPerSource',
        `= minimumPerSource (${round(minimum / n, 3)})`,
        String(round(un.requests / n, 3)),
        un.requests === minimum,
      ),
      target('notModifiedShare', '100 % of requests sent with validators', `${round(100 * notModifiedShare, 1)} %`, notModifiedShare === 1),
      target('eventsUnchanged', '0', String(total(unchangedEvents)), total(unchangedEvents) === 0),
      target(
        'changed.requests',
        `minimum + ${EXPECTED_DETAIL_FETCHES} detail fetch`,
        `minimum + ${changed.requests - minimum}`,
        changed.requests - minimum === EXPECTED_DETAIL_FETCHES,
      ),
      target('changed.events', 'exactly the 5 changes', kinds(changedDirect), exact),
    ]);
    writeSection('poll', {
      figures: {
        sources: n,
        sourcesByKind,
        requestsPerSource: round(un.requests / n, 4),
        minimumPerSource: round(minimum / n, 4),
        requests: un.requests,
        minimumRequests: minimum,
        notModifiedShare: round(notModifiedShare, 4),
        notModifiedShareOfAll: round(share304All, 4),
        bodyBytes: un.bodyBytes,
        headerBytes: un.headerBytes,
        bytesPerSource: round((un.bodyBytes + un.headerBytes) / n, 1),
        cpuMsPerSource: round(cpuUnchanged / n, 4),
        cpuMsPerSourceByKind: Object.fromEntries(Object.entries(kindCpu).map(([k, v]) => [k, round(v, 3)])),
        stepCpuMsPerCycle: Object.fromEntries(Object.entries(un.stepCpuMs).map(([k, v]) => [k, round(v, 1)])),
        wallMs: round(wallUnchanged, 1),
        eventsUnchanged: total(unchangedEvents),
        first: {
          requests: first.requests,
          requestsPerSource: round(first.requests / n, 3),
          bodyBytes: first.bodyBytes,
          cpuMsPerSource: round(first.cpuMs / n, 3),
          wallMs: round(first.wallMs, 1),
          baselineEvents: first.sourceEvents,
          stepEvents: first.stepEvents,
        },
        changed: {
          requests: changed.requests,
          minimum,
          detailFetches: changed.requests - minimum,
          expectedDetailFetches: EXPECTED_DETAIL_FETCHES,
          events: changedDirect,
          stepEvents: changed.stepEvents,
          expectedEvents: EXPECTED_EVENTS,
          exactlyTheChanges: exact,
          bodyBytes: changed.bodyBytes,
          cpuMsPerSource: round(changed.cpuMs / n, 4),
          changes,
        },
      },
      units: {
        sources: 'sources',
        requestsPerSource: 'HTTP requests per source (unchanged re-poll)',
        minimumPerSource: 'HTTP requests per source',
        requests: 'HTTP requests',
        minimumRequests: 'HTTP requests',
        notModifiedShare: 'fraction of conditional requests answered 304',
        notModifiedShareOfAll: 'fraction of all requests answered 304',
        bodyBytes: 'bytes (response bodies received)',
        headerBytes: 'bytes (status lines + response headers, approx.)',
        bytesPerSource: 'bytes per source',
        cpuMsPerSource: 'CPU ms (user+system) per source, median of re-polls',
        cpuMsPerSourceByKind: 'CPU ms per source of that kind, polling only (steps excluded)',
        stepCpuMsPerCycle: 'CPU ms per cycle of the post-collect steps (classify, gap)',
        wallMs: 'ms per poll of all sources',
        eventsUnchanged: 'events',
        'first.*': 'as above, first poll',
        'changed.*': 'as above, poll after the 5 changes; events by kind',
      },
      notes,
      targets: targets_,
    });
  } finally {
    await world.close();
    rmTemp(tmp);
  }
}
