package dev.frontline.server.asterisk;

import dev.frontline.core.call.Turn;
import dev.frontline.core.testing.MutableClock;
import dev.frontline.server.asterisk.peer.FakeAsteriskAgi;
import dev.frontline.server.testing.RecordingBackendAcd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20 item 8: an allowed host that sends a huge line, a never-ending environment, or nothing at all loses its
 * channel thread within bounds, and a real call then still gets one.
 */
class AgiLimitsTest {
    private final RecordingBackendAcd acd = new RecordingBackendAcd();
    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-20T10:00:00Z"));
    private AsteriskBackend backend;
    private final ScriptedCallHandler handler = new ScriptedCallHandler(s -> Turn.hangUp(s.callId()),
            (id, in) -> Turn.hangUp(id));

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }

    private AsteriskConfig start(int poolMax) throws IOException {
        AsteriskConfig config = AgiServerTest.config().withPool(1, poolMax);
        backend = AsteriskBackend.start(config, handler, acd, new StaticOperators(List.of()), PbxEvents.NONE, clock);
        return config;
    }

    private static Socket open(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 2000);
        return s;
    }

    /** Writes {@code bytes} in chunks while the server reads; true when the server closed on us. */
    private static boolean writeUntilClosed(Socket s, byte[] chunk, int chunks) {
        try {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < chunks; i++) {
                out.write(chunk);
            }
            out.flush();
            return closedWithin(s, Duration.ofSeconds(10));
        } catch (IOException e) {
            return true; // reset while writing: the server closed
        }
    }

    private static boolean closedWithin(Socket s, Duration d) throws IOException {
        s.setSoTimeout((int) d.toMillis());
        InputStream in = s.getInputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void aFiftyMegabyteLineIsCutAfterEightKilobytes() throws Exception {
        AsteriskConfig config = start(2);
        byte[] x = new byte[64 * 1024];
        java.util.Arrays.fill(x, (byte) 'x');
        try (Socket s = open(config.port())) {
            s.getOutputStream().write("agi_network: yes\nagi_request: ".getBytes(StandardCharsets.US_ASCII));
            assertThat(writeUntilClosed(s, x, 800)).as("closed by the server").isTrue();
        }
        assertThat(handler.starts).isEmpty();
    }

    @Test
    void aNeverEndingEnvironmentIsCut() throws Exception {
        AsteriskConfig config = start(2);
        byte[] line = "agi_padding: 0123456789\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket s = open(config.port())) {
            assertThat(writeUntilClosed(s, line, 100_000)).as("closed by the server").isTrue();
        }
        assertThat(handler.starts).isEmpty();
    }

    @Test
    void anIdleAllowedSocketLosesItsThreadAndARealCallThenGetsIt() throws Exception {
        AsteriskConfig config = start(1); // one channel thread: the idle socket holds it
        try (Socket idle = open(config.port())) {
            assertThat(closedWithin(idle, GuardedAgiServer.ENVIRONMENT_TIME.plusSeconds(5)))
                    .as("idle socket closed by the server").isTrue();
        }
        // the thread closes the socket, then returns to the pool: a call in between is refused as "pool full"
        // (seen at load 10: the call got no ANSWER); a PBX's next call a moment later gets the thread
        Thread.sleep(500);
        try (FakeAsteriskAgi pbx = FakeAsteriskAgi.call(config.port(), "support", "1700000000.9", "+37060000009")) {
            pbx.expectAndReply("ANSWER", "0");
            pbx.expectAndReply("HANGUP", "1");
            pbx.finish();
        }
        assertThat(handler.starts).hasSize(1);
    }
}
