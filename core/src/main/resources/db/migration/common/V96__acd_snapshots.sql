-- Snapshots of the ACD's routing state (issue 23): a server starts from the newest readable one and replays only the
-- call_events after `covers` (their seq). Written by the leader every acd.snapshot-every, fenced as appends are; the
-- newest few are kept. `format` is AcdImage.FORMAT: a server skips snapshots of another format (and replays instead).
CREATE TABLE acd_snapshots (
    id       ${id},
    covers   BIGINT  NOT NULL,
    format   INTEGER NOT NULL,
    taken_at BIGINT  NOT NULL,
    state    TEXT    NOT NULL
);
CREATE INDEX acd_snapshots_covers ON acd_snapshots (covers);
