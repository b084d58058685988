// What the digest says in one line, and whether there is anything to say (pure).
import type { DigestData } from './types.js';

/** True when nothing happened in the week: no release, no licence, gating or other change, no
 *  deadline reached. Standing tables (strategy, gap, sources) alone do not make a digest. */
export function isEmpty(data: DigestData): boolean {
  const start = Date.parse(data.start);
  const end = Date.parse(data.end);
  const reached = data.deadlines.some((d) => {
    const t = Date.parse(d.reachedAt ?? d.date);
    return t >= start && t < end;
  });
  return (
    data.releases.every((v) => v.items.length === 0) &&
    data.licenceChanges.length === 0 &&
    data.gatingChanges.length === 0 &&
    data.otherChanges.length === 0 &&
    !reached
  );
}

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

/** `3 releases, 1 licence change, 1 gating change` or `no changes`. */
export function headlineCounts(data: DigestData): string {
  const releases = data.releases.reduce((n, v) => n + v.items.length, 0);
  const parts = [
    releases && plural(releases, 'release'),
    data.licenceChanges.length && plural(data.licenceChanges.length, 'licence change'),
    data.gatingChanges.length && plural(data.gatingChanges.length, 'gating change'),
    data.otherChanges.length && plural(data.otherChanges.length, 'other change'),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no changes';
}

export function digestSubject(data: DigestData): string {
  return `[modelwatch] Weekly digest ${data.week}: ${headlineCounts(data)}`;
}

const days = (n: number) => `${Math.abs(n)} ${Math.abs(n) === 1 ? 'day' : 'days'}`;

/**
 * What changed in the gap this week, one sentence per vendor, first in every format: where the
 * open line stands against the proprietary line (M1 and its move this week), the proprietary
 * streak, the open share, and the week's trend word and status (the same function as `gap`).
 */
export function gapSentences(data: DigestData): string[] {
  return data.gap
    .filter((g) => g.vendorId !== '*')
    .map((g) => {
      const parts: string[] = [];
      const m1 = g.recencyGapDays;
      if (m1 === null) parts.push('no open and proprietary release to compare yet');
      else {
        const move = g.previousRecencyGapDays === null ? '' : m1 - g.previousRecencyGapDays;
        const moved = move === '' || move === 0 ? '' : ` (${move > 0 ? '+' : '−'}${days(move)} this week)`;
        parts.push(
          m1 > 0
            ? `open line ${days(m1)} behind its proprietary line${moved}`
            : m1 < 0
              ? `open line ${days(m1)} ahead of its proprietary line${moved}`
              : `open and proprietary lines released the same day${moved}`,
        );
      }
      if (g.proprietaryStreak) parts.push(`${g.proprietaryStreak} proprietary release${g.proprietaryStreak === 1 ? '' : 's'} in a row`);
      if (g.openShare180d !== null) parts.push(`open share ${Math.round(g.openShare180d * 100)}% over 180 days`);
      const trend = g.trend === 'new' ? 'first week watched' : g.trend === 'steady' ? 'steady this week' : `${g.trend} this week`;
      const status = g.widening ? `; the gap is widening (${g.reasons.join(', ')})` : '';
      return `${g.vendor}: ${parts.join('; ')} — ${trend}${status}.`;
    });
}
