// Access level stated by an announcement post (title + lead): the evidence for levels 0-2
// (docs/domain.md rule 1: an announcement never establishes an open level). Pure and phrase-based.
//
// Each sentence is read on its own, so "available in the Meta AI app. A private API preview is
// open to select partners." is hosted (1), while "also available via the Anthropic API" is api (2).
// Within a sentence a restriction wins over an API mention: a private/limited preview, a waitlist
// or trusted testers make the API not public (hosted), and an API that is coming later is not
// available yet (announced). The most open sentence decides.
import type { AccessValue } from './classify.js';

/** Private or limited access: not a public API (docs/domain.md level 1). */
const RESTRICTED =
  /\b(private (api )?(preview|beta)|limited (api )?(preview|beta|access)|closed (beta|preview)|wait[- ]?list|trusted testers|select (partners|customers|developers|enterprises|organizations|organisations)|early[- ]access|invite[- ]only|by invitation|allow[- ]?list)\b/i;

/** An API that exists only in the future. */
const FUTURE_API =
  /(\bapi\b(?:[^.]|\.(?=\d)){0,40}\b(coming soon|coming (later|in)|later this (year|month|quarter|summer|fall|autumn|spring|winter)|in the coming (weeks|months)|next (week|month)|soon)\b|\b(will|['’]ll|plans? to|planning to|intends? to)\b(?:[^.]|\.(?=\d)){0,60}\b(api|developers)\b|\bcoming (soon )?to (the |our )?api\b)/i;

/** An API stated as unavailable. */
const NO_API =
  /\b(not (yet )?(available|offered|accessible)(?:[^.]|\.(?=\d)){0,30}\bapi\b|no (public )?api\b|without an? (public )?api\b)/i;

/** A public API (docs, pricing, platforms). */
const API_NOW = new RegExp(
  [
    String.raw`\bpublic api\b`,
    String.raw`\b(available|accessible|live|launch\w*|released?|rolling out|out now|ships?)\b(?:[^.]|\.(?=\d)){0,80}\b(api|developer platform|ai studio|vertex ai|bedrock|azure ai foundry|azure openai|foundry|openrouter|la plateforme|console)\b`,
    String.raw`\bapi\b(?:[^.]|\.(?=\d)){0,30}\b(is |are )?(now )?(generally )?available\b`,
    String.raw`\bdevelopers can (now )?(access|use|build|start|try|call|get)\b`,
    String.raw`\b(via|through|in|on) (the |our )?([\w.-]+ ){0,2}api\b`,
    String.raw`\bper (million|1m|1 million|thousand|1k) (input |output )?tokens\b`,
    String.raw`\bapi pricing\b`,
    String.raw`\bgenerally available\b`,
  ].join('|'),
  'i',
);

/** Hosted access: a consumer app or chat product. */
const HOSTED = new RegExp(
  [
    String.raw`\b(available|roll\w* out|live|launch\w*|out|coming|arriv\w*|try|use|access)\b(?:[^.]|\.(?=\d)){0,80}\b(app|chatgpt|meta ai|meta\.ai|gemini|claude\.ai|copilot|le chat|grok\.com|whatsapp|instagram|messenger|ray-ban)\b`,
    String.raw`\b(meta ai|chatgpt|gemini|claude|copilot|le chat|grok) app\b`,
    String.raw`\bin the [\w\s]{1,30} app\b`,
    String.raw`\bon (meta\.ai|claude\.ai|chatgpt\.com|grok\.com|x\.com)\b`,
    String.raw`\b(plus|pro|premium|team|enterprise) (users|subscribers|plans?)\b`,
    String.raw`\bresearch preview\b`,
  ].join('|'),
  'i',
);

/** The post introduces a model without an access path. */
const ANNOUNCED =
  /\b(introduc\w*|announc\w*|unveil\w*|meet|today we['’]re (sharing|releasing|launching|previewing)|coming soon|will be available|sneak peek|first look|technical report|preview)\b/i;

const RANK: Record<AccessValue, number> = { announced: 0, hosted: 1, api: 2 };

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+|\s[—–-]\s/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function sentenceAccess(s: string): AccessValue | null {
  if (RESTRICTED.test(s)) return 'hosted';
  const apiBlocked = FUTURE_API.test(s) || NO_API.test(s);
  if (!apiBlocked && API_NOW.test(s)) return 'api';
  if (HOSTED.test(s)) return 'hosted';
  if (apiBlocked || ANNOUNCED.test(s)) return 'announced';
  return null;
}

/** The access an announcement states: api (2), hosted (1), announced (0) or null (says nothing). */
export function accessFromText(text: string | null | undefined): AccessValue | null {
  if (!text) return null;
  let best: AccessValue | null = null;
  for (const s of sentences(text)) {
    const a = sentenceAccess(s);
    if (a && (best === null || RANK[a] > RANK[best])) best = a;
  }
  return best;
}

/** Licence names a post may give its open weights under, as the licence ids they stand for. */
const OPEN_LICENSES: [RegExp, string][] = [
  [/\bapache(?:[- ]license)?[- ]?(?:2\.0|2)\b/i, 'apache-2.0'],
  [/\bmodified mit\b/i, 'other'],
  [/\bmit(?: license| licence)\b|\bunder (?:the )?mit\b/i, 'mit'],
  [/\bcc[- ]by[- ]4\.0\b/i, 'cc-by-4.0'],
  [/\bllama \d+(?:\.\d+)? community licen[cs]e\b/i, 'llama'],
  [/\bgemma terms of use\b/i, 'gemma'],
  [/\bopenrail\b/i, 'openrail'],
];

/** The post says the weights are (or will be) open: "open weights under Apache 2.0", a download link. */
const OPEN_STATED =
  /\b(open[- ]weights?|open[- ]sourc\w*|weights (?:are |will be )?(?:available|released|published|on hugging ?face)|download (?:the )?(?:weights|model)|(?:available )?(?:for download )?on hugging ?face|available for download|released under an? (?:apache|mit|cc-by)|huggingface\.co\/[\w.-]+\/[\w.-]+)\b|开源|开放权重/iu;

export interface OpenWeightsStatement {
  /** The licence id the post names, or null when it names none. */
  license: string | null;
  /** The sentence that says so. */
  statement: string;
}

/**
 * "Released as open weights under a Modified MIT license" → the release is announced as open
 * (docs/domain.md: pending until weight files are seen). Null when the post says nothing of the kind.
 */
export function openWeightsFromText(text: string | null | undefined): OpenWeightsStatement | null {
  if (!text) return null;
  for (const s of sentences(text)) {
    if (!OPEN_STATED.test(s) || /\bnot (?:be )?open|\bno (?:open )?weights|closed[- ]weights?/i.test(s)) continue;
    const lic = OPEN_LICENSES.find(([re]) => re.test(s));
    return { license: lic ? lic[1] : null, statement: s.length > 200 ? `${s.slice(0, 199)}…` : s };
  }
  return null;
}
