// Diff of Hugging Face model repos: a ModelObservation or ModelGoneObservation against what the
// source saw before → item state, model row, observation log row, licence text, events.
//
// Model ids are HF repo ids. A rename keeps the old row (with `renamedTo`) and starts a row for
// the new id; both carry the same `hubId` (HF `_id`, which survives renames), so history can be
// joined. A new repo whose `_id` is already known under another key is that rename's new name,
// not a new model.
import { storedModelState, type KnownItem, type ModelGoneObservation, type ModelObservation } from '../model.js';
import type { ModelUpsert, ObservationRow } from '../store/models.js';
import type { DiffContext, TypeDiff } from './types.js';
import { assignLine } from '../classify/lines.js';
import { dedupKey, evidence, makeEvent, short } from './util.js';

/** HF's `createdAt` for every repo created before creation dates were stored. */
export const HF_PLACEHOLDER_CREATED_AT = '2022-03-02T23:29:04.000Z';

export function realCreatedAt(createdAt: string | null | undefined): string | null {
  return createdAt && createdAt !== HF_PLACEHOLDER_CREATED_AT ? createdAt : null;
}

function modelName(repoId: string): string {
  return repoId.slice(repoId.indexOf('/') + 1);
}

function licenseLabel(obs: ModelObservation): string {
  return obs.license.id ?? 'none';
}

function gatingLabel(g: ModelObservation['gated']): string {
  return g === false ? 'not gated' : `gated "${g}"`;
}

function modelUpsert(obs: ModelObservation, ctx: DiffContext, releasedAt: string | null): ModelUpsert {
  const name = modelName(obs.repoId);
  const line = assignLine(ctx.vendor, obs.repoId);
  return {
    id: obs.repoId,
    vendorId: ctx.vendor.id,
    name,
    line: line.line,
    lineReason: line.reason,
    hubId: obs.hubId ?? null,
    url: obs.url,
    releasedAt,
    licenseId: obs.license.id,
    gated: obs.gated,
    weights: obs.weightFiles.length > 0,
    parameters: obs.parameters ?? null,
    withdrawnAt: null,
    renamedTo: null,
  };
}

/** The fields whose change is worth a row in the observation log (not downloads or likes). */
function relevant(o: ModelObservation): string {
  return JSON.stringify([
    o.license.id,
    o.license.name ?? null,
    o.license.link ?? null,
    o.licenseTextHash ?? null,
    o.gated,
    o.private,
    o.disabled,
    [...o.weightFiles].sort(),
    o.parameters ?? null,
  ]);
}

function observationRow(obs: ModelObservation, ctx: DiffContext): ObservationRow {
  return {
    modelId: obs.repoId,
    sourceId: ctx.source.id,
    licenseId: obs.license.id,
    licenseName: obs.license.name ?? null,
    licenseLink: obs.license.link ?? null,
    licenseTextHash: obs.licenseTextHash ?? null,
    gated: obs.gated,
    private: obs.private,
    disabled: obs.disabled,
    weights: obs.weightFiles.length > 0,
    parameters: obs.parameters ?? null,
    sha: obs.sha ?? null,
    lastModified: obs.lastModified ?? null,
    state: storedModelState(obs),
  };
}

/** The model state known under another key with the same hub id: the repo before a rename. */
function knownByHubId(obs: ModelObservation, ctx: DiffContext): KnownItem | undefined {
  if (!obs.hubId) return undefined;
  for (const [key, item] of ctx.known) {
    if (key !== obs.key && item.type === 'model' && (item.state as ModelObservation).hubId === obs.hubId) return item;
  }
  return undefined;
}

export const diffModel: TypeDiff<ModelObservation> = (obs, prev, ctx, out) => {
  const prevItem = prev?.type === 'model' ? prev : knownByHubId(obs, ctx);
  const before = prevItem ? (prevItem.state as ModelObservation) : undefined;
  const renamedFrom = before && before.key !== obs.key ? before.repoId : undefined;
  const id = obs.repoId;
  const seen = ctx.seenAt;
  const ev = (signal: string, value: string | number | boolean | null) => [evidence(signal, value, obs.url, seen)];
  const rev = obs.sha ?? obs.lastModified;

  // createdAt unless it is the placeholder; then the first sight's lastModified. Later sights
  // pass null and the store keeps the date it has (it never moves a release date later).
  const releasedAt =
    realCreatedAt(obs.createdAt) ?? (!before ? (obs.lastModified ?? seen) : renamedFrom ? (before.lastModified ?? null) : null);
  out.models.push(modelUpsert(obs, ctx, releasedAt));
  out.items.push({ key: obs.key, type: 'model', state: storedModelState(obs), modelId: id });
  if (obs.licenseText && obs.licenseTextHash) out.licenseTexts.push({ hash: obs.licenseTextHash, text: obs.licenseText });
  if (!before || relevant(before) !== relevant(obs)) out.observations.push(observationRow(obs, ctx));
  // Card evaluation results (model-index) are stored when they first appear or change.
  const claims = (x: ModelObservation | undefined) => JSON.stringify((x?.scores ?? []).map((c) => [c.benchmark, c.score]));
  if (obs.scores?.length && claims(before) !== claims(obs)) out.scores.push(...obs.scores.map((c) => ({ ...c, modelId: id })));

  if (!before) {
    const weights = obs.weightFiles.length;
    out.events.push(
      makeEvent(ctx, {
        kind: 'model.new',
        dedupKey: dedupKey('model.new', id),
        modelId: id,
        occurredAt: releasedAt,
        severity: 'notice',
        summary: `New model ${id} on Hugging Face (licence ${licenseLabel(obs)}, ${gatingLabel(obs.gated)}, ${weights ? `${weights} weight file${weights === 1 ? '' : 's'}` : 'no weight files yet'}).`,
        data: {
          repoId: id,
          hubId: obs.hubId ?? null,
          license: obs.license.id,
          gated: obs.gated,
          weightFiles: weights,
          parameters: obs.parameters ?? null,
        },
        evidence: [
          evidence('api', 'listed', obs.url, seen),
          evidence('license', obs.license.id, obs.url, seen),
          evidence('weights', weights, obs.url, seen),
        ],
      }),
    );
    return;
  }

  if (prevItem?.goneAt && !renamedFrom) {
    out.events.push(
      makeEvent(ctx, {
        kind: 'model.visibility_changed',
        dedupKey: dedupKey('model.visibility_changed', id, 'restored', rev),
        modelId: id,
        severity: 'notice',
        summary: `${id} is listed on Hugging Face again after it had gone.`,
        data: { from: 'gone', to: 'listed' },
        evidence: ev('api', 'listed'),
      }),
    );
  }

  const fromLicense = licenseLabel(before);
  const toLicense = licenseLabel(obs);
  if (fromLicense !== toLicense) {
    out.events.push(
      makeEvent(ctx, {
        kind: 'model.license_changed',
        dedupKey: dedupKey('model.license_changed', id, `${fromLicense}->${toLicense}`, rev),
        modelId: id,
        occurredAt: obs.lastModified,
        severity: 'warning',
        summary: `The licence of ${id} changed from ${fromLicense} to ${toLicense}.`,
        data: {
          from: before.license,
          to: obs.license,
          fromTextHash: before.licenseTextHash ?? null,
          toTextHash: obs.licenseTextHash ?? null,
        },
        evidence: ev('license', obs.license.id),
      }),
    );
  } else if (before.licenseTextHash && obs.licenseTextHash && before.licenseTextHash !== obs.licenseTextHash) {
    out.events.push(
      makeEvent(ctx, {
        kind: 'model.license_text_changed',
        dedupKey: dedupKey('model.license_text_changed', id, `${short(before.licenseTextHash)}->${short(obs.licenseTextHash)}`),
        modelId: id,
        occurredAt: obs.lastModified,
        severity: 'warning',
        summary: `The licence text of ${id} changed while its licence id stayed ${toLicense}.`,
        data: { license: obs.license.id, from: before.licenseTextHash, to: obs.licenseTextHash },
        evidence: ev('license_text_hash', obs.licenseTextHash),
      }),
    );
  }

  if (before.gated !== obs.gated) {
    out.events.push(
      makeEvent(ctx, {
        kind: 'model.gating_changed',
        dedupKey: dedupKey('model.gating_changed', id, `${String(before.gated)}->${String(obs.gated)}`, rev),
        modelId: id,
        severity: 'notice',
        summary: `${id} went from ${gatingLabel(before.gated)} to ${gatingLabel(obs.gated)}.`,
        data: { from: before.gated, to: obs.gated },
        evidence: ev('gating', obs.gated),
      }),
    );
  }

  if (before.weightFiles.length === 0 && obs.weightFiles.length > 0) {
    out.events.push(
      makeEvent(ctx, {
        kind: 'model.weights_published',
        dedupKey: dedupKey('model.weights_published', id, rev),
        modelId: id,
        occurredAt: obs.lastModified,
        severity: 'notice',
        summary: `Weights of ${id} were published on Hugging Face (${obs.weightFiles.length} weight file${obs.weightFiles.length === 1 ? '' : 's'}).`,
        data: { files: obs.weightFiles.slice(0, 20), count: obs.weightFiles.length },
        evidence: ev('weights', obs.weightFiles.length),
      }),
    );
  }

  if (before.weightFiles.length > 0 && obs.weightFiles.length === 0) {
    out.events.push(
      makeEvent(ctx, {
        kind: 'model.weights_removed',
        dedupKey: dedupKey('model.weights_removed', id, rev),
        modelId: id,
        occurredAt: obs.lastModified,
        severity: 'warning',
        summary: `Weights of ${id} were removed from Hugging Face (${before.weightFiles.length} weight file${before.weightFiles.length === 1 ? '' : 's'} before, none now).`,
        data: { files: before.weightFiles.slice(0, 20), count: 0, before: before.weightFiles.length },
        evidence: ev('weights', 0),
      }),
    );
  }

  for (const flag of ['private', 'disabled'] as const) {
    if (before[flag] === obs[flag]) continue;
    out.events.push(
      makeEvent(ctx, {
        kind: 'model.visibility_changed',
        dedupKey: dedupKey('model.visibility_changed', id, flag, `${before[flag]}->${obs[flag]}`, rev),
        modelId: id,
        severity: 'notice',
        summary: `${id} is ${obs[flag] ? 'now' : 'no longer'} ${flag} on Hugging Face.`,
        data: { flag, from: before[flag], to: obs[flag] },
        evidence: ev(flag, obs[flag]),
      }),
    );
  }
};

export const diffModelGone: TypeDiff<ModelGoneObservation> = (obs, prev, ctx, out) => {
  if (prev?.goneAt) return; // reported when it went
  const before = prev?.type === 'model' ? (prev.state as ModelObservation) : undefined;
  const id = obs.repoId;
  const seen = ctx.seenAt;
  out.items.push({ key: obs.key, type: before ? 'model' : 'model-gone', state: before ?? obs, modelId: id, gone: true });
  const lastRev = before ? (before.sha ?? before.lastModified) : null;
  const base = before ? modelUpsert(before, ctx, realCreatedAt(before.createdAt)) : undefined;
  const evid = [evidence('api', obs.status, obs.url, seen)];

  if (obs.reason === 'renamed' && obs.renamedTo) {
    const to = obs.renamedTo;
    if (base) {
      out.models.push({ ...base, renamedTo: to });
      // The new name's own row, linked by hub id; the listing (if it holds it) fills in the rest.
      const renamed = modelUpsert(
        { ...before!, key: `hf:${to}`, repoId: to },
        ctx,
        realCreatedAt(before!.createdAt) ?? before!.lastModified ?? null,
      );
      out.models.push({ ...renamed, url: obs.url.replace(id, to) });
    }
    out.events.push(
      makeEvent(ctx, {
        kind: 'model.renamed',
        dedupKey: dedupKey('model.renamed', `${id}->${to}`),
        modelId: id,
        severity: 'notice',
        summary: `${id} was renamed to ${to} on Hugging Face.`,
        data: { from: id, to, status: obs.status, hubId: before?.hubId ?? null },
        evidence: evid,
      }),
    );
    return;
  }

  if (base) out.models.push({ ...base, withdrawnAt: obs.reason === 'withdrawn' ? seen : null });
  if (obs.reason === 'withdrawn') {
    out.events.push(
      makeEvent(ctx, {
        kind: 'model.withdrawn',
        dedupKey: dedupKey('model.withdrawn', id, lastRev),
        modelId: id,
        severity: 'warning',
        summary: `${id} is no longer available on Hugging Face (${obs.status}${obs.errorCode ? ` ${obs.errorCode}` : ''}).`,
        data: { status: obs.status, errorCode: obs.errorCode ?? null, lastSha: before?.sha ?? null },
        evidence: evid,
      }),
    );
    return;
  }
  out.events.push(
    makeEvent(ctx, {
      kind: 'model.visibility_changed',
      dedupKey: dedupKey('model.visibility_changed', id, obs.reason, lastRev),
      modelId: id,
      severity: 'warning',
      summary: `${id} was made ${obs.reason} on Hugging Face (${obs.status}).`,
      data: { to: obs.reason, status: obs.status, errorCode: obs.errorCode ?? null },
      evidence: evid,
    }),
  );
};
