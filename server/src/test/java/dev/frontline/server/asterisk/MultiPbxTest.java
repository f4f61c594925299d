package dev.frontline.server.asterisk;

import dev.frontline.core.call.Await;
import dev.frontline.core.call.MediaStep;
import dev.frontline.core.call.Prompt;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.SpyMode;
import dev.frontline.core.testing.MutableClock;
import dev.frontline.server.asterisk.peer.FakeAsteriskAgi;
import dev.frontline.server.asterisk.peer.FakeAsteriskAmi;
import dev.frontline.server.testing.RecordingBackendAcd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 23 (ADR 0141): one Frontline, two PBXs, each a loopback AMI peer speaking Asterisk 22's wire format. PBX "a"
 * connects to FastAGI from 127.0.0.1 and has the op1xx phones; PBX "b" from 127.0.0.2 with the op2xx phones; a has a
 * trunk to b.
 */
class MultiPbxTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final String SECRET = "s3cret-for-tests";
    private static final OperatorId ANNA = new OperatorId("anna");
    private static final OperatorId BORIS = new OperatorId("boris");

    private final RecordingBackendAcd acd = new RecordingBackendAcd();
    private final RecordingPbxEvents pbx = new RecordingPbxEvents();
    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-07T10:00:00Z"));
    private final List<String> alerts = new CopyOnWriteArrayList<>();
    private FakeAsteriskAmi amiA;
    private FakeAsteriskAmi amiB;
    private AsteriskBackend backend;
    private AsteriskConfig config;
    private InetAddress hostA;
    private InetAddress hostB;

    private static AsteriskConfig.Ami ami(FakeAsteriskAmi peer) {
        return new AsteriskConfig.Ami(true, "127.0.0.1", peer.port(), "frontline", SECRET, "frontline-callbacks",
                Duration.ofMillis(100), Duration.ofMillis(500));
    }

    @BeforeEach
    void start() throws Exception {
        hostA = InetAddress.getByName("127.0.0.1");
        hostB = InetAddress.getByName("127.0.0.2");
        amiA = FakeAsteriskAmi.start("frontline", SECRET);
        amiB = FakeAsteriskAmi.start("frontline", SECRET);
        amiA.setDeviceState("PJSIP/op100", "NOT_INUSE");
        amiA.setDeviceState("PJSIP/op200", "UNAVAILABLE"); // A knows nothing of B's phones: not B's word
        amiB.setDeviceState("PJSIP/op200", "NOT_INUSE");
        amiB.setDeviceState("PJSIP/op100", "UNAVAILABLE");
        config = AgiServerTest.config().withPbxs(List.of(
                new AsteriskConfig.Pbx("a", ami(amiA), List.of(hostA), List.of("PJSIP/op1*"),
                        Map.of("b", "IAX2/a-to-b/{phone}")),
                new AsteriskConfig.Pbx("b", ami(amiB), List.of(hostB), List.of("PJSIP/op2*"), Map.of())));
        ScriptedCallHandler handler = new ScriptedCallHandler(
                s -> new Turn(s.callId(), List.of(new MediaStep.Play(new Prompt(Language.EN, "queued", ""))),
                        new Await.WaitInQueue(1, Duration.ofMinutes(1), Duration.ofMinutes(5))),
                (id, in) -> Turn.hangUp(id));
        backend = AsteriskBackend.create(config, new StaticOperators(List.of(
                AmiControlTest.operator("anna", "PJSIP/op100"), AmiControlTest.operator("boris", "PJSIP/op200"))), clock);
        backend.alertSupervisors(alerts::add);
        backend.start(handler, acd, pbx);
    }

    @AfterEach
    void stop() throws Exception {
        backend.stop();
        amiA.close();
        amiB.close();
    }

    private static void eventually(String what, BooleanSupplier ok) throws InterruptedException {
        long end = System.nanoTime() + T.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + T + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    private void bothRead() throws InterruptedException {
        eventually("both PBXs' state read", () -> backend.ami("a") != null && backend.ami("a").stateReads() >= 1
                && backend.ami("b").stateReads() >= 1);
    }

    /** A caller on {@code from} waits in the queue and is connected to {@code op}; returns the Dial command. */
    private String connected(FakeAsteriskAgi agi, CallId call, OperatorId op, String endpoint) throws Exception {
        agi.expectAndReply("ANSWER", "0");
        agi.expectAndReply("STREAM FILE", "0 endpos=1");
        agi.expectAndReply("SET MUSIC ON", "0");
        agi.expect("WAIT FOR DIGIT");
        backend.connector().connect(call, op, endpoint);
        agi.reply("0");
        agi.expectAndReply("SET MUSIC OFF", "0");
        return agi.expect("EXEC \"Dial\"");
    }

    @Test
    void eachPbxReportsOnlyItsOwnOperatorsPhones() throws Exception {
        bothRead();
        pbx.await("phoneRegistered anna true", T);
        pbx.await("phoneRegistered boris true", T);
        assertThat(pbx.seen).doesNotContain("phoneRegistered anna false", "phoneRegistered boris false");
        assertThat(amiA.logins()).isEqualTo(1);
        assertThat(amiB.logins()).isEqualTo(1);
    }

    @Test
    void everyActionOnACallFromBGoesToBsAmiAndAsEventsForItAreIgnored() throws Exception {
        bothRead();
        CallId call = new CallId("1700000230.1");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(InetAddress.getLoopbackAddress(), hostB, config.port(),
                "support", call.value(), "+37060000230")) {
            assertThat(connected(agi, call, BORIS, "PJSIP/op200")).contains("PJSIP/op200");
            amiB.emit(FakeAsteriskAmi.event("DialBegin", "Channel", "PJSIP/trunk-230", "Uniqueid", call.value(),
                    "DestChannel", "PJSIP/op200-00000001", "DestUniqueid", "1700000230.2", "DialString", "op200"));
            // the same uniqueid on A (another PBX's channel): must not touch B's call
            amiA.emit(FakeAsteriskAmi.event("DialBegin", "Channel", "PJSIP/x-1", "Uniqueid", call.value(),
                    "DestChannel", "PJSIP/op100-0000000a", "DestUniqueid", "1700000230.9", "DialString", "op100"));
            amiA.emit(FakeAsteriskAmi.event("DeviceStateChange", "Device", "PJSIP/op100", "State", "UNAVAILABLE"));
            pbx.await("phoneRegistered anna false", T); // A's events up to here are dispatched
            amiB.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", "b-230", "Channel", "PJSIP/trunk-230",
                    "Uniqueid", call.value(), "Linkedid", call.value()));
            acd.await("operatorAnswered " + call, T);

            backend.connector().mute(call, BORIS, true);
            eventually("Setvar on B", () -> !amiB.actions("Setvar").isEmpty());
            backend.connector().spy(call, BORIS, "PJSIP/op201", SpyMode.LISTEN);
            eventually("Originate on B", () -> !amiB.actions("Originate").isEmpty());
            assertThat(amiB.actions("Originate")).singleElement().satisfies(o -> {
                assertThat(o.get("channel")).isEqualTo("PJSIP/op201");
                assertThat(o.get("data")).isEqualTo("PJSIP/op200-00000001,qdE");
            });
            IllegalStateException noTrunk = assertThrows(IllegalStateException.class, () ->
                    backend.connector().spy(call, BORIS, "PJSIP/op190", SpyMode.LISTEN));
            assertThat(noTrunk).hasMessageContaining("PJSIP/op190 is on PBX a and PBX b has no trunk to it");
            backend.connector().hold(call, BORIS, true);
            eventually("Redirect on B", () -> !amiB.actions("Redirect").isEmpty());
            assertThat(amiB.actions("Redirect").get(0).get("channel")).isEqualTo("PJSIP/op200-00000001");
            agi.reply("0"); // the Redirect took boris's leg out of the Dial
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            OperatorId vera = new OperatorId("vera");
            backend.connector().consult(call, BORIS, vera, "PJSIP/op202",
                    dev.frontline.core.call.CallConnector.ConsultStep.EXPECT);
            backend.connector().consult(call, BORIS, vera, "PJSIP/op202",
                    dev.frontline.core.call.CallConnector.ConsultStep.RING);
            acd.await("consultAnswered " + call + " by vera", T);
            assertThat(amiB.actions("Originate")).hasSize(2);
            assertThat(amiB.actions("Originate").get(1)).containsEntry("channel", "PJSIP/op202")
                    .containsEntry("context", "frontline-consult");
            backend.connector().consult(call, BORIS, vera, null,
                    dev.frontline.core.call.CallConnector.ConsultStep.CANCEL);
            backend.connector().release(call, BORIS);
            eventually("two Hangups on B", () -> amiB.actions("Hangup").size() == 2);
            assertThat(amiB.actions("Hangup")).extracting(h -> h.get("channel"))
                    .containsExactly(call.value() + "-consult-1", "PJSIP/op200-00000001");
            agi.hangUpDuring();
            agi.finish();
        }
        for (String action : List.of("Setvar", "Originate", "Redirect", "Hangup")) {
            assertThat(amiA.actions(action)).as(action + " on A").isEmpty();
        }
    }

    @Test
    void aCallerOnAIsConnectedToAnOperatorOnBThroughAsTrunkToB() throws Exception {
        bothRead();
        CallId call = new CallId("1700000231.1");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(InetAddress.getLoopbackAddress(), hostA, config.port(),
                "support", call.value(), "+37060000231")) {
            assertThat(connected(agi, call, BORIS, "PJSIP/op200")).startsWith("EXEC \"Dial\" \"IAX2/a-to-b/op200,");
            agi.hangUpDuring();
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.finish();
        }
    }

    /**
     * B has no trunk to A: anna (on A) cannot be rung for B's caller. The offer fails at once as the backend's, not
     * anna's (she is not MISSED by a ring timeout), and supervisors hear which trunk is missing, once.
     */
    @Test
    void anOperatorThePbxHasNoTrunkToIsAConnectFailureAndAnAlertNotAMissedRing() throws Exception {
        bothRead();
        CallId call = new CallId("1700000234.1");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(InetAddress.getLoopbackAddress(), hostB, config.port(),
                "support", call.value(), "+37060000234")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("STREAM FILE", "0 endpos=1");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            backend.connector().connect(call, ANNA, "PJSIP/op100");
            backend.connector().connect(call, ANNA, "PJSIP/op100"); // offered again: still one alert
            acd.await("connectFailed " + call, T);
            eventually("two connect failures", () -> acd.commands.stream()
                    .filter(c -> c.equals("connectFailed " + call)).count() == 2);
            assertThat(alerts).singleElement().satisfies(a -> assertThat(a).startsWith(
                    "PBX b has no trunk to PBX a: its callers cannot be put through to PJSIP/op100"));
            agi.reply("0"); // the poll goes on: nothing to dial
            agi.expect("WAIT FOR DIGIT");
            agi.hangUpDuring();
            agi.finish();
        }
        assertThat(acd.commands).noneMatch(c -> c.startsWith("ringNoAnswer"));
    }

    @Test
    void aCallNamingAPbxThatDoesNotCallFromItsAddressIsNotServed() throws Exception {
        bothRead();
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(InetAddress.getLoopbackAddress(), hostB, config.port(),
                "support?pbx=a", "1700000232.1", "+37060000232")) {
            assertThat(agi.finish()).isEqualTo("SUCCESS"); // closed at once: the dialplan rings its fallback phones
            assertThat(agi.commands()).noneMatch(c -> c.startsWith("ANSWER"));
        }
        CallId call = new CallId("1700000232.2");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(InetAddress.getLoopbackAddress(), hostB, config.port(),
                "support?pbx=b", call.value(), "+37060000232")) {
            connected(agi, call, BORIS, "PJSIP/op200");
            agi.hangUpDuring();
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.finish();
        }
        assertThat(backend.stats().refusedNotAllowed()).isEqualTo(1);
    }

    @Test
    void onePbxsAmiDownAlertsSupervisorsByNameAndLeavesTheOtherWorking() throws Exception {
        bothRead();
        amiA.close();
        eventually("alert naming PBX a", () -> alerts.stream().anyMatch(a -> a.startsWith("PBX a: AMI 127.0.0.1:"
                + amiA.port() + " connection lost")));
        assertThat(backend.amiConnected("a")).isFalse();
        assertThat(backend.amiConnected("b")).isTrue();
        assertThat(alerts).noneMatch(a -> a.startsWith("PBX b"));

        // B still places callbacks and acts on its calls; A's operator's callback fails at once, naming why
        backend.connector().originateCallback("cb-b", BORIS, "PJSIP/op200", "+37060000233", "+37052000000");
        eventually("callback originated on B", () -> !amiB.actions("Originate").isEmpty());
        assertThat(amiB.actions("Originate").get(0).get("channel")).isEqualTo("PJSIP/op200");
        backend.connector().originateCallback("cb-a", ANNA, "PJSIP/op100", "+37060000234", "+37052000000");
        pbx.await("callbackFailed cb-a FAILED", T);

        CallId call = new CallId("1700000233.1");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(InetAddress.getLoopbackAddress(), hostB, config.port(),
                "support", call.value(), "+37060000233")) {
            connected(agi, call, BORIS, "PJSIP/op200");
            amiB.emit(FakeAsteriskAmi.event("DialBegin", "Channel", "PJSIP/trunk-233", "Uniqueid", call.value(),
                    "DestChannel", "PJSIP/op200-00000002", "DestUniqueid", "1700000233.2", "DialString", "op200"));
            amiB.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", "b-233", "Channel", "PJSIP/trunk-233",
                    "Uniqueid", call.value(), "Linkedid", call.value()));
            acd.await("operatorAnswered " + call, T);
            backend.connector().release(call, BORIS);
            eventually("Hangup on B", () -> !amiB.actions("Hangup").isEmpty());
            agi.hangUpDuring();
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.finish();
        }
    }

    @Test
    void aPbxBackAfterAnOutageIsAnnouncedOnce() throws Exception {
        bothRead();
        amiB.restart(Duration.ofMillis(300));
        eventually("B connected again", () -> alerts.stream().anyMatch(a -> a.equals("PBX b: AMI 127.0.0.1:"
                + amiB.port() + " connected again")));
        assertThat(alerts.stream().filter(a -> a.startsWith("PBX b:") && a.contains("connection lost")
                || a.startsWith("PBX b:") && a.contains("unreachable"))).hasSize(1);
        assertThat(alerts).noneMatch(a -> a.startsWith("PBX a"));
    }
}
