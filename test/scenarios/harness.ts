// The real pipeline on the spring-2026 replay world, for scenario tests: a temporary database made
// by the real migrations, the real config loader on the world's generated feeds/ folder, the
// real runtime (HTTP edge, collectors, diff, classify, scores, gap, router, console channel)
// with the world's simulated clock and a fixed `random`. Nothing is mocked.
import { afterAll, afterEach, expect } from 'vitest';
import { loadConfig, type Config } from '../../src/config/index.js';
import { runCycle, selectSources, type CycleResult } from '../../src/jobs/cycle.js';
import { createRuntime, type Runtime } from '../../src/jobs/runtime.js';
import { silentLogger } from '../../src/log.js';
import type { VendorConfig } from '../../src/model.js';
import type { EventKind, StoredEvent } from '../../src/events/index.js';
import { startSpring2026World, type Spring2026World } from '../../demo/world/spring-2026.js';
import type { Db } from '../../src/store/db.js';
import { queryEvents } from '../../src/store/events.js';
import { tmpDb } from '../helpers/tmp.js';

export interface Scenario {
  world: Spring2026World;
  db: Db;
  file: string;
  config: Config;
  rt: Runtime;
  /** What the console channel printed (one line per alert). */
  console: { text: string };
  /** Cycles run so far, with the step each ran on. */
  cycles: { step: number; result: CycleResult }[];
  /** Moves the world to `step` and runs one full cycle at that step's time. */
  runStep(step: number): Promise<CycleResult>;
  /** Runs steps 1..`step` (each once). */
  runTo(step: number): Promise<CycleResult[]>;
  /** One more cycle on the current step, at its time. */
  again(): Promise<CycleResult>;
  vendor(id: string): VendorConfig;
  events<K extends EventKind = EventKind>(kind?: K): StoredEvent<K>[];
  close(): Promise<void>;
}

export async function startScenario(opts: { dispatch?: boolean } = {}): Promise<Scenario> {
  const world = await startSpring2026World();
  const { db, file } = tmpDb();
  const config = loadConfig({ env: { ...world.env }, feeds: world.feedsDir, db: file });
  let clock = world.now(1);
  const out = { text: '', write: (s: string) => void (out.text += s) };
  const rt = createRuntime({
    db,
    config,
    log: silentLogger,
    now: () => clock,
    random: () => 0.5,
    out,
    noDispatch: opts.dispatch === false,
  });
  const cycles: Scenario['cycles'] = [];
  const targets = selectSources(config.vendors, {});
  const cycle = async () => {
    const result = await runCycle(rt, targets);
    cycles.push({ step: world.step, result });
    return result;
  };
  const s: Scenario = {
    world,
    db,
    file,
    config,
    rt,
    console: out,
    cycles,
    async runStep(step) {
      world.goto(step);
      clock = world.now(step);
      return cycle();
    },
    async runTo(step) {
      const out: CycleResult[] = [];
      for (let n = 1; n <= step; n++) out.push(await s.runStep(n));
      return out;
    },
    again: cycle,
    vendor(id) {
      const v = config.vendors.find((x) => x.id === id);
      if (!v) throw new Error(`scenario: no vendor ${id}`);
      return v;
    },
    events: <K extends EventKind>(kind?: K) => queryEvents(db, kind ? { kinds: [kind] } : {}) as StoredEvent<K>[],
    async close() {
      rt.close();
      db.close();
      await world.close();
    },
  };
  return s;
}

/** Every source of a cycle polled without error. */
export function failures(r: CycleResult): string[] {
  return r.sources.filter((o) => !o.ok).map((o) => `${o.sourceId}: ${o.error}`);
}

/** The two ways a case of a scenario file gets its scenario; see `scenarioFixture`. */
export interface ScenarioFixture {
  /** A fresh world and database run to `step`, the case's own: it may run more steps. */
  at(step: number): Promise<Scenario>;
  /**
   * A world and database run to `step` that the read-only cases of the file share: built by the
   * first case that asks (so a case alone builds it too), closed after the file. A case that runs
   * a cycle on it fails; it must use `at`.
   */
  seen(step: number): Promise<Scenario>;
}

/**
 * The fixture of a scenario file whose cases run alone (`vitest run -t "<case>"`): each case asks
 * for the step it starts from, every source of every step polled without error, instead of
 * starting from what the previous case left. After each case (or file, for shared ones) the world
 * must have been asked only what it expects (`assertClean`), and everything is closed.
 */
export function scenarioFixture(opts: { dispatch?: boolean } = {}): ScenarioFixture {
  let own: Scenario | undefined;
  const shared = new Map<number, { s: Scenario; cycles: number }>();
  const finish = async (s: Scenario) => {
    try {
      s.world.server.assertClean();
    } finally {
      await s.close();
    }
  };
  const runTo = async (step: number) => {
    const s = await startScenario(opts);
    try {
      for (const r of await s.runTo(step)) expect(failures(r)).toEqual([]);
    } catch (err) {
      await s.close();
      throw err;
    }
    return s;
  };
  afterEach(async () => {
    const s = own;
    own = undefined;
    if (s) await finish(s);
    for (const [step, x] of shared)
      if (x.s.cycles.length !== x.cycles)
        throw new Error(`scenario: a case ran a cycle on the shared step ${step}; it must use at(${step})`);
  });
  afterAll(async () => {
    const all = [...shared.values()];
    shared.clear();
    for (const x of all) await finish(x.s);
  });
  return {
    async at(step) {
      if (own) throw new Error('scenario: one own scenario per case');
      own = await runTo(step);
      return own;
    },
    async seen(step) {
      let x = shared.get(step);
      if (!x) {
        const s = await runTo(step);
        x = { s, cycles: s.cycles.length };
        shared.set(step, x);
      }
      return x.s;
    },
  };
}
