// The ONE contract every collector passes (unstorage's testDriver, renovate's datasource
// specs): stable identities, an idempotent re-poll of an unchanged world, validators sent back
// and 304 honoured, 5xx → transient SourceError, a schema violation → a permanent SourceError
// naming the source. A collector's own test file calls `describeCollectorContract` once and adds
// only its quirks.
//
// The setup is generic: given a replay world and a step, it routes the world and returns the
// vendor and source to poll (the source id must stay the same across steps):
//   'recorded'  — the world as recorded (must yield at least one observation);
//   'unchanged' — the same world again, answering 304 to the validators the first poll stored;
//   '5xx'       — the source's endpoint keeps answering 5xx;
//   'schema'    — the source's endpoint answers 200 with a body of the wrong shape.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/collectors/registry.js';
import type { Collector } from '../../src/collectors/types.js';
import { SourceError } from '../../src/errors.js';
import type { HttpClient } from '../../src/http/types.js';
import type { SourceConfig, VendorConfig } from '../../src/model.js';
import { testHttpClient } from '../helpers/http.js';
import { createHarness, type Harness } from '../helpers/poll-harness.js';
import { startReplayWorld, type ReplayWorld } from '../helpers/replay-server.js';

export type ContractStep = 'recorded' | 'unchanged' | '5xx' | 'schema';

export interface ContractSetup {
  collector: Collector;
  /** Routes `world` for `step` (the world is reset before each step after the first). */
  route(world: ReplayWorld, step: ContractStep): { vendor: VendorConfig; source: SourceConfig };
  /** The clock (default 2026-05-01T12:00:00Z). */
  now?: string;
}

export function describeCollectorContract(name: string, setup: () => ContractSetup): void {
  describe(`collector contract: ${name}`, () => {
    let world: ReplayWorld;
    let http: HttpClient;
    let harnesses: Harness[];
    let s: ContractSetup;

    const harness = () => {
      const h = createHarness({ http, endpoints: { huggingface: world.url, github: world.url }, ...(s.now && { now: s.now }) });
      harnesses.push(h);
      return h;
    };
    const step = (st: ContractStep) => {
      world.reset();
      return s.route(world, st);
    };

    beforeEach(async () => {
      world = await startReplayWorld();
      http = testHttpClient();
      harnesses = [];
      s = setup();
    });
    afterEach(async () => {
      for (const h of harnesses) h.close();
      await world.close();
    });

    it('is listed in the collector registry under its kind', () => {
      expect(createRegistry().get(s.collector.kind)).toBe(s.collector);
    });

    it('gives the same observation keys on two polls of the recorded world', async () => {
      const { vendor, source } = step('recorded');
      const first = await harness().poll(s.collector, vendor, source);
      step('recorded');
      const second = await harness().poll(s.collector, vendor, source);
      const keys = (r: typeof first) => r.result.observations.map((o) => o.key).sort();
      expect(keys(first).length).toBeGreaterThan(0);
      expect(keys(second)).toEqual(keys(first));
      expect(new Set(keys(first)).size).toBe(keys(first).length);
      expect(first.result.requests).toBeGreaterThan(0);
      world.assertClean();
    });

    it('records a baseline first, then a second poll of an unchanged world yields no events', async () => {
      const h = harness();
      const { vendor, source } = step('recorded');
      const first = await h.poll(s.collector, vendor, source);
      expect(first.baseline).toBe(true);
      expect(first.diff.events.every((e) => e.baseline)).toBe(true);
      step('unchanged');
      const second = await h.poll(s.collector, vendor, source);
      expect(second.baseline).toBe(false);
      expect(second.diff.events).toEqual([]);
      expect(second.stored).toEqual([]);
      world.assertClean();
    });

    it('sends the stored validators back and honours 304', async () => {
      const h = harness();
      const { vendor, source } = step('recorded');
      const first = await h.poll(s.collector, vendor, source);
      expect(first.result.validators.length).toBeGreaterThan(0);
      const stored = new Map(first.result.validators.map((v) => [v.url, v.validators]));
      const from = world.requests.length;
      step('unchanged');
      const second = await h.poll(s.collector, vendor, source);
      const sent = world.requests.slice(from);
      let conditional = 0;
      for (const r of sent) {
        const v = stored.get(world.url + r.url);
        if (!v) continue;
        conditional++;
        if (v.etag) expect(r.headers['if-none-match'], `${r.url} must carry its ETag`).toBe(v.etag);
        if (v.lastModified && !v.etag) expect(r.headers['if-modified-since']).toBe(v.lastModified);
      }
      expect(conditional).toBeGreaterThan(0);
      expect(second.result.notModified).toBeGreaterThan(0);
      expect(second.result.observations).toEqual([]);
      world.assertClean();
    });

    it('turns 5xx into a transient SourceError naming the source', async () => {
      const { vendor, source } = step('5xx');
      const err = await harness()
        .poll(s.collector, vendor, source)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(SourceError);
      expect((err as SourceError).transient).toBe(true);
      expect((err as SourceError).message.startsWith(`${source.kind}: `)).toBe(true);
      expect((err as SourceError).message).toContain(source.target);
      world.assertClean();
    });

    it('turns a schema violation into a clear permanent SourceError naming the source', async () => {
      const { vendor, source } = step('schema');
      const err = await harness()
        .poll(s.collector, vendor, source)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(SourceError);
      expect((err as SourceError).transient).toBe(false);
      expect((err as SourceError).message.startsWith(`${source.kind}: `)).toBe(true);
      expect((err as SourceError).message).toContain(source.target);
      world.assertClean();
    });
  });
}
