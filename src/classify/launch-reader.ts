// The launch reader: does a vendor post announce a model of one of the vendor's families, and which?
// Rules over the model-name grammar (launch-grammar.ts), not a list of title templates. Pure and
// explainable: every decision names the rule that made it, and `trace` says what each name
// mention met (`modelwatch explain-post` prints it). docs/launch-reader.md lists the rules.
//
// Read in order: the title (split into its main part and a tagline at ": ", " - ", " | "), then,
// when the title neither announces nor rules out a model, the lead's first sentences.
//   verb-first     a launch verb opens a clause, the names follow: "Introducing Claude Opus 4.5",
//                  "We released Mistral Small 3.1 and Magistral Medium", "Open Release of Grok-1",
//                  "Meta and Microsoft Introduce the Next Generation of Llama", "我们正式发布 GLM-4.1V-9B-Thinking".
//   name-first     a name opens the clause and a launch predicate follows: "Gemma 4 is here",
//                  "DeepSeek-V3.2 Release", "DeepSeek-V3.2 正式版发布", "Grok-2 Beta Release",
//                  "mistral-large-latest: our new flagship model", "Imagen 2 on Vertex AI is now generally available".
//   bare-title     the title's main part is nothing but names (the house style of Mistral, Anthropic,
//                  xAI): "Claude Opus 4.1", "Grok 4 Fast", "Gemini 3.1 Pro: A smarter model ..." —
//                  unless the tagline says guide, follow-up, system card, podcast...
//   sentence-end   a sentence ends with "has been released / open-sourced", "已经开源": its names.
// Not a model, whatever the rule: a product, plan, programme or place word right after the family
// ("Claude Team plan", "Llama Startup Program", "Claude Design"); "for ..." after a name without a
// version ("Claude for Education"); a repackaging ("in the diffusers version"); a name after
// "with / using / for / in / on" outside a launch clause. "<name> is now available in <place>" is
// an *availability* of that name, reported apart, never a new model.
import { findNames, type NameMention } from './launch-grammar.js';
import type { LineKind, VendorConfig } from '../model.js';

export type LaunchRule = 'verb-first' | 'name-first' | 'bare-title' | 'sentence-end';

export interface ReadModel {
  name: string;
  line: LineKind;
  pattern: string;
}

export interface Availability {
  name: string;
  place: string;
  /** A versioned or tiered name ("Gemini 3 Flash"), not the bare family ("Claude"). */
  specific: boolean;
  line: LineKind;
  pattern: string;
}

export interface LaunchReading {
  models: ReadModel[];
  /** The rule that decided, or null when the post announces no model. */
  rule: LaunchRule | null;
  matchedIn: 'title' | 'lead' | null;
  /** The clause the deciding rule read. */
  clause: string | null;
  /** "<name> is now available in <place>": the name arrived somewhere new. */
  availability: Availability[];
  /** One line per step: what each name mention met. */
  trace: string[];
}

const DASHES = /[\u2010-\u2015\u2212]/g;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: U+FE0F (emoji presentation) is meant to match alone
const EMOJI = /[\p{Extended_Pictographic}\u{1F300}-\u{1FAFF}\u2600-\u27BF\uFE0F]/gu;

/** Launch verbs that open a clause (English, then Chinese). */
const VERB =
  /^(?:(?:today,?\s+)?(?:we|we've|we have|we are|we're|we’re|we’ve|i'm|it's)\s+)?(?:(?:just|now|officially|finally|proudly|excited to|happy to|going to)\s+)*(?:introduc(?:ing|e|es|ed)|announc(?:ing|e|es|ed)|launch(?:ing|ed|es)?|releas(?:ing|ed|es|e)|unveil(?:ing|ed|s)?|open[- ]?sourc(?:ing|ed|es|e)|open release of|debut(?:ing|s)?|meet|say hello to|hello|presenting|welcome|start building with|new models? available|available now|our (?:next[- ]generation|new|newest|latest|first) (?:\w+ )?models?)\b\s*[:,]?\s*/i;
const VERB_ZH = /^(?:我们)?(?:今天)?(?:正式|隆重|全新|重磅)?(?:发布|开源|推出|上线)了?\s*/u;
/** A title subject before a verb: "Meta and Microsoft Introduce", "NVIDIA releases", "Meta AI released". */
const SUBJECT_VERB =
  /^(?:\p{Lu}[\p{L}\p{N}.&'’-]*,?\s+(?:and\s+)?){1,4}(?:[Ii]ntroduc(?:e|es|ed)|[Rr]eleas(?:e|es|ed)|[Ll]aunch(?:es|ed)?|[Uu]nveil(?:s|ed)?|[Oo]pen[- ]sourc(?:es|ed)|[Dd]ebuts?)\s+/u;
/** Filler between a verb and a name: "the", "our new", "seven new", "the next generation of". */
const FILLER =
  /^(?:(?:the|a|an|our|its|their|new|all-new|brand-new|latest|first|next|next-generation|generation|of|preview|open|open-weight|open-source|frontier|\d+|one|two|three|four|five|six|seven|eight|nine|ten|world[- ]class|family|instruction-tuned|larger|smaller|model)\s+)*/i;

const FILLER_ONLY = new RegExp(`${FILLER.source}$`, 'i');

/** After a name: the predicates that say it launches. */
const PREDICATE =
  /^(?:,\s*)?(?:(?:is|are|was|were|has|have|has been|have been)\s+)?(?:(?:just|now|officially|finally)\s+)*(?:here|out|live|launched|launches|launching|released|arrives|arrived|has arrived|debuts|brings|generally available|available|release|beta release|ga release|preview release|update|is our (?:new |newest |latest |first )?(?:flagship |frontier |most [\w-]+ )?model|正式版发布|正式发布|发布|上线|开源|更新|正式版|预览版)\b|^:\s*(?:our\s+)?(?:new|first|latest)\b[^.]{0,40}\bmodel\b|^(?:正式版)?(?:发布|上线|开源|更新|预览版)/iu;
/** Chinese predicates: "DeepSeek-V3.2 正式版发布", "DeepSeek V3.2 正式版：…", "DeepSeek-V3 模型更新". */
const PREDICATE_ZH = /^(?:模型)?(?:正式版|预览版|正式)?(?:发布|上线|开源|更新|推出)|^(?:正式版|预览版)/u;
/** A place after "available": availability, not a launch. */
const AVAILABLE_IN =
  /^(?:(?:is|are)\s+)?(?:now\s+)?(?:generally\s+)?available\s+(?:in|on|to|via|through|across|inside|for\s+(?:free|everyone|all))\b\s*(.{0,60})/i;
const PLACE_BEFORE = /^(?:on|in)\s+((?:\p{Lu}[\p{L}\p{N}.-]*\s*){1,4})(?=(?:is|are)\s+now\s+(generally\s+)?available)/u;
/** Taglines of guides and follow-ups, which a bare versioned name before them does not launch. */
const GUIDE =
  /\b(guide|developer guide|follow[- ]?up|best practices|tutorial|cookbook|deep dive|case study|explained|recap|lessons|how to|how we|system card|addendum|podcast|what we learned|faq|migrat\w*|tips|prompting|hackathon|winners|safeguards|postmortem|in practice|field guide|learnings)\b/i;
/** Capitalised words that open a phrase but are no part of a model name. */
const PRODUCT_LIKE = /^(?:The|A|An|Our|New|How|Why|What|When|Meet|Inside|More|Better|Faster)\s/;
/** Taglines that say the name is not new: renamed, deprecated, old, price changes. */
const NOT_NEW = /\b(renamed|deprecat\w*|retir\w*|old model|price|pricing|sunset|discontinu\w*|legacy)\b/i;
const REPACKAGE = /^\s*(?:model\s+|模型\s*)?(?:in the|的)\s*(?:diffusers|gguf|awq|gptq|onnx|mlx|fp8|int4|int8)\s*(?:version|format|版本)/i;
/** Words before a name that make it an object, not the subject of a launch. */
const OBJECT_BEFORE =
  /(?:\b(?:with|using|for|to|in|on|into|from|about|inside|via|by|powered by|built on|based on|of|than|like|vs\.?|and)(?:\s+(?:the|a|an|our|its))?|用于|基于|使用|在|微调|支持)\s*$/iu;
const CLAUSE_END = /(?<=[.!?;])\s+|(?<=[。！？；])\s*|\s+(?:[—–|]|-)\s+|\s*\|\|\s*/u;

export function normalise(text: string): string {
  return text
    .replace(DASHES, '-')
    .replace(EMOJI, ' ')
    .replace(/[\u00a0\u2009\u202f]/g, ' ')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d"]/g, '')
    .replace(/\s*\([^()]{0,120}\)/g, '') // API ids and asides: "Mistral Large 2 (mistral-large-2407)"
    .replace(/\s*\[[^\][]{0,120}\]/g, '')
    .replace(/-latest\b/gi, '')
    .replace(/(\p{Script=Han})(?=[A-Za-z0-9])/gu, '$1 ') // "微调CogView4" → "微调 CogView4"
    .replace(/([A-Za-z0-9])(?=\p{Script=Han})/gu, '$1 ') // an API alias of the newest version: "codestral-latest"
    .replace(/\s+/g, ' ')
    .trim();
}

function vendorAliases(vendor: VendorConfig): string[] {
  const names = [vendor.id, vendor.name, ...vendor.name.split(/[\s()]+/)].filter((s) => s.length >= 2 && !/^(ai|inc|labs?)$/i.test(s));
  return [...new Set(names.map((s) => s.toLowerCase()))];
}

/**
 * "OpenAI: GPT-4", "Google - Introducing Gemini", "Anthropic's Claude-2", "OpenAI o3-mini" → the
 * text after the vendor. A vendor word that is itself the family ("DeepSeek-V3.2") stays.
 */
function stripVendorPrefix(text: string, vendor: VendorConfig): string {
  const lower = text.toLowerCase();
  for (const a of vendorAliases(vendor)) {
    if (!lower.startsWith(a)) continue;
    const own = findNames(text, vendor)[0];
    if (own && own.start === 0 && own.end > a.length) continue;
    const rest = text.slice(a.length);
    const m = /^(?:\s*:\s*|\s+[-–—]\s*|'s\s+)/u.exec(rest);
    if (m) return rest.slice(m[0].length);
    const sp = /^\s+/.exec(rest);
    if (sp && findNames(rest.slice(sp[0].length), vendor)[0]?.start === 0) return rest.slice(sp[0].length);
  }
  return text;
}

function clauses(text: string): string[] {
  return text
    .split(CLAUSE_END)
    .map((s) => s.trim())
    .filter(Boolean);
}

interface ClauseResult {
  models: NameMention[];
  rule: LaunchRule;
  clause: string;
}

interface Blocked {
  reason: string;
}

/** Names listed from the start of `rest`: "A, B and C", a version-led part inheriting the prefix. */
function listedNames(rest: string, vendor: VendorConfig, trace: string[]): NameMention[] {
  const names = findNames(rest, vendor);
  const out: NameMention[] = [];
  let pos = 0;
  for (const n of names) {
    const between = rest.slice(pos, n.start);
    const fine =
      out.length === 0 ? FILLER_ONLY.test(between) : /^\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*、\s*|\s*和\s*)\s*$/.test(between);
    if (!fine) break;
    out.push(n);
    pos = n.end;
  }
  // "Gemini 3.6 Flash, 3.5 Flash-Lite, and 3.5 Flash Cyber": version-led parts after the first name
  const first = out[0];
  if (first && out.length === 1) {
    const prefix = /^(\D+?)\s+\d/.exec(first.name)?.[1];
    const tail = rest.slice(first.end);
    if (prefix) {
      for (const m of tail.matchAll(/(?:,\s*(?:and\s+)?|\s+and\s+)(\d[\w.]*(?:\s+(?:\p{Lu}[\p{L}-]*|\d[\w.]*)){0,3})/gu)) {
        if (
          m.index !== 0 &&
          !tail.slice(0, m.index).match(/^(?:(?:,\s*(?:and\s+)?|\s+and\s+)\d[\w.]*(?:\s+(?:\p{Lu}[\p{L}-]*|\d[\w.]*)){0,3})*$/u)
        )
          break;
        const name = `${prefix} ${m[1]!.trim()}`;
        out.push({ ...first, name, hasVersion: true, bare: false, product: null });
        trace.push(`  "${name}": a version-led list part takes the prefix "${prefix}"`);
      }
    }
  }
  return out;
}

function nextWord(text: string, at: number): string {
  return /^\s*([\p{L}\p{N}'-]+)/u.exec(text.slice(at))?.[1] ?? '';
}

/** Why a mention read in `text` is not a model, or null when it may be one. */
function blocked(n: NameMention, text: string, strongVerb: boolean): Blocked | null {
  if (n.product) return { reason: `product word ${n.product} after the family` };
  const after = text.slice(n.end);
  if (REPACKAGE.test(after)) return { reason: 'a repackaged copy (diffusers/GGUF/quantised version)' };
  if (!n.hasVersion && /^\s+for\s/i.test(after)) return { reason: '"for ..." after a name without a version: a product or offer' };
  if (!n.hasVersion && !n.hasTier) {
    if (!n.bare) return { reason: 'neither a version nor a tier of this vendor' };
    const w = nextWord(text, n.end);
    if (!strongVerb) return { reason: 'the bare family name, not in a launch clause' };
    if (w && /^\p{Lu}/u.test(w)) return { reason: `the bare family followed by "${w}"` };
    if (w && /^(is|are|now|in|on|to|at|with|and|for)$/i.test(w) && !/^\s*(?:and\s+\p{Lu})/u.test(after))
      return { reason: `the bare family followed by "${w}"` };
    if (w && /^(models|series|family|系列\S*|模型\S*)$/i.test(w))
      return { reason: 'unnamed models of the family: the names are in the article' };
  }
  return null;
}

function availability(n: NameMention, text: string): Availability | null {
  const after = text.slice(n.end).trim();
  const m = AVAILABLE_IN.exec(after);
  const base = { name: n.name, specific: n.hasVersion || n.hasTier, line: n.line, pattern: n.pattern };
  if (m) return { ...base, place: (m[1] ?? '').replace(/[.!]+$/, '').trim() };
  const p = PLACE_BEFORE.exec(after);
  if (p && !p[2]) return { ...base, place: p[1]!.trim() };
  if (/^(?:in|on)\s+\p{Lu}/u.test(after) && !n.hasVersion)
    return {
      ...base,
      place: after
        .replace(/^(?:in|on)\s+/, '')
        .split(/\s(?:is|are)\s/)[0]!
        .trim(),
    };
  return null;
}

function keep(models: NameMention[]): NameMention[] {
  // "the CogVideoX series image-to-video model CogVideoX-5B-I2V": a versioned name wins over the bare family
  const versioned = models.filter((m) => m.hasVersion || m.hasTier);
  const list = versioned.length ? versioned : models;
  const seen = new Set<string>();
  return list.filter((m) => {
    const k = m.name.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** One clause: the first rule that finds models, or what blocked them. */
function readClause(
  raw: string,
  vendor: VendorConfig,
  where: 'title' | 'lead',
  trace: string[],
  avail: Availability[],
): { hit: ClauseResult | null; decisive: boolean } {
  const clause = stripVendorPrefix(raw.replace(/^(?:the|a|an)\s+(?=\p{Lu})/iu, ''), vendor).replace(/^(?:the|a|an)\s+(?=\p{Lu})/iu, '');
  let decisive = false;
  // verb-first (and the subject-verb form)
  const verb = VERB.exec(clause) ?? VERB_ZH.exec(clause) ?? SUBJECT_VERB.exec(clause);
  if (verb) {
    const rest = stripVendorPrefix(clause.slice(verb[0].length).replace(FILLER, ''), vendor).replace(FILLER, '');
    const offset = clause.length - rest.length;
    let listed = listedNames(rest, vendor, trace);
    if (!listed.length) {
      // "Introducing Llama Nemotron Nano 4": one or two capitalised words before the family, with a version
      for (const co of [/^(\p{Lu}[\p{L}\p{N}]*\s)/u.exec(rest), /^((?:\p{Lu}[\p{L}\p{N}]*\s){2})/u.exec(rest)]) {
        const n = co ? findNames(rest.slice(co[1]!.length), vendor)[0] : undefined;
        if (co && n && n.start === 0 && n.hasVersion && !PRODUCT_LIKE.test(co[1]!)) {
          listed = [{ ...n, name: `${co[1]}${n.name}`, start: 0, end: co[1]!.length + n.end }];
          trace.push(`  ${where}: "${co[1]!.trim()}" before the family joins the versioned name`);
          break;
        }
      }
    }
    const ok: NameMention[] = [];
    for (const n of listed) {
      const b = blocked(n, rest, true);
      if (b) {
        trace.push(`  ${where}: "${n.name}" after "${verb[0].trim()}" is not a model: ${b.reason}`);
        decisive = true;
      } else ok.push(n);
    }
    // Chinese and long clauses: names anywhere after the verb, up to the clause end
    if (!ok.length && (VERB_ZH.test(clause) || /\bwe\b|\bwe'/i.test(verb[0]))) {
      const head = rest.split(/[。；;，]|\.(?:\s|$)/u)[0] ?? '';
      for (const n of findNames(head, vendor)) {
        const before = head.slice(0, n.start);
        // "…: MAI-Voice-1, … and MAI-1-preview": "and" continues a list only after a name was taken
        const listed = ok.length > 0 && /(?:,|\band)\s*$/i.test(before);
        if (!listed && OBJECT_BEFORE.test(before) && !/\bof\s*$/i.test(before)) continue;
        if (!blocked(n, head, true)) ok.push(n);
      }
    }
    if (ok.length) {
      void offset;
      trace.push(`  ${where}: verb-first "${verb[0].trim()}" → ${ok.map((n) => `"${n.name}"`).join(', ')}`);
      return { hit: { models: keep(ok), rule: 'verb-first', clause }, decisive: true };
    }
  }
  const names = findNames(clause, vendor);
  for (const n of names) {
    const before = clause.slice(0, n.start).trim();
    const av = availability(n, clause);
    if (av) {
      trace.push(`  ${where}: "${n.name}" is available in a new place (${av.place || 'unnamed'}): an availability, not a new model`);
      avail.push(av);
      decisive = true;
      continue;
    }
    // name-first: the name opens the clause
    if (before === '' || /^(?:and|new:?|update:?)$/i.test(before)) {
      const after = clause.slice(n.end).replace(/^\s+/, '');
      const listed = listedNames(clause.slice(n.start), vendor, trace);
      const lastEnd = n.start + (listed.length ? listed[listed.length - 1]!.end : n.end - n.start);
      const afterList = clause
        .slice(lastEnd)
        .replace(/^\s+/, '')
        .replace(/^(?:preview|experimental|beta|exp|ga)\s+/i, '');
      if (PREDICATE.test(afterList) || PREDICATE.test(after) || PREDICATE_ZH.test(afterList)) {
        const ok = listed.filter((m) => {
          const b = blocked(m, clause.slice(n.start), false);
          if (b && !(m.bare && !m.product)) {
            trace.push(`  ${where}: "${m.name}" is not a model: ${b.reason}`);
            return false;
          }
          return true;
        });
        if (ok.length) {
          trace.push(
            `  ${where}: name-first ${ok.map((m) => `"${m.name}"`).join(', ')} + "${(afterList.match(PREDICATE)?.[0] ?? after.match(PREDICATE)?.[0] ?? '').trim()}"`,
          );
          return { hit: { models: keep(ok), rule: 'name-first', clause }, decisive: true };
        }
        decisive = true;
      }
    }
  }
  // sentence-end: "... has been open-sourced.", "... 已经开源。"
  if (
    /(?:has|have)\s+been\s+(?:open[- ]sourced|released|launched)\s*[.!]?$|(?:are|is)\s+now\s+available\s*[.!]?$|(?:已经|已)(?:开源|发布|推出|上线)[。.!]?$/iu.test(
      clause,
    )
  ) {
    const ok = names.filter((n) => {
      const before = clause.slice(0, n.start);
      return !(OBJECT_BEFORE.test(before) && !/\bof\s*$/i.test(before)) && !blocked(n, clause, false);
    });
    if (ok.length) {
      trace.push(`  ${where}: sentence-end release predicate → ${ok.map((n) => `"${n.name}"`).join(', ')}`);
      return { hit: { models: keep(ok), rule: 'sentence-end', clause }, decisive: true };
    }
  }
  for (const n of names)
    if (!trace.some((t) => t.includes(`"${n.name}"`))) trace.push(`  ${where}: "${n.name}" mentioned, no launch rule applies`);
  return { hit: null, decisive };
}

/** The title's main part is a list of names only: bare-title. */
function readBareTitle(title: string, vendor: VendorConfig, trace: string[]): ClauseResult | null {
  const stripped = stripVendorPrefix(title, vendor);
  const prefixed = stripped !== title;
  const t = stripped.replace(/^(?:the|a|an)\s+/i, '');
  const [main, ...tagParts] = t.split(/:\s|\s[-—–|]\s|\s\|\|\s/);
  const tagline = tagParts.join(' ');
  if (!main) return null;
  const names = findNames(main, vendor);
  if (!names.length) return null;
  let rest = main;
  for (const n of [...names].reverse()) rest = rest.slice(0, n.start) + ' ' + rest.slice(n.end);
  const tiers = new Set((vendor.announce?.tiers ?? []).map((x) => x.toLowerCase()));
  const leftover = rest
    .replace(/[\p{L}\p{N}-]+/gu, (w) => (tiers.has(w.toLowerCase()) ? ' ' : w))
    .replace(/(?:^|\s)(?:and|&|model|models|family|series|herd|collection|lineup|preview|experimental|beta|ga|the)(?=\s|$)/gi, ' ')
    .replace(/\b(?:model family)\b/gi, ' ')
    .replace(/[\s,:.!]+/g, '');
  if (leftover) return null;
  if (tagline && (GUIDE.test(tagline) || NOT_NEW.test(tagline))) {
    trace.push(`  title: "${main}" is a name, but the tagline "${tagline}" is a guide or follow-up`);
    return null;
  }
  const ok = names.filter((n) => {
    if (n.product) return false;
    if (n.hasVersion || n.hasTier) return true;
    return n.bare && names.length === 1 && (tagline === '' || prefixed || /\bmodels?\b/i.test(tagline));
  });
  if (!ok.length) return null;
  trace.push(
    `  title: bare-title, the title is the name${ok.length > 1 ? 's' : ''} ${ok.map((n) => `"${n.name}"`).join(', ')}${tagline ? ` with the tagline "${tagline}"` : ''}`,
  );
  return { models: keep(ok), rule: 'bare-title', clause: main };
}

function firstSentences(text: string, n: number): string[] {
  return normalise(text)
    .split(/(?<=[.!?])\s+|(?<=[。！？])\s*/u)
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, n);
}

/** Read a post: its title, then (when the title settles nothing) the first sentences of its lead. */
export function readLaunch(
  post: { title: string; summary: string | null },
  vendor: VendorConfig,
  opts: { leadSentences?: number } = {},
): LaunchReading {
  const trace: string[] = [];
  const avail: Availability[] = [];
  const title = normalise(post.title);
  trace.push(`title: "${title}"`);
  const done = (hit: ClauseResult, where: 'title' | 'lead'): LaunchReading => ({
    models: hit.models.map((m) => ({ name: m.name, line: m.line, pattern: m.pattern })),
    rule: hit.rule,
    matchedIn: where,
    clause: hit.clause,
    availability: avail,
    trace,
  });
  let decisive = false;
  // The title's clauses: "Mapping the World's Forests: Introducing Canopy Height Maps v2" reads both parts.
  const titleClauses = [...new Set([title, ...title.split(/:\s/).slice(1), ...clauses(title)])];
  for (const c of titleClauses) {
    const r = readClause(c, vendor, 'title', trace, avail);
    if (r.hit) return done(r.hit, 'title');
    decisive ||= r.decisive;
  }
  const bare = readBareTitle(title, vendor, trace);
  if (bare) return done(bare, 'title');
  if (decisive || avail.length) {
    trace.push('title rules out a launch: the lead is not read');
    return { models: [], rule: null, matchedIn: null, clause: null, availability: avail, trace };
  }
  if (post.summary) {
    for (const s of firstSentences(post.summary, opts.leadSentences ?? 1)) {
      trace.push(`lead: "${s}"`);
      for (const c of clauses(s)) {
        const r = readClause(c, vendor, 'lead', trace, avail);
        if (r.hit) return done(r.hit, 'lead');
      }
    }
  }
  trace.push('no launch');
  return { models: [], rule: null, matchedIn: null, clause: null, availability: avail, trace };
}
