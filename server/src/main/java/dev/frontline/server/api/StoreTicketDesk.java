package dev.frontline.server.api;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * Tickets as the desktops change them, straight on the store: human-readable ids {@code FL-000042} (as core.ticket) from the
 * {@code counters} table, a due time from the tier's target, every change a line in {@code ticket_notes}. Each
 * command is one transaction. Thread-safe.
 */
public final class StoreTicketDesk implements TicketDesk {
    private final Database db;
    private final Targets targets;
    private final Clock clock;

    public StoreTicketDesk(Database db, Targets targets, Clock clock) {
        this.db = db;
        this.targets = targets;
        this.clock = clock;
    }

    @Override
    public String create(Optional<CustomerId> customer, Optional<CallId> call, String subject, Tier tier,
                         String author) {
        long now = clock.millis();
        return db.inTransaction(c -> {
            String id = String.format("FL-%06d", nextNumber(c));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (id, customer_id, call_id, subject, "
                    + "intent, tier, state, priority, opened_at, due_at, operator_login) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, id);
                if (customer.isPresent()) {
                    ps.setLong(2, customer.get().value());
                } else {
                    ps.setNull(2, Types.BIGINT);
                }
                ps.setString(3, call.map(CallId::value).orElse(null));
                ps.setString(4, subject.length() > 400 ? subject.substring(0, 400) : subject);
                ps.setString(5, null);
                ps.setString(6, tierName(tier));
                ps.setString(7, "open");
                ps.setInt(8, 3);
                ps.setLong(9, now);
                ps.setLong(10, now + targets.forTier(tier).toMillis());
                ps.setString(11, author);
                ps.executeUpdate();
            }
            note(c, id, author, "state", "opened on " + tierName(tier) + ": " + subject, now);
            if (call.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE calls SET ticket_id = ? WHERE call_id = ? AND ticket_id IS NULL")) {
                    ps.setString(1, id);
                    ps.setString(2, call.get().value());
                    ps.executeUpdate();
                }
            }
            return id;
        });
    }

    @Override
    public void addNote(String ticketId, String author, String text) {
        db.inTransaction(c -> {
            requireTicket(c, ticketId);
            note(c, ticketId, author, "note", text, clock.millis());
            return null;
        });
    }

    @Override
    public void escalate(String ticketId, Tier toTier, String author, String note) {
        long now = clock.millis();
        db.inTransaction(c -> {
            requireTicket(c, ticketId);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tickets SET tier = ?, state = 'escalated', due_at = ? WHERE id = ?")) {
                ps.setString(1, tierName(toTier));
                ps.setLong(2, now + targets.forTier(toTier).toMillis());
                ps.setString(3, ticketId);
                ps.executeUpdate();
            }
            note(c, ticketId, author, "escalation", "to " + tierName(toTier)
                    + (note == null || note.isBlank() ? "" : ": " + note), now);
            return null;
        });
    }

    @Override
    public void disposition(CallId call, String disposition, String author) {
        long now = clock.millis();
        db.inTransaction(c -> {
            String ticket;
            try (PreparedStatement ps = c.prepareStatement("SELECT ticket_id FROM calls WHERE call_id = ?")) {
                ps.setString(1, call.value());
                try (ResultSet rs = ps.executeQuery()) {
                    ticket = rs.next() ? rs.getString(1) : null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE calls SET outcome = ? WHERE call_id = ?")) {
                ps.setString(1, disposition.length() > 32 ? disposition.substring(0, 32) : disposition);
                ps.setString(2, call.value());
                ps.executeUpdate();
            }
            if (ticket != null) {
                note(c, ticket, author, "disposition", disposition, now);
            }
            return null;
        });
    }

    private static String tierName(Tier tier) {
        return tier.name().toLowerCase(Locale.ROOT);
    }

    private static void requireTicket(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tickets WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no ticket " + id);
                }
            }
        }
    }

    private static void note(Connection c, String ticket, String author, String kind, String text, long at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ticket_notes (ticket_id, at, author, kind, text) VALUES (?,?,?,?,?)")) {
            ps.setString(1, ticket);
            ps.setLong(2, at);
            ps.setString(3, author);
            ps.setString(4, kind);
            ps.setString(5, text);
            ps.executeUpdate();
        }
    }

    private static long nextNumber(Connection c) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE counters SET value = value + 1 WHERE name = 'ticket'")) {
            if (up.executeUpdate() == 0) {
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO counters (name, value) VALUES ('ticket', 1)")) {
                    ins.executeUpdate();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM counters WHERE name = 'ticket'");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new StoreException("ticket counter missing", null);
            }
            return rs.getLong(1);
        }
    }
}
