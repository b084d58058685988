// After collection: (re)classify the models that changed, from the evidence in the store.
// Forward-only: a changed result is a new classification row and a dated `model.reclassified`
// event; earlier rows are never rewritten (docs/domain.md rule 2).
import { classify, repoFactsFromObservation, type AccessSignal, type ClassifyInput } from '../classify/classify.js';
import type { LicenseKb } from '../classify/licenses.js';
import type { Override } from '../config/index.js';
import type { Classification, Evidence, Level, ModelObservation } from '../model.js';
import type { NewEvent, StoredEvent } from '../events/index.js';
import { insertClassification, latestClassification, markClassified } from '../store/classifications.js';
import type { Db } from '../store/db.js';
import { insertEvents, queryEvents, type Router } from '../store/events.js';
import { getLicenseText, getModel, setModelLevel } from '../store/models.js';
import { latestModelState } from '../store/items.js';

export interface ClassifyDeps {
  db: Db;
  kb: LicenseKb;
  overrides: readonly Override[];
  route: Router;
  now: () => Date;
}

/** Gathers a model's evidence from the store into the classifier's input. */
export function classifyInput(db: Db, modelId: string, overrides: readonly Override[]): ClassifyInput {
  const state = latestModelState(db, modelId);
  const obs = state?.state.type === 'model' ? (state.state as ModelObservation) : null;
  const repo = obs ? repoFactsFromObservation(withText(db, obs), state!.lastSeenAt) : null;
  if (repo && state?.goneAt) repo.withdrawn = true;
  const access: AccessSignal[] = queryEvents(db, { modelId, kinds: ['announcement'] }).flatMap((e) =>
    e.evidence
      .filter((ev: Evidence) => ev.signal === 'access' && (ev.value === 'api' || ev.value === 'hosted' || ev.value === 'announced'))
      .map((ev) => ({ signal: 'access' as const, value: ev.value as AccessSignal['value'], sourceUrl: ev.sourceUrl, seenAt: ev.seenAt })),
  );
  const o = overrides.find((x) => x.model.toLowerCase() === modelId.toLowerCase());
  return { modelId, repo, access, override: o ? { level: o.level, reason: o.reason, sourceUrl: 'feeds/overrides.yaml' } : null };
}

function withText(db: Db, obs: ModelObservation): ModelObservation {
  if (obs.licenseText || !obs.licenseTextHash) return obs;
  return { ...obs, licenseText: getLicenseText(db, obs.licenseTextHash) ?? null };
}

/** Classifies the given models; stores changed results with their events in one transaction. */
export function classifyModels(deps: ClassifyDeps, modelIds: Iterable<string>): StoredEvent[] {
  const now = deps.now().toISOString();
  // One transaction for the whole batch: each model's classification, level and event are
  // written together, and a large first poll does not pay one commit per model.
  return deps.db
    .transaction(() => {
      const out: StoredEvent[] = [];
      for (const id of new Set(modelIds)) {
        const model = getModel(deps.db, id);
        if (!model) continue;
        // A renamed-away id is an alias: its history lives under the new id (store/releases.ts).
        if (model.renamedTo) {
          markClassified(deps.db, model.id, now);
          continue;
        }
        const next = classify(classifyInput(deps.db, model.id, deps.overrides), deps.kb);
        const prev = latestClassification(deps.db, model.id);
        markClassified(deps.db, model.id, now);
        if (prev && sameResult(prev, next)) continue;
        // A withdrawn repo keeps its last known level, marked withdrawn: the withdrawal is its one
        // event and alert, not also a reclassification to unknown (issue 11).
        if (model.withdrawnAt && next.level === null && prev && prev.level !== null) continue;
        insertClassification(deps.db, next, now);
        setModelLevel(deps.db, model.id, next.level, now);
        markClassified(deps.db, model.id, now);
        if (prev && prev.level !== next.level) {
          out.push(...insertEvents(deps.db, [reclassifiedEvent(model.vendorId, model.name, prev.level, next, now)], deps.route, now));
        }
      }
      return out;
    })
    .immediate();
}

function sameResult(a: Classification, b: Classification): boolean {
  return (
    a.level === b.level &&
    a.decidedBy === b.decidedBy &&
    a.rulesVersion === b.rulesVersion &&
    JSON.stringify(a.conflicts) === JSON.stringify(b.conflicts) &&
    JSON.stringify(a.override) === JSON.stringify(b.override)
  );
}

function reclassifiedEvent(
  vendorId: string | null,
  name: string,
  from: Level | null,
  c: Classification,
  now: string,
): NewEvent<'model.reclassified'> {
  const to = c.level;
  return {
    kind: 'model.reclassified',
    dedupKey: `model.reclassified:${c.modelId}:${from ?? 'unknown'}->${to ?? 'unknown'}:${now}`,
    vendorId,
    modelId: c.modelId,
    sourceId: null,
    occurredAt: now,
    seenAt: now,
    summary: `${name} moved from openness level ${from ?? 'unknown'} to ${to ?? 'unknown'}: ${c.decidedBy}.`,
    severity: 'warning',
    data: { from, to, decidedBy: c.decidedBy, rulesVersion: c.rulesVersion, conflicts: c.conflicts },
    // Newest evidence first: an alert links to what caused the change, not to the oldest post.
    evidence: [...c.evidence].sort((a, b) => b.seenAt.localeCompare(a.seenAt)),
    baseline: false,
  };
}

/** Model ids touched by a set of events (what a cycle needs to reclassify). */
export function touchedModels(events: StoredEvent[]): string[] {
  return [...new Set(events.map((e) => e.modelId).filter((m): m is string => !!m))];
}
