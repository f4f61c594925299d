-- Issue 24 (report speed, ADR 0145): operator time by state and break reason rolled up per operator, state and reason,
-- per 15-minute quarter and per UTC day, kept by a trigger on call_events in the same transaction as the state events.
-- The same tables and rules as sqlite/V112__operator_time_rollups.sql, with PL/pgSQL.

CREATE INDEX call_events_operator_state ON call_events (operator_login, at, seq) WHERE type = 'OperatorStateChanged';

-- {state, break reason ('' unless BREAK)} of a state event's payload; an unreadable payload has no state.
CREATE FUNCTION operator_state_of(p_payload TEXT) RETURNS TEXT[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    j json;
BEGIN
    j := p_payload::json;
    RETURN ARRAY[j ->> 'state', CASE WHEN j ->> 'state' = 'BREAK' THEN coalesce(j ->> 'reason', '') ELSE '' END];
EXCEPTION WHEN others THEN
    RETURN ARRAY[NULL, ''];
END;
$$;

CREATE VIEW operator_state_spans AS
SELECT e.seq, e.operator_login, e.at AS from_at,
       (SELECT n.at FROM call_events n WHERE n.type = 'OperatorStateChanged' AND n.operator_login = e.operator_login
          AND (n.at, n.seq) > (e.at, e.seq) ORDER BY n.at, n.seq LIMIT 1) AS to_at,
       (operator_state_of(e.payload))[1] AS state, (operator_state_of(e.payload))[2] AS reason
FROM call_events e WHERE e.type = 'OperatorStateChanged' AND e.operator_login IS NOT NULL;

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
);

CREATE TABLE operator_open_states (
    operator_login VARCHAR(64) PRIMARY KEY,
    seq            BIGINT      NOT NULL
);

-- the spans of every state event of the operators (all when NULL), split into quarters and days
CREATE FUNCTION operator_time_fill(p_op VARCHAR) RETURNS void LANGUAGE sql AS $$
    INSERT INTO operator_time_rollups
    SELECT g.size, k.n, s.operator_login, s.state, s.reason,
           sum(LEAST(s.to_at, (k.n + 1) * g.size) - GREATEST(s.from_at, k.n * g.size))
    FROM operator_state_spans s CROSS JOIN operator_time_grains g
         CROSS JOIN LATERAL generate_series(s.from_at / g.size, (s.to_at - 1) / g.size) AS k(n)
    WHERE (p_op IS NULL OR s.operator_login = p_op)
      AND s.to_at > s.from_at AND s.state IS NOT NULL AND s.state <> 'OFFLINE'
    GROUP BY g.size, k.n, s.operator_login, s.state, s.reason;
    INSERT INTO operator_open_states (operator_login, seq)
    SELECT s.operator_login, s.seq FROM operator_state_spans s WHERE (p_op IS NULL OR s.operator_login = p_op)
      AND s.to_at IS NULL;
$$;

SELECT operator_time_fill(NULL);

-- adds (p_sign 1) or takes away (-1) the time of one span [p_from, p_to) in state p_state to its quarters and days
CREATE FUNCTION operator_time_add(p_op VARCHAR, p_from BIGINT, p_to BIGINT, p_state TEXT, p_reason TEXT, p_sign INT)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO operator_time_rollups
    SELECT g.size, k.n, p_op, p_state, p_reason,
           p_sign * (LEAST(p_to, (k.n + 1) * g.size) - GREATEST(p_from, k.n * g.size))
    FROM operator_time_grains g CROSS JOIN LATERAL generate_series(p_from / g.size, (p_to - 1) / g.size) AS k(n)
    WHERE p_to > p_from AND p_state IS NOT NULL AND p_state <> 'OFFLINE'
    ON CONFLICT (size, bucket, operator_login, state, reason)
        DO UPDATE SET ms = operator_time_rollups.ms + excluded.ms;
    DELETE FROM operator_time_rollups WHERE size = 900000 AND bucket BETWEEN p_from / 900000 AND p_to / 900000
      AND operator_login = p_op AND ms = 0;
    DELETE FROM operator_time_rollups WHERE size = 86400000 AND bucket BETWEEN p_from / 86400000 AND p_to / 86400000
      AND operator_login = p_op AND ms = 0;
$$;

-- A new state event closes the operator's previous span (P) at its time; written before a later one (N), the time
-- from it to N was P's and is now its own. A removed one gives its span back to P (or P is open again). A rewritten
-- one (only a migration does) rebuilds the operators' rollups.
CREATE FUNCTION operator_time_after() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ev call_events;
    p_seq BIGINT;
    p_at BIGINT;
    p_payload TEXT;
    nx BIGINT;
    s TEXT[];
    ps TEXT[];
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.type = 'OperatorStateChanged' OR NEW.type = 'OperatorStateChanged' THEN
            DELETE FROM operator_time_rollups WHERE operator_login IN (OLD.operator_login, NEW.operator_login);
            DELETE FROM operator_open_states WHERE operator_login IN (OLD.operator_login, NEW.operator_login);
            PERFORM operator_time_fill(OLD.operator_login);
            IF NEW.operator_login IS DISTINCT FROM OLD.operator_login THEN
                PERFORM operator_time_fill(NEW.operator_login);
            END IF;
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN ev := NEW; ELSE ev := OLD; END IF;
    IF ev.type <> 'OperatorStateChanged' OR ev.operator_login IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT e.seq, e.at, e.payload INTO p_seq, p_at, p_payload FROM call_events e
    WHERE e.type = 'OperatorStateChanged' AND e.operator_login = ev.operator_login AND (e.at, e.seq) < (ev.at, ev.seq)
    ORDER BY e.at DESC, e.seq DESC LIMIT 1;
    SELECT n.at INTO nx FROM call_events n
    WHERE n.type = 'OperatorStateChanged' AND n.operator_login = ev.operator_login AND (n.at, n.seq) > (ev.at, ev.seq)
    ORDER BY n.at, n.seq LIMIT 1;
    s := operator_state_of(ev.payload);
    IF p_seq IS NOT NULL THEN
        ps := operator_state_of(p_payload);
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF nx IS NOT NULL THEN
            IF p_seq IS NOT NULL THEN
                PERFORM operator_time_add(ev.operator_login, ev.at, nx, ps[1], ps[2], -1);
            END IF;
            PERFORM operator_time_add(ev.operator_login, ev.at, nx, s[1], s[2], 1);
        ELSE
            IF p_seq IS NOT NULL THEN
                PERFORM operator_time_add(ev.operator_login, p_at, ev.at, ps[1], ps[2], 1);
            END IF;
            INSERT INTO operator_open_states (operator_login, seq) VALUES (ev.operator_login, ev.seq)
            ON CONFLICT (operator_login) DO UPDATE SET seq = excluded.seq;
        END IF;
    ELSE
        IF nx IS NOT NULL THEN
            PERFORM operator_time_add(ev.operator_login, ev.at, nx, s[1], s[2], -1);
            IF p_seq IS NOT NULL THEN
                PERFORM operator_time_add(ev.operator_login, ev.at, nx, ps[1], ps[2], 1);
            END IF;
        ELSE
            DELETE FROM operator_open_states WHERE operator_login = ev.operator_login;
            IF p_seq IS NOT NULL THEN
                PERFORM operator_time_add(ev.operator_login, p_at, ev.at, ps[1], ps[2], -1);
                INSERT INTO operator_open_states (operator_login, seq) VALUES (ev.operator_login, p_seq);
            END IF;
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER operator_time_insert AFTER INSERT ON call_events
    FOR EACH ROW WHEN (NEW.type = 'OperatorStateChanged') EXECUTE FUNCTION operator_time_after();
CREATE TRIGGER operator_time_delete AFTER DELETE ON call_events
    FOR EACH ROW WHEN (OLD.type = 'OperatorStateChanged') EXECUTE FUNCTION operator_time_after();
CREATE TRIGGER operator_time_update AFTER UPDATE OF at, type, operator_login, payload ON call_events
    FOR EACH ROW WHEN (OLD.type = 'OperatorStateChanged' OR NEW.type = 'OperatorStateChanged')
    EXECUTE FUNCTION operator_time_after();
