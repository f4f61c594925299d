-- Twilio call control through a conference (ADR 0128): the caller's call is moved into the conference fl-<CallSid> at
-- its first connect and stays there across operators. in_conference: 1 once the caller's call runs the conference
-- TwiML; conference_sid: the conference's CF... SID once Twilio named it; operator_leg: the CallSid of the operator
-- participant being rung or talking now (NULL between offers), so its status callbacks can be told from stale ones.
ALTER TABLE twilio_calls ADD COLUMN in_conference INTEGER NOT NULL DEFAULT 0;
ALTER TABLE twilio_calls ADD COLUMN conference_sid VARCHAR(64);
ALTER TABLE twilio_calls ADD COLUMN operator_leg VARCHAR(64);
