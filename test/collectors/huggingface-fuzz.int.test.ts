// Robustness of the Hugging Face collector on broken data: a recorded list page cut at many
// points, and recorded items with fields of the wrong type. Every case must end in a clear,
// permanent SourceError that names the source — never a crash, a TypeError or a silent success.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { huggingfaceCollector } from '../../src/collectors/huggingface.js';
import { SourceError } from '../../src/errors.js';
import { META, testSource } from '../helpers/config.js';
import { listItem, metaLlamaWorld, routeHf, type HfWorld } from '../helpers/hf-world.js';
import { testHttpClient } from '../helpers/http.js';
import { createHarness } from '../helpers/poll-harness.js';
import { startReplayWorld, type ReplayWorld } from '../helpers/replay-server.js';

const source = testSource({ vendorId: 'meta', kind: 'huggingface', target: 'meta-llama' });

describe('huggingface collector on broken responses', () => {
  let world: ReplayWorld;
  let hf: HfWorld;
  let recordedPage: string;

  beforeAll(async () => {
    world = await startReplayWorld();
    hf = metaLlamaWorld();
    routeHf(world, hf);
    recordedPage = JSON.stringify(hf.sorted().map(listItem));
  });
  afterAll(async () => {
    world.assertClean();
    await world.close();
  });

  async function pollWith(body: string): Promise<unknown> {
    hf.rawListBody = body;
    const h = createHarness({ http: testHttpClient(), endpoints: { huggingface: world.url, github: world.url } });
    try {
      await h.poll(huggingfaceCollector, META, source);
      return undefined;
    } catch (err) {
      return err;
    } finally {
      h.close();
    }
  }

  function expectPermanent(err: unknown, what: RegExp): void {
    expect(err).toBeInstanceOf(SourceError);
    const e = err as SourceError;
    expect(e.transient).toBe(false);
    expect(e.message).toMatch(/^huggingface: meta-llama: unexpected response from GET \/api\/models/);
    expect(e.message).toMatch(what);
  }

  it('reports every truncation of a recorded page as invalid JSON', async () => {
    const cuts = new Set<number>([1, 2, 10, recordedPage.length - 1, recordedPage.length - 2]);
    for (let at = 97; at < recordedPage.length; at += Math.ceil(recordedPage.length / 40)) cuts.add(at);
    expect(cuts.size).toBeGreaterThan(40);
    for (const at of cuts) expectPermanent(await pollWith(recordedPage.slice(0, at)), /invalid JSON/);
  });

  const wrongTypes: [string, (item: Record<string, unknown>) => void, RegExp][] = [
    ['_id is a number', (i) => (i['_id'] = 42), /0\._id/],
    ['id is null', (i) => (i['id'] = null), /0\.id/],
    ['gated is an unknown value', (i) => (i['gated'] = 'sometimes'), /0\.gated/],
    ['gated is true', (i) => (i['gated'] = true), /0\.gated/],
    ['private is a string', (i) => (i['private'] = 'no'), /0\.private/],
    ['tags is a string', (i) => (i['tags'] = 'license:mit'), /0\.tags/],
    ['a tag is a number', (i) => (i['tags'] = [1]), /0\.tags\.0/],
    ['siblings items lack rfilename', (i) => (i['siblings'] = [{}]), /0\.siblings\.0\.rfilename/],
    ['cardData is a string', (i) => (i['cardData'] = 'license: mit'), /0\.cardData/],
    ['cardData.license is a number', (i) => (i['cardData'] = { license: 3 }), /0\.cardData\.license/],
    ['lastModified is a number', (i) => (i['lastModified'] = 1_700_000_000), /0\.lastModified/],
    ['safetensors.total is a string', (i) => (i['safetensors'] = { total: '8B' }), /0\.safetensors\.total/],
  ];
  for (const [name, mutate, path] of wrongTypes) {
    it(`names the field when ${name}`, async () => {
      const items = JSON.parse(recordedPage) as Record<string, unknown>[];
      mutate(items[0]!);
      expectPermanent(await pollWith(JSON.stringify(items)), path);
    });
  }

  for (const [name, body] of [
    ['an object instead of a list', '{"error":"Invalid username or password."}'],
    ['null', 'null'],
    ['a number', '42'],
    ['a list of strings', '["meta-llama/Llama-3.1-8B-Instruct"]'],
    ['an HTML error page', '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>'],
    ['an empty body', ''],
  ] as const) {
    it(`rejects ${name}`, async () => {
      expectPermanent(await pollWith(body), /:/);
    });
  }

  it('still accepts the recorded page itself', async () => {
    expect(await pollWith(recordedPage)).toBeUndefined();
  });
});
