package dev.frontline.server.api;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.operator.Operator;
import dev.frontline.server.testing.ApiOnDiskTest;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password change or deactivation on the command line (another process) deletes the login's session rows; the
 * running server then closes those desktops within {@link Sessions#REVOKED_SWEEP}, and puts a deactivated operator
 * offline in the ACD.
 */
class SessionRevokeTest extends ApiOnDiskTest {

    @Test
    void aDeactivatedOperatorsDesktopIsClosedAndTheAcdPutsItOffline() throws Exception {
        start();
        DeskClient.Socket sue = server.client.connect(server.client.login("sue", "secret"));
        String annaToken = server.client.login("anna", "secret");
        DeskClient.Socket anna = server.client.connect(annaToken);
        anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, "")));
        String borisToken = server.client.login("boris", "secret");

        // as `frontline operators deactivate anna` does, from another process
        server.directory.add(new Operator(new OperatorId("anna"), "Anna", Operator.Role.OPERATOR, Set.of(), Set.of(),
                Set.of(), "sim:anna", Optional.empty(), false), "secret");
        assertThat(Sessions.revokeStored(server.db, "anna")).isEqualTo(1);
        clock.advance(Sessions.REVOKED_SWEEP);

        assertThat(anna.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(DeskSocket.CLOSE_SESSION_ENDED);
        assertThat(server.client.get("/api/callbacks", annaToken).status()).isEqualTo(401);
        assertThat(server.client.get("/api/callbacks", borisToken).status()).as("another login's session").isEqualTo(200);
        ServerMessage.StateChanged offline = null;
        for (int i = 0; i < 10 && offline == null; i++) {
            ServerMessage.StateChanged c = sue.await(ServerMessage.StateChanged.class, 2);
            if (c != null && c.login().equals("anna") && c.state() == OperatorState.OFFLINE) {
                offline = c;
            }
        }
        assertThat(offline).as("anna offline in the ACD").isNotNull();
    }

    @Test
    void aNewPasswordEndsTheOldSessionsButNotOnesOpenedAfter() throws Exception {
        start();
        String before = server.client.login("anna", "secret");
        DeskClient.Socket old = server.client.connect(before);

        Sessions.revokeStored(server.db, "anna"); // `frontline operators set-password anna`
        String after = server.client.login("anna", "secret");
        clock.advance(Sessions.REVOKED_SWEEP);

        assertThat(old.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(DeskSocket.CLOSE_SESSION_ENDED);
        assertThat(server.client.get("/api/callbacks", before).status()).isEqualTo(401);
        assertThat(server.client.get("/api/callbacks", after).status()).isEqualTo(200);
    }
}
