// The GitHub collector (octokit over the real HTTP edge) against a replay built from
// octokit/fixtures recordings (test/fixtures/github/PROVENANCE.md), with the real diff and store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { githubCollector } from '../../src/collectors/github.js';
import { SourceError } from '../../src/errors.js';
import { getLicenseText } from '../../src/store/models.js';
import { META, testSource } from '../helpers/config.js';
import { GhWorld, MIT_TEXT, RELEASE_REPO, orgRepo, release, releaseRepoWorld, routeGh } from '../helpers/gh-world.js';
import { testHttpClient } from '../helpers/http.js';
import { createHarness, type Harness } from '../helpers/poll-harness.js';
import { startReplayWorld, type ReplayWorld } from '../helpers/replay-server.js';
import { describeCollectorContract } from './contract.js';
import { loose } from '../helpers/events.js';

const repoSource = testSource({ vendorId: 'meta', kind: 'github', target: RELEASE_REPO });

describeCollectorContract('github (repository)', () => {
  let gh: GhWorld | undefined;
  return {
    collector: githubCollector,
    route(world, step) {
      if (step === 'recorded' || !gh) gh = releaseRepoWorld();
      if (step === '5xx') gh.failWith = 502;
      if (step === 'schema') gh.rawReleases = JSON.stringify({ message: 'not a list' });
      routeGh(world, gh);
      return { vendor: META, source: repoSource };
    },
  };
});

describeCollectorContract('github (organisation)', () => {
  let gh: GhWorld | undefined;
  const make = () => {
    const w = new GhWorld('unused/unused', 'meta-llama');
    w.orgRepos = [orgRepo('meta-llama', 'llama-models', '2024-07-01T10:00:00Z', 'Utilities intended for use with Llama models.')];
    return w;
  };
  return {
    collector: githubCollector,
    route(world, step) {
      if (step === 'recorded' || !gh) gh = make();
      if (step === '5xx') gh.failWith = 500;
      if (step === 'schema') gh.orgRepos = [{ name: 7 }];
      routeGh(world, gh);
      return { vendor: META, source: testSource({ vendorId: 'meta', kind: 'github', target: 'meta-llama' }) };
    },
  };
});

describe('github collector', () => {
  let world: ReplayWorld;
  let h: Harness;
  let gh: GhWorld;
  const poll = (source = repoSource) => h.poll(githubCollector, META, source);
  const kinds = (events: { kind: string }[]) => events.map((e) => e.kind).sort();
  const sent = (from: number) => world.requests.slice(from).map((r) => `${r.method} ${new URL(r.url, world.url).pathname}`);

  beforeEach(async () => {
    world = await startReplayWorld();
    h = createHarness({ http: testHttpClient(), endpoints: { huggingface: world.url, github: world.url } });
    gh = releaseRepoWorld();
    routeGh(world, gh);
  });
  afterEach(async () => {
    h.close();
    world.assertClean();
    await world.close();
  });

  it('records the recorded release as a baseline event and the licence as state', async () => {
    const first = await poll();
    expect(sent(0)).toEqual([`GET /repos/${RELEASE_REPO}/releases`, `GET /repos/${RELEASE_REPO}/license`]);
    expect(first.result.requests).toBe(2);
    expect(world.requests.every((r) => r.headers['authorization'] === undefined)).toBe(true);
    expect(first.stored).toHaveLength(1);
    expect(first.stored[0]).toMatchObject({
      kind: 'release.published',
      baseline: true,
      dedupKey: `release.published:gh:${RELEASE_REPO}:release:72286832`,
      occurredAt: '2022-07-19T04:40:21Z',
      summary: `${RELEASE_REPO} published release v1.0.0 "Version 1.0.0".`,
    });
    const lic = first.diff.items.find((i) => i.type === 'repo-license')!.state as {
      spdxId: string;
      blobSha: string;
      licenseTextHash: string;
    };
    expect(lic.spdxId).toBe('MIT');
    expect(lic.blobSha).toMatch(/^[0-9a-f]{40}$/);
    expect(getLicenseText(h.db, lic.licenseTextHash)).toBe(MIT_TEXT);
  });

  it('a second poll of an unchanged repo is two conditional requests answered 304, and no events', async () => {
    await poll();
    const from = world.requests.length;
    const second = await poll();
    expect(sent(from)).toEqual([`GET /repos/${RELEASE_REPO}/releases`, `GET /repos/${RELEASE_REPO}/license`]);
    expect(world.requests.slice(from).every((r) => /^"[0-9a-f]{64}"$/.test(String(r.headers['if-none-match'])))).toBe(true);
    expect(second.result).toMatchObject({ requests: 2, notModified: 2, observations: [] });
    expect(second.stored).toEqual([]);
  });

  it('sees a new release and an edited one, and filters pre-releases and drafts when asked', async () => {
    const source = { ...repoSource, skipPrereleases: true };
    await poll(source);
    gh.releases = [
      release({ id: 72300001, tag: 'v2.0.0-rc.1', name: 'Version 2.0.0 RC 1', prerelease: true, publishedAt: '2026-04-29T08:00:00Z' }),
      release({ id: 72300002, tag: 'v1.1.0', name: 'Version 1.1.0', body: 'Adds Llama 4 support', publishedAt: '2026-04-28T08:00:00Z' }),
      release({ id: 72300003, tag: 'v1.2.0', draft: true }),
      { ...gh.releases[0]!, body: 'Initial release\n\nNow with checksums.' },
    ];
    const second = await poll(source);
    expect(kinds(second.stored)).toEqual(['release.edited', 'release.published']);
    const published = second.stored.find((e) => e.kind === 'release.published')!;
    expect(published).toMatchObject({ baseline: false, occurredAt: '2026-04-28T08:00:00Z', data: { tag: 'v1.1.0', prerelease: false } });
    const edited = second.stored.find((e) => e.kind === 'release.edited')!;
    expect(edited.summary).toBe(`${RELEASE_REPO} edited the notes of release v1.0.0 "Version 1.0.0".`);
    expect(second.diff.items.map((i) => i.key)).not.toContain(`gh:${RELEASE_REPO}:release:72300001`);
    // The page is the same next time: 304s, nothing new.
    const third = await poll(source);
    expect(third.result.notModified).toBe(2);
    expect(third.stored).toEqual([]);
  });

  it('reports pre-releases when not filtered, and their promotion to a release once', async () => {
    await poll();
    gh.releases = [release({ id: 72300001, tag: 'v2.0.0-rc.1', prerelease: true, publishedAt: '2026-04-29T08:00:00Z' }), ...gh.releases];
    const second = await poll();
    expect(second.stored.map((e) => e.summary)).toEqual([`${RELEASE_REPO} published pre-release v2.0.0-rc.1.`]);
    gh.releases[0] = { ...gh.releases[0]!, prerelease: false };
    const third = await poll();
    expect(third.stored.map((e) => [e.kind, e.dedupKey])).toEqual([
      ['release.published', `release.published:gh:${RELEASE_REPO}:release:72300001:promoted`],
    ]);
  });

  it('detects a LICENSE blob sha change with the same SPDX id as a licence text change', async () => {
    await poll();
    gh.license = { ...gh.license!, text: MIT_TEXT.replace('2022', '2022-2026') };
    const from = world.requests.length;
    const second = await poll();
    expect(second.result).toMatchObject({ requests: 2, notModified: 1 });
    expect(sent(from)).toEqual([`GET /repos/${RELEASE_REPO}/releases`, `GET /repos/${RELEASE_REPO}/license`]);
    expect(kinds(second.stored)).toEqual(['repo.license_text_changed']);
    const ev = second.stored[0]!;
    expect(ev.summary).toBe(`The LICENSE file of ${RELEASE_REPO} changed while its licence stayed MIT.`);
    expect(getLicenseText(h.db, loose(ev).data['toTextHash'] as string)).toContain('2022-2026');
    expect(loose(ev).data['fromSha']).not.toBe(loose(ev).data['toSha']);
  });

  it('detects an SPDX change as one licence change, and a licence appearing where there was none', async () => {
    gh.license = null;
    const first = await poll();
    expect(first.stored.map((e) => e.kind)).toEqual(['release.published']);
    gh.license = { spdx: 'MIT', key: 'mit', name: 'MIT License', text: MIT_TEXT };
    const second = await poll();
    expect(second.stored.map((e) => e.summary)).toEqual([`The licence of ${RELEASE_REPO} changed from none to MIT.`]);
    gh.license = { spdx: 'Apache-2.0', key: 'apache-2.0', name: 'Apache License 2.0', text: 'Apache License\nVersion 2.0, January 2004\n' };
    const third = await poll();
    expect(kinds(third.stored)).toEqual(['repo.license_changed']);
    expect(third.stored[0]!.data).toMatchObject({ from: 'MIT', to: 'Apache-2.0' });
  });

  it('a repository that does not exist is a permanent error naming the source', async () => {
    world.reset();
    world.route('GET', `/repos/${RELEASE_REPO}/releases?per_page=100`, {
      status: 404,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"message":"Not Found","documentation_url":"https://docs.github.com/rest/releases/releases#list-releases","status":"404"}',
    });
    const err = (await poll().catch((e: unknown) => e)) as SourceError;
    expect(err).toBeInstanceOf(SourceError);
    expect(err.transient).toBe(false);
    expect(err.message).toMatch(new RegExp(`^github: ${RELEASE_REPO}: 404 on releases: Not Found`));
  });

  it('a primary rate limit is a transient error with the reset time', async () => {
    world.reset();
    const reset = Math.floor(Date.now() / 1000) + 3600;
    world.route('GET', (u) => u.includes('/releases'), {
      status: 403,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(reset),
        'X-RateLimit-Limit': '60',
      },
      body: '{"message":"API rate limit exceeded for 203.0.113.7.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}',
    });
    const err = (await poll().catch((e: unknown) => e)) as SourceError;
    expect(err).toBeInstanceOf(SourceError);
    expect(err.transient).toBe(true);
    expect(err.message.startsWith(`github: ${RELEASE_REPO}: `)).toBe(true);
    expect(Math.abs(err.retryAt!.getTime() - reset * 1000)).toBeLessThan(2000);
  });
});

describe('github collector on an organisation', () => {
  let world: ReplayWorld;
  let h: Harness;
  const source = testSource({ vendorId: 'meta', kind: 'github', target: 'meta-llama' });

  beforeEach(async () => {
    world = await startReplayWorld();
    h = createHarness({ http: testHttpClient(), endpoints: { huggingface: world.url, github: world.url } });
  });
  afterEach(async () => {
    h.close();
    world.assertClean();
    await world.close();
  });

  it('reports new repositories whose names match the vendor lines, once, at one 304 per steady poll', async () => {
    const gh = new GhWorld('unused/unused', 'meta-llama');
    gh.orgRepos = [
      orgRepo('meta-llama', 'llama-stack', '2024-06-25T10:00:00Z'),
      orgRepo('meta-llama', 'llama-models', '2024-06-20T10:00:00Z'),
      orgRepo('meta-llama', 'PurpleLlama', '2023-12-01T10:00:00Z'),
      orgRepo('meta-llama', 'codellama-benchmarks-tooling', '2023-08-01T10:00:00Z'),
      orgRepo('meta-llama', 'pytorch-helpers', '2023-01-01T10:00:00Z'),
    ];
    routeGh(world, gh);
    const first = await h.poll(githubCollector, META, source);
    expect(first.stored.map((e) => loose(e).data['repo'])).toEqual([
      'meta-llama/llama-stack',
      'meta-llama/llama-models',
      'meta-llama/PurpleLlama',
      'meta-llama/codellama-benchmarks-tooling',
    ]);
    expect(first.stored.every((e) => e.kind === 'repo.new' && e.baseline)).toBe(true);

    gh.orgRepos = [
      orgRepo('meta-llama', 'muse-spark-sdk', '2026-04-08T16:00:00Z', 'SDK for Muse Spark'),
      orgRepo('meta-llama', 'infra-tools', '2026-04-07T16:00:00Z'),
      ...gh.orgRepos,
    ];
    const second = await h.poll(githubCollector, META, source);
    expect(second.stored).toHaveLength(1);
    expect(second.stored[0]).toMatchObject({
      kind: 'repo.new',
      baseline: false,
      dedupKey: 'repo.new:meta-llama/muse-spark-sdk',
      occurredAt: '2026-04-08T16:00:00Z',
      summary: 'New repository meta-llama/muse-spark-sdk on GitHub: SDK for Muse Spark.',
    });

    const from = world.requests.length;
    const third = await h.poll(githubCollector, META, source);
    expect(world.requests.length - from).toBe(1);
    expect(third.result).toMatchObject({ requests: 1, notModified: 1 });
    expect(third.stored).toEqual([]);
  });
});
