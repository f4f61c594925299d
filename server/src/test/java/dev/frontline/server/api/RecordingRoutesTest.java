package dev.frontline.server.api;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.store.AuditLog;
import dev.frontline.core.store.JdbcRecordings;
import dev.frontline.core.testing.MutableClock;
import dev.frontline.server.testing.ApiFixture;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Listing and playing recordings over real loopback HTTP: who may, and that every play is audited. */
class RecordingRoutesTest {
    @TempDir
    Path dir;
    ApiFixture f;
    DeskClient http;
    long id;
    byte[] audio;

    @BeforeEach
    void start() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        f = new ApiFixture(dir, clock, Duration.ofHours(1));
        http = f.client;
        Path file = dir.resolve("c-1-anna.wav");
        audio = new byte[3000];
        audio[100] = 42;
        Files.write(file, audio);
        JdbcRecordings store = new JdbcRecordings(f.db);
        id = store.started(new CallId("c-1"), new OperatorId("anna"), "asterisk", file.toString(), clock.instant());
        store.ended(id, clock.instant().plusSeconds(30), audio.length);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private HttpResponse<byte[]> play(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.api.port()
                + "/api/recordings/" + id + "/audio")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private long plays() {
        return new AuditLog(f.db, java.time.Clock.systemUTC()).recent(50).stream()
                .filter(e -> e.action().equals("play-recording")).count();
    }

    @Test
    void theOperatorOfTheCallListsAndPlaysItAndThePlayIsAudited() throws Exception {
        String anna = http.login("anna", "secret");
        DeskClient.Reply list = http.get("/api/calls/c-1/recordings", anna);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get(0).get("audioUrl").asText()).isEqualTo("/api/recordings/" + id + "/audio");
        assertThat(list.json().get(0).get("sizeBytes").asLong()).isEqualTo(3000);

        HttpResponse<byte[]> r = play(anna);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("audio/wav");
        assertThat(r.body()).isEqualTo(audio);
        assertThat(new AuditLog(f.db, java.time.Clock.systemUTC()).recent(5)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("anna");
            assertThat(e.action()).isEqualTo("play-recording");
            assertThat(e.subject()).isEqualTo("c-1");
        });
    }

    @Test
    void anotherOperatorMayNeitherListNorPlayItAndNothingIsAudited() throws Exception {
        String boris = http.login("boris", "secret");
        assertThat(http.get("/api/calls/c-1/recordings", boris).status()).isEqualTo(403);
        assertThat(play(boris).statusCode()).isEqualTo(403);
        assertThat(plays()).isZero();
    }

    @Test
    void aSupervisorPlaysAnyRecordingAndIsAudited() throws Exception {
        HttpResponse<byte[]> r = play(http.login("sue", "secret"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(audio);
        assertThat(plays()).isEqualTo(1);
    }

    @Test
    void withoutALoginItIs401() throws Exception {
        assertThat(play("nonsense").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/recordings/x/audio", http.login("sue", "secret")).status()).isEqualTo(400);
    }
}
