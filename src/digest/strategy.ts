// The vendor strategy table, derived from a vendor's releases (pure). It reproduces the table of
// docs/domain.md from data, speaking releases (docs/releases.md): a release's side is its
// evidence, whatever its family's name.
//
// - licence: of the vendor's latest open release (`proprietary` when it has none);
// - self-hosting: "full support" when the vendor has an open release ("non-commercial only" when
//   that release is level 3a); when the latest open release is older than the vendor's recency
//   band (its first band, default 90 days) the line is "open line stalled, last open release N
//   days ago" — never "not available" for a vendor with public weights, which is said only of a
//   vendor without any open release;
// - lock-in risk: from the share of proprietary releases among its latest releases
//   (LOCK_IN_RELEASES): a third or less low, two thirds or more high, medium between.
//
// Pending releases (announced only) and auxiliary ones (guards, embedders) are not counted. A
// strategy stated in the vendor's config wins over the derived one (the data cannot see reseller
// deals); the other columns always come from the data.
import { DEFAULT_THRESHOLDS } from '../config/defaults.js';
import { levelRank, type Level } from '../model.js';
import type { Side } from '../store/releases.js';
import type { LockIn, StrategyRow } from './types.js';

const DAY_MS = 86_400_000;
/** The lock-in risk reads the share of proprietary releases among this many latest releases. */
export const LOCK_IN_RELEASES = 5;

/** One release as the strategy table reads it (store/releases.ts `releasesAsOf`). */
export interface StrategyRelease {
  name: string;
  releasedAt: string;
  side: Side;
  level: Level | null;
  licenseId: string | null;
  auxiliary: boolean;
}

export interface StrategyVendor {
  id: string;
  name: string;
  strategy?: string | undefined;
  /** The vendor's first recency band (days): an open line without a release for longer is stalled. */
  recencyBandDays?: number | undefined;
}

function licenceOf(r: StrategyRelease): string {
  if (r.side === 'proprietary') return 'proprietary';
  return r.licenseId ?? 'unknown';
}

export function lockInOf(proprietary: number, total: number): LockIn {
  if (total === 0) return 'unknown';
  if (proprietary * 3 <= total) return 'low';
  if (proprietary * 3 >= total * 2) return 'high';
  return 'medium';
}

export function deriveStrategy(vendor: StrategyVendor, releases: readonly StrategyRelease[], asOf: string): StrategyRow | null {
  const asOfMs = Date.parse(asOf);
  const band = vendor.recencyBandDays ?? DEFAULT_THRESHOLDS.recencyBandsDays[0]!;
  const counted = releases
    .filter((r) => !r.auxiliary && r.side !== 'pending' && Date.parse(r.releasedAt) <= asOfMs)
    .sort((a, b) => Date.parse(b.releasedAt) - Date.parse(a.releasedAt) || a.name.localeCompare(b.name));
  if (counted.length === 0) return null;
  const latest = counted[0]!;
  const latestOpen = counted.find((r) => r.side === 'open') ?? null;
  const openAgeDays = latestOpen ? Math.floor((asOfMs - Date.parse(latestOpen.releasedAt)) / DAY_MS) : null;
  const stalled = openAgeDays !== null && openAgeDays > band;
  const streak = latestOpen ? counted.indexOf(latestOpen) : counted.length; // proprietary releases since the last open one
  const hasClosed = counted.some((r) => r.side === 'proprietary');

  let strategy: string;
  if (!latestOpen) strategy = 'proprietary';
  else if (!hasClosed)
    strategy = counted.slice(0, 3).every((r) => r.level && levelRank(r.level) >= levelRank('4')) ? 'open-source ecosystem' : 'open-weight';
  else if (latest.side === 'proprietary' && (stalled || streak >= 2)) strategy = 'proprietary, was open';
  else strategy = 'open + proprietary';

  let selfHosting: string;
  if (!latestOpen) selfHosting = 'not available';
  else if (stalled) selfHosting = `open line stalled, last open release ${openAgeDays} days ago`;
  else if (latestOpen.level === '3a') selfHosting = 'non-commercial only';
  else selfHosting = 'full support';

  const recent = counted.slice(0, LOCK_IN_RELEASES);
  const proprietary = recent.filter((r) => r.side === 'proprietary').length;

  return {
    vendorId: vendor.id,
    vendor: vendor.name,
    latest: latest.name,
    strategy: vendor.strategy ?? strategy,
    licence: latestOpen ? licenceOf(latestOpen) : 'proprietary',
    licences: [...new Set(counted.slice(0, 3).map(licenceOf))],
    latestOpen: latestOpen?.name ?? null,
    latestOpenAt: latestOpen?.releasedAt ?? null,
    openAgeDays,
    selfHosting,
    proprietaryShare: proprietary / recent.length,
    lockIn: lockInOf(proprietary, recent.length),
  };
}
