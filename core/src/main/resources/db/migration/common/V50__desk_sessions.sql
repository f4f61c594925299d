-- Desktop login sessions, so a server restart does not log every operator out. Only a SHA-256 of the bearer token
-- is stored (the token is 256 random bits: a hash is enough to check it and useless to whoever reads the table).
-- No foreign key: a session is restored only if its operator is still found and active.
CREATE TABLE desk_sessions (
    token_sha256 VARCHAR(64)  PRIMARY KEY,
    login        VARCHAR(64)  NOT NULL,
    expires_at   BIGINT       NOT NULL,
    created_at   BIGINT       NOT NULL
);
CREATE INDEX desk_sessions_expiry ON desk_sessions (expires_at);
