package dev.frontline.server.api;

import dev.frontline.core.sms.SmsResult;
import dev.frontline.core.store.AuditLog;
import dev.frontline.core.testing.MutableClock;
import dev.frontline.server.testing.ApiFixture;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Supervisors reset a customer's PIN (by SMS to the mobile on file) and deactivate a customer over HTTP. */
class CustomerAdminRoutesTest {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    @TempDir Path dir;
    ApiFixture f;
    DeskClient http;

    @BeforeEach
    void start() {
        f = new ApiFixture(dir, new MutableClock(NOW), Duration.ofHours(1));
        http = f.client;
        f.db.inTransaction(c -> c.createStatement().executeUpdate(
                "UPDATE customers SET mobile = '+37061111111', pin_hash = 'old', pin_failures = 2 WHERE id = 1"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String one(String sql) {
        return f.db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Test
    void aPinResetTextsANewPinToTheMobileOnFileAndTheAnswerDoesNotHoldIt() {
        String sue = http.login("sue", "secret");

        DeskClient.Reply r = http.post("/api/admin/customers/1/pin-reset", sue, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("sent by SMS to the mobile on file").doesNotContainPattern("\\d{6}");
        assertThat(f.texts).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo("+37061111111");
            assertThat(t.secret()).isTrue();
            assertThat(t.purpose()).isEqualTo("pin-reset");
            String pin = t.body().replaceAll("\\D", "");
            assertThat(pin).hasSize(6);
            assertThat(new dev.frontline.core.security.SlowHash(10).matches(pin.toCharArray(),
                    one("SELECT pin_hash FROM customers WHERE id = 1"))).isTrue();
        });
        assertThat(one("SELECT pin_failures FROM customers WHERE id = 1")).isEqualTo("0");
        assertThat(new AuditLog(f.db, f.clock).recent(5)).extracting(AuditLog.Entry::action).contains("pin-reset");
    }

    @Test
    void aRefusedSmsPutsTheOldPinBack() {
        f.sms.set(r -> new SmsResult(SmsResult.Status.RATE_LIMITED, "9", "3 texts per hour"));
        String sue = http.login("sue", "secret");

        DeskClient.Reply r = http.post("/api/admin/customers/1/pin-reset", sue, "");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body()).contains("RATE_LIMITED", "the old PIN still holds");
        assertThat(one("SELECT pin_hash FROM customers WHERE id = 1")).isEqualTo("old");
    }

    @Test
    void noMobileOnFileIsRefusedAndOperatorsAreForbidden() {
        f.db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE customers SET mobile = NULL WHERE id = 1"));
        String sue = http.login("sue", "secret");
        DeskClient.Reply r = http.post("/api/admin/customers/1/pin-reset", sue, "");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body()).contains("no mobile on file");
        assertThat(one("SELECT pin_hash FROM customers WHERE id = 1")).isEqualTo("old");
        assertThat(http.post("/api/admin/customers/404/pin-reset", sue, "").status()).isEqualTo(404);
        assertThat(http.post("/api/admin/customers/x/pin-reset", sue, "").status()).isEqualTo(400);
        String anna = http.login("anna", "secret");
        assertThat(http.post("/api/admin/customers/1/pin-reset", anna, "").status()).isEqualTo(403);
        assertThat(http.post("/api/admin/customers/1/deactivate", anna, "").status()).isEqualTo(403);
        assertThat(f.texts).isEmpty();
    }

    @Test
    void aSupervisorDeactivatesACustomer() {
        String sue = http.login("sue", "secret");
        assertThat(http.post("/api/admin/customers/1/deactivate", sue, "").status()).isEqualTo(200);
        assertThat(one("SELECT status || '/' || coalesce(pin_hash, 'none') FROM customers WHERE id = 1")).isEqualTo("closed/none");
        assertThat(http.post("/api/admin/customers/1/deactivate", sue, "").status()).isEqualTo(409);
        assertThat(new AuditLog(f.db, f.clock).recent(5)).extracting(AuditLog.Entry::subject).contains("C-1001");
    }
}
