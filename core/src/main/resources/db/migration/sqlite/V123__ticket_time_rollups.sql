-- Issue 24 (ADR 0150): ticket times per line from per-quarter rollups. ticket_time_rollups holds, per quarter hour of
-- the tickets' opened_at and line, what TicketTimes counts of every line a ticket was on (reached, answered, within
-- target, resolved...), computed by TicketTimes itself, never by hand; what depends on "now" (a ticket still open and
-- not answered on its line: past its target or not yet) is ticket_time_waiting, one row per such ticket, counted by the
-- report. A write of a ticket or a note marks the ticket's opened quarter in ticket_time_stale and the next report
-- recomputes the marked quarters first. A change of operators (who counts as an answer) or of the line targets (kept
-- in ticket_time_state) rebuilds them all once (built = 0).
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
) WITHOUT ROWID;

CREATE TABLE ticket_time_waiting (
    ticket_id VARCHAR(32) NOT NULL PRIMARY KEY,
    quarter   BIGINT      NOT NULL,
    tier      VARCHAR(8)  NOT NULL,
    since     BIGINT      NOT NULL
);
CREATE INDEX ticket_time_waiting_quarter ON ticket_time_waiting (quarter);
-- a marked quarter's tickets (and the raw path's period) by their opening
CREATE INDEX tickets_opened ON tickets (opened_at);

CREATE TABLE ticket_time_stale (quarter BIGINT PRIMARY KEY) WITHOUT ROWID;

CREATE TRIGGER ticket_time_tickets_insert AFTER INSERT ON tickets
BEGIN
    INSERT OR IGNORE INTO ticket_time_stale (quarter) VALUES (NEW.opened_at / 900000);
END;

CREATE TRIGGER ticket_time_tickets_update AFTER UPDATE ON tickets
BEGIN
    INSERT OR IGNORE INTO ticket_time_stale (quarter) VALUES (OLD.opened_at / 900000);
    INSERT OR IGNORE INTO ticket_time_stale (quarter) VALUES (NEW.opened_at / 900000);
END;

CREATE TRIGGER ticket_time_tickets_delete AFTER DELETE ON tickets
BEGIN
    INSERT OR IGNORE INTO ticket_time_stale (quarter) VALUES (OLD.opened_at / 900000);
END;

CREATE TRIGGER ticket_time_notes_insert AFTER INSERT ON ticket_notes
BEGIN
    INSERT OR IGNORE INTO ticket_time_stale (quarter) SELECT t.opened_at / 900000 FROM tickets t WHERE t.id = NEW.ticket_id;
END;

CREATE TRIGGER ticket_time_notes_update AFTER UPDATE ON ticket_notes
BEGIN
    INSERT OR IGNORE INTO ticket_time_stale (quarter) SELECT t.opened_at / 900000 FROM tickets t WHERE t.id = OLD.ticket_id;
    INSERT OR IGNORE INTO ticket_time_stale (quarter) SELECT t.opened_at / 900000 FROM tickets t WHERE t.id = NEW.ticket_id;
END;

CREATE TRIGGER ticket_time_notes_delete AFTER DELETE ON ticket_notes
BEGIN
    INSERT OR IGNORE INTO ticket_time_stale (quarter) SELECT t.opened_at / 900000 FROM tickets t WHERE t.id = OLD.ticket_id;
END;

CREATE TRIGGER ticket_time_operators_insert AFTER INSERT ON operators
BEGIN
    UPDATE ticket_time_state SET built = 0 WHERE id = 1 AND built <> 0;
END;

CREATE TRIGGER ticket_time_operators_update AFTER UPDATE OF login ON operators
BEGIN
    UPDATE ticket_time_state SET built = 0 WHERE id = 1 AND built <> 0;
END;

CREATE TRIGGER ticket_time_operators_delete AFTER DELETE ON operators
BEGIN
    UPDATE ticket_time_state SET built = 0 WHERE id = 1 AND built <> 0;
END;
