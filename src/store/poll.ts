// Records one successful poll in ONE transaction: item states, models, observations, licence
// texts, validators, the source's state, and the new events with their alerts. Returns only
// the events that are new (miniflux: store.RefreshFeedEntries returns the new entries).
import type { ScoreInput } from '../model.js';
import type { NewEvent, StoredEvent } from '../events/index.js';
import type { Validators } from '../http/index.js';
import type { Db } from './db.js';
import { insertEvents, type Router } from './events.js';
import { upsertItems, type ItemUpsert } from './items.js';
import { insertObservation, saveLicenseText, upsertModel, type ModelUpsert, type ObservationRow } from './models.js';
import { insertScores } from './scores.js';
import { markSuccess, saveValidators } from './sources.js';
import { moveModelHistory } from './releases.js';

export interface PollRecord {
  sourceId: string;
  startedAt: string;
  now: string;
  nextCheckAt: string;
  requests: number;
  cursor: Record<string, unknown>;
  validators: { url: string; validators: Validators }[];
  items: ItemUpsert[];
  models: ModelUpsert[];
  observations: ObservationRow[];
  licenseTexts: { hash: string; text: string }[];
  scores?: (ScoreInput & { modelId: string })[];
  events: NewEvent[];
  /** Events to add after `events` were stored, in the same transaction (the flood summary). */
  after?: () => NewEvent[];
}

export function recordPoll(db: Db, rec: PollRecord, route: Router): StoredEvent[] {
  return db
    .transaction(() => {
      for (const m of rec.models) upsertModel(db, m, rec.now);
      for (const o of rec.observations) insertObservation(db, o, rec.now);
      for (const t of rec.licenseTexts) saveLicenseText(db, t.hash, t.text, rec.now);
      if (rec.scores?.length) insertScores(db, rec.scores, rec.now);
      upsertItems(db, rec.sourceId, rec.items, rec.now);
      saveValidators(db, rec.sourceId, rec.validators, rec.now);
      const stored = insertEvents(db, rec.events, route, rec.now);
      // A rename moves the model's history to its new id (the old id stays as an alias).
      for (const e of stored)
        if (e.kind === 'model.renamed' && typeof e.data['from'] === 'string' && typeof e.data['to'] === 'string')
          moveModelHistory(db, e.data['from'], e.data['to']);
      const more = rec.after?.() ?? [];
      if (more.length) stored.push(...insertEvents(db, more, route, rec.now));
      markSuccess(db, rec.sourceId, {
        now: rec.now,
        nextCheckAt: rec.nextCheckAt,
        cursor: rec.cursor,
        requests: rec.requests,
        events: stored.length,
        startedAt: rec.startedAt,
      });
      return stored;
    })
    .immediate();
}
