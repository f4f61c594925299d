package dev.frontline.server.api;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
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

/** /metrics speaks Prometheus' text format with the desk's meters; /health answers a load balancer. */
class MetricsTest {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    @TempDir Path dir;
    ApiFixture f;
    DeskClient http;

    @BeforeEach
    void start() {
        f = new ApiFixture(dir, new MutableClock(NOW), Duration.ofHours(1));
        http = f.client;
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void metricsCountOutcomesStatesSmsAndLatencies() {
        DeskMetrics m = f.api.metrics();
        m.accept(new AcdEvent.CallAnswered(new CallId("c1"), new OperatorId("anna"), NOW));
        m.accept(new AcdEvent.CallAbandoned(new CallId("c2"), NOW));
        m.accept(new AcdEvent.CallAbandoned(new CallId("c3"), NOW));
        m.recordAgiTurn(Duration.ofMillis(12));
        f.db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO sms_messages (to_number, body, purpose, "
                + "status, created_at, updated_at) VALUES ('+37060000001', 'x', 'test', 'delivered', 0, 0), "
                + "('+37060000002', 'y', 'test', 'failed', 0, 0)"));

        DeskClient.Reply r = http.get("/metrics", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body())
                .contains("frontline_calls_total{outcome=\"abandoned\"} 2.0")
                .contains("frontline_calls_total{outcome=\"answered\"} 1.0")
                .contains("frontline_calls_total{outcome=\"lost\"} 0.0")
                .contains("frontline_sms{status=\"delivered\"} 1.0")
                .contains("frontline_sms{status=\"failed\"} 1.0")
                .contains("frontline_operators{state=\"ready\"}")
                .contains("frontline_store_writer_queue ")
                .contains("frontline_agi_latency_seconds_count 1")
                .contains("frontline_agi_latency_seconds_bucket{le=")
                .contains("frontline_webhook_latency_seconds_count");
    }

    @Test
    void healthIsUpWhileTheStoreAnswersAndDownWhenItDoesNot() {
        DeskClient.Reply up = http.get("/health", null);
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json().get("status").asText()).isEqualTo("up");

        f.db.close();
        DeskClient.Reply down = http.get("/health", null);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("store").asText()).isEqualTo("failing");
    }
}
