// Regular expressions from configuration (lines.*.match, flagship, source and alert
// include/exclude, announce.patterns) run on text a server sent: with a backtracking engine
// `(a+)+$` and a title of 40 `a`s and `!` never finishes and freezes the service. They run on
// RE2 (re2js, https://github.com/le0pard/re2js: a pure-JS port of RE2, linear in the input),
// case-insensitive, Unicode-aware.
//
// RE2 has no lookaround and no backreferences. A pattern that needs them (`gpt-?\d(?!-oss)`)
// runs on the JavaScript engine only if it cannot backtrack catastrophically: no repetition
// applied to a group that itself repeats or alternates, at most MAX_FALLBACK_QUANTIFIERS
// unbounded quantifiers, and only the first FALLBACK_MAX_INPUT characters of the text are
// searched. Anything else is a configuration error, reported at load with file and path.
import { RE2JS } from 're2js';

export interface SafeRegex {
  readonly source: string;
  test(text: string): boolean;
  /** Like RegExp#exec (index, [0], named groups); non-global. */
  exec(text: string): RegExpExecArray | null;
}

export const FALLBACK_MAX_INPUT = 256;
export const MAX_FALLBACK_QUANTIFIERS = 3;

/** Compiled patterns, shared: the same few configuration patterns run on every item. */
const cache = new Map<string, SafeRegex | Error>();
const CACHE_MAX = 2000;

/** The reason a configuration pattern is refused, or null when it is safe to run. */
export function regexProblem(pattern: string): string | null {
  const r = compileCached(pattern);
  return r instanceof Error ? r.message : null;
}

/** The compiled pattern; throws when `regexProblem` would report one. */
export function safeRegex(pattern: string): SafeRegex {
  const r = compileCached(pattern);
  if (r instanceof Error) throw r;
  return r;
}

/** The compiled pattern, or null when it is refused (config validation has reported it). */
export function safeRegexOrNull(pattern: string): SafeRegex | null {
  const r = compileCached(pattern);
  return r instanceof Error ? null : r;
}

function compileCached(pattern: string): SafeRegex | Error {
  let r = cache.get(pattern);
  if (r) return r;
  r = compile(pattern);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(pattern, r);
  return r;
}

function compile(pattern: string): SafeRegex | Error {
  let re2Error: string;
  try {
    const re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    return {
      source: pattern,
      test: (text) => re.test(text),
      exec: (text) => re.exec(text) as RegExpExecArray | null,
    };
  } catch (err) {
    re2Error = (err as Error).message;
  }
  let js: RegExp;
  try {
    js = new RegExp(pattern, 'iu');
  } catch (err) {
    return new Error(`invalid regular expression: ${(err as Error).message}`);
  }
  const risk = backtrackingRisk(pattern);
  if (risk) return new Error(`regular expression refused: ${risk} (the linear-time engine says: ${re2Error})`);
  return {
    source: pattern,
    test: (text) => js.test(text.slice(0, FALLBACK_MAX_INPUT)),
    exec: (text) => js.exec(text.slice(0, FALLBACK_MAX_INPUT)),
  };
}

/**
 * Why a pattern could backtrack for a long time, or null. A structural check: a quantifier
 * applied to a group that contains a quantifier or an alternation (`(a+)+`, `(a|a)*`), or too
 * many unbounded quantifiers (`a*a*a*a*b`, polynomial).
 */
export function backtrackingRisk(pattern: string): string | null {
  const stack: { repeats: boolean; alternates: boolean }[] = [{ repeats: false, alternates: false }];
  let unbounded = 0;
  let lastGroup: { repeats: boolean; alternates: boolean } | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const top = stack[stack.length - 1]!;
    if (c === '\\') {
      i++;
      lastGroup = null;
      continue;
    }
    if (c === '[') {
      // A character class: skip to its unescaped end.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      lastGroup = null;
      continue;
    }
    if (c === '(') {
      stack.push({ repeats: false, alternates: false });
      lastGroup = null;
      continue;
    }
    if (c === ')') {
      lastGroup = stack.length > 1 ? stack.pop()! : null;
      const parent = stack[stack.length - 1]!;
      if (lastGroup?.repeats) parent.repeats = true;
      continue;
    }
    if (c === '|') {
      top.alternates = true;
      lastGroup = null;
      continue;
    }
    const quant = quantifierAt(pattern, i);
    if (quant) {
      if (quant.unbounded) unbounded++;
      if (lastGroup && (lastGroup.repeats || lastGroup.alternates) && quant.repeats) {
        return 'a repeated group that itself repeats or alternates (catastrophic backtracking)';
      }
      top.repeats = true;
      i += quant.length - 1;
      lastGroup = null;
      continue;
    }
    lastGroup = null;
  }
  if (unbounded > MAX_FALLBACK_QUANTIFIERS) return `more than ${MAX_FALLBACK_QUANTIFIERS} unbounded repetitions`;
  return null;
}

function quantifierAt(p: string, i: number): { length: number; unbounded: boolean; repeats: boolean } | null {
  const c = p[i];
  const lazy = (n: number) => (p[i + n] === '?' || p[i + n] === '+' ? n + 1 : n);
  if (c === '*' || c === '+') return { length: lazy(1), unbounded: true, repeats: true };
  if (c === '?') return { length: lazy(1), unbounded: false, repeats: false };
  if (c === '{') {
    const m = /^\{(\d*)(,?)(\d*)\}/.exec(p.slice(i, i + 24));
    if (!m) return null;
    const unbounded = m[2] === ',' && m[3] === '';
    const max = m[2] === ',' ? (m[3] === '' ? Infinity : Number(m[3])) : Number(m[1]);
    return { length: lazy(m[0].length), unbounded, repeats: max > 1 };
  }
  return null;
}
