// The pure diff of GitHub observations.
import { describe, expect, it } from 'vitest';
import { diffRelease, diffRepo, diffRepoLicense } from '../../src/diff/github.js';
import { emptyDiff, type DiffContext } from '../../src/diff/types.js';
import { dedupKey } from '../../src/diff/util.js';
import { passesFilters } from '../../src/shared/filters.js';
import { sha256 } from '../../src/shared/hash.js';
import type { KnownItem, ReleaseObservation, RepoLicenseObservation } from '../../src/model.js';
import { META, testSource } from '../helpers/config.js';

const source = testSource({ vendorId: 'meta', kind: 'github', target: 'meta-llama/llama-models' });
const ctx = (known: [string, KnownItem][] = []): DiffContext => ({
  source,
  vendor: META,
  seenAt: '2026-05-01T12:00:00.000Z',
  baseline: false,
  known: new Map(known),
});

const rel = (over: Partial<ReleaseObservation> = {}): ReleaseObservation => ({
  type: 'release',
  key: 'gh:meta-llama/llama-models:release:1',
  repo: 'meta-llama/llama-models',
  tag: 'v0.1.0',
  name: 'v0.1.0',
  prerelease: false,
  draft: false,
  publishedAt: '2024-07-23T15:00:00Z',
  url: 'https://github.com/meta-llama/llama-models/releases/tag/v0.1.0',
  contentHash: sha256('["v0.1.0","notes"]'),
  body: 'notes',
  ...over,
});
const lic = (over: Partial<RepoLicenseObservation> = {}): RepoLicenseObservation => ({
  type: 'repo-license',
  key: 'gh:meta-llama/llama-models:license',
  repo: 'meta-llama/llama-models',
  spdxId: 'NOASSERTION',
  blobSha: '1'.repeat(40),
  licenseTextHash: 'a'.repeat(64),
  url: 'https://github.com/meta-llama/llama-models/blob/main/LICENSE',
  ...over,
});

describe('diffRelease', () => {
  it('new → published at its publication date; same again → nothing; edited notes → edited once', () => {
    const out = emptyDiff();
    diffRelease(rel(), undefined, ctx(), out);
    expect(out.events.map((e) => [e.kind, e.occurredAt])).toEqual([['release.published', '2024-07-23T15:00:00Z']]);
    expect((out.items[0]!.state as ReleaseObservation).body).toBeUndefined();
    const known: KnownItem = { type: 'release', state: rel(), goneAt: null };
    const same = emptyDiff();
    diffRelease(rel(), known, ctx(), same);
    expect(same.events).toEqual([]);
    const edited = emptyDiff();
    diffRelease(rel({ contentHash: sha256('["v0.1.0","better notes"]') }), known, ctx(), edited);
    expect(edited.events.map((e) => e.kind)).toEqual(['release.edited']);
  });
});

describe('diffRepoLicense', () => {
  const known = (l: RepoLicenseObservation): KnownItem => ({ type: 'repo-license', state: l, goneAt: null });

  it('the first sight is state, not news', () => {
    const out = emptyDiff();
    diffRepoLicense(lic({ licenseText: 'LLAMA 3.1 COMMUNITY LICENSE AGREEMENT' }), undefined, ctx(), out);
    expect(out.events).toEqual([]);
    expect(out.licenseTexts).toEqual([{ hash: 'a'.repeat(64), text: 'LLAMA 3.1 COMMUNITY LICENSE AGREEMENT' }]);
  });

  it('a blob sha change under the same SPDX id is a text change; an SPDX change is a licence change', () => {
    const text = emptyDiff();
    diffRepoLicense(lic({ blobSha: '2'.repeat(40), licenseTextHash: 'b'.repeat(64) }), known(lic()), ctx(), text);
    expect(text.events.map((e) => e.dedupKey)).toEqual(['repo.license_text_changed:meta-llama/llama-models:111111111111->222222222222']);
    const id = emptyDiff();
    diffRepoLicense(lic({ spdxId: 'Apache-2.0', blobSha: '2'.repeat(40) }), known(lic()), ctx(), id);
    expect(id.events.map((e) => e.kind)).toEqual(['repo.license_changed']);
  });
});

describe('diffRepo and helpers', () => {
  it('a repo is new once', () => {
    const obs = {
      type: 'repo' as const,
      key: 'gh:meta-llama/llama-stack',
      repo: 'meta-llama/llama-stack',
      url: 'https://github.com/meta-llama/llama-stack',
      createdAt: '2024-06-25T10:00:00Z',
      description: null,
    };
    const out = emptyDiff();
    diffRepo(obs, undefined, ctx(), out);
    expect(out.events.map((e) => e.dedupKey)).toEqual(['repo.new:meta-llama/llama-stack']);
    const again = emptyDiff();
    diffRepo(obs, { type: 'repo', state: obs, goneAt: null }, ctx(), again);
    expect(again.events).toEqual([]);
  });

  it('dedup keys spell missing parts as none; filters are case-insensitive', () => {
    expect(dedupKey('repo.license_changed', 'a/b', null, undefined, '')).toBe('repo.license_changed:a/b:none:none:none');
    expect(passesFilters('Llama-4-Scout', ['llama'], ['guard'])).toBe(true);
    expect(passesFilters('Llama-Guard-4', ['llama'], ['guard'])).toBe(false);
    expect(passesFilters('Muse Spark', ['llama'])).toBe(false);
  });
});
