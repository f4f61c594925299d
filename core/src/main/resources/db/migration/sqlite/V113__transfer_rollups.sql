-- Issue 24 (report speed, ADR 0145): transfers line 1 -> 2 -> 3 counted per quarter hour and (from line, to line),
-- kept by triggers in the same transaction as the CallTransferred events and the calls they read. A transfer's "from"
-- line is the line its call was on: the previous transfer's "to" line (by seq), or the call's queued tier
-- (calls.tier; 'line1' when unknown); its "to" line is the event's tier, or the "from" line when it names none.
-- transfer_steps holds each transfer with its lines (so a change can be taken back), transfer_rollups the counts.
-- Any change to a call's transfers or to its row recomputes that call's steps (a call has few transfers): the
-- triggers put the call in transfer_recompute, whose trigger does it (SQLite has no procedures; postgresql/V113 has a
-- PL/pgSQL function) and takes the call out again.

CREATE TABLE transfer_steps (
    seq       BIGINT       PRIMARY KEY,
    call_id   VARCHAR(100) NOT NULL,
    quarter   BIGINT       NOT NULL,
    from_line VARCHAR(40)  NOT NULL,
    to_line   VARCHAR(40)  NOT NULL
);
CREATE INDEX transfer_steps_call ON transfer_steps (call_id);

CREATE TABLE transfer_rollups (
    quarter   BIGINT      NOT NULL,
    from_line VARCHAR(40) NOT NULL,
    to_line   VARCHAR(40) NOT NULL,
    n         BIGINT      NOT NULL,
    PRIMARY KEY (quarter, from_line, to_line)
) WITHOUT ROWID;

-- a call whose steps are being recomputed (empty outside a trigger)
CREATE TABLE transfer_recompute (call_id VARCHAR(100) PRIMARY KEY);

INSERT INTO transfer_steps (seq, call_id, quarter, from_line, to_line)
WITH RECURSIVE t(call_id, i, seq, at, tt) AS (
    SELECT e.call_id, row_number() OVER (PARTITION BY e.call_id ORDER BY e.seq), e.seq, e.at,
           CASE WHEN json_valid(e.payload) THEN lower(json_extract(e.payload, '$.tier')) END
    FROM call_events e WHERE e.type = 'CallTransferred' AND e.call_id IS NOT NULL),
chain(call_id, i, seq, at, from_line, to_line) AS (
    SELECT t.call_id, t.i, t.seq, t.at, coalesce(k.tier, 'line1'), coalesce(t.tt, k.tier, 'line1')
    FROM t LEFT JOIN calls k ON k.call_id = t.call_id WHERE t.i = 1
    UNION ALL
    SELECT t.call_id, t.i, t.seq, t.at, c.to_line, coalesce(t.tt, c.to_line)
    FROM chain c JOIN t ON t.call_id = c.call_id AND t.i = c.i + 1)
SELECT seq, call_id, at / 900000, from_line, to_line FROM chain;

INSERT INTO transfer_rollups (quarter, from_line, to_line, n)
SELECT quarter, from_line, to_line, count(*) FROM transfer_steps GROUP BY quarter, from_line, to_line;

-- takes the call's steps out of the counts, recomputes them from its transfers and its row, adds them back
CREATE TRIGGER transfer_recompute_call AFTER INSERT ON transfer_recompute
BEGIN
    UPDATE transfer_rollups SET n = n - (SELECT count(*) FROM transfer_steps s WHERE s.call_id = NEW.call_id
            AND s.quarter = transfer_rollups.quarter AND s.from_line = transfer_rollups.from_line
            AND s.to_line = transfer_rollups.to_line)
    WHERE (quarter, from_line, to_line) IN (SELECT quarter, from_line, to_line FROM transfer_steps
                                             WHERE call_id = NEW.call_id);
    DELETE FROM transfer_rollups WHERE n <= 0 AND (quarter, from_line, to_line) IN
        (SELECT quarter, from_line, to_line FROM transfer_steps WHERE call_id = NEW.call_id);
    DELETE FROM transfer_steps WHERE call_id = NEW.call_id;
    INSERT INTO transfer_steps (seq, call_id, quarter, from_line, to_line)
    WITH RECURSIVE t(i, seq, at, tt) AS (
        SELECT row_number() OVER (ORDER BY e.seq), e.seq, e.at,
               CASE WHEN json_valid(e.payload) THEN lower(json_extract(e.payload, '$.tier')) END
        FROM call_events e WHERE e.call_id = NEW.call_id AND e.type = 'CallTransferred'),
    chain(i, seq, at, from_line, to_line) AS (
        SELECT t.i, t.seq, t.at, f.line, coalesce(t.tt, f.line)
        FROM t, (SELECT coalesce((SELECT k.tier FROM calls k WHERE k.call_id = NEW.call_id), 'line1') AS line) f
        WHERE t.i = 1
        UNION ALL
        SELECT t.i, t.seq, t.at, c.to_line, coalesce(t.tt, c.to_line) FROM chain c JOIN t ON t.i = c.i + 1)
    SELECT seq, NEW.call_id, at / 900000, from_line, to_line FROM chain;
    INSERT INTO transfer_rollups (quarter, from_line, to_line, n)
    SELECT quarter, from_line, to_line, count(*) FROM transfer_steps WHERE call_id = NEW.call_id
    GROUP BY quarter, from_line, to_line
    ON CONFLICT (quarter, from_line, to_line) DO UPDATE SET n = n + excluded.n;
    DELETE FROM transfer_recompute WHERE call_id = NEW.call_id;
END;

CREATE TRIGGER transfers_event_insert AFTER INSERT ON call_events WHEN NEW.type = 'CallTransferred' AND NEW.call_id IS NOT NULL
BEGIN
    INSERT INTO transfer_recompute (call_id) SELECT NEW.call_id WHERE NEW.call_id IS NOT NULL;
END;

CREATE TRIGGER transfers_event_delete AFTER DELETE ON call_events WHEN OLD.type = 'CallTransferred' AND OLD.call_id IS NOT NULL
BEGIN
    INSERT INTO transfer_recompute (call_id) SELECT OLD.call_id WHERE OLD.call_id IS NOT NULL;
END;

CREATE TRIGGER transfers_event_update AFTER UPDATE OF at, type, call_id, payload ON call_events
WHEN OLD.type = 'CallTransferred' OR NEW.type = 'CallTransferred'
BEGIN
    INSERT INTO transfer_recompute (call_id) SELECT OLD.call_id WHERE OLD.call_id IS NOT NULL;
    INSERT INTO transfer_recompute (call_id) SELECT NEW.call_id WHERE NEW.call_id IS NOT NULL;
END;

CREATE TRIGGER transfers_call_insert AFTER INSERT ON calls
BEGIN
    INSERT INTO transfer_recompute (call_id) SELECT NEW.call_id WHERE NEW.call_id IS NOT NULL;
END;

CREATE TRIGGER transfers_call_update AFTER UPDATE OF tier, call_id ON calls
BEGIN
    INSERT INTO transfer_recompute (call_id) SELECT OLD.call_id WHERE OLD.call_id IS NOT NULL;
    INSERT INTO transfer_recompute (call_id) SELECT NEW.call_id WHERE NEW.call_id IS NOT NULL;
END;

CREATE TRIGGER transfers_call_delete AFTER DELETE ON calls
BEGIN
    INSERT INTO transfer_recompute (call_id) SELECT OLD.call_id WHERE OLD.call_id IS NOT NULL;
END;
