package dev.frontline.bench;

import dev.frontline.core.desk.Targets;
import dev.frontline.core.report.CallReports;
import dev.frontline.core.store.Database;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Loads {@link ReportYear} into a migrated store, two ways that must give the same database (ReportYearLoadTest):
 * <ul>
 * <li>{@link #slow}: multi-row INSERTs through the pool, a commit every 20,000 calls; on SQLite the rollup triggers
 * run as the desk's writes run them, on PostgreSQL they are disabled and the rollups rebuilt after.</li>
 * <li>{@link #bulkSqlite} / {@link #bulkPostgres}: the indexes and triggers of the loaded tables dropped (their SQL read
 * from the schema the migrations made, {@code sqlite_master} / {@code pg_indexes}, and re-run after), one connection
 * and one transaction per million calls with journal and sync off (SQLite) or COPY per table with triggers off for the
 * session (PostgreSQL, {@code session_replication_role = replica}); then the product's own rebuild
 * ({@link CallReports#rebuildRollups()}, the one entry point every rollup is rebuilt by) and ANALYZE.</li>
 * </ul>
 */
final class YearLoader {
    static final int BATCH_ROWS = 200;
    static final List<String> LOADED = List.of("operators", "calls", "call_events", "ratings", "callbacks", "tickets",
            "ticket_notes");

    private YearLoader() {
    }

    /** What a load did, for the bench's output. */
    record Loaded(long[] rows, double loadSeconds, double indexSeconds, double rebuildSeconds, int rollupRows,
                  double analyzeSeconds) {
        long events() {
            return rows[ReportYear.Table.EVENTS.ordinal()];
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            for (ReportYear.Table t : ReportYear.Table.values()) {
                b.append(b.isEmpty() ? "" : ", ").append(String.format("%,d %s", rows[t.ordinal()], t.name));
            }
            return String.format("%s; rows in %.0f s, indexes and triggers %.0f s, rollups rebuilt in %.0f s "
                    + "(%,d call rollup rows), ANALYZE %.0f s; total %.0f s", b, loadSeconds, indexSeconds,
                    rebuildSeconds, rollupRows, analyzeSeconds, loadSeconds + indexSeconds + rebuildSeconds + analyzeSeconds);
        }
    }

    // ---- the slow path: as before the bulk loader (kept as the reference the bulk loader is checked against) ----

    static Loaded slow(Database db, int calls) throws Exception {
        boolean pg = db.dialect() == Database.Dialect.POSTGRESQL;
        long t0 = System.nanoTime();
        if (pg) triggers(db, "DISABLE");
        long[] rows;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Inserts in = new Inserts(c, 1);
            rows = ReportYear.generate(calls, in);
            in.close();
            c.commit();
            c.setAutoCommit(true);
        }
        double load = (System.nanoTime() - t0) / 1e9;
        int rollups = 0;
        double rebuild = 0;
        if (pg) {
            triggers(db, "ENABLE");
            long r0 = System.nanoTime();
            rollups = new CallReports(db, Targets.DEFAULTS).rebuildRollups();
            rebuild = (System.nanoTime() - r0) / 1e9;
        }
        return new Loaded(rows, load, 0, rebuild, rollups, analyze(db));
    }

    private static void triggers(Database db, String enable) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE calls " + enable + " TRIGGER USER");
                s.execute("ALTER TABLE ratings " + enable + " TRIGGER USER");
            }
            return null;
        });
    }

    static double analyze(Database db) throws Exception {
        long a0 = System.nanoTime();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(db.dialect() == Database.Dialect.POSTGRESQL ? "VACUUM ANALYZE" : "ANALYZE");
        }
        return (System.nanoTime() - a0) / 1e9;
    }

    /** Multi-row INSERTs per table, {@link #BATCH_ROWS} rows a statement; a commit every {@code commitEvery} batches. */
    static final class Inserts implements ReportYear.Sink {
        private final Connection c;
        private final int commitEvery;
        private final Map<ReportYear.Table, List<Object>> values = new EnumMap<>(ReportYear.Table.class);
        private final Map<ReportYear.Table, PreparedStatement> full = new EnumMap<>(ReportYear.Table.class);
        private int batches;
        private long calls;
        private long printed;

        Inserts(Connection c, int commitEvery) {
            this.c = c;
            this.commitEvery = commitEvery;
        }

        @Override
        public void row(ReportYear.Table t, Object... row) throws Exception {
            List<Object> v = values.computeIfAbsent(t, k -> new ArrayList<>());
            Collections.addAll(v, row);
            if (v.size() == t.width * BATCH_ROWS) {
                // a note's ticket goes first (the slow path runs with the desk's foreign keys on)
                if (t == ReportYear.Table.NOTES) flush(ReportYear.Table.TICKETS);
                PreparedStatement ps = full.get(t);
                if (ps == null) full.put(t, ps = c.prepareStatement(sql(t, BATCH_ROWS)));
                bindAndRun(ps, v);
            }
            if (t == ReportYear.Table.CALLS) calls++;
        }

        @Override
        public void batchEnd() throws Exception {
            // the same order of statements in both loaders: the tables in Table order, as in a batch end
            for (ReportYear.Table t : ReportYear.Table.values()) flush(t);
            if (++batches % commitEvery == 0) c.commit();
            if (calls % 1_000_000 == 0 && calls > printed) System.out.printf("  ... %,d calls%n", printed = calls);
        }

        private void flush(ReportYear.Table t) throws Exception {
            List<Object> v = values.get(t);
            if (v == null || v.isEmpty()) return;
            try (PreparedStatement ps = c.prepareStatement(sql(t, v.size() / t.width))) {
                bindAndRun(ps, v);
            }
        }

        void close() throws Exception {
            for (PreparedStatement ps : full.values()) ps.close();
        }

        private static void bindAndRun(PreparedStatement ps, List<Object> v) throws Exception {
            for (int i = 0; i < v.size(); i++) ps.setObject(i + 1, v.get(i));
            ps.executeUpdate();
            v.clear();
        }

        private static String sql(ReportYear.Table t, int n) {
            String one = "(" + "?, ".repeat(t.width - 1) + "?)";
            return "INSERT INTO " + t.name + " (" + t.columns + ") VALUES " + String.join(", ", Collections.nCopies(n, one));
        }
    }

    // ---- SQLite bulk ----

    /**
     * Creates {@code file} (it must not exist): migrated as the product does, then loaded on one connection into
     * {@code file.loading} and renamed when everything (rollups and ANALYZE included) is done, so a load that died is
     * never taken for a loaded file.
     */
    static Loaded bulkSqlite(Path file, int calls) throws Exception {
        if (Files.exists(file)) throw new IllegalArgumentException(file + " exists already");
        Path loading = file.resolveSibling(file.getFileName() + ".loading");
        Files.deleteIfExists(loading);
        try (Database db = Database.sqlite(loading)) {
            db.flush();
        }
        long t0 = System.nanoTime();
        long[] rows;
        double load;
        double index;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + loading.toAbsolutePath())) {
            List<String> recreate = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
                s.execute("PRAGMA cache_size = -1000000"); // 1 GB of pages, outside the JVM's heap
                s.execute("PRAGMA temp_store = MEMORY");
                s.execute("PRAGMA locking_mode = EXCLUSIVE");
                List<String[]> drop = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', "
                        + "'trigger') AND sql IS NOT NULL AND tbl_name IN ('" + String.join("', '", LOADED) + "') "
                        + "ORDER BY type = 'trigger', name")) {
                    while (rs.next()) drop.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
                for (String[] d : drop) {
                    s.execute("DROP " + d[0].toUpperCase() + " " + d[1]);
                    recreate.add(d[2]);
                }
            }
            c.setAutoCommit(false);
            Inserts in = new Inserts(c, 50); // a million calls a transaction
            rows = ReportYear.generate(calls, in);
            in.close();
            c.commit();
            load = (System.nanoTime() - t0) / 1e9;
            long i0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                for (String sql : recreate) s.execute(sql);
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA locking_mode = NORMAL");
                s.execute("PRAGMA journal_mode = WAL");
            }
            index = (System.nanoTime() - i0) / 1e9;
            System.out.printf("  re-created %d indexes and triggers from the schema the migrations made%n", recreate.size());
        }
        Loaded done;
        try (Database db = Database.sqlite(loading)) {
            long r0 = System.nanoTime();
            int rollups = new CallReports(db, Targets.DEFAULTS).rebuildRollups();
            double rebuild = (System.nanoTime() - r0) / 1e9;
            done = new Loaded(rows, load, index, rebuild, rollups, analyze(db));
        }
        Files.move(loading, file, StandardCopyOption.ATOMIC_MOVE);
        for (String suffix : List.of("-wal", "-shm")) Files.deleteIfExists(loading.resolveSibling(loading.getFileName() + suffix));
        return done;
    }

    // ---- PostgreSQL bulk ----

    /**
     * Loads the migrated, empty database at {@code url} with COPY, one connection per table so the tables stream
     * side by side; triggers (the rollups' and the foreign keys') off for those sessions only.
     */
    static Loaded bulkPostgres(Database db, String url, String user, String password, int calls) throws Exception {
        long t0 = System.nanoTime();
        List<String> recreate = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            List<String[]> drop = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = "
                    + "current_schema() AND tablename IN ('" + String.join("', '", LOADED) + "') AND indexname NOT IN "
                    + "(SELECT conname FROM pg_constraint) ORDER BY indexname")) {
                while (rs.next()) drop.add(new String[] {rs.getString(1), rs.getString(2)});
            }
            for (String[] d : drop) {
                s.execute("DROP INDEX " + d[0]);
                recreate.add(d[1]);
            }
        }
        Map<ReportYear.Table, Connection> connections = new EnumMap<>(ReportYear.Table.class);
        Map<ReportYear.Table, CopyIn> copies = new EnumMap<>(ReportYear.Table.class);
        Map<ReportYear.Table, StringBuilder> buffers = new EnumMap<>(ReportYear.Table.class);
        long[] rows;
        try {
            for (ReportYear.Table t : ReportYear.Table.values()) {
                Connection c = DriverManager.getConnection(url, user, password);
                connections.put(t, c);
                try (Statement s = c.createStatement()) {
                    s.execute("SET session_replication_role = replica");
                }
                copies.put(t, new CopyManager(c.unwrap(BaseConnection.class))
                        .copyIn("COPY " + t.name + " (" + t.columns + ") FROM STDIN"));
                buffers.put(t, new StringBuilder(1 << 17));
            }
            rows = ReportYear.generate(calls, new ReportYear.Sink() {
                long batches;

                @Override
                public void row(ReportYear.Table t, Object... values) throws Exception {
                    StringBuilder b = buffers.get(t);
                    for (int i = 0; i < values.length; i++) {
                        if (i > 0) b.append('\t');
                        copyText(b, values[i]);
                    }
                    b.append('\n');
                    if (b.length() >= 1 << 16) send(copies.get(t), b);
                }

                @Override
                public void batchEnd() {
                    if (++batches % 50 == 0) System.out.printf("  ... %,d calls%n", batches * ReportYear.BATCH_CALLS);
                }
            });
            for (ReportYear.Table t : ReportYear.Table.values()) {
                send(copies.get(t), buffers.get(t));
                copies.get(t).endCopy();
            }
        } finally {
            for (ReportYear.Table t : copies.keySet()) {
                if (copies.get(t).isActive()) copies.get(t).cancelCopy();
            }
            for (Connection c : connections.values()) c.close();
        }
        double load = (System.nanoTime() - t0) / 1e9;
        long i0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '512MB'");
            for (String sql : recreate) s.execute(sql);
        }
        double index = (System.nanoTime() - i0) / 1e9;
        System.out.printf("  re-created %d indexes from the schema the migrations made%n", recreate.size());
        long r0 = System.nanoTime();
        int rollups = new CallReports(db, Targets.DEFAULTS).rebuildRollups();
        double rebuild = (System.nanoTime() - r0) / 1e9;
        return new Loaded(rows, load, index, rebuild, rollups, analyze(db));
    }

    private static void send(CopyIn copy, StringBuilder b) throws Exception {
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        b.setLength(0);
    }

    /** One value in COPY's text format: \N for null, backslash, tab and line ends escaped. */
    static void copyText(StringBuilder b, Object v) {
        if (v == null) {
            b.append("\\N");
            return;
        }
        String s = v.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
    }
}
