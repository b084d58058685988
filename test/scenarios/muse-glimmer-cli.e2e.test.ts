// The autumn of 2026 from the CLI (issue 11): after the replay world's eight steps through the
// real pipeline, the BUILT CLI answers from that database — `sources` shows meta-models as
// discovered (and from where), `releases` lists one row per release with its side by evidence,
// `release "Muse Glimmer"` shows its artefacts, and `gap` reads Meta's streak as ended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startScenario, type Scenario } from './harness.js';

let s: Scenario;
let env: Record<string, string>;

beforeAll(async () => {
  s = await startScenario();
  await s.runTo(s.world.steps);
  env = { MODELWATCH_NOW: s.world.now(s.world.steps).toISOString() };
}, 60_000);
afterAll(async () => s?.close());

const cli = (args: string[]) => runCli([...args, '--db', s.file, '--feeds', s.world.feedsDir], { env });
const json = async <T>(args: string[]): Promise<T> => {
  const r = await cli([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

describe('the Muse Glimmer turn from the CLI', () => {
  it('sources lists the discovered Hub org with the post that led to it', async () => {
    const rows = await json<Record<string, unknown>[]>(['sources']);
    const found = rows.find((r) => r.id === 'hf:meta-models');
    expect(found).toMatchObject({
      vendor: 'meta',
      kind: 'huggingface',
      target: 'meta-models',
      discoveredFrom: 'https://about.fb.com/news/2026/08/introducing-muse-glimmer/',
      consecutiveErrors: 0,
    });
    expect(rows.find((r) => r.id === 'hf:meta-llama')).toMatchObject({ discoveredFrom: null });
  });

  it('releases: Muse Glimmer is one open release of the Muse family, Muse Spark a proprietary one', async () => {
    const rows = await json<Record<string, unknown>[]>(['releases', '--vendor', 'meta']);
    const glimmer = rows.filter((r) => r.release === 'Muse Glimmer');
    expect(glimmer).toHaveLength(1);
    expect(glimmer[0]).toMatchObject({
      model: 'meta-models/Muse-Glimmer-30B',
      line: 'open',
      side: 'open',
      level: '4',
      license: 'apache-2.0',
      family: 'Muse',
      expectedSide: 'proprietary',
    });
    expect((glimmer[0]!.models as string[]).sort()).toEqual(['meta-models/Muse-Glimmer-30B', 'meta/muse-glimmer']);
    expect(rows.find((r) => r.release === 'Muse Spark')).toMatchObject({ side: 'proprietary', level: '2', line: 'proprietary' });
    const open = await json<Record<string, unknown>[]>(['releases', '--vendor', 'meta', '--side', 'open']);
    expect(open.map((r) => r.release)).toContain('Muse Glimmer');
    expect(open.every((r) => r.side === 'open')).toBe(true);
  });

  it('release "Muse Glimmer" shows its artefacts and the side it landed on', async () => {
    const d = await json<Record<string, unknown>>(['release', 'Muse Glimmer']);
    expect(d).toMatchObject({ release: 'Muse Glimmer', side: 'open', expectedSide: 'proprietary', level: '4' });
    const byArtefact = await json<Record<string, unknown>>(['release', 'meta-models/Muse-Glimmer-30B']);
    expect(byArtefact.releaseId).toBe(d.releaseId);
    const text = await cli(['release', 'Muse Glimmer']);
    expect(text.stdout).toContain('open (its family Muse is expected proprietary)');
    const missing = await cli(['release', 'Muse Nothing']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('release: no release "Muse Nothing"');
  });

  it('gap: Meta’s streak is 0 and its latest open release is Muse Glimmer', async () => {
    const g = await json<Record<string, unknown>>(['gap', '--vendor', 'meta']);
    expect(g).toMatchObject({
      proprietaryStreak: 0,
      widening: false,
      lastOpenRelease: expect.objectContaining({ name: 'Muse Glimmer', level: '4' }),
    });
  });
});
