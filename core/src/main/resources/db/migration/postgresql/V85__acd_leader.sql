-- Issue 23: one ACD leader among the servers sharing this PostgreSQL.
-- acd_leader.epoch is incremented by every new leader; each append to call_events reads it FOR SHARE in the same
-- transaction and refuses to write when it is not the appender's own epoch (a paused old leader cannot write).
CREATE TABLE acd_leader (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    epoch  BIGINT NOT NULL,
    holder TEXT,
    since  TIMESTAMPTZ
);
INSERT INTO acd_leader(id, epoch) VALUES (1, 0);

-- The leader's heartbeat, apart from acd_leader so renewing it never waits for an append's FOR SHARE lock.
CREATE TABLE acd_lease (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    holder     TEXT,
    epoch      BIGINT NOT NULL,
    renewed_at TIMESTAMPTZ NOT NULL
);
INSERT INTO acd_lease(id, epoch, renewed_at) VALUES (1, 0, now());
