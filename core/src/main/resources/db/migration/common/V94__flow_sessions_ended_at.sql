-- When a call's voice-menu session ended (NULL while the call is live), so finished sessions can be deleted after
-- store.flow-session-retention (issue 20 item 10). Sessions finished before this migration keep NULL and are deleted
-- once untouched for 7 days, as any session whose end never reached the store.
ALTER TABLE flow_sessions ADD COLUMN ended_at BIGINT;
CREATE INDEX flow_sessions_ended ON flow_sessions (ended_at);
CREATE INDEX flow_sessions_updated ON flow_sessions (updated_at);
