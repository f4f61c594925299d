-- Who did what to whom, kept for supervisors and auditors: supervisors listening in, whispering or barging in, forcing
-- an operator's state or a caller's priority (issue 21); more actions join it (issue 24). Append-only.
CREATE TABLE audit_log (
    id      ${id},
    at      BIGINT       NOT NULL,
    actor   VARCHAR(64)  NOT NULL,
    action  VARCHAR(40)  NOT NULL,
    subject VARCHAR(100) NOT NULL,
    detail  TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, at);
