// The event catalogue: one entry per event kind, the one list of kinds (issue #10). Adding a kind
// is one entry here, one payload type in payloads.ts and the code that emits it; the compiler then
// names every switch over kinds that misses it (describe.ts).
import type { EventData } from './payloads.js';

/** What an event is about: the part of its kind before the dot. */
export type Family = 'model' | 'release' | 'repo' | 'post' | 'announcement' | 'score' | 'gap' | 'source' | 'deadline';

/** The short names of `modelwatch changes --kind`, in the order the command lists them. */
export const CHANGE_NAMES = ['license', 'gating', 'withdrawn', 'renamed', 'level', 'weights', 'visibility'] as const;
export type ChangeName = (typeof CHANGE_NAMES)[number];

export interface KindEntry {
  family: Family;
  /** The `changes --kind` name the kind belongs to; null: not a change (`changes` leaves it out). */
  change: ChangeName | null;
  /**
   * Whether the kind alerts without configuration (notify/rules.ts): `yes`; `on-line` only when
   * the release is on one of the vendor's configured lines; `no` unless configured.
   */
  alerts: 'yes' | 'on-line' | 'no';
  /** Announces an artefact of a release: merged into that release's one `release.new` (jobs/releases.ts). */
  launch: boolean;
  /** A change a team relying on the model should hear about (the exposure audit's concerns). */
  concern: boolean;
  /** Carries a post seen for the first time (its title, link and date: PostData), so `search` and
   *  the score statements read posts from it; an edit (`post.edited`) is not a new post. */
  post: boolean;
  /** About modelwatch itself (a source's health, held-back alerts, a deadline the user set), not
   *  about a vendor or model: a deadline's "changes since it was set" leave it out. */
  housekeeping: boolean;
  /** The digest section that lists it; null: not in the digest's change lists. */
  digest: 'licence' | 'gating' | 'other' | null;
  /** In words, as the exposure audit says it. */
  label: string;
}

const entry = (
  family: Family,
  alerts: KindEntry['alerts'],
  label: string,
  more: Partial<Omit<KindEntry, 'family' | 'alerts' | 'label'>> = {},
): KindEntry => ({
  family,
  change: null,
  alerts,
  launch: false,
  concern: false,
  post: false,
  housekeeping: false,
  digest: null,
  label,
  ...more,
});

export const EVENT_CATALOGUE = {
  'model.new': entry('model', 'on-line', 'new model', { launch: true }),
  'model.weights_published': entry('model', 'on-line', 'weights published', { change: 'weights', launch: true }),
  'model.weights_removed': entry('model', 'yes', 'weights removed', { change: 'weights' }),
  'model.license_changed': entry('model', 'yes', 'licence changed', { change: 'license', concern: true, digest: 'licence' }),
  'model.license_text_changed': entry('model', 'yes', 'licence text changed', { change: 'license', concern: true, digest: 'licence' }),
  'model.gating_changed': entry('model', 'yes', 'gating changed', { change: 'gating', concern: true, digest: 'gating' }),
  'model.withdrawn': entry('model', 'yes', 'withdrawn', { change: 'withdrawn', concern: true, digest: 'other' }),
  'model.renamed': entry('model', 'yes', 'renamed', { change: 'renamed', concern: true, digest: 'other' }),
  'model.visibility_changed': entry('model', 'yes', 'visibility changed', { change: 'visibility', digest: 'other' }),
  'model.reclassified': entry('model', 'yes', 'openness level changed', { change: 'level', concern: true, digest: 'other' }),
  // A GitHub release of a listed repo (samples, code): news in the digest, not a model release.
  'release.published': entry('release', 'on-line', 'release published', { digest: 'other' }),
  'release.edited': entry('release', 'no', 'release notes edited'),
  'release.surprise': entry('release', 'yes', 'release on the unexpected side', { digest: 'other' }),
  'release.new': entry('release', 'yes', 'new release', { digest: 'other' }),
  'repo.new': entry('repo', 'no', 'new repository'),
  'repo.license_changed': entry('repo', 'yes', 'repository licence changed', { change: 'license', concern: true, digest: 'licence' }),
  'repo.license_text_changed': entry('repo', 'yes', 'repository licence text changed', {
    change: 'license',
    concern: true,
    digest: 'licence',
  }),
  'post.new': entry('post', 'no', 'new post', { post: true }),
  'post.edited': entry('post', 'no', 'post edited'),
  announcement: entry('announcement', 'on-line', 'announcement', { launch: true, post: true }),
  'score.reported': entry('score', 'no', 'score reported'),
  'gap.widened': entry('gap', 'yes', 'gap widened', { digest: 'other' }),
  'gap.narrowed': entry('gap', 'no', 'gap narrowed', { digest: 'other' }),
  'source.failing': entry('source', 'yes', 'source failing', { housekeeping: true, digest: 'other' }),
  'source.recovered': entry('source', 'yes', 'source recovered', { housekeeping: true, digest: 'other' }),
  'source.flood': entry('source', 'yes', 'alerts held back', { housekeeping: true }),
  'source.discovered': entry('source', 'yes', 'new source discovered', { digest: 'other' }),
  'deadline.reached': entry('deadline', 'yes', 'decision deadline reached', { housekeeping: true, digest: 'other' }),
} as const satisfies Record<keyof EventData, KindEntry>;

export type EventKind = keyof typeof EVENT_CATALOGUE;
// The payload map and the catalogue list the same kinds (satisfies above checks one way).
const _sameKinds: [keyof EventData] extends [EventKind] ? true : never = true;
void _sameKinds;

/** Every event kind, in the catalogue's order. */
export const EVENT_KINDS = Object.keys(EVENT_CATALOGUE) as EventKind[];

export function isEventKind(kind: string): kind is EventKind {
  return Object.hasOwn(EVENT_CATALOGUE, kind);
}

/** The catalogue entry of a kind; null for a kind this version does not know (an older store's). */
export function kindEntry(kind: string): KindEntry | null {
  return isEventKind(kind) ? EVENT_CATALOGUE[kind] : null;
}

/** The kinds whose entry passes `test`, in catalogue order. */
export function kindsWhere(test: (entry: KindEntry, kind: EventKind) => boolean): EventKind[] {
  return EVENT_KINDS.filter((k) => test(EVENT_CATALOGUE[k], k));
}

/** The kinds of each `changes --kind` name (`license` → the four licence kinds). */
export const CHANGE_KINDS: Readonly<Record<ChangeName, readonly EventKind[]>> = Object.fromEntries(
  CHANGE_NAMES.map((name) => [name, kindsWhere((e) => e.change === name)]),
) as Record<ChangeName, EventKind[]>;

/** Every kind `changes` reports by default. */
export const ALL_CHANGE_KINDS: readonly EventKind[] = CHANGE_NAMES.flatMap((name) => CHANGE_KINDS[name]);

/** The short name of a change kind (`model.gating_changed` → `gating`). */
export function changeName(kind: string): ChangeName | null {
  return kindEntry(kind)?.change ?? null;
}
