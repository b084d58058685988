-- Capability (issue #15). Forward-only.
-- 1. A corrected score (same model, benchmark, date and source, a new value) supersedes the old
--    one; both rows are kept as history. The inline UNIQUE of 0001 would refuse the new row, so
--    the table is rebuilt with the uniqueness on current rows only (a partial index).
CREATE TABLE scores_v2 (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  model_id       TEXT NOT NULL,
  benchmark      TEXT NOT NULL,
  score          REAL NOT NULL,
  date           TEXT,
  source_url     TEXT,
  source_kind    TEXT NOT NULL,
  added_at       TEXT NOT NULL,
  superseded_at  TEXT,
  superseded_by  INTEGER,
  -- standard error published with the score (its confidence interval), in the score's unit
  stderr         REAL
);
INSERT INTO scores_v2 (id, model_id, benchmark, score, date, source_url, source_kind, added_at)
  SELECT id, model_id, benchmark, score, date, source_url, source_kind, added_at FROM scores;
DROP TABLE scores;
ALTER TABLE scores_v2 RENAME TO scores;
CREATE UNIQUE INDEX scores_current ON scores(model_id, benchmark, date, source_url) WHERE superseded_at IS NULL;
CREATE INDEX scores_benchmark ON scores(benchmark, date);
CREATE INDEX scores_model ON scores(model_id);

-- 2. Releases known from a dated list rather than from a collector: 'seed' (the shipped seed,
--    loaded at the first start) or 'import' (`modelwatch import releases`), with the list's
--    source URL. NULL = seen by a collector (which supersedes a seeded row when it sees the model).
ALTER TABLE models ADD COLUMN origin TEXT CHECK (origin IN ('seed', 'import'));
ALTER TABLE models ADD COLUMN origin_url TEXT;
