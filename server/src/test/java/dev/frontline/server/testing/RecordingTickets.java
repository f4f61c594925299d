package dev.frontline.server.testing;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.store.Database;
import dev.frontline.server.api.TicketDesk;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Writes tickets and notes straight into the store's tables, standing in for the ticket service. */
public final class RecordingTickets implements TicketDesk {
    private final Database db;
    private final Clock clock;
    private final AtomicInteger seq = new AtomicInteger();

    public RecordingTickets(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String create(Optional<CustomerId> customer, Optional<CallId> call, String subject, Tier tier, String author) {
        String id = "T-" + (1000 + seq.incrementAndGet());
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (id, customer_id, call_id, subject, "
                    + "tier, state, priority, opened_at, operator_login) VALUES (?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, id);
                ps.setObject(2, customer.map(CustomerId::value).orElse(null));
                ps.setString(3, call.map(CallId::value).orElse(null));
                ps.setString(4, subject);
                ps.setString(5, tier.name());
                ps.setString(6, "open");
                ps.setInt(7, 1);
                ps.setLong(8, clock.millis());
                ps.setString(9, author);
                ps.executeUpdate();
            }
            return null;
        });
        return id;
    }

    @Override
    public void addNote(String ticketId, String author, String text) {
        note(ticketId, author, "note", text);
    }

    @Override
    public void escalate(String ticketId, Tier toTier, String author, String note) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET tier = ? WHERE id = ?")) {
                ps.setString(1, toTier.name());
                ps.setString(2, ticketId);
                ps.executeUpdate();
            }
            return null;
        });
        note(ticketId, author, "escalation", "to " + toTier.name().toLowerCase(Locale.ROOT)
                + (note == null ? "" : ": " + note));
    }

    @Override
    public void disposition(CallId call, String disposition, String author) {
    }

    private void note(String ticketId, String author, String kind, String text) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ticket_notes (ticket_id, at, author, kind, text) VALUES (?,?,?,?,?)")) {
                ps.setString(1, ticketId);
                ps.setLong(2, clock.millis());
                ps.setString(3, author);
                ps.setString(4, kind);
                ps.setString(5, text);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
