package dev.frontline.core.report;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.SqliteTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every statement of the triggers that keep the report rollups (ADR 0142, 0145) on {@code calls}, {@code ratings},
 * {@code call_events}, {@code tickets} and {@code ticket_notes} (first contact, V119), and on {@code call_rollups} (its hours, V122) reads by key, never a whole rollup table, the calls or the event log: these triggers run in the
 * transaction of every write of the voice menu and the ACD, and a year of a busy desk has millions of rollup rows (a scan per
 * write made each calls-row update take ~0.3 s with 457,000 rollup rows). Plans, not timings, read the way the
 * product runs SQLite (no ANALYZE statistics); {@code bench/run LeaderThroughputBench} prints what the triggers cost.
 */
class RollupTriggerPlansTest {
    private static final Pattern ROW_REFERENCE = Pattern.compile("\\b(OLD|NEW)\\.(\\w+)");
    /**
     * Deleting or rewriting an operator's state event is a repair by hand or a migration (no code of the desk does
     * it, ADR 0145): those triggers rebuild the operator's rows and may read them all.
     */
    private static final Pattern REPAIRS_ONLY = Pattern.compile("operator_time_(delete|update)\\b");

    @TempDir Path dir;
    Database db;

    @BeforeEach
    void seedCalls() {
        db = SqliteTestDatabase.open(dir);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO calls (call_id, backend, calling_number, started_at, "
                    + "queued_at, answered_at, ended_at, outcome, operator_login, intent, tier, language) "
                    + "VALUES (?, 'sim', ?, ?, ?, ?, ?, 'answered', ?, 'technical', 'line1', 'lt')")) {
                for (int i = 0; i < 5_000; i++) {
                    long t = ReportQueryPlansTest.START + i * 600_000L; // a call every 10 min: one rollup row per call
                    ps.setString(1, "p" + i);
                    ps.setString(2, "+3706" + (1_000_000 + i));
                    ps.setLong(3, t);
                    ps.setLong(4, t + 20_000);
                    ps.setLong(5, t + 40_000);
                    ps.setLong(6, t + 200_000);
                    ps.setString(7, "op" + i % 50);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void noTriggerStatementScansTheRollupsOrTheCalls() {
        Map<String, List<String>> plans = triggerPlans();

        assertThat(plans).isNotEmpty().containsKeys("calls_rollup_before_update", "calls_rollup_after_update",
                "calls_rollup_after_delete", "ratings_rollup_update", "operator_time_insert", "transfer_recompute_call",
                "first_contact_calls_update #2", "first_contact_notes_update", "first_contact_tickets_update #2",
                "call_hour_rollups_insert", "call_hour_rollups_update #3", "call_hour_rollups_delete #2");
        plans.entrySet().stream().filter(p -> !REPAIRS_ONLY.matcher(p.getKey()).lookingAt())
                .forEach(p -> assertThat(p.getValue()).as(p.getKey()).noneMatch(step -> step.matches(
                        "SCAN (call_rollups|call_hour_rollups|rating_rollups|operator_time_rollups|transfer_rollups|transfer_steps"
                                + "|first_contact_\\w+|tickets|ticket_notes|calls|call_events|k|e|n|fs|r)\\b.*")));
    }

    /** Each statement of every trigger on calls and ratings, with OLD.x and NEW.x as parameters, and its plan. */
    private Map<String, List<String>> triggerPlans() {
        return db.inTransaction(c -> {
            Map<String, List<String>> plans = new LinkedHashMap<>();
            List<String[]> triggers = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                    + " AND tbl_name IN ('calls', 'ratings', 'call_events', 'transfer_recompute', 'tickets', 'ticket_notes',"
                    + " 'call_rollups')"
                    + " ORDER BY name")) {
                while (rs.next()) {
                    triggers.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] t : triggers) {
                String body = t[1].substring(t[1].indexOf("BEGIN") + 5, t[1].lastIndexOf("END"));
                int n = 0;
                for (String statement : body.split(";")) {
                    if (statement.isBlank()) {
                        continue;
                    }
                    Matcher m = ROW_REFERENCE.matcher(statement);
                    String sql = m.replaceAll("?");
                    List<String> plan = new ArrayList<>();
                    try (ResultSet rs = c.createStatement().executeQuery("EXPLAIN QUERY PLAN " + sql)) {
                        while (rs.next()) {
                            plan.add(rs.getString("detail"));
                        }
                    }
                    plans.put(n++ == 0 ? t[0] : t[0] + " #" + n, plan);
                }
            }
            return plans;
        });
    }
}
