// Replaces secrets (tokens, webhook URLs) in any text about to be logged or put in an error
// message. Secrets also appear URL-encoded (in query strings, echoed URLs), so those forms are
// replaced too.

export const REDACTED = '***';

export function createRedactor(secrets: string[]): (s: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(encodeURI(secret));
    // application/x-www-form-urlencoded writes spaces as '+'.
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  }
  // Longest first, so a secret that contains another one is replaced whole.
  const ordered = [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (s) => s;
  // Case-insensitive because percent-encodings come in both %2F and %2f; redacting a
  // differently-cased look-alike too is harmless.
  const pattern = new RegExp(ordered.map(escapeRegExp).join('|'), 'gi');
  return (s) => s.replace(pattern, REDACTED);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
