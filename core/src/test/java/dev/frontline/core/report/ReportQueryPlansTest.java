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
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw-table parts of a report read the period through an index on a year of calls with SQLite's statistics
 * (ANALYZE): no full scan of calls per call (first-contact resolution), no scan of every unanswered call ever
 * (abandoned callers). Plans, not timings: the benchmark (ReportBench) prints the times.
 */
class ReportQueryPlansTest {
    static final long DAY = 86_400_000L;
    static final long START = 1_735_682_400_000L; // 2025-01-01 in Vilnius

    @TempDir Path dir;
    Database db;

    @BeforeEach
    void seedAYear() {
        db = SqliteTestDatabase.open(dir);
        Random rnd = new Random(7);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO calls (call_id, backend, calling_number, started_at, "
                    + "queued_at, answered_at, ended_at, outcome, operator_login) VALUES (?, 'sim', ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < 100_000; i++) { // SQLite's choice of plan changes with the size
                    long t = START + (long) (rnd.nextDouble() * 365 * DAY);
                    boolean answered = rnd.nextInt(100) < 65;
                    ps.setString(1, "p" + i);
                    ps.setString(2, "+3706" + (1_000_000 + rnd.nextInt(500_000)));
                    ps.setLong(3, t);
                    ps.setLong(4, t + 20_000);
                    ps.setObject(5, answered ? t + 40_000 : null);
                    ps.setLong(6, t + 200_000);
                    ps.setString(7, answered ? "answered" : rnd.nextBoolean() ? "abandoned" : "self-served");
                    ps.setString(8, answered ? "op" + rnd.nextInt(50) : null);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.createStatement().execute("ANALYZE");
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void abandonedCallersOfADayAreReadByStartTime() {
        assertThat(plan("EXPLAIN QUERY PLAN " + CallReports.ABANDONED, START + 200 * DAY, START + 201 * DAY))
                .first().asString().contains("calls_started");
    }

    /** A year's list stops at its limit reading backwards by start: no sort of every abandoned call of the year. */
    @Test
    void abandonedCallersOfAYearAreTheLatestByStartWithoutASort() {
        assertThat(plan("EXPLAIN QUERY PLAN " + CallReports.ABANDONED, START, START + 365 * DAY))
                .first().asString().contains("calls_started");
        assertThat(plan("EXPLAIN QUERY PLAN " + CallReports.ABANDONED, START, START + 365 * DAY))
                .noneMatch(s -> s.contains("TEMP B-TREE"));
    }

    @Test
    void firstContactResolutionLooksUpEachCallByIndex() {
        List<String> plan = plan("EXPLAIN QUERY PLAN " + FirstContactResolution.SQL, DAY, 0, DAY, 0, DAY, DAY, DAY, DAY,
                START + 200 * DAY, START + 230 * DAY);
        assertThat(plan).anyMatch(s -> s.startsWith("SEARCH k") && s.contains("started_at>? AND started_at<?"));
        assertThat(plan).noneMatch(s -> s.startsWith("SCAN"));
        // a later call of the same customer or number: by customer or number, not every call of the next days
        assertThat(plan).filteredOn(s -> s.startsWith("SEARCH l")).isNotEmpty()
                .allMatch(s -> s.contains("customer_id=?") || s.contains("calling_number=?"));
    }

    List<String> plan(String sql, long... args) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) ps.setLong(i + 1, args[i]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(4));
                }
            }
            return out;
        });
    }
}
