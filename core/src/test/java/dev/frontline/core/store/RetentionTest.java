package dev.frontline.core.store;

import dev.frontline.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Purge after N months and erasure of one customer, on a real SQLite file. */
class RetentionTest {
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final long OLD = Instant.parse("2026-01-10T10:00:00Z").toEpochMilli();
    static final long RECENT = Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();
    @TempDir Path dir;
    Database db;
    Retention retention;

    @BeforeEach
    void open() {
        db = SqliteTestDatabase.open(dir);
        MutableClock clock = new MutableClock(NOW);
        retention = new Retention(db, clock, new AuditLog(db, clock));
        exec("INSERT INTO customers (id, contract_number, name, mobile, created_at) VALUES (7, 'C-7', 'Ona Onaite', '+37061111111', 0)",
                "INSERT INTO customer_phones (e164, customer_id, kind) VALUES ('+37061111111', 7, 'mobile')",
                "INSERT INTO calls (call_id, backend, calling_number, customer_id, started_at, ended_at) VALUES "
                        + "('old', 'sim', '+37061111111', 7, " + OLD + ", " + (OLD + 1000) + "), "
                        + "('new', 'sim', '+37061111111', 7, " + RECENT + ", " + (RECENT + 1000) + "), "
                        + "('other', 'sim', '+37069999999', NULL, " + OLD + ", " + (OLD + 1000) + ")",
                "INSERT INTO call_events (at, type, call_id, payload) VALUES (" + OLD + ", 'CallQueued', 'old', '{}'), ("
                        + OLD + ", 'OperatorStateChanged', NULL, '{}'), (" + RECENT + ", 'CallQueued', 'new', '{}')",
                "INSERT INTO ratings (call_id, score, at) VALUES ('old', 5, " + OLD + ")",
                "INSERT INTO sms_messages (customer_id, to_number, body, purpose, status, created_at, updated_at) VALUES "
                        + "(7, '+37061111111', 'Your login is ona7', 'login', 'sent', " + OLD + ", 0), "
                        + "(NULL, '+37069999999', 'Contract C-9', 'contract', 'sent', " + OLD + ", 0), "
                        + "(NULL, '+37069999999', 'Contract C-9 again', 'contract', 'sent', " + RECENT + ", 0)",
                "INSERT INTO tickets (id, customer_id, call_id, subject, tier, state, opened_at) VALUES "
                        + "('T-1', 7, 'new', 'No internet at Ona''s', 'line1', 'open', " + RECENT + ")",
                "INSERT INTO ticket_notes (ticket_id, at, author, kind, text) VALUES ('T-1', " + RECENT
                        + ", 'anna', 'note', 'Router at Gedimino 1')");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void purgeRemovesOldCallsAndTextsAndKeepsRecentOnesAndOperatorStates() {
        Map<String, Integer> dry = retention.purge(6, true, "admin");
        assertThat(dry).containsEntry("calls", 2).containsEntry("sms bodies", 2);
        assertThat(number("SELECT count(*) FROM calls")).as("a dry run changes nothing").isEqualTo(3);

        retention.purge(6, false, "admin");

        assertThat(number("SELECT count(*) FROM calls")).isEqualTo(1);
        assertThat(number("SELECT count(*) FROM call_events WHERE call_id = 'old'")).isZero();
        assertThat(number("SELECT count(*) FROM call_events WHERE type = 'OperatorStateChanged'")).isEqualTo(1);
        assertThat(number("SELECT count(*) FROM ratings")).isZero();
        assertThat(number("SELECT count(*) FROM sms_messages WHERE body = '[removed]'")).isEqualTo(2);
        assertThat(number("SELECT count(*) FROM sms_messages WHERE body = 'Contract C-9 again'")).isEqualTo(1);
        assertThat(new AuditLog(db, new MutableClock(NOW)).recent(1).get(0).action()).isEqualTo("retention-purge");
        assertThatThrownBy(() -> retention.purge(0, false, "admin")).hasMessageContaining("at least 1 month");
    }

    @Test
    void erasingACustomerRemovesTheRecordNumbersAndSmsAndAnonymisesTickets() {
        assertThat(retention.erase("C-404", "admin")).isEmpty();

        assertThat(retention.erase("C-7", "admin")).isPresent();

        assertThat(number("SELECT count(*) FROM customers")).isZero();
        assertThat(number("SELECT count(*) FROM customer_phones")).isZero();
        assertThat(number("SELECT count(*) FROM calls WHERE calling_number = '+37061111111' OR customer_id = 7")).isZero();
        assertThat(number("SELECT count(*) FROM calls")).as("the desk's statistics keep the calls").isEqualTo(3);
        assertThat(number("SELECT count(*) FROM sms_messages WHERE body LIKE '%ona7%'")).isZero();
        assertThat(number("SELECT count(*) FROM tickets WHERE id = 'T-1' AND customer_id IS NULL AND subject = '[removed]'"))
                .isEqualTo(1);
        assertThat(number("SELECT count(*) FROM ticket_notes WHERE text LIKE '%Gedimino%'")).isZero();
    }

    private void exec(String... sql) {
        db.inTransaction(c -> {
            for (String s : sql) c.createStatement().executeUpdate(s);
            return null;
        });
    }

    private long number(String sql) {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
