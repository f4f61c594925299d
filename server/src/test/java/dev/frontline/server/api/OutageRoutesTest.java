package dev.frontline.server.api;

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

import static org.assertj.core.api.Assertions.assertThat;

/** Supervisors report, extend and resolve outages over HTTP; a bad one gets a clear error and changes nothing. */
class OutageRoutesTest {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    @TempDir Path dir;
    ApiFixture f;
    DeskClient http;

    @BeforeEach
    void start() {
        f = new ApiFixture(dir, new MutableClock(NOW), Duration.ofHours(1));
        http = f.client;
        f.db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE customers SET service_area = 'Vilnius-North' WHERE id = 1"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aSupervisorReportsExtendsAndResolvesAnOutage() {
        String sue = http.login("sue", "secret");

        DeskClient.Reply created = http.post("/api/admin/outages", sue, "{\"area\":\"Vilnius-North\",\"services\":\"internet\","
                + "\"text\":\"Fibre cut, engineers on site\",\"expectedEnd\":\"2026-03-02T14:00:00Z\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(f.directory.activeIn("Vilnius-North", NOW)).get()
                .satisfies(o -> assertThat(o.description()).isEqualTo("internet: Fibre cut, engineers on site"));

        assertThat(http.post("/api/admin/outages/" + id + "/extend", sue, "{\"expectedEnd\":\"2026-03-02T18:00:00Z\"}").status())
                .isEqualTo(204);
        assertThat(f.directory.activeIn("Vilnius-North", NOW).get().expectedEnd()).contains(Instant.parse("2026-03-02T18:00:00Z"));
        assertThat(http.post("/api/admin/outages/" + id + "/resolve", sue, "").status()).isEqualTo(204);
        assertThat(f.directory.activeIn("Vilnius-North", NOW)).isEmpty();
        assertThat(http.post("/api/admin/outages/" + id + "/resolve", sue, "").status()).isEqualTo(404);
        assertThat(new dev.frontline.core.store.AuditLog(f.db, f.clock).recent(10)).extracting(e -> e.action())
                .contains("outage-report", "outage-extend", "outage-resolve");
    }

    @Test
    void anUnknownAreaOrAMissingTextIsRefusedAndNothingChanges() {
        String sue = http.login("sue", "secret");

        DeskClient.Reply area = http.post("/api/admin/outages", sue, "{\"area\":\"Atlantis\",\"text\":\"x\"}");
        assertThat(area.status()).isEqualTo(400);
        assertThat(area.body()).contains("unknown area 'Atlantis'", "Vilnius-North");
        DeskClient.Reply text = http.post("/api/admin/outages", sue, "{\"area\":\"Vilnius-North\"}");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.body()).contains("text");
        DeskClient.Reply past = http.post("/api/admin/outages", sue,
                "{\"area\":\"Vilnius-North\",\"text\":\"x\",\"expectedEnd\":\"2026-03-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(400);
        assertThat(f.directory.active(NOW)).isEmpty();
        String anna = http.login("anna", "secret");
        assertThat(http.post("/api/admin/outages", anna, "{\"area\":\"Vilnius-North\",\"text\":\"x\"}").status()).isEqualTo(403);
    }

    @Test
    void supervisorsReadTheAreasAnOutageMayNameOperatorsDoNot() {
        f.db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO customers (id, contract_number, name, created_at, service_area) VALUES (77, 'C-7777', 'Ona O', 0, 'Kaunas-Centre')"));
        String sue = http.login("sue", "secret");

        DeskClient.Reply areas = http.get("/api/admin/outage-areas", sue);
        assertThat(areas.status()).as(areas.body()).isEqualTo(200);
        java.util.List<String> names = new java.util.ArrayList<>();
        areas.json().forEach(n -> names.add(n.asText()));
        assertThat(names).containsSubsequence("Kaunas-Centre", "Vilnius-North").doesNotHaveDuplicates();
        assertThat(names).isSorted();
        String anna = http.login("anna", "secret");
        assertThat(http.get("/api/admin/outage-areas", anna).status()).isEqualTo(403);
    }
}
