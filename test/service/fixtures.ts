// A database with sources in three states (healthy, failing, never polled), events and alerts.
import type { NewEvent } from '../../src/events/index.js';
import type { Db } from '../../src/store/db.js';
import { insertEvents } from '../../src/store/events.js';
import { markFailure, markSuccess, syncSources } from '../../src/store/sources.js';
import { testSource } from '../helpers/config.js';
import { asEvent } from '../helpers/events.js';

/** Contains a quote, a backslash and a line feed: label values must be escaped. */
export const ODD_ID = 'page:https://example.test/"odd"\\path\nx';
export const SECRET_ERROR = 'feed: token=hf_SECRETSECRET rejected';

export const SOURCES = [
  testSource({ id: 'hf:meta-llama', vendorId: 'meta', kind: 'huggingface', target: 'meta-llama' }),
  testSource({ id: 'feed:meta-blog', vendorId: 'meta', kind: 'feed', target: 'https://ai.meta.example/rss' }),
  testSource({ id: ODD_ID, vendorId: 'meta', kind: 'page', target: 'https://example.test/' }),
];

function event(kind: NewEvent['kind'], key: string, at: string): NewEvent {
  return asEvent({
    kind,
    dedupKey: key,
    vendorId: 'meta',
    modelId: null,
    sourceId: 'hf:meta-llama',
    occurredAt: at,
    seenAt: at,
    summary: key,
    severity: 'info',
    data: {},
    evidence: [],
    baseline: false,
  });
}

/** `now` is 2026-05-04T08:00:00Z; meta-llama succeeded 10 minutes before, the blog fails. */
export function seed(db: Db): void {
  syncSources(db, SOURCES);
  const ok = (at: string) =>
    markSuccess(db, 'hf:meta-llama', {
      now: at,
      nextCheckAt: '2026-05-04T08:15:00.000Z',
      cursor: {},
      requests: 2,
      events: 0,
      startedAt: at,
    });
  ok('2026-05-04T07:30:00.000Z');
  ok('2026-05-04T07:50:00.000Z');
  for (const at of ['2026-05-04T07:00:00.000Z', '2026-05-04T07:01:00.000Z', '2026-05-04T07:03:00.000Z']) {
    markFailure(db, 'feed:meta-blog', {
      now: at,
      nextCheckAt: '2026-05-04T08:10:00.000Z',
      error: SECRET_ERROR,
      transient: true,
      requests: 1,
      startedAt: at,
    });
  }
  const at = '2026-05-04T07:50:00.000Z';
  insertEvents(
    db,
    [event('model.new', 'm1', at), event('model.new', 'm2', at), event('model.license_changed', 'l1', at)],
    () => ['slack', 'email'],
    at,
  );
  db.prepare("UPDATE alerts SET status = 'sent' WHERE channel = 'slack'").run();
  db.prepare("UPDATE alerts SET status = 'dead' WHERE id = (SELECT MIN(id) FROM alerts WHERE channel = 'email')").run();
}
