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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 20 item 10: a JSON body of {@code null} is the sender's mistake (400), not the server's (500). */
class NullBodyTest {
    @TempDir
    Path dir;
    ApiFixture f;

    @BeforeEach
    void start() {
        f = new ApiFixture(dir, new MutableClock(Instant.parse("2026-03-02T10:00:00Z")), Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void everyJsonEndpointAnswersANullBodyWith400() {
        String sue = f.client.login("sue", "secret");
        String call = f.client.post("/api/sim/calls", sue, "{\"from\":\"+37061111111\"}").json().get("callId").asText();
        Map<String, String> answers = new TreeMap<>();
        for (String path : List.of("/api/login", "/api/callback-requests", "/api/admin/outages",
                "/api/admin/outages/1/extend", "/api/sim/calls", "/api/sim/calls/" + call + "/input")) {
            DeskClient.Reply r = f.client.post(path, sue, "null");
            answers.put(path, r.status() + " " + r.body());
        }

        assertThat(answers).allSatisfy((path, answer) -> assertThat(answer).as(path).startsWith("400 ")
                .doesNotContain("internal"));
    }
}
