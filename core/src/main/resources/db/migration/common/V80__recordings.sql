-- Call recordings (issue 21): one row per recorded conversation, linked to the call (and through calls.ticket_id to
-- its ticket). Written when the recording starts, completed (ended_at, size) when it ends; deleted with its file
-- after recording.retention.
CREATE TABLE recordings (
    id             ${id},
    call_id        VARCHAR(100) NOT NULL,
    operator_login VARCHAR(64)  NOT NULL,
    backend        VARCHAR(16)  NOT NULL,
    path           VARCHAR(1000) NOT NULL,
    started_at     BIGINT       NOT NULL,
    ended_at       BIGINT,
    size_bytes     BIGINT
);
CREATE INDEX recordings_call ON recordings (call_id);
CREATE INDEX recordings_started ON recordings (started_at);
