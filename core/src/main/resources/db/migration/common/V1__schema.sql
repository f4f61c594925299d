-- Frontline schema, one script for SQLite and PostgreSQL.
-- ${id} is the auto-increment primary key of the dialect; times are epoch milliseconds (BIGINT), flags 0/1.

CREATE TABLE customers (
    id              ${id},
    contract_number VARCHAR(64)  NOT NULL UNIQUE,
    name            VARCHAR(200) NOT NULL,
    mobile          VARCHAR(32),
    email           VARCHAR(200),
    address         VARCHAR(400),
    service_area    VARCHAR(100),
    plan            VARCHAR(100),
    services        TEXT,
    status          VARCHAR(32)  NOT NULL DEFAULT 'active',
    language        VARCHAR(2)   NOT NULL DEFAULT 'en',
    login           VARCHAR(100),
    pin_hash        VARCHAR(100),
    pin_failures    INTEGER      NOT NULL DEFAULT 0,
    locked_until    BIGINT,
    created_at      BIGINT       NOT NULL
);

-- every number a customer is reachable on (mobile included), E.164
CREATE TABLE customer_phones (
    e164        VARCHAR(32) NOT NULL,
    customer_id BIGINT      NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind        VARCHAR(16) NOT NULL,
    PRIMARY KEY (e164, customer_id)
);
CREATE INDEX customer_phones_customer ON customer_phones (customer_id);

CREATE TABLE operators (
    login         VARCHAR(64)  PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    skills        VARCHAR(200) NOT NULL,
    languages     VARCHAR(100) NOT NULL,
    endpoint      VARCHAR(200),
    mobile        VARCHAR(32),
    active        INTEGER      NOT NULL DEFAULT 1,
    created_at    BIGINT       NOT NULL
);

CREATE TABLE calls (
    call_id        VARCHAR(100) PRIMARY KEY,
    backend        VARCHAR(16)  NOT NULL,
    calling_number VARCHAR(64),
    called_number  VARCHAR(64),
    customer_id    BIGINT REFERENCES customers (id),
    flow           VARCHAR(100),
    language       VARCHAR(2),
    intent         VARCHAR(16),
    priority       INTEGER,
    tier           VARCHAR(8),
    identified     INTEGER NOT NULL DEFAULT 0,
    verified       INTEGER NOT NULL DEFAULT 0,
    started_at     BIGINT  NOT NULL,
    queued_at      BIGINT,
    answered_at    BIGINT,
    ended_at       BIGINT,
    outcome        VARCHAR(32),
    ended_at_step  VARCHAR(100),
    operator_login VARCHAR(64),
    ticket_id      VARCHAR(32),
    trail          TEXT
);
CREATE INDEX calls_customer ON calls (customer_id, started_at);
CREATE INDEX calls_started ON calls (started_at);

-- append-only log of everything routing did; the ACD rebuilds its state from it at start-up
CREATE TABLE call_events (
    seq            ${id},
    at             BIGINT       NOT NULL,
    type           VARCHAR(40)  NOT NULL,
    call_id        VARCHAR(100),
    operator_login VARCHAR(64),
    payload        TEXT
);
CREATE INDEX call_events_call ON call_events (call_id);

-- the flow interpreter's resumable state, keyed by call (a Twilio CallSid, an Asterisk uniqueid, a sim id)
CREATE TABLE flow_sessions (
    call_id    VARCHAR(100) PRIMARY KEY,
    flow       VARCHAR(100) NOT NULL,
    state      TEXT         NOT NULL,
    version    INTEGER      NOT NULL,
    updated_at BIGINT       NOT NULL
);

CREATE TABLE tickets (
    id             VARCHAR(32)  PRIMARY KEY,
    customer_id    BIGINT REFERENCES customers (id),
    call_id        VARCHAR(100),
    subject        VARCHAR(400) NOT NULL,
    intent         VARCHAR(16),
    tier           VARCHAR(8)   NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    priority       INTEGER      NOT NULL DEFAULT 3,
    opened_at      BIGINT       NOT NULL,
    due_at         BIGINT,
    closed_at      BIGINT,
    operator_login VARCHAR(64)
);
CREATE INDEX tickets_customer ON tickets (customer_id, opened_at);

-- notes and state history of a ticket (kind: note, state, escalation, disposition)
CREATE TABLE ticket_notes (
    id        ${id},
    ticket_id VARCHAR(32) NOT NULL REFERENCES tickets (id),
    at        BIGINT      NOT NULL,
    author    VARCHAR(64),
    kind      VARCHAR(16) NOT NULL,
    text      TEXT        NOT NULL
);
CREATE INDEX ticket_notes_ticket ON ticket_notes (ticket_id, at);

CREATE TABLE callbacks (
    id                  ${id},
    call_id             VARCHAR(100),
    customer_id         BIGINT REFERENCES customers (id),
    number              VARCHAR(32)  NOT NULL,
    intent              VARCHAR(16)  NOT NULL,
    priority            INTEGER      NOT NULL,
    tier                VARCHAR(8)   NOT NULL,
    language            VARCHAR(2)   NOT NULL,
    original_arrived_at BIGINT       NOT NULL,
    window_start        BIGINT,
    window_end          BIGINT,
    state               VARCHAR(16)  NOT NULL,
    attempts            INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at     BIGINT,
    ticket_id           VARCHAR(32),
    note                TEXT,
    created_at          BIGINT       NOT NULL,
    updated_at          BIGINT       NOT NULL
);
CREATE INDEX callbacks_state ON callbacks (state, next_attempt_at);

CREATE TABLE callback_attempts (
    id             ${id},
    callback_id    BIGINT      NOT NULL REFERENCES callbacks (id),
    attempt_no     INTEGER     NOT NULL,
    operator_login VARCHAR(64),
    at             BIGINT      NOT NULL,
    outcome        VARCHAR(32) NOT NULL,
    detail         TEXT
);

CREATE TABLE sms_messages (
    id           ${id},
    customer_id  BIGINT REFERENCES customers (id),
    to_number    VARCHAR(32)  NOT NULL,
    from_number  VARCHAR(32),
    body         TEXT         NOT NULL,
    secret       INTEGER      NOT NULL DEFAULT 0,
    purpose      VARCHAR(40)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    provider_sid VARCHAR(64),
    error        TEXT,
    attempts     INTEGER      NOT NULL DEFAULT 0,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL
);
CREATE INDEX sms_to ON sms_messages (to_number, created_at);
CREATE INDEX sms_customer ON sms_messages (customer_id, created_at);
CREATE INDEX sms_provider ON sms_messages (provider_sid);

CREATE TABLE kb_articles (
    id       ${id},
    title    VARCHAR(400) NOT NULL,
    body     TEXT         NOT NULL,
    tags     VARCHAR(400),
    language VARCHAR(2)   NOT NULL DEFAULT 'en'
);

CREATE TABLE outages (
    id           ${id},
    area         VARCHAR(100) NOT NULL,
    description  TEXT         NOT NULL,
    started_at   BIGINT       NOT NULL,
    expected_end BIGINT,
    resolved_at  BIGINT
);
CREATE INDEX outages_area ON outages (area);

CREATE TABLE ratings (
    call_id VARCHAR(100) PRIMARY KEY,
    score   INTEGER      NOT NULL,
    at      BIGINT       NOT NULL
);

-- named counters (human-readable ticket numbers)
CREATE TABLE counters (
    name  VARCHAR(40) PRIMARY KEY,
    value BIGINT      NOT NULL
);
