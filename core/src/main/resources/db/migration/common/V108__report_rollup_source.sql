-- Issue 24 (report speed, ADR 0142): what each call adds to the per-15-minute rollups, defined once for both
-- databases; the rollup tables, their backfill and the triggers that keep them are in sqlite|postgresql/V109.
-- The on-line target the rollups count "answered within target" against (one row; CallRollups rebuilds the rollups
-- when the desk's configured target differs, in one transaction).
CREATE TABLE call_rollup_target (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    on_line_target_ms BIGINT NOT NULL
);
INSERT INTO call_rollup_target (id, on_line_target_ms) VALUES (1, 30000);

-- The dimensions a call is rolled up by: every call once per dimension, self-served calls also by their menu step.
CREATE TABLE call_rollup_dims (dim VARCHAR(8) PRIMARY KEY);
INSERT INTO call_rollup_dims (dim) VALUES ('none'), ('queue'), ('line'), ('lang'), ('op'), ('step');

-- One row per call and dimension with what the call adds to its 15-minute rollup (started_at's quarter hour in UTC:
-- every real zone's offset is whole quarter hours, so local 15-minute, hour and day boundaries are quarter
-- boundaries). The same definitions as CallReports' raw path (ADR 0105): offered = queued; answered within target;
-- abandoned = queued, not answered, outcome 'abandoned', ended; talk = answered to end.
CREATE VIEW call_rollup_source AS
SELECT m.call_id, m.started_at, m.quarter, d.dim,
       CASE d.dim WHEN 'none' THEN '' WHEN 'queue' THEN coalesce(m.intent, '') WHEN 'line' THEN coalesce(m.tier, '')
                  WHEN 'lang' THEN coalesce(m.language, '') WHEN 'op' THEN coalesce(m.operator_login, '')
                  ELSE coalesce(m.ended_at_step, '') END AS val,
       m.offered, m.answered, m.abandoned, m.self_served,
       CASE WHEN m.answered = 1 AND m.answer_wait_ms <= (SELECT t.on_line_target_ms FROM call_rollup_target t)
            THEN 1 ELSE 0 END AS in_target,
       m.answer_wait_ms, m.abandon_wait_ms, m.talk_ms, m.talked, m.answer_wait_ms + m.abandon_wait_ms AS longest_wait_ms
FROM (SELECT k.call_id, k.started_at, k.started_at / 900000 AS quarter, k.intent, k.tier, k.language,
             k.operator_login, k.ended_at_step,
             CASE WHEN k.queued_at IS NOT NULL THEN 1 ELSE 0 END AS offered,
             CASE WHEN k.queued_at IS NOT NULL AND k.answered_at IS NOT NULL THEN 1 ELSE 0 END AS answered,
             CASE WHEN k.queued_at IS NOT NULL AND k.answered_at IS NULL AND k.outcome = 'abandoned'
                       AND k.ended_at IS NOT NULL THEN 1 ELSE 0 END AS abandoned,
             CASE WHEN k.outcome = 'self-served' THEN 1 ELSE 0 END AS self_served,
             CASE WHEN k.queued_at IS NOT NULL AND k.answered_at IS NOT NULL AND k.answered_at > k.queued_at
                  THEN k.answered_at - k.queued_at ELSE 0 END AS answer_wait_ms,
             CASE WHEN k.queued_at IS NOT NULL AND k.answered_at IS NULL AND k.outcome = 'abandoned'
                       AND k.ended_at IS NOT NULL AND k.ended_at > k.queued_at
                  THEN k.ended_at - k.queued_at ELSE 0 END AS abandon_wait_ms,
             CASE WHEN k.queued_at IS NOT NULL AND k.answered_at IS NOT NULL AND k.ended_at IS NOT NULL
                       AND k.ended_at >= k.answered_at THEN k.ended_at - k.answered_at ELSE 0 END AS talk_ms,
             CASE WHEN k.queued_at IS NOT NULL AND k.answered_at IS NOT NULL AND k.ended_at IS NOT NULL
                       AND k.ended_at >= k.answered_at THEN 1 ELSE 0 END AS talked
      FROM calls k) m
CROSS JOIN call_rollup_dims d
WHERE d.dim <> 'step' OR m.self_served = 1;
