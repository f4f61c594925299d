-- Issue 24 (ADR 0142): the rollup triggers on calls read the rollup rows of the call's own quarter by key. V109's
-- statements joined or filtered call_rollups without its key's first column (dim), so SQLite scanned the whole rollup
-- table in every write of a calls row (the voice menu's and the ACD's): ~0.3 s per write with a year of 1/20 scale
-- (457,000 rollup rows). Same rules, with the dimensions listed and the quarter given; RollupTriggerPlansTest checks
-- every statement's plan.

DROP TRIGGER calls_rollup_before_update;
CREATE TRIGGER calls_rollup_before_update BEFORE UPDATE OF started_at, queued_at, answered_at, ended_at, outcome,
    ended_at_step, intent, tier, language, operator_login ON calls
BEGIN
    UPDATE call_rollups SET calls = call_rollups.calls - 1, offered = call_rollups.offered - s.offered,
        answered = call_rollups.answered - s.answered, abandoned = call_rollups.abandoned - s.abandoned,
        self_served = call_rollups.self_served - s.self_served, in_target = call_rollups.in_target - s.in_target,
        answer_wait_ms = call_rollups.answer_wait_ms - s.answer_wait_ms,
        abandon_wait_ms = call_rollups.abandon_wait_ms - s.abandon_wait_ms, talk_ms = call_rollups.talk_ms - s.talk_ms,
        talked = call_rollups.talked - s.talked
    FROM call_rollup_source s
    WHERE s.call_id = OLD.call_id AND call_rollups.dim IN ('none', 'queue', 'line', 'lang', 'op', 'step')
      AND call_rollups.quarter = OLD.started_at / 900000 AND call_rollups.dim = s.dim
      AND call_rollups.quarter = s.quarter AND call_rollups.val = s.val;
END;

DROP TRIGGER calls_rollup_before_delete;
CREATE TRIGGER calls_rollup_before_delete BEFORE DELETE ON calls
BEGIN
    UPDATE call_rollups SET calls = call_rollups.calls - 1, offered = call_rollups.offered - s.offered,
        answered = call_rollups.answered - s.answered, abandoned = call_rollups.abandoned - s.abandoned,
        self_served = call_rollups.self_served - s.self_served, in_target = call_rollups.in_target - s.in_target,
        answer_wait_ms = call_rollups.answer_wait_ms - s.answer_wait_ms,
        abandon_wait_ms = call_rollups.abandon_wait_ms - s.abandon_wait_ms, talk_ms = call_rollups.talk_ms - s.talk_ms,
        talked = call_rollups.talked - s.talked
    FROM call_rollup_source s
    WHERE s.call_id = OLD.call_id AND call_rollups.dim IN ('none', 'queue', 'line', 'lang', 'op', 'step')
      AND call_rollups.quarter = OLD.started_at / 900000 AND call_rollups.dim = s.dim
      AND call_rollups.quarter = s.quarter AND call_rollups.val = s.val;
END;

DROP TRIGGER calls_rollup_after_update;
CREATE TRIGGER calls_rollup_after_update AFTER UPDATE OF started_at, queued_at, answered_at, ended_at, outcome,
    ended_at_step, intent, tier, language, operator_login ON calls
BEGIN
    INSERT INTO call_rollups
    SELECT dim, quarter, val, 1, offered, answered, abandoned, self_served, in_target, answer_wait_ms,
           abandon_wait_ms, talk_ms, talked, longest_wait_ms
    FROM call_rollup_source WHERE call_id = NEW.call_id
    ON CONFLICT (dim, quarter, val) DO UPDATE SET calls = calls + 1, offered = offered + excluded.offered,
        answered = answered + excluded.answered, abandoned = abandoned + excluded.abandoned,
        self_served = self_served + excluded.self_served, in_target = in_target + excluded.in_target,
        answer_wait_ms = answer_wait_ms + excluded.answer_wait_ms,
        abandon_wait_ms = abandon_wait_ms + excluded.abandon_wait_ms, talk_ms = talk_ms + excluded.talk_ms,
        talked = talked + excluded.talked, longest_wait_ms = max(longest_wait_ms, excluded.longest_wait_ms);
    UPDATE call_rollups SET longest_wait_ms = (SELECT coalesce(max(s.longest_wait_ms), 0) FROM call_rollup_source s
            WHERE s.started_at >= call_rollups.quarter * 900000 AND s.started_at < (call_rollups.quarter + 1) * 900000
              AND s.dim = call_rollups.dim AND s.val = call_rollups.val)
    WHERE dim IN ('none', 'queue', 'line', 'lang', 'op') AND quarter = OLD.started_at / 900000
      AND OLD.queued_at IS NOT NULL
      AND val = CASE dim WHEN 'none' THEN '' WHEN 'queue' THEN coalesce(OLD.intent, '')
                         WHEN 'line' THEN coalesce(OLD.tier, '') WHEN 'lang' THEN coalesce(OLD.language, '')
                         ELSE coalesce(OLD.operator_login, '') END
      AND longest_wait_ms <= coalesce(OLD.answered_at, OLD.ended_at, OLD.queued_at) - OLD.queued_at;
    DELETE FROM call_rollups WHERE dim IN ('none', 'queue', 'line', 'lang', 'op', 'step') AND quarter = OLD.started_at / 900000
      AND calls <= 0;
END;

DROP TRIGGER calls_rollup_after_delete;
CREATE TRIGGER calls_rollup_after_delete AFTER DELETE ON calls
BEGIN
    UPDATE call_rollups SET longest_wait_ms = (SELECT coalesce(max(s.longest_wait_ms), 0) FROM call_rollup_source s
            WHERE s.started_at >= call_rollups.quarter * 900000 AND s.started_at < (call_rollups.quarter + 1) * 900000
              AND s.dim = call_rollups.dim AND s.val = call_rollups.val)
    WHERE dim IN ('none', 'queue', 'line', 'lang', 'op') AND quarter = OLD.started_at / 900000
      AND OLD.queued_at IS NOT NULL
      AND val = CASE dim WHEN 'none' THEN '' WHEN 'queue' THEN coalesce(OLD.intent, '')
                         WHEN 'line' THEN coalesce(OLD.tier, '') WHEN 'lang' THEN coalesce(OLD.language, '')
                         ELSE coalesce(OLD.operator_login, '') END
      AND longest_wait_ms <= coalesce(OLD.answered_at, OLD.ended_at, OLD.queued_at) - OLD.queued_at;
    DELETE FROM call_rollups WHERE dim IN ('none', 'queue', 'line', 'lang', 'op', 'step') AND quarter = OLD.started_at / 900000
      AND calls <= 0;
END;
