-- modelwatch schema v1. Forward-only: never edit this file once applied (its checksum is kept).
-- Times are ISO 8601 UTC strings; JSON columns hold plain JSON text.

-- One row per configured source, with its polling state (miniflux's feed row).
CREATE TABLE sources (
  id                  TEXT PRIMARY KEY,
  vendor_id           TEXT NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('huggingface','github','feed','page')),
  target              TEXT NOT NULL,
  baseline_done       INTEGER NOT NULL DEFAULT 0,
  next_check_at       TEXT,
  consecutive_errors  INTEGER NOT NULL DEFAULT 0,
  last_error          TEXT,
  last_error_at       TEXT,
  last_error_transient INTEGER,
  failing_since       TEXT,
  failing_alerted     INTEGER NOT NULL DEFAULT 0,
  last_success_at     TEXT,
  last_polled_at      TEXT,
  polls               INTEGER NOT NULL DEFAULT 0,
  errors              INTEGER NOT NULL DEFAULT 0,
  -- Collector-private cursor (high-water mark, last full reconciliation, ...).
  cursor_json         TEXT NOT NULL DEFAULT '{}'
);

-- Validators per source and URL, exactly as received (a source may make several requests).
CREATE TABLE http_cache (
  source_id      TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  url            TEXT NOT NULL,
  etag           TEXT,
  last_modified  TEXT,
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (source_id, url)
);

-- The latest known state of every thing a source observed (model repo, release, post, ...).
-- The pure diff compares a new observation with this row.
CREATE TABLE items (
  source_id      TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  key            TEXT NOT NULL,
  type           TEXT NOT NULL,
  state_json     TEXT NOT NULL,
  model_id       TEXT,
  first_seen_at  TEXT NOT NULL,
  last_seen_at   TEXT NOT NULL,
  gone_at        TEXT,
  PRIMARY KEY (source_id, key)
);
CREATE INDEX items_model ON items(model_id);

-- Models: one row per model, with its current state (derived; history is in observations/events).
CREATE TABLE models (
  id             TEXT PRIMARY KEY,          -- HF repo id (`meta-llama/Llama-3.1-8B`) or `<vendor>/<slug>` for models known only from posts
  vendor_id      TEXT,
  name           TEXT NOT NULL,
  line           TEXT CHECK (line IN ('open','proprietary')),
  line_reason    TEXT,
  hub_id         TEXT,                      -- HF `_id`, survives renames
  url            TEXT,
  first_seen_at  TEXT NOT NULL,
  released_at    TEXT,                      -- first publication we know of
  level          TEXT,                      -- current openness level, NULL = unknown
  license_id     TEXT,
  gated          TEXT,
  weights        INTEGER NOT NULL DEFAULT 0,
  parameters     INTEGER,
  withdrawn_at   TEXT,
  renamed_to     TEXT,
  updated_at     TEXT NOT NULL
);
CREATE INDEX models_vendor ON models(vendor_id, line, released_at);
CREATE INDEX models_hub_id ON models(hub_id);
CREATE INDEX models_released ON models(released_at);

-- Append-only log of each model's observed state (one row when something relevant changed).
CREATE TABLE observations (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  model_id           TEXT NOT NULL,
  source_id          TEXT,
  seen_at            TEXT NOT NULL,
  license_id         TEXT,
  license_name       TEXT,
  license_link       TEXT,
  license_text_hash  TEXT,
  gated              TEXT,
  private            INTEGER,
  disabled           INTEGER,
  weights            INTEGER,
  parameters         INTEGER,
  sha                TEXT,
  last_modified      TEXT,
  state_json         TEXT NOT NULL
);
CREATE INDEX observations_model ON observations(model_id, seen_at);

-- Licence texts by hash (so a text change is evidence that can be shown).
CREATE TABLE license_texts (
  hash           TEXT PRIMARY KEY,
  text           TEXT NOT NULL,
  first_seen_at  TEXT NOT NULL
);

-- Append-only events; the dedup key makes re-seeing a change a no-op.
CREATE TABLE events (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  dedup_key      TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL,
  vendor_id      TEXT,
  model_id       TEXT,
  source_id      TEXT,
  occurred_at    TEXT NOT NULL,
  seen_at        TEXT NOT NULL,
  severity       TEXT NOT NULL DEFAULT 'info',
  baseline       INTEGER NOT NULL DEFAULT 0,
  summary        TEXT NOT NULL,
  data_json      TEXT NOT NULL DEFAULT '{}',
  evidence_json  TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX events_vendor_kind ON events(vendor_id, kind, occurred_at);
CREATE INDEX events_kind ON events(kind, occurred_at);
CREATE INDEX events_model ON events(model_id, occurred_at);
CREATE INDEX events_seen ON events(seen_at);

-- Classifications with evidence; append-only (forward-only reclassification).
CREATE TABLE classifications (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  model_id       TEXT NOT NULL,
  level          TEXT,
  rules_version  TEXT NOT NULL,
  decided_by     TEXT NOT NULL,
  evidence_json  TEXT NOT NULL,
  conflicts_json TEXT NOT NULL DEFAULT '[]',
  override_json  TEXT,
  at             TEXT NOT NULL
);
CREATE INDEX classifications_model ON classifications(model_id, at);

-- Capability scores, each with its source.
CREATE TABLE scores (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  model_id       TEXT NOT NULL,
  benchmark      TEXT NOT NULL,
  score          REAL NOT NULL,
  date           TEXT,
  source_url     TEXT,
  source_kind    TEXT NOT NULL,
  added_at       TEXT NOT NULL,
  UNIQUE (model_id, benchmark, date, source_url)
);
CREATE INDEX scores_benchmark ON scores(benchmark, date);

-- One gap snapshot per vendor per evaluation (vendor '*' = across all vendors).
CREATE TABLE gap_snapshots (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  vendor_id      TEXT NOT NULL,
  at             TEXT NOT NULL,
  metrics_json   TEXT NOT NULL,
  widening       INTEGER NOT NULL,
  reasons_json   TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX gap_snapshots_vendor ON gap_snapshots(vendor_id, at);

-- Hysteresis and cooldown state of the widening rules, per vendor.
CREATE TABLE gap_state (
  vendor_id      TEXT PRIMARY KEY,
  state_json     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);

-- The alerts outbox: one row per (event, channel), written in the event's transaction.
CREATE TABLE alerts (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id         INTEGER NOT NULL REFERENCES events(id),
  channel          TEXT NOT NULL,
  vendor_id        TEXT,
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','failed','dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  last_error       TEXT,
  created_at       TEXT NOT NULL,
  sent_at          TEXT,
  UNIQUE (event_id, channel)
);
CREATE INDEX alerts_status ON alerts(status, next_attempt_at);

-- Digests that were built (and sent), one per week and format.
CREATE TABLE digests (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  week           TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  sent_at        TEXT,
  channels_json  TEXT NOT NULL DEFAULT '[]',
  summary_json   TEXT NOT NULL DEFAULT '{}',
  UNIQUE (week)
);

-- Decision deadlines set by users (the audit → test → decide playbook).
CREATE TABLE deadlines (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  subject        TEXT NOT NULL,             -- a vendor id or a model id
  date           TEXT NOT NULL,
  note           TEXT,
  created_at     TEXT NOT NULL,
  reached_at     TEXT
);

-- One row per poll of a source (for /metrics and `modelwatch sources`).
CREATE TABLE poll_runs (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id      TEXT NOT NULL,
  started_at     TEXT NOT NULL,
  finished_at    TEXT NOT NULL,
  ok             INTEGER NOT NULL,
  requests       INTEGER NOT NULL DEFAULT 0,
  events         INTEGER NOT NULL DEFAULT 0,
  error          TEXT
);
CREATE INDEX poll_runs_source ON poll_runs(source_id, started_at);
