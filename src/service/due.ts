// Which sources are due now (pure): the scheduling decision of `modelwatch run`, apart from
// the timer that asks for it, so it is tested on an injected clock.

/** The part of a source row the decision needs (`SourceRow` from store/sources.ts fits). */
export interface DueRow {
  id: string;
  nextCheckAt: string | null;
}

/**
 * Ids of the configured sources that should be polled at `now`, most overdue first.
 * Due: no row yet or never scheduled (`nextCheckAt` null), or `nextCheckAt <= now`.
 * Not due: already in flight (a source never overlaps itself), or checked later.
 * Rows of sources no longer configured are ignored. An unreadable `nextCheckAt` counts as
 * due: a source is never silently dropped.
 */
export function dueSources(
  rows: readonly DueRow[],
  configured: readonly { id: string }[],
  now: Date,
  inFlight: ReadonlySet<string>,
): string[] {
  const nextById = new Map(rows.map((r) => [r.id, r.nextCheckAt]));
  const nowMs = now.getTime();
  const due: { id: string; at: number; order: number }[] = [];
  configured.forEach(({ id }, order) => {
    if (inFlight.has(id)) return;
    const next = nextById.get(id);
    const at = next == null ? -Infinity : Date.parse(next);
    if (Number.isNaN(at)) due.push({ id, at: -Infinity, order });
    else if (at <= nowMs) due.push({ id, at, order });
  });
  // Never-polled first, then by how long overdue; ties keep the configured order.
  return due.sort((a, b) => a.at - b.at || a.order - b.order).map((d) => d.id);
}
