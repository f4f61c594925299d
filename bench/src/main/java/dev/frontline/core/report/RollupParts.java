package dev.frontline.core.report;

import dev.frontline.core.store.Database;

import java.sql.Connection;
import java.util.Map;
import java.util.TreeMap;

/**
 * For ReportBench only (in core's package to reach the package-private rollup reads): times the parts of a report that
 * depend on its interval and breakdown — the call rows, self-service by step and line-1 answers from the call rollups,
 * the ratings from the rating rollups — without the parts that depend on the period alone, so a year can be timed
 * for every grouping while its slow raw-table parts are timed once.
 */
public final class RollupParts {
    private RollupParts() {
    }

    /** Milliseconds of {@code calls} and {@code ratings} for {@code q}, as {@link CallReports#report} reads them. */
    public static Map<String, Double> time(Database db, ReportQuery q) throws Exception {
        if (!CallRollups.covers(q)) throw new IllegalArgumentException("not a rollup report: " + q);
        long fromQ = q.start().toEpochMilli() / CallRollups.QUARTER_MS;
        long toQ = q.end().toEpochMilli() / CallRollups.QUARTER_MS;
        Map<String, Double> out = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            long t0 = System.nanoTime();
            int rows = CallRollups.rows(c, q).values().stream().mapToInt(Map::size).sum();
            CallRollups.selfServedBySteps(c, fromQ, toQ, new TreeMap<>());
            CallRollups.line1Answered(c, fromQ, toQ);
            long t1 = System.nanoTime();
            CallRollups.ratings(c, fromQ, toQ);
            long t2 = System.nanoTime();
            out.put("calls", (t1 - t0) / 1e6);
            out.put("ratings", (t2 - t1) / 1e6);
            out.put("rows", (double) rows);
        }
        return out;
    }
}
