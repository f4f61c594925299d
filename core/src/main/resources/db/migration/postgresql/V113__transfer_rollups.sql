-- Issue 24 (report speed, ADR 0145): transfers line 1 -> 2 -> 3 counted per quarter hour and (from line, to line),
-- kept by triggers in the same transaction as the CallTransferred events and the calls they read. The same tables and
-- rules as sqlite/V113__transfer_rollups.sql, the per-call recompute once, in PL/pgSQL.

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
);

-- the lower-case tier a CallTransferred payload names (NULL when none or unreadable)
CREATE FUNCTION transfer_tier_of(p_payload TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN lower(p_payload::json ->> 'tier');
EXCEPTION WHEN others THEN
    RETURN NULL;
END;
$$;

INSERT INTO transfer_steps (seq, call_id, quarter, from_line, to_line)
WITH RECURSIVE t(call_id, i, seq, at, tt) AS (
    SELECT e.call_id, row_number() OVER (PARTITION BY e.call_id ORDER BY e.seq), e.seq, e.at, transfer_tier_of(e.payload)
    FROM call_events e WHERE e.type = 'CallTransferred' AND e.call_id IS NOT NULL),
chain(call_id, i, seq, at, from_line, to_line) AS (
    SELECT t.call_id, t.i, t.seq, t.at, coalesce(k.tier, 'line1')::VARCHAR, coalesce(t.tt, k.tier, 'line1')::VARCHAR
    FROM t LEFT JOIN calls k ON k.call_id = t.call_id WHERE t.i = 1
    UNION ALL
    SELECT t.call_id, t.i, t.seq, t.at, c.to_line, coalesce(t.tt, c.to_line)::VARCHAR
    FROM chain c JOIN t ON t.call_id = c.call_id AND t.i = c.i + 1)
SELECT seq, call_id, at / 900000, from_line, to_line FROM chain;

INSERT INTO transfer_rollups (quarter, from_line, to_line, n)
SELECT quarter, from_line, to_line, count(*) FROM transfer_steps GROUP BY quarter, from_line, to_line;

-- takes the call's steps out of the counts, recomputes them from its transfers and its row, adds them back
CREATE FUNCTION transfer_recompute(p_call VARCHAR) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_call IS NULL THEN
        RETURN;
    END IF;
    UPDATE transfer_rollups r SET n = r.n - s.n
    FROM (SELECT quarter, from_line, to_line, count(*) AS n FROM transfer_steps WHERE call_id = p_call
          GROUP BY quarter, from_line, to_line) s
    WHERE r.quarter = s.quarter AND r.from_line = s.from_line AND r.to_line = s.to_line;
    DELETE FROM transfer_rollups r USING transfer_steps s
    WHERE s.call_id = p_call AND r.quarter = s.quarter AND r.from_line = s.from_line AND r.to_line = s.to_line
      AND r.n <= 0;
    DELETE FROM transfer_steps WHERE call_id = p_call;
    INSERT INTO transfer_steps (seq, call_id, quarter, from_line, to_line)
    WITH RECURSIVE t(i, seq, at, tt) AS (
        SELECT row_number() OVER (ORDER BY e.seq), e.seq, e.at, transfer_tier_of(e.payload)
        FROM call_events e WHERE e.call_id = p_call AND e.type = 'CallTransferred'),
    chain(i, seq, at, from_line, to_line) AS (
        SELECT t.i, t.seq, t.at, f.line, coalesce(t.tt, f.line)::VARCHAR
        FROM t, (SELECT coalesce((SELECT k.tier FROM calls k WHERE k.call_id = p_call), 'line1')::VARCHAR AS line) f
        WHERE t.i = 1
        UNION ALL
        SELECT t.i, t.seq, t.at, c.to_line, coalesce(t.tt, c.to_line)::VARCHAR FROM chain c JOIN t ON t.i = c.i + 1)
    SELECT seq, p_call, at / 900000, from_line, to_line FROM chain;
    INSERT INTO transfer_rollups (quarter, from_line, to_line, n)
    SELECT quarter, from_line, to_line, count(*) FROM transfer_steps WHERE call_id = p_call
    GROUP BY quarter, from_line, to_line
    ON CONFLICT (quarter, from_line, to_line) DO UPDATE SET n = transfer_rollups.n + excluded.n;
END;
$$;

CREATE FUNCTION transfers_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM transfer_recompute(OLD.call_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.call_id IS DISTINCT FROM OLD.call_id) THEN
        PERFORM transfer_recompute(NEW.call_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER transfers_event_insert AFTER INSERT ON call_events
    FOR EACH ROW WHEN (NEW.type = 'CallTransferred') EXECUTE FUNCTION transfers_after();
CREATE TRIGGER transfers_event_delete AFTER DELETE ON call_events
    FOR EACH ROW WHEN (OLD.type = 'CallTransferred') EXECUTE FUNCTION transfers_after();
CREATE TRIGGER transfers_event_update AFTER UPDATE OF at, type, call_id, payload ON call_events
    FOR EACH ROW WHEN (OLD.type = 'CallTransferred' OR NEW.type = 'CallTransferred') EXECUTE FUNCTION transfers_after();
CREATE TRIGGER transfers_call_insert AFTER INSERT ON calls
    FOR EACH ROW EXECUTE FUNCTION transfers_after();
CREATE TRIGGER transfers_call_update AFTER UPDATE OF tier, call_id ON calls
    FOR EACH ROW EXECUTE FUNCTION transfers_after();
CREATE TRIGGER transfers_call_delete AFTER DELETE ON calls
    FOR EACH ROW EXECUTE FUNCTION transfers_after();
