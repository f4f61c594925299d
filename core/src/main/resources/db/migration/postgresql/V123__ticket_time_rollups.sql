-- Issue 24 (ADR 0150): ticket times per line from per-quarter rollups; the same tables and rules as
-- sqlite/V123__ticket_time_rollups.sql, with PL/pgSQL triggers.
CREATE TABLE ticket_time_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    targets VARCHAR(100) NOT NULL,
    built   INTEGER NOT NULL
);
INSERT INTO ticket_time_state (id, targets, built) VALUES (1, '', 0);

CREATE TABLE ticket_time_rollups (
    quarter            BIGINT     NOT NULL,
    tier               VARCHAR(8) NOT NULL,
    reached            BIGINT     NOT NULL,
    answered           BIGINT     NOT NULL,
    in_target          BIGINT     NOT NULL,
    past_target        BIGINT     NOT NULL,
    answer_sum         BIGINT     NOT NULL,
    longest            BIGINT     NOT NULL,
    resolved           BIGINT     NOT NULL,
    resolved_in_target BIGINT     NOT NULL,
    resolve_sum        BIGINT     NOT NULL,
    PRIMARY KEY (quarter, tier)
);

CREATE TABLE ticket_time_waiting (
    ticket_id VARCHAR(32) NOT NULL PRIMARY KEY,
    quarter   BIGINT      NOT NULL,
    tier      VARCHAR(8)  NOT NULL,
    since     BIGINT      NOT NULL
);
CREATE INDEX ticket_time_waiting_quarter ON ticket_time_waiting (quarter);
-- a marked quarter's tickets (and the raw path's period) by their opening
CREATE INDEX tickets_opened ON tickets (opened_at);

CREATE TABLE ticket_time_stale (quarter BIGINT PRIMARY KEY);

CREATE FUNCTION ticket_time_mark_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO ticket_time_stale (quarter) VALUES (OLD.opened_at / 900000) ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO ticket_time_stale (quarter) VALUES (NEW.opened_at / 900000) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ticket_time_tickets AFTER INSERT OR UPDATE OR DELETE ON tickets
    FOR EACH ROW EXECUTE FUNCTION ticket_time_mark_ticket();

CREATE FUNCTION ticket_time_mark_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO ticket_time_stale (quarter) SELECT t.opened_at / 900000 FROM tickets t WHERE t.id = OLD.ticket_id
        ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO ticket_time_stale (quarter) SELECT t.opened_at / 900000 FROM tickets t WHERE t.id = NEW.ticket_id
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ticket_time_notes AFTER INSERT OR UPDATE OR DELETE ON ticket_notes
    FOR EACH ROW EXECUTE FUNCTION ticket_time_mark_note();

CREATE FUNCTION ticket_time_operators() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ticket_time_state SET built = 0 WHERE id = 1 AND built <> 0;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ticket_time_operators AFTER INSERT OR UPDATE OF login OR DELETE ON operators
    FOR EACH ROW EXECUTE FUNCTION ticket_time_operators();
