// Vendor lines: which of a vendor's lines (open / proprietary) a model belongs to, by the
// vendor's patterns (feeds/<vendor>.yaml `lines.open.match`, `lines.proprietary.match`).
//
// Patterns are case-insensitive regular expressions searched, first, in the model's own name
// (the part of a repo id after the owner, so that `meta-llama/Muse-X` is not taken for Llama by
// its org name) and then in the full id. When both lines match, the match that starts earliest
// in the name wins (a family name comes first: "Llama-3.1-Nemotron"), then the longest match, and
// on a full tie the open line: an arbitrary but stable choice, always stated in the reason.
import { safeRegexOrNull, type SafeRegex } from '../shared/safe-regex.js';
import type { LineConfig, LineKind, VendorConfig } from '../model.js';

export interface LineAssignment {
  line: LineKind | null;
  reason: string;
}

interface Hit {
  line: LineKind;
  pattern: string;
  index: number;
  length: number;
  text: string;
}

function compile(pattern: string): SafeRegex | null {
  // Linear-time matching; config validation reports refused patterns, here they never match.
  return safeRegexOrNull(pattern);
}

function firstHit(line: LineKind, cfg: LineConfig | undefined, text: string): Hit | null {
  let best: Hit | null = null;
  for (const pattern of cfg?.match ?? []) {
    const m = compile(pattern)?.exec(text);
    if (!m) continue;
    const hit = { line, pattern, index: m.index, length: m[0].length, text: m[0] };
    if (!best || hit.index < best.index || (hit.index === best.index && hit.length > best.length)) best = hit;
  }
  return best;
}

function describeHit(h: Hit, cfg: LineConfig | undefined, where: string): string {
  return `${where} matches ${h.line} line ${cfg?.name ? `"${cfg.name}" ` : ''}pattern /${h.pattern}/ at "${h.text}"`;
}

/** The model's own name: the part after the owner in a repo id. */
function ownName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}

/** Assign a model (name or repo id) to one of the vendor's lines, with the reason. */
export function assignLine(vendor: VendorConfig, name: string): LineAssignment {
  const texts: [string, string][] = [[ownName(name), 'the name']];
  if (ownName(name) !== name) texts.push([name, 'the repo id']);
  for (const [text, where] of texts) {
    const open = firstHit('open', vendor.lines.open, text);
    const prop = firstHit('proprietary', vendor.lines.proprietary, text);
    if (open && prop) {
      const winner =
        open.index !== prop.index
          ? open.index < prop.index
            ? open
            : prop
          : open.length !== prop.length
            ? open.length > prop.length
              ? open
              : prop
            : open;
      const loser = winner === open ? prop : open;
      const why =
        open.index !== prop.index
          ? 'it matches earlier in the name'
          : open.length !== prop.length
            ? 'it is the longer match'
            : 'on a full tie the open line is chosen';
      const cfgW = vendor.lines[winner.line];
      const cfgL = vendor.lines[loser.line];
      return {
        line: winner.line,
        reason: `${describeHit(winner, cfgW, where)}; it also matches ${loser.line} pattern /${loser.pattern}/ at "${loser.text}"${cfgL?.name ? ` (${cfgL.name})` : ''}; ${winner.line} wins because ${why}`,
      };
    }
    const hit = open ?? prop;
    if (hit) return { line: hit.line, reason: describeHit(hit, vendor.lines[hit.line], where) };
  }
  const configured = (['open', 'proprietary'] as const).filter((l) => vendor.lines[l]?.match?.length);
  return {
    line: null,
    reason: configured.length
      ? `"${name}" matches none of ${vendor.id}'s ${configured.join(' and ')} line patterns`
      : `${vendor.id} has no line patterns configured`,
  };
}

/**
 * Whether a release counts as a flagship of its line for M1. A line without flagship patterns
 * treats every release as a flagship ("all releases when no flagship list is configured").
 */
export function isFlagship(line: LineConfig | undefined | null, name: string): boolean {
  const patterns = line?.flagship ?? [];
  if (patterns.length === 0) return true;
  return patterns.some((p) => compile(p)?.test(name) ?? false);
}
