-- Reports (issue 24) read transfers and operator states of a period by event type; abandoned callers are checked
-- against later calls and callbacks to the same number.
CREATE INDEX call_events_type_at ON call_events (type, at);
CREATE INDEX calls_calling_number ON calls (calling_number, started_at);
CREATE INDEX callbacks_number ON callbacks (number, created_at);
CREATE INDEX ratings_at ON ratings (at);
CREATE INDEX callbacks_created ON callbacks (created_at);
