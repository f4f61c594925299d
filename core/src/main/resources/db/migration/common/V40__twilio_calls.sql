-- Twilio backend: what each live call (by CallSid) is doing, so webhooks can be checked against it and a restart
-- between two webhooks continues the call. state: ivr, queued, ringing, talking, ended.
CREATE TABLE twilio_calls (
    call_sid       VARCHAR(64)  PRIMARY KEY,
    from_number    VARCHAR(64)  NOT NULL,
    to_number      VARCHAR(64)  NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    operator_login VARCHAR(64),
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL
);
CREATE INDEX twilio_calls_state ON twilio_calls (state, updated_at);
