-- Issue 24 (ADR 0142): the rollup trigger on calls reads the rollup rows of the call's own quarter by key. V109's
-- recompute of the longest wait and its clean-up filtered call_rollups on the quarter without its key's first column
-- (dim), which a B-tree on (dim, quarter, val) cannot seek: a scan of every rollup row in each write of a calls row.
-- Same rules, with the dimensions listed (sqlite/V116 does the same; RollupTriggerPlansTest checks SQLite's plans).
CREATE OR REPLACE FUNCTION calls_rollup_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM call_rollup_add(NEW.call_id);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        UPDATE call_rollups SET longest_wait_ms = (SELECT coalesce(max(s.longest_wait_ms), 0)
                FROM call_rollup_source s
                WHERE s.started_at >= call_rollups.quarter * 900000
                  AND s.started_at < (call_rollups.quarter + 1) * 900000
                  AND s.dim = call_rollups.dim AND s.val = call_rollups.val)
        WHERE dim IN ('none', 'queue', 'line', 'lang', 'op') AND quarter = OLD.started_at / 900000
          AND OLD.queued_at IS NOT NULL
          AND val = CASE dim WHEN 'none' THEN '' WHEN 'queue' THEN coalesce(OLD.intent, '')
                             WHEN 'line' THEN coalesce(OLD.tier, '') WHEN 'lang' THEN coalesce(OLD.language, '')
                             ELSE coalesce(OLD.operator_login, '') END
          AND longest_wait_ms <= coalesce(OLD.answered_at, OLD.ended_at, OLD.queued_at) - OLD.queued_at;
        DELETE FROM call_rollups WHERE dim IN ('none', 'queue', 'line', 'lang', 'op', 'step')
          AND quarter = OLD.started_at / 900000 AND calls <= 0;
    END IF;
    RETURN NULL;
END;
$$;
