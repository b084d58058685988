// A source's include/exclude patterns (configuration), applied by the collectors to what they list
// and by the post diff to titles. Patterns run on the safe engine (safe-regex.ts).
import { safeRegexOrNull } from './safe-regex.js';

/** Source filters: `include` (any must match, when given) and `exclude` (none may match). */
export function passesFilters(name: string, include?: string[], exclude?: string[]): boolean {
  const test = (p: string) => safeRegexOrNull(p)?.test(name) ?? false;
  if (include?.length && !include.some(test)) return false;
  if (exclude?.length && exclude.some(test)) return false;
  return true;
}
