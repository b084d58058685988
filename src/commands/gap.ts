// `modelwatch gap [--vendor V | --all] [--as-of DATE [--as-known]] [--since DATE] [--history] [--json]`:
// per vendor (and with --all across all vendors too), the open and proprietary lines, their
// latest releases, M1–M6, the trend against 30 and 90 days earlier, and whether the gap is
// widening and why. `--as-of` reads the releases and scores dated by then (as released);
// `--as-known` what the watcher had seen by then. `--since` starts the M4/M5 window.
import type { GlobalOptions, Io } from './io.js';
import { UsageError } from '../errors.js';
import { gapTrend, type Trend } from '../gap/trend.js';
import type { GapMetrics } from '../gap/types.js';
import type { GapStatus } from '../gap/widening.js';
import {
  computeAllVendorsGap,
  computeAllVendorsReleaseGap,
  computeGap,
  computeReleaseGap,
  readGapHistory,
  type GapHistory,
  type GapReading,
} from '../jobs/gap.js';
import type { VendorConfig } from '../model.js';
import { gapSnapshotAt } from '../store/digests.js';
import { gapSnapshots } from '../store/gap.js';
import { openContext } from './context.js';
import { printJson, formatTable, widthOf } from './output.js';
import { parseDateBound } from './dates.js';

interface GapOpts extends GlobalOptions {
  vendor?: string;
  asOf?: string;
  history?: boolean;
  all?: boolean;
  asKnown?: boolean;
  since?: string;
}

const DAY = 86_400_000;

export default async function run(_args: unknown[], opts: GapOpts, io: Io): Promise<number> {
  const ctx = openContext(opts, io, { readOnly: true });
  try {
    if (opts.all && opts.vendor) throw new UsageError('gap: --all and --vendor cannot be combined');
    const asOf = opts.asOf ? parseDateBound(opts.asOf, 'end', '--as-of') : ctx.now().toISOString();
    const reading: GapReading = {
      reading: opts.asKnown ? 'known' : 'released',
      capabilitySince: opts.since ? parseDateBound(opts.since, 'start', '--since') : null,
    };
    const vendors = ctx.config.vendors.filter((v) => (opts.vendor ? v.id === opts.vendor : v.lines.open || v.lines.proprietary));
    if (opts.vendor && !vendors.length)
      throw new UsageError(`gap: no vendor "${opts.vendor}" (configured: ${ctx.config.vendors.map((v) => v.id).join(', ')})`);
    const history = readGapHistory(ctx.db, asOf, reading, { levelChanges: !!opts.all });
    const reports = vendorReports(ctx.db, vendors, asOf, !!opts.history, reading, history);
    const all = opts.all ? reportAll(ctx.db, asOf, reading, history) : null;
    if (opts.json) printJson(io, all ? { asOf, reading: reading.reading, vendors: reports, all } : opts.vendor ? reports[0] : reports);
    else io.stdout.write(renderText(all ? [...reports, all] : reports, asOf, widthOf(io)));
    return 0;
  } finally {
    ctx.close();
  }
}

export type GapReport = ReturnType<typeof report>;

/**
 * The reports of several vendors as `gap` prints them: the scores of every vendor are read once
 * (`history`, read here when not given), each vendor takes its part. No repository-level drift is
 * read: a report prints none (M6 `repos` feeds only the widening rules' events).
 */
export function vendorReports(
  db: Parameters<typeof computeGap>[0],
  vendors: VendorConfig[],
  asOf: string,
  withHistory: boolean,
  reading: GapReading = {},
  history?: GapHistory,
): GapReport[] {
  const r: GapReading = { ...reading, repoDrift: false };
  const h = history ?? readGapHistory(db, asOf, r);
  return vendors.map((v) => report(db, v, asOf, withHistory, r, h));
}

export function report(
  db: Parameters<typeof computeGap>[0],
  vendor: VendorConfig,
  asOf: string,
  withHistory: boolean,
  reading: GapReading = {},
  history?: GapHistory,
) {
  return build(
    db,
    (at) => computeGap(db, vendor, at, reading, undefined, history),
    { id: vendor.id, name: vendor.name },
    asOf,
    withHistory,
    (at) => computeReleaseGap(db, vendor, at, reading, history),
  );
}

/** The across-all-vendors report: every line model pooled (the stored snapshots are per vendor). */
export function reportAll(db: Parameters<typeof computeGap>[0], asOf: string, reading: GapReading = {}, history?: GapHistory) {
  return build(
    db,
    (at) => computeAllVendorsGap(db, at, reading, history),
    { id: 'all', name: 'All vendors' },
    asOf,
    false,
    (at) => computeAllVendorsReleaseGap(db, at, reading, history),
  );
}

function build(
  db: Parameters<typeof computeGap>[0],
  compute: (asOf: string) => ReturnType<typeof computeGap>,
  vendor: { id: string; name: string },
  asOf: string,
  withHistory: boolean,
  trendCompute?: (asOf: string) => GapMetrics,
) {
  const m = compute(asOf);
  const at = Date.parse(asOf);
  // The trend compares M1-M3 only: they read releases alone (not scores, not the event log).
  const then = (days: number) => (trendCompute ?? compute)(new Date(at - days * DAY).toISOString());
  const trend = (days: number) => {
    const p = then(days);
    return {
      asOf: p.asOf,
      recencyGapDays: p.recencyGapDays,
      proprietaryStreak: p.proprietaryStreak,
      openShare180d: p.openShare180d,
      recencyGapChange: diff(m.recencyGapDays, p.recencyGapDays),
      streakChange: m.proprietaryStreak - p.proprietaryStreak,
      openShareChange: diff(m.openShare180d, p.openShare180d),
    };
  };
  return {
    vendor: vendor.id,
    vendorName: vendor.name,
    asOf: m.asOf,
    openLine: m.openLine,
    proprietaryLine: m.proprietaryLine,
    lastOpenRelease: ref(m.lastOpenRelease),
    lastProprietaryRelease: ref(m.lastProprietaryRelease),
    recencyGapDays: m.recencyGapDays,
    proprietaryStreak: m.proprietaryStreak,
    openShare180d: m.openShare180d,
    openShare180dChange: m.openShare180dChange,
    openShareReference: m.openShareReference,
    openShareChangePoints: m.openShareChangePoints,
    openShare365d: m.openShare365d,
    capability: m.capability.map((c) => ({
      benchmark: c.benchmark,
      openBest: c.openBest,
      proprietaryBest: c.proprietaryBest,
      openBestModel: c.openBestModel,
      proprietaryBestModel: c.proprietaryBestModel,
      delta: c.delta,
      deltaNow: c.deltaNow,
      lagMonths: c.lagMonths,
      lagMonthsNow: c.lagMonthsNow,
      openBestAgeMonths: c.openBestAgeMonths,
      window: c.window,
      tolerance: c.tolerance,
      toleranceBasis: c.toleranceBasis,
    })),
    lagMonths: m.lagMonths,
    licenceDrift: { open: m.licenceDrift.open, proprietary: m.licenceDrift.proprietary },
    unknownLevelModels: m.counts.unknownModels,
    widening: m.widening,
    reasons: m.reasons,
    trend: { days30: trend(30), days90: trend(90), week: weekTrend(db, vendor.id, asOf) },
    history: withHistory
      ? gapSnapshots<GapMetrics & Partial<GapStatus>>(db, vendor.id, { until: asOf }).map((s) => ({
          at: s.at,
          recencyGapDays: s.metrics?.recencyGapDays ?? null,
          proprietaryStreak: s.metrics?.proprietaryStreak ?? null,
          openShare180d: s.metrics?.openShare180d ?? null,
          openShareReference: s.metrics?.openShareReference ?? null,
          openShareChangePoints: s.metrics?.openShareChangePoints ?? null,
          widening: s.widening,
          reasons: s.reasons,
        }))
      : undefined,
  };
}

/** This week's trend word, as the digest reads it: the stored snapshots at `asOf` and 7 days before. */
function weekTrend(db: Parameters<typeof computeGap>[0], vendorId: string, asOf: string): Trend | null {
  const point = (s: ReturnType<typeof gapSnapshotAt>) =>
    s && { recencyGapDays: num(s.metrics.recencyGapDays), proprietaryStreak: num(s.metrics.proprietaryStreak) };
  const cur = point(gapSnapshotAt(db, vendorId, asOf));
  return cur ? gapTrend(cur, point(gapSnapshotAt(db, vendorId, new Date(Date.parse(asOf) - 7 * DAY).toISOString()))) : null;
}

const num = (v: unknown) => (typeof v === 'number' ? v : null);

function ref(r: GapMetrics['lastOpenRelease']) {
  return r
    ? {
        model: r.model,
        name: r.name,
        date: r.date,
        level: r.level,
        license: r.license,
        ...(r.family !== undefined ? { family: r.family } : {}),
      }
    : null;
}

function diff(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.round((a - b) * 1000) / 1000;
}

const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);
const signed = (x: number | null, unit = '') => (x === null ? '-' : `${x > 0 ? '+' : ''}${x}${unit}`);

function renderText(reports: GapReport[], asOf: string, width: number): string {
  const rows = formatTable(
    reports,
    [
      { header: 'vendor', get: (r) => r.vendorName },
      {
        header: 'open line',
        get: (r) =>
          r.lastOpenRelease
            ? `${r.lastOpenRelease.family ?? r.openLine ?? '-'}: ${r.lastOpenRelease.name} ${r.lastOpenRelease.date.slice(0, 10)}`
            : (r.openLine ?? '-'),
        min: 16,
      },
      {
        header: 'proprietary line',
        get: (r) =>
          r.lastProprietaryRelease
            ? `${r.lastProprietaryRelease.family ?? r.proprietaryLine ?? '-'}: ${r.lastProprietaryRelease.name} ${r.lastProprietaryRelease.date.slice(0, 10)}`
            : (r.proprietaryLine ?? '-'),
        min: 16,
      },
      { header: 'M1 days', get: (r) => r.recencyGapDays },
      { header: 'M2', get: (r) => r.proprietaryStreak },
      { header: 'M3 180d', get: (r) => pct(r.openShare180d) },
      { header: 'M1 vs 30d', get: (r) => signed(r.trend.days30.recencyGapChange), drop: 1 },
      { header: 'M1 vs 90d', get: (r) => signed(r.trend.days90.recencyGapChange), drop: 2 },
      { header: 'week', get: (r) => r.trend.week ?? '-', drop: 3 },
      { header: 'gap', get: (r) => (r.widening ? `widening (${r.reasons.join(', ')})` : 'not widening') },
    ],
    width,
  );
  const caps = reports.flatMap((r) => r.capability.map((c) => ({ vendor: r.vendorName, ...c })));
  const capTable = caps.length
    ? '\nCapability (M4 lag, M5 delta):\n' +
      formatTable(
        caps,
        [
          { header: 'vendor', get: (c) => c.vendor },
          { header: 'benchmark', get: (c) => c.benchmark },
          { header: 'open best', get: (c) => c.openBest },
          { header: 'proprietary best', get: (c) => c.proprietaryBest },
          { header: 'M5 avg', get: (c) => signed(Math.round(c.delta * 10) / 10) },
          { header: 'M5 now', get: (c) => signed(Math.round(c.deltaNow * 10) / 10) },
          { header: 'M4 months', get: (c) => c.lagMonths },
          { header: 'open best age', get: (c) => c.openBestAgeMonths },
        ],
        width,
      )
    : '';
  const history = reports
    .filter((r) => r.history)
    .map(
      (r) =>
        `\nHistory of ${r.vendorName}:\n` +
        (!r.history!.length
          ? `no gap snapshot stored up to ${asOf.slice(0, 10)} (one is stored at each evaluation by poll or run)\n`
          : formatTable(
              r.history!,
              [
                { header: 'at', get: (h) => h.at.slice(0, 16).replace('T', ' ') },
                { header: 'M1 days', get: (h) => h.recencyGapDays },
                { header: 'M2', get: (h) => h.proprietaryStreak },
                { header: 'M3 180d', get: (h) => pct(h.openShare180d) },
                { header: 'M3 move', get: (h) => signed(h.openShareChangePoints, ' pts') },
                { header: 'gap', get: (h) => (h.widening ? `widening (${h.reasons.join(', ')})` : 'not widening') },
              ],
              width,
            )),
    )
    .join('');
  return `Gap as of ${asOf.slice(0, 10)}\n${rows}${capTable}${history}`;
}
