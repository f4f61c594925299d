package dev.frontline.core.report;

import dev.frontline.core.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * First-contact resolution ({@link CallReport.FirstContact}) over {@code calls} (indexed by customer and by calling
 * number) and {@code ticket_notes}: a reopened ticket is a {@code state} note starting "reopened". {@link #of} is the
 * raw definition in one statement; {@link #fromRollups} reads {@code first_contact_rollups} (V119, ADR 0145) for the
 * judged quarters and the raw rows only for the calls whose window has not passed; {@link #refresh} keeps the rollups.
 */
final class FirstContactResolution {
    private static final long QUARTER_MS = CallRollups.QUARTER_MS;

    private FirstContactResolution() {
    }

    // one index range per call: by customer (calls_customer) or, unidentified, by number (calls_calling_number);
    // an OR of the two in one EXISTS let SQLite read every call of the window after each call (by calls_started)
    private static final String LATER =
            "l.started_at > k.started_at AND l.started_at <= k.started_at + ? AND l.queued_at IS NOT NULL";
    private static final String NOTE =
            "n.kind = 'state' AND n.text LIKE 'reopened%' AND n.at > k.started_at AND n.at <= k.started_at + ?";
    /** Contacted again within the window; parameters: the window four times. */
    private static final String AGAIN = "((CASE WHEN k.customer_id IS NOT NULL"
            + " THEN EXISTS (SELECT 1 FROM calls l WHERE l.customer_id = k.customer_id AND " + LATER + ")"
            + " ELSE EXISTS (SELECT 1 FROM calls l WHERE l.calling_number = k.calling_number AND " + LATER + ") END)"
            + " OR EXISTS (SELECT 1 FROM ticket_notes n WHERE n.ticket_id = k.ticket_id AND " + NOTE + ")"
            + " OR EXISTS (SELECT 1 FROM tickets t JOIN ticket_notes n ON n.ticket_id = t.id WHERE t.call_id = k.call_id"
            + " AND " + NOTE + "))";

    /** Parameters: window, now, window, now, then window four times, from, to. */
    static final String SQL = "SELECT count(*), sum(CASE WHEN k.started_at + ? > ? THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN k.started_at + ? <= ? AND NOT " + AGAIN + " THEN 1 ELSE 0 END)"
            + " FROM calls k WHERE k.started_at >= ? AND k.started_at < ? AND k.answered_at IS NOT NULL";

    /** The rollup rows of the answered calls started in [from, to); parameters: the window four times, from, to. */
    static final String ROLLUP_SQL = "INSERT INTO first_contact_rollups (quarter, answered, again)"
            + " SELECT k.started_at / " + QUARTER_MS + ", count(*), sum(CASE WHEN " + AGAIN + " THEN 1 ELSE 0 END)"
            + " FROM calls k WHERE k.started_at >= ? AND k.started_at < ? AND k.answered_at IS NOT NULL"
            + " GROUP BY k.started_at / " + QUARTER_MS;

    static CallReport.FirstContact of(Connection c, long from, long to, long now, int days) throws SQLException {
        long[] raw = raw(c, from, to, now, days * 86_400_000L);
        return result(days, raw[0], raw[1], raw[2]);
    }

    /** {answered, pending, resolved} of the answered calls started in [from, to), from the raw rows. */
    private static long[] raw(Connection c, long from, long to, long now, long window) throws SQLException {
        if (from >= to) return new long[3];
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            int i = 1;
            ps.setLong(i++, window);
            ps.setLong(i++, now);
            ps.setLong(i++, window);
            ps.setLong(i++, now);
            for (int w = 0; w < 4; w++) ps.setLong(i++, window); // repeat by customer, by number; reopened twice
            ps.setLong(i++, from);
            ps.setLong(i, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    private static CallReport.FirstContact result(int days, long answered, long pending, long resolved) {
        long judged = answered - pending;
        return new CallReport.FirstContact(days, answered, judged, resolved, pending,
                judged == 0 ? null : (double) resolved / judged);
    }

    /** The last quarter whose every call is judged at {@code now} (started + window <= now). */
    static long judgedUpTo(long now, long window) {
        return Math.floorDiv(now - window + 1, QUARTER_MS) - 1;
    }

    /**
     * The period [from, to) (whole quarters): the rollups for its quarters up to {@link #judgedUpTo}, the raw rows for
     * the rest (calls whose window has not passed, and those judged since the last {@link #refresh}).
     */
    static CallReport.FirstContact fromRollups(Connection c, long from, long to, long now, int days) throws SQLException {
        long window = days * 86_400_000L;
        long fromQ = from / QUARTER_MS;
        long covered;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT window_ms, covered_q FROM first_contact_state WHERE id = 1")) {
            rs.next();
            covered = rs.getLong(1) == window ? rs.getLong(2) : -1;
        }
        long endQ = Math.min(to / QUARTER_MS, Math.min(covered, judgedUpTo(now, window)) + 1); // rollups for [fromQ, endQ)
        long answered = 0;
        long resolved = 0;
        if (endQ > fromQ) {
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(answered), 0), coalesce(sum(again), 0)"
                    + " FROM first_contact_rollups WHERE quarter >= ? AND quarter < ?")) {
                ps.setLong(1, fromQ);
                ps.setLong(2, endQ);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    answered = rs.getLong(1);
                    resolved = answered - rs.getLong(2);
                }
            }
        }
        long[] raw = raw(c, Math.max(from, endQ * QUARTER_MS), to, now, window);
        return result(days, answered + raw[0], raw[1], resolved + raw[2]);
    }

    /**
     * Brings the rollups up to date for {@code days} at {@code now} in one write, when needed: rebuilt for another
     * window, the quarters of every stale mark recomputed, the newly judged quarters added. Returns the quarters
     * recomputed (0 when nothing was to do).
     */
    static long refresh(Database db, int days, long now, boolean rebuild) {
        long window = days * 86_400_000L;
        long judged = judgedUpTo(now, window);
        boolean pg = db.dialect() == Database.Dialect.POSTGRESQL;
        boolean needed = rebuild || db.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT window_ms, covered_q FROM first_contact_state WHERE id = 1")) {
                rs.next();
                if (rs.getLong(1) != window || rs.getLong(2) < judged) return true;
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1 FROM first_contact_stale LIMIT 1")) {
                return rs.next();
            }
        });
        if (!needed) return 0;
        return db.writeNow("first-contact rollups brought up to date", c -> {
            long covered;
            long stored;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT window_ms, covered_q FROM first_contact_state WHERE id = 1"
                         + (pg ? " FOR UPDATE" : ""))) {
                rs.next();
                stored = rs.getLong(1);
                covered = rs.getLong(2);
            }
            List<long[]> ranges = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                if (rebuild || stored != window) {
                    s.executeUpdate("DELETE FROM first_contact_rollups");
                    s.executeUpdate("DELETE FROM first_contact_stale");
                    covered = -1;
                } else {
                    // each mark q concerns the calls started in the quarters [q - window, q]: merged, then recomputed
                    TreeSet<Long> marks = new TreeSet<>();
                    try (ResultSet rs = s.executeQuery("DELETE FROM first_contact_stale RETURNING quarter")) {
                        while (rs.next()) marks.add(rs.getLong(1));
                    }
                    long windowQ = window / QUARTER_MS;
                    for (long q : marks) {
                        long a = q - windowQ;
                        long b = Math.min(q, covered);
                        if (b < a) continue;
                        long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
                        if (last != null && a <= last[1] + 1) last[1] = Math.max(last[1], b);
                        else ranges.add(new long[] {a, b});
                    }
                }
            }
            if (judged > covered) ranges.add(new long[] {covered + 1, judged});
            long quarters = 0;
            for (long[] r : ranges) {
                try (PreparedStatement del = c.prepareStatement(
                        "DELETE FROM first_contact_rollups WHERE quarter >= ? AND quarter <= ?")) {
                    del.setLong(1, r[0]);
                    del.setLong(2, r[1]);
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement(ROLLUP_SQL)) {
                    int i = 1;
                    for (int w = 0; w < 4; w++) ins.setLong(i++, window);
                    ins.setLong(i++, Math.max(0, r[0]) * QUARTER_MS);
                    ins.setLong(i, (r[1] + 1) * QUARTER_MS);
                    ins.executeUpdate();
                }
                quarters += r[1] - r[0] + 1;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE first_contact_state SET window_ms = ?, covered_q = ? WHERE id = 1")) {
                ps.setLong(1, window);
                ps.setLong(2, Math.max(covered, judged));
                ps.executeUpdate();
            }
            return quarters;
        });
    }
}
