-- Warm transfer (issue 21): how many consultations the call's operators started, and how many of them ended with the
-- caller passed to the consulted colleague (ConsultOffered / ConsultEnded COMPLETED; calls.operator_login then names
-- the colleague, who ended the conversation).
ALTER TABLE calls ADD COLUMN consults INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN warm_transfers INTEGER NOT NULL DEFAULT 0;
