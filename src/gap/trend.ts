// The trend words of the gap (widening ▲ / narrowing ▼ / steady / new) from two stored snapshots:
// one function for the digest and `gap`, so they never call the same week by different names.
// Pure. M1 (the recency gap) decides; when it did not move, the proprietary streak does.

export type Trend = 'widening' | 'narrowing' | 'steady' | 'new';

/** The figures a trend is read from (a stored snapshot's metrics). */
export interface TrendPoint {
  recencyGapDays: number | null;
  proprietaryStreak: number | null;
}

export function gapTrend(cur: TrendPoint, prev: TrendPoint | undefined): Trend {
  if (!prev) return 'new';
  const move = (a: number | null, b: number | null) => (a !== null && b !== null ? Math.sign(a - b) : 0);
  const d1 = move(cur.recencyGapDays, prev.recencyGapDays);
  const d2 = move(cur.proprietaryStreak, prev.proprietaryStreak);
  if (d1 > 0 || (d1 === 0 && d2 > 0)) return 'widening';
  if (d1 < 0 || (d1 === 0 && d2 < 0)) return 'narrowing';
  return 'steady';
}
