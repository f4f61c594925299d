-- The holds and held time of a callback call (issue 21, ADR 0153): an answered callback is a live call (ADR 0147) but
-- has no calls row, so its holds were kept only as CallResumed events. They are counted on its answered attempt, as
-- calls.holds / calls.held_ms (V82) count a queued caller's.
ALTER TABLE callback_attempts ADD COLUMN holds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE callback_attempts ADD COLUMN held_ms BIGINT NOT NULL DEFAULT 0;
-- the attempt is found by its callback and number (and the desk's list of attempts reads them by callback)
CREATE INDEX callback_attempts_callback ON callback_attempts (callback_id, attempt_no);
