// Announcements: does a post introduce a model of one of the vendor's lines? By default the
// launch reader decides (launch-reader.ts: rules over the model-name grammar of launch-grammar.ts,
// see docs/launch-reader.md), reading the title, then the lead (or the article's opening
// paragraphs, which collectors/article.ts fetches). A vendor may instead set `announce.patterns`,
// title regexes with a named group `model`, read by the older rules below:
//   1. A pattern is a case-insensitive regex with a named group `model`, tried in order on the
//      title; the first that matches and yields a model wins.
//   2. The captured text is cut at the first clause boundary (`:`, ` — `, `,`, ` with `,
//      ` for `, ...), split into a list on `and` / `&` / `,`, and a part that starts with a
//      version inherits the first part's name ("Gemini 3.8 Flash and 3.8 Flash Cyber").
//   3. A name counts only when it matches one of the vendor's line patterns within its first two
//      words.
// Either way, the access path stated in title + lead (announce-access.ts) becomes the
// `access` signal, and an open-weights statement the `openWeights` evidence. Pure, no I/O: the
// post diff calls `detectAnnouncement`.
import type { LineKind, VendorConfig } from '../model.js';
import { safeRegexOrNull, type SafeRegex } from '../shared/safe-regex.js';
import { accessFromText, openWeightsFromText, type OpenWeightsStatement } from './announce-access.js';
import type { AccessValue } from './classify.js';
import { readLaunch } from './launch-reader.js';
import { assignLine } from './lines.js';

/**
 * The title templates the launch reader replaced (the baseline of the launch corpus): used only by
 * `detectByPatterns` when a vendor's `announce.patterns` is empty, kept as a starting point for them.
 */
export const DEFAULT_ANNOUNCE_PATTERNS: readonly string[] = [
  // "Introducing Muse Spark", "Announcing Phi-4", "Meet Llama 4", "Say hello to ..."
  '^(?:introducing|announcing|launching|unveiling|meet|say hello to)\\s*:?\\s+(?<model>.+)$',
  // "Gemma 4 is here", "Grok 5 is out", "Llama 4 is live"
  '^(?<model>.+?)\\s+is\\s+(?:here|out|live)\\b',
  // "Gemini 2.5 Pro now available", "Gemini 2.5 Pro is now generally available"
  '^(?<model>.+?)\\s+(?:is\\s+|are\\s+)?now\\s+(?:generally\\s+)?available\\b',
  // "Gemma 4: byte for byte, the most capable open models" — a versioned name before a colon
  '^(?<model>[^:]*\\d[^:]*):\\s',
];

export type { AccessValue };

export interface AnnouncedModel {
  /** `<vendorId>/<slug>`, e.g. `meta/muse-spark`. */
  id: string;
  name: string;
  line: LineKind;
  lineReason: string;
}

export interface Announcement {
  /**
   * launch: the post introduces the models; availability: models already released arrive in a new
   * place ("Muse Spark is now generally available in the Meta AI API"): access evidence, no new model.
   */
  kind: 'launch' | 'availability';
  /** For an availability: where ("the Meta AI API", "Europe"). */
  place?: string;
  models: AnnouncedModel[];
  /** The post says the weights are open (a licence, a download link): announced as open, pending until seen. */
  openWeights?: OpenWeightsStatement | null;
  /** The access path the post states (classify/announce-access.ts), or null when it says none. */
  access: AccessValue | null;
  matchedIn: 'title' | 'lead';
  /** The pattern that matched. */
  pattern: string;
}

// Words that end a model name inside a title: "Gemini 3.8 Live with Live Avatar".
const CLAUSE_END =
  /\s*(?::\s|\s[—–-]\s|\s\|\s|[!?(]|\.\s|\.$|;|\s(?:with|for|in|on|to|at|from|is|are|now|that|which|as|by|via|brings|comes|arrives)\s)/i;
const LIST_SPLIT = /\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+/i;
const LEADING_ARTICLE = /^(?:the|a|an|our|new|all-new|meet)\s+/i;
const TRAILING_GENERIC = /\s+(?:models?|family|series|herd)$/i;
const MAX_NAME_WORDS = 6;

/** `Gemini 2.5 Pro` → `gemini-2-5-pro`. */
export function modelSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function cleanName(raw: string): string {
  let s = raw
    .replace(/[\u2010-\u2015\u2212]/g, '-') // OpenAI writes GPT‑6 with a non-breaking hyphen
    .replace(/[\u2018\u2019\u201c\u201d"]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s
      .replace(LEADING_ARTICLE, '')
      .replace(TRAILING_GENERIC, '')
      .replace(/[\s.,;:!?'-]+$/, '')
      .trim();
  }
  return s;
}

/** The model names a captured phrase holds (rule 2 above). */
export function namesFromCapture(capture: string): string[] {
  const cut = capture.split(CLAUSE_END)[0] ?? '';
  const parts = cut.split(LIST_SPLIT).map(cleanName).filter(Boolean);
  const first = parts[0];
  const prefix = first ? /^(\D+?)\s+\d/.exec(first)?.[1] : undefined;
  return parts.map((p, i) => (i > 0 && prefix && /^\d/.test(p) ? `${prefix} ${p}` : p));
}

function plausibleName(name: string): boolean {
  return name.length >= 2 && name.length <= 60 && /^[\p{L}\p{N}]/u.test(name) && name.split(' ').length <= MAX_NAME_WORDS;
}

/**
 * The line's name must lead the phrase (within its first two words): "Llama Nemotron Nano" is a
 * model, "team behind Claude" ("Meet the team behind Claude") is not.
 */
function leadsWithLine(vendor: VendorConfig, line: LineKind, name: string): boolean {
  const words = name.split(' ');
  const limit = words.length > 2 ? words.slice(0, 2).join(' ').length : name.length;
  return (vendor.lines[line]?.match ?? []).some((p) => {
    const m = safeRegexOrNull(p)?.exec(name) ?? null;
    return m !== null && m.index < limit;
  });
}

function compile(patterns: readonly string[]): { source: string; re: SafeRegex }[] {
  const out: { source: string; re: SafeRegex }[] = [];
  for (const source of patterns) {
    // Linear-time matching; config validation reports refused patterns, here they never match.
    const re = safeRegexOrNull(source);
    if (re && /\(\?<model>/.test(source)) out.push({ source, re });
  }
  return out;
}

function firstSentence(text: string): string {
  return (
    text
      .replace(/\s+/g, ' ')
      .trim()
      .split(/(?<=[.!?])\s/)[0] ?? ''
  ).trim();
}

function detectIn(
  text: string,
  vendor: VendorConfig,
  rules: { source: string; re: SafeRegex }[],
): { models: AnnouncedModel[]; pattern: string } | null {
  for (const { source, re } of rules) {
    const capture = re.exec(text)?.groups?.['model'];
    if (!capture) continue;
    const models: AnnouncedModel[] = [];
    for (const name of namesFromCapture(capture)) {
      if (!plausibleName(name)) continue;
      const { line, reason } = assignLine(vendor, name);
      const slug = modelSlug(name);
      if (!line || !slug || !leadsWithLine(vendor, line, name)) continue;
      const id = `${vendor.id}/${slug}`;
      if (!models.some((m) => m.id === id)) models.push({ id, name, line, lineReason: reason });
    }
    if (models.length) return { models, pattern: source };
  }
  return null;
}

/** The models a post announces, or null when it announces none: the launch reader, or the vendor's own patterns. */
export function detectAnnouncement(
  post: { title: string; summary: string | null },
  vendor: VendorConfig,
  opts: { leadSentences?: number } = {},
): Announcement | null {
  if (vendor.announce?.patterns?.length) return detectByPatterns(post, vendor);
  const r = readLaunch(post, vendor, opts);
  // A bare family in a new place ("Claude is now available in Europe") names no model at all.
  const avail = r.availability.filter((a) => a.specific);
  if (!r.rule && !avail.length) return null;
  const models: AnnouncedModel[] = [];
  for (const m of r.rule ? r.models : avail) {
    const name = cleanName(m.name);
    const { line, reason } = assignLine(vendor, name);
    const slug = modelSlug(name);
    if (!line || !slug || !plausibleName(name)) continue;
    const id = `${vendor.id}/${slug}`;
    if (!models.some((x) => x.id === id)) models.push({ id, name, line, lineReason: reason });
  }
  if (!models.length) return null;
  return {
    kind: r.rule ? 'launch' : 'availability',
    ...(r.rule ? {} : { place: avail[0]!.place }),
    models,
    access: accessFromText(`${post.title}\n${post.summary ?? ''}`),
    openWeights: openWeightsFromText(`${post.title}\n${post.summary ?? ''}`),
    matchedIn: r.matchedIn ?? 'title',
    pattern: `rule:${r.rule ?? 'availability'}`,
  };
}

/** Rules 1-3 above, with the vendor's `announce.patterns`. */
function detectByPatterns(post: { title: string; summary: string | null }, vendor: VendorConfig): Announcement | null {
  const rules = compile(vendor.announce?.patterns ?? DEFAULT_ANNOUNCE_PATTERNS);
  const title = post.title.replace(/\s+/g, ' ').trim();
  const lead = post.summary ? firstSentence(post.summary) : '';
  const found = detectIn(title, vendor, rules);
  const inLead = found ? null : lead ? detectIn(lead, vendor, rules) : null;
  const hit = found ?? inLead;
  if (!hit) return null;
  return {
    kind: 'launch',
    models: hit.models,
    access: accessFromText(`${title}\n${post.summary ?? ''}`),
    matchedIn: found ? 'title' : 'lead',
    pattern: hit.pattern,
  };
}
