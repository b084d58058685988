// The model-name grammar of the launch reader (classify/launch-reader.ts): where a name of one of
// the vendor's families starts in a text, how far it runs, and what kind of name it is. Pure.
//
//   NAME   := [PREFIX] FAMILY-WORD { PART }           "Claude Opus 4.5", "Qwen3-235B-A22B",
//   PART   := VERSION | TIER | Capitalised PART* VERSION   "Gemini 3.1 Flash-Lite", "Grok Code Fast 1"
//
// A FAMILY-WORD is the word (letters, digits, `.`, `-`, `_`, `+`) holding a match of one of the
// vendor's line patterns: "Qwen2.5-VL-72B", "DeepSeek-V3.2-Exp", "open-mixtral-8x22b",
// "DiffusionGemma". A VERSION has a digit ("4.5", "3B", "8x22B", "v2", "2603"). A TIER is a word of
// the generic tier list or of the vendor's own (`announce.tiers`: "Opus", "Spark", "Saba"). A
// capitalised word that is neither joins the name only when a version follows it ("Claude Fable 5",
// "Gemini Robotics 2"); otherwise the name ends before it, and a family word followed by such a word
// ("Claude Tag", "Mistral Vibe") is a product named after the family, not a model.
import type { LineKind, VendorConfig } from '../model.js';
import { safeRegexOrNull, type SafeRegex } from '../shared/safe-regex.js';

/** Tier and variant words vendors put after a family and version. */
export const GENERIC_TIERS: readonly string[] = [
  'pro',
  'flash',
  'lite',
  'flash-lite',
  'nano',
  'ultra',
  'mini',
  'small',
  'medium',
  'large',
  'max',
  'plus',
  'turbo',
  'vision',
  'vl',
  'omni',
  'coder',
  'code',
  'instruct',
  'chat',
  'base',
  'thinking',
  'reasoning',
  'live',
  'tts',
  'audio',
  'voice',
  'image',
  'video',
  'embed',
  'embedding',
  'realtime',
  'transcribe',
  'fast',
  'air',
  'edge',
  'exp',
  'cyber',
  'deep',
  'think',
  'robotics',
  'er',
  'scout',
  'maverick',
  'behemoth',
  'opus',
  'sonnet',
  'haiku',
  'instant',
  'math',
  'ocr',
  'guard',
  'moderation',
  'creative',
  'agent',
  'v',
  'z1',
  'a',
];

/** Words right after a family that make the phrase a product, plan, programme or place, not a model. */
export const PRODUCT_WORDS: readonly string[] = [
  'app',
  'apps',
  'application',
  'plan',
  'plans',
  'team',
  'teams',
  'enterprise',
  'business',
  'program',
  'programme',
  'grants',
  'grant',
  'fund',
  'fellowship',
  'fellows',
  'academy',
  'store',
  'platform',
  'design',
  'cowork',
  'tag',
  'corps',
  'science',
  'security',
  'desktop',
  'extension',
  'extensions',
  'api',
  'apis',
  'sdk',
  'cli',
  'studio',
  'gateway',
  'console',
  'health',
  'scope',
  'hackathon',
  'partner',
  'partners',
  'network',
  'assistant',
  'managed',
  'skills',
  'skill',
  'connector',
  'connectors',
  'workbench',
  'index',
  'search',
  'cloud',
  'startup',
  'startups',
  'impact',
  'community',
  'cookbook',
  'docs',
  'day',
  'days',
  'build',
  'certification',
  'certifications',
  'gov',
  'education',
  'edu',
  'factory',
  'toolkit',
  'kit',
  'mode',
  'browser',
  'chrome',
  'excel',
  'slack',
  'workspace',
  'notebook',
  'developer',
  'developers',
  'users',
  'user',
  'subscribers',
  'subscription',
  'pricing',
  'usage',
  'limits',
  'ai',
  'system',
  'card',
  'spec',
  'residency',
  'region',
  'regions',
  'operator',
  'agents',
  'tools',
  'tool',
  'sandbox',
  'paper',
  'report',
  'technical',
  'blog',
  'podcast',
  'playbook',
  'benchmark',
  'leaderboard',
  'challenge',
];

/** Words after a name that say the mention is a version status, not part of the name. */
const STATUS_WORDS = new Set(['preview', 'experimental', 'beta', 'ga', 'release', 'released', 'update', 'updated', 'alpha', 'rc']);
/** Generic nouns after a name ("the Gemma 3 family", "Qwen2-VL series"). */
const GENERIC_NOUNS = new Set([
  'model',
  'models',
  'family',
  'families',
  'series',
  'herd',
  'collection',
  'lineup',
  'weights',
  'checkpoints',
  'checkpoint',
]);
/** Title-case words that end a name: verbs, prepositions, adverbs. */
const STOP_CAPS = new Set([
  'is',
  'are',
  'was',
  'now',
  'arrives',
  'brings',
  'comes',
  'launches',
  'available',
  'in',
  'on',
  'for',
  'with',
  'to',
  'at',
  'by',
  'from',
  'and',
  'the',
  'a',
  'an',
  'today',
  'here',
  'out',
  'of',
  'as',
  'via',
  'gets',
  'goes',
  'makes',
  'sets',
  'takes',
  'hits',
  'tops',
  'leads',
  'beats',
]);
/** Words that may come before a family word and belong to the name ("Code Llama"). */
const PREFIX_TIERS = new Set(['code']);

const VERSION = /^(?:v\d[\w.]*|\d[\w.]*|\d+x\d+b)$/i;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}._+-]*/gu;

export interface NameMention {
  name: string;
  /** Offsets in the text the mention was read from. */
  start: number;
  end: number;
  line: LineKind;
  /** The line pattern that matched. */
  pattern: string;
  hasVersion: boolean;
  /** A vendor tier ("Opus", "Spark") or a generic tier next to a version. */
  hasTier: boolean;
  /** The name is only the family word, as written ("Claude", "Llama", "Codestral"). */
  bare: boolean;
  /** Why the mention cannot be a model (a product word right after the family), or null. */
  product: string | null;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const t = m[0].replace(/[.\-_+]+$/, '');
    out.push({ text: t, start: m.index, end: m.index + t.length });
  }
  return out;
}

// Vendor patterns run on the linear-time engine (shared/safe-regex.ts); a refused pattern is a
// config error at load, here it simply never matches.
const compile = safeRegexOrNull;

const compiled = new WeakMap<VendorConfig, { line: LineKind; source: string; re: SafeRegex }[]>();

/** The vendor's line patterns, compiled, in order (open first, as lines.ts breaks ties). */
export function familyPatterns(vendor: VendorConfig): { line: LineKind; source: string; re: SafeRegex }[] {
  const hit = compiled.get(vendor);
  if (hit) return hit;
  const out: { line: LineKind; source: string; re: SafeRegex }[] = [];
  compiled.set(vendor, out);
  for (const line of ['open', 'proprietary'] as const) {
    for (const source of vendor.lines[line]?.match ?? []) {
      const re = compile(source);
      if (re) out.push({ line, source, re });
    }
  }
  return out;
}

function isVersion(w: string): boolean {
  return VERSION.test(w);
}

function tierSet(vendor: VendorConfig): { generic: Set<string>; vendor: Set<string> } {
  return {
    generic: new Set(GENERIC_TIERS),
    vendor: new Set((vendor.announce?.tiers ?? []).map((t) => t.toLowerCase())),
  };
}

function isCapitalised(w: string): boolean {
  return /^\p{Lu}/u.test(w);
}

/** Every mention of a family name in `text`, read with the grammar above. */
export function findNames(text: string, vendor: VendorConfig): NameMention[] {
  const ws = words(text);
  const pats = familyPatterns(vendor);
  const tiers = tierSet(vendor);
  const products = new Set([...PRODUCT_WORDS, ...(vendor.announce?.products ?? []).map((p) => p.toLowerCase())]);
  const isTier = (w: string) => {
    const l = w.toLowerCase();
    if (tiers.vendor.has(l) || tiers.generic.has(l)) return true;
    // "Flash-Lite", "Robotics-ER", "Mini-Transcribe": every part a tier or a version
    const parts = l.split('-');
    return parts.length > 1 && parts.every((p) => tiers.vendor.has(p) || tiers.generic.has(p) || isVersion(p));
  };
  const out: NameMention[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    // The first line pattern whose match starts inside this word; it may run over several
    // words ("Mistral Small", "Nano Banana"): the family span covers every word it touches.
    let hit: { line: LineKind; source: string; re: SafeRegex } | undefined;
    let matchEnd = 0;
    for (const p of pats) {
      const m = p.re.exec(text.slice(w.start, w.start + 40));
      if (m && m.index < w.end - w.start) {
        hit = p;
        matchEnd = w.start + m.index + m[0].replace(/[\s-]+$/, '').length;
        break;
      }
    }
    if (!hit) continue;
    let startIdx = i;
    let j = i;
    while (j + 1 < ws.length && ws[j + 1]!.start < matchEnd) j++;
    if (i > 0 && PREFIX_TIERS.has(ws[i - 1]!.text.toLowerCase()) && text.slice(ws[i - 1]!.end, w.start) === ' ') startIdx = i - 1;
    const lastFamily = ws[j]!;
    const familyText = text.slice(w.start, lastFamily.end);
    // Bare: the family match is the whole word as written ("Claude", "Codestral"), not "GPTs", "Qwen2.5".
    const bareWord = j === i && matchEnd >= w.end && text.slice(w.start, matchEnd).length === w.text.length;
    let hasVersion = /\d/.test(familyText);
    let product: string | null = null;
    for (const part of familyText.toLowerCase().split('-').slice(1)) if (products.has(part)) product = part;
    let end = j;
    let lenient = false;
    // Extend over versions, tiers and capitalised words that lead to a version.
    for (let k = j + 1; k < ws.length && k - i < 8; k++) {
      const gap = text.slice(ws[k - 1]!.end, ws[k]!.start);
      if (gap !== ' ' && gap !== '-') break;
      const t = ws[k]!.text;
      const l = t.toLowerCase();
      if (k === j + 1 && products.has(l) && !isVersion(t)) {
        product = l;
        break;
      }
      if (STATUS_WORDS.has(l) || GENERIC_NOUNS.has(l)) break;
      if (isVersion(t)) {
        hasVersion = true;
        end = k;
        continue;
      }
      if (isTier(t) && (isCapitalised(t) || /^(mini|nano|lite|pro|flash|max|plus|exp|vl)$/.test(l) || hasVersion)) {
        end = k;
        continue;
      }
      if (isCapitalised(t) && k + 1 < ws.length) {
        // "Fable 5", "Code Fast 1": capitalised words join when a version follows within two words
        let n = k;
        while (n < ws.length && n - k < 2 && !isVersion(ws[n]!.text) && (isCapitalised(ws[n]!.text) || isTier(ws[n]!.text))) n++;
        if (n < ws.length && isVersion(ws[n]!.text) && text.slice(ws[n - 1]!.end, ws[n]!.start).match(/^[ -]$/)) {
          hasVersion = true;
          end = n;
          k = n;
          continue;
        }
      }
      if (isCapitalised(t) && !STOP_CAPS.has(l) && !products.has(l)) {
        // "GPT-6 Astra": after a version, a capitalised word that ends the phrase is a variant name
        const follow = text.slice(ws[k]!.end);
        if (hasVersion && /^(?:\s*$|\s*[:,;!?]|\s+(?:and|with|&|[-—–|])\s)/.test(follow)) {
          end = k;
          continue;
        }
        // A vendor that lists no tiers: "Muse Spark" right after the family is read as a model name
        if (k === j + 1 && !hasVersion && tiers.vendor.size === 0) {
          lenient = true;
          end = k;
          continue;
        }
      }
      if (k === j + 1 && isCapitalised(t) && !hasVersion) product = product ?? `"${t}" (not a tier of this vendor)`;
      break;
    }
    const first = ws[startIdx]!;
    const last = ws[end]!;
    const name = text.slice(first.start, last.end).replace(/-latest$/i, '');
    const vendorTier = text
      .slice(w.start, last.end)
      .split(/[\s-]+/)
      .slice(1)
      .some((p) => tiers.vendor.has(p.toLowerCase()));
    // "DiffusionGemma", "CodeQwen", "ChatGLM": the family word inside a longer word is a model name
    // of its own, as a tier would be ("GPTs" is a plural, not a name).
    const familyName = (vendor.lines[hit.line]?.name ?? '').split(' ')[0]!.toLowerCase();
    const lw = w.text.toLowerCase();
    const compound = familyName.length > 1 && lw !== familyName && lw.includes(familyName) && !/\d/.test(lw) && lw !== `${familyName}s`;
    out.push({
      name,
      start: first.start,
      end: last.end,
      line: hit.line,
      pattern: hit.source,
      hasVersion,
      hasTier: vendorTier || startIdx < i || j > i || compound || lenient,
      bare: bareWord && end === j && startIdx === i && !compound,
      product,
    });
    i = end;
  }
  return out;
}
