// Date arguments of the CLI: an ISO date (`2026-04-30`) or timestamp.
import { UsageError } from '../errors.js';

/** `2026-04-30` → the start or the end of that UTC day; a full timestamp is kept as is. */
export function parseDateBound(text: string, bound: 'start' | 'end', option: string): string {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t) && !Number.isNaN(Date.parse(t))) return `${t}T${bound === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`;
  const ms = Date.parse(t);
  if (/^\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(ms)) return new Date(ms).toISOString();
  throw new UsageError(`${option}: expected a date like 2026-04-30 or an ISO timestamp, got "${text}"`);
}
