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

    private record Served(String id, RealPbx.Caller caller, DeskClient.Socket desk) {}

    /**
     * {@code login}'s phone answers on {@code on} (never on {@code other}); they get Ready, a caller on {@code on}
     * presses 1 in the menu and talks with them, recorded by MixMonitor on {@code on}.
     */
    private Served served(RealPbx on, RealPbx other, String login, String phone, String number, String language)
            throws Exception {
        on.phone(login, phone);
        other.phone(login, "never");
        DeskClient.Socket operator = desk.ready(login);
        String id = "multi" + login + System.nanoTime() % 1_000_000;
        RealPbx.Caller caller = on.call(id, number);
        awaitCommand(on, id, "STREAM FILE " + REPO.resolve("sounds") + "/" + language + "/main-menu");
        caller.press("1");
        on.await(TestPhoneAnsweredEvent.class, e -> login.equals(e.getPhone()), T);
        on.await(MixMonitorStartEvent.class, e -> id.equals(e.getUniqueId()), T);
        eventually(T, login + " talking", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND operator_login = ? "
                + "AND answered_at IS NOT NULL", id, login) == 1);
        return new Served(id, caller, operator);
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

        // a caller on A is served by anna, whose phone is on A; a caller on B by boris, whose phone is on B
        Served onA = served(a, b, "anna", "answer:1:60", JONAS, "en");
        Served onB = served(b, a, "boris", "talk:1:60", OLGA, "ru");
        eventually(T, "the recording's row (B's AMI saw the answer)",
                () -> rows("SELECT 1 FROM recordings WHERE call_id = ? AND operator_login = 'boris'", onB.id()) == 1);
        // the hold goes to B's AMI
        DeskClient.Socket boris = onB.desk();
        assertThat(boris.reply(boris.send(new ClientMessage.HoldCall(boris.nextId(), onB.id(), true))))
                .isInstanceOf(ServerMessage.Ack.class);
        b.await(MusicOnHoldStartEvent.class, e -> onB.id().equals(e.getUniqueId()), T);
        assertThat(boris.reply(boris.send(new ClientMessage.HoldCall(boris.nextId(), onB.id(), false))))
                .isInstanceOf(ServerMessage.Ack.class);
        awaitCommand(b, onB.id(), "EXEC Bridge");
        assertThat(a.all(TestPhoneEvent.class, e -> "boris".equals(e.getPhone()))).as("boris rung on A").isEmpty();
        assertThat(b.all(TestPhoneEvent.class, e -> "anna".equals(e.getPhone()))).as("anna rung on B").isEmpty();
        assertThat(a.all(MusicOnHoldStartEvent.class, e -> onB.id().equals(e.getUniqueId()))).isEmpty();

        // A stops: supervisors hear it by name; B keeps working (boris's call ends normally, B's AMI stays up)
        onA.caller().hangUp();
        eventually(T, "A's call ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL",
                onA.id()) == 1);
        a.close();
        a = null;
        ServerMessage.Alert alert = sam.await(ServerMessage.Alert.class, 30);
        while (!alert.alert().text().startsWith("PBX a:")) {
            alert = sam.await(ServerMessage.Alert.class, 30);
        }
        assertThat(alert.alert().kind()).isEqualTo("pbx");
        assertThat(desk.server.asterisk().orElseThrow().amiConnected("b")).isTrue();
        onB.caller().hangUp();
        eventually(T, "B's call ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL",
                onB.id()) == 1);
        assertThat(desk.eventTypes(onB.id())).containsSubsequence("CallAnswered", "CallHeld", "CallResumed", "CallEnded");
        eventually(T, "B's recording ended (B's AMI saw the hang-up)", () -> rows("SELECT 1 FROM recordings WHERE "
                + "call_id = ? AND ended_at IS NOT NULL", onB.id()) == 1);
        assertThat(desk.server.asterisk().orElseThrow().amiConnected("b")).isTrue();
        sam.close();
    }

    /**
     * The cross-PBX case over a real IAX2 trunk between the two instances: a caller on A is routed to boris, whose
     * phone is on B; A dials it through its trunk ({@code IAX2/a-to-b/{phone}}), B rings the phone from the trunk's
     * context, and the hold of that call goes to A's AMI (the operator's leg is A's trunk channel).
     */
    @Test
    void aCallerOnAReachesAnOperatorOnBThroughARealIax2TrunkAndTheCallStaysOnA() throws Exception {
        Path install = RealPbx.install().orElseThrow();
        int agiPort = RealPbx.freePort();
        int iaxA = RealPbx.freePort();
        int iaxB = RealPbx.freePort();
        // bindaddr with the port: a bindport after bindaddr is ignored (both instances took 4569)
        String general = "[general]\nbindaddr=127.0.0.1:%d\ndisallow=all\nallow=ulaw\nrequirecalltoken=no\n";
        a = RealPbx.start(install, dir.resolve("pbx-a"), REPO, agiPort, 0, "a", general.formatted(iaxA)
                + "[a-to-b]\ntype=peer\nhost=127.0.0.1\nport=" + iaxB + "\nusername=a-to-b\nsecret=trunk\n"
                + "requirecalltoken=no\n");
        b = RealPbx.start(install, dir.resolve("pbx-b"), REPO, agiPort, 0, "b", general.formatted(iaxB)
                + "[a-to-b]\ntype=user\nsecret=trunk\ncontext=test-phones\nrequirecalltoken=no\n");
        desk = RealDesk.startWith(dir.resolve("desk"), REPO, "asterisk:\n  enabled: true\n  port: " + agiPort + "\n"
                + "  sounds: " + REPO.resolve("sounds") + "\n"
                + "  pbxs:\n" + pbx("a", a.amiPort(), "\"Local/anna@*\"")
                + "      trunks: {b: \"IAX2/a-to-b/{phone}\"}\n"
                + pbx("b", b.amiPort(), "\"Local/boris@*\""), "", List.of("boris"));
        eventually(T, "both AMIs logged in", () -> desk.server.asterisk().map(x -> x.amiConnected("a")
                && x.amiConnected("b")).orElse(false));
        b.phone("boris", "answer:1:60");
        DeskClient.Socket boris = desk.ready("boris");
        String id = "trunk" + System.nanoTime() % 1_000_000;
        RealPbx.Caller jonas = a.call(id, JONAS);
        awaitCommand(a, id, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        jonas.press("1");
        awaitCommand(a, id, "EXEC Dial IAX2/a-to-b/boris@test-phones");
        try {
            b.await(TestPhoneAnsweredEvent.class, e -> "boris".equals(e.getPhone()), T);
        } catch (AssertionError e) { // the two PBXs' own words on the trunk
            throw new AssertionError(e.getMessage() + "\n--- A:\n" + tail(a.log()) + "\n--- B:\n" + tail(b.log()), e);
        }
        eventually(T, "boris talking", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND operator_login = 'boris' "
                + "AND answered_at IS NOT NULL", id) == 1);
        assertThat(boris.reply(boris.send(new ClientMessage.HoldCall(boris.nextId(), id, true))))
                .isInstanceOf(ServerMessage.Ack.class);
        a.await(MusicOnHoldStartEvent.class, e -> id.equals(e.getUniqueId()), T);
        assertThat(boris.reply(boris.send(new ClientMessage.HoldCall(boris.nextId(), id, false))))
                .isInstanceOf(ServerMessage.Ack.class);
        awaitCommand(a, id, "EXEC Bridge");
        jonas.hangUp();
        eventually(T, "call ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.eventTypes(id)).containsSubsequence("CallAnswered", "CallHeld", "CallResumed", "CallEnded");
    }

    private static String tail(String log) {
        return log.length() <= 6000 ? log : log.substring(log.length() - 6000);
    }
}
