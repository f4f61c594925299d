-- Issue 24 (report speed, ADR 0145 amended): first-contact resolution per quarter hour. The same tables and rules as
-- sqlite/V119__first_contact_rollups.sql, the marking in PL/pgSQL. A writer reads first_contact_state FOR KEY SHARE
-- (writers do not block each other); CallReports locks that row FOR UPDATE while it recomputes and extends the
-- rollups, so no write can read the old covered quarter and commit after the report read the rows it changed.

CREATE TABLE first_contact_state (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    window_ms BIGINT NOT NULL,
    covered_q BIGINT NOT NULL
);
INSERT INTO first_contact_state (id, window_ms, covered_q) VALUES (1, 604800000, -1);

CREATE TABLE first_contact_rollups (
    quarter  BIGINT PRIMARY KEY,
    answered BIGINT NOT NULL,
    again    BIGINT NOT NULL
);

CREATE TABLE first_contact_stale (quarter BIGINT PRIMARY KEY);

-- marks the quarter of a change at p_at when it can concern a covered quarter
CREATE FUNCTION first_contact_mark(p_at BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    w BIGINT;
    cov BIGINT;
BEGIN
    IF p_at IS NULL THEN
        RETURN;
    END IF;
    SELECT window_ms, covered_q INTO w, cov FROM first_contact_state WHERE id = 1 FOR KEY SHARE;
    IF p_at / 900000 - w / 900000 <= cov THEN
        INSERT INTO first_contact_stale (quarter) VALUES (p_at / 900000) ON CONFLICT DO NOTHING;
    END IF;
END;
$$;

CREATE FUNCTION first_contact_calls() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.queued_at IS NOT NULL OR NEW.answered_at IS NOT NULL THEN
            PERFORM first_contact_mark(NEW.started_at);
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.queued_at IS NOT NULL OR OLD.answered_at IS NOT NULL THEN
            PERFORM first_contact_mark(OLD.started_at);
        END IF;
    ELSIF (OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.queued_at IS DISTINCT FROM NEW.queued_at
           OR OLD.answered_at IS DISTINCT FROM NEW.answered_at OR OLD.customer_id IS DISTINCT FROM NEW.customer_id
           OR OLD.calling_number IS DISTINCT FROM NEW.calling_number OR OLD.ticket_id IS DISTINCT FROM NEW.ticket_id)
          AND (OLD.queued_at IS NOT NULL OR OLD.answered_at IS NOT NULL OR NEW.queued_at IS NOT NULL
               OR NEW.answered_at IS NOT NULL) THEN
        PERFORM first_contact_mark(OLD.started_at);
        PERFORM first_contact_mark(NEW.started_at);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER first_contact_calls AFTER INSERT OR UPDATE OR DELETE ON calls
    FOR EACH ROW EXECUTE FUNCTION first_contact_calls();

CREATE FUNCTION first_contact_notes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.kind = 'state' AND OLD.text LIKE 'reopened%' THEN
        PERFORM first_contact_mark(OLD.at);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.kind = 'state' AND NEW.text LIKE 'reopened%' THEN
        PERFORM first_contact_mark(NEW.at);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER first_contact_notes AFTER INSERT OR UPDATE OR DELETE ON ticket_notes
    FOR EACH ROW EXECUTE FUNCTION first_contact_notes();

CREATE FUNCTION first_contact_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.call_id IS NOT NULL
            AND (TG_OP = 'DELETE' OR OLD.call_id IS DISTINCT FROM NEW.call_id) THEN
        PERFORM first_contact_mark((SELECT started_at FROM calls WHERE call_id = OLD.call_id));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.call_id IS NOT NULL
            AND (TG_OP = 'INSERT' OR OLD.call_id IS DISTINCT FROM NEW.call_id) THEN
        PERFORM first_contact_mark((SELECT started_at FROM calls WHERE call_id = NEW.call_id));
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER first_contact_tickets AFTER INSERT OR UPDATE OR DELETE ON tickets
    FOR EACH ROW EXECUTE FUNCTION first_contact_tickets();
