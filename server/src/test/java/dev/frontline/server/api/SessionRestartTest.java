package dev.frontline.server.api;

import dev.frontline.core.common.OperatorId;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.operator.Operator;
import dev.frontline.server.testing.ApiOnDiskTest;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Desktop sessions survive a server restart (the same store, a new process), and nothing else does. */
class SessionRestartTest extends ApiOnDiskTest {

    private String loginThenRestart(String login) {
        start();
        String token = server.client.login(login, "secret");
        start();
        return token;
    }

    @Test
    void aDesktopLoggedInBeforeARestartReconnectsWithItsToken() throws Exception {
        String token = loginThenRestart("anna");

        assertThat(server.client.get("/api/callbacks", token).status()).isEqualTo(200);
        ServerMessage.Welcome welcome = server.client.connect(token).await(ServerMessage.Welcome.class, 5);
        assertThat(welcome).isNotNull();
    }

    @Test
    void aLoggedOutTokenStaysDeadAcrossARestart() {
        start();
        String token = server.client.login("anna", "secret");
        assertThat(server.client.post("/api/logout", token, "").status()).isEqualTo(204);
        start();

        assertThat(server.client.get("/api/callbacks", token).status()).isEqualTo(401);
    }

    @Test
    void aTokenThatExpiredWhileTheServerWasDownIsRefused() {
        start();
        String token = server.client.login("anna", "secret");
        server.close();
        clock.advance(Duration.ofHours(8));
        start();

        assertThat(server.client.get("/api/callbacks", token).status()).isEqualTo(401);
    }

    @Test
    void anOperatorDeactivatedMeanwhileIsNotLetBackIn() {
        String token = loginThenRestart("boris");
        server.directory.add(new Operator(new OperatorId("boris"), "Boris", Operator.Role.OPERATOR, java.util.Set.of(),
                java.util.Set.of(), java.util.Set.of(), "sim:boris", java.util.Optional.empty(), false), "secret");

        assertThat(server.client.get("/api/callbacks", token).status()).isEqualTo(401);
    }

    @Test
    void theStoreKeepsOnlyAHashOfTheToken() {
        String token = loginThenRestart("anna");

        List<String> stored = server.db.inTransaction(c -> {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT token_sha256, login FROM desk_sessions")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            return rows;
        });
        assertThat(stored).containsExactly(Sessions.sha256(token) + " anna");
        assertThat(String.join("\n", stored)).doesNotContain(token);
    }
}
