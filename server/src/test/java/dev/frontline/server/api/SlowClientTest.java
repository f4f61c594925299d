package dev.frontline.server.api;

import dev.frontline.server.testing.ApiOnDiskTest;
import dev.frontline.server.testing.RawHttp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20 item 5, the slow-client script: 300 slow request bodies from one address must not freeze the API for
 * everyone else (the desktops' login and the web form share the port), and the slow connections are cut.
 */
class SlowClientTest extends ApiOnDiskTest {
    private static final String ATTACKER = "127.0.0.2";
    private static final String FORM = "{\"name\":\"Ona\",\"phone\":\"+37061234567\",\"category\":\"general\","
            + "\"text\":\"Please call\"}";

    @Test
    void threeHundredSlowBodiesFromOneAddressHurtOnlyThatAddress() throws Exception {
        start(c -> c.withRequestTimeout(Duration.ofSeconds(2)));
        int port = server.api.port();
        List<Socket> slow = new ArrayList<>();
        AtomicBoolean trickle = new AtomicBoolean(true);
        try {
            for (int i = 0; i < 300; i++) {
                Socket s = RawHttp.open(ATTACKER, port);
                RawHttp.write(s, RawHttp.head("POST", i % 2 == 0 ? "/api/callback-requests" : "/api/login", 50_000)
                        + "{\"name\":");
                slow.add(s);
            }
            Thread slowloris = new Thread(() -> { // a byte a second on every socket: under any sane minimum rate
                while (trickle.get()) {
                    for (Socket s : slow) {
                        try {
                            s.getOutputStream().write(' ');
                        } catch (IOException closed) {
                            // cut by the server: what we want
                        }
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            slowloris.setDaemon(true);
            slowloris.start();
            Thread.sleep(500);

            long t0 = System.nanoTime();
            RawHttp.Answer login = RawHttp.send("127.0.0.1", port, "POST", "/api/login",
                    "{\"login\":\"anna\",\"password\":\"secret\"}", Duration.ofSeconds(5));
            RawHttp.Answer form = RawHttp.send("127.0.0.1", port, "POST", "/api/callback-requests", FORM,
                    Duration.ofSeconds(5));
            long ms = (System.nanoTime() - t0) / 1_000_000;

            assertThat(login.status()).as("login while 300 slow bodies are open").isEqualTo(200);
            assertThat(form.status()).as("form while 300 slow bodies are open").isEqualTo(201);
            assertThat(ms).isLessThan(5000);

            // the slow ones are cut: within a few request timeouts the first batch got 408 or was closed
            long cut = slow.stream().limit(40).map(s -> RawHttp.read(s, Duration.ofSeconds(8)))
                    .filter(a -> a.status() != -1).count();
            assertThat(cut).as("slow connections answered or closed by the server").isGreaterThanOrEqualTo(16);
        } finally {
            trickle.set(false);
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aBodyTooLargeIsRefusedAndLoginOverItsAddressLimitIsRefusedBeforeItsBodyArrives() throws Exception {
        start();
        int port = server.api.port();
        String big = "{\"name\":\"" + "x".repeat(ApiConfig.defaults().maxBodyBytes()) + "\"}";
        assertThat(RawHttp.send("127.0.0.4", port, "POST", "/api/callback-requests", big, Duration.ofSeconds(5))
                .status()).isEqualTo(413);

        int perAddress = ApiConfig.defaults().loginAttemptsPerMinute() * 3;
        for (int i = 0; i < perAddress; i++) {
            RawHttp.Answer a = RawHttp.send("127.0.0.3", port, "POST", "/api/login",
                    "{\"login\":\"user" + i + "\",\"password\":\"x\"}", Duration.ofSeconds(5));
            assertThat(a.status()).isEqualTo(401);
        }
        try (Socket s = RawHttp.open("127.0.0.3", port)) {
            RawHttp.write(s, RawHttp.head("POST", "/api/login", 1000) + "{\"login\":"); // the rest never comes
            RawHttp.Answer a = RawHttp.read(s, Duration.ofSeconds(1));
            assertThat(a.status()).isEqualTo(429);
        }
    }
}
