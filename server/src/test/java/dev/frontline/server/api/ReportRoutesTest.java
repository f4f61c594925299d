package dev.frontline.server.api;

import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.server.testing.ApiFixture;
import dev.frontline.server.testing.DeskClient;
import dev.frontline.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Reports over real loopback HTTP: supervisors only, JSON / CSV / PDF, bad parameters named, abandoned callers. */
class ReportRoutesTest {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    @TempDir Path dir;
    ApiFixture f;
    DeskClient http;

    @BeforeEach
    void start() {
        f = new ApiFixture(dir, new MutableClock(NOW), Duration.ofHours(1));
        http = f.client;
        long t = NOW.minusSeconds(3600).toEpochMilli();
        f.db.inTransaction(c -> {
            c.createStatement().executeUpdate("INSERT INTO calls (call_id, backend, calling_number, started_at, queued_at, "
                    + "answered_at, ended_at, outcome, intent, tier, language) VALUES "
                    + "('a1', 'sim', '+37060000001', " + t + ", " + (t + 10_000) + ", " + (t + 20_000) + ", " + (t + 80_000)
                    + ", 'answered', 'technical', 'line1', 'lt'), "
                    + "('a2', 'sim', '+37060000002', " + t + ", " + (t + 10_000) + ", NULL, " + (t + 70_000)
                    + ", 'abandoned', 'sales', 'line1', 'ru')");
            return null;
        });
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void operatorsCannotReadReportsAndSupervisorsGetJson() {
        String anna = http.login("anna", "secret");
        String sue = http.login("sue", "secret");

        assertThat(http.get("/api/reports/calls", anna).status()).isEqualTo(403);
        assertThat(http.get("/api/reports/calls", null).status()).isEqualTo(401);
        DeskClient.Reply r = http.get("/api/reports/calls?period=day&day=2026-03-02&interval=total", sue);
        assertThat(r.status()).isEqualTo(200);
        var row = r.json().get("rows").get(0);
        assertThat(row.get("offered").asLong()).isEqualTo(2);
        assertThat(row.get("answered").asLong()).isEqualTo(1);
        assertThat(row.get("abandoned").asLong()).isEqualTo(1);
        assertThat(row.get("abandonWait").asDouble()).isEqualTo(60.0);
    }

    @Test
    void csvForABiToolAndPdfForPeople() {
        String sue = http.login("sue", "secret");

        DeskClient.Reply csv = http.get("/api/reports/calls?from=2026-03-01&to=2026-03-02&interval=hour&by=language&format=csv", sue);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines()).first().asString().startsWith("interval_start,key,calls,offered,answered");
        assertThat(csv.body()).contains("2026-03-02T09:00:00Z,lt,1,1,1,0").contains(",ru,1,1,0,1,60.000");
        DeskClient.Reply pdf = http.get("/api/reports/calls?period=week&day=2026-03-02&format=pdf", sue);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.body()).startsWith("%PDF-");
    }

    @Test
    void ticketTimesPerLineAndFirstContactResolutionAreInJsonCsvAndPdf() {
        String sue = http.login("sue", "secret");
        long t = NOW.minusSeconds(3000).toEpochMilli();
        f.db.inTransaction(c -> {
            c.createStatement().executeUpdate("INSERT INTO tickets (id, subject, tier, state, opened_at, closed_at) VALUES "
                    + "('T-1', 'no internet', 'line1', 'closed', " + t + ", " + (t + 120_000) + ")");
            c.createStatement().executeUpdate("INSERT INTO ticket_notes (ticket_id, at, author, kind, text) VALUES "
                    + "('T-1', " + t + ", 'web-form', 'state', 'opened on line1: no internet')");
            return null;
        });

        DeskClient.Reply r = http.get("/api/reports/calls?period=day&day=2026-03-02&interval=total", sue);
        assertThat(r.json().get("tickets").findValuesAsText("line")).containsExactly("line1", "line2", "line3");
        assertThat(r.json().get("tickets").get(0).get("targetSeconds").asLong()).isEqualTo(300);
        assertThat(r.json().get("tickets").get(0).get("reached").asLong()).isEqualTo(1);
        assertThat(r.json().get("tickets").get(0).get("resolved").asLong()).isEqualTo(1);
        assertThat(r.json().get("tickets").get(2).get("targetSeconds").asLong()).isEqualTo(86400);
        assertThat(r.json().get("firstContact").get("days").asInt()).isEqualTo(7);
        assertThat(r.json().get("firstContact").get("answered").asLong()).isEqualTo(1);
        assertThat(r.json().get("firstContact").get("pending").asLong()).isEqualTo(1); // its 7 days have not passed

        DeskClient.Reply tickets = http.get("/api/reports/calls?period=day&day=2026-03-02&format=csv&table=tickets", sue);
        assertThat(tickets.body().lines()).first().asString().startsWith("line,target_s,reached,answered");
        assertThat(tickets.body()).contains("line1,300,1,0,0,0,,,1,1,120.000");
        DeskClient.Reply fcr = http.get("/api/reports/calls?period=day&day=2026-03-02&format=csv&table=first-contact", sue);
        assertThat(fcr.body()).startsWith("days,answered,judged,resolved,pending,rate").contains("7,1,0,0,1,");
        DeskClient.Reply bad = http.get("/api/reports/calls?format=csv&table=agents", sue);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("table", "rows, tickets or first-contact");
        assertThat(http.get("/api/reports/calls?period=day&day=2026-03-02&format=pdf", sue).body()).startsWith("%PDF-");
    }

    @Test
    void badParametersAreNamed() {
        String sue = http.login("sue", "secret");

        DeskClient.Reply interval = http.get("/api/reports/calls?interval=minute", sue);
        assertThat(interval.status()).isEqualTo(400);
        assertThat(interval.body()).contains("interval", "15min, hour, day or total");
        DeskClient.Reply date = http.get("/api/reports/calls?from=2026-13-01&to=2026-03-02", sue);
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.body()).contains("from must be a date");
        DeskClient.Reply backwards = http.get("/api/reports/calls?from=2026-03-02&to=2026-03-01", sue);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("before");
        DeskClient.Reply tooMany = http.get("/api/reports/calls?from=2026-01-01&to=2026-12-31&interval=hour&by=operator", sue);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("hour intervals by operator cover at most 31 days", "use day");
    }

    @Test
    void todaysAbandonedCallerIsCalledBackInTheirPlace() {
        String sue = http.login("sue", "secret");

        DeskClient.Reply list = http.get("/api/reports/abandoned", sue);
        assertThat(list.json().get(0).get("number").asText()).isEqualTo("+37060000002");
        assertThat(http.post("/api/reports/abandoned/a1/callback", sue, "").status()).as("answered: not abandoned")
                .isEqualTo(404);
        DeskClient.Reply ok = http.post("/api/reports/abandoned/a2/callback", sue, "");

        assertThat(ok.status()).isEqualTo(202);
        assertThat(f.acd.callbacks).singleElement().satisfies((CallbackRequest r) -> {
            assertThat(r.number()).isEqualTo("+37060000002");
            assertThat(r.originalArrivedAt()).isEqualTo(NOW.minusSeconds(3600 - 10));
            assertThat(r.language().code()).isEqualTo("ru");
        });
        assertThat(new dev.frontline.core.store.AuditLog(f.db, f.clock).recent(5))
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("callback-abandoned"));
    }
}
