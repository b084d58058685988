// What an event means in a few words, for subjects, headers and one-line alerts. Pure.
// Event `data` is written by the collectors, classifier and gap engine: read it defensively,
// every field may be missing.
import type { EventKind, Level, StoredEvent } from '../../model.js';
import { oneLine, safeUrl } from './escape.js';

/** Short names of the openness levels (docs/domain.md), as shown in parentheses after a release. */
export const LEVEL_LABELS: Record<Level, string> = {
  '0': 'announced',
  '1': 'hosted only',
  '2': 'API',
  '3a': 'open weights, non-commercial',
  '3b': 'open weights, restricted',
  '4': 'open weights, OSI',
  '5': 'open source',
};

export function levelLabel(level: unknown): string | null {
  return typeof level === 'string' && level in LEVEL_LABELS ? LEVEL_LABELS[level as Level] : null;
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** A value of a `{from, to}` change, as text. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === false) return 'none';
  if (v === true) return 'yes';
  if (typeof v === 'string' || typeof v === 'number') return levelLabel(v) ? `${v} (${levelLabel(v)})` : String(v);
  if (typeof v === 'object' && v !== null && 'id' in v) return formatValue((v as { id: unknown }).id);
  return JSON.stringify(v);
}

/** The name of the thing the event is about: model, release, post or source. */
export function subjectName(e: StoredEvent): string {
  const d = e.data ?? {};
  const name =
    str(d.name) ??
    str(d.modelName) ??
    str(d.title) ??
    str(d.repoId) ??
    str(d.repo) ??
    str(d.tag) ??
    str(d.subject) ??
    (e.modelId ? e.modelId : null) ??
    (e.sourceId ? e.sourceId : null) ??
    e.summary;
  return oneLine(name);
}

/** The line of the event's model, when the producer knew it. */
export function eventLine(e: StoredEvent): 'open' | 'proprietary' | null {
  const l = e.data?.line;
  return l === 'open' || l === 'proprietary' ? l : null;
}

/** `(proprietary, API)`-style qualifiers of a release, or ''. */
function releaseQualifiers(e: StoredEvent): string {
  const level = levelLabel(e.data?.level);
  const line = eventLine(e);
  // "open" says nothing an open level does not already say; "proprietary" does.
  const parts = [line === 'open' && level ? null : line, level, str(e.data?.license) ?? str(e.data?.licenseId)];
  const known = parts.filter((p): p is string => p !== null);
  return known.length ? ` (${known.join(', ')})` : '';
}

const CHANGE_WORDS: Partial<Record<EventKind, string>> = {
  'model.license_changed': 'licence',
  'repo.license_changed': 'licence',
  'model.gating_changed': 'gating',
  'model.reclassified': 'level',
  'model.visibility_changed': 'visibility',
};

/** A headline: `Muse Spark released (proprietary, API)`, `Llama-3.1-8B: licence llama3.1 → other`. */
export function headline(e: StoredEvent): string {
  const name = subjectName(e);
  const d = e.data ?? {};
  switch (e.kind) {
    case 'release.new':
      return oneLine(e.summary);
    case 'model.new':
    case 'release.published':
    case 'announcement':
      return oneLine(`${name} released${releaseQualifiers(e)}`);
    case 'model.weights_published':
      return oneLine(`${name}: weights published${releaseQualifiers(e)}`);
    case 'model.weights_removed':
      return oneLine(`${name}: weights removed`);
    case 'model.license_text_changed':
    case 'repo.license_text_changed':
      return oneLine(`${name}: licence text changed`);
    case 'model.withdrawn':
      return oneLine(`${name} withdrawn`);
    case 'model.renamed':
      return oneLine(`${name} renamed${str(d.to) ? ` to ${str(d.to)}` : ''}`);
    case 'source.failing':
      return oneLine(`source ${e.sourceId ?? name} failing`);
    case 'source.recovered':
      return oneLine(`source ${e.sourceId ?? name} recovered`);
    case 'deadline.reached':
      return oneLine(`decision deadline reached: ${name}`);
    case 'gap.widened':
    case 'gap.narrowed':
      return oneLine(e.summary);
    default: {
      const word = CHANGE_WORDS[e.kind];
      if (word && ('from' in d || 'to' in d)) return oneLine(`${name}: ${word} ${formatValue(d.from)} → ${formatValue(d.to)}`);
      return oneLine(e.summary || name);
    }
  }
}

/** The best link for an event: its post/release/model page, else the first evidence URL. */
export function eventUrl(e: StoredEvent): string | null {
  const d = e.data ?? {};
  for (const u of [d.link, d.url, d.htmlUrl]) {
    const ok = safeUrl(u);
    if (ok) return ok;
  }
  for (const ev of e.evidence ?? []) {
    const ok = safeUrl(ev?.sourceUrl);
    if (ok) return ok;
  }
  return null;
}

/** `Meta` from the batch, else the vendor id, else `all vendors`. */
export function vendorLabel(vendorId: string | null, vendorName?: string): string {
  return oneLine(vendorName ?? vendorId ?? 'all vendors');
}

/** Day of an ISO timestamp (`2026-04-08`), or the input when it is not one. */
export function day(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}
