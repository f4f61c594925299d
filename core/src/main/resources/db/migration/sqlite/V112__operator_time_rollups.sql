-- Issue 24 (report speed, ADR 0145): operator time by state and break reason rolled up per operator, state and reason,
-- per 15-minute quarter and per UTC day, kept by triggers on call_events in the same transaction as the state events.
-- A state lasts from its OperatorStateChanged event to the operator's next one (by at, then seq); the span is split
-- across the quarters (and days) it covers. Only closed spans are rolled up: each operator's latest event (the open
-- span, counted until "now" by the report) is in operator_open_states. OFFLINE is not reported, so not rolled up.
-- CallReports.fromRawTables() keeps the raw path; postgresql/V112 is the same with PL/pgSQL.

-- the previous / next state event of an operator, and the open one
CREATE INDEX call_events_operator_state ON call_events (operator_login, at, seq) WHERE type = 'OperatorStateChanged';

-- Each state event with its state, break reason ('' unless BREAK) and the time of the operator's next state event
-- (NULL while it is the latest). An unreadable payload has no state (the raw report skips it too).
CREATE VIEW operator_state_spans AS
SELECT e.seq, e.operator_login, e.at AS from_at,
       (SELECT n.at FROM call_events n WHERE n.type = 'OperatorStateChanged' AND n.operator_login = e.operator_login
          AND (n.at, n.seq) > (e.at, e.seq) ORDER BY n.at, n.seq LIMIT 1) AS to_at,
       CASE WHEN json_valid(e.payload) THEN json_extract(e.payload, '$.state') END AS state,
       CASE WHEN json_valid(e.payload) AND json_extract(e.payload, '$.state') = 'BREAK'
            THEN coalesce(json_extract(e.payload, '$.reason'), '') ELSE '' END AS reason
FROM call_events e WHERE e.type = 'OperatorStateChanged' AND e.operator_login IS NOT NULL;

-- size: 900000 (a quarter hour, bucket = at / 900000) or 86400000 (a UTC day): a year's report reads the days inside
-- the period and the quarters of its partial first and last UTC day. ms: milliseconds of the state in the bucket.
CREATE TABLE operator_time_grains (size BIGINT PRIMARY KEY);
INSERT INTO operator_time_grains (size) VALUES (900000), (86400000);

CREATE TABLE operator_time_rollups (
    size           BIGINT       NOT NULL,
    bucket         BIGINT       NOT NULL,
    operator_login VARCHAR(64)  NOT NULL,
    state          VARCHAR(40)  NOT NULL,
    reason         VARCHAR(100) NOT NULL,
    ms             BIGINT       NOT NULL,
    PRIMARY KEY (size, bucket, operator_login, state, reason)
) WITHOUT ROWID;

-- each operator's latest state event (its span is open: the report counts it until now from the raw row)
CREATE TABLE operator_open_states (
    operator_login VARCHAR(64) PRIMARY KEY,
    seq            BIGINT      NOT NULL
);

INSERT INTO operator_time_rollups
WITH RECURSIVE piece(size, n, a, b, op, st, rs) AS (
    SELECT g.size, s.from_at / g.size, s.from_at, s.to_at, s.operator_login, s.state, s.reason
    FROM operator_state_spans s, operator_time_grains g
    WHERE s.to_at > s.from_at AND s.state IS NOT NULL AND s.state <> 'OFFLINE'
    UNION ALL
    SELECT size, n + 1, a, b, op, st, rs FROM piece WHERE (n + 1) * size < b)
SELECT size, n, op, st, rs, sum(min(b, (n + 1) * size) - max(a, n * size)) FROM piece WHERE true
GROUP BY size, n, op, st, rs;

INSERT INTO operator_open_states (operator_login, seq)
SELECT s.operator_login, s.seq FROM operator_state_spans s WHERE s.to_at IS NULL;

-- A new state event: it closes the operator's previous span (P) at its time; when it was written after a later one
-- (N), the time from it to N was P's and is now its own.
CREATE TRIGGER operator_time_insert AFTER INSERT ON call_events
WHEN NEW.type = 'OperatorStateChanged' AND NEW.operator_login IS NOT NULL
BEGIN
    INSERT INTO operator_time_rollups
    WITH RECURSIVE
    p(at, st, rs) AS (SELECT from_at, state, reason FROM operator_state_spans WHERE operator_login = NEW.operator_login
                      AND (from_at, seq) < (NEW.at, NEW.seq) ORDER BY from_at DESC, seq DESC LIMIT 1),
    e(st, rs) AS (SELECT state, reason FROM operator_state_spans WHERE seq = NEW.seq),
    nx(at) AS (SELECT n.at FROM call_events n WHERE n.type = 'OperatorStateChanged'
               AND n.operator_login = NEW.operator_login AND (n.at, n.seq) > (NEW.at, NEW.seq)
               ORDER BY n.at, n.seq LIMIT 1),
    span(a, b, st, rs, sign) AS (
        SELECT NEW.at, nx.at, p.st, p.rs, -1 FROM nx, p
        UNION ALL SELECT NEW.at, nx.at, e.st, e.rs, 1 FROM nx, e
        UNION ALL SELECT p.at, NEW.at, p.st, p.rs, 1 FROM p WHERE NOT EXISTS (SELECT 1 FROM nx)),
    piece(size, n, a, b, st, rs, sign) AS (
        SELECT g.size, s.a / g.size, s.a, s.b, s.st, s.rs, s.sign FROM span s, operator_time_grains g
        WHERE s.b > s.a AND s.st IS NOT NULL AND s.st <> 'OFFLINE'
        UNION ALL
        SELECT size, n + 1, a, b, st, rs, sign FROM piece WHERE (n + 1) * size < b)
    SELECT size, n, NEW.operator_login, st, rs, sum(sign * (min(b, (n + 1) * size) - max(a, n * size)))
    FROM piece WHERE true GROUP BY size, n, st, rs
    ON CONFLICT (size, bucket, operator_login, state, reason) DO UPDATE SET ms = ms + excluded.ms;

    -- rollups left at 0 ms (the time moved from P's state to the new one): only between NEW and N
    DELETE FROM operator_time_rollups WHERE size = 900000 AND bucket >= NEW.at / 900000
      AND bucket <= (SELECT max(n.at) FROM call_events n WHERE n.type = 'OperatorStateChanged'
                     AND n.operator_login = NEW.operator_login) / 900000
      AND operator_login = NEW.operator_login AND ms = 0;
    DELETE FROM operator_time_rollups WHERE size = 86400000 AND bucket >= NEW.at / 86400000
      AND bucket <= (SELECT max(n.at) FROM call_events n WHERE n.type = 'OperatorStateChanged'
                     AND n.operator_login = NEW.operator_login) / 86400000
      AND operator_login = NEW.operator_login AND ms = 0;

    INSERT INTO operator_open_states (operator_login, seq)
    SELECT NEW.operator_login, NEW.seq WHERE NOT EXISTS (SELECT 1 FROM call_events n
        WHERE n.type = 'OperatorStateChanged' AND n.operator_login = NEW.operator_login
          AND (n.at, n.seq) > (NEW.at, NEW.seq))
    ON CONFLICT (operator_login) DO UPDATE SET seq = excluded.seq;
END;

-- A state event removed (no code does; a repair by hand): its span goes back to the previous state (P), or P's span
-- is open again when it was the latest.
CREATE TRIGGER operator_time_delete AFTER DELETE ON call_events
WHEN OLD.type = 'OperatorStateChanged' AND OLD.operator_login IS NOT NULL
BEGIN
    INSERT INTO operator_time_rollups
    WITH RECURSIVE
    p(seq, at, st, rs) AS (SELECT seq, from_at, state, reason FROM operator_state_spans
                           WHERE operator_login = OLD.operator_login AND (from_at, seq) < (OLD.at, OLD.seq)
                           ORDER BY from_at DESC, seq DESC LIMIT 1),
    o(st, rs) AS (SELECT CASE WHEN json_valid(OLD.payload) THEN json_extract(OLD.payload, '$.state') END,
                         CASE WHEN json_valid(OLD.payload) AND json_extract(OLD.payload, '$.state') = 'BREAK'
                              THEN coalesce(json_extract(OLD.payload, '$.reason'), '') ELSE '' END),
    nx(at) AS (SELECT n.at FROM call_events n WHERE n.type = 'OperatorStateChanged'
               AND n.operator_login = OLD.operator_login AND (n.at, n.seq) > (OLD.at, OLD.seq)
               ORDER BY n.at, n.seq LIMIT 1),
    span(a, b, st, rs, sign) AS (
        SELECT OLD.at, nx.at, o.st, o.rs, -1 FROM nx, o
        UNION ALL SELECT OLD.at, nx.at, p.st, p.rs, 1 FROM nx, p
        UNION ALL SELECT p.at, OLD.at, p.st, p.rs, -1 FROM p WHERE NOT EXISTS (SELECT 1 FROM nx)),
    piece(size, n, a, b, st, rs, sign) AS (
        SELECT g.size, s.a / g.size, s.a, s.b, s.st, s.rs, s.sign FROM span s, operator_time_grains g
        WHERE s.b > s.a AND s.st IS NOT NULL AND s.st <> 'OFFLINE'
        UNION ALL
        SELECT size, n + 1, a, b, st, rs, sign FROM piece WHERE (n + 1) * size < b)
    SELECT size, n, OLD.operator_login, st, rs, sum(sign * (min(b, (n + 1) * size) - max(a, n * size)))
    FROM piece WHERE true GROUP BY size, n, st, rs
    ON CONFLICT (size, bucket, operator_login, state, reason) DO UPDATE SET ms = ms + excluded.ms;

    DELETE FROM operator_time_rollups WHERE ms = 0 AND operator_login = OLD.operator_login;

    DELETE FROM operator_open_states WHERE operator_login = OLD.operator_login AND seq = OLD.seq;
    INSERT INTO operator_open_states (operator_login, seq)
    SELECT operator_login, seq FROM operator_state_spans WHERE operator_login = OLD.operator_login AND to_at IS NULL
    ON CONFLICT (operator_login) DO UPDATE SET seq = excluded.seq;
END;

-- A state event rewritten (only a migration does, as V74 did for break reasons): the operators' rollups are rebuilt.
CREATE TRIGGER operator_time_update AFTER UPDATE OF at, type, operator_login, payload ON call_events
WHEN OLD.type = 'OperatorStateChanged' OR NEW.type = 'OperatorStateChanged'
BEGIN
    DELETE FROM operator_time_rollups WHERE operator_login IN (OLD.operator_login, NEW.operator_login);
    DELETE FROM operator_open_states WHERE operator_login IN (OLD.operator_login, NEW.operator_login);
    INSERT INTO operator_time_rollups
    WITH RECURSIVE piece(size, n, a, b, op, st, rs) AS (
        SELECT g.size, s.from_at / g.size, s.from_at, s.to_at, s.operator_login, s.state, s.reason
        FROM operator_state_spans s, operator_time_grains g
        WHERE s.operator_login IN (OLD.operator_login, NEW.operator_login)
          AND s.to_at > s.from_at AND s.state IS NOT NULL AND s.state <> 'OFFLINE'
        UNION ALL
        SELECT size, n + 1, a, b, op, st, rs FROM piece WHERE (n + 1) * size < b)
    SELECT size, n, op, st, rs, sum(min(b, (n + 1) * size) - max(a, n * size)) FROM piece WHERE true
    GROUP BY size, n, op, st, rs;
    INSERT INTO operator_open_states (operator_login, seq)
    SELECT operator_login, seq FROM operator_state_spans
    WHERE operator_login IN (OLD.operator_login, NEW.operator_login) AND to_at IS NULL;
END;
