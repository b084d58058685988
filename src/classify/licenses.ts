// The licence knowledge base (licenses.yaml, reviewed data) and the pure functions that read it:
// resolve a licence reference (HF id, SPDX id from GitHub, `other` + license_name/license_link)
// and recognise a licence from its text. Only `loadLicenseKb()` touches the disk; everything else
// takes the parsed knowledge base as an argument.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { LicenseRef } from '../model.js';

export const LICENSE_CATEGORIES = ['osi', 'permissive-nonosi', 'restricted', 'noncommercial', 'proprietary', 'unknown'] as const;
export type LicenseCategory = (typeof LICENSE_CATEGORIES)[number];

const TextRuleSchema = z.object({
  all: z.array(z.string().min(1)).min(1),
  none: z.array(z.string().min(1)).optional(),
});

const EntrySchema = z.object({
  id: z
    .string()
    .min(1)
    .refine((s) => s === s.toLowerCase() && s.trim() === s, 'ids are lower-case, without spaces around'),
  name: z.string().min(1),
  category: z.enum(LICENSE_CATEGORIES),
  rank: z.number().int().min(0).max(8),
  note: z.string().min(1),
  /** The text is fixed by a standards body: the id says it all (no LICENSE file to watch). */
  standard: z.boolean().optional(),
  aliases: z.array(z.string().min(1)).optional(),
  links: z.array(z.string().min(1)).optional(),
  text: z.array(TextRuleSchema).optional(),
});

const KbSchema = z.object({
  version: z.number().int().positive(),
  licenses: z.array(EntrySchema).min(1),
});

export type LicenseEntry = z.infer<typeof EntrySchema>;

export interface LicenseKb {
  version: number;
  entries: readonly LicenseEntry[];
  /** Normalised id or alias → entry. */
  byKey: ReadonlyMap<string, LicenseEntry>;
  /** Normalised licence title (`name`, without "agreement", "the", "terms of use" wording) → entry. */
  byTitle: ReadonlyMap<string, LicenseEntry>;
  links: readonly { re: RegExp; entry: LicenseEntry }[];
  textRules: readonly { all: string[]; none: string[]; entry: LicenseEntry }[];
}

/** Rank ranges allowed per category (keeps the reviewed file coherent). */
const RANKS: Record<LicenseCategory, [number, number]> = {
  osi: [0, 3],
  'permissive-nonosi': [0, 3],
  restricted: [4, 5],
  noncommercial: [6, 6],
  proprietary: [7, 7],
  unknown: [8, 8],
};

/** Lower-case, trim, spaces and underscores to '-' so `Apache 2.0`, `apache_2.0` and `apache-2.0` meet. */
export function normalizeLicenseKey(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/**
 * A licence title as cards write it in `license_name` → a key: "Llama 3.1 Community License",
 * "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT" and "The Llama 3.1 Community Licence" meet.
 */
export function normalizeLicenseTitle(s: string): string {
  return normalizeLicenseKey(
    s
      .toLowerCase()
      .replace(/\blicence\b/g, 'license')
      .replace(/\b(?:the|agreement)\b/g, ' ')
      .replace(/[,;:()"'’]/g, ' ')
      .replace(/\s+/g, ' '),
  )
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Collapse whitespace and lower-case: licence texts are re-wrapped freely. */
function normalizeText(s: string): string {
  return s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Parse and validate the knowledge base text. Throws one error listing every problem. */
export function parseLicenseKb(text: string): LicenseKb {
  const raw: unknown = parseYaml(text);
  const parsed = KbSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`[classify] licenses.yaml is invalid:\n${lines.join('\n')}`);
  }
  const problems: string[] = [];
  const byKey = new Map<string, LicenseEntry>();
  const byTitle = new Map<string, LicenseEntry>();
  const links: { re: RegExp; entry: LicenseEntry }[] = [];
  const textRules: { all: string[]; none: string[]; entry: LicenseEntry }[] = [];
  for (const entry of parsed.data.licenses) {
    const [lo, hi] = RANKS[entry.category];
    if (entry.rank < lo || entry.rank > hi) {
      problems.push(`${entry.id}: rank ${entry.rank} outside ${lo}..${hi} for category ${entry.category}`);
    }
    for (const key of [entry.id, ...(entry.aliases ?? [])]) {
      const k = normalizeLicenseKey(key);
      const prev = byKey.get(k);
      if (prev && prev !== entry) problems.push(`${entry.id}: key "${key}" already used by ${prev.id}`);
      else byKey.set(k, entry);
    }
    const title = normalizeLicenseTitle(entry.name);
    if (title && !byTitle.has(title)) byTitle.set(title, entry);
    for (const link of entry.links ?? []) {
      try {
        links.push({ re: new RegExp(link, 'i'), entry });
      } catch (err) {
        problems.push(`${entry.id}: invalid link pattern ${link}: ${(err as Error).message}`);
      }
    }
    for (const rule of entry.text ?? []) {
      textRules.push({ all: rule.all.map(normalizeText), none: (rule.none ?? []).map(normalizeText), entry });
    }
  }
  if (problems.length > 0) {
    throw new Error(`[classify] licenses.yaml is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return { version: parsed.data.version, entries: parsed.data.licenses, byKey, byTitle, links, textRules };
}

/** Read licenses.yaml next to this module (the build copies it beside the compiled file). */
export function loadLicenseKb(url: URL = new URL('./licenses.yaml', import.meta.url)): LicenseKb {
  return parseLicenseKb(readFileSync(url, 'utf8'));
}

/** Ids (not aliases) of the licences whose text is fixed by a standards body (`standard: true`). */
export function standardLicenseIds(kb: LicenseKb): ReadonlySet<string> {
  return new Set(kb.entries.filter((e) => e.standard === true).map((e) => e.id));
}

/** An id, alias or SPDX id (any case) → entry; undefined when the KB does not know it. */
export function lookupLicense(kb: LicenseKb, idOrAlias: string | null | undefined): LicenseEntry | undefined {
  if (!idOrAlias) return undefined;
  return kb.byKey.get(normalizeLicenseKey(idOrAlias));
}

/** An id, alias or the licence's title ("Llama 3.1 Community License") → entry. */
export function lookupLicenseOrTitle(kb: LicenseKb, s: string | null | undefined): LicenseEntry | undefined {
  if (!s) return undefined;
  return lookupLicense(kb, s) ?? kb.byTitle.get(normalizeLicenseTitle(s)) ?? kb.byKey.get(normalizeLicenseTitle(s));
}

/** `apache-2.0,mit`, `[apache-2.0, mit]`, `apache-2.0 OR mit`: the parts of a licence list, or null for one id. */
export function licenseListParts(id: string): string[] | null {
  const parts = id
    .replace(/^\[|\]$/g, '')
    .split(/\s*(?:,|;|\s\/\s|\s+or\s+|\s+and\s+)\s*/i)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 1 ? parts : null;
}

/** A licence link → the one entry whose link pattern matches; ambiguous or unknown → undefined. */
export function licenseFromLink(kb: LicenseKb, link: string | null | undefined): LicenseEntry | undefined {
  if (!link) return undefined;
  const hits = new Set(kb.links.filter((l) => l.re.test(link)).map((l) => l.entry));
  return hits.size === 1 ? [...hits][0] : undefined;
}

export interface TextRecognition {
  /** The recognised licence id, or null when no rule or rules of several licences matched. */
  id: string | null;
  /** Every licence whose rules matched (more than one = ambiguous, left unknown). */
  candidates: string[];
  /** The phrases that matched, for the evidence. */
  phrases: string[];
}

/** Recognise a licence from its text, with the candidates and phrases that matched. */
export function recognizeLicenseTextDetailed(text: string | null | undefined, kb: LicenseKb): TextRecognition {
  if (!text?.trim()) return { id: null, candidates: [], phrases: [] };
  const t = normalizeText(text);
  const hits = new Map<string, string[]>();
  for (const rule of kb.textRules) {
    if (rule.all.every((p) => t.includes(p)) && !rule.none.some((p) => t.includes(p))) {
      if (!hits.has(rule.entry.id)) hits.set(rule.entry.id, rule.all);
    }
  }
  const candidates = [...hits.keys()].sort();
  if (candidates.length !== 1) return { id: null, candidates, phrases: [] };
  return { id: candidates[0], candidates, phrases: hits.get(candidates[0]) ?? [] };
}

/** Recognise a licence from its text; unrecognised or ambiguous → null (unknown, never guessed). */
export function recognizeLicenseText(text: string | null | undefined, kb: LicenseKb): string | null {
  return recognizeLicenseTextDetailed(text, kb).id;
}

export interface ResolvedLicense {
  entry: LicenseEntry | null;
  /** How it was resolved: the id itself, a licence list, license_name, license_link, or not at all. */
  via: 'id' | 'list' | 'name' | 'link' | null;
  /** What was looked up (for messages). */
  input: string | null;
}

/** Ids that say nothing by themselves: resolve through license_name / license_link instead. */
const PLACEHOLDER_IDS = new Set(['other', 'unknown']);

/**
 * Resolve a licence reference as a repo publishes it. A known id decides; `other` / `unknown`
 * are resolved through `license_name` (an id or alias), then `license_link` (a link naming
 * exactly one licence). Anything else stays unresolved (entry null): the text may still decide.
 */
export function resolveLicenseRef(kb: LicenseKb, ref: LicenseRef | null | undefined): ResolvedLicense {
  if (!ref || (!ref.id && !ref.name && !ref.link)) return { entry: null, via: null, input: null };
  const id = ref.id ? normalizeLicenseKey(ref.id) : null;
  // A card listing several licences (`license: [apache-2.0, mit]`, stored as "apache-2.0,mit"):
  // the most restrictive one the KB knows; none known → unresolved.
  const parts = ref.id ? licenseListParts(ref.id) : null;
  if (parts) {
    const known = parts.map((p) => lookupLicenseOrTitle(kb, p)).filter((e): e is LicenseEntry => !!e && !PLACEHOLDER_IDS.has(e.id));
    const worst = known.reduce<LicenseEntry | null>((a, e) => (!a || e.rank > a.rank ? e : a), null);
    if (worst) return { entry: worst, via: 'list', input: ref.id };
  } else if (id && !PLACEHOLDER_IDS.has(id)) {
    const entry = lookupLicenseOrTitle(kb, ref.id);
    if (entry || (!ref.name && !ref.link)) return { entry: entry ?? null, via: entry ? 'id' : null, input: ref.id };
  }
  const byName = lookupLicenseOrTitle(kb, ref.name);
  if (byName && !PLACEHOLDER_IDS.has(byName.id)) return { entry: byName, via: 'name', input: ref.name ?? null };
  const byLink = licenseFromLink(kb, ref.link);
  if (byLink) return { entry: byLink, via: 'link', input: ref.link ?? null };
  return { entry: null, via: null, input: ref.name ?? ref.link ?? ref.id ?? null };
}
