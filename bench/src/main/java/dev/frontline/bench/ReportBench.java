package dev.frontline.bench;

import dev.frontline.core.desk.Targets;
import dev.frontline.core.report.CallReport;
import dev.frontline.core.report.CallReports;
import dev.frontline.core.report.ReportQuery;
import dev.frontline.core.store.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Every historical report on a year of a busy desk in a SQLite file: {@code calls} calls (8,000,000 is the issue's
 * year; the default is a 1/20 scale, printed) with five events each, transfers for one in seven line-1 calls,
 * operators' state changes, callbacks and ratings. Each report's time is printed with the time of the bare scan of the
 * same period's calls ({@code SELECT count(*) ... WHERE started_at in period}) in the same run as the baseline.
 * Usage: {@code bench/run ReportBench [calls] [file]} (default 400000, a temporary file).
 */
public final class ReportBench {
    static final ZoneId ZONE = ZoneId.of("Europe/Vilnius");
    static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    static final String[] INTENTS = {"technical", "sales", "general"};
    static final String[] LANGS = {"lt", "ru", "en", "pl", "sl"};
    static final String[] REASONS = {"coffee", "lunch", "training", "meeting", "technical"};
    static final int OPERATORS = 200;

    private ReportBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        Path file = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("frontline-report-bench").resolve("year.db");
        boolean fresh = !Files.exists(file);
        try (Database db = Database.sqlite(file)) {
            if (fresh) {
                long t0 = System.nanoTime();
                long events = generate(db, calls);
                System.out.printf("ReportBench: generated %,d calls and %,d events over 365 days (scale %.3f of 8M calls / 40M events) in %.0f s%n",
                        calls, events, calls / 8_000_000.0, (System.nanoTime() - t0) / 1e9);
            } else {
                System.out.printf("ReportBench: reusing %s%n", file);
            }
            CallReports reports = new CallReports(db, Targets.DEFAULTS);
            LocalDate busy = FIRST.plusDays(200);
            List<ReportQuery> queries = List.of(
                    ReportQuery.period("day", busy, ZONE, ReportQuery.Interval.QUARTER_HOUR, ReportQuery.Breakdown.QUEUE),
                    ReportQuery.period("week", busy, ZONE, ReportQuery.Interval.HOUR, ReportQuery.Breakdown.LINE),
                    ReportQuery.period("month", busy, ZONE, ReportQuery.Interval.DAY, ReportQuery.Breakdown.OPERATOR),
                    ReportQuery.period("month", busy, ZONE, ReportQuery.Interval.DAY, ReportQuery.Breakdown.LANGUAGE),
                    new ReportQuery(FIRST, FIRST.plusDays(364), ZONE, ReportQuery.Interval.DAY, ReportQuery.Breakdown.NONE));
            for (ReportQuery q : queries) {
                List<Double> times = new ArrayList<>();
                List<Double> bases = new ArrayList<>();
                CallReport r = null;
                for (int round = 0; round < 3; round++) {
                    long b0 = System.nanoTime();
                    long n = baseline(db, q);
                    bases.add((System.nanoTime() - b0) / 1e6);
                    long t0 = System.nanoTime();
                    r = reports.report(q);
                    times.add((System.nanoTime() - t0) / 1e6);
                    if (n < 0) throw new IllegalStateException();
                }
                Collections.sort(times);
                Collections.sort(bases);
                System.out.printf("  %-5s %s..%s by %-5s %-8s rows %,6d: median %,8.1f ms (min %,.1f), bare scan %,7.1f ms, %.1fx%s%n",
                        q.interval().code, q.from(), q.to(), q.interval().code, q.by().code(), r.rows().size(),
                        times.get(1), times.get(0), bases.get(1), times.get(1) / Math.max(0.001, bases.get(1)),
                        times.get(1) < 1000 ? "" : "  (over 1 s)");
            }
        }
    }

    /** The least any report of the period must do: read its calls. */
    static long baseline(Database db, ReportQuery q) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), sum(answered_at - queued_at) FROM calls WHERE started_at >= ? AND started_at < ?")) {
            ps.setLong(1, q.start().toEpochMilli());
            ps.setLong(2, q.end().toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static long generate(Database db, int calls) throws Exception {
        Random rnd = new Random(42);
        long start = FIRST.atStartOfDay(ZONE).toInstant().toEpochMilli();
        long year = 365L * 86_400_000L;
        long events = 0;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            PreparedStatement call = c.prepareStatement("INSERT INTO calls (call_id, backend, calling_number, started_at, "
                    + "queued_at, answered_at, ended_at, outcome, ended_at_step, intent, tier, language, operator_login) "
                    + "VALUES (?, 'sim', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement event = c.prepareStatement(
                    "INSERT INTO call_events (at, type, call_id, operator_login, payload) VALUES (?, ?, ?, ?, ?)");
            PreparedStatement rating = c.prepareStatement("INSERT INTO ratings (call_id, score, at) VALUES (?, ?, ?)");
            PreparedStatement callback = c.prepareStatement("INSERT INTO callbacks (call_id, number, intent, priority, tier, "
                    + "language, original_arrived_at, state, created_at, updated_at) VALUES (?, ?, 'general', 3, 'line1', 'en', ?, ?, ?, ?)");
            for (int i = 0; i < calls; i++) {
                // calls between 08:00 and 20:00 local, roughly
                long day = (long) (rnd.nextDouble() * 365);
                long t = start + day * 86_400_000L + 6 * 3_600_000L + (long) (rnd.nextDouble() * 12 * 3_600_000L);
                String id = "b" + i;
                String number = "+3706" + (1_000_000 + rnd.nextInt(3_000_000));
                String op = "op" + rnd.nextInt(OPERATORS);
                String intent = INTENTS[rnd.nextInt(3)];
                String lang = LANGS[rnd.nextInt(5)];
                double u = rnd.nextDouble();
                Long queued = null, answered = null;
                long ended;
                String outcome;
                String step = "queue";
                if (u < 0.3) {
                    outcome = "self-served";
                    step = rnd.nextBoolean() ? "sms-contract" : "sms-login";
                    ended = t + 40_000;
                } else {
                    queued = t + 20_000;
                    if (u < 0.9) {
                        answered = queued + (long) (rnd.nextDouble() * 90_000);
                        ended = answered + 60_000 + (long) (rnd.nextDouble() * 400_000);
                        outcome = "answered";
                    } else if (u < 0.97) {
                        ended = queued + (long) (rnd.nextDouble() * 120_000);
                        outcome = "abandoned";
                    } else {
                        ended = queued + 30_000;
                        outcome = "callback";
                    }
                }
                call.setString(1, id);
                call.setString(2, number);
                call.setLong(3, t);
                call.setObject(4, queued);
                call.setObject(5, answered);
                call.setLong(6, ended);
                call.setString(7, outcome);
                call.setString(8, step);
                call.setString(9, intent);
                call.setString(10, "line1");
                call.setString(11, lang);
                call.setString(12, answered == null ? null : op);
                call.addBatch();
                // five events a call, as the ACD logs them (the reports read only transfers and states)
                String[] types = {"CallQueued", "CallOffered", "PhoneRinging", "CallAnswered", "CallEnded"};
                for (int k = 0; k < 5; k++) {
                    event.setLong(1, t + k * 10_000L);
                    event.setString(2, types[k]);
                    event.setString(3, id);
                    event.setString(4, op);
                    event.setString(5, "{\"callId\":{\"value\":\"" + id + "\"}}");
                    event.addBatch();
                    events++;
                }
                if (answered != null && rnd.nextInt(7) == 0) {
                    event.setLong(1, answered + 30_000);
                    event.setString(2, "CallTransferred");
                    event.setString(3, id);
                    event.setString(4, op);
                    event.setString(5, "{\"callId\":{\"value\":\"" + id + "\"},\"intent\":\"" + intent.toUpperCase()
                            + "\",\"tier\":\"LINE2\"}");
                    event.addBatch();
                    events++;
                }
                // an operator's state changes: about one per call (ready, break with a reason, wrap-up ...)
                event.setLong(1, t + 1);
                event.setString(2, "OperatorStateChanged");
                event.setString(3, null);
                event.setString(4, op);
                String state = rnd.nextInt(10) == 0 ? "BREAK" : rnd.nextBoolean() ? "READY" : "WRAP_UP";
                event.setString(5, "{\"operator\":{\"value\":\"" + op + "\"},\"state\":\"" + state + "\",\"reason\":\""
                        + (state.equals("BREAK") ? REASONS[rnd.nextInt(5)] : "") + "\"}");
                event.addBatch();
                events++;
                if (answered != null && rnd.nextInt(3) == 0) {
                    rating.setString(1, id);
                    rating.setInt(2, 1 + Math.min(4, (int) (rnd.nextDouble() * 5.6)));
                    rating.setLong(3, ended + 20_000);
                    rating.addBatch();
                }
                if ("callback".equals(outcome)) {
                    callback.setString(1, id);
                    callback.setString(2, number);
                    callback.setLong(3, queued);
                    callback.setString(4, rnd.nextInt(10) == 0 ? "failed" : "done");
                    callback.setLong(5, ended);
                    callback.setLong(6, ended);
                    callback.addBatch();
                }
                if (i % 20_000 == 19_999) {
                    call.executeBatch();
                    event.executeBatch();
                    rating.executeBatch();
                    callback.executeBatch();
                    c.commit();
                }
            }
            call.executeBatch();
            event.executeBatch();
            rating.executeBatch();
            callback.executeBatch();
            c.commit();
            c.setAutoCommit(true);
            c.createStatement().execute("ANALYZE");
        }
        return events;
    }
}
