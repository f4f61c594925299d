package dev.frontline.server.sms;

import dev.frontline.core.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code sms_messages} table: one row per attempt to send a text, whatever happened to it. */
final class SmsLog {
    static final String PENDING = "pending";
    static final String QUEUED = "queued";
    static final String SIMULATED = "simulated";
    static final String FAILED = "failed";
    static final String RATE_LIMITED = "rate-limited";

    /** A send that counted against the limits (everything but refused ones). */
    record PastSend(Optional<String> customer, String to, Instant at) {}

    private final Database db;

    SmsLog(Database db) {
        this.db = db;
    }

    long insert(Optional<Long> customer, String to, String from, String storedBody, boolean secret, String purpose,
                String status, String error, Instant at) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sms_messages (customer_id, to_number, from_number, body, secret, purpose, status, error,"
                            + " attempts, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,0,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                if (customer.isPresent()) {
                    ps.setLong(1, customer.get());
                } else {
                    ps.setNull(1, java.sql.Types.BIGINT);
                }
                ps.setString(2, to);
                ps.setString(3, from);
                ps.setString(4, storedBody);
                ps.setInt(5, secret ? 1 : 0);
                ps.setString(6, purpose);
                ps.setString(7, status);
                ps.setString(8, error);
                ps.setLong(9, at.toEpochMilli());
                ps.setLong(10, at.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Records the outcome of the provider attempts of row {@code id}. */
    void finish(long id, String status, String providerSid, String error, int attempts, Instant at) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sms_messages SET status = ?, provider_sid = ?, error = ?, attempts = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, status);
                ps.setString(2, providerSid);
                ps.setString(3, error);
                ps.setInt(4, attempts);
                ps.setLong(5, at.toEpochMilli());
                ps.setLong(6, id);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Where a status stands in a text's life: a report may only move it forward. Twilio does not order its delivery
     * callbacks (a late {@code sent} can follow {@code delivered}). Final statuses share a rank: the first one wins.
     * Statuses we do not know rank with {@code sent} (never over a final one).
     */
    static int rank(String status) {
        return switch (status) {
            case PENDING -> 0;
            case "accepted", "scheduled" -> 1;
            case QUEUED -> 2;
            case "sending" -> 3;
            case "delivered", "undelivered", FAILED, "canceled", RATE_LIMITED -> 5;
            case "read" -> 6;
            default -> 4; // sent, simulated (handed over, no report will come), and anything new
        };
    }

    /** The same ranks in SQL, over the stored status (an unknown stored status counts as final). */
    private static final String STORED_RANK = "CASE status WHEN 'pending' THEN 0 WHEN 'accepted' THEN 1"
            + " WHEN 'scheduled' THEN 1 WHEN 'queued' THEN 2 WHEN 'sending' THEN 3 WHEN 'sent' THEN 4 WHEN 'simulated' THEN 4"
            + " WHEN 'read' THEN 6 ELSE 5 END";

    /** What a delivery report did. */
    enum Delivery { UPDATED, LATE, UNKNOWN }

    /**
     * A delivery report from the provider: applied only when it moves the status forward ({@link #rank}), in one
     * statement (two reports racing cannot undo each other).
     */
    Delivery updateDelivery(String providerSid, String status, String error, Instant at) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sms_messages SET status = ?, error = COALESCE(?, error), updated_at = ? WHERE provider_sid = ?"
                            + " AND " + STORED_RANK + " < ?")) {
                ps.setString(1, status);
                ps.setString(2, error);
                ps.setLong(3, at.toEpochMilli());
                ps.setString(4, providerSid);
                ps.setInt(5, rank(status));
                if (ps.executeUpdate() > 0) {
                    return Delivery.UPDATED;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sms_messages WHERE provider_sid = ?")) {
                ps.setString(1, providerSid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Delivery.LATE : Delivery.UNKNOWN;
                }
            }
        });
    }

    /** Sends since {@code since} that count against the limits (refused ones do not). */
    List<PastSend> countedSince(Instant since) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT customer_id, to_number, created_at, purpose FROM sms_messages WHERE created_at > ? AND status <> ?")) {
                ps.setLong(1, since.toEpochMilli());
                ps.setString(2, RATE_LIMITED);
                List<PastSend> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long cust = rs.getLong(1);
                        Optional<Long> of = rs.wasNull() ? Optional.empty() : Optional.of(cust);
                        Optional<String> customer = SmsService.limitedCustomer(rs.getString(4), of).map(String::valueOf);
                        out.add(new PastSend(customer, rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
                    }
                }
                return out;
            }
        });
    }

    /** Rows a crash left between "logged" and "handed to the provider": whether they went out is unknown. */
    int failInterrupted(Instant at) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sms_messages SET status = ?, error = ?, updated_at = ? WHERE status = ?")) {
                ps.setString(1, FAILED);
                ps.setString(2, "interrupted by a restart before the provider answered (may or may not have been sent)");
                ps.setLong(3, at.toEpochMilli());
                ps.setString(4, PENDING);
                return ps.executeUpdate();
            }
        });
    }
}
