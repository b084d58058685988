// Reads one week of history into DigestData. All SQL lives in src/store; this file only
// chooses what to read and shapes it. Gap metrics come from the gap engine's snapshots and are
// read defensively: a missing or malformed field is shown as unknown, never a crash.
import { UsageError } from '../errors.js';
import { eventUrl, headline, kindEntry, type KindEntry, type StoredEvent } from '../events/index.js';
import { gapTrend } from '../gap/trend.js';
import { listDeadlines } from '../store/deadlines.js';
import { gapSnapshotVendors, gapSnapshotAt, type GapSnapshotAt } from '../store/digests.js';
import type { Db } from '../store/db.js';
import { queryEvents } from '../store/events.js';
import { listReleasesWithArtefacts, releasesAsOf, releaseVendorIds, type ReleaseAsOf } from '../store/releases.js';
import { listSources } from '../store/sources.js';
import { deriveStrategy } from './strategy.js';
import type {
  ChangeItem,
  DeadlineItem,
  DigestData,
  GapRow,
  ReleaseItem,
  SourceHealth,
  StrategyRow,
  Trend,
  VendorReleases,
} from './types.js';
import { previousWeek, weekContaining, type WeekRange } from './week.js';

export interface VendorInfo {
  name: string;
  strategy?: string;
  /** The vendor's first recency band (days; default 90): an older latest open release is a stalled open line. */
  recencyBandDays?: number;
}

export interface CollectOptions {
  /** [weekStart, weekEnd): ISO instants or Dates (a WeekRange's start and end). */
  weekStart: string | Date;
  weekEnd: string | Date;
  tz: string;
  /** Display names and stated strategies, from the vendors' config. */
  vendors?: ReadonlyMap<string, VendorInfo>;
  /** Weeks of M1 history (default 12). */
  historyWeeks?: number;
}

const DAY_MS = 86_400_000;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

export function collectDigestData(db: Db, opts: CollectOptions): DigestData {
  const start = typeof opts.weekStart === 'string' ? Date.parse(opts.weekStart) : opts.weekStart.getTime();
  const end = typeof opts.weekEnd === 'string' ? Date.parse(opts.weekEnd) : opts.weekEnd.getTime();
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
    throw new UsageError(`digest: invalid week span ${String(opts.weekStart)} – ${String(opts.weekEnd)}`);
  }
  const startIso = new Date(start).toISOString();
  const endIso = new Date(end).toISOString();
  const range: WeekRange = weekContaining(new Date(start), opts.tz);
  const vendorName = (id: string | null) =>
    id === null ? 'all vendors' : id === '*' ? 'all vendors' : (opts.vendors?.get(id)?.name ?? id);
  const inWeek = (iso: string | null | undefined) => {
    const t = iso ? Date.parse(iso) : NaN;
    return t >= start && t < end;
  };
  // String bounds with a day of margin (time zone offsets in stored strings), then exact filtering.
  const since = new Date(start - DAY_MS).toISOString();
  const until = new Date(end + DAY_MS).toISOString();
  const weekEvents = queryEvents(db, { since, until }).filter((e) => inWeek(e.occurredAt));

  const change = (e: StoredEvent): ChangeItem => ({
    vendorId: e.vendorId,
    vendor: vendorName(e.vendorId),
    kind: e.kind,
    headline: headline(e),
    occurredAt: e.occurredAt,
    url: eventUrl(e),
  });
  // Each kind's section is its catalogue entry's `digest` (src/events/catalogue.ts).
  const changes = (section: KindEntry['digest']) =>
    weekEvents.filter((e) => !e.baseline && kindEntry(e.kind)?.digest === section).map(change);

  return {
    week: range.week,
    start: startIso,
    end: endIso,
    tz: opts.tz,
    releases: collectReleases(db, since, until, endIso, inWeek, vendorName),
    licenceChanges: changes('licence'),
    gatingChanges: changes('gating'),
    otherChanges: changes('other'),
    strategy: collectStrategy(db, opts, endIso, vendorName),
    gap: collectGap(db, startIso, endIso, vendorName),
    history: collectHistory(db, range, opts.historyWeeks ?? 12, endIso, vendorName),
    year: collectYear(db, range, endIso, vendorName),
    sources: collectSources(db),
    deadlines: collectDeadlines(db, end, inWeek),
  };
}

/**
 * The releases of the week (docs/domain.md "release"): one entry per row of `releases` dated in
 * the week, whatever the number of its artefacts, with its side, level and licence as they were
 * at the end of the week (the `release_levels` row recorded by then, else the first recorded).
 */
function collectReleases(
  db: Db,
  since: string,
  until: string,
  endIso: string,
  inWeek: (iso: string | null | undefined) => boolean,
  vendorName: (id: string | null) => string,
): VendorReleases[] {
  const rows = listReleasesWithArtefacts(db, { since, before: until }).filter((r) => inWeek(r.releasedAt));
  const asOf = new Map<number, ReleaseAsOf>();
  for (const vendorId of new Set(rows.map((r) => r.vendorId))) {
    for (const r of releasesAsOf(db, vendorId, endIso, 'released')) asOf.set(r.id, r);
  }
  const groups = new Map<string, ReleaseItem[]>();
  for (const r of rows) {
    const then = asOf.get(r.id);
    const side = then?.side ?? r.side;
    const item: ReleaseItem = {
      releaseId: r.id,
      modelId: r.mainModel,
      name: r.name,
      family: r.family,
      side,
      line: side === 'pending' ? r.expectedSide : side,
      level: then ? then.level : r.level,
      licence: then ? then.licenseId : r.licenseId,
      artefacts: r.artefacts,
      auxiliary: r.auxiliary,
      releasedAt: r.releasedAt!,
      url: r.url,
    };
    const list = groups.get(r.vendorId) ?? [];
    list.push(item);
    groups.set(r.vendorId, list);
  }
  return [...groups.entries()]
    .map(([vendorId, items]) => ({
      vendorId,
      vendor: vendorName(vendorId),
      items: items.sort((a, b) => Date.parse(a.releasedAt) - Date.parse(b.releasedAt) || a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => a.vendor.localeCompare(b.vendor));
}

function collectStrategy(db: Db, opts: CollectOptions, asOf: string, vendorName: (id: string | null) => string): StrategyRow[] {
  const ids = new Set<string>(opts.vendors ? [...opts.vendors.keys()] : []);
  for (const id of releaseVendorIds(db)) ids.add(id);
  const rows: StrategyRow[] = [];
  for (const id of ids) {
    const info = opts.vendors?.get(id);
    // Releases dated by the week's end, each with its side, level and licence as recorded by then.
    const vendor = { id, name: vendorName(id), strategy: info?.strategy, recencyBandDays: info?.recencyBandDays };
    const row = deriveStrategy(vendor, releasesAsOf(db, id, asOf, 'released'), asOf);
    if (row) rows.push(row);
  }
  return rows.sort((a, b) => a.vendor.localeCompare(b.vendor));
}

function m1(s: GapSnapshotAt | undefined): number | null {
  return s ? num(s.metrics.recencyGapDays) : null;
}

function trendOf(cur: GapSnapshotAt, prev: GapSnapshotAt | undefined): Trend {
  const point = (x: GapSnapshotAt) => ({ recencyGapDays: m1(x), proprietaryStreak: num(x.metrics.proprietaryStreak) });
  return gapTrend(point(cur), prev && point(prev));
}

function reasonsOf(s: GapSnapshotAt): string[] {
  const raw = Array.isArray(s.metrics.reasons) && s.metrics.reasons.length ? s.metrics.reasons : s.reasons;
  return raw
    .map((r) =>
      typeof r === 'string'
        ? r
        : r && typeof r === 'object'
          ? (str((r as Record<string, unknown>).summary) ??
            str((r as Record<string, unknown>).reason) ??
            str((r as Record<string, unknown>).kind))
          : null,
    )
    .filter((r): r is string => r !== null);
}

function collectGap(db: Db, weekStart: string, weekEnd: string, vendorName: (id: string | null) => string): GapRow[] {
  const rows: GapRow[] = [];
  for (const id of gapSnapshotVendors(db, weekEnd)) {
    const cur = gapSnapshotAt(db, id, weekEnd);
    if (!cur) continue;
    const prev = gapSnapshotAt(db, id, weekStart);
    const share = num(cur.metrics.openShare180d);
    rows.push({
      vendorId: id,
      vendor: vendorName(id),
      at: cur.at,
      recencyGapDays: m1(cur),
      previousRecencyGapDays: m1(prev),
      proprietaryStreak: num(cur.metrics.proprietaryStreak),
      openShare180d: share,
      widening: typeof cur.metrics.widening === 'boolean' ? cur.metrics.widening : cur.widening,
      reasons: reasonsOf(cur),
      trend: trendOf(cur, prev),
    });
  }
  // Vendors by name, the cross-vendor row ('*') last.
  return rows.sort((a, b) => Number(a.vendorId === '*') - Number(b.vendorId === '*') || a.vendor.localeCompare(b.vendor));
}

function collectHistory(
  db: Db,
  range: WeekRange,
  weeks: number,
  weekEnd: string,
  vendorName: (id: string | null) => string,
): DigestData['history'] {
  const ranges: WeekRange[] = [range];
  while (ranges.length < weeks) ranges.unshift(previousWeek(ranges[0]!));
  const vendors = gapSnapshotVendors(db, weekEnd).filter((id) => id !== '*');
  return {
    weeks: ranges.map((r) => r.week),
    series: vendors
      .map((id) => ({ vendorId: id, vendor: vendorName(id), points: ranges.map((r) => m1(gapSnapshotAt(db, id, r.end.toISOString()))) }))
      .sort((a, b) => a.vendor.localeCompare(b.vendor)),
  };
}

/** M1 and the 180-day open share at the end of each of the last 52 weeks (the digest's chart). */
function collectYear(db: Db, range: WeekRange, weekEnd: string, vendorName: (id: string | null) => string): DigestData['year'] {
  const ranges: WeekRange[] = [range];
  while (ranges.length < 52) ranges.unshift(previousWeek(ranges[0]!));
  const vendors = gapSnapshotVendors(db, weekEnd).filter((id) => id !== '*');
  return {
    weeks: ranges.map((r) => r.week),
    series: vendors
      .map((id) => {
        const snaps = ranges.map((r) => gapSnapshotAt(db, id, r.end.toISOString()));
        return {
          vendorId: id,
          vendor: vendorName(id),
          m1: snaps.map(m1),
          openShare: snaps.map((x) => (x ? num(x.metrics.openShare180d) : null)),
        };
      })
      .sort((a, b) => a.vendor.localeCompare(b.vendor)),
  };
}

function collectSources(db: Db): SourceHealth {
  const all = listSources(db);
  const failing = all
    .filter((s) => s.consecutiveErrors > 0 || s.failingSince !== null)
    .map((s) => ({
      id: s.id,
      vendorId: s.vendorId,
      since: s.failingSince,
      consecutiveErrors: s.consecutiveErrors,
      lastError: s.lastError,
    }));
  return { total: all.length, ok: all.length - failing.length, failing };
}

function collectDeadlines(db: Db, endMs: number, inWeek: (iso: string | null | undefined) => boolean): DeadlineItem[] {
  return listDeadlines(db)
    .filter((d) => d.reachedAt === null || inWeek(d.reachedAt))
    .map((d) => {
      const related = [
        ...queryEvents(db, { vendorId: d.subject, since: d.createdAt, includeBaseline: false }),
        ...queryEvents(db, { modelId: d.subject, since: d.createdAt, includeBaseline: false }),
      ]
        .filter((e, i, a) => a.findIndex((x) => x.id === e.id) === i && e.kind !== 'deadline.reached' && Date.parse(e.occurredAt) < endMs)
        .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
      return {
        id: d.id,
        subject: d.subject,
        date: d.date,
        note: d.note,
        setAt: d.createdAt,
        daysLeft: Math.ceil((Date.parse(d.date) - endMs) / DAY_MS),
        reachedAt: d.reachedAt,
        changesSinceSet: related.length,
        recentChanges: related.slice(0, 3).map((e) => headline(e).replace(/\.$/, '')),
      };
    });
}
