// Which events alert, and on which channels. Pure: the router is built once from the config and
// the current time and then only reads the event.
//
// ## Default rules (copied into the README; each kind's `alerts` in src/events/catalogue.ts)
//
// An event alerts by default when it is one of:
//   - `release.published` of a GitHub repo listed in the vendor's file (pre-releases only with
//     `prereleases: true`, below);
//   - a release on a configured line: `model.new`, `model.weights_published`,
//     `release.published` or `announcement` whose `data.line` is `open` or `proprietary` (or
//     whose model is on a line according to `lineOf`). A new model that matches no line does
//     not alert: it is noise until it is classified.
//   - a licence change: `model.license_changed`, `repo.license_changed` (the id) and
//     `model.license_text_changed`, `repo.license_text_changed` (the text);
//   - `model.gating_changed`;
//   - a withdrawal or rename: `model.withdrawn`, `model.weights_removed`, `model.renamed`, `model.visibility_changed`
//     (a public repo that went private is a withdrawal);
//   - `model.reclassified` (its openness level moved);
//   - `gap.widened` (the gap engine already applies hysteresis and cooldown);
//   - `release.new`: the first sighting of a release of one of the vendor's families, once per
//     launch, its artefacts of that cycle merged into it (their own release alerts are
//     withdrawn from the outbox before dispatch; a later artefact alerts only when the
//     release's side, level or licence changed: jobs/releases.ts);
//   - `release.surprise` (a release on the side its family is not expected on) and
//     `source.discovered` (a post led to a Hub org or GitHub repo the vendor file does not list);
//   - `source.failing` (emitted once a source has failed for longer than its threshold,
//     6 hours by default) and `source.recovered`;
//   - `deadline.reached`.
// Not by default: `post.new`, `post.edited`, `release.edited`, `repo.new`, `score.reported`,
// `gap.narrowed`, and the release kinds above without a line. Enable any of them with
// `kinds: { 'gap.narrowed': { alert: true } }`.
//
// Never: baseline events (a source's first poll), whatever the rules say.
//
// Then, in this order (every field can be set for all vendors in `defaults` and per vendor in
// its `alerts:` block, where the vendor's value wins; `mute` lists add up):
//   - `mute: [kind, ...]`: those kinds never alert for the vendor.
//   - `snoozeUntil: DATE`: nothing alerts before that instant (a date alone means 00:00 UTC);
//     per kind too (`kinds: { 'source.failing': { snoozeUntil: ... } }`).
//   - `minSeverity: info|notice|warning|critical` (default info: everything), per kind too.
//   - `prereleases: false` (default): GitHub pre-releases (`data.prerelease: true`) do not alert.
//   - `include: [regex]` / `exclude: [regex]` (case-insensitive) on the name of the model,
//     release or post (`data.name`, `data.title`, the repo or model id): with `include`, only
//     matching names alert; a name matching `exclude` never does. Gap, source and deadline
//     events have no name and are not filtered.
//   - channels: `kinds[kind].channels`, else the vendor's `channels`, else every configured
//     channel. Names that are not configured channels are ignored.
import { safeRegex, type SafeRegex } from '../shared/safe-regex.js';
import { UsageError } from '../errors.js';
import { dataField, eventLine, kindEntry, subjectName, type EventKind, type Family, type StoredEvent } from '../events/index.js';
import type { AlertRouting, LineKind, Severity, VendorConfig } from '../model.js';
import type { Router } from '../store/events.js';

export interface KindRule {
  /** Force this kind on (`true`) or off (`false`) whatever the defaults say. */
  alert?: boolean;
  channels?: string[];
  minSeverity?: Severity;
  snoozeUntil?: string;
}

/** Routing fields beyond the model's AlertRouting (channels, mute, snoozeUntil, minSeverity). */
export interface RoutingRules extends AlertRouting {
  mute?: EventKind[];
  kinds?: Partial<Record<EventKind, KindRule>>;
  /** Alert pre-releases too (default false). */
  prereleases?: boolean;
  include?: string[];
  exclude?: string[];
}

export interface RouterConfig {
  /** Configured channel names (`slack`, `email`, ...). */
  channels: string[];
  vendors: ReadonlyMap<string, VendorConfig>;
  /** ISO instant the router was built at: snoozes are judged against it. */
  now: string;
  /** Rules for every vendor and for events without one. */
  defaults?: RoutingRules;
  /** The line of a stored model, for release events whose producer did not record it. */
  lineOf?: (modelId: string) => LineKind | null;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, notice: 1, warning: 2, critical: 3 };

/** Gap, source and deadline events have no name: the name filters do not apply to them. */
const UNNAMED: ReadonlySet<Family> = new Set(['gap', 'source', 'deadline']);

interface Compiled {
  rules: RoutingRules;
  mute: ReadonlySet<EventKind>;
  include: SafeRegex[] | null;
  exclude: SafeRegex[];
}

function compile(patterns: string[] | undefined, where: string): SafeRegex[] {
  return (patterns ?? []).map((p) => {
    try {
      return safeRegex(p);
    } catch (err) {
      throw new UsageError(`notify: ${where}: invalid name pattern ${JSON.stringify(p)}: ${(err as Error).message}`);
    }
  });
}

function merge(defaults: RoutingRules, vendor: RoutingRules | undefined, where: string): Compiled {
  const v = vendor ?? {};
  const kinds: Partial<Record<EventKind, KindRule>> = { ...defaults.kinds };
  for (const [k, rule] of Object.entries(v.kinds ?? {}) as [EventKind, KindRule][]) kinds[k] = { ...kinds[k], ...rule };
  const rules: RoutingRules = { ...defaults, ...stripUndefined(v), kinds };
  const include = v.include ?? defaults.include;
  return {
    rules,
    mute: new Set([...(defaults.mute ?? []), ...(v.mute ?? [])]),
    include: include?.length ? compile(include, where) : null,
    exclude: compile(v.exclude ?? defaults.exclude, where),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, val]) => val !== undefined)) as Partial<T>;
}

/** True when the kind alerts without any configuration. */
export function alertsByDefault(e: StoredEvent, lineOf?: (modelId: string) => LineKind | null, vendor?: VendorConfig): boolean {
  const alerts = kindEntry(e.kind)?.alerts;
  if (alerts === 'yes') return true;
  // A release of a GitHub repo the vendor file lists alerts, as release notifiers do (issue 11).
  if (e.kind === 'release.published' && vendor?.sources.some((s) => s.kind === 'github' && s.id === e.sourceId)) return true;
  if (alerts === 'on-line') return eventLine(e) !== null || (e.modelId !== null && lineOf?.(e.modelId) != null);
  return false;
}

function snoozed(until: string | undefined, nowMs: number): boolean {
  if (!until) return false;
  const t = Date.parse(until);
  return Number.isFinite(t) && nowMs < t;
}

export function makeRouter(cfg: RouterConfig): Router {
  const defaults = merge({}, cfg.defaults, 'defaults');
  const perVendor = new Map<string, Compiled>();
  for (const [id, v] of cfg.vendors) perVendor.set(id, merge(cfg.defaults ?? {}, v.alerts as RoutingRules | undefined, `vendor ${id}`));
  const configured = new Set(cfg.channels);
  const nowMs = Date.parse(cfg.now);

  return (e: StoredEvent): string[] => {
    if (e.baseline) return [];
    const c = (e.vendorId !== null && perVendor.get(e.vendorId)) || defaults;
    const kind = c.rules.kinds?.[e.kind] ?? {};
    if (c.mute.has(e.kind)) return [];
    if (!(kind.alert ?? alertsByDefault(e, cfg.lineOf, e.vendorId !== null ? cfg.vendors.get(e.vendorId) : undefined))) return [];
    if (snoozed(c.rules.snoozeUntil, nowMs) || snoozed(kind.snoozeUntil, nowMs)) return [];
    const min = kind.minSeverity ?? c.rules.minSeverity ?? 'info';
    if ((SEVERITY_RANK[e.severity] ?? 0) < SEVERITY_RANK[min]) return [];
    if (dataField(e, 'prerelease') === true && !c.rules.prereleases) return [];
    const family = kindEntry(e.kind)?.family;
    if (family && !UNNAMED.has(family)) {
      const name = subjectName(e);
      if (c.include && !c.include.some((r) => r.test(name))) return [];
      if (c.exclude.some((r) => r.test(name))) return [];
    }
    const wanted = kind.channels ?? c.rules.channels ?? cfg.channels;
    return [...new Set(wanted)].filter((ch) => configured.has(ch));
  };
}
