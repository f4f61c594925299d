package dev.frontline.core.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * First-contact resolution ({@link CallReport.FirstContact}) in one statement over {@code calls} (indexed by customer
 * and by calling number) and {@code ticket_notes}: a reopened ticket is a {@code state} note starting "reopened".
 * Read-only.
 */
final class FirstContactResolution {
    private FirstContactResolution() {
    }

    /** Parameters: window, now, window, now, then window four times, from, to. */
    static final String SQL = sql();

    private static String sql() {
        // one index range per call: by customer (calls_customer) or, unidentified, by number (calls_calling_number);
        // an OR of the two in one EXISTS let SQLite read every call of the window after each call (by calls_started)
        String later = "l.started_at > k.started_at AND l.started_at <= k.started_at + ? AND l.queued_at IS NOT NULL";
        String repeat = "(CASE WHEN k.customer_id IS NOT NULL"
                + " THEN EXISTS (SELECT 1 FROM calls l WHERE l.customer_id = k.customer_id AND " + later + ")"
                + " ELSE EXISTS (SELECT 1 FROM calls l WHERE l.calling_number = k.calling_number AND " + later + ") END)";
        String note = "n.kind = 'state' AND n.text LIKE 'reopened%' AND n.at > k.started_at AND n.at <= k.started_at + ?";
        String reopened = "(EXISTS (SELECT 1 FROM ticket_notes n WHERE n.ticket_id = k.ticket_id AND " + note + ")"
                + " OR EXISTS (SELECT 1 FROM tickets t JOIN ticket_notes n ON n.ticket_id = t.id WHERE t.call_id = k.call_id"
                + " AND " + note + "))";
        return "SELECT count(*), sum(CASE WHEN k.started_at + ? > ? THEN 1 ELSE 0 END),"
                + " sum(CASE WHEN k.started_at + ? <= ? AND NOT " + repeat + " AND NOT " + reopened + " THEN 1 ELSE 0 END)"
                + " FROM calls k WHERE k.started_at >= ? AND k.started_at < ? AND k.answered_at IS NOT NULL";
    }

    static CallReport.FirstContact of(Connection c, long from, long to, long now, int days) throws SQLException {
        long window = days * 86_400_000L;
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            int i = 1;
            ps.setLong(i++, window);
            ps.setLong(i++, now);
            ps.setLong(i++, window);
            ps.setLong(i++, now);
            ps.setLong(i++, window); // repeat by customer
            ps.setLong(i++, window); // repeat by number
            ps.setLong(i++, window); // reopened: the call's ticket
            ps.setLong(i++, window); // reopened: a ticket opened on the call
            ps.setLong(i++, from);
            ps.setLong(i, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long answered = rs.getLong(1);
                long pending = rs.getLong(2);
                long resolved = rs.getLong(3);
                long judged = answered - pending;
                return new CallReport.FirstContact(days, answered, judged, resolved, pending,
                        judged == 0 ? null : (double) resolved / judged);
            }
        }
    }
}
