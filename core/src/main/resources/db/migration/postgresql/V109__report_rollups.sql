-- Issue 24 (report speed, ADR 0142): per-15-minute rollups of calls and ratings, kept by triggers in the same
-- transaction as the rows they summarise (inserts, every update of a reported column, retention's deletes), so a
-- report of a year reads rollup rows instead of millions of calls. CallReports.fromRawTables() keeps the raw path.
-- The same tables and rules as sqlite/V109__report_rollups.sql, over the view of common/V108, with PL/pgSQL triggers.

-- dim: none, queue, line, lang, op, step; val: the queue, line, language, operator or menu step ('' for none/null).
-- A row exists only while calls > 0.
CREATE TABLE call_rollups (
    dim             VARCHAR(8)   NOT NULL,
    quarter         BIGINT       NOT NULL,
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
    PRIMARY KEY (dim, quarter, val)
);

INSERT INTO call_rollups
SELECT dim, quarter, val, count(*), sum(offered), sum(answered), sum(abandoned), sum(self_served), sum(in_target),
       sum(answer_wait_ms), sum(abandon_wait_ms), sum(talk_ms), sum(talked), max(longest_wait_ms)
FROM call_rollup_source GROUP BY dim, quarter, val;

CREATE FUNCTION call_rollup_add(VARCHAR) RETURNS void LANGUAGE sql AS $$
    INSERT INTO call_rollups
    SELECT dim, quarter, val, 1, offered, answered, abandoned, self_served, in_target, answer_wait_ms,
           abandon_wait_ms, talk_ms, talked, longest_wait_ms
    FROM call_rollup_source WHERE call_id = $1
    ON CONFLICT (dim, quarter, val) DO UPDATE SET calls = call_rollups.calls + 1,
        offered = call_rollups.offered + excluded.offered, answered = call_rollups.answered + excluded.answered,
        abandoned = call_rollups.abandoned + excluded.abandoned,
        self_served = call_rollups.self_served + excluded.self_served,
        in_target = call_rollups.in_target + excluded.in_target,
        answer_wait_ms = call_rollups.answer_wait_ms + excluded.answer_wait_ms,
        abandon_wait_ms = call_rollups.abandon_wait_ms + excluded.abandon_wait_ms,
        talk_ms = call_rollups.talk_ms + excluded.talk_ms, talked = call_rollups.talked + excluded.talked,
        longest_wait_ms = GREATEST(call_rollups.longest_wait_ms, excluded.longest_wait_ms);
$$;

CREATE FUNCTION call_rollup_subtract(VARCHAR) RETURNS void LANGUAGE sql AS $$
    UPDATE call_rollups SET calls = call_rollups.calls - 1, offered = call_rollups.offered - s.offered,
        answered = call_rollups.answered - s.answered, abandoned = call_rollups.abandoned - s.abandoned,
        self_served = call_rollups.self_served - s.self_served, in_target = call_rollups.in_target - s.in_target,
        answer_wait_ms = call_rollups.answer_wait_ms - s.answer_wait_ms,
        abandon_wait_ms = call_rollups.abandon_wait_ms - s.abandon_wait_ms, talk_ms = call_rollups.talk_ms - s.talk_ms,
        talked = call_rollups.talked - s.talked
    FROM call_rollup_source s
    WHERE s.call_id = $1 AND call_rollups.dim = s.dim AND call_rollups.quarter = s.quarter
      AND call_rollups.val = s.val;
$$;

-- Before a row changes or goes: take its contribution away.
CREATE FUNCTION calls_rollup_before() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM call_rollup_subtract(OLD.call_id);
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

-- After: add the new contribution, recompute the longest wait of the old row's rollups when the old row may have been
-- their longest (a maximum cannot be subtracted), drop rollups left without calls.
CREATE FUNCTION calls_rollup_after() RETURNS trigger LANGUAGE plpgsql AS $$
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
        WHERE quarter = OLD.started_at / 900000 AND dim <> 'step' AND OLD.queued_at IS NOT NULL
          AND val = CASE dim WHEN 'none' THEN '' WHEN 'queue' THEN coalesce(OLD.intent, '')
                             WHEN 'line' THEN coalesce(OLD.tier, '') WHEN 'lang' THEN coalesce(OLD.language, '')
                             ELSE coalesce(OLD.operator_login, '') END
          AND longest_wait_ms <= coalesce(OLD.answered_at, OLD.ended_at, OLD.queued_at) - OLD.queued_at;
        DELETE FROM call_rollups WHERE quarter = OLD.started_at / 900000 AND calls <= 0;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER calls_rollup_before BEFORE UPDATE OF started_at, queued_at, answered_at, ended_at, outcome,
    ended_at_step, intent, tier, language, operator_login OR DELETE ON calls
    FOR EACH ROW EXECUTE FUNCTION calls_rollup_before();
CREATE TRIGGER calls_rollup_after AFTER INSERT OR UPDATE OF started_at, queued_at, answered_at, ended_at, outcome,
    ended_at_step, intent, tier, language, operator_login OR DELETE ON calls
    FOR EACH ROW EXECUTE FUNCTION calls_rollup_after();

-- Ratings per quarter hour of their time and score.
CREATE TABLE rating_rollups (
    quarter BIGINT  NOT NULL,
    score   INTEGER NOT NULL,
    n       BIGINT  NOT NULL,
    PRIMARY KEY (quarter, score)
);
INSERT INTO rating_rollups SELECT at / 900000, score, count(*) FROM ratings GROUP BY at / 900000, score;

CREATE FUNCTION ratings_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE rating_rollups SET n = n - 1 WHERE quarter = OLD.at / 900000 AND score = OLD.score;
        DELETE FROM rating_rollups WHERE quarter = OLD.at / 900000 AND score = OLD.score AND n <= 0;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO rating_rollups VALUES (NEW.at / 900000, NEW.score, 1)
        ON CONFLICT (quarter, score) DO UPDATE SET n = rating_rollups.n + 1;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ratings_rollup AFTER INSERT OR UPDATE OF at, score OR DELETE ON ratings
    FOR EACH ROW EXECUTE FUNCTION ratings_rollup();
