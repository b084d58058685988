// Diff of GitHub observations: releases (new, promoted from pre-release, edited), a repo's
// licence (SPDX id, LICENSE blob sha), and new repositories of a watched org.
import type { ReleaseObservation, RepoLicenseObservation, RepoObservation } from '../model.js';
import type { TypeDiff } from './types.js';
import { dedupKey, evidence, makeEvent, short } from './util.js';

/** Items keep no licence text (it is stored once, by hash) and no release body (the hash is enough). */
function storedLicense(obs: RepoLicenseObservation): RepoLicenseObservation {
  const { licenseText: _text, ...rest } = obs;
  return rest;
}
function storedRelease(obs: ReleaseObservation): ReleaseObservation {
  const { body: _body, ...rest } = obs;
  return rest;
}

function releaseLabel(obs: ReleaseObservation): string {
  return obs.name && obs.name !== obs.tag ? `${obs.tag} "${obs.name}"` : obs.tag;
}

export const diffRelease: TypeDiff<ReleaseObservation> = (obs, prev, ctx, out) => {
  const before = prev?.type === 'release' ? (prev.state as ReleaseObservation) : undefined;
  out.items.push({ key: obs.key, type: 'release', state: storedRelease(obs), modelId: null });
  const ev = [evidence('release', obs.tag, obs.url, ctx.seenAt)];
  const data = { repo: obs.repo, tag: obs.tag, name: obs.name, prerelease: obs.prerelease, url: obs.url };

  if (!before) {
    out.events.push(
      makeEvent(ctx, {
        kind: 'release.published',
        dedupKey: dedupKey('release.published', obs.key),
        modelId: null,
        occurredAt: obs.publishedAt,
        severity: 'notice',
        summary: `${obs.repo} published ${obs.prerelease ? 'pre-release' : 'release'} ${releaseLabel(obs)}.`,
        data,
        evidence: ev,
      }),
    );
    return;
  }
  if (before.prerelease && !obs.prerelease) {
    out.events.push(
      makeEvent(ctx, {
        kind: 'release.published',
        dedupKey: dedupKey('release.published', obs.key, 'promoted'),
        modelId: null,
        severity: 'notice',
        summary: `${obs.repo} promoted pre-release ${releaseLabel(obs)} to a release.`,
        data: { ...data, promoted: true },
        evidence: ev,
      }),
    );
  } else if (before.contentHash !== obs.contentHash) {
    out.events.push(
      makeEvent(ctx, {
        kind: 'release.edited',
        dedupKey: dedupKey('release.edited', obs.key, short(obs.contentHash)),
        modelId: null,
        summary: `${obs.repo} edited the notes of release ${releaseLabel(obs)}.`,
        data: { ...data, fromHash: before.contentHash, toHash: obs.contentHash, fromName: before.name },
        evidence: [evidence('release_hash', obs.contentHash, obs.url, ctx.seenAt)],
      }),
    );
  }
};

export const diffRepoLicense: TypeDiff<RepoLicenseObservation> = (obs, prev, ctx, out) => {
  const before = prev?.type === 'repo-license' ? (prev.state as RepoLicenseObservation) : undefined;
  out.items.push({ key: obs.key, type: 'repo-license', state: storedLicense(obs), modelId: null });
  if (obs.licenseText && obs.licenseTextHash) out.licenseTexts.push({ hash: obs.licenseTextHash, text: obs.licenseText });
  if (!before) return; // the licence a repo has when first watched is its baseline state, not news

  const from = before.spdxId ?? 'none';
  const to = obs.spdxId ?? 'none';
  if (from !== to) {
    out.events.push(
      makeEvent(ctx, {
        kind: 'repo.license_changed',
        dedupKey: dedupKey('repo.license_changed', obs.repo, `${from}->${to}`, obs.blobSha),
        modelId: null,
        severity: 'warning',
        summary: `The licence of ${obs.repo} changed from ${from} to ${to}.`,
        data: { repo: obs.repo, from: before.spdxId, to: obs.spdxId, fromSha: before.blobSha, toSha: obs.blobSha },
        evidence: [evidence('license', obs.spdxId, obs.url, ctx.seenAt)],
      }),
    );
  } else if (before.blobSha && obs.blobSha && before.blobSha !== obs.blobSha) {
    out.events.push(
      makeEvent(ctx, {
        kind: 'repo.license_text_changed',
        dedupKey: dedupKey('repo.license_text_changed', obs.repo, `${short(before.blobSha)}->${short(obs.blobSha)}`),
        modelId: null,
        severity: 'warning',
        summary: `The LICENSE file of ${obs.repo} changed while its licence stayed ${to}.`,
        data: {
          repo: obs.repo,
          license: obs.spdxId,
          fromSha: before.blobSha,
          toSha: obs.blobSha,
          fromTextHash: before.licenseTextHash ?? null,
          toTextHash: obs.licenseTextHash ?? null,
        },
        evidence: [evidence('license_blob_sha', obs.blobSha, obs.url, ctx.seenAt)],
      }),
    );
  }
};

export const diffRepo: TypeDiff<RepoObservation> = (obs, prev, ctx, out) => {
  out.items.push({ key: obs.key, type: 'repo', state: obs, modelId: null });
  if (prev) return;
  out.events.push(
    makeEvent(ctx, {
      kind: 'repo.new',
      dedupKey: dedupKey('repo.new', obs.repo),
      modelId: null,
      occurredAt: obs.createdAt,
      severity: 'notice',
      summary: `New repository ${obs.repo} on GitHub${obs.description ? `: ${obs.description}` : ''}.`,
      data: { repo: obs.repo, description: obs.description, url: obs.url },
      evidence: [evidence('repo', obs.repo, obs.url, ctx.seenAt)],
    }),
  );
};
