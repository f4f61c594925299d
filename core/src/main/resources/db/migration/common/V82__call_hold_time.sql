-- Hold (issue 21): how long and how often the operator held the caller, summed from CallResumed events.
ALTER TABLE calls ADD COLUMN held_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN holds INTEGER NOT NULL DEFAULT 0;
