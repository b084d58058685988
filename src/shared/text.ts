// Text helpers for anything shown to a person or put in a link: vendor text (model names, post
// titles, URLs) is untrusted. Used by the event descriptions (src/events) and every renderer.

/** Control characters (terminal escapes, CR/LF in headers) become spaces; tabs too. */
export function stripControl(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/** One line: controls removed, runs of spaces collapsed. */
export function oneLine(s: string): string {
  return stripControl(s).replace(/\s+/g, ' ').trim();
}

/** An http(s) URL in its normalised form, or null (javascript:, data:, garbage). */
export function safeUrl(u: unknown): string | null {
  if (typeof u !== 'string' || u === '') return null;
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href;
}
