-- Releases (issue 11): one row per launch of one model version by a vendor, gathering its
-- artefacts (Hub repos, announced models). Kept incrementally by store/releases.ts; the gap
-- metrics and `releases` read these rows, not the event log.
CREATE TABLE releases (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  vendor_id      TEXT NOT NULL,
  key            TEXT NOT NULL,             -- diff/release-identity.ts: `<vendor>:<identity tokens>`
  name           TEXT NOT NULL,
  family         TEXT,
  expected_side  TEXT CHECK (expected_side IN ('open','proprietary')),  -- the family's line in the vendor file
  auxiliary      INTEGER NOT NULL DEFAULT 0,
  released_at    TEXT,                      -- earliest artefact date
  first_seen_at  TEXT NOT NULL,
  main_model     TEXT,                      -- the artefact that speaks for the release
  side           TEXT NOT NULL DEFAULT 'pending' CHECK (side IN ('open','proprietary','pending')),
  level          TEXT,                      -- best known level of its artefacts, NULL = unknown
  license_id     TEXT,
  artefacts      INTEGER NOT NULL DEFAULT 0,
  updated_at     TEXT NOT NULL
);
CREATE INDEX releases_vendor ON releases(vendor_id, released_at);
CREATE INDEX releases_key ON releases(vendor_id, key, released_at);

-- Each release's side and level over time (append-only), so `gap --as-of` reads them as they were.
CREATE TABLE release_levels (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  release_id     INTEGER NOT NULL REFERENCES releases(id),
  at             TEXT NOT NULL,
  side           TEXT NOT NULL,
  level          TEXT,
  license_id     TEXT
);
CREATE INDEX release_levels_release ON release_levels(release_id, at);

ALTER TABLE models ADD COLUMN release_id INTEGER REFERENCES releases(id);
CREATE INDEX models_release ON models(release_id);

-- Sources found by following links in posts (a Hub org or GitHub repo the vendor file does not
-- list). Polled like configured ones unless the vendor says `discover: false`.
CREATE TABLE discovered_sources (
  source_id      TEXT PRIMARY KEY,
  vendor_id      TEXT NOT NULL,
  kind           TEXT NOT NULL,
  target         TEXT NOT NULL,
  discovered_at  TEXT NOT NULL,
  discovered_from TEXT,                     -- the post link that led there
  UNIQUE (vendor_id, kind, target)
);
