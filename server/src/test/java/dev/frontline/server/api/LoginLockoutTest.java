package dev.frontline.server.api;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.store.AuditLog;
import dev.frontline.server.testing.ApiOnDiskTest;
import dev.frontline.server.testing.DeskClient;
import dev.frontline.server.testing.RawHttp;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 20 item 6: wrong passwords from one address lock that address out, never the operator. */
class LoginLockoutTest extends ApiOnDiskTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private RawHttp.Answer login(String from, String password) {
        return RawHttp.send(from, server.api.port(), "POST", "/api/login",
                "{\"login\":\"anna\",\"password\":\"" + password + "\"}", WAIT);
    }

    @Test
    void anAttackerLocksOnlyItsOwnAddressWithBackOffAndSupervisorsSeeIt() throws Exception {
        start();
        DeskClient.Socket sue = server.client.connect(server.client.login("sue", "secret"));
        sue.await(ServerMessage.Welcome.class, 5);
        int limit = ApiConfig.defaults().loginAttemptsPerMinute();
        for (int i = 0; i < limit; i++) {
            assertThat(login("127.0.0.2", "guess" + i).status()).isEqualTo(401);
        }
        RawHttp.Answer locked = login("127.0.0.2", "secret");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.text()).contains("Retry-After: 60");

        // the real anna, from her own desk, is not locked out
        assertThat(login("127.0.0.1", "secret").status()).isEqualTo(200);

        ServerMessage.Alert alert = sue.await(ServerMessage.Alert.class, 5);
        assertThat(alert.alert().kind()).isEqualTo("login-lockout");
        assertThat(alert.alert().text()).contains("anna").contains("127.0.0.2");
        sue.close();
        assertThat(new AuditLog(server.db, clock).recent(10)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("login-lockout");
            assertThat(e.subject()).isEqualTo("anna");
            assertThat(e.detail()).contains("127.0.0.2").contains("60 s");
        });

        // back-off: the next lock-out of the same pair lasts twice as long
        clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < limit; i++) {
            assertThat(login("127.0.0.2", "again" + i).status()).isEqualTo(401);
        }
        assertThat(login("127.0.0.2", "secret").text()).contains("Retry-After: 120");
        assertThat(login("127.0.0.3", "secret").status()).isEqualTo(200);
    }
}
