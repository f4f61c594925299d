package dev.frontline.bench;

import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.AcdFixtures;
import dev.frontline.core.acd.AcdService;
import dev.frontline.core.acd.ManualClock;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.RecordingConnector;
import dev.frontline.core.acd.RecordingSms;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.cluster.PgLeadership;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.store.AppendFence;
import dev.frontline.core.store.CallRecordRepository;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.PostgresTestDatabase;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ACD's throughput and routing latency with its log on PostgreSQL (the elected leader, every append fenced by
 * the epoch), beside PostgreSQL without the fence and the single-server SQLite file, in the same run: {@code calls}
 * calls go through queued, offered, answered, ended and wrap-up (50 operators, batches of 50 calls); latency is
 * enqueue to the logged {@code CallOffered}. Each call also has its {@code calls} row, written as the voice menu
 * writes it (started, then ended with an outcome; a rating for every third call), so the ACD's own updates of that
 * row run. The desk's clock moves about 25 s per batch of 50 calls (~1,800 calls per quarter hour, a busy peak; each
 * wait differs). Each store is measured as shipped and with every database trigger dropped (the report rollups' and
 * PostgreSQL's NOTIFY to a warm standby): the difference is what those triggers cost the live desk.
 * Usage: {@code bench/run LeaderThroughputBench [calls=20000]}.
 */
public final class LeaderThroughputBench {
    private static final int OPERATORS = 50;

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0].replace("calls=", "")) : 20_000;
        for (int round = 1; round <= 2; round++) { // the first round warms the JIT up
            double[] sqlite = new double[2];
            double[] pgPlain = new double[2];
            for (boolean triggers : new boolean[] {false, true}) {
                String t = triggers ? "" : ", no triggers";
                try (Database db = Database.sqlite(Files.createTempDirectory("leader-bench").resolve("acd.db"))) {
                    sqlite[triggers ? 1 : 0] = run("SQLite, one server" + t, db, AppendFence.NONE, calls, round, triggers);
                }
                try (Database pg = PostgresTestDatabase.fresh()) {
                    pgPlain[triggers ? 1 : 0] = run("PostgreSQL, no fence" + t, pg, AppendFence.NONE, calls, round,
                            triggers);
                }
            }
            System.out.printf("round %d, the triggers' cost: SQLite %.2fx, PostgreSQL %.2fx the calls/s without them%n",
                    round, sqlite[1] / sqlite[0], pgPlain[1] / pgPlain[0]);
            try (Database pg = PostgresTestDatabase.fresh()) {
                String url = ((com.zaxxer.hikari.HikariDataSource) pg.dataSource()).getJdbcUrl();
                dev.frontline.core.cluster.EpochFence fence = new dev.frontline.core.cluster.EpochFence();
                try (PgLeadership leader = new PgLeadership(url, "postgres", "postgres", "bench", Duration.ofSeconds(2),
                        new PgLeadership.Listener() {
                            @Override
                            public void elected(long epoch) {
                                fence.hold(epoch);
                            }

                            @Override
                            public void deposed(String why) {
                                fence.hold(dev.frontline.core.cluster.EpochFence.NONE);
                            }
                        }, Runnable::run)) {
                    leader.tick();
                    run("PostgreSQL, leader + epoch fence", pg, fence, calls, round, true);
                }
            }
        }
    }

    /** Runs the calls and returns calls per second. */
    private static double run(String name, Database db, AppendFence fence, int calls, int round, boolean triggers)
            throws java.sql.SQLException {
        if (!triggers) {
            dropTriggers(db);
        }
        ManualClock clock = new ManualClock(AcdFixtures.T0);
        CallRecordRepository rows = new CallRecordRepository(db, clock);
        AcdFixtures.Directory operators = new AcdFixtures.Directory();
        for (int i = 0; i < OPERATORS; i++) {
            operators.add("op" + i);
        }
        AcdService acd = new AcdService(AcdConfig.defaults(), clock, new JdbcAcdEventLog(db, fence), operators,
                BusinessHours.always(), new RecordingConnector(), new RecordingSms(), new CallbackNotices("+37052000000"))
                .start(false);
        Map<CallId, Long> enqueued = new ConcurrentHashMap<>();
        long[] latency = new long[calls];
        int[] offered = {0};
        acd.subscribe(e -> {
            if (e instanceof AcdEvent.CallOffered o) {
                Long t = enqueued.remove(o.callId());
                if (t != null && offered[0] < calls) {
                    latency[offered[0]++] = System.nanoTime() - t;
                }
            }
        });
        for (int i = 0; i < OPERATORS; i++) {
            acd.setOperatorState(AcdFixtures.op("op" + i), OperatorState.READY, "");
        }
        acd.sync();
        long t0 = System.nanoTime();
        for (int c = 0; c < calls; c += OPERATORS) {
            for (int i = 0; i < OPERATORS; i++) {
                CallId id = new CallId("c" + (c + i));
                rows.started(id, Backend.SIM, "+3706" + (1_000_000 + c + i), "+37052000000", "main");
            }
            db.flush(); // the menu wrote the rows long before the callers queue
            for (int i = 0; i < OPERATORS; i++) {
                CallId id = new CallId("c" + (c + i));
                enqueued.put(id, System.nanoTime());
                acd.enqueue(AcdFixtures.call(id.value(), Intent.values()[i % Intent.values().length], clock.instant()));
            }
            clock.advance(Duration.ofSeconds(5));
            acd.sync();
            for (int i = 0; i < OPERATORS; i++) { // answered one after another: every wait differs (as on a desk)
                clock.advance(Duration.ofMillis(200 + (c + i) * 37 % 400));
                acd.operatorAnswered(new CallId("c" + (c + i)));
            }
            for (int i = 0; i < OPERATORS; i++) {
                CallId id = new CallId("c" + (c + i));
                acd.callEnded(id);
                ended(db, id, clock.millis());
                if ((c + i) % 3 == 0) {
                    rows.rate(id, 1 + (c + i) % 5);
                }
            }
            for (int i = 0; i < OPERATORS; i++) {
                acd.endWrapUp(AcdFixtures.op("op" + i));
            }
            acd.sync();
        }
        db.flush();
        double seconds = (System.nanoTime() - t0) / 1e9;
        acd.close();
        long[] l = Arrays.copyOf(latency, offered[0]);
        Arrays.sort(l);
        System.out.printf("round %d, %-46s %,d calls in %.1f s: %,.0f calls/s; enqueue -> offered p50 %.2f ms,"
                        + " p99 %.2f ms%n", round, name + ":", calls, seconds, calls / seconds,
                l[l.length / 2] / 1e6, l[(int) (l.length * 0.99)] / 1e6);
        System.out.printf("    (%s)%n", rowsWritten(db));
        return calls / seconds;
    }

    /** What the run left in the tables: the rows the triggers work from and the rollup rows they made. */
    private static String rowsWritten(Database db) throws java.sql.SQLException {
        try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM calls WHERE answered_at IS NOT NULL"
                     + " AND ended_at IS NOT NULL), (SELECT COUNT(*) FROM ratings), (SELECT COUNT(*) FROM call_rollups)")) {
            rs.next();
            return String.format("%,d calls rows answered and ended, %,d ratings, %,d call_rollups rows",
                    rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    /** The voice menu's last write of the row: the session ended with the caller served by an operator. */
    private static void ended(Database db, CallId id, long at) {
        db.writeBehind("calls row of " + id.value(), c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "UPDATE calls SET outcome = 'operator', ended_at = ? WHERE call_id = ? AND ended_at IS NULL")) {
                ps.setLong(1, at);
                ps.setString(2, id.value());
                return ps.executeUpdate();
            }
        });
    }

    /** Drops every trigger of the schema (SQLite or PostgreSQL). */
    private static void dropTriggers(Database db) throws java.sql.SQLException {
        try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            boolean sqlite = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("sqlite");
            java.util.List<String> drops = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = st.executeQuery(sqlite
                    ? "SELECT 'DROP TRIGGER ' || name FROM sqlite_master WHERE type = 'trigger'"
                    : "SELECT 'DROP TRIGGER ' || quote_ident(tgname) || ' ON ' || tgrelid::regclass FROM pg_trigger"
                            + " WHERE NOT tgisinternal")) {
                while (rs.next()) {
                    drops.add(rs.getString(1));
                }
            }
            for (String d : drops) {
                st.execute(d);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }
}
