// Releases from a dated list (the shipped seed, `modelwatch import releases`): stored as model
// rows (artefacts) with their release date, line, level and a classification whose evidence is
// the list's row, marked `origin` 'seed' or 'import' with the list's source URL. No events: a
// seeded release never alerts. A model a collector already stored is left as it is (what the
// collectors see supersedes a list), and a collector seeing a seeded model later takes it over
// (upsertModel clears `origin`).
import type { SeedRelease } from '../model.js';
import { prep, type Db } from './db.js';
import { toJson } from './json.js';

export const SEED_RULES_VERSION = 'release-list-1';

export interface SeededCount {
  added: number;
  /** Already in the store (collected, or seeded before): left as they are. */
  known: number;
}

/** Stores the releases of a list; must run inside the caller's transaction. */
export function seedReleases(db: Db, releases: SeedRelease[], origin: 'seed' | 'import', listUrl: string | null, now: string): SeededCount {
  const insert = prep(
    db,
    `INSERT INTO models (id, vendor_id, name, line, line_reason, url, first_seen_at, released_at, level, license_id, weights, updated_at, classified_at, origin, origin_url)
     VALUES (@id, @vendor, @name, @line, @lineReason, @url, @now, @date, @level, @license, @weights, @now, @now, @origin, @originUrl)
     ON CONFLICT(id) DO NOTHING`,
  );
  const classify = prep(
    db,
    `INSERT INTO classifications (model_id, level, rules_version, decided_by, evidence_json, conflicts_json, override_json, at)
     VALUES (?, ?, ?, ?, ?, '[]', NULL, ?)`,
  );
  const out: SeededCount = { added: 0, known: 0 };
  for (const r of releases) {
    const changes = insert.run({
      id: r.id,
      vendor: r.vendor,
      name: r.name,
      line: r.line,
      lineReason: `${origin}: ${r.access}`,
      url: r.sourceUrl,
      now,
      date: r.date,
      level: r.level,
      license: r.license,
      weights: r.line === 'open' ? 1 : 0,
      origin,
      originUrl: r.sourceUrl ?? listUrl,
    }).changes;
    if (!changes) {
      out.known++;
      continue;
    }
    out.added++;
    const evidence = [{ signal: 'release-list', value: `${r.access} (${r.date})`, sourceUrl: r.sourceUrl ?? listUrl, seenAt: now }];
    classify.run(
      r.id,
      r.level,
      SEED_RULES_VERSION,
      `${origin === 'seed' ? 'the shipped seed' : 'an imported release list'} gives ${r.access}`,
      toJson(evidence),
      now,
    );
  }
  return out;
}
