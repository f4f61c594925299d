package dev.frontline.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeping personal data no longer than needed: {@link #purge} removes call records (rows, their events, ratings) and
 * blanks SMS bodies and ticket notes older than N months; {@link #erase} removes one customer on request (the record,
 * numbers, SMS; calls and callbacks lose the number; tickets stay, anonymised, for the desk's statistics). Each runs in
 * one transaction: all or nothing. Every run is recorded in the audit log. Thread-safe.
 */
public final class Retention {
    /** What replaces purged or erased text. */
    public static final String REMOVED = "[removed]";
    /** The ACD's per-call events; operators' state changes and callbacks stay (routing is rebuilt from them). */
    private static final String CALL_EVENT_TYPES = "('CallQueued','CallOffered','PhoneRinging','CallAnswered','CallEnded',"
            + "'CallAbandoned','CallRequeued','CallLost','PriorityChanged','CallTransferred','SlaBreached')";

    private final Database db;
    private final Clock clock;
    private final AuditLog audit;

    public Retention(Database db, Clock clock, AuditLog audit) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** The moment {@code months} months before now (UTC calendar). */
    public Instant cutoff(int months) {
        if (months < 1) throw new IllegalArgumentException("keep at least 1 month, not " + months);
        return clock.instant().atZone(ZoneOffset.UTC).minusMonths(months).toInstant();
    }

    /**
     * Removes what is older than {@code months} months (ended calls only); with {@code dryRun} counts it and changes
     * nothing. Returns the count per kind.
     */
    public Map<String, Integer> purge(int months, boolean dryRun, String actor) {
        long before = cutoff(months).toEpochMilli();
        db.flush();
        Map<String, Integer> counts = db.inTransaction(c -> {
            Map<String, Integer> n = new LinkedHashMap<>();
            String oldCalls = "SELECT call_id FROM calls WHERE started_at < " + before + " AND ended_at IS NOT NULL";
            n.put("calls", count(c, "SELECT count(*) FROM calls WHERE started_at < " + before + " AND ended_at IS NOT NULL"));
            n.put("call events", count(c, "SELECT count(*) FROM call_events WHERE at < " + before + " AND type IN "
                    + CALL_EVENT_TYPES + " AND call_id IN (" + oldCalls + ")"));
            n.put("ratings", count(c, "SELECT count(*) FROM ratings WHERE call_id IN (" + oldCalls + ")"));
            n.put("sms bodies", count(c, "SELECT count(*) FROM sms_messages WHERE created_at < " + before
                    + " AND body <> '" + REMOVED + "'"));
            n.put("ticket notes", count(c, "SELECT count(*) FROM ticket_notes WHERE at < " + before
                    + " AND text <> '" + REMOVED + "'"));
            if (!dryRun) {
                update(c, "DELETE FROM call_events WHERE at < " + before + " AND type IN " + CALL_EVENT_TYPES
                        + " AND call_id IN (" + oldCalls + ")");
                update(c, "DELETE FROM ratings WHERE call_id IN (" + oldCalls + ")");
                update(c, "DELETE FROM flow_sessions WHERE call_id IN (" + oldCalls + ")");
                update(c, "DELETE FROM calls WHERE started_at < " + before + " AND ended_at IS NOT NULL");
                update(c, "UPDATE sms_messages SET body = '" + REMOVED + "' WHERE created_at < " + before);
                update(c, "UPDATE ticket_notes SET text = '" + REMOVED + "' WHERE at < " + before);
            }
            return n;
        });
        if (!dryRun) audit.record(actor, "retention-purge", "older than " + months + " months", counts.toString());
        return counts;
    }

    /**
     * Erases the customer with contract {@code contract}. Returns what was changed, or empty when there is no such
     * customer (nothing changed).
     */
    public Optional<Map<String, Integer>> erase(String contract, String actor) {
        db.flush();
        Optional<Map<String, Integer>> done = db.inTransaction(c -> {
            Long id = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM customers WHERE contract_number = ?")) {
                ps.setString(1, contract);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) id = rs.getLong(1);
                }
            }
            if (id == null) return Optional.<Map<String, Integer>>empty();
            Map<String, Integer> n = new LinkedHashMap<>();
            String numbers = "SELECT e164 FROM customer_phones WHERE customer_id = " + id;
            n.put("calls", update(c, "UPDATE calls SET customer_id = NULL, calling_number = NULL, trail = '[]' "
                    + "WHERE customer_id = " + id + " OR calling_number IN (" + numbers + ")"));
            n.put("callbacks", update(c, "UPDATE callbacks SET customer_id = NULL, number = '', note = NULL "
                    + "WHERE customer_id = " + id));
            n.put("sms", update(c, "DELETE FROM sms_messages WHERE customer_id = " + id));
            n.put("tickets", update(c, "UPDATE tickets SET customer_id = NULL, subject = '" + REMOVED + "' "
                    + "WHERE customer_id = " + id));
            n.put("ticket notes", update(c, "UPDATE ticket_notes SET text = '" + REMOVED + "' WHERE ticket_id IN "
                    + "(SELECT id FROM tickets WHERE subject = '" + REMOVED + "' AND customer_id IS NULL)"
                    + " AND text <> '" + REMOVED + "'"));
            n.put("numbers", update(c, "DELETE FROM customer_phones WHERE customer_id = " + id));
            n.put("customer", update(c, "DELETE FROM customers WHERE id = " + id));
            return Optional.of(n);
        });
        // the audit names the contract (the request's reference), not the person
        done.ifPresent(n -> audit.record(actor, "erase-customer", contract, n.toString()));
        return done;
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int update(Connection c, String sql) throws SQLException {
        return c.createStatement().executeUpdate(sql);
    }
}
