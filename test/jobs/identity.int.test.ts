// Identity survives moves (issue 11), through the real collector, diff, store, classification,
// releases step and router on loopback: the Llama 3.1 rename (Meta-Llama-3.1-8B-Instruct →
// Llama-3.1-8B-Instruct, as happened on the Hub, recorded 307) is one model with its whole
// history and one alert; a withdrawn repo (recorded 401) keeps its last level and alerts once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { huggingfaceCollector } from '../../src/collectors/huggingface.js';
import { loadLicenseKb } from '../../src/classify/licenses.js';
import { classifyModels, touchedModels } from '../../src/jobs/classify.js';
import { updateReleases } from '../../src/jobs/releases.js';
import type { StoredEvent } from '../../src/events/index.js';
import { makeRouter } from '../../src/notify/rules.js';
import { prep } from '../../src/store/db.js';
import { queryEvents as listEvents } from '../../src/store/events.js';
import { getModel } from '../../src/store/models.js';
import { findRelease, listReleasesWithArtefacts, releaseArtefacts } from '../../src/store/releases.js';
import { META, testSource } from '../helpers/config.js';
import { HUB_401, type HfWorld, LLAMA_31_307, metaLlamaWorld, routeHf } from '../helpers/hf-world.js';
import { testHttpClient } from '../helpers/http.js';
import { createHarness, type Harness } from '../helpers/poll-harness.js';
import { startReplayWorld, type ReplayWorld } from '../helpers/replay-server.js';

const source = testSource({ vendorId: 'meta', kind: 'huggingface', target: 'meta-llama' });
const OLD = 'meta-llama/Meta-Llama-3.1-8B-Instruct';
const NEW = 'meta-llama/Llama-3.1-8B-Instruct';

describe('identity across renames and withdrawals', () => {
  let world: ReplayWorld;
  let h: Harness;
  let hf: HfWorld;
  const kb = loadLicenseKb();

  beforeEach(async () => {
    world = await startReplayWorld();
    h = createHarness({ http: testHttpClient(), endpoints: { huggingface: world.url, github: world.url } });
    hf = metaLlamaWorld();
    routeHf(world, hf);
  });
  afterEach(async () => {
    h.close();
    world.assertClean();
    await world.close();
  });

  /** One cycle: poll, classify, releases; then the alerts the router writes for the new events. */
  async function cycle(at: string): Promise<StoredEvent[]> {
    h.setNow(at);
    const polled = await h.poll(huggingfaceCollector, META, source);
    const route = makeRouter({ channels: ['console'], vendors: new Map([['meta', META]]), now: at });
    // The harness stores the poll without routing; route its new events the way insertEvents would.
    const alert = prep(
      h.db,
      "INSERT INTO alerts (event_id, channel, vendor_id, status, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING",
    );
    for (const e of polled.stored) for (const ch of route(e)) alert.run(e.id, ch, e.vendorId, at, at);
    const classified = classifyModels({ db: h.db, kb, overrides: [], route, now: h.now }, touchedModels(polled.stored));
    const released = updateReleases({ db: h.db, route, now: h.now, vendors: [META] }, [...polled.stored, ...classified]);
    return [...polled.stored, ...classified, ...released];
  }
  const alertKinds = (since: string) =>
    (
      prep(h.db, 'SELECT e.kind FROM alerts a JOIN events e ON e.id = a.event_id WHERE a.created_at >= ? ORDER BY e.id').all(since) as {
        kind: string;
      }[]
    ).map((r) => r.kind);

  it('a rename is one model with its whole history, one release artefact and one alert', async () => {
    const old = hf.model(NEW);
    old.id = OLD; // the name before the rename, same _id
    hf.licenses.set(OLD, hf.licenses.get(NEW)!);
    await cycle('2026-05-01T12:00:00.000Z');
    await cycle('2026-05-02T12:00:00.000Z'); // past the baseline
    const levelBefore = getModel(h.db, OLD)!.level;
    expect(levelBefore).toBe('3b');

    old.id = NEW;
    hf.recorded(`/api/models/${OLD}`, LLAMA_31_307);
    const events = await cycle('2026-05-03T12:00:00.000Z');
    expect(events.map((e) => e.kind)).toEqual(['model.renamed']);
    expect(alertKinds('2026-05-03T12:00:00.000Z')).toEqual(['model.renamed']);

    // The new id holds the history, from the first sighting under the old name; its level is kept.
    const current = getModel(h.db, NEW)!;
    expect(current).toMatchObject({ level: '3b', licenseId: 'llama3.1' });
    const history = listEvents(h.db, { modelId: NEW, order: 'asc' }).map((e) => e.kind);
    expect(history).toEqual(expect.arrayContaining(['model.new', 'model.renamed']));
    expect(listEvents(h.db, { modelId: OLD, order: 'asc' })).toEqual([]);
    expect(getModel(h.db, OLD)).toMatchObject({ renamedTo: NEW });

    // One release, the new id its only artefact; the old id finds it.
    const rel = findRelease(h.db, 'Llama 3.1')!;
    expect(releaseArtefacts(h.db, rel.id)).toEqual([NEW]);
    expect(findRelease(h.db, OLD)?.id).toBe(rel.id);
    const all = listReleasesWithArtefacts(h.db).flatMap((r) => r.models);
    expect(all).not.toContain(OLD);
    expect(all.filter((m) => m === NEW)).toHaveLength(1);

    // Quiet afterwards.
    expect(await cycle('2026-05-04T12:00:00.000Z')).toEqual([]);
  });

  it('a withdrawal is one event and one alert, and the model keeps its last known level', async () => {
    await cycle('2026-05-01T12:00:00.000Z');
    await cycle('2026-05-02T12:00:00.000Z');
    const gone = 'meta-llama/Meta-Llama-3-70B-Instruct';
    expect(getModel(h.db, gone)!.level).toBe('3b');
    hf.models = hf.models.filter((m) => m.id !== gone);
    hf.recorded(`/api/models/${gone}`, HUB_401);
    const events = await cycle('2026-05-03T12:00:00.000Z');
    expect(events.map((e) => e.kind)).toEqual(['model.withdrawn']);
    expect(alertKinds('2026-05-03T12:00:00.000Z')).toEqual(['model.withdrawn']);
    expect(getModel(h.db, gone)).toMatchObject({ level: '3b', withdrawnAt: '2026-05-03T12:00:00.000Z' });
    expect(findRelease(h.db, gone)).toMatchObject({ side: 'open', level: '3b' });
    expect(await cycle('2026-05-04T12:00:00.000Z')).toEqual([]);
  });
});
