-- Twilio callback calls in their conference fl-<attemptId> (ADR 0151): what the backend knows of each callback placed
-- and not yet over, so a server restarted (or taking over) mid-conversation can still hold, resume, transfer and
-- consult it. It was kept in memory only (ADR 0147). attempt_id: the ACD's attempt id (cb-<n>-<k>);
-- operator_login / operator_leg: the operator talking (or rung first) and their call's CallSid (NULL between a
-- transfer and the next answer); customer_number / caller_id: whom the callback dials and with which number;
-- conference_sid: the CF... SID once Twilio named it; customer_leg: the customer participant's CallSid;
-- customer_asked: 1 once the customer's participant was requested; answered: 1 once the customer answered;
-- offer_operator / offer_leg: the colleague a transferred customer is being rung for and their participant;
-- consult_*: the consultation running in the conference (as twilio_calls' V104 columns). A row is deleted when its
-- callback is over.
CREATE TABLE twilio_callbacks (
    attempt_id       VARCHAR(64) PRIMARY KEY,
    operator_login   VARCHAR(64) NOT NULL,
    operator_leg     VARCHAR(64),
    customer_number  VARCHAR(64) NOT NULL,
    caller_id        VARCHAR(64) NOT NULL,
    conference_sid   VARCHAR(64),
    customer_leg     VARCHAR(64),
    customer_asked   INTEGER     NOT NULL DEFAULT 0,
    answered         INTEGER     NOT NULL DEFAULT 0,
    offer_operator   VARCHAR(64),
    offer_leg        VARCHAR(64),
    consult_from     VARCHAR(64),
    consult_to       VARCHAR(64),
    consult_leg      VARCHAR(64),
    consult_answered INTEGER     NOT NULL DEFAULT 0,
    updated_at       BIGINT      NOT NULL
);
