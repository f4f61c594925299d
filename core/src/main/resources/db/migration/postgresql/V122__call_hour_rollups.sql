-- Issue 24 (ADR 0150): the call rollups per UTC hour, summed from the quarter-hour rollups of V109 by a trigger on
-- call_rollups itself, so every write that changes a quarter (the calls triggers, a target's rebuild, a purge) changes
-- its hour in the same transaction. The same table and rules as sqlite/V122__call_hour_rollups.sql.
CREATE TABLE call_hour_rollups (
    dim             VARCHAR(8)   NOT NULL,
    hour            BIGINT       NOT NULL,
    val             VARCHAR(100) NOT NULL,
    calls           BIGINT       NOT NULL,
    offered         BIGINT       NOT NULL,
    answered        BIGINT       NOT NULL,
    abandoned       BIGINT       NOT NULL,
    self_served     BIGINT       NOT NULL,
    in_target       BIGINT       NOT NULL,
    answer_wait_ms  BIGINT       NOT NULL,
    abandon_wait_ms BIGINT       NOT NULL,
    talk_ms         BIGINT       NOT NULL,
    talked          BIGINT       NOT NULL,
    longest_wait_ms BIGINT       NOT NULL,
    PRIMARY KEY (dim, hour, val)
);

INSERT INTO call_hour_rollups
SELECT dim, quarter / 4, val, sum(calls), sum(offered), sum(answered), sum(abandoned), sum(self_served),
       sum(in_target), sum(answer_wait_ms), sum(abandon_wait_ms), sum(talk_ms), sum(talked), max(longest_wait_ms)
FROM call_rollups GROUP BY dim, quarter / 4, val;

-- A quarter's old values out of its hour, its new values into its hour; the old hour's longest wait recomputed from
-- its quarters when the quarter's longest went down, moved or went, and may have been the hour's.
CREATE FUNCTION call_hour_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    recompute boolean := TG_OP = 'DELETE';
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE call_hour_rollups SET calls = calls - OLD.calls, offered = offered - OLD.offered,
            answered = answered - OLD.answered, abandoned = abandoned - OLD.abandoned,
            self_served = self_served - OLD.self_served, in_target = in_target - OLD.in_target,
            answer_wait_ms = answer_wait_ms - OLD.answer_wait_ms,
            abandon_wait_ms = abandon_wait_ms - OLD.abandon_wait_ms, talk_ms = talk_ms - OLD.talk_ms,
            talked = talked - OLD.talked
        WHERE dim = OLD.dim AND hour = OLD.quarter / 4 AND val = OLD.val;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO call_hour_rollups VALUES (NEW.dim, NEW.quarter / 4, NEW.val, NEW.calls, NEW.offered,
            NEW.answered, NEW.abandoned, NEW.self_served, NEW.in_target, NEW.answer_wait_ms, NEW.abandon_wait_ms,
            NEW.talk_ms, NEW.talked, NEW.longest_wait_ms)
        ON CONFLICT (dim, hour, val) DO UPDATE SET calls = call_hour_rollups.calls + excluded.calls,
            offered = call_hour_rollups.offered + excluded.offered,
            answered = call_hour_rollups.answered + excluded.answered,
            abandoned = call_hour_rollups.abandoned + excluded.abandoned,
            self_served = call_hour_rollups.self_served + excluded.self_served,
            in_target = call_hour_rollups.in_target + excluded.in_target,
            answer_wait_ms = call_hour_rollups.answer_wait_ms + excluded.answer_wait_ms,
            abandon_wait_ms = call_hour_rollups.abandon_wait_ms + excluded.abandon_wait_ms,
            talk_ms = call_hour_rollups.talk_ms + excluded.talk_ms,
            talked = call_hour_rollups.talked + excluded.talked,
            longest_wait_ms = GREATEST(call_hour_rollups.longest_wait_ms, excluded.longest_wait_ms);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        recompute := OLD.longest_wait_ms > NEW.longest_wait_ms OR OLD.dim <> NEW.dim
            OR OLD.quarter / 4 <> NEW.quarter / 4 OR OLD.val <> NEW.val;
    END IF;
    IF recompute THEN
        UPDATE call_hour_rollups SET longest_wait_ms = (SELECT coalesce(max(r.longest_wait_ms), 0) FROM call_rollups r
                WHERE r.dim = OLD.dim AND r.quarter >= OLD.quarter / 4 * 4 AND r.quarter < OLD.quarter / 4 * 4 + 4
                  AND r.val = OLD.val)
        WHERE dim = OLD.dim AND hour = OLD.quarter / 4 AND val = OLD.val AND longest_wait_ms <= OLD.longest_wait_ms;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM call_hour_rollups WHERE dim = OLD.dim AND hour = OLD.quarter / 4 AND val = OLD.val AND calls <= 0;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER call_hour_rollup AFTER INSERT OR UPDATE OR DELETE ON call_rollups
    FOR EACH ROW EXECUTE FUNCTION call_hour_rollup();
