package dev.frontline.server.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.ticket.Ticket;
import dev.frontline.core.ticket.TicketNote;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The desktops' read model over the store (tickets, contacts, calls with their menu trail, callbacks, knowledge
 * base): read-only SQL, so the screen-pop and the query endpoints never wait on the ACD thread. Thread-safe.
 */
public final class DeskQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CLOSED_CALLBACK_STATES = List.of("done", "completed", "cancelled", "canceled",
            "failed", "expired", "answered", "withdrawn");

    private final Database db;
    private final Clock clock;

    public DeskQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A call as recorded by the IVR (the {@code calls} row). */
    public record CallRecord(String callId, String callingNumber, Long customerId, String language, String intent,
                             Integer priority, String tier, boolean identified, boolean verified,
                             Instant startedAt, Instant queuedAt, String ticketId, List<String> trail) {}

    /**
     * An unknown caller identified by the operator: the call's record and the tickets opened on it without a
     * customer now belong to {@code customerId}; false when the store knows no such call.
     */
    public boolean identifyCaller(CallId callId, long customerId) {
        return db.inTransaction(c -> {
            int calls;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE calls SET customer_id = ?, identified = 1 WHERE call_id = ?")) {
                ps.setLong(1, customerId);
                ps.setString(2, callId.value());
                calls = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tickets SET customer_id = ? WHERE call_id = ? AND customer_id IS NULL")) {
                ps.setLong(1, customerId);
                ps.setString(2, callId.value());
                ps.executeUpdate();
            }
            return calls > 0;
        });
    }

    /** The open tickets opened on {@code callId} (by the IVR or by its operators). */
    public List<String> openTicketsOfCall(CallId callId) {
        return query("SELECT id FROM tickets WHERE call_id = ? AND state = 'open' ORDER BY opened_at", ps -> {
            ps.setString(1, callId.value());
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /**
     * The menu call that asked for the callback whose attempt is {@code attemptId} ({@code cb-<id>-<n>}): the call
     * whose place it keeps, or the call it was asked from; empty for a web form's or an operator's callback, and for a
     * call id that is no callback attempt.
     */
    public Optional<CallRecord> callbackOrigin(CallId attemptId) {
        String id = attemptId.value();
        int last = id.lastIndexOf('-');
        if (!id.startsWith("cb-") || last <= 3) {
            return Optional.empty();
        }
        long callback;
        try {
            callback = Long.parseLong(id.substring(3, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<String> origin = query("SELECT call_id FROM callbacks WHERE id = ?", ps -> {
            ps.setLong(1, callback);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
            }
        });
        return origin.flatMap(o -> call(new CallId(o)));
    }

    public Optional<CallRecord> call(CallId callId) {
        return query("SELECT call_id, calling_number, customer_id, language, intent, priority, tier, identified, "
                + "verified, started_at, queued_at, ticket_id, trail FROM calls WHERE call_id = ?", ps -> {
            ps.setString(1, callId.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CallRecord(rs.getString(1), rs.getString(2), longOrNull(rs, 3),
                        rs.getString(4), rs.getString(5), intOrNull(rs, 6), rs.getString(7), rs.getInt(8) != 0,
                        rs.getInt(9) != 0, instant(rs, 10), instant(rs, 11), rs.getString(12),
                        trailSteps(rs.getString(13))));
            }
        });
    }

    /**
     * Open tickets per line at {@code now} against each line's target, and the {@code limit} most overdue (one
     * indexed range per query: {@code tickets_open_due}).
     */
    public Views.TicketLines ticketLines(Instant now, java.util.function.Function<Tier, Duration> target,
                                         int limit) {
        java.util.Map<String, Views.TicketLine> byTier = new java.util.HashMap<>();
        query("SELECT tier, COUNT(*), SUM(CASE WHEN due_at < ? THEN 1 ELSE 0 END), MIN(due_at) FROM tickets "
                + "WHERE state = ? GROUP BY tier", ps -> {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, Ticket.OPEN);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String tier = rs.getString(1).toUpperCase(Locale.ROOT); // stored as line1, line2, line3
                    byTier.put(tier, new Views.TicketLine(tier, 0, rs.getInt(2), rs.getInt(3), instant(rs, 4)));
                }
            }
            return null;
        });
        List<Views.TicketLine> lines = new ArrayList<>();
        for (Tier t : Tier.values()) {
            Views.TicketLine l = byTier.get(t.name());
            lines.add(new Views.TicketLine(t.name(), target.apply(t).toSeconds(), l == null ? 0 : l.open(),
                    l == null ? 0 : l.overdue(), l == null ? null : l.oldestDue()));
        }
        return new Views.TicketLines(now, lines, openTicketsOn(java.util.EnumSet.allOf(Tier.class), now, limit));
    }

    /**
     * Open tickets on {@code tiers}, earliest due first (the overdue ones lead), at most {@code limit}; one indexed
     * range per line ({@code tickets_open_due}).
     */
    public List<Views.LineTicket> openTicketsOn(java.util.Set<Tier> tiers, int limit) {
        return openTicketsOn(tiers, null, limit);
    }

    /** As {@link #openTicketsOn(java.util.Set, int)}, only those due before {@code dueBefore} (overdue) when not null. */
    private List<Views.LineTicket> openTicketsOn(java.util.Set<Tier> tiers, Instant dueBefore, int limit) {
        if (tiers.isEmpty()) {
            return List.of();
        }
        List<Tier> lines = tiers.stream().sorted().toList();
        String marks = String.join(", ", java.util.Collections.nCopies(lines.size(), "?"));
        return query("SELECT t.id, t.subject, t.tier, t.state, t.opened_at, t.due_at, t.customer_id, c.name, t.priority, "
                + "t.operator_login, " + TAKEN_BY + " FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id "
                + "WHERE t.state = ? AND t.tier IN (" + marks + ")" + (dueBefore == null ? "" : " AND t.due_at < ?")
                + " ORDER BY t.due_at, t.id LIMIT ?", ps -> {
            int i = 1;
            ps.setString(i++, Ticket.OPEN);
            for (Tier line : lines) {
                ps.setString(i++, line.name().toLowerCase(Locale.ROOT));
            }
            if (dueBefore != null) {
                ps.setLong(i++, dueBefore.toEpochMilli());
            }
            ps.setInt(i, limit);
            List<Views.LineTicket> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Views.LineTicket(new Views.TicketSummary(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), instant(rs, 5), instant(rs, 6)), longOrNull(rs, 7),
                            rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11)));
                }
            }
            return out;
        });
    }

    /**
     * Tickets still open whose line's target fell in {@code (after, upTo]}: the ones that just became overdue, earliest
     * first, at most {@code limit} (one indexed range per line on {@code tickets_open_due}).
     */
    public List<Views.TicketSummary> passedTarget(Instant after, Instant upTo, int limit) {
        return query("SELECT " + SUMMARY + " FROM tickets WHERE state = ? AND tier IN ('line1', 'line2', 'line3') "
                + "AND due_at > ? AND due_at <= ? ORDER BY due_at, id LIMIT ?", ps -> {
            ps.setString(1, Ticket.OPEN);
            ps.setLong(2, after.toEpochMilli());
            ps.setLong(3, upTo.toEpochMilli());
            ps.setInt(4, limit);
            return summaries(ps);
        });
    }

    /** Up to when the ticket watch last looked (the {@code ticket-watch} row of {@code counters}), if it ever did. */
    public Optional<Instant> ticketWatchMark() {
        return query("SELECT value FROM counters WHERE name = 'ticket-watch'", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.<Instant>empty();
            }
        });
    }

    /** Notes that the ticket watch has looked up to {@code upTo} (written behind: a crash may forget the last seconds). */
    public void markTicketWatch(Instant upTo) {
        db.writeBehind("ticket watch mark", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO counters (name, value) VALUES ('ticket-watch', ?)"
                    + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
                ps.setLong(1, upTo.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** Who took ticket {@code t} on its current line: the last "taken" note after its last escalation, if any. */
    private static final String TAKEN_BY = "(SELECT n.author FROM ticket_notes n WHERE n.ticket_id = t.id AND n.kind = '"
            + TicketNote.TAKEN + "' AND n.id > COALESCE((SELECT MAX(e.id) FROM ticket_notes e WHERE e.ticket_id = t.id "
            + "AND e.kind = '" + TicketNote.ESCALATION + "'), 0) ORDER BY n.id DESC LIMIT 1)";

    /** The columns {@link #summaries} reads. */
    private static final String SUMMARY = "id, subject, tier, state, opened_at, due_at";

    private static List<Views.TicketSummary> summaries(PreparedStatement ps) throws SQLException {
        List<Views.TicketSummary> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Views.TicketSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), instant(rs, 5), instant(rs, 6)));
            }
        }
        return out;
    }

    public List<Views.TicketSummary> openTickets(long customerId) {
        return query("SELECT " + SUMMARY + " FROM tickets WHERE customer_id = ? "
                + "AND closed_at IS NULL ORDER BY opened_at DESC LIMIT 20", ps -> {
            ps.setLong(1, customerId);
            return summaries(ps);
        });
    }

    /** Callers' ratings given since {@code from}, overall and by the operator who answered the call. */
    public Views.Ratings ratingsSince(java.time.Instant from) {
        List<Views.OperatorRating> byOperator = ratings(from, null);
        byOperator.sort(java.util.Comparator.comparingDouble(Views.OperatorRating::average).reversed()
                .thenComparing(Views.OperatorRating::login));
        int count = byOperator.stream().mapToInt(Views.OperatorRating::count).sum();
        double sum = byOperator.stream().mapToDouble(o -> o.average() * o.count()).sum();
        return new Views.Ratings(count == 0 ? 0 : sum / count, count, byOperator);
    }

    /** One operator's ratings since {@code from} (count 0 when none): one operator's rows, not the whole desk's. */
    public Views.OperatorRating ratingOf(String login, java.time.Instant from) {
        return ratings(from, login).stream().findFirst().orElse(new Views.OperatorRating(login, 0, 0));
    }

    /** Average and count of ratings since {@code from} per answering operator; of {@code login} only when given. */
    private List<Views.OperatorRating> ratings(java.time.Instant from, String login) {
        return query("SELECT c.operator_login, COUNT(*), AVG(r.score) FROM ratings r JOIN calls c ON c.call_id = r.call_id "
                + "WHERE r.at >= ? AND " + (login == null ? "c.operator_login IS NOT NULL" : "c.operator_login = ?")
                + " GROUP BY c.operator_login", ps -> {
                    ps.setLong(1, from.toEpochMilli());
                    if (login != null) {
                        ps.setString(2, login);
                    }
                    List<Views.OperatorRating> list = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            list.add(new Views.OperatorRating(rs.getString(1), rs.getDouble(3), rs.getInt(2)));
                        }
                    }
                    return list;
                });
    }

    /**
     * The calls {@code login} answered since {@code from}, newest first, at most {@code limit}: with the customer,
     * the call's ticket and its disposition (the latest one given), so the operator finds their way back to each.
     */
    public List<Views.MyCall> callsOf(String login, Instant from, int limit) {
        return query("SELECT c.call_id, c.answered_at, c.ended_at, c.calling_number, c.customer_id, cu.name, c.intent, "
                + "COALESCE(c.ticket_id, (SELECT MIN(t.id) FROM tickets t WHERE t.call_id = c.call_id)), "
                + "(SELECT n.text FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id "
                + "WHERE t.call_id = c.call_id AND n.kind = 'disposition' ORDER BY n.at DESC, n.id DESC LIMIT 1) "
                + "FROM calls c LEFT JOIN customers cu ON cu.id = c.customer_id "
                + "WHERE c.operator_login = ? AND c.answered_at >= ? ORDER BY c.answered_at DESC LIMIT ?", ps -> {
                    ps.setString(1, login);
                    ps.setLong(2, from.toEpochMilli());
                    ps.setInt(3, limit);
                    List<Views.MyCall> list = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long customer = rs.getLong(5);
                            Long customerId = rs.wasNull() ? null : customer;
                            list.add(new Views.MyCall(rs.getString(1), instant(rs, 2), instant(rs, 3), rs.getString(4),
                                    customerId, rs.getString(6), lower(rs.getString(7)), rs.getString(8), rs.getString(9)));
                        }
                    }
                    return list;
                });
    }

    /** The last calls and texts of a customer, newest first. */
    public List<Views.Contact> lastContacts(long customerId, int limit) {
        return lastContacts(customerId, limit, "");
    }

    /** The same without the call {@code exceptCallId} (the one being offered is not a past contact). */
    public List<Views.Contact> lastContacts(long customerId, int limit, String exceptCallId) {
        List<Views.Contact> out = new ArrayList<>(query(
                "SELECT started_at, backend, intent, outcome, operator_login, ticket_id FROM calls "
                        + "WHERE customer_id = ? AND call_id <> ? ORDER BY started_at DESC LIMIT ?", ps -> {
                    ps.setLong(1, customerId);
                    ps.setString(2, exceptCallId);
                    ps.setInt(3, limit);
                    List<Views.Contact> list = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String summary = join(lower(rs.getString(3)), rs.getString(4),
                                    rs.getString(5) == null ? null : "operator " + rs.getString(5));
                            list.add(new Views.Contact(instant(rs, 1), "call", summary.isEmpty() ? "call" : summary,
                                    rs.getString(6)));
                        }
                    }
                    return list;
                }));
        out.addAll(query("SELECT created_at, purpose, status FROM sms_messages WHERE customer_id = ? "
                + "ORDER BY created_at DESC LIMIT ?", ps -> {
            ps.setLong(1, customerId);
            ps.setInt(2, limit);
            List<Views.Contact> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new Views.Contact(instant(rs, 1), "sms", join(rs.getString(2), lower(rs.getString(3))),
                            null));
                }
            }
            return list;
        }));
        out.sort(Comparator.comparing(Views.Contact::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    public Optional<Views.TicketDetail> ticket(String ticketId) {
        return query("SELECT t.id, t.subject, t.tier, t.state, t.opened_at, t.due_at, t.customer_id, t.call_id, "
                + "t.priority, t.intent, t.operator_login, " + TAKEN_BY + " FROM tickets t WHERE t.id = ?", ps -> {
            ps.setString(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.<Views.TicketDetail>empty();
                }
                var summary = new Views.TicketSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), instant(rs, 5), instant(rs, 6));
                return Optional.of(new Views.TicketDetail(summary, longOrNull(rs, 7), rs.getString(8), rs.getInt(9),
                        rs.getString(10), rs.getString(11), notes(ps.getConnection(), ticketId), rs.getString(12)));
            }
        });
    }

    private List<Views.TicketNote> notes(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT at, author, kind, text FROM ticket_notes WHERE ticket_id = ? ORDER BY at, id")) {
            ps.setString(1, ticketId);
            List<Views.TicketNote> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Views.TicketNote(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        }
    }

    /** Callbacks not yet done, due first, with their attempts. */
    public List<Views.CallbackRow> openCallbacks(int limit) {
        String placeholders = String.join(",", CLOSED_CALLBACK_STATES.stream().map(s -> "?").toList());
        return query("SELECT cb.id, cb.number, cb.customer_id, c.name, cb.intent, cb.priority, cb.tier, cb.language, "
                + "cb.original_arrived_at, cb.window_start, cb.window_end, cb.state, cb.attempts, cb.next_attempt_at, "
                + "cb.ticket_id, cb.note, cb.created_at FROM callbacks cb LEFT JOIN customers c ON c.id = cb.customer_id "
                + "WHERE lower(cb.state) NOT IN (" + placeholders + ") "
                + "ORDER BY cb.priority, cb.original_arrived_at LIMIT ?", ps -> {
            int i = 1;
            for (String s : CLOSED_CALLBACK_STATES) {
                ps.setString(i++, s);
            }
            ps.setInt(i, limit);
            List<Views.CallbackRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Instant arrived = instant(rs, 9);
                    Instant asked = instant(rs, 17); // the wait before asking, not the time since: it stays put
                    out.add(new Views.CallbackRow(id, rs.getString(2), longOrNull(rs, 3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), arrived,
                            arrived == null || asked == null ? 0 : Math.max(0, Duration.between(arrived, asked).toSeconds()),
                            instant(rs, 10), instant(rs, 11), rs.getString(12), rs.getInt(13), instant(rs, 14),
                            rs.getString(15), rs.getString(16), attempts(ps.getConnection(), id)));
                }
            }
            List<Views.CallbackRow> shown = new ArrayList<>(out.size());
            for (Views.CallbackRow r : out) {
                shown.add(webRequest(ps.getConnection(), r));
            }
            return shown;
        });
    }

    private static final java.util.regex.Pattern WEB_TICKET = java.util.regex.Pattern.compile("\\(ticket ([A-Z]+-\\d+)\\)");

    /**
     * A web form's request as the desk should show it: the visitor's name for "who", their problem as the note, its
     * ticket. The form stores them in the ticket's first note, {@code NAME (NUMBER[, contract C]): TEXT} (issue 22:
     * the desk said "Unknown caller" and kept the problem in a tooltip).
     */
    private static Views.CallbackRow webRequest(Connection c, Views.CallbackRow r) throws SQLException {
        if (r.note() == null || !r.note().startsWith(FormPostLimits.WEB_CALLBACK)) {
            return r;
        }
        java.util.regex.Matcher m = WEB_TICKET.matcher(r.note());
        if (!m.find()) {
            return r;
        }
        String ticket = m.group(1);
        try (PreparedStatement ps = c.prepareStatement("SELECT text FROM ticket_notes WHERE ticket_id = ? "
                + "AND author = 'web-form' AND kind = 'note' ORDER BY at, id LIMIT 1")) {
            ps.setString(1, ticket);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return r;
                }
                String text = rs.getString(1);
                int open = text.indexOf(" (" + r.number());
                int close = open < 0 ? -1 : text.indexOf("): ", open);
                if (open <= 0 || close < 0) {
                    return r;
                }
                String name = r.customerName() != null && !r.customerName().isBlank() ? r.customerName()
                        : text.substring(0, open);
                return new Views.CallbackRow(r.id(), r.number(), r.customerId(), name, r.intent(), r.priority(),
                        r.tier(), r.language(), r.originalArrivedAt(), r.originalWaitSeconds(), r.windowStart(),
                        r.windowEnd(), r.state(), r.attempts(), r.nextAttemptAt(), ticket, text.substring(close + 3),
                        r.attemptLog());
            }
        }
    }

    public Optional<Views.CallbackRow> callback(long id) {
        return openCallbacks(10_000).stream().filter(r -> r.id() == id).findFirst();
    }

    private List<Views.CallbackAttempt> attempts(Connection c, long callbackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT attempt_no, operator_login, at, outcome, detail "
                + "FROM callback_attempts WHERE callback_id = ? ORDER BY attempt_no, id")) {
            ps.setLong(1, callbackId);
            List<Views.CallbackAttempt> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Views.CallbackAttempt(rs.getInt(1), rs.getString(2), instant(rs, 3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return out;
        }
    }

    static List<String> trailSteps(String trail) {
        if (trail == null || trail.isBlank()) {
            return List.of();
        }
        String t = trail.trim();
        if (t.startsWith("[")) {
            try {
                List<Object> items = JSON.readValue(t, new TypeReference<List<Object>>() {});
                return items.stream().map(DeskQueries::stepText).toList();
            } catch (java.io.IOException e) {
                // not JSON after all: fall through to lines
            }
        }
        return t.lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String stepText(Object item) {
        if (item instanceof java.util.Map<?, ?> m) {
            Object text = m.containsKey("text") ? m.get("text") : m.containsKey("summary") ? m.get("summary") : null;
            return text != null ? text.toString() : m.toString();
        }
        return String.valueOf(item);
    }

    private interface Work<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    /** Waits for the store's queued writes first (the IVR's calls rows are write-behind), so a screen-pop sees them. */
    private <T> T query(String sql, Work<T> work) {
        db.flush();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return work.run(ps);
        } catch (SQLException e) {
            throw new StoreException("desk query failed: " + e.getMessage(), e);
        }
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Long longOrNull(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String join(String... parts) {
        return String.join(", ", Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList());
    }
}
