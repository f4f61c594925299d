package dev.frontline.server.sms;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.sms.SmsResult;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMS log's SQL on a real PostgreSQL (the same statements run on SQLite in {@link SmsServiceTest}). */
class SmsLogPostgresIT {
    final Clock clock = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);
    Database db;

    @BeforeEach
    void open() {
        db = PostgresTestDatabase.fresh();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void logsLimitsRedactsAndRecoversOnPostgres() {
        long customer = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO customers (contract_number, name, created_at) VALUES ('C-1', 'Jonas', 0) RETURNING id");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        SmsLog log = new SmsLog(db);
        long pending = log.insert(Optional.empty(), "+37060000009", "", "x", false, "test", SmsLog.PENDING, null,
                clock.instant().minus(Duration.ofMinutes(5)));
        SmsService sms = SmsService.create(db, SmsConfig.defaults(), new LogOnlySmsSender(), clock, Runnable::run, d -> { });
        assertThat(status(pending)).isEqualTo("failed");

        SmsResult first = sms.send(new SmsRequest("+37061234567", "Your login: jonas42", true,
                Optional.of(new CustomerId(customer)), "login-reset"));
        sms.send(new SmsRequest("+37061234567", "two", false, Optional.of(new CustomerId(customer)), "test"));
        sms.send(new SmsRequest("+37061234567", "three", false, Optional.of(new CustomerId(customer)), "test"));
        SmsResult fourth = sms.send(new SmsRequest("+37061234567", "four", false, Optional.of(new CustomerId(customer)), "test"));

        assertThat(first.status()).isEqualTo(SmsResult.Status.SENT);
        assertThat(fourth.status()).isEqualTo(SmsResult.Status.RATE_LIMITED);
        assertThat(body(Long.parseLong(first.id()))).isEqualTo("Your login: [redacted]");
        assertThat(status(Long.parseLong(first.id()))).isEqualTo("simulated");
        assertThat(log.countedSince(clock.instant().minus(Duration.ofHours(1)))).hasSize(4); // 3 sent + the interrupted one
        String sid = scalar("SELECT provider_sid FROM sms_messages WHERE id = " + first.id());
        assertThat(sms.deliveryStatus(sid, "delivered", Optional.empty())).isTrue();
        assertThat(status(Long.parseLong(first.id()))).isEqualTo("delivered");

        // a restart re-reads the window: the customer is still at the limit
        SmsService again = SmsService.create(db, SmsConfig.defaults(), new LogOnlySmsSender(), clock, Runnable::run, d -> { });
        assertThat(again.send(new SmsRequest("+37061234500", "five", false, Optional.of(new CustomerId(customer)), "test"))
                .status()).isEqualTo(SmsResult.Status.RATE_LIMITED);
    }

    String status(long id) {
        return scalar("SELECT status FROM sms_messages WHERE id = " + id);
    }

    String body(long id) {
        return scalar("SELECT body FROM sms_messages WHERE id = " + id);
    }

    String scalar(String sql) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }
}
