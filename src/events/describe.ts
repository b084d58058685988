// How an event reads: its headline, its change as `{from, to}`, its link, and the one formatter of
// the values in them. Pure. Used by the alerts (notify/render), the digest, and the `events`,
// `changes`, `model`, `search` and `exposure` commands, so an event reads the same everywhere.
//
// Payloads are typed per kind (payloads.ts), but events read back from a store may come from an
// older version: every field is checked at run time before it is used.
import type { Level } from '../model.js';
import { oneLine, safeUrl } from '../shared/text.js';
import type { EventKind } from './catalogue.js';
import type { EventData, GapData } from './payloads.js';
import type { NewEvent, StoredEvent } from './types.js';

type AnyEvent = NewEvent | StoredEvent;

type KeysOf<U> = U extends unknown ? keyof U : never;
/** A field some kind's payload has (gap figures, owned by src/gap, are not read here). */
export type DataField = KeysOf<Exclude<EventData[EventKind], GapData>> | 'metric' | 'reason';

/** One payload field, read across kinds; undefined when the event's payload lacks it. */
export function dataField(e: AnyEvent, field: DataField): unknown {
  const d = e.data as Partial<Record<DataField, unknown>> | null | undefined;
  return d?.[field];
}

// ---------------------------------------------------------------------------------------------
// Values

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

/**
 * A value of an event as plain text, the one formatter of event values: a licence reference
 * `{id, name, link}` is its id (`other` with its name: `other:gemma-terms`, since `other` alone
 * says nothing), a post's `{title}` its title, a scalar itself; null when there is none.
 */
export function valueText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('id' in o) return o.id === 'other' && typeof o.name === 'string' ? `other:${o.name}` : valueText(o.id);
    if ('title' in o) return valueText(o.title);
  }
  return JSON.stringify(v);
}

/** A value of a `{from, to}` change in a sentence: `none` for nothing, a level with its name. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === false) return 'none';
  if (v === true) return 'yes';
  const text = valueText(v)!;
  const level = typeof v === 'string' ? levelLabel(v) : null;
  return level ? `${text} (${level})` : text;
}

// ---------------------------------------------------------------------------------------------
// Subject, line, headline

/** The name of the thing the event is about: model, release, post or source. */
export function subjectName(e: AnyEvent): string {
  const name =
    str(dataField(e, 'name')) ??
    str(dataField(e, 'title')) ??
    str(dataField(e, 'repoId')) ??
    str(dataField(e, 'repo')) ??
    str(dataField(e, 'tag')) ??
    str(dataField(e, 'subject')) ??
    (e.modelId ? e.modelId : null) ??
    (e.sourceId ? e.sourceId : null) ??
    e.summary;
  return oneLine(name);
}

/** The line of the event's model, when the producer knew it. */
export function eventLine(e: AnyEvent): 'open' | 'proprietary' | null {
  const l = dataField(e, 'line');
  return l === 'open' || l === 'proprietary' ? l : null;
}

/** `(proprietary, API)`-style qualifiers of a release, or ''. */
function releaseQualifiers(e: AnyEvent): string {
  const level = levelLabel(dataField(e, 'level'));
  const line = eventLine(e);
  // "open" says nothing an open level does not already say; "proprietary" does.
  const parts = [line === 'open' && level ? null : line, level, str(dataField(e, 'license'))];
  const known = parts.filter((p): p is string => p !== null);
  return known.length ? ` (${known.join(', ')})` : '';
}

/** `Llama-3.1-8B: licence llama3.1 → other`, or the summary when the payload has no from/to. */
function changeHeadline(e: AnyEvent, name: string, word: string): string {
  const d = (e.data ?? {}) as object;
  if ('from' in d || 'to' in d)
    return oneLine(`${name}: ${word} ${formatValue(dataField(e, 'from'))} → ${formatValue(dataField(e, 'to'))}`);
  return oneLine(e.summary || name);
}

/** A headline: `Muse Spark released (proprietary, API)`, `Llama-3.1-8B: licence llama3.1 → other`. */
export function headline(e: AnyEvent): string {
  const name = subjectName(e);
  const summary = e.summary;
  switch (e.kind) {
    case 'release.new':
    case 'gap.widened':
    case 'gap.narrowed':
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
    case 'model.renamed': {
      const to = str(e.data?.to);
      return oneLine(`${name} renamed${to ? ` to ${to}` : ''}`);
    }
    case 'source.failing':
      return oneLine(`source ${e.sourceId ?? name} failing`);
    case 'source.recovered':
      return oneLine(`source ${e.sourceId ?? name} recovered`);
    case 'deadline.reached':
      return oneLine(`decision deadline reached: ${name}`);
    case 'model.license_changed':
    case 'repo.license_changed':
      return changeHeadline(e, name, 'licence');
    case 'model.gating_changed':
      return changeHeadline(e, name, 'gating');
    case 'model.reclassified':
      return changeHeadline(e, name, 'level');
    case 'model.visibility_changed':
      return changeHeadline(e, name, 'visibility');
    case 'release.edited':
    case 'release.surprise':
    case 'repo.new':
    case 'post.new':
    case 'post.edited':
    case 'score.reported':
    case 'source.flood':
    case 'source.discovered':
      return oneLine(e.summary || name);
    default: {
      const unknownKind: never = e;
      void unknownKind; // a kind from a newer version: its own words
      return oneLine(summary || name);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The change as {from, to}

/** The event's change as `{from, to}` strings (null when the kind has no before or after). */
export function fromTo(e: AnyEvent): { from: string | null; to: string | null } {
  switch (e.kind) {
    case 'model.new':
      return { from: null, to: valueText(e.data?.license) };
    case 'model.weights_published': {
      const d = e.data ?? {};
      const n = typeof d.count === 'number' ? d.count : Array.isArray(d.files) ? d.files.length : null;
      return { from: null, to: n === null ? 'weights' : `${n} weight file${n === 1 ? '' : 's'}` };
    }
    case 'model.weights_removed': {
      const before = e.data?.before;
      return { from: typeof before === 'number' ? `${before} weight files` : 'weights', to: 'no weights' };
    }
    case 'model.withdrawn':
      return { from: null, to: 'withdrawn' };
    case 'announcement':
      return { from: null, to: valueText(e.data?.access) ?? valueText(e.data?.title) };
    case 'post.new':
      return { from: null, to: valueText(e.data?.title) };
    case 'release.published':
      return { from: null, to: valueText(e.data?.tag) ?? valueText(e.data?.name) };
    case 'repo.license_text_changed': {
      const d = e.data ?? {};
      return { from: valueText(d.fromTextHash ?? d.fromSha), to: valueText(d.toTextHash ?? d.toSha) };
    }
    case 'score.reported': {
      const d = e.data ?? {};
      return { from: null, to: d.benchmark !== undefined ? `${valueText(d.benchmark)} ${valueText(d.score)}` : null };
    }
    case 'model.license_changed':
    case 'model.license_text_changed':
    case 'model.gating_changed':
    case 'model.renamed':
    case 'model.visibility_changed':
    case 'model.reclassified':
    case 'repo.license_changed':
    case 'post.edited':
    // Kinds without a before and after: their payload has no from/to, so both are null.
    case 'release.edited':
    case 'release.surprise':
    case 'release.new':
    case 'repo.new':
    case 'gap.widened':
    case 'gap.narrowed':
    case 'source.failing':
    case 'source.recovered':
    case 'source.flood':
    case 'source.discovered':
    case 'deadline.reached':
      return plainFromTo(e);
    default: {
      const unknownKind: never = e;
      void unknownKind;
      return plainFromTo(e as AnyEvent);
    }
  }
}

function plainFromTo(e: AnyEvent): { from: string | null; to: string | null } {
  return { from: valueText(dataField(e, 'from')), to: valueText(dataField(e, 'to')) };
}

// ---------------------------------------------------------------------------------------------
// Links

/**
 * The event's URLs in the one order of preference: the evidence (what was seen, in the order the
 * producer gave: a reclassification's newest first), then the payload's post, release or repo
 * link. For every emitter these agree where both exist; the order matters for a payload link
 * that is not a web address (a feed item's `javascript:` link).
 */
function urls(e: AnyEvent): unknown[] {
  const fromEvidence = (e.evidence ?? []).map((x) => x?.sourceUrl).filter((u) => !!u);
  return [...fromEvidence, dataField(e, 'link'), dataField(e, 'url')];
}

/** The link an alert or the digest shows: the first http(s) URL of `urls`, normalised; else null. */
export function eventUrl(e: AnyEvent): string | null {
  for (const u of urls(e)) {
    const ok = safeUrl(u);
    if (ok) return ok;
  }
  return null;
}

/** Where the event was seen, as the history commands print it (`source`): the first of `urls`
 *  as recorded, else the source id. */
export function eventSource(e: AnyEvent): string | null {
  const u = urls(e).find((x): x is string => typeof x === 'string');
  return u ?? e.sourceId;
}

// ---------------------------------------------------------------------------------------------
// Around the event

/** `Meta` from the batch, else the vendor id, else `all vendors`. */
export function vendorLabel(vendorId: string | null, vendorName?: string): string {
  return oneLine(vendorName ?? vendorId ?? 'all vendors');
}

/** Day of an ISO timestamp (`2026-04-08`), or the input when it is not one. */
export function day(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}
