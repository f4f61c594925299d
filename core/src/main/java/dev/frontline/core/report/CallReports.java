package dev.frontline.core.report;

import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds {@link CallReport}s: call rows and ratings from the 15-minute rollups ({@link CallRollups}, ADR 0142), the rest
 * from {@code call_events}, {@code callbacks}, tickets and {@code calls}; intervals follow the desk's time zone (DST
 * included). {@link #fromRawTables()} sums the period's calls here instead (ADR 0105). Thread-safe; it writes only to
 * rebuild the rollups when the on-line target changed.
 */
public final class CallReports {

    /** Days after a call in which a repeat call or a reopened ticket means it was not resolved at first contact. */
    public static final int DEFAULT_FIRST_CONTACT_DAYS = 7;

    private final Database db;
    private final Targets targets;
    private final int firstContactDays;
    private final java.time.Clock clock;
    private final boolean rollups;

    public CallReports(Database db, Targets targets) {
        this(db, targets, DEFAULT_FIRST_CONTACT_DAYS, java.time.Clock.systemUTC());
    }

    /**
     * @param firstContactDays days after a call in which a repeat call or a reopened ticket count against first-contact
     *                         resolution (1..90)
     * @param clock            "now": open tickets past their target, calls whose window has not passed yet
     */
    public CallReports(Database db, Targets targets, int firstContactDays, java.time.Clock clock) {
        this(db, targets, firstContactDays, clock, true);
    }

    private CallReports(Database db, Targets targets, int firstContactDays, java.time.Clock clock, boolean rollups) {
        this.db = Objects.requireNonNull(db, "db");
        this.targets = Objects.requireNonNull(targets, "targets");
        if (firstContactDays < 1 || firstContactDays > 90) {
            throw new IllegalArgumentException("first-contact days must be 1..90, not " + firstContactDays);
        }
        this.firstContactDays = firstContactDays;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rollups = rollups;
    }

    /**
     * The same reports computed from the raw tables only (every call of the period read and summed here, ADR 0105):
     * the reference the rollups are tested and benchmarked against.
     */
    public CallReports fromRawTables() {
        return new CallReports(db, targets, firstContactDays, clock, false);
    }

    /**
     * The report of {@code q}. Call rows, self-service by step, line-1 answers and ratings come from the 15-minute
     * rollups (ADR 0142; rebuilt first, once, when the on-line target changed); operator time and transfers from
     * theirs (ADR 0145); first-contact resolution from its quarter rollups (brought up to date first, V119) and the
     * raw rows of the calls whose window has not passed; abandoned callers and tickets from their tables.
     */
    public CallReport report(ReportQuery q) {
        return report(q, null);
    }

    /**
     * {@link #report(ReportQuery)}, adding the milliseconds each part took to {@code millis} (when not null): calls,
     * ratings, callbacks, transfers, operator time, abandoned, tickets, first contact. For the benchmark.
     */
    public CallReport report(ReportQuery q, Map<String, Double> millis) {
        db.flush();
        boolean fromRollups = rollups && CallRollups.covers(q);
        if (fromRollups) CallRollups.ensureTarget(db, targets.onLine().toMillis());
        long now = clock.millis();
        long refreshStarted = System.nanoTime();
        if (fromRollups) FirstContactResolution.refresh(db, firstContactDays, now, false);
        if (millis != null && fromRollups) millis.merge("first contact", (System.nanoTime() - refreshStarted) / 1e6, Double::sum);
        long ticketsRefreshed = System.nanoTime();
        if (fromRollups) TicketTimes.refresh(db, targets, false);
        if (millis != null && fromRollups) millis.merge("tickets", (System.nanoTime() - ticketsRefreshed) / 1e6, Double::sum);
        long from = q.start().toEpochMilli();
        long to = q.end().toEpochMilli();
        long fromQ = from / CallRollups.QUARTER_MS;
        long toQ = to / CallRollups.QUARTER_MS;
        try (Connection c = db.dataSource().getConnection(); SortMemory m = SortMemory.of(c, db.dialect())) {
            Map<String, Long> selfServed = new TreeMap<>();
            List<CallReport.Row> rows = timed(millis, "calls", () -> fromRollups
                    ? toRows(CallRollups.rows(c, q)) : rows(c, q, from, to, selfServed));
            if (fromRollups) timed(millis, "calls", () -> CallRollups.selfServedBySteps(c, fromQ, toQ, selfServed));
            long line1Answered = timed(millis, "calls", () -> fromRollups
                    ? CallRollups.line1Answered(c, fromQ, toQ) : line1Answered(c, from, to));
            CallReport.Ratings ratings = timed(millis, "ratings", () -> fromRollups
                    ? ratings(CallRollups.ratings(c, fromQ, toQ)) : ratings(c, from, to));
            return new CallReport(q, targets.onLine().toSeconds(), rows, selfServed,
                    timed(millis, "callbacks", () -> callbacks(c, from, to)), ratings,
                    timed(millis, "transfers", () -> fromRollups
                            ? TransferCounts.fromRollups(c, fromQ, toQ, line1Answered)
                            : TransferCounts.fromRawTables(c, from, to, line1Answered)),
                    timed(millis, "operator time", () -> fromRollups
                            ? OperatorTimes.fromRollups(c, from, to, now)
                            : OperatorTimes.fromRawTables(c, from, Math.min(to, now))),
                    timed(millis, "abandoned", () -> abandoned(c, from, to)),
                    timed(millis, "tickets", () -> fromRollups ? TicketTimes.fromRollups(c, fromQ, toQ, now, targets)
                            : TicketTimes.of(c, from, to, now, targets)),
                    timed(millis, "first contact", () -> fromRollups
                            ? FirstContactResolution.fromRollups(c, from, to, now, firstContactDays)
                            : FirstContactResolution.of(c, from, to, now, firstContactDays)));
        } catch (SQLException e) {
            throw new StoreException("cannot build the report: " + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds every rollup from {@code calls} and {@code ratings} in one write (after a bulk load that bypassed the
     * triggers, e.g. the benchmark's on PostgreSQL with triggers disabled), and the operator time rollups from
     * {@code call_events} and the transfer counts (ADR 0145), first contact (V119) and ticket times (V123). Returns the
     * rollup rows written (quarters for the last two).
     */
    public int rebuildRollups() {
        int rows = CallRollups.rebuild(db, targets.onLine().toMillis());
        boolean pg = db.dialect() == Database.Dialect.POSTGRESQL;
        return rows + db.writeNow("operator time and transfer rollups rebuilt", c ->
                OperatorTimes.rebuild(c, pg) + TransferCounts.rebuild(c, pg))
                + (int) FirstContactResolution.refresh(db, firstContactDays, clock.millis(), true)
                + (int) TicketTimes.refresh(db, targets, true);
    }

    /**
     * On PostgreSQL, 64 MB of sort and hash memory for this report's reads, reset when done (the pool keeps the
     * connection): a year by day and operator groups ~223,000 hour rollup rows into 18,615 and, with the default
     * 4 MB, sorted them on disk (1.7 s) instead of hashing them in memory.
     */
    private record SortMemory(Connection c) implements AutoCloseable {
        static SortMemory of(Connection c, Database.Dialect dialect) throws SQLException {
            if (dialect != Database.Dialect.POSTGRESQL) return new SortMemory(null);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET work_mem = '64MB'");
            }
            return new SortMemory(c);
        }

        @Override
        public void close() throws SQLException {
            if (c == null) return;
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("RESET work_mem");
            }
        }
    }

    private interface Part<T> {
        T get() throws SQLException;
    }

    private static <T> T timed(Map<String, Double> millis, String part, Part<T> work) throws SQLException {
        long t0 = System.nanoTime();
        T result = work.get();
        if (millis != null) millis.merge(part, (System.nanoTime() - t0) / 1e6, Double::sum);
        return result;
    }

    private List<CallReport.Row> rows(Connection c, ReportQuery q, long from, long to, Map<String, Long> selfServed)
            throws SQLException {
        String keyColumn = switch (q.by()) {
            case NONE -> "NULL";
            case QUEUE -> "intent";
            case LINE -> "tier";
            case LANGUAGE -> "language";
            case OPERATOR -> "operator_login";
        };
        long target = targets.onLine().toMillis();
        Map<Instant, Map<String, CallRollups.Acc>> buckets = new TreeMap<>();
        Instant periodStart = q.start();
        // one bucket per hour of local time at most: cache the bucket of each epoch hour (zones move by whole quarters)
        Map<Long, Instant> bucketOfQuarter = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT started_at, queued_at, answered_at, ended_at, outcome, "
                + "ended_at_step, " + keyColumn + " FROM calls WHERE started_at >= ? AND started_at < ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long started = rs.getLong(1);
                    long queued = rs.getLong(2);
                    boolean wasQueued = !rs.wasNull();
                    long answered = rs.getLong(3);
                    boolean wasAnswered = !rs.wasNull();
                    long ended = rs.getLong(4);
                    boolean hasEnded = !rs.wasNull();
                    String outcome = rs.getString(5);
                    String key = rs.getString(7);
                    Instant bucket = bucketOfQuarter.computeIfAbsent(started / 900_000L,
                            k -> q.interval().bucket(Instant.ofEpochMilli(k * 900_000L), periodStart, q.zone()));
                    CallRollups.Acc a = buckets.computeIfAbsent(bucket, b -> new HashMap<>())
                            .computeIfAbsent(key == null ? "" : key, k -> new CallRollups.Acc());
                    a.calls++;
                    if ("self-served".equals(outcome)) {
                        a.selfServed++;
                        String step = rs.getString(6);
                        selfServed.merge(step == null ? "" : step, 1L, Long::sum);
                    }
                    if (!wasQueued) continue;
                    a.offered++;
                    if (wasAnswered) {
                        long wait = Math.max(0, answered - queued);
                        a.answered++;
                        a.answerWaitSum += wait;
                        a.longestWait = Math.max(a.longestWait, wait);
                        if (wait <= target) a.inTarget++;
                        if (hasEnded && ended >= answered) {
                            a.talkSum += ended - answered;
                            a.talkCount++;
                        }
                    } else if ("abandoned".equals(outcome) && hasEnded) {
                        long wait = Math.max(0, ended - queued);
                        a.abandoned++;
                        a.abandonWaitSum += wait;
                        a.longestWait = Math.max(a.longestWait, wait);
                    }
                }
            }
        }
        return toRows(buckets);
    }

    /** One row per interval and key, in order. */
    private static List<CallReport.Row> toRows(Map<Instant, Map<String, CallRollups.Acc>> buckets) {
        List<CallReport.Row> out = new ArrayList<>();
        new TreeMap<>(buckets).forEach((start, byKey) -> new TreeMap<>(byKey).forEach((key, a) -> out.add(
                new CallReport.Row(start, key, a.calls, a.offered, a.answered, a.abandoned, avgSeconds(a.abandonWaitSum, a.abandoned), a.selfServed,
                a.offered == 0 ? null : (double) a.inTarget / a.offered, avgSeconds(a.answerWaitSum, a.answered),
                avgSeconds(a.talkSum, a.talkCount), a.longestWait / 1000))));
        return out;
    }

    private static Double avgSeconds(long sumMillis, long n) {
        return n == 0 ? null : sumMillis / 1000.0 / n;
    }

    private static CallReport.Callbacks callbacks(Connection c, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), "
                + "sum(CASE WHEN state = 'done' THEN 1 ELSE 0 END), sum(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) "
                // a withdrawn callback kept a lost caller's place until the caller was back on the line: not a request
                + "FROM callbacks WHERE created_at >= ? AND created_at < ? AND state <> 'withdrawn'")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                long done = rs.getLong(2);
                long failed = rs.getLong(3);
                return new CallReport.Callbacks(n, done, failed, n - done - failed);
            }
        }
    }

    private static CallReport.Ratings ratings(Connection c, long from, long to) throws SQLException {
        long[] counts = new long[5];
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT score, count(*) FROM ratings WHERE at >= ? AND at < ? GROUP BY score")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int s = rs.getInt(1);
                    if (s >= 1 && s <= 5) counts[s - 1] = rs.getLong(2);
                }
            }
        }
        return ratings(counts);
    }

    private static CallReport.Ratings ratings(long[] counts) {
        long n = 0;
        long sum = 0;
        for (int i = 0; i < 5; i++) {
            n += counts[i];
            sum += counts[i] * (i + 1);
        }
        return new CallReport.Ratings(counts, n == 0 ? null : (double) sum / n, n == 0 ? null : (double) counts[4] / n);
    }

    private static long line1Answered(Connection c, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM calls WHERE started_at >= ? AND started_at < ? "
                + "AND answered_at IS NOT NULL AND (tier = 'line1' OR tier IS NULL)")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Callers of the period who hung up waiting, not answered since and without a callback to their number since: the
     * {@value #ABANDONED_LIST} latest of the period by start, newest first (the list is for today; a longer period has
     * its abandoned counts in the rows). Read backwards by {@code calls_started} and stopped at the limit, so a year
     * costs what its last days cost instead of judging every abandoned call of the year (4.2 s at 400,000 calls).
     * {@code answered_at + 0}: an answered_at SQLite could use steered it to skip-scan calls_operator_answered for all
     * unanswered calls ever instead of reading the period by calls_started (0.3 s for a day of 400,000 calls a year).
     */
    public static final int ABANDONED_LIST = 500;

    static final String ABANDONED = "SELECT k.call_id, k.calling_number, k.queued_at, k.ended_at, "
            + "k.intent, k.language FROM calls k WHERE k.started_at >= ? AND k.started_at < ? "
            + "AND k.queued_at IS NOT NULL AND k.answered_at + 0 IS NULL AND k.outcome = 'abandoned' "
            + "AND NOT EXISTS (SELECT 1 FROM callbacks b WHERE b.number = k.calling_number AND b.created_at >= k.queued_at) "
            + "AND NOT EXISTS (SELECT 1 FROM calls l WHERE l.calling_number = k.calling_number "
            + "AND l.started_at > k.started_at AND l.answered_at IS NOT NULL) "
            + "ORDER BY k.started_at DESC LIMIT " + ABANDONED_LIST;

    private static List<CallReport.AbandonedCaller> abandoned(Connection c, long from, long to) throws SQLException {
        List<CallReport.AbandonedCaller> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ABANDONED)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long queued = rs.getLong(3);
                    long ended = rs.getLong(4);
                    out.add(new CallReport.AbandonedCaller(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(queued),
                            Instant.ofEpochMilli(ended), Math.max(0, ended - queued) / 1000, rs.getString(5),
                            rs.getString(6)));
                }
            }
        }
        return out;
    }
}
