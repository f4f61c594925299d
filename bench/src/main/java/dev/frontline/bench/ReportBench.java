package dev.frontline.bench;

import dev.frontline.core.desk.Targets;
import dev.frontline.core.report.CallReport;
import dev.frontline.core.report.CallReports;
import dev.frontline.core.report.ReportQuery;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Every historical report on a year of a busy desk, on SQLite and on PostgreSQL (embedded, as the *IT tests start
 * it). The year: {@code calls} calls (8,000,000 is the year) over 2025 in Vilnius, weekdays busier than
 * weekends (a Saturday or Sunday carries 40 %), between 08:00 and 20:00 with peaks at 10-12 and 14-16; queues technical
 * 50 %, general 30 %, sales 20 %; lines 1/2/3 at 85/12/3 %; languages lt 55, ru 25, en 10, pl 7, sl 3 %; 50
 * operators; 25 % self-served in the menu, 65 % answered (a wait of 0-90 s, talk 1-8 min), 7 % abandoned, 3 % callback.
 * Events: five per queued call (queued, offered, ringing, answered or abandoned, ended), one operator state change per call,
 * a transfer for one in seven line-1 answers: about five per call. Loaded with multi-row INSERTs, 20,000 calls a
 * transaction; on SQLite the rollup triggers run as the desk's writes run them, on PostgreSQL they are disabled for
 * the load and the rollups rebuilt once (CallReports.rebuildRollups, the backfill's SQL).
 * <p>
 * Each report (day, week, month: every interval and breakdown; year: hour, day, total, every breakdown) is timed
 * from the rollups (median of 3) with the time of its parts, and, for {@code raw=some} (one report per period) or
 * {@code raw=all}, once by the old raw-table path (CallReports.fromRawTables) in the same run, with the ratio.
 * Usage: {@code bench/run ReportBench calls=400000 db=sqlite|postgresql|both raw=some|all|none file=year.db
 * periods=day,week,month,year} ({@code file}: a SQLite file kept between runs, loaded when it does not exist).
 */
public final class ReportBench {
    static final ZoneId ZONE = ZoneId.of("Europe/Vilnius");
    static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    static final int OPERATORS = 50;
    static final int BATCH_ROWS = 200;
    static final String[] REASONS = {"coffee", "lunch", "training", "meeting", "technical"};

    private ReportBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("calls", "400000", "db", "both", "raw", "some", "file", "",
                "periods", "day,week,month,year"));
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0 || !o.containsKey(a.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument '" + a + "': calls=, db=, raw=, file=, periods=");
            }
            o.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int calls = Integer.parseInt(o.get("calls"));
        String which = o.get("db");
        System.out.printf("ReportBench: %,d calls (scale %.3f of the issue's 8M), %d operators, zone %s, raw path: %s; "
                        + "%d cores, load average %.1f%n", calls, calls / 8_000_000.0, OPERATORS, ZONE, o.get("raw"),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (which.equals("sqlite") || which.equals("both")) {
            Path file = o.get("file").isEmpty()
                    ? Files.createTempDirectory("frontline-report-bench").resolve("year.db") : Path.of(o.get("file"));
            boolean fresh = !Files.exists(file);
            try (Database db = Database.sqlite(file)) {
                if (fresh) load(db, calls, "SQLite");
                else System.out.printf("SQLite: reusing %s%n", file);
                run(db, "SQLite", o.get("raw"), o.get("periods"));
            }
        }
        if (which.equals("postgresql") || which.equals("both")) {
            try (Database db = PostgresTestDatabase.fresh()) {
                load(db, calls, "PostgreSQL");
                run(db, "PostgreSQL", o.get("raw"), o.get("periods"));
            }
        }
        System.exit(0);
    }

    static void load(Database db, int calls, String name) throws Exception {
        boolean pg = db.dialect() == Database.Dialect.POSTGRESQL;
        long t0 = System.nanoTime();
        if (pg) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE calls DISABLE TRIGGER USER");
                    s.execute("ALTER TABLE ratings DISABLE TRIGGER USER");
                }
                return null;
            });
        }
        long events = generate(db, calls);
        double loaded = (System.nanoTime() - t0) / 1e9;
        String rollups = "by the triggers while loading";
        if (pg) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE calls ENABLE TRIGGER USER");
                    s.execute("ALTER TABLE ratings ENABLE TRIGGER USER");
                }
                return null;
            });
            long r0 = System.nanoTime();
            int rows = new CallReports(db, Targets.DEFAULTS).rebuildRollups();
            rollups = String.format("rebuilt after loading in %.0f s (%,d rollup rows)", (System.nanoTime() - r0) / 1e9, rows);
        }
        long a0 = System.nanoTime();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(pg ? "VACUUM ANALYZE" : "ANALYZE");
        }
        System.out.printf("%s: loaded %,d calls and %,d events in %.0f s; rollups %s; %s %.0f s%n", name, calls, events,
                loaded, rollups, pg ? "VACUUM ANALYZE" : "ANALYZE", (System.nanoTime() - a0) / 1e9);
    }

    static List<ReportQuery> queries() {
        LocalDate busy = FIRST.plusDays(196); // Wednesday 2025-07-16: its week (14-20 July) and July
        List<ReportQuery> out = new ArrayList<>();
        for (String period : List.of("day", "week", "month")) {
            for (ReportQuery.Interval i : ReportQuery.Interval.values()) {
                if (i == ReportQuery.Interval.QUARTER_HOUR && period.equals("month")) continue; // at most 31 days
                for (ReportQuery.Breakdown by : ReportQuery.Breakdown.values()) {
                    out.add(ReportQuery.period(period, busy, ZONE, i, by));
                }
            }
        }
        // a year by hour is refused (ReportQuery's result size limits: hours cover at most 92 days, 31 by operator)
        for (ReportQuery.Interval i : List.of(ReportQuery.Interval.DAY, ReportQuery.Interval.TOTAL)) {
            for (ReportQuery.Breakdown by : ReportQuery.Breakdown.values()) {
                out.add(new ReportQuery(FIRST, FIRST.plusDays(364), ZONE, i, by));
            }
        }
        return out;
    }

    /** One raw-path report per period for {@code raw=some}. */
    static boolean rawFor(ReportQuery q, String raw) {
        if (raw.equals("all")) return true;
        if (raw.equals("none")) return false;
        long days = q.to().toEpochDay() - q.from().toEpochDay() + 1;
        return q.by() == ReportQuery.Breakdown.OPERATOR && (days == 1 && q.interval() == ReportQuery.Interval.QUARTER_HOUR
                || days == 7 && q.interval() == ReportQuery.Interval.HOUR
                || days > 7 && q.interval() == ReportQuery.Interval.DAY);
    }

    static void run(Database db, String name, String raw, String periods) {
        CallReports reports = new CallReports(db, Targets.DEFAULTS);
        CallReports old = reports.fromRawTables();
        long w0 = System.nanoTime();
        reports.report(queries().get(0)); // warm up; brings the first-contact rollups up to date (built on a new file)
        System.out.printf("%s: first report (warm-up, first-contact rollups brought up to date) %,.0f ms%n", name,
                (System.nanoTime() - w0) / 1e6);
        double worst = 0;
        String worstQuery = "";
        Map<String, Double> worstParts = Map.of();
        for (ReportQuery q : queries()) {
            if (!List.of(periods.split(",")).contains(period(q))) continue;
            List<Double> times = new ArrayList<>();
            Map<String, Double> parts = new LinkedHashMap<>();
            CallReport r = null;
            for (int round = 0; round < 3; round++) {
                Map<String, Double> p = new LinkedHashMap<>();
                long t0 = System.nanoTime();
                r = reports.report(q, p);
                times.add((System.nanoTime() - t0) / 1e6);
                if (round == 1) parts = p;
            }
            Collections.sort(times);
            double median = times.get(1);
            String period = period(q);
            StringBuilder line = new StringBuilder(String.format("%s %-5s by %-5s %-8s rows %,6d: %,8.1f ms (calls from "
                            + "rollups %,6.1f, ratings %,5.1f; raw tables: %s)", name, period, q.interval().code,
                    q.by().code(), r.rows().size(), median, parts.get("calls"), parts.get("ratings"), rawParts(parts)));
            if (rawFor(q, raw)) {
                Map<String, Double> p = new LinkedHashMap<>();
                long t0 = System.nanoTime();
                CallReport before = old.report(q, p);
                double oldMs = (System.nanoTime() - t0) / 1e6;
                if (!before.rows().equals(r.rows())) throw new IllegalStateException("rollups differ from the raw path: " + q);
                if (!before.operatorTime().equals(r.operatorTime())) {
                    throw new IllegalStateException("operator time rollups differ from the raw path: " + q);
                }
                if (!before.firstContact().equals(r.firstContact())) {
                    throw new IllegalStateException("first-contact rollups differ from the raw path: " + q);
                }
                line.append(String.format("; old raw path %,.1f ms (calls %,.1f, operator time %,.1f, first contact %,.1f):"
                                + " %.1fx faster, calls part %.0fx, operator time %.0fx, first contact %.0fx", oldMs,
                        p.get("calls"), p.get("operator time"), p.get("first contact"), oldMs / median,
                        p.get("calls") / Math.max(0.01, parts.get("calls")),
                        p.get("operator time") / Math.max(0.01, parts.get("operator time")),
                        p.get("first contact") / Math.max(0.01, parts.get("first contact"))));
            }
            if (median >= 1000) line.append("  OVER 1 s");
            System.out.println(line);
            if (median > worst) {
                worst = median;
                worstQuery = period + " by " + q.interval().code + " " + q.by().code();
                worstParts = parts;
            }
        }
        System.out.printf("%s: slowest report %,.1f ms (%s; %s)%n", name, worst, worstQuery, worstParts);
    }

    static String period(ReportQuery q) {
        long days = q.to().toEpochDay() - q.from().toEpochDay() + 1;
        return days == 1 ? "day" : days == 7 ? "week" : days < 40 ? "month" : "year";
    }

    static String rawParts(Map<String, Double> parts) {
        StringBuilder b = new StringBuilder();
        parts.forEach((k, v) -> {
            if (!k.equals("calls") && !k.equals("ratings")) b.append(b.isEmpty() ? "" : ", ").append(k).append(String.format(" %,.1f", v));
        });
        return b.toString();
    }

    /** Local minute of the day a call starts: 08:00-20:00, peaks 10-12 and 14-16. */
    static int minuteOfDay(Random rnd) {
        while (true) {
            int m = 8 * 60 + rnd.nextInt(12 * 60);
            double w = (m >= 600 && m < 720) || (m >= 840 && m < 960) ? 1.0 : 0.55;
            if (rnd.nextDouble() < w) return m;
        }
    }

    static <T> T weighted(Random rnd, T[] values, int[] percents) {
        int u = rnd.nextInt(100);
        for (int i = 0; i < values.length; i++) {
            u -= percents[i];
            if (u < 0) return values[i];
        }
        return values[values.length - 1];
    }

    static final String[] INTENTS = {"technical", "general", "sales"};
    static final int[] INTENT_P = {50, 30, 20};
    static final String[] TIERS = {"line1", "line2", "line3"};
    static final int[] TIER_P = {85, 12, 3};
    static final String[] LANGS = {"lt", "ru", "en", "pl", "sl"};
    static final int[] LANG_P = {55, 25, 10, 7, 3};

    /** Multi-row INSERTs of {@code columns} values, {@link #BATCH_ROWS} rows a statement. */
    static final class Rows {
        final String head;
        final int columns;
        final List<Object> values = new ArrayList<>();
        final Connection c;
        PreparedStatement full;
        long rows;

        Rows(Connection c, String head, int columns) {
            this.c = c;
            this.head = head;
            this.columns = columns;
        }

        void add(Object... row) throws Exception {
            Collections.addAll(values, row);
            rows++;
            if (values.size() == columns * BATCH_ROWS) {
                if (full == null) full = c.prepareStatement(sql(BATCH_ROWS));
                bindAndRun(full);
            }
        }

        void flush() throws Exception {
            if (values.isEmpty()) return;
            try (PreparedStatement ps = c.prepareStatement(sql(values.size() / columns))) {
                bindAndRun(ps);
            }
        }

        private void bindAndRun(PreparedStatement ps) throws Exception {
            for (int i = 0; i < values.size(); i++) ps.setObject(i + 1, values.get(i));
            ps.executeUpdate();
            values.clear();
        }

        private String sql(int n) {
            String one = "(" + "?, ".repeat(columns - 1) + "?)";
            return head + " VALUES " + String.join(", ", Collections.nCopies(n, one));
        }
    }

    static long generate(Database db, int calls) throws Exception {
        Random rnd = new Random(42);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Rows call = new Rows(c, "INSERT INTO calls (call_id, backend, calling_number, started_at, queued_at, "
                    + "answered_at, ended_at, outcome, ended_at_step, intent, tier, language, operator_login)", 13);
            Rows event = new Rows(c, "INSERT INTO call_events (at, type, call_id, operator_login, payload)", 5);
            Rows rating = new Rows(c, "INSERT INTO ratings (call_id, score, at)", 3);
            Rows callback = new Rows(c, "INSERT INTO callbacks (call_id, number, intent, priority, tier, language, "
                    + "original_arrived_at, state, created_at, updated_at)", 10);
            // calls per day: weekdays weight 1, weekends 0.4
            double[] weight = new double[365];
            double total = 0;
            for (int d = 0; d < 365; d++) {
                DayOfWeek w = FIRST.plusDays(d).getDayOfWeek();
                weight[d] = w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY ? 0.4 : 1.0;
                total += weight[d];
            }
            int i = 0;
            for (int d = 0; d < 365; d++) {
                int today = d == 364 ? calls - i : (int) Math.round(calls * weight[d] / total);
                long midnight = FIRST.plusDays(d).atStartOfDay(ZONE).toInstant().toEpochMilli();
                List<Long> starts = new ArrayList<>();
                for (int k = 0; k < today; k++) {
                    starts.add(midnight + minuteOfDay(rnd) * 60_000L + rnd.nextInt(60_000));
                }
                Collections.sort(starts);
                for (long t : starts) {
                    String id = "b" + i;
                    String number = "+3706" + (1_000_000 + rnd.nextInt(3_000_000));
                    String op = "op" + rnd.nextInt(OPERATORS);
                    String intent = weighted(rnd, INTENTS, INTENT_P);
                    String tier = weighted(rnd, TIERS, TIER_P);
                    String lang = weighted(rnd, LANGS, LANG_P);
                    double u = rnd.nextDouble();
                    Long queued = null;
                    Long answered = null;
                    long ended;
                    String outcome;
                    String step = "queue";
                    if (u < 0.25) {
                        outcome = "self-served";
                        step = rnd.nextBoolean() ? "sms-contract" : "sms-login";
                        ended = t + 40_000;
                    } else {
                        queued = t + 20_000;
                        if (u < 0.9) {
                            answered = queued + (long) (rnd.nextDouble() * 90_000);
                            ended = answered + 60_000 + (long) (rnd.nextDouble() * 420_000);
                            outcome = "answered";
                        } else if (u < 0.97) {
                            ended = queued + (long) (rnd.nextDouble() * 120_000);
                            outcome = "abandoned";
                        } else {
                            ended = queued + 30_000;
                            outcome = "callback";
                        }
                    }
                    call.add(id, "sim", number, t, queued, answered, ended, outcome, step, intent, tier, lang,
                            answered == null ? null : op);
                    String payload = "{\"callId\":{\"value\":\"" + id + "\"}}";
                    if (queued != null) {
                        event.add(queued, "CallQueued", id, null, payload);
                        event.add(queued + 1, "CallOffered", id, op, payload);
                        event.add(queued + 2, "PhoneRinging", id, op, payload);
                        event.add(answered != null ? answered : ended, answered != null ? "CallAnswered" : "CallAbandoned",
                                id, op, payload);
                        event.add(ended, "CallEnded", id, op, payload);
                    }
                    if (answered != null && "line1".equals(tier) && rnd.nextInt(7) == 0) {
                        event.add(answered + 30_000, "CallTransferred", id, op, "{\"callId\":{\"value\":\"" + id
                                + "\"},\"intent\":\"" + intent.toUpperCase() + "\",\"tier\":\"LINE2\"}");
                    }
                    String state = rnd.nextInt(10) == 0 ? "BREAK" : rnd.nextBoolean() ? "READY" : "WRAP_UP";
                    event.add(t + 1, "OperatorStateChanged", null, op, "{\"operator\":{\"value\":\"" + op
                            + "\"},\"state\":\"" + state + "\",\"reason\":\""
                            + (state.equals("BREAK") ? REASONS[rnd.nextInt(5)] : "") + "\"}");
                    if (answered != null && rnd.nextInt(3) == 0) {
                        rating.add(id, 1 + Math.min(4, (int) (rnd.nextDouble() * 5.6)), ended + 20_000);
                    }
                    if ("callback".equals(outcome)) {
                        callback.add(id, number, "general", 3, "line1", "en", queued, rnd.nextInt(10) == 0 ? "failed" : "done",
                                ended, ended);
                    }
                    i++;
                    if (i % 20_000 == 0) {
                        call.flush();
                        event.flush();
                        rating.flush();
                        callback.flush();
                        c.commit();
                        if (i % 1_000_000 == 0) System.out.printf("  ... %,d calls%n", i);
                    }
                }
            }
            call.flush();
            event.flush();
            rating.flush();
            callback.flush();
            c.commit();
            c.setAutoCommit(true);
            return event.rows;
        }
    }
}
