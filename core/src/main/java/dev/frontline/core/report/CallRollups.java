package dev.frontline.core.report;

import dev.frontline.core.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Reads the per-15-minute rollups ({@code call_rollups}, {@code rating_rollups}; V108, ADR 0142) that triggers keep in
 * step with {@code calls} and {@code ratings}. A quarter is {@code epochMillis / 900000}: every real zone's offset is
 * whole quarter hours, so a local quarter, hour or day is a range of quarters. The period is cut into spans of one UTC
 * offset and each span is summed by the database, grouped by the local interval ({@code (quarter + offset) / n}).
 * Stateless; thread-safe.
 */
final class CallRollups {
    static final long QUARTER_MS = 900_000L;

    private CallRollups() {
    }

    /** Sums of a rollup key, as {@link CallReports}' raw pass accumulates them. */
    static final class Acc {
        long calls, offered, answered, abandoned, selfServed, inTarget, longestWait;
        long abandonWaitSum, answerWaitSum, talkSum, talkCount;

        void add(Acc o) {
            calls += o.calls;
            offered += o.offered;
            answered += o.answered;
            abandoned += o.abandoned;
            selfServed += o.selfServed;
            inTarget += o.inTarget;
            longestWait = Math.max(longestWait, o.longestWait);
            abandonWaitSum += o.abandonWaitSum;
            answerWaitSum += o.answerWaitSum;
            talkSum += o.talkSum;
            talkCount += o.talkCount;
        }
    }

    /** True when the rollups can answer {@code q} exactly: the period is whole quarters and so is every offset in it. */
    static boolean covers(ReportQuery q) {
        long from = q.start().toEpochMilli();
        long to = q.end().toEpochMilli();
        if (from % QUARTER_MS != 0 || to % QUARTER_MS != 0) return false;
        for (Span s : spans(q.zone(), from / QUARTER_MS, to / QUARTER_MS)) {
            if (s.offsetSeconds % 900 != 0) return false;
        }
        return true;
    }

    /** The rollups' on-line target; when it is not {@code targetMs}, rebuilds every call rollup for it, in one write. */
    static void ensureTarget(Database db, long targetMs) {
        long stored = db.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT on_line_target_ms FROM call_rollup_target")) {
                return rs.next() ? rs.getLong(1) : -1L;
            }
        });
        if (stored != targetMs) rebuild(db, targetMs);
    }

    /** Recomputes every call and rating rollup from the raw tables for {@code targetMs}, in one write transaction. */
    static int rebuild(Database db, long targetMs) {
        return db.writeNow("rollups rebuilt for an on-line target of " + targetMs + " ms", c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE call_rollup_target SET on_line_target_ms = " + targetMs);
                // the hour rollups first: the triggers on call_rollups (V122) then find no hour to take each row from
                s.executeUpdate("DELETE FROM call_hour_rollups");
                s.executeUpdate("DELETE FROM call_rollups");
                s.executeUpdate("DELETE FROM rating_rollups");
                s.executeUpdate("INSERT INTO rating_rollups SELECT at / 900000, score, count(*) FROM ratings "
                        + "GROUP BY at / 900000, score");
                return s.executeUpdate("INSERT INTO call_rollups SELECT dim, quarter, val, count(*), sum(offered), "
                        + "sum(answered), sum(abandoned), sum(self_served), sum(in_target), sum(answer_wait_ms), "
                        + "sum(abandon_wait_ms), sum(talk_ms), sum(talked), max(longest_wait_ms) "
                        + "FROM call_rollup_source GROUP BY dim, quarter, val");
            }
        });
    }

    static String dim(ReportQuery.Breakdown by) {
        return switch (by) {
            case NONE -> "none";
            case QUEUE -> "queue";
            case LINE -> "line";
            case LANGUAGE -> "lang";
            case OPERATOR -> "op";
        };
    }

    /** The period's sums by interval start and key ({@code ""} for none). */
    static Map<Instant, Map<String, Acc>> rows(Connection c, ReportQuery q) throws SQLException {
        long fromQ = q.start().toEpochMilli() / QUARTER_MS;
        long toQ = q.end().toEpochMilli() / QUARTER_MS;
        Map<Instant, Map<String, Acc>> out = new HashMap<>();
        if (q.interval() == ReportQuery.Interval.TOTAL) {
            for (Piece p : pieces(fromQ, toQ, true)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 0, val, " + SUMS + " FROM " + p.table()
                        + " WHERE " + p.where(dim(q.by())) + " GROUP BY val")) {
                    read(ps, b -> q.start(), out);
                }
            }
            return out;
        }
        int n = switch (q.interval()) {
            case QUARTER_HOUR -> 1;
            case HOUR -> 4;
            default -> 96;
        };
        for (Span s : spans(q.zone(), fromQ, toQ)) {
            long off = s.offsetSeconds / 900;
            // an hour lies in one interval when intervals are whole hours of a zone offset by whole hours
            for (Piece p : pieces(s.from, s.to, n % 4 == 0 && off % 4 == 0)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT (" + p.column() + " * " + p.quarters() + " + "
                        + off + ") / " + n + ", val, " + SUMS + " FROM " + p.table() + " WHERE " + p.where(dim(q.by()))
                        + " GROUP BY 1, 2")) {
                    LongFunction<Instant> start = q.interval() == ReportQuery.Interval.DAY
                            ? b -> LocalDate.ofEpochDay(b).atStartOfDay(q.zone()).toInstant()
                            : b -> Instant.ofEpochMilli((b * n - off) * QUARTER_MS);
                    read(ps, start, out);
                }
            }
        }
        return out;
    }

    private static final String SUMS = "sum(calls), sum(offered), sum(answered), sum(abandoned), sum(self_served), "
            + "sum(in_target), max(longest_wait_ms), sum(abandon_wait_ms), sum(answer_wait_ms), sum(talk_ms), sum(talked)";

    /**
     * Rollup rows to read for quarters {@code [fromQ, toQ)}: the whole hours inside from {@code call_hour_rollups} (V122,
     * ADR 0150) when {@code hours}, the quarters before and after them (or all, when not) from {@code call_rollups}.
     */
    static List<Piece> pieces(long fromQ, long toQ, boolean hours) {
        long h0 = Math.floorDiv(fromQ + 3, 4);
        long h1 = Math.floorDiv(toQ, 4);
        if (!hours || h0 >= h1) return List.of(new Piece(false, fromQ, toQ));
        List<Piece> out = new ArrayList<>(3);
        if (fromQ < h0 * 4) out.add(new Piece(false, fromQ, h0 * 4));
        out.add(new Piece(true, h0, h1));
        if (h1 * 4 < toQ) out.add(new Piece(false, h1 * 4, toQ));
        return out;
    }

    /** A range {@code [from, to)} of hours ({@code hours}) or quarters. */
    record Piece(boolean hours, long from, long to) {
        String table() {
            return hours ? "call_hour_rollups" : "call_rollups";
        }

        String column() {
            return hours ? "hour" : "quarter";
        }

        int quarters() {
            return hours ? 4 : 1;
        }

        /**
         * The range as literals, no parameters: on PostgreSQL a statement run a sixth time with parameters may get a
         * generic plan, which for a year by operator walked the primary key (0.88 s) where a custom plan scans (0.12 s).
         */
        String where(String dim) {
            return "dim = '" + dim + "' AND " + column() + " >= " + from + " AND " + column() + " < " + to;
        }
    }

    /** Adds each row of {@code ps} under its interval's start. */
    private static void read(PreparedStatement ps, LongFunction<Instant> start, Map<Instant, Map<String, Acc>> out)
            throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Acc a = new Acc();
                a.calls = rs.getLong(3);
                a.offered = rs.getLong(4);
                a.answered = rs.getLong(5);
                a.abandoned = rs.getLong(6);
                a.selfServed = rs.getLong(7);
                a.inTarget = rs.getLong(8);
                a.longestWait = rs.getLong(9);
                a.abandonWaitSum = rs.getLong(10);
                a.answerWaitSum = rs.getLong(11);
                a.talkSum = rs.getLong(12);
                a.talkCount = rs.getLong(13);
                out.computeIfAbsent(start.apply(rs.getLong(1)), k -> new HashMap<>())
                        .computeIfAbsent(rs.getString(2), k -> new Acc()).add(a);
            }
        }
    }

    /** Self-served calls of the period by the menu step they ended at. */
    static Map<String, Long> selfServedBySteps(Connection c, long fromQ, long toQ, Map<String, Long> out)
            throws SQLException {
        for (Piece p : pieces(fromQ, toQ, true)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT val, sum(calls) FROM " + p.table() + " WHERE "
                    + p.where("step") + " GROUP BY val")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.merge(rs.getString(1), rs.getLong(2), Long::sum);
                }
            }
        }
        return out;
    }

    /** Calls of the period answered on line 1 (or on no line). */
    static long line1Answered(Connection c, long fromQ, long toQ) throws SQLException {
        long n = 0;
        for (Piece p : pieces(fromQ, toQ, true)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT sum(answered) FROM " + p.table() + " WHERE "
                    + p.where("line") + " AND (val = 'line1' OR val = '')")) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) n += rs.getLong(1);
                }
            }
        }
        return n;
    }

    /** Ratings of the period by score ({@code counts[i]} rated {@code i + 1}). */
    static long[] ratings(Connection c, long fromQ, long toQ) throws SQLException {
        long[] counts = new long[5];
        try (PreparedStatement ps = c.prepareStatement("SELECT score, sum(n) FROM rating_rollups "
                + "WHERE quarter >= ? AND quarter < ? GROUP BY score")) {
            ps.setLong(1, fromQ);
            ps.setLong(2, toQ);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int s = rs.getInt(1);
                    if (s >= 1 && s <= 5) counts[s - 1] = rs.getLong(2);
                }
            }
        }
        return counts;
    }

    /** Quarters {@code [from, to)} in which the zone keeps one offset (a quarter takes the offset at its start). */
    record Span(long from, long to, int offsetSeconds) {}

    static List<Span> spans(ZoneId zone, long fromQ, long toQ) {
        ZoneRules rules = zone.getRules();
        List<Span> out = new ArrayList<>();
        long s = fromQ;
        while (s < toQ) {
            Instant at = Instant.ofEpochMilli(s * QUARTER_MS);
            int offset = rules.getOffset(at).getTotalSeconds();
            ZoneOffsetTransition next = rules.nextTransition(at);
            long e = toQ;
            if (next != null) {
                // the first quarter starting at or after the change
                long changeMs = next.getInstant().toEpochMilli();
                e = Math.min(toQ, Math.floorDiv(changeMs + QUARTER_MS - 1, QUARTER_MS));
            }
            if (e <= s) e = s + 1;
            out.add(new Span(s, e, offset));
            s = e;
        }
        return out;
    }
}
