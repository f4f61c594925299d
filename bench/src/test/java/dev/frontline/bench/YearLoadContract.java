package dev.frontline.bench;

import dev.frontline.core.desk.Targets;
import dev.frontline.core.report.CallReport;
import dev.frontline.core.report.CallReports;
import dev.frontline.core.report.ReportQuery;
import dev.frontline.core.store.Database;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk loader is honest when it leaves the same database as the slow one for the same year: every loaded table and
 * rollup row alike, and every report ReportBench times alike (and equal to the raw-table path).
 */
abstract class YearLoadContract {
    static final int CALLS = 2_000;
    static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    static final String[][] TABLES = {
            {"operators", "login"}, {"calls", "call_id"}, {"call_events", "seq"}, {"ratings", "call_id"},
            {"callbacks", "id"}, {"tickets", "id"}, {"ticket_notes", "id"},
            {"call_rollups", "dim, quarter, val"}, {"call_hour_rollups", "dim, hour, val"},
            {"rating_rollups", "quarter, score"}};

    static void assertSame(Database slow, Database bulk) throws Exception {
        for (String[] t : TABLES) {
            List<String> a = dump(slow, t[0], t[1]);
            List<String> b = dump(bulk, t[0], t[1]);
            assertThat(a).as(t[0]).isNotEmpty();
            assertThat(b).as(t[0] + " loaded in bulk").hasSize(a.size()).isEqualTo(a);
        }
        CallReports fromSlow = new CallReports(slow, Targets.DEFAULTS, 7, NOW);
        CallReports fromBulk = new CallReports(bulk, Targets.DEFAULTS, 7, NOW);
        CallReports raw = fromBulk.fromRawTables();
        long reached = 0;
        for (ReportQuery q : ReportBench.queries()) {
            CallReport a = fromSlow.report(q);
            CallReport b = fromBulk.report(q);
            assertReport(b, a, q + " bulk vs slow");
            assertReport(raw.report(q), b, q + " raw tables vs bulk rollups");
            reached += b.tickets().stream().mapToLong(CallReport.TicketLine::reached).sum();
            assertThat(b.rows()).as(q.toString()).isNotEmpty();
        }
        assertThat(reached).as("tickets in the reports").isPositive();
    }

    private static void assertReport(CallReport actual, CallReport expected, String what) {
        assertThat(actual.rows()).as(what).isEqualTo(expected.rows());
        assertThat(actual.selfServedByStep()).as(what).isEqualTo(expected.selfServedByStep());
        assertThat(actual.callbacks()).as(what).isEqualTo(expected.callbacks());
        assertThat(actual.ratings().counts()).as(what).isEqualTo(expected.ratings().counts());
        assertThat(actual.ratings().average()).as(what).isEqualTo(expected.ratings().average());
        assertThat(actual.transfers()).as(what).isEqualTo(expected.transfers());
        assertThat(actual.operatorTime()).as(what).isEqualTo(expected.operatorTime());
        assertThat(actual.abandonedCallers()).as(what).isEqualTo(expected.abandonedCallers());
        assertThat(actual.tickets()).as(what).isEqualTo(expected.tickets());
        assertThat(actual.firstContact()).as(what).isEqualTo(expected.firstContact());
    }

    /** Every row of {@code table} in {@code order}, each column as text. */
    static List<String> dump(Database db, String table, String order) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
                ResultSetMetaData m = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= m.getColumnCount(); i++) b.append(m.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                    out.add(b.toString());
                }
            }
            return out;
        });
    }
}
