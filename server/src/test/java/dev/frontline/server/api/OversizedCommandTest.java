package dev.frontline.server.api;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
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

/**
 * Issue 20 item 10: docs/api.md promises that a bad message never closes the desktop's connection, but a command
 * over 64 KB closed it (Jetty's 1009 "message too big"); now it is answered with an {@code error}.
 */
class OversizedCommandTest {
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
    void aCommandOver64KbGetsAnErrorAndTheConnectionStaysUp() throws Exception {
        DeskClient.Socket ws = f.client.connect(f.client.login("anna", "secret"));
        ws.await(ServerMessage.Welcome.class, 5);

        ws.sendRaw("{\"type\":\"add-note\",\"id\":\"big\",\"ticketId\":\"T-1\",\"text\":\"" + "x".repeat(100_000) + "\"}");
        ServerMessage.ErrorReply tooBig = ws.await(ServerMessage.ErrorReply.class, 5);
        String ok = ws.send(new ClientMessage.SetState(ws.nextId(), OperatorState.READY, null));

        assertThat(tooBig.code()).isEqualTo("too-big");
        assertThat(tooBig.message()).contains("65536");
        assertThat(ws.reply(ok)).isInstanceOf(ServerMessage.Ack.class);
        assertThat(ws.closedWith).isNotDone();
    }
}
