-- `modelwatch events` and `changes` without a vendor, model or kind filter order and filter
-- by occurred_at alone: without this index they scan the whole events table.
CREATE INDEX events_occurred ON events(occurred_at);
