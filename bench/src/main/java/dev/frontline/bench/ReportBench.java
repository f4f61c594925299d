package dev.frontline.bench;

import dev.frontline.core.desk.Targets;
import dev.frontline.core.report.CallReport;
import dev.frontline.core.report.CallReports;
import dev.frontline.core.report.RollupParts;
import dev.frontline.core.report.ReportQuery;
import dev.frontline.core.store.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every historical report on a year of a busy desk ({@link ReportYear}: 8,000,000 calls is the year), on SQLite
 * and on PostgreSQL (embedded, as the *IT tests start it). Loaded by {@link YearLoader}: {@code load=bulk} (default:
 * indexes and triggers dropped, one connection, COPY on PostgreSQL, then the product's rollup rebuild) or
 * {@code load=rows} (the old path: multi-row INSERTs, 20,000 calls a transaction, SQLite's triggers on).
 * <p>
 * Each period (day, week, month: every interval and breakdown; year: hour, day, total, every breakdown) is first
 * reported once whole, its parts timed. When the parts that depend on the period alone (read from the raw tables:
 * callbacks, transfers, operator time, abandoned callers, tickets, first contact) take under 2 s, every grouping is
 * timed whole (median of 3); otherwise those parts are timed that once and each grouping's rollup parts (calls and
 * ratings, median of 3) are added to them, said so in the output. For {@code raw=some} (one report per period; the
 * year only with {@code rawyear=yes}) or {@code raw=all}, the old raw-table path (CallReports.fromRawTables) is run
 * once in the same run and must give the same report (rows, operator time, first contact, tickets); the ratio is printed.
 * Usage: {@code bench/run ReportBench calls=400000 db=sqlite|postgresql|both raw=some|all|none rawyear=yes|no
 * load=bulk|rows file=year.db pgdata=dir periods=day,week,month,year} ({@code file}: a SQLite file kept between
 * runs, {@code pgdata}: a PostgreSQL data directory kept between runs; each is loaded when it holds no year yet).
 */
public final class ReportBench {
    static final ZoneId ZONE = ReportYear.ZONE;
    static final LocalDate FIRST = ReportYear.FIRST;
    /** Period-only parts slower than this: time them once, not per grouping. */
    static final double WHOLE_BELOW_MS = 2_000;

    private ReportBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("calls", "400000");
        o.put("db", "both");
        o.put("raw", "some");
        o.put("rawyear", "yes");
        o.put("load", "bulk");
        o.put("file", "");
        o.put("pgdata", "");
        o.put("periods", "day,week,month,year");
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0 || !o.containsKey(a.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument '" + a + "': " + String.join("=, ", o.keySet()) + "=");
            }
            o.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int calls = Integer.parseInt(o.get("calls"));
        String which = o.get("db");
        boolean bulk = switch (o.get("load")) {
            case "bulk" -> true;
            case "rows" -> false;
            default -> throw new IllegalArgumentException("load=bulk or load=rows, not " + o.get("load"));
        };
        String raw = o.get("raw").equals("some") && o.get("rawyear").equals("no") ? "some-but-year" : o.get("raw");
        System.out.printf("ReportBench: %,d calls (scale %.3f of the issue's 8M), %d operators, zone %s, load %s, raw "
                        + "path: %s; %d cores, load average %.1f%n", calls, calls / 8_000_000.0, ReportYear.OPERATORS, ZONE,
                o.get("load"), raw, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (which.equals("sqlite") || which.equals("both")) {
            Path file = o.get("file").isEmpty()
                    ? Files.createTempDirectory("frontline-report-bench").resolve("year.db") : Path.of(o.get("file"));
            if (!Files.exists(file)) {
                if (bulk) {
                    System.out.printf("SQLite: loaded %s%n", YearLoader.bulkSqlite(file, calls).describe());
                } else {
                    try (Database db = Database.sqlite(file)) {
                        System.out.printf("SQLite: loaded %s%n", YearLoader.slow(db, calls).describe());
                    }
                }
            } else {
                System.out.printf("SQLite: reusing %s%n", file);
            }
            System.out.printf("SQLite: file %s, %,.2f GB%n", file, Files.size(file) / 1e9);
            long m0 = System.nanoTime();
            try (Database db = Database.sqlite(file)) {
                System.out.printf("SQLite: opened (migrations, with the backfill of any rollup the file did not have yet) "
                        + "in %,.1f s%n", (System.nanoTime() - m0) / 1e9);
                run(db, "SQLite", raw, o.get("periods"));
            }
        }
        if (which.equals("postgresql") || which.equals("both")) {
            try (KeptPostgres pg = new KeptPostgres(o.get("pgdata"))) {
                try (Database db = pg.open(calls, bulk)) {
                    System.out.printf("PostgreSQL: database %s%n", pg.size());
                    run(db, "PostgreSQL", raw, o.get("periods"));
                }
            }
        }
        System.exit(0);
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

    /** One raw-path report per period for {@code raw=some} (not the year for {@code some-but-year}). */
    static boolean rawFor(ReportQuery q, String raw) {
        if (raw.equals("all")) return true;
        if (raw.equals("none")) return false;
        long days = q.to().toEpochDay() - q.from().toEpochDay() + 1;
        if (raw.equals("some-but-year") && days > 40) return false;
        return q.by() == ReportQuery.Breakdown.OPERATOR && (days == 1 && q.interval() == ReportQuery.Interval.QUARTER_HOUR
                || days == 7 && q.interval() == ReportQuery.Interval.HOUR
                || days > 7 && q.interval() == ReportQuery.Interval.DAY);
    }

    static void run(Database db, String name, String raw, String periods) throws Exception {
        CallReports reports = new CallReports(db, Targets.DEFAULTS);
        CallReports old = reports.fromRawTables();
        long w0 = System.nanoTime();
        reports.report(queries().get(0)); // warm up; brings the first-contact rollups up to date (built on a new file)
        System.out.printf("%s: first report (warm-up, first-contact rollups brought up to date) %,.0f ms%n", name,
                (System.nanoTime() - w0) / 1e6);
        double worst = 0;
        String worstQuery = "";
        for (String period : periods.split(",")) {
            List<ReportQuery> qs = queries().stream().filter(q -> period(q).equals(period)).toList();
            if (qs.isEmpty()) continue;
            Map<String, Double> probe = new LinkedHashMap<>();
            long p0 = System.nanoTime();
            reports.report(qs.get(0), probe);
            double probeMs = (System.nanoTime() - p0) / 1e6;
            double periodOnly = probe.entrySet().stream().filter(e -> !e.getKey().equals("calls")
                    && !e.getKey().equals("ratings")).mapToDouble(Map.Entry::getValue).sum();
            boolean whole = periodOnly < WHOLE_BELOW_MS;
            System.out.printf("%s %s: first report %,.1f ms; parts that depend on the period alone (raw tables) %,.1f ms"
                    + " (%s): %s%n", name, period, probeMs, periodOnly, rawParts(probe), whole
                    ? "every grouping timed whole, median of 3"
                    : "timed once; each grouping below = its rollup parts (median of 3) + these " + Math.round(periodOnly) + " ms");
            double low = Double.MAX_VALUE;
            double high = 0;
            String highQuery = "";
            for (ReportQuery q : qs) {
                List<Double> times = new ArrayList<>();
                Map<String, Double> parts = new LinkedHashMap<>();
                CallReport r = null;
                long rows = 0;
                for (int round = 0; round < 3; round++) {
                    Map<String, Double> p;
                    long t0 = System.nanoTime();
                    if (whole) {
                        p = new LinkedHashMap<>();
                        r = reports.report(q, p);
                        rows = r.rows().size();
                        times.add((System.nanoTime() - t0) / 1e6);
                    } else {
                        p = RollupParts.time(db, q);
                        rows = Math.round(p.remove("rows"));
                        times.add(p.get("calls") + p.get("ratings") + periodOnly);
                    }
                    if (round == 1) parts = p;
                }
                Collections.sort(times);
                double median = times.get(1);
                StringBuilder line = new StringBuilder(String.format("%s %-5s by %-5s %-8s rows %,7d: %,9.1f ms (calls "
                                + "from rollups %,7.1f, ratings %,5.1f; %s)", name, period, q.interval().code,
                        q.by().code(), rows, median, parts.get("calls"), parts.get("ratings"),
                        whole ? "raw tables: " + rawParts(parts) : "+ the period's raw-table parts timed once"));
                if (rawFor(q, raw)) {
                    if (r == null) r = reports.report(q);
                    Map<String, Double> p = new LinkedHashMap<>();
                    long t0 = System.nanoTime();
                    CallReport before = old.report(q, p);
                    double oldMs = (System.nanoTime() - t0) / 1e6;
                    if (!before.rows().equals(r.rows())) throw new IllegalStateException("rollups differ from the raw path: " + q);
                    if (!before.operatorTime().equals(r.operatorTime())) {
                        throw new IllegalStateException("operator time rollups differ from the raw path: " + q);
                    }
                    if (!before.tickets().equals(r.tickets())) {
                        throw new IllegalStateException("ticket time rollups differ from the raw path: " + q);
                    }
                    if (!before.firstContact().equals(r.firstContact())) {
                        throw new IllegalStateException("first-contact rollups differ from the raw path: " + q);
                    }
                    line.append(String.format("; old raw path %,.1f ms (calls %,.1f, operator time %,.1f, first contact"
                                    + " %,.1f, tickets %,.1f): %.1fx faster, calls part %.0fx, first contact %.0fx", oldMs,
                            p.get("calls"), p.get("operator time"), p.get("first contact"), p.get("tickets"), oldMs / median,
                            p.get("calls") / Math.max(0.01, parts.get("calls")),
                            nonNull(p.get("first contact")) / nonNull(parts.get("first contact"))));
                }
                if (median >= 1000) line.append("  OVER 1 s");
                System.out.println(line);
                low = Math.min(low, median);
                if (median > high) {
                    high = median;
                    highQuery = q.interval().code + " " + q.by().code();
                }
            }
            System.out.printf("%s %s: %d reports, %,.1f-%,.1f ms, slowest by %s%n", name, period, qs.size(), low, high,
                    highQuery);
            if (high > worst) {
                worst = high;
                worstQuery = period + " by " + highQuery;
            }
        }
        System.out.printf("%s: slowest report %,.1f ms (%s)%n", name, worst, worstQuery);
    }

    private static double nonNull(Double v) {
        return v == null ? 0.01 : Math.max(0.01, v);
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
}
