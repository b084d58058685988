// The vendor strategy table, derived from a vendor's models (pure). It reproduces the table of
// docs/domain.md from data: strategy, licences of the latest releases, whether self-hosting is
// possible, and the lock-in risk. A strategy stated in the vendor's config wins over the derived
// one (the data cannot see reseller deals); the other columns always come from the data.
import { isOpenLevel, levelRank, type Level } from '../model.js';
import type { ModelRow } from '../store/models.js';
import type { LockIn, StrategyRow } from './types.js';

const DAY_MS = 86_400_000;
/** An open line without a release for this long counts as stalled. */
export const STALE_OPEN_LINE_DAYS = 365;

function isOpen(m: ModelRow): boolean {
  if (m.level) return isOpenLevel(m.level);
  return m.line === 'open';
}

function licenceOf(m: ModelRow): string {
  if (m.licenseId) return m.licenseId;
  if (m.level && !isOpenLevel(m.level)) return 'proprietary';
  if (!m.level && m.line === 'proprietary') return 'proprietary';
  return 'unknown';
}

export function deriveStrategy(
  vendor: { id: string; name: string; strategy?: string | undefined },
  models: ModelRow[],
  asOf: string,
): StrategyRow | null {
  const asOfMs = Date.parse(asOf);
  const released = models
    .filter((m) => m.releasedAt && Date.parse(m.releasedAt) <= asOfMs && !m.withdrawnAt && (m.line !== null || m.level !== null))
    .sort((a, b) => Date.parse(b.releasedAt!) - Date.parse(a.releasedAt!));
  if (released.length === 0) return null;
  const latest = released[0]!;
  const latestOpen = released.find(isOpen);
  const openAgeDays = latestOpen ? (asOfMs - Date.parse(latestOpen.releasedAt!)) / DAY_MS : Infinity;
  const openActive = openAgeDays <= STALE_OPEN_LINE_DAYS;
  const streak = released.findIndex(isOpen); // proprietary releases since the last open one (-1: none open)
  const hasClosed = released.some((m) => !isOpen(m));

  let strategy: string;
  if (!latestOpen) strategy = 'proprietary';
  else if (!hasClosed) strategy = released.slice(0, 3).every((m) => m.level && levelRank(m.level) >= levelRank('4')) ? 'open-source ecosystem' : 'open-weight';
  else if (!isOpen(latest) && (!openActive || streak >= 2)) strategy = 'proprietary, was open';
  else strategy = 'open + proprietary';

  const level: Level | null = latest.level;
  let selfHosting: string;
  let lockIn: LockIn;
  if (level === null) {
    selfHosting = latest.line === 'open' ? 'likely (unclassified)' : 'unknown';
    lockIn = 'unknown';
  } else if (levelRank(level) >= levelRank('4')) {
    selfHosting = 'full support';
    lockIn = 'low';
  } else if (level === '3b') {
    selfHosting = 'full support';
    lockIn = 'low';
  } else if (level === '3a') {
    selfHosting = 'non-commercial only';
    lockIn = 'medium';
  } else if (openActive) {
    selfHosting = `open line only (${latestOpen!.name})`;
    lockIn = 'medium';
  } else {
    selfHosting = 'not available';
    lockIn = 'high';
  }

  return {
    vendorId: vendor.id,
    vendor: vendor.name,
    latest: latest.name,
    strategy: vendor.strategy ?? strategy,
    licences: [...new Set(released.slice(0, 3).map(licenceOf))],
    selfHosting,
    lockIn,
  };
}
