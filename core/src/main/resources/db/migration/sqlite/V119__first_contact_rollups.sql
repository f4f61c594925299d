-- Issue 24 (report speed, ADR 0145 amended): first-contact resolution per quarter hour. first_contact_rollups holds,
-- per quarter (started_at / 900000) of every quarter up to first_contact_state.covered_q, the answered calls and those
-- contacted again within window_ms (a later queued call of the customer or, unidentified, of the number; a "reopened"
-- state note on the call's ticket) - computed by CallReports from the raw definition (FirstContactResolution), never
-- by hand. A write that can change a covered quarter's figures marks the quarter of the change in first_contact_stale;
-- the next report recomputes the quarters [q - window, q] of each mark (a change at time t concerns only calls started
-- in [t - window, t]) before it reads. Writes of calls that started after the last covered quarter's window (the live
-- desk) mark nothing: the report extends the covered quarters, once judged (started + window <= now), from the raw rows.
-- A different window rebuilds the rollups once, as a different on-line target rebuilds call_rollups (ADR 0142).

CREATE TABLE first_contact_state (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    window_ms BIGINT NOT NULL,
    covered_q BIGINT NOT NULL
);
-- nothing covered yet: the first report computes every judged quarter once
INSERT INTO first_contact_state (id, window_ms, covered_q) VALUES (1, 604800000, -1);

CREATE TABLE first_contact_rollups (
    quarter  BIGINT PRIMARY KEY,
    answered BIGINT NOT NULL,
    again    BIGINT NOT NULL
) WITHOUT ROWID;

CREATE TABLE first_contact_stale (quarter BIGINT PRIMARY KEY) WITHOUT ROWID;

-- a call as a contact (queued) or as a judged call (answered): its start, before and after a change
CREATE TRIGGER first_contact_calls_insert AFTER INSERT ON calls
WHEN NEW.queued_at IS NOT NULL OR NEW.answered_at IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO first_contact_stale (quarter) SELECT NEW.started_at / 900000 FROM first_contact_state fs
    WHERE fs.id = 1 AND NEW.started_at / 900000 - fs.window_ms / 900000 <= fs.covered_q;
END;

CREATE TRIGGER first_contact_calls_update AFTER UPDATE ON calls
WHEN (OLD.started_at IS NOT NEW.started_at OR OLD.queued_at IS NOT NEW.queued_at
      OR OLD.answered_at IS NOT NEW.answered_at OR OLD.customer_id IS NOT NEW.customer_id
      OR OLD.calling_number IS NOT NEW.calling_number OR OLD.ticket_id IS NOT NEW.ticket_id)
  AND (OLD.queued_at IS NOT NULL OR OLD.answered_at IS NOT NULL OR NEW.queued_at IS NOT NULL
       OR NEW.answered_at IS NOT NULL)
BEGIN
    INSERT OR IGNORE INTO first_contact_stale (quarter) SELECT OLD.started_at / 900000 FROM first_contact_state fs
    WHERE fs.id = 1 AND OLD.started_at / 900000 - fs.window_ms / 900000 <= fs.covered_q;
    INSERT OR IGNORE INTO first_contact_stale (quarter) SELECT NEW.started_at / 900000 FROM first_contact_state fs
    WHERE fs.id = 1 AND NEW.started_at / 900000 - fs.window_ms / 900000 <= fs.covered_q;
END;

CREATE TRIGGER first_contact_calls_delete AFTER DELETE ON calls
WHEN OLD.queued_at IS NOT NULL OR OLD.answered_at IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO first_contact_stale (quarter) SELECT OLD.started_at / 900000 FROM first_contact_state fs
    WHERE fs.id = 1 AND OLD.started_at / 900000 - fs.window_ms / 900000 <= fs.covered_q;
END;

-- a "reopened" state note (added, rewritten or blanked by retention, deleted)
CREATE TRIGGER first_contact_notes_insert AFTER INSERT ON ticket_notes
WHEN NEW.kind = 'state' AND NEW.text LIKE 'reopened%'
BEGIN
    INSERT OR IGNORE INTO first_contact_stale (quarter) SELECT NEW.at / 900000 FROM first_contact_state fs
    WHERE fs.id = 1 AND NEW.at / 900000 - fs.window_ms / 900000 <= fs.covered_q;
END;

CREATE TRIGGER first_contact_notes_update AFTER UPDATE ON ticket_notes
WHEN (OLD.kind = 'state' AND OLD.text LIKE 'reopened%') OR (NEW.kind = 'state' AND NEW.text LIKE 'reopened%')
BEGIN
    INSERT OR IGNORE INTO first_contact_stale (quarter) SELECT OLD.at / 900000 FROM first_contact_state fs
    WHERE fs.id = 1 AND OLD.at / 900000 - fs.window_ms / 900000 <= fs.covered_q;
    INSERT OR IGNORE INTO first_contact_stale (quarter) SELECT NEW.at / 900000 FROM first_contact_state fs
    WHERE fs.id = 1 AND NEW.at / 900000 - fs.window_ms / 900000 <= fs.covered_q;
END;

CREATE TRIGGER first_contact_notes_delete AFTER DELETE ON ticket_notes
WHEN OLD.kind = 'state' AND OLD.text LIKE 'reopened%'
BEGIN
    INSERT OR IGNORE INTO first_contact_stale (quarter) SELECT OLD.at / 900000 FROM first_contact_state fs
    WHERE fs.id = 1 AND OLD.at / 900000 - fs.window_ms / 900000 <= fs.covered_q;
END;

-- a ticket opened on a call (its reopen notes count against that call): the call's own quarter
CREATE TRIGGER first_contact_tickets_insert AFTER INSERT ON tickets
WHEN NEW.call_id IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO first_contact_stale (quarter) SELECT k.started_at / 900000 FROM calls k, first_contact_state fs
    WHERE k.call_id = NEW.call_id AND fs.id = 1 AND k.started_at / 900000 - fs.window_ms / 900000 <= fs.covered_q;
END;

CREATE TRIGGER first_contact_tickets_update AFTER UPDATE OF call_id ON tickets
WHEN OLD.call_id IS NOT NEW.call_id
BEGIN
    INSERT OR IGNORE INTO first_contact_stale (quarter) SELECT k.started_at / 900000 FROM calls k, first_contact_state fs
    WHERE k.call_id = OLD.call_id AND fs.id = 1 AND k.started_at / 900000 - fs.window_ms / 900000 <= fs.covered_q;
    INSERT OR IGNORE INTO first_contact_stale (quarter) SELECT k.started_at / 900000 FROM calls k, first_contact_state fs
    WHERE k.call_id = NEW.call_id AND fs.id = 1 AND k.started_at / 900000 - fs.window_ms / 900000 <= fs.covered_q;
END;

CREATE TRIGGER first_contact_tickets_delete AFTER DELETE ON tickets
WHEN OLD.call_id IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO first_contact_stale (quarter) SELECT k.started_at / 900000 FROM calls k, first_contact_state fs
    WHERE k.call_id = OLD.call_id AND fs.id = 1 AND k.started_at / 900000 - fs.window_ms / 900000 <= fs.covered_q;
END;
