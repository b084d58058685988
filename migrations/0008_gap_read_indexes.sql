-- Indexes for `gap` (issue #11: all vendors in ≤ 50 ms on 100,000 models and 1,000,000 events).
-- Forward-only. Indexes only: SQLite keeps them in step with every write (nothing to backfill).
-- 1. The snapshot at or before a time (store/digests.ts gapSnapshotAt, three per vendor in `gap`)
--    compares julianday(at), so that timestamps with and without milliseconds order alike:
--    gap_snapshots_vendor could not serve that comparison, every snapshot of the vendor was read
--    and sorted. This index answers it with one seek.
CREATE INDEX gap_snapshots_vendor_day ON gap_snapshots(vendor_id, julianday(at));
-- 2. A model's line and vendor by its id, without reading its row: the scores read of the
--    capability metrics (store/gap-input.ts, `m.id = s.model_id AND m.line IS NOT NULL`) and the
--    level changes of M6 join each row to its model; through the primary key each join also read
--    the model's (wide) row at a random place of the table.
CREATE INDEX models_id_line_vendor ON models(id, line, vendor_id);
-- 3. The current scores with every column the capability read takes (store/gap-input.ts, reading
--    'released'), superseded_at included so that SQLite sees the index covers the statement: it
--    is read in the order of scores_current (same leading, unique, columns) without the table.
CREATE INDEX scores_current_covering ON scores(model_id, benchmark, date, source_url, score, added_at, stderr, superseded_at)
  WHERE superseded_at IS NULL;
