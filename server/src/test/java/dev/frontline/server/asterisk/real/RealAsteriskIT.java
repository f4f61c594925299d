package dev.frontline.server.asterisk.real;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.server.testing.DeskClient;
import org.asteriskjava.manager.event.AgiExecStartEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.frontline.server.asterisk.real.RealDesk.JONAS;
import static dev.frontline.server.asterisk.real.RealDesk.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frontline against a real Asterisk 22 (see {@link RealPbx}): runs when {@value RealPbx#ENV} names an Asterisk
 * install prefix, and is skipped with one line otherwise (CI has no Asterisk).
 */
class RealAsteriskIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Duration T = Duration.ofSeconds(30);
    private static final AtomicInteger CALLS = new AtomicInteger();

    @TempDir
    static Path pbxDir;
    @TempDir
    Path dir;

    static RealPbx pbx;
    static int agiPort;
    RealDesk desk;

    @BeforeAll
    static void startPbx() throws Exception {
        Optional<Path> install = RealPbx.install();
        if (install.isEmpty()) {
            System.out.println("RealAsteriskIT skipped: set " + RealPbx.ENV
                    + " to an Asterisk 22 install prefix (holding sbin/asterisk) to run Frontline against a real PBX");
        }
        Assumptions.assumeTrue(install.isPresent(), RealPbx.ENV + " is not set to an Asterisk install");
        agiPort = RealPbx.freePort();
        pbx = RealPbx.start(install.get(), pbxDir, REPO, agiPort);
    }

    @AfterAll
    static void stopPbx() throws Exception {
        if (pbx != null) {
            pbx.close();
        }
    }

    @AfterEach
    void stopDesk() {
        if (desk != null) {
            desk.close();
        }
    }

    private RealDesk desk(String... operators) throws Exception {
        desk = RealDesk.start(dir, REPO, agiPort, pbx.amiPort(), "", "", List.of(operators));
        eventually(T, "AMI logged in", () -> desk.server.asterisk().map(a -> a.amiConnected()).orElse(false));
        return desk;
    }

    private static String callId() {
        return "it" + System.nanoTime() % 1_000_000_000L + "x" + CALLS.incrementAndGet();
    }

    /** The IVR on the caller's channel started the AGI command starting with {@code prefix}. */
    private void awaitCommand(String callId, String prefix) throws InterruptedException {
        pbx.await(AgiExecStartEvent.class, e -> callId.equals(e.getUniqueId()) && e.getCommand() != null
                && e.getCommand().replace("\"", "").startsWith(prefix), T);
    }

    @Test
    void aKnownCallerReachesTheReadyOperatorWhoAnswersThenRatesTheCall() throws Exception {
        desk("anna");
        pbx.phone("anna", "answer:2:3");
        DeskClient.Socket anna = desk.ready("anna");
        String id = callId();
        RealPbx.Caller jonas = pbx.call(id, JONAS);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        jonas.press("1");
        ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 30);
        assertThat(pop.callId()).isEqualTo(id);
        assertThat(pop.customer().contractNumber()).isEqualTo("100200");
        awaitCommand(id, "EXEC Dial");
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/rate-call");
        jonas.press("5");
        eventually(T, "call record ended", () -> rows("SELECT outcome FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.query("SELECT outcome, answered_at IS NOT NULL, operator_login FROM calls WHERE call_id = ?", id))
                .containsExactly(List.of("answered", "1", "anna"));
        eventually(T, "rating stored", () -> rows("SELECT score FROM ratings WHERE call_id = ? AND score = 5", id) == 1);
        assertThat(desk.eventTypes(id)).containsSubsequence("CallQueued", "CallOffered", "CallAnswered", "CallEnded");
    }

    private int rows(String sql, Object... args) {
        try {
            return desk.query(sql, args).size();
        } catch (Exception e) {
            return -1;
        }
    }
}
