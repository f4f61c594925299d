package dev.frontline.core.report;

import dev.frontline.core.common.Tier;
import dev.frontline.core.desk.Targets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
        Acc[] acc = {new Acc(), new Acc(), new Acc()};
        try (PreparedStatement ps = c.prepareStatement("SELECT t.id, t.opened_at, t.closed_at, n.at, n.kind, n.text,"
                + " CASE WHEN o.login IS NULL THEN 0 ELSE 1 END FROM tickets t"
                + " LEFT JOIN ticket_notes n ON n.ticket_id = t.id LEFT JOIN operators o ON o.login = n.author"
                + " WHERE t.opened_at >= ? AND t.opened_at < ? ORDER BY t.id, n.at, n.id")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                String ticket = null;
                Segment seg = null;
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (!id.equals(ticket)) {
                        if (seg != null) seg.end(now, acc, targets);
                        ticket = id;
                        seg = new Segment(Tier.LINE1, rs.getLong(2), nullable(rs, 3));
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
                        seg.leave(at, now, acc, targets);
                        seg = new Segment(next, at, seg.closedAt);
                    } else if (byOperator && ANSWERS.contains(kind)) {
                        seg.answer(at);
                    }
                }
                if (seg != null) seg.end(now, acc, targets);
            }
        }
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

        /** Escalated away at {@code at}: answered or not on this line, never resolved here. */
        void leave(long at, long now, Acc[] acc, Targets targets) {
            count(at, false, acc, targets);
        }

        /** The last segment: resolved here when the ticket is closed. */
        void end(long now, Acc[] acc, Targets targets) {
            count(closedAt != null ? closedAt : now, closedAt != null, acc, targets);
        }

        private void count(long until, boolean resolved, Acc[] acc, Targets targets) {
            Acc a = acc[tier.ordinal()];
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
