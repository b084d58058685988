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
