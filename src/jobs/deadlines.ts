// A cycle step: deadlines whose date has passed are marked reached and raise `deadline.reached`
// (once: the mark and the event share one transaction, and the event's dedup key is the deadline).
import type { NewEvent, StoredEvent } from '../events/index.js';
import type { Db } from '../store/db.js';
import { dueDeadlines, markDeadlineReached } from '../store/deadlines.js';
import { insertEvents, queryEvents, type Router } from '../store/events.js';
import { getModel } from '../store/models.js';

export interface DeadlineDeps {
  db: Db;
  route: Router;
  now: () => Date;
  /** Vendor ids, to tell a vendor subject from a model subject. */
  vendorIds: ReadonlySet<string>;
}

export function checkDeadlines(deps: DeadlineDeps): StoredEvent[] {
  const now = deps.now().toISOString();
  const out: StoredEvent[] = [];
  for (const d of dueDeadlines(deps.db, now)) {
    const isVendor = deps.vendorIds.has(d.subject);
    const model = isVendor ? undefined : getModel(deps.db, d.subject);
    const vendorId = isVendor ? d.subject : (model?.vendorId ?? null);
    const changed = queryEvents(deps.db, {
      ...(isVendor ? { vendorId: d.subject } : { modelId: model?.id ?? d.subject }),
      since: d.createdAt,
      includeBaseline: false,
    }).filter((e) => e.kind !== 'deadline.reached');
    const event: NewEvent<'deadline.reached'> = {
      kind: 'deadline.reached',
      dedupKey: `deadline.reached:${d.id}`,
      vendorId,
      modelId: model?.id ?? null,
      sourceId: null,
      occurredAt: now,
      seenAt: now,
      summary: `Decision deadline for ${d.subject} reached (${d.date.slice(0, 10)})${d.note ? `: ${d.note}` : ''}; ${changed.length} change(s) since it was set.`,
      severity: 'warning',
      data: {
        deadlineId: d.id,
        subject: d.subject,
        date: d.date,
        note: d.note,
        setAt: d.createdAt,
        changes: changed.slice(-10).map((e) => ({ kind: e.kind, summary: e.summary, at: e.occurredAt })),
      },
      evidence: [],
      baseline: false,
    };
    out.push(
      ...deps.db
        .transaction(() => (markDeadlineReached(deps.db, d.id, now) ? insertEvents(deps.db, [event], deps.route, now) : []))
        .immediate(),
    );
  }
  return out;
}
