// Bytes → text for feeds and pages. rss-parser and cheerio take strings, and rss-parser's own
// fetch only honours a Content-Type charset among Node's few encodings (rbren/rss-parser#76, #95,
// #207), so the collectors decode here, with WHATWG TextDecoder (full ICU in Node 20) plus a
// small UTF-32 decoder (WHATWG has none).
//
// Precedence (feedparser's order, RFC 7303 §3; WHATWG's BOM rule for contradictions):
//   1. the Content-Type `charset` parameter;
//   2. a byte order mark (UTF-8/16/32), or failing that the UTF-16/32 byte pattern of `<?xm`
//      (XML 1.0 Appendix F) — for pages, a `<meta charset>` instead of the XML prolog;
//   3. the XML prolog's `encoding="..."` (may follow a comment, as in feedparser's corpus);
//   4. UTF-8.
// Each declared candidate is tried strictly in that order and the first that decodes without
// error wins; a declaration contradicting the bytes' family (a UTF-16 BOM under `charset=latin1`,
// `encoding="utf-16"` on ASCII bytes) is ignored. When nothing decodes strictly: UTF-8 (declared
// as text, or assumed) with more broken sequences than valid characters is single-byte text →
// windows-1252 (a superset of Latin-1 that never fails); otherwise the first candidate is used
// with U+FFFD for the broken bytes. C1 control characters in the result are mapped to their
// windows-1252 meaning (see `demoronize`). Labels are WHATWG's (`latin1`, `iso-8859-1` and `us-ascii`
// all mean windows-1252) plus Python-style aliases found in real feeds (`utf_16`, `u16`, `latin-1`).

export type CharsetSource = 'header' | 'bom' | 'sniff' | 'prolog' | 'meta' | 'default' | 'fallback';

export interface DecodedText {
  text: string;
  /** The encoding actually used (WHATWG name, or `utf-32le`/`utf-32be`). */
  encoding: string;
  /** Where that encoding came from. */
  source: CharsetSource;
  /** True when invalid bytes were replaced by U+FFFD. */
  lossy: boolean;
}

type Wide = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';
interface Detected {
  encoding: 'utf-8' | Wide;
  bom: boolean;
}

const ALIASES: Record<string, string> = {
  'latin-1': 'latin1',
  'iso-latin-1': 'latin1',
  utf: 'utf-8',
  u8: 'utf-8',
  'utf-8-sig': 'utf-8',
  u16: 'utf-16',
  utf16: 'utf-16',
  ucs2: 'utf-16',
  'ucs-2': 'utf-16',
  'iso-10646-ucs-2': 'utf-16',
  unicode: 'utf-16',
  u32: 'utf-32',
  utf32: 'utf-32',
  'ucs-4': 'utf-32',
  ucs4: 'utf-32',
  'iso-10646-ucs-4': 'utf-32',
};

/** The `charset` parameter of a Content-Type value (`text/xml;charset= "us-ascii"` → `us-ascii`). */
export function charsetFromContentType(contentType: string | undefined | null): string | null {
  if (!contentType) return null;
  for (const param of contentType.split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^["']|["']$/g, '')
      .trim();
    return value || null;
  }
  return null;
}

/** A byte order mark, or the UTF-16/32 pattern of `<` (XML 1.0 Appendix F). */
export function detectUnicode(buf: Uint8Array): Detected | null {
  const b = (i: number) => (i < buf.length ? buf[i]! : -1);
  if (b(0) === 0x00 && b(1) === 0x00 && b(2) === 0xfe && b(3) === 0xff) return { encoding: 'utf-32be', bom: true };
  if (b(0) === 0xff && b(1) === 0xfe && b(2) === 0x00 && b(3) === 0x00) return { encoding: 'utf-32le', bom: true };
  if (b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf) return { encoding: 'utf-8', bom: true };
  if (b(0) === 0xfe && b(1) === 0xff) return { encoding: 'utf-16be', bom: true };
  if (b(0) === 0xff && b(1) === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (b(0) === 0x00 && b(1) === 0x00 && b(2) === 0x00 && b(3) === 0x3c) return { encoding: 'utf-32be', bom: false };
  if (b(0) === 0x3c && b(1) === 0x00 && b(2) === 0x00 && b(3) === 0x00) return { encoding: 'utf-32le', bom: false };
  if (b(0) === 0x00 && b(1) === 0x3c && b(2) === 0x00) return { encoding: 'utf-16be', bom: false };
  if (b(0) === 0x3c && b(1) === 0x00 && b(2) !== 0x00) return { encoding: 'utf-16le', bom: false };
  return null;
}

/** The first `limit` bytes as ASCII-ish text, in the byte width the document uses. */
function head(buf: Uint8Array, detected: Detected | null, limit = 2048): string {
  const slice = buf.subarray(0, limit);
  const enc = detected?.encoding;
  if (enc === 'utf-32le' || enc === 'utf-32be')
    return decodeUtf32(slice.subarray(0, slice.length - (slice.length % 4)), enc === 'utf-32le', false);
  if (enc === 'utf-16le' || enc === 'utf-16be') return new TextDecoder(enc).decode(slice);
  return Buffer.from(slice).toString('latin1');
}

/** `encoding="..."` of the XML declaration (searched in the head: a comment may come first). */
export function xmlPrologEncoding(buf: Uint8Array): string | null {
  const m = /<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head(buf, detectUnicode(buf)));
  return m ? m[1]! : null;
}

/** `<meta charset>` or `<meta http-equiv="Content-Type" content="...; charset=...">` in the head. */
export function htmlMetaCharset(buf: Uint8Array): string | null {
  const text = head(buf, detectUnicode(buf), 4096);
  const m = /<meta\s[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(text);
  return m ? m[1]! : null;
}

/** A WHATWG-resolvable encoding name for a label, `utf-16`/`utf-32` left generic; null if unknown. */
export function normalizeLabel(label: string): string | null {
  let l = label.trim().toLowerCase().replace(/_/g, '-');
  l = ALIASES[l] ?? ALIASES[l.replace(/-/g, '')] ?? l;
  if (l === 'utf-16' || l === 'utf-32' || l === 'utf-32le' || l === 'utf-32be') return l;
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

function isWide(enc: string): boolean {
  return enc.startsWith('utf-16') || enc.startsWith('utf-32');
}

/** Binds a generic `utf-16`/`utf-32` to the detected byte order (default little-endian, as WHATWG). */
function bindEndianness(enc: string, detected: Detected | null): string {
  if (enc !== 'utf-16' && enc !== 'utf-32') return enc;
  if (detected?.encoding.startsWith(enc)) return detected.encoding;
  return `${enc}le`;
}

/** Whether a declared encoding can describe these bytes at all. */
function fitsBytes(enc: string, detected: Detected | null): boolean {
  if (!detected) return !isWide(enc);
  if (detected.encoding === 'utf-8') return enc === 'utf-8';
  return enc.slice(0, 6) === detected.encoding.slice(0, 6); // utf-16 vs utf-32
}

function decodeUtf32(buf: Uint8Array, littleEndian: boolean, fatal: boolean): string {
  if (fatal && buf.length % 4 !== 0) throw new TypeError('utf-32: truncated code unit');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const parts: string[] = [];
  let start = 0;
  const first = buf.length >= 4 ? view.getUint32(0, littleEndian) : -1;
  if (first === 0xfeff) start = 4;
  for (let i = start; i + 4 <= buf.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      if (fatal) throw new TypeError(`utf-32: invalid code point 0x${cp.toString(16)}`);
      parts.push('\ufffd');
    } else parts.push(String.fromCodePoint(cp));
  }
  return parts.join('');
}

function decodeWith(buf: Uint8Array, enc: string, fatal: boolean): string {
  if (enc === 'utf-32le' || enc === 'utf-32be') return decodeUtf32(buf, enc === 'utf-32le', fatal);
  return new TextDecoder(enc, { fatal }).decode(buf);
}

function finish(text: string): string {
  return demoronize(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/**
 * True when the bytes read better as UTF-8 than as a single-byte charset: more valid multi-byte
 * characters than broken sequences. Latin-1 text can form a valid sequence by accident
 * ("doué\xa0»" is U+983B), a UTF-8 feed with one stray byte still has many real characters.
 */
function mostlyUtf8(buf: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(buf);
  const valid = text.match(/[^\x00-\x7f\ufffd]/g)?.length ?? 0;
  const broken = text.match(/\ufffd/g)?.length ?? 0;
  return valid > broken;
}

// windows-1252's 0x80-0x9F (WHATWG index; the five unassigned bytes stay C1 controls).
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * C1 controls (U+0080-U+009F) never belong in feed or page text: they are windows-1252 bytes
 * that went through a Latin-1 decoder somewhere (feedparser calls the fix "demoronize"). Node 20's
 * TextDecoder('windows-1252') is itself such a decoder (it decodes ISO-8859-1), so this also
 * completes our own windows-1252 decoding.
 */
function demoronize(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
}

interface Candidate {
  enc: string;
  source: CharsetSource;
}

function decodeBytes(
  body: Uint8Array,
  contentType: string | undefined | null,
  inDocument: { label: string | null; source: CharsetSource },
): DecodedText {
  const detected = detectUnicode(body);
  const candidates: Candidate[] = [];
  const add = (label: string | null, source: CharsetSource) => {
    if (!label) return;
    const norm = normalizeLabel(label);
    if (!norm) return;
    const enc = bindEndianness(norm, detected);
    if (!fitsBytes(enc, detected)) return;
    if (!candidates.some((c) => c.enc === enc)) candidates.push({ enc, source });
  };
  add(charsetFromContentType(contentType), 'header');
  if (detected) add(detected.encoding, detected.bom ? 'bom' : 'sniff');
  add(inDocument.label, inDocument.source);
  add('utf-8', 'default');

  for (const c of candidates) {
    try {
      return { text: finish(decodeWith(body, c.enc, true)), encoding: c.enc, source: c.source, lossy: false };
    } catch {
      // not this one: try the next candidate
    }
  }
  const first = candidates[0] ?? { enc: 'utf-8', source: 'default' as const };
  // A UTF-8 BOM is a deliberate statement: keep UTF-8 and replace the broken bytes.
  if (first.enc === 'utf-8' && first.source !== 'bom' && !mostlyUtf8(body)) {
    return { text: finish(decodeWith(body, 'windows-1252', false)), encoding: 'windows-1252', source: 'fallback', lossy: false };
  }
  return { text: finish(decodeWith(body, first.enc, false)), encoding: first.enc, source: first.source, lossy: true };
}

/** Decodes an XML document (feed): Content-Type charset, BOM, XML prolog, UTF-8 (see above). */
export function decodeXml(body: Uint8Array, contentType?: string | null): DecodedText {
  return decodeBytes(body, contentType, { label: xmlPrologEncoding(body), source: 'prolog' });
}

/** Decodes an HTML page: Content-Type charset, BOM, `<meta charset>`, UTF-8 (see above). */
export function decodeHtml(body: Uint8Array, contentType?: string | null): DecodedText {
  return decodeBytes(body, contentType, { label: htmlMetaCharset(body), source: 'meta' });
}
