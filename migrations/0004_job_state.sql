-- Progress markers of the cycle steps (e.g. the last event whose posts were read for scores),
-- so a step interrupted by a crash catches up on the next cycle.
CREATE TABLE job_state (
  name        TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
