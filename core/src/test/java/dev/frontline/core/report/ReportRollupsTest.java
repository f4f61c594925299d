package dev.frontline.core.report;

import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.SqliteTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The rollups' property on a real SQLite file, and the migration's backfill of a store that had calls before it. */
class ReportRollupsTest extends ReportRollupsContract {
    @TempDir Path dir;

    @Override
    protected Database openDatabase() {
        return SqliteTestDatabase.open(dir);
    }

    @Test
    void theMigrationBackfillsCallsWrittenBeforeIt() throws Exception {
        seed(300);
        db.close();
        // back to a store before V108/V109, holding calls and ratings, one more written since
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("frontline-test.db"));
             Statement s = c.createStatement()) {
            for (String trigger : new String[] {"calls_rollup_insert", "calls_rollup_before_update",
                    "calls_rollup_before_delete", "calls_rollup_after_update", "calls_rollup_after_delete",
                    "ratings_rollup_insert", "ratings_rollup_update", "ratings_rollup_delete"}) {
                s.executeUpdate("DROP TRIGGER " + trigger);
            }
            s.executeUpdate("DROP VIEW call_rollup_source");
            for (String table : new String[] {"call_hour_rollups", "call_rollups", "rating_rollups", "call_rollup_dims",
                    "call_rollup_target"}) {
                s.executeUpdate("DROP TABLE " + table);
            }
            // (V122's hours are summed from V109's quarters: a store without these had none)
            s.executeUpdate("DELETE FROM flyway_schema_history WHERE version IN ('108', '109', '122')");
            s.executeUpdate("INSERT INTO calls (call_id, backend, started_at, queued_at, answered_at, ended_at, outcome, "
                    + "intent, tier, language, operator_login) SELECT 'late', 'sim', started_at + 1, queued_at, answered_at, "
                    + "ended_at, outcome, intent, tier, language, 'zoe' FROM calls WHERE call_id = 'r1'");
            s.executeUpdate("INSERT INTO ratings (call_id, score, at) VALUES ('late', 4, "
                    + ReportRollupsContract.DAYS.get(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli() + ")");
        }
        db = SqliteTestDatabase.open(dir);

        assertThat(count("SELECT count(*) FROM call_rollups WHERE dim = 'op' AND val = 'zoe'")).isEqualTo(1);
        assertThat(count("SELECT sum(calls) FROM call_rollups WHERE dim = 'none'")).isEqualTo(count("SELECT count(*) FROM calls"));
        assertThat(count("SELECT sum(n) FROM rating_rollups")).isEqualTo(count("SELECT count(*) FROM ratings"));
        assertAllEqual(new CallReports(db, Targets.DEFAULTS));
    }

    @Test
    void theMigrationBackfillsOperatorTimeWrittenBeforeIt() throws Exception {
        seed(400);
        db.close();
        // back to a store before V112, holding state events, one more written since
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("frontline-test.db"));
             Statement s = c.createStatement()) {
            for (String trigger : new String[] {"operator_time_insert", "operator_time_delete", "operator_time_update"}) {
                s.executeUpdate("DROP TRIGGER " + trigger);
            }
            s.executeUpdate("DROP VIEW operator_state_spans");
            for (String table : new String[] {"operator_time_rollups", "operator_open_states", "operator_time_grains"}) {
                s.executeUpdate("DROP TABLE " + table);
            }
            s.executeUpdate("DROP INDEX call_events_operator_state");
            s.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '112'");
            s.executeUpdate("INSERT INTO call_events (at, type, operator_login, payload) VALUES ("
                    + ReportRollupsContract.DAYS.get(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli()
                    + ", 'OperatorStateChanged', 'zoe', '{\"state\":\"BREAK\",\"reason\":\"lunch\"}')");
        }
        db = SqliteTestDatabase.open(dir);

        assertThat(count("SELECT count(*) FROM operator_open_states WHERE operator_login = 'zoe'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM operator_time_rollups")).isGreaterThan(100);
        assertAllEqual(new CallReports(db, Targets.DEFAULTS));
    }

    @Test
    void theMigrationBackfillsTheHourRollups() throws Exception {
        seed(300);
        db.close();
        // back to a store before V122, one more call written since
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("frontline-test.db"));
             Statement s = c.createStatement()) {
            for (String trigger : new String[] {"call_hour_rollups_insert", "call_hour_rollups_update",
                    "call_hour_rollups_delete"}) {
                s.executeUpdate("DROP TRIGGER " + trigger);
            }
            s.executeUpdate("DROP TABLE call_hour_rollups");
            s.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '122'");
            s.executeUpdate("INSERT INTO calls (call_id, backend, started_at, queued_at, answered_at, ended_at, outcome, "
                    + "intent, tier, language, operator_login) SELECT 'late', 'sim', started_at + 1, queued_at, answered_at, "
                    + "ended_at, outcome, intent, tier, language, 'zoe' FROM calls WHERE call_id = 'r1'");
        }
        db = SqliteTestDatabase.open(dir);

        assertThat(count("SELECT count(*) FROM call_hour_rollups WHERE dim = 'op' AND val = 'zoe'")).isEqualTo(1);
        assertThat(count("SELECT sum(calls) FROM call_hour_rollups WHERE dim = 'none'"))
                .isEqualTo(count("SELECT count(*) FROM calls"));
        assertHoursAreTheirQuarters();
        assertAllEqual(new CallReports(db, Targets.DEFAULTS));
    }
}
