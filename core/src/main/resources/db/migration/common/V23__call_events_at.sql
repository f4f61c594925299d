-- the wallboard's chart of the day reads the events since midnight (JdbcAcdEventLog.since)
CREATE INDEX call_events_at ON call_events (at);
