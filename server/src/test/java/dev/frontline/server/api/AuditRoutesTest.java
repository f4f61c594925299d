package dev.frontline.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontline.core.testing.MutableClock;
import dev.frontline.server.testing.ApiFixture;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Logins (and failed ones) and every opened customer record are in the audit log, searchable by supervisors only. */
class AuditRoutesTest {
    @TempDir Path dir;
    ApiFixture f;
    DeskClient http;

    @BeforeEach
    void start() {
        f = new ApiFixture(dir, new MutableClock(Instant.parse("2026-03-02T10:00:00Z")), Duration.ofHours(1));
        http = f.client;
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void loginsAndOpenedCustomersAreAuditedAndSearchable() {
        assertThat(http.post("/api/login", null, "{\"login\":\"anna\",\"password\":\"guess\"}").status()).isEqualTo(401);
        String sue = http.login("sue", "secret");
        assertThat(http.get("/api/customers/1", sue).status()).isEqualTo(200);

        DeskClient.Reply all = http.get("/api/audit", sue);
        assertThat(all.status()).isEqualTo(200);
        assertThat(actions(all.json())).contains("login-failed", "login", "open-customer");
        DeskClient.Reply opened = http.get("/api/audit?action=open-customer&actor=sue", sue);
        assertThat(opened.json()).hasSize(1);
        assertThat(opened.json().get(0).get("subject").asText()).isEqualTo("1");
        assertThat(opened.json().get(0).get("detail").asText()).isEqualTo("C-1001");
        assertThat(http.get("/api/audit?from=2026-03-03T00:00:00Z", sue).json()).isEmpty();
        assertThat(http.get("/api/audit?from=yesterday", sue).status()).isEqualTo(400);
    }

    @Test
    void operatorsCannotReadTheAuditLog() {
        String anna = http.login("anna", "secret");
        assertThat(http.get("/api/audit", anna).status()).isEqualTo(403);
    }

    private static List<String> actions(JsonNode entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.get("action").asText()));
        return out;
    }
}
