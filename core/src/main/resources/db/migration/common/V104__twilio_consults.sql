-- Warm transfer on Twilio (ADR 0138): the consultation running in the caller's conference, so a server restarted
-- mid-consultation still knows it (the ACD replays its own half from call_events). consult_from / consult_to: the
-- consulting operator and the consulted colleague (NULL: none runs); consult_leg: the colleague's participant CallSid
-- once Twilio took it; consult_answered: 1 once that leg answered.
ALTER TABLE twilio_calls ADD COLUMN consult_from VARCHAR(64);
ALTER TABLE twilio_calls ADD COLUMN consult_to VARCHAR(64);
ALTER TABLE twilio_calls ADD COLUMN consult_leg VARCHAR(64);
ALTER TABLE twilio_calls ADD COLUMN consult_answered INTEGER NOT NULL DEFAULT 0;
