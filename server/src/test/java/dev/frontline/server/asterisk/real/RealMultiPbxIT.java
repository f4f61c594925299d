package dev.frontline.server.asterisk.real;

import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.server.testing.DeskClient;
import org.asteriskjava.manager.event.AgiExecStartEvent;
import org.asteriskjava.manager.event.MixMonitorStartEvent;
import org.asteriskjava.manager.event.MusicOnHoldStartEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.frontline.server.asterisk.real.RealDesk.JONAS;
import static dev.frontline.server.asterisk.real.RealDesk.OLGA;
import static dev.frontline.server.asterisk.real.RealDesk.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23 on two real Asterisk 22 instances (ADR 0141): one Frontline serves PBX "a" (anna's phone) and PBX "b"
 * (boris's phone). Both connect to FastAGI from 127.0.0.1, so each says which it is with {@code ?pbx=} in the AGI URL
 * (the shipped dialplan's {@code FRONTLINE_PBX}); each has its own AMI connection.
 */
@org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(named = RealPbx.ENV, matches = ".*\\S.*",
        disabledReason = "skipped: set FRONTLINE_ASTERISK_HOME to an Asterisk 22 install prefix to run against a real PBX")
class RealMultiPbxIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private RealPbx a;
    private RealPbx b;
    private RealDesk desk;

    @AfterEach
    void stop() throws Exception {
        if (desk != null) {
            desk.close();
        }
        for (RealPbx p : new RealPbx[] {a, b}) {
            if (p != null) {
                p.close();
            }
        }
    }

    private static String pbx(String name, int amiPort, String phones) {
        return "    - name: " + name + "\n"
                + "      agi-hosts: [127.0.0.1]\n"
                + "      phones: [" + phones + "]\n"
                + "      ami: {port: " + amiPort + ", reconnect-min: 200ms, reconnect-max: 2s}\n";
    }

    private static void awaitCommand(RealPbx pbx, String callId, String prefix) throws InterruptedException {
        pbx.await(AgiExecStartEvent.class, e -> callId.equals(e.getUniqueId()) && e.getCommand() != null
                && e.getCommand().replace("\"", "").startsWith(prefix), T);
    }

    private int rows(String sql, Object... args) {
        try {
            return desk.query(sql, args).size();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void eachPbxsCallerReachesAnOperatorOnItsOwnPbxAndActionsGoToThatPbxsAmiAndOnePbxDownLeavesTheOther()
            throws Exception {
        Path install = RealPbx.install().orElseThrow();
        int agiPort = RealPbx.freePort();
        a = RealPbx.start(install, dir.resolve("pbx-a"), REPO, agiPort, 0, "a");
        b = RealPbx.start(install, dir.resolve("pbx-b"), REPO, agiPort, 0, "b");
        Path recordings = dir.resolve("recordings");
        desk = RealDesk.startWith(dir.resolve("desk"), REPO, "asterisk:\n  enabled: true\n  port: " + agiPort + "\n"
                + "  sounds: " + REPO.resolve("sounds") + "\n"
                + "  pbxs:\n" + pbx("a", a.amiPort(), "\"Local/anna@*\", \"Local/sam@*\"")
                + pbx("b", b.amiPort(), "\"Local/boris@*\""),
                "recording:\n  enabled: true\n  dir: " + recordings + "\n", List.of("anna", "boris"));
        eventually(T, "both AMIs logged in", () -> desk.server.asterisk().map(x -> x.amiConnected("a")
                && x.amiConnected("b")).orElse(false));
        DeskClient.Socket sam = desk.http.connect(desk.http.login("sam", "pw"));
        sam.await(ServerMessage.Welcome.class, 5);

        // a caller on A is served by anna, whose phone is on A
        a.phone("anna", "answer:1:60");
        b.phone("anna", "never");
        DeskClient.Socket anna = desk.ready("anna");
        String onA = "multia" + System.nanoTime() % 1_000_000;
        RealPbx.Caller jonas = a.call(onA, JONAS);
        awaitCommand(a, onA, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        jonas.press("1");
        a.await(TestPhoneAnsweredEvent.class, e -> "anna".equals(e.getPhone()), T);
        eventually(T, "anna talking", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND operator_login = 'anna' "
                + "AND answered_at IS NOT NULL", onA) == 1);
        a.await(MixMonitorStartEvent.class, e -> onA.equals(e.getUniqueId()), T);

        // a caller on B is served by boris, whose phone is on B; the hold goes to B's AMI, the recording is B's
        b.phone("boris", "talk:1:60");
        a.phone("boris", "never");
        DeskClient.Socket boris = desk.ready("boris");
        String onB = "multib" + System.nanoTime() % 1_000_000;
        RealPbx.Caller olga = b.call(onB, OLGA);
        awaitCommand(b, onB, "STREAM FILE " + REPO.resolve("sounds") + "/ru/main-menu");
        olga.press("1");
        b.await(TestPhoneAnsweredEvent.class, e -> "boris".equals(e.getPhone()), T);
        b.await(MixMonitorStartEvent.class, e -> onB.equals(e.getUniqueId()), T);
        eventually(T, "boris talking", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND operator_login = 'boris' "
                + "AND answered_at IS NOT NULL", onB) == 1);
        eventually(T, "the recording's row (B's AMI saw the answer)",
                () -> rows("SELECT 1 FROM recordings WHERE call_id = ? AND operator_login = 'boris'", onB) == 1);
        assertThat(boris.reply(boris.send(new ClientMessage.HoldCall(boris.nextId(), onB, true))))
                .isInstanceOf(ServerMessage.Ack.class);
        b.await(MusicOnHoldStartEvent.class, e -> onB.equals(e.getUniqueId()), T);
        assertThat(boris.reply(boris.send(new ClientMessage.HoldCall(boris.nextId(), onB, false))))
                .isInstanceOf(ServerMessage.Ack.class);
        awaitCommand(b, onB, "EXEC Bridge");
        assertThat(a.all(TestPhoneEvent.class, e -> "boris".equals(e.getPhone()))).as("boris rung on A").isEmpty();
        assertThat(b.all(TestPhoneEvent.class, e -> "anna".equals(e.getPhone()))).as("anna rung on B").isEmpty();
        assertThat(a.all(MusicOnHoldStartEvent.class, e -> onB.equals(e.getUniqueId()))).isEmpty();

        // A stops: supervisors hear it by name; B keeps working (boris's call ends normally, B's AMI stays up)
        jonas.hangUp();
        eventually(T, "A's call ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL",
                onA) == 1);
        a.close();
        a = null;
        ServerMessage.Alert alert = sam.await(ServerMessage.Alert.class, 30);
        while (!alert.alert().text().startsWith("PBX a:")) {
            alert = sam.await(ServerMessage.Alert.class, 30);
        }
        assertThat(alert.alert().kind()).isEqualTo("pbx");
        assertThat(desk.server.asterisk().orElseThrow().amiConnected("b")).isTrue();
        olga.hangUp();
        eventually(T, "B's call ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL",
                onB) == 1);
        assertThat(desk.eventTypes(onB)).containsSubsequence("CallAnswered", "CallHeld", "CallResumed", "CallEnded");
        assertThat(desk.server.asterisk().orElseThrow().amiConnected("b")).isTrue();
        sam.close();
    }
}
