package dev.frontline.server.api;

import dev.frontline.core.testing.MutableClock;
import dev.frontline.server.testing.ApiFixture;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20 item 7: the web form as a toll-fraud and flooding tool. Before: premium (+1 900, +44 909, +370 900),
 * satellite (+881) and the desk's own number were called back; 300 posts from 300 addresses made 300 tickets and
 * callbacks; the limits lived in memory (a restart forgot them); the pages had no security headers.
 */
class CallbackFormAbuseTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z")); // Monday, open
    ApiFixture f;

    private ApiFixture start(UnaryOperator<ApiConfig> tune) {
        f = new ApiFixture(clock, Duration.ofHours(1), tune, store());
        return f;
    }

    /** The store each server of a test opens (the same one after a restart); PostgreSQL in the IT. */
    java.util.function.Supplier<dev.frontline.core.store.Database> store() {
        return () -> dev.frontline.core.store.Database.sqlite(dir.resolve("api.db"));
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private static String body(String phone) {
        return "{\"name\":\"Ona\",\"phone\":\"" + phone + "\",\"category\":\"general\",\"text\":\"Call me\"}";
    }

    @Test
    void premiumSatelliteForeignAndTheDesksOwnNumbersAreNotCalledBack() {
        DeskClient http = start(c -> c).client;
        Map<String, String> answers = new TreeMap<>();
        for (String phone : new String[] {"+1 900 555 0123", "+44 909 012 3456", "+370 900 12345", "+881 6 12345678",
                "+370 5 200 0000", "+49 151 23456789"}) {
            DeskClient.Reply r = http.post("/api/callback-requests", null, body(phone));
            answers.put(phone, r.status() + " " + (r.status() == 400 ? r.json().get("field").asText() + ": "
                    + r.json().get("message").asText() : ""));
            clock.advance(Duration.ofMinutes(13)); // past the per-address limit
        }

        assertThat(answers).allSatisfy((phone, answer) -> assertThat(answer).as(phone).startsWith("400 phone: "));
        assertThat(answers.get("+370 900 12345")).contains("premium rate");
        assertThat(answers.get("+881 6 12345678")).contains("+881");
        assertThat(answers.get("+370 5 200 0000")).contains("our own number");
        assertThat(answers.get("+49 151 23456789")).contains("country we do not call (DE)");
        assertThat(f.acd.callbacks).isEmpty();
        assertThat(http.post("/api/callback-requests", null, body("+370 612 34567")).status()).isEqualTo(201);
    }

    @Test
    void threeHundredPostsFromThreeHundredAddressesMeetTheGlobalRateAndSupervisorsAreTold() throws Exception {
        start(c -> c); // api.form-posts-per-minute: 30
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            int status = postFrom("127.0." + (1 + i / 250) + "." + (1 + i % 250), f.api.port(), body("+3706" + (1000000 + i)));
            statuses.merge(status, 1, Integer::sum);
        }

        System.out.println("300 posts from 300 addresses: " + statuses + ", callbacks " + f.acd.callbacks.size());
        assertThat(f.acd.callbacks).as("callbacks requested").hasSize(30);
        assertThat(statuses).containsEntry(201, 30).containsEntry(503, 270);
        assertThat(f.alerts).as("supervisor alerts (at most one per 15 min)").singleElement()
                .satisfies(a -> assertThat(a).contains("too many web requests"));

        clock.advance(Duration.ofMinutes(1)); // a minute later the form takes requests again
        assertThat(postFrom("127.0.3.1", f.api.port(), body("+37062000001"))).isEqualTo(201);
    }

    /** Posts beyond ten times the global rate are refused before they cost the store a write. */
    @Test
    void aFloodOfPostsStopsBeforeTheStore() throws Exception {
        start(c -> c.withForm(c.form().withPostsPerMinute(1))); // the shield: max(100, 10 x 1) a minute
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 150; i++) {
            statuses.merge(postFrom("127.0.4." + (1 + i), f.api.port(), "{\"name\":\"\"}"), 1, Integer::sum);
        }

        assertThat(statuses).containsEntry(400, 100).containsEntry(503, 50);
        long rows = f.db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM web_form_posts")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(rows).as("posts written to the store").isEqualTo(100);
    }

    @Test
    void pendingWebCallbacksAreCapped() throws Exception {
        start(c -> c.withForm(c.form().withPendingCallbacks(3)));
        for (int i = 0; i < 3; i++) {
            assertThat(postFrom("127.0.0." + (10 + i), f.api.port(), body("+3706200000" + i))).isEqualTo(201);
        }

        assertThat(postFrom("127.0.0.20", f.api.port(), body("+37062000009"))).isEqualTo(503);
        assertThat(f.alerts).singleElement().satisfies(a -> assertThat(a).contains("3 web callbacks waiting"));
    }

    @Test
    void theLimitsHoldAcrossARestart() throws Exception {
        start(c -> c); // api.form-posts-per-hour: 5 per address
        for (int i = 0; i < 5; i++) {
            assertThat(postFrom("127.0.0.9", f.api.port(), body("+3706300000" + i))).isEqualTo(201);
        }
        f.close();
        f = null;

        start(c -> c);
        assertThat(postFrom("127.0.0.9", f.api.port(), body("+37063000009"))).as("the sixth after a restart")
                .isEqualTo(429);
        assertThat(postFrom("127.0.0.8", f.api.port(), body("+37063000008"))).as("another address").isEqualTo(201);
    }

    @Test
    void theFormsPagesCarrySecurityHeaders() throws Exception {
        start(c -> c);
        HttpClient client = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + f.api.port());
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(base.resolve("/callback")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> posted = client.send(HttpRequest.newBuilder(base.resolve("/api/callback-requests"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=Ona&phone=12&category=general&text=x")).build(),
                HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> r : java.util.List.of(page, posted)) {
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(r.uri().getPath()).hasValueSatisfying(
                    csp -> assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'", "form-action 'self'"));
            assertThat(r.headers().firstValue("X-Frame-Options")).as(r.uri().getPath()).contains("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(r.uri().getPath()).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(r.uri().getPath()).contains("no-referrer");
        }
        assertThat(page.body()).doesNotContain("<script"); // the policy allows none
    }

    @Test
    void anUnknownCountryInTheConfigurationNamesTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiConfig.from(new dev.frontline.core.config.ConfigNode(
                        "api", Map.of("form-countries", java.util.List.of("LT", "XX")))))
                .isInstanceOf(dev.frontline.core.config.ConfigException.class)
                .hasMessageContaining("api.form-countries").hasMessageContaining("'XX' is not a country code");
    }

    /** POSTs {@code json} from the local address {@code from} (the form limits by client address); the status. */
    static int postFrom(String from, int port, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/callback-requests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII); // "HTTP/1.1 201"
            in.readAllBytes();
            return Integer.parseInt(head.substring(9, 12));
        }
    }
}
