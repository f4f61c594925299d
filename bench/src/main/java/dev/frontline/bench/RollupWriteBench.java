package dev.frontline.bench;

import dev.frontline.core.store.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the report rollups' triggers (ADR 0142) cost the live desk's writes on a store that already holds a long
 * history: on a copy of a filled SQLite file (e.g. the one {@code ReportBench ... file=} keeps), {@code calls} calls'
 * rows are written as the voice menu and the ACD write them — inserted, queued, answered, ended, each its own
 * transaction — first with the triggers as shipped, then on a second copy with every trigger dropped (the baseline).
 * Prints ms per write and the ratio. The given file is not changed (it is migrated on a copy, without ANALYZE
 * statistics, as a desk's file is).
 * Usage: {@code bench/run RollupWriteBench file=/tmp/year.db [calls=200]}.
 */
public final class RollupWriteBench {
    public static void main(String[] args) throws Exception {
        Path file = null;
        int calls = 200;
        for (String a : args) {
            if (a.startsWith("file=")) {
                file = Path.of(a.substring(5));
            } else if (a.startsWith("calls=")) {
                calls = Integer.parseInt(a.substring(6));
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "': file=, calls=");
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file=: a filled SQLite store is needed (bench/run ReportBench "
                    + "calls=400000 db=sqlite file=/tmp/year.db makes one)");
        }
        Path dir = Files.createTempDirectory("rollup-write-bench");
        double shipped = run("triggers as shipped", copy(file, dir.resolve("shipped.db")), calls, false);
        double bare = run("every trigger dropped", copy(file, dir.resolve("bare.db")), calls, true);
        System.out.printf("the triggers' cost per write: %.2fx the write without them%n", shipped / bare);
    }

    /**
     * A copy without SQLite's statistics: the product never runs ANALYZE, so a desk's file has none and SQLite plans
     * without them (a file a benchmark analysed would hide a scan behind a skip-scan).
     */
    private static Path copy(Path from, Path to) throws java.io.IOException, SQLException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + to); Statement st = c.createStatement()) {
            List<String> stats = new ArrayList<>();
            try (var rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'sqlite_stat%'")) {
                while (rs.next()) {
                    stats.add(rs.getString(1));
                }
            }
            for (String t : stats) {
                st.execute("DELETE FROM " + t);
            }
        }
        return to;
    }

    /** Returns ms per write. */
    private static double run(String name, Path file, int calls, boolean dropTriggers) throws SQLException {
        try (Database db = Database.sqlite(file); Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            long rollupRows;
            long callRows;
            try (Statement st = c.createStatement()) {
                if (dropTriggers) {
                    List<String> names = new ArrayList<>();
                    try (var rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'trigger'")) {
                        while (rs.next()) {
                            names.add(rs.getString(1));
                        }
                    }
                    for (String n : names) {
                        st.execute("DROP TRIGGER " + n);
                    }
                }
                try (var rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM calls), (SELECT COUNT(*) FROM call_rollups)")) {
                    rs.next();
                    callRows = rs.getLong(1);
                    rollupRows = rs.getLong(2);
                }
            }
            long base;
            try (var rs = c.createStatement().executeQuery("SELECT coalesce(max(started_at), 0) FROM calls")) {
                rs.next();
                base = rs.getLong(1) + 60_000;
            }
            long t0 = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO calls (call_id, backend, calling_number, "
                    + "called_number, flow, started_at, trail) VALUES (?, 'sim', ?, '+37052000000', 'main', ?, '[]')");
                 PreparedStatement queued = c.prepareStatement(
                         "UPDATE calls SET queued_at = ?, intent = 'technical', priority = 1, tier = 'line1' WHERE call_id = ?");
                 PreparedStatement answered = c.prepareStatement(
                         "UPDATE calls SET answered_at = ?, operator_login = ? WHERE call_id = ?");
                 PreparedStatement ended = c.prepareStatement(
                         "UPDATE calls SET outcome = 'operator', ended_at = ? WHERE call_id = ?")) {
                for (int i = 0; i < calls; i++) {
                    String id = "rwb-" + i;
                    long t = base + i * 500L;
                    insert.setString(1, id);
                    insert.setString(2, "+3706" + (1_000_000 + i));
                    insert.setLong(3, t);
                    insert.executeUpdate();
                    queued.setLong(1, t + 1_000);
                    queued.setString(2, id);
                    queued.executeUpdate();
                    answered.setLong(1, t + 3_000 + i * 37L % 9_000);
                    answered.setString(2, "op" + i % 50);
                    answered.setString(3, id);
                    answered.executeUpdate();
                    ended.setLong(1, t + 100_000);
                    ended.setString(2, id);
                    ended.executeUpdate();
                }
            }
            double msPerWrite = (System.nanoTime() - t0) / 1e6 / (calls * 4.0);
            System.out.printf("%-22s %,d calls rows and %,d rollup rows before: %,d writes, %.2f ms per write%n",
                    name + ":", callRows, rollupRows, calls * 4, msPerWrite);
            return msPerWrite;
        }
    }
}
