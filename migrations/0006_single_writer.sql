-- One writer per database (issue #13). `modelwatch run` holds the `writer` lease while it runs,
-- renewed by a heartbeat; `poll` and `dispatch` take it for their duration. A second holder is
-- refused with the name of the first (pid, host, command, since when). A lease whose heartbeat
-- stopped (expires_at passed), or whose process is gone from this host, may be taken over.
CREATE TABLE leases (
  name          TEXT PRIMARY KEY,
  holder        TEXT NOT NULL,      -- unique per process: host:pid:random
  pid           INTEGER NOT NULL,
  host          TEXT NOT NULL,
  command       TEXT NOT NULL,
  acquired_at   TEXT NOT NULL,
  heartbeat_at  TEXT NOT NULL,
  expires_at    TEXT NOT NULL
);

-- A week's digest is claimed before it is sent, so two senders (the service's schedule and a
-- `digest --send`, or two of those) never both send it. A claim of a sender that died expires.
ALTER TABLE digests ADD COLUMN claimed_by TEXT;
ALTER TABLE digests ADD COLUMN claimed_until TEXT;
