// Publication dates as feeds and vendor pages write them, to ISO 8601 UTC. Deterministic: a
// date without a zone is read as UTC, never in the machine's local time (Date.parse would).
// Formats: ISO 8601 (`2026-04-08`, `2026-04-08T10:00:00Z`, with offset or without zone),
// RFC 822/1123 (`Wed, 23 Sep 2026 16:00:00 GMT`, `+0000`, `EST`), and the listing pages' words
// (`Apr 8, 2026`, `April 8, 2026`, `Sept 1, 2026`, `8 April 2026`).

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  sept: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** Dates outside this range are garbage (placeholders, parse accidents), not publication dates. */
const MIN_YEAR = 1970;
const MAX_YEAR = 2100;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const MONTH_DAY_YEAR = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/;
const RFC822 =
  /^(?:[A-Za-z]{3,9},?\s+)?\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*(?:[A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?$/;
/** An explicit zone at the end of an RFC 822-ish date. */
const HAS_ZONE = /(?:\b(?:GMT|UTC|UT|Z|[ECMP][SD]T)|[+-]\d{2}:?\d{2})\s*$/i;

function monthIndex(word: string): number | undefined {
  const w = word.toLowerCase();
  const key = w.startsWith('sept') ? 'sept' : w.slice(0, 3);
  const idx = MONTHS[key];
  // "Mayday" is not May: a full word must be a prefix of the month's English name.
  if (idx === undefined) return undefined;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][
    idx
  ]!;
  return full.startsWith(w) ? idx : undefined;
}

function utc(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0, ms = 0): Date | null {
  const date = new Date(Date.UTC(y, m, d, hh, mm, ss, ms));
  // Date.UTC rolls Feb 30 over into March: reject instead.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m || date.getUTCDate() !== d) return null;
  return date;
}

function inRange(date: Date | null): string | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  const y = date.getUTCFullYear();
  return y >= MIN_YEAR && y <= MAX_YEAR ? date.toISOString() : null;
}

/** A date string → ISO 8601 UTC (`2026-04-08T00:00:00.000Z`), or null when it is not a date. */
export function parseDate(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const s = input.replace(/\s+/g, ' ').trim();
  if (!s || s.length > 64) return null;

  const iso = ISO.exec(s);
  if (iso) {
    const [, y, mo, d, hh, mi, ss, frac, zone] = iso;
    if (!zone) return inRange(utc(+y!, +mo! - 1, +d!, +(hh ?? 0), +(mi ?? 0), +(ss ?? 0), frac ? Math.round(+frac * 1000) : 0));
    const base = utc(+y!, +mo! - 1, +d!, +(hh ?? 0), +(mi ?? 0), +(ss ?? 0), frac ? Math.round(+frac * 1000) : 0);
    if (!base || zone.toUpperCase() === 'Z') return inRange(base);
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const offsetMin = (z[1] === '-' ? -1 : 1) * (+z[2]! * 60 + +z[3]!);
    return inRange(new Date(base.getTime() - offsetMin * 60_000));
  }

  const mdy = MONTH_DAY_YEAR.exec(s);
  if (mdy) {
    const m = monthIndex(mdy[1]!);
    return m === undefined ? null : inRange(utc(+mdy[3]!, m, +mdy[2]!));
  }
  const dmy = DAY_MONTH_YEAR.exec(s);
  if (dmy) {
    const m = monthIndex(dmy[2]!);
    return m === undefined ? null : inRange(utc(+dmy[3]!, m, +dmy[1]!));
  }

  // RFC 822 / 1123: V8 parses them well, once the zone is explicit. Only this shape goes to
  // Date.parse, which otherwise guesses ("12/04/2026" as December, words skipped).
  if (!RFC822.test(s)) return null;
  const ms = Date.parse(HAS_ZONE.test(s) ? s : `${s} GMT`);
  return Number.isNaN(ms) ? null : inRange(new Date(ms));
}

const EMBEDDED = [
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d:])/i,
  /\b[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b/,
  /\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}\b/,
];

/**
 * A date inside a longer text ("Featured · April 8, 2026", "Research | 2026-04-08"), for listing
 * pages whose date element also holds a category. The whole text is tried first.
 */
export function findDate(input: string | null | undefined): string | null {
  const whole = parseDate(input);
  if (whole || typeof input !== 'string') return whole;
  for (const re of EMBEDDED) {
    for (const m of input.matchAll(new RegExp(re.source, re.flags + 'g'))) {
      const found = parseDate(m[0]);
      if (found) return found;
    }
  }
  return null;
}
