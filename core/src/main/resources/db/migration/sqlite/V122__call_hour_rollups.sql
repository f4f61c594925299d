-- Issue 24 (ADR 0150): the call rollups per UTC hour, summed from the quarter-hour rollups of V109 by triggers on
-- call_rollups itself, so every write that changes a quarter (the calls triggers, a target's rebuild, a purge) changes
-- its hour in the same transaction. A year by operator read ~50 quarter rows per quarter hour (876,000 rows at 8M
-- calls); an hour is a whole local hour in every zone whose offset is whole hours, so days, weeks, months and totals
-- read hours (and quarters only at the edges, or all of them in a :30/:45 zone). A row exists only while calls > 0.
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
) WITHOUT ROWID;

INSERT INTO call_hour_rollups
SELECT dim, quarter / 4, val, sum(calls), sum(offered), sum(answered), sum(abandoned), sum(self_served),
       sum(in_target), sum(answer_wait_ms), sum(abandon_wait_ms), sum(talk_ms), sum(talked), max(longest_wait_ms)
FROM call_rollups GROUP BY dim, quarter / 4, val;

CREATE TRIGGER call_hour_rollups_insert AFTER INSERT ON call_rollups
BEGIN
    INSERT INTO call_hour_rollups VALUES (NEW.dim, NEW.quarter / 4, NEW.val, NEW.calls, NEW.offered, NEW.answered,
        NEW.abandoned, NEW.self_served, NEW.in_target, NEW.answer_wait_ms, NEW.abandon_wait_ms, NEW.talk_ms,
        NEW.talked, NEW.longest_wait_ms)
    ON CONFLICT (dim, hour, val) DO UPDATE SET calls = calls + excluded.calls, offered = offered + excluded.offered,
        answered = answered + excluded.answered, abandoned = abandoned + excluded.abandoned,
        self_served = self_served + excluded.self_served, in_target = in_target + excluded.in_target,
        answer_wait_ms = answer_wait_ms + excluded.answer_wait_ms,
        abandon_wait_ms = abandon_wait_ms + excluded.abandon_wait_ms, talk_ms = talk_ms + excluded.talk_ms,
        talked = talked + excluded.talked, longest_wait_ms = max(longest_wait_ms, excluded.longest_wait_ms);
END;

-- A changed quarter: its old values out of the old hour, its new values into the new hour; the old hour's longest
-- wait recomputed from its quarters when the quarter's longest went down or moved and may have been the hour's.
CREATE TRIGGER call_hour_rollups_update AFTER UPDATE ON call_rollups
BEGIN
    UPDATE call_hour_rollups SET calls = calls - OLD.calls, offered = offered - OLD.offered,
        answered = answered - OLD.answered, abandoned = abandoned - OLD.abandoned,
        self_served = self_served - OLD.self_served, in_target = in_target - OLD.in_target,
        answer_wait_ms = answer_wait_ms - OLD.answer_wait_ms, abandon_wait_ms = abandon_wait_ms - OLD.abandon_wait_ms,
        talk_ms = talk_ms - OLD.talk_ms, talked = talked - OLD.talked
    WHERE dim = OLD.dim AND hour = OLD.quarter / 4 AND val = OLD.val;
    INSERT INTO call_hour_rollups VALUES (NEW.dim, NEW.quarter / 4, NEW.val, NEW.calls, NEW.offered, NEW.answered,
        NEW.abandoned, NEW.self_served, NEW.in_target, NEW.answer_wait_ms, NEW.abandon_wait_ms, NEW.talk_ms,
        NEW.talked, NEW.longest_wait_ms)
    ON CONFLICT (dim, hour, val) DO UPDATE SET calls = calls + excluded.calls, offered = offered + excluded.offered,
        answered = answered + excluded.answered, abandoned = abandoned + excluded.abandoned,
        self_served = self_served + excluded.self_served, in_target = in_target + excluded.in_target,
        answer_wait_ms = answer_wait_ms + excluded.answer_wait_ms,
        abandon_wait_ms = abandon_wait_ms + excluded.abandon_wait_ms, talk_ms = talk_ms + excluded.talk_ms,
        talked = talked + excluded.talked, longest_wait_ms = max(longest_wait_ms, excluded.longest_wait_ms);
    UPDATE call_hour_rollups SET longest_wait_ms = (SELECT coalesce(max(r.longest_wait_ms), 0) FROM call_rollups r
            WHERE r.dim = OLD.dim AND r.quarter >= OLD.quarter / 4 * 4 AND r.quarter < OLD.quarter / 4 * 4 + 4
              AND r.val = OLD.val)
    WHERE dim = OLD.dim AND hour = OLD.quarter / 4 AND val = OLD.val AND longest_wait_ms <= OLD.longest_wait_ms
      AND (OLD.longest_wait_ms > NEW.longest_wait_ms OR OLD.dim <> NEW.dim OR OLD.quarter / 4 <> NEW.quarter / 4
           OR OLD.val <> NEW.val);
    DELETE FROM call_hour_rollups WHERE dim = OLD.dim AND hour = OLD.quarter / 4 AND val = OLD.val AND calls <= 0;
END;

CREATE TRIGGER call_hour_rollups_delete AFTER DELETE ON call_rollups
BEGIN
    UPDATE call_hour_rollups SET calls = calls - OLD.calls, offered = offered - OLD.offered,
        answered = answered - OLD.answered, abandoned = abandoned - OLD.abandoned,
        self_served = self_served - OLD.self_served, in_target = in_target - OLD.in_target,
        answer_wait_ms = answer_wait_ms - OLD.answer_wait_ms, abandon_wait_ms = abandon_wait_ms - OLD.abandon_wait_ms,
        talk_ms = talk_ms - OLD.talk_ms, talked = talked - OLD.talked
    WHERE dim = OLD.dim AND hour = OLD.quarter / 4 AND val = OLD.val;
    UPDATE call_hour_rollups SET longest_wait_ms = (SELECT coalesce(max(r.longest_wait_ms), 0) FROM call_rollups r
            WHERE r.dim = OLD.dim AND r.quarter >= OLD.quarter / 4 * 4 AND r.quarter < OLD.quarter / 4 * 4 + 4
              AND r.val = OLD.val)
    WHERE dim = OLD.dim AND hour = OLD.quarter / 4 AND val = OLD.val AND longest_wait_ms <= OLD.longest_wait_ms;
    DELETE FROM call_hour_rollups WHERE dim = OLD.dim AND hour = OLD.quarter / 4 AND val = OLD.val AND calls <= 0;
END;
