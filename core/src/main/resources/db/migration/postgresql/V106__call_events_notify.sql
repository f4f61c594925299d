-- Issue 23, warm standby (ADR 0140): every statement that inserts into call_events notifies the channel
-- frontline_call_events with the highest position it wrote. PostgreSQL delivers a notification only when its
-- transaction commits, so a standby that LISTENs never hears of an uncommitted event; a rolled-back append (a fenced
-- old leader) notifies nobody. One notification per statement (a group commit's batch, a bulk load), not per row.
-- SQLite has one server per file (ADR 0111) and no standby: nothing to migrate there.
CREATE FUNCTION frontline_call_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last BIGINT;
BEGIN
    SELECT max(seq) INTO last FROM appended;
    IF last IS NOT NULL THEN
        PERFORM pg_notify('frontline_call_events', last::text);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER call_events_notify AFTER INSERT ON call_events
    REFERENCING NEW TABLE AS appended
    FOR EACH STATEMENT EXECUTE FUNCTION frontline_call_events_notify();
