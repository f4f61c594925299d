package dev.frontline.core.report;

import dev.frontline.core.common.Tier;
import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Ticket times per line ({@link CallReport.TicketLine}) from {@code tickets} and {@code ticket_notes}: a ticket's
 * history is cut into one segment per line it was on (opened on, then each escalation); its first answer on a line is
 * the first note, take, disposition or close there by an operator (a login in {@code operators}). Read-only.
 */
final class TicketTimes {
    private static final Set<String> ANSWERS = Set.of("note", "taken", "disposition", "state");

    private static final class Acc {
        long reached, answered, inTarget, pastTarget, answerSum, longest = -1, resolved, resolvedInTarget, resolveSum;
    }

    private TicketTimes() {
    }

    static List<CallReport.TicketLine> of(Connection c, long from, long to, long now, Targets targets) throws SQLException {
        Acc[] acc = accs();
        scan(c, from, to, (ticket, openedAt, seg, until, resolved, open) ->
                seg.count(acc[seg.tier.ordinal()], open ? now : until, resolved, targets));
        return lines(acc, targets);
    }

    private static Acc[] accs() {
        return new Acc[] {new Acc(), new Acc(), new Acc()};
    }

    private static List<CallReport.TicketLine> lines(Acc[] acc, Targets targets) {
        List<CallReport.TicketLine> out = new ArrayList<>();
        for (Tier t : Tier.values()) {
            Acc a = acc[t.ordinal()];
            out.add(new CallReport.TicketLine(t.name().toLowerCase(Locale.ROOT), targets.forTier(t).toSeconds(),
                    a.reached, a.answered, a.inTarget, a.pastTarget,
                    a.answered == 0 ? null : a.answerSum / 1000.0 / a.answered, a.longest < 0 ? null : a.longest / 1000,
                    a.resolved, a.resolvedInTarget, a.resolved == 0 ? null : a.resolveSum / 1000.0 / a.resolved));
        }
        return out;
    }

    /** A line's part of a ticket, finished: {@code open} when it is the last one of a ticket not closed. */
    private interface Segments {
        void segment(String ticket, long openedAt, Segment seg, long until, boolean resolved, boolean open)
                throws SQLException;
    }

    /** Every line's part of every ticket opened in {@code [from, to)}. */
    private static void scan(Connection c, long from, long to, Segments out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.id, t.opened_at, t.closed_at, n.at, n.kind, n.text,"
                + " CASE WHEN o.login IS NULL THEN 0 ELSE 1 END FROM tickets t"
                + " LEFT JOIN ticket_notes n ON n.ticket_id = t.id LEFT JOIN operators o ON o.login = n.author"
                + " WHERE t.opened_at >= ? AND t.opened_at < ? ORDER BY t.id, n.at, n.id")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                String ticket = null;
                long openedAt = 0;
                Segment seg = null;
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (!id.equals(ticket)) {
                        if (seg != null) seg.end(ticket, openedAt, out);
                        ticket = id;
                        openedAt = rs.getLong(2);
                        seg = new Segment(Tier.LINE1, openedAt, nullable(rs, 3));
                    }
                    long at = rs.getLong(4);
                    if (rs.wasNull()) continue;
                    String kind = rs.getString(5);
                    String text = rs.getString(6);
                    boolean byOperator = rs.getInt(7) == 1;
                    if ("state".equals(kind) && text != null && text.startsWith("opened on ")) {
                        seg.tier = tier(text.substring("opened on ".length()), seg.tier);
                        if (byOperator) seg.answer(at);
                    } else if ("escalation".equals(kind)) {
                        Tier next = tier(text == null || !text.contains("-> ") ? "" : text.substring(text.indexOf("-> ") + 3),
                                seg.tier.next());
                        out.segment(ticket, openedAt, seg, at, false, false);
                        seg = new Segment(next, at, seg.closedAt);
                    } else if (byOperator && ANSWERS.contains(kind)) {
                        seg.answer(at);
                    }
                }
                if (seg != null) seg.end(ticket, openedAt, out);
            }
        }
    }

    // ---- rollups (V123, ADR 0150) ----

    private static final long QUARTER_MS = CallRollups.QUARTER_MS;

    /**
     * Brings {@code ticket_time_rollups} up to date before a report reads them: recomputes the quarters marked since
     * (a ticket or note written), or all of them when never built, after a change of operators, for other targets, or
     * when {@code rebuild}. Returns the quarters recomputed.
     */
    static long refresh(Database db, Targets targets, boolean rebuild) {
        String key = targets.line1().toMillis() + "," + targets.line2().toMillis() + "," + targets.line3().toMillis();
        boolean pg = db.dialect() == Database.Dialect.POSTGRESQL;
        boolean needed = rebuild || db.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT targets, built FROM ticket_time_state WHERE id = 1")) {
                rs.next();
                if (!rs.getString(1).equals(key) || rs.getInt(2) == 0) return true;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM ticket_time_stale LIMIT 1")) {
                return rs.next();
            }
        });
        if (!needed) return 0;
        return db.writeNow("ticket time rollups brought up to date", c -> {
            boolean all = rebuild;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT targets, built FROM ticket_time_state WHERE id = 1"
                         + (pg ? " FOR UPDATE" : ""))) {
                rs.next();
                all |= !rs.getString(1).equals(key) || rs.getInt(2) == 0;
            }
            List<long[]> ranges = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                TreeSet<Long> marks = new TreeSet<>();
                try (ResultSet rs = s.executeQuery("DELETE FROM ticket_time_stale RETURNING quarter")) {
                    while (rs.next()) marks.add(rs.getLong(1));
                }
                if (all) {
                    s.executeUpdate("DELETE FROM ticket_time_rollups");
                    s.executeUpdate("DELETE FROM ticket_time_waiting");
                    s.executeUpdate("UPDATE ticket_time_state SET targets = '" + key + "', built = 1 WHERE id = 1");
                    ranges.add(new long[] {Long.MIN_VALUE / QUARTER_MS, Long.MAX_VALUE / QUARTER_MS - 1});
                } else {
                    for (long q : marks) {
                        long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
                        if (last != null && q == last[1] + 1) last[1] = q;
                        else ranges.add(new long[] {q, q});
                    }
                }
            }
            long quarters = 0;
            for (long[] r : ranges) {
                if (!all) {
                    for (String table : List.of("ticket_time_rollups", "ticket_time_waiting")) {
                        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table
                                + " WHERE quarter >= ? AND quarter <= ?")) {
                            del.setLong(1, r[0]);
                            del.setLong(2, r[1]);
                            del.executeUpdate();
                        }
                    }
                }
                quarters += build(c, r[0] * QUARTER_MS, (r[1] + 1) * QUARTER_MS, targets);
            }
            return quarters;
        });
    }

    /** Computes and inserts the rollup rows of the tickets opened in {@code [from, to)}; returns the quarters written. */
    private static long build(Connection c, long from, long to, Targets targets) throws SQLException {
        Map<Long, Acc[]> quarters = new TreeMap<>();
        try (PreparedStatement waiting = c.prepareStatement("INSERT INTO ticket_time_waiting (ticket_id, quarter, tier, "
                + "since) VALUES (?, ?, ?, ?)")) {
            int[] batched = {0};
            scan(c, from, to, (ticket, openedAt, seg, until, resolved, open) -> {
                Acc a = quarters.computeIfAbsent(Math.floorDiv(openedAt, QUARTER_MS), k -> accs())[seg.tier.ordinal()];
                if (open && seg.answeredAt == null) {
                    // past its target or not depends on "now": counted by the report
                    a.reached++;
                    waiting.setString(1, ticket);
                    waiting.setLong(2, Math.floorDiv(openedAt, QUARTER_MS));
                    waiting.setString(3, seg.tier.name());
                    waiting.setLong(4, seg.start);
                    waiting.addBatch();
                    if (++batched[0] % 1000 == 0) waiting.executeBatch();
                } else {
                    seg.count(a, until, resolved, targets);
                }
            });
            waiting.executeBatch();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO ticket_time_rollups (quarter, tier, reached, answered, "
                + "in_target, past_target, answer_sum, longest, resolved, resolved_in_target, resolve_sum) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Map.Entry<Long, Acc[]> e : quarters.entrySet()) {
                for (Tier t : Tier.values()) {
                    Acc a = e.getValue()[t.ordinal()];
                    if (a.reached == 0) continue;
                    ins.setLong(1, e.getKey());
                    ins.setString(2, t.name());
                    ins.setLong(3, a.reached);
                    ins.setLong(4, a.answered);
                    ins.setLong(5, a.inTarget);
                    ins.setLong(6, a.pastTarget);
                    ins.setLong(7, a.answerSum);
                    ins.setLong(8, a.longest);
                    ins.setLong(9, a.resolved);
                    ins.setLong(10, a.resolvedInTarget);
                    ins.setLong(11, a.resolveSum);
                    ins.addBatch();
                    if (++n % 1000 == 0) ins.executeBatch();
                }
            }
            ins.executeBatch();
        }
        return quarters.size();
    }

    /** The period's ticket lines from the rollups of quarters {@code [fromQ, toQ)} and their waiting tickets at {@code now}. */
    static List<CallReport.TicketLine> fromRollups(Connection c, long fromQ, long toQ, long now, Targets targets)
            throws SQLException {
        Acc[] acc = accs();
        try (PreparedStatement ps = c.prepareStatement("SELECT tier, sum(reached), sum(answered), sum(in_target), "
                + "sum(past_target), sum(answer_sum), max(longest), sum(resolved), sum(resolved_in_target), sum(resolve_sum) "
                + "FROM ticket_time_rollups WHERE quarter >= ? AND quarter < ? GROUP BY tier")) {
            ps.setLong(1, fromQ);
            ps.setLong(2, toQ);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Acc a = acc[Tier.valueOf(rs.getString(1)).ordinal()];
                    a.reached += rs.getLong(2);
                    a.answered += rs.getLong(3);
                    a.inTarget += rs.getLong(4);
                    a.pastTarget += rs.getLong(5);
                    a.answerSum += rs.getLong(6);
                    a.longest = Math.max(a.longest, rs.getLong(7));
                    a.resolved += rs.getLong(8);
                    a.resolvedInTarget += rs.getLong(9);
                    a.resolveSum += rs.getLong(10);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT tier, since FROM ticket_time_waiting "
                + "WHERE quarter >= ? AND quarter < ?")) {
            ps.setLong(1, fromQ);
            ps.setLong(2, toQ);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Tier t = Tier.valueOf(rs.getString(1));
                    if (now - rs.getLong(2) > targets.forTier(t).toMillis()) acc[t.ordinal()].pastTarget++;
                }
            }
        }
        return lines(acc, targets);
    }

    private static Long nullable(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Tier tier(String text, Tier fallback) {
        String word = text.split("[:\\s]", 2)[0].trim().toUpperCase(Locale.ROOT);
        for (Tier t : Tier.values()) {
            if (t.name().equals(word)) return t;
        }
        return fallback;
    }

    /** One line's part of a ticket's life: from reaching the line to leaving it (escalation) or the close. */
    private static final class Segment {
        Tier tier;
        final long start;
        final Long closedAt;
        Long answeredAt;

        Segment(Tier tier, long start, Long closedAt) {
            this.tier = tier;
            this.start = start;
            this.closedAt = closedAt;
        }

        void answer(long at) {
            if (answeredAt == null) answeredAt = Math.max(at, start);
        }

        /** The last segment: resolved here when the ticket is closed, open (counted until "now") when it is not. */
        void end(String ticket, long openedAt, Segments out) throws SQLException {
            out.segment(ticket, openedAt, this, closedAt != null ? closedAt : 0, closedAt != null, closedAt == null);
        }

        void count(Acc a, long until, boolean resolved, Targets targets) {
            long target = targets.forTier(tier).toMillis();
            a.reached++;
            if (answeredAt != null) {
                long wait = answeredAt - start;
                a.answered++;
                a.answerSum += wait;
                a.longest = Math.max(a.longest, wait);
                if (wait <= target) a.inTarget++;
            } else if (until - start > target) {
                a.pastTarget++;
            }
            if (resolved) {
                long took = Math.max(0, closedAt - start);
                a.resolved++;
                a.resolveSum += took;
                if (took <= target) a.resolvedInTarget++;
            }
        }
    }
}
