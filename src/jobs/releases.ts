// After classification: link new models to their releases and bring the touched releases'
// side, level and licence up to date (store/releases.ts), in one transaction. A release that
// lands on the side its family is not expected on (open weights under a proprietary brand, an
// API-only model of an open family) is a `release.surprise` event, which alerts by default.
import { joinsRelease, releaseIdentity } from '../classify/release-identity.js';
import type { VendorConfig } from '../model.js';
import { kindEntry, type NewEvent, type StoredEvent } from '../events/index.js';
import type { Db } from '../store/db.js';
import { insertEvents, type Router } from '../store/events.js';
import { prep } from '../store/db.js';
import { attachModel, getRelease, refreshRelease, unlinkedModels, type ReleaseChange, type ReleaseRow } from '../store/releases.js';

export interface ReleaseDeps {
  db: Db;
  route: Router;
  now: () => Date;
  vendors: readonly VendorConfig[];
}

/** Links unlinked models and refreshes the releases of `touched` models; returns the new events. */
export function updateReleases(deps: ReleaseDeps, touched: StoredEvent[]): StoredEvent[] {
  const now = deps.now().toISOString();
  const vendors = new Map(deps.vendors.map((v) => [v.id, v]));
  // A release found only through baseline events (a source's first poll) is baseline news too.
  const live = new Set(touched.filter((e) => !e.baseline && e.modelId).map((e) => e.modelId!));
  return deps.db
    .transaction(() => {
      const releaseIds = new Set<number>();
      for (const m of unlinkedModels(deps.db)) {
        // A vendor no longer (or never) configured still gets releases, named by its id.
        const vendor: Pick<VendorConfig, 'id' | 'name' | 'lines'> = vendors.get(m.vendorId) ?? {
          id: m.vendorId,
          name: m.vendorId,
          lines: {},
        };
        // An announced model (diff/posts.ts) has no Hub id and a name of its own ("Gemma 4" for `google/gemma-4`).
        const hub = m.hubId !== null || m.name === m.id.slice(m.id.indexOf('/') + 1);
        const identity = releaseIdentity(vendor, hub ? m.id : m.name);
        // The family's expected side is the line the diff assigned from the vendor's patterns.
        const family = (m.line && vendor.lines[m.line]?.name) || identity.family;
        releaseIds.add(
          attachModel(
            deps.db,
            {
              modelId: m.id,
              vendorId: m.vendorId,
              identity,
              joins: (releasedAt) => joinsRelease(releasedAt, m.releasedAt, identity.formatVariant),
              family,
              expectedSide: m.line,
              releasedAt: m.releasedAt,
              announced: !hub,
              announcedName: hub ? undefined : m.name,
            },
            now,
          ),
        );
      }
      const ids = [...new Set(touched.map((e) => e.modelId).filter((x): x is string => !!x))];
      if (ids.length) {
        const rows = prep(
          deps.db,
          'SELECT DISTINCT release_id FROM models WHERE id IN (SELECT value FROM json_each(?)) AND release_id IS NOT NULL',
        ).all(JSON.stringify(ids)) as {
          release_id: number;
        }[];
        for (const r of rows) releaseIds.add(r.release_id);
      }
      const events: NewEvent[] = [];
      const merged: number[] = [];
      for (const id of [...releaseIds].sort((a, b) => a - b)) {
        const change = refreshRelease(deps.db, id, now);
        const release = change?.release ?? getRelease(deps.db, id);
        if (!release) continue;
        const vendor = vendors.get(release.vendorId);
        const artefacts = new Set(
          (prep(deps.db, 'SELECT id FROM models WHERE release_id = ?').all(id) as { id: string }[]).map((a) => a.id),
        );
        const baseline = ![...artefacts].some((a) => live.has(a));
        const s = change ? surprise(change, vendor, now, baseline) : null;
        if (s) events.push(s);
        // One alert per launch: this cycle's release events of its artefacts fold into one.
        const own = touched.filter((e) => e.modelId && artefacts.has(e.modelId) && kindEntry(e.kind)?.launch);
        if (own.length === 0 || !release.expectedSide || release.auxiliary) continue;
        const earlier = prep(deps.db, 'SELECT baseline FROM events WHERE dedup_key = ?').get(`release.new:${id}`) as
          | { baseline: number }
          | undefined;
        const announced = earlier !== undefined;
        // A release first seen in a source's baseline was never alerted: its later artefacts keep their own alerts.
        if (earlier?.baseline === 1) continue;
        if (!announced) {
          if (!s)
            events.push(
              launchEvent(
                release,
                vendor,
                own,
                [...artefacts],
                now,
                own.every((e) => e.baseline),
              ),
            );
          merged.push(...own.map((e) => e.id));
        } else if (
          !change?.before ||
          (change.before.side === release.side && change.before.level === release.level && change.before.licenseId === release.licenseId)
        ) {
          // A later artefact that changes nothing a user knows (side, level, licence) is recorded, not alerted.
          merged.push(...own.map((e) => e.id));
        }
      }
      const stored = insertEvents(deps.db, events, deps.route, now);
      withdrawPendingAlerts(deps.db, merged);
      return stored;
    })
    .immediate();
}

/** Removes outbox rows not yet attempted: their events are represented by a merged one. */
function withdrawPendingAlerts(db: Db, eventIds: number[]): void {
  if (eventIds.length === 0) return;
  prep(db, "DELETE FROM alerts WHERE event_id IN (SELECT value FROM json_each(?)) AND status = 'pending' AND attempts = 0").run(
    JSON.stringify(eventIds),
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `Gemma 4 released: 4 sizes on Hugging Face, apache-2.0, announced in "Gemma 4 is here"`. */
function launchEvent(
  r: ReleaseRow,
  _vendor: VendorConfig | undefined,
  own: StoredEvent[],
  artefacts: string[],
  now: string,
  baseline: boolean,
): NewEvent<'release.new'> {
  const repos = own.filter((e) => e.kind === 'model.new' || e.kind === 'model.weights_published').map((e) => e.modelId!);
  const posts = own.filter((e) => e.kind === 'announcement');
  const title = posts.map((e) => e.data['title']).find((t): t is string => typeof t === 'string');
  const parts = [
    repos.length ? `${plural(new Set(repos).size, 'repo')} on Hugging Face` : null,
    r.side === 'pending' ? 'announced only, no weights seen yet' : `${r.side}${r.level ? `, level ${r.level}` : ''}`,
    r.licenseId,
    title ? `announced in "${title}"` : null,
  ].filter(Boolean);
  return {
    kind: 'release.new',
    dedupKey: `release.new:${r.id}`,
    vendorId: r.vendorId,
    modelId: r.mainModel,
    sourceId: own[0]?.sourceId ?? null,
    occurredAt: r.releasedAt ?? now,
    seenAt: now,
    summary: `${r.name} released (${parts.join('; ')}).`,
    severity: 'notice',
    data: {
      release: r.name,
      releaseId: r.id,
      name: r.name,
      family: r.family,
      side: r.side,
      line: r.side === 'pending' ? r.expectedSide : r.side,
      level: r.level,
      license: r.licenseId,
      models: artefacts,
      events: own.map((e) => e.id),
    },
    evidence: own.flatMap((e) => e.evidence).slice(0, 10),
    baseline,
  };
}

function cap(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** The surprise event of a change that put a release on its family's unexpected side, or null. */
export function surprise(
  change: ReleaseChange,
  vendor: VendorConfig | undefined,
  now: string,
  baseline: boolean,
): NewEvent<'release.surprise'> | null {
  const r = change.release;
  if (r.side === 'pending' || !r.expectedSide || r.side === r.expectedSide || r.auxiliary) return null;
  if (change.before && change.before.side === r.side) return null;
  const who = vendor?.name ?? r.vendorId;
  const family = cap(r.family ?? r.name);
  const licence = r.licenseId ? `, ${r.licenseId}` : '';
  const summary =
    r.side === 'open'
      ? `${who} shipped open weights under its ${family} brand: ${r.name} (${r.mainModel ?? r.name}, level ${r.level}${licence}).`
      : `${who} shipped ${r.name} of its open ${family} family without public weights (level ${r.level}${licence}).`;
  return {
    kind: 'release.surprise',
    dedupKey: `release.surprise:${r.id}:${r.side}`,
    vendorId: r.vendorId,
    modelId: r.mainModel,
    sourceId: null,
    occurredAt: now,
    seenAt: now,
    summary,
    severity: 'warning',
    data: {
      release: r.name,
      releaseId: r.id,
      family: r.family,
      expectedSide: r.expectedSide,
      side: r.side,
      level: r.level,
      license: r.licenseId,
      name: r.name,
    },
    evidence: [
      {
        signal: 'release_side',
        value: r.side,
        sourceUrl: r.mainModel && !r.mainModel.startsWith(`${r.vendorId}/`) ? `https://huggingface.co/${r.mainModel}` : null,
        seenAt: now,
      },
    ],
    baseline,
  };
}

/**
 * Groups rows of a release list (the shipped seed, `import releases`) into releases at once, so a
 * fresh install's `gap` and `releases` read them before any poll. Their events are baseline and
 * routed nowhere: a listed past never alerts.
 */
export function linkListedReleases(db: Db, vendors: readonly VendorConfig[], now: string): void {
  updateReleases({ db, route: () => [], now: () => new Date(now), vendors }, []);
}
