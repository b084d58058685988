// Following links (issue 11): a new post that links to a Hub repo or org, or to a GitHub repo,
// that the vendor's file does not list makes that org/repo a *discovered* source — stored,
// announced by one `source.discovered` event, polled at once through the configured endpoints
// (HF_ENDPOINT / GITHUB_API_URL: the link's host is the public site, the endpoint is where the
// watcher reads it) and from then on like any other source. `discover: false` turns it off.
//
// Which links count: a link is the vendor's when its org/owner names the vendor (`meta-models`
// for Meta), or the linked repo's name matches one of the vendor's line patterns
// (`Muse-Glimmer-30B` matches Muse). Community re-uploads (`unsloth/...`) and other vendors'
// orgs (a configured source of another vendor) are not followed.
import { assignLine } from '../classify/lines.js';
import { DEFAULT_INTERVAL_SEC } from '../config/defaults.js';
import { extractLinks } from '../diff/links.js';
import type { PostObservation, SourceKind, VendorConfig } from '../model.js';
import { dataField, type NewEvent, type StoredEvent } from '../events/index.js';
import { addDiscovered, discoveredConfig, type DiscoveredSource } from '../store/discovered.js';
import { insertEvents } from '../store/events.js';
import { prep } from '../store/db.js';
import { pollSource, type PollDeps } from './poll-source.js';

export interface DiscoverDeps extends PollDeps {
  vendors: readonly VendorConfig[];
}

interface Candidate {
  kind: SourceKind;
  target: string;
  from: string | null;
  title: string;
  live: boolean;
}

function namesVendor(org: string, vendor: VendorConfig): boolean {
  const o = org.toLowerCase();
  const words = [vendor.id, ...vendor.name.toLowerCase().split(/[^a-z0-9]+/)].filter((w) => w.length >= 3).map((w) => w.toLowerCase());
  return words.some((w) => o.split(/[^a-z0-9]+/).includes(w));
}

function postState(deps: DiscoverDeps, e: StoredEvent): PostObservation | null {
  const key = dataField(e, 'key');
  if (typeof key !== 'string') return null;
  if (!key || !e.sourceId) return null;
  const row = prep(deps.db, 'SELECT state_json FROM items WHERE source_id = ? AND key = ?').get(e.sourceId, key) as
    | { state_json: string }
    | undefined;
  if (!row) return null;
  const state = JSON.parse(row.state_json) as PostObservation;
  return state.type === 'post' ? state : null;
}

/** The discovered-source candidates of one post, for its vendor. */
export function candidates(
  post: PostObservation & { links?: string[] },
  vendor: VendorConfig,
  taken: ReadonlySet<string>,
  live: boolean,
): Candidate[] {
  const links = extractLinks(post);
  const out = new Map<string, Candidate>();
  const add = (kind: SourceKind, target: string) => {
    const k = `${kind}:${target.toLowerCase()}`;
    if (!taken.has(k) && !out.has(k)) out.set(k, { kind, target, from: post.link, title: post.title, live });
  };
  for (const id of links.hubRepos) {
    const org = id.slice(0, id.indexOf('/'));
    if (namesVendor(org, vendor) || assignLine(vendor, id).line) add('huggingface', org);
  }
  for (const org of links.hubOrgs) if (namesVendor(org, vendor)) add('huggingface', org);
  for (const repo of links.githubRepos) {
    const owner = repo.slice(0, repo.indexOf('/'));
    if (namesVendor(owner, vendor) || assignLine(vendor, repo).line) add('github', repo);
  }
  return [...out.values()];
}

/** Targets any vendor already polls, `kind:target` in lower case (a GitHub org covers its repos). */
function takenTargets(deps: DiscoverDeps): Set<string> {
  const taken = new Set<string>();
  for (const v of deps.vendors) for (const s of v.sources) taken.add(`${s.kind}:${s.target.toLowerCase()}`);
  for (const r of prep(deps.db, 'SELECT kind, target FROM sources').all() as { kind: string; target: string }[])
    taken.add(`${r.kind}:${r.target.toLowerCase()}`);
  return taken;
}

const KIND_WORDS: Partial<Record<SourceKind, string>> = { huggingface: 'Hub org', github: 'GitHub repo' };

/** Follows the links of this cycle's new posts; returns the events stored (discoveries and what their first polls found). */
export async function followLinks(deps: DiscoverDeps, events: StoredEvent[]): Promise<StoredEvent[]> {
  const vendors = new Map(deps.vendors.map((v) => [v.id, v]));
  const taken = takenTargets(deps);
  const found: { c: Candidate; vendor: VendorConfig }[] = [];
  for (const e of events) {
    if (e.kind !== 'post.new' || !e.vendorId) continue;
    const vendor = vendors.get(e.vendorId);
    if (!vendor || vendor.discover === false) continue;
    const post = postState(deps, e);
    if (!post) continue;
    for (const c of candidates(post, vendor, taken, !e.baseline)) {
      taken.add(`${c.kind}:${c.target.toLowerCase()}`);
      found.push({ c, vendor });
    }
  }
  const out: StoredEvent[] = [];
  for (const { c, vendor } of found) {
    const now = deps.now().toISOString();
    const d: DiscoveredSource = {
      sourceId: `${c.kind === 'huggingface' ? 'hf' : 'gh'}:${c.target}`,
      vendorId: vendor.id,
      kind: c.kind,
      target: c.target,
      discoveredAt: now,
      discoveredFrom: c.from,
    };
    const stored = deps.db
      .transaction(() => {
        if (!addDiscovered(deps.db, d, c.live)) return [];
        return insertEvents(deps.db, [discoveredEvent(vendor, d, c, now)], deps.route, now);
      })
      .immediate();
    out.push(...stored);
    if (stored.length === 0) continue;
    const outcome = await pollSource(deps, discoveredConfig(d, DEFAULT_INTERVAL_SEC[c.kind]), vendor);
    out.push(...outcome.events);
  }
  return out;
}

function discoveredEvent(vendor: VendorConfig, d: DiscoveredSource, c: Candidate, now: string): NewEvent<'source.discovered'> {
  const what = KIND_WORDS[d.kind] ?? d.kind;
  return {
    kind: 'source.discovered',
    dedupKey: `source.discovered:${d.sourceId}`,
    vendorId: vendor.id,
    modelId: null,
    sourceId: d.sourceId,
    occurredAt: now,
    seenAt: now,
    summary: `${vendor.name} publishes under a new ${what}: ${d.target} (linked from "${c.title}").`,
    severity: 'notice',
    data: { kind: d.kind, target: d.target, discoveredFrom: d.discoveredFrom, title: c.title, name: d.target },
    evidence: [{ signal: 'link', value: d.target, sourceUrl: d.discoveredFrom, seenAt: now }],
    baseline: !c.live,
  };
}
