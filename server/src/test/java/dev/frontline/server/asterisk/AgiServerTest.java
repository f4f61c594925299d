package dev.frontline.server.asterisk;

import dev.frontline.core.testing.MutableClock;
import dev.frontline.server.testing.RecordingBackendAcd;

import dev.frontline.core.call.Await;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.call.MediaStep;
import dev.frontline.core.call.Prompt;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.server.asterisk.peer.FakeAsteriskAgi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static dev.frontline.server.asterisk.peer.FakeAsteriskAgi.key;
import static org.assertj.core.api.Assertions.assertThat;

class AgiServerTest {
    private static final Duration T = Duration.ofSeconds(5);
    private static final String SND = "/var/lib/asterisk/sounds/frontline";

    private final RecordingBackendAcd acd = new RecordingBackendAcd();
    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-20T10:00:00Z"));
    private AsteriskBackend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * The counter once it reaches {@code expected}, or as it is after {@link #T}. A clean-clone CI run once read 0
     * just after the client saw the refused connection close, though the server had logged "refused so far: 1".
     */
    static long counted(java.util.function.LongSupplier counter, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return counter.getAsLong();
    }

    static AsteriskConfig config() throws IOException {
        return AsteriskConfig.defaults().withPort(freePort()).withHoldPoll(Duration.ofMillis(100))
                .withAmi(new AsteriskConfig.Ami(false, "127.0.0.1", 5038, "frontline", "", "frontline-callbacks",
                        Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    private AsteriskBackend start(AsteriskConfig config, ScriptedCallHandler handler) {
        backend = AsteriskBackend.start(config, handler, acd, new StaticOperators(List.of()), PbxEvents.NONE, clock);
        return backend;
    }

    private static Turn play(CallId id, String key, Await await) {
        return new Turn(id, List.of(new MediaStep.Play(new Prompt(Language.EN, key, ""))), await);
    }

    private static Await.WaitInQueue queued() {
        return new Await.WaitInQueue(1, Duration.ofMinutes(1), Duration.ofSeconds(30));
    }

    @Test
    void playsTheMenuAndFeedsTheKeysBack() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(
                s -> new Turn(s.callId(), List.of(
                        new MediaStep.Play(new Prompt(Language.EN, "welcome", "")),
                        new MediaStep.Play(new Prompt(Language.EN, "menu", ""))),
                        new Await.CollectDigits(1, Duration.ofSeconds(5), true)),
                (id, in) -> new Turn(id, List.of(new MediaStep.SayDigits(Language.EN, "42")), new Await.HangUp()));
        AsteriskConfig config = config();
        start(config, handler);

        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", "1700000000.1", "+37060000001")) {
            agi.expectAndReply("ANSWER", "0");
            assertThat(agi.expectAndReply("STREAM FILE", "0 endpos=8000"))
                    .isEqualTo("STREAM FILE \"" + SND + "/en/welcome\" \"0123456789*#\"");
            assertThat(agi.expectAndReply("GET DATA", "2")).isEqualTo("GET DATA \"" + SND + "/en/menu\" 5000 1");
            assertThat(agi.expectAndReply("STREAM FILE", "0 endpos=4000")).isEqualTo("STREAM FILE \"" + SND + "/en/digits/4\" \"\"");
            assertThat(agi.expectAndReply("STREAM FILE", "0 endpos=4000")).isEqualTo("STREAM FILE \"" + SND + "/en/digits/2\" \"\"");
            agi.expectAndReply("HANGUP", "1");
            assertThat(agi.finish()).isEqualTo("SUCCESS");
        }
        assertThat(handler.starts).singleElement().satisfies(s -> {
            assertThat(s.callId()).isEqualTo(new CallId("1700000000.1"));
            assertThat(s.flow()).isEqualTo("support");
            assertThat(s.callingNumber()).isEqualTo("+37060000001");
            assertThat(s.calledNumber()).isEqualTo("37052000000");
        });
        assertThat(handler.nextInput(T)).isEqualTo(new CallerInput.Digits("2"));
    }

    @Test
    void aKeyPressedDuringAPromptIsTheFirstDigit() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(
                s -> new Turn(s.callId(), List.of(
                        new MediaStep.Play(new Prompt(Language.LT, "welcome", "")),
                        new MediaStep.Play(new Prompt(Language.LT, "enter-contract", ""))),
                        new Await.CollectDigits(4, Duration.ofSeconds(3), true)),
                (id, in) -> Turn.hangUp(id));
        AsteriskConfig config = config();
        start(config, handler);

        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", "1700000000.2", "+37060000002")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("STREAM FILE \"" + SND + "/lt/welcome\"", key('7') + " endpos=1200");
            assertThat(agi.expectAndReply("WAIT FOR DIGIT", key('1'))).isEqualTo("WAIT FOR DIGIT 3000");
            agi.expectAndReply("WAIT FOR DIGIT", key('#'));
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
        }
        assertThat(handler.nextInput(T)).isEqualTo(new CallerInput.Digits("71"));
    }

    @Test
    void silenceIsNoInput() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(
                s -> play(s.callId(), "menu", new Await.CollectDigits(1, Duration.ofSeconds(5), true)),
                (id, in) -> Turn.hangUp(id));
        AsteriskConfig config = config();
        start(config, handler);

        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", "1700000000.3", "+37060000003")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("GET DATA", " (timeout)");
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
        }
        assertThat(handler.nextInput(T)).isEqualTo(new CallerInput.NoInput());
    }

    @Test
    void connectsAWaitingCallerToTheOperatorWithDial() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(
                s -> play(s.callId(), "queued", queued()),
                (id, in) -> in instanceof CallerInput.OperatorLegEnded
                        ? play(id, "thanks", new Await.HangUp()) : Turn.hangUp(id));
        AsteriskConfig config = config();
        start(config, handler);
        CallId call = new CallId("1700000000.4");

        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000004")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("STREAM FILE \"" + SND + "/en/queued\"", "0 endpos=8000");
            assertThat(agi.expectAndReply("SET MUSIC", "0")).isEqualTo("SET MUSIC ON \"default\"");
            assertThat(agi.expect("WAIT FOR DIGIT")).isEqualTo("WAIT FOR DIGIT 100");
            backend.connector().connect(call, new OperatorId("anna"), "PJSIP/op100");
            agi.reply("0");
            agi.expectAndReply("SET MUSIC OFF", "0");
            assertThat(agi.expectAndReply("EXEC", "0")).isEqualTo("EXEC \"Dial\" \"PJSIP/op100,12,tTg\"");
            assertThat(agi.expectAndReply("GET VARIABLE", "1 (ANSWER)")).isEqualTo("GET VARIABLE \"DIALSTATUS\"");
            agi.expectAndReply("STREAM FILE \"" + SND + "/en/thanks\"", "0 endpos=100");
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
        }
        acd.await("callEnded " + call, T);
        assertThat(acd.commands).containsExactly("operatorAnswered " + call, "callEnded " + call);
        assertThat(handler.nextInput(T)).isEqualTo(new CallerInput.OperatorLegEnded());
    }

    @Test
    void anOperatorNotAnsweringSendsTheCallerBackToHold() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(s -> play(s.callId(), "queued", queued()),
                (id, in) -> Turn.hangUp(id));
        AsteriskConfig config = config();
        start(config, handler);
        CallId call = new CallId("1700000000.5");

        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000005")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("STREAM FILE", "0 endpos=8000");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            backend.connector().connect(call, new OperatorId("anna"), "PJSIP/op100");
            agi.reply("0");
            agi.expectAndReply("SET MUSIC OFF", "0");
            agi.expectAndReply("EXEC \"Dial\"", "0");
            agi.expectAndReply("GET VARIABLE \"DIALSTATUS\"", "1 (NOANSWER)");
            acd.await("ringNoAnswer " + call, T);
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            backend.connector().connect(call, new OperatorId("ben"), "PJSIP/op101");
            agi.reply("0");
            agi.expectAndReply("SET MUSIC OFF", "0");
            assertThat(agi.expectAndReply("EXEC", "0")).isEqualTo("EXEC \"Dial\" \"PJSIP/op101,12,tTg\"");
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
        }
        acd.await("callEnded " + call, T);
        assertThat(acd.commands).containsExactly("ringNoAnswer " + call, "operatorAnswered " + call, "callEnded " + call);
    }

    @Test
    void anEndpointThatWouldSmuggleDialOptionsIsNotDialled() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(s -> play(s.callId(), "queued", queued()),
                (id, in) -> Turn.hangUp(id));
        AsteriskConfig config = config();
        start(config, handler);
        CallId call = new CallId("1700000000.10");

        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000010")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("STREAM FILE", "0 endpos=8000");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            backend.connector().connect(call, new OperatorId("eve"), "PJSIP/op100,1,D(1)");
            agi.reply("0");
            agi.expect("WAIT FOR DIGIT");
            agi.hangUp();
            agi.reply("-1");
            agi.finish();
        }
        assertThat(handler.nextInput(T)).isEqualTo(new CallerInput.HungUp());
        assertThat(acd.commands).isEmpty();
    }

    @Test
    void aCallerHangingUpInTheQueueIsReported() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(s -> play(s.callId(), "queued", queued()),
                (id, in) -> Turn.hangUp(id));
        AsteriskConfig config = config();
        start(config, handler);

        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", "1700000000.6", "+37060000006")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("STREAM FILE", "0 endpos=8000");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expectAndReply("WAIT FOR DIGIT", "0");
            agi.expect("WAIT FOR DIGIT");
            agi.hangUp();
            agi.reply("-1");
            agi.finish();
        }
        assertThat(handler.nextInput(T)).isEqualTo(new CallerInput.HungUp());
        assertThat(backend.liveChannels()).isZero();
    }

    @Test
    void holdTicksForAnnouncementsAndPassesKeys() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(
                s -> new Turn(s.callId(), List.of(), new Await.WaitInQueue(3, Duration.ofMinutes(2), Duration.ofSeconds(30))),
                (id, in) -> in instanceof CallerInput.HoldTick
                        ? new Turn(id, List.of(new MediaStep.SayDigits(Language.EN, "2")),
                                new Await.WaitInQueue(2, Duration.ofMinutes(1), Duration.ofSeconds(30)))
                        : play(id, "callback-booked", new Await.HangUp()));
        AsteriskConfig config = config();
        start(config, handler);

        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", "1700000000.7", "+37060000007")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            clock.advance(Duration.ofSeconds(30));
            agi.reply("0");
            agi.expectAndReply("SET MUSIC OFF", "0");
            assertThat(agi.expectAndReply("STREAM FILE", "0 endpos=10"))
                    .isEqualTo("STREAM FILE \"" + SND + "/en/digits/2\" \"0123456789*#A\"");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expectAndReply("WAIT FOR DIGIT", key('1'));
            agi.expectAndReply("SET MUSIC OFF", "0");
            agi.expectAndReply("STREAM FILE \"" + SND + "/en/callback-booked\"", "0 endpos=10");
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
        }
        assertThat(handler.nextInput(T)).isEqualTo(new CallerInput.HoldTick());
        assertThat(handler.nextInput(T)).isEqualTo(new CallerInput.Digits("1"));
    }

    @Test
    void aHostNotAllowedIsClosedAndCounted() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(s -> Turn.hangUp(s.callId()), (id, in) -> Turn.hangUp(id));
        AsteriskConfig config = config().withAllowedHosts(List.of(InetAddress.getByName("127.0.0.1")));
        start(config, handler);

        try (FakeAsteriskAgi stranger = FakeAsteriskAgi.call(InetAddress.getByName("127.0.0.1"),
                InetAddress.getByName("127.0.0.2"), config.port(), "support", "1700000000.8", "+37060000008")) {
            assertThat(stranger.closedByServer(T)).isTrue();
        }
        assertThat(counted(() -> backend.stats().refusedNotAllowed(), 1)).isEqualTo(1);
        assertThat(handler.starts).isEmpty();

        try (FakeAsteriskAgi pbx = FakeAsteriskAgi.call(config.port(), "support", "1700000000.9", "+37060000009")) {
            pbx.expectAndReply("ANSWER", "0");
            pbx.expectAndReply("HANGUP", "1");
            pbx.finish();
        }
        assertThat(counted(() -> backend.stats().accepted(), 1)).isEqualTo(1); // counted after the hand-off: may trail the call
    }

    @Test
    void aConnectionBeyondThePoolIsRefusedAndCounted() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(s -> play(s.callId(), "queued", queued()),
                (id, in) -> Turn.hangUp(id));
        AsteriskConfig config = config().withPool(1, 2);
        start(config, handler);

        try (FakeAsteriskAgi first = FakeAsteriskAgi.call(config.port(), "support", "1.1", "+1");
             FakeAsteriskAgi second = FakeAsteriskAgi.call(config.port(), "support", "1.2", "+2")) {
            first.expect("ANSWER");
            second.expect("ANSWER");
            try (FakeAsteriskAgi third = FakeAsteriskAgi.call(config.port(), "support", "1.3", "+3")) {
                assertThat(third.closedByServer(T)).isTrue();
            }
            assertThat(counted(() -> backend.stats().refusedPoolFull(), 1)).isEqualTo(1);
            assertThat(backend.stats().accepted()).isEqualTo(2);
        }
    }

    @Test
    void theScriptNameWithoutItsParametersIsTheFlowAndAWithheldNumberIsEmpty() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(s -> Turn.hangUp(s.callId()), (id, in) -> Turn.hangUp(id));
        AsteriskConfig config = config();
        start(config, handler);
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "sales?lang=lt", "1.5", "unknown")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
        }
        assertThat(handler.starts).singleElement().satisfies(s -> {
            assertThat(s.flow()).isEqualTo("sales");
            assertThat(s.callingNumber()).isEmpty();
        });
    }

    @Test
    void aBadScriptNameIsNotFound() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(s -> Turn.hangUp(s.callId()), (id, in) -> Turn.hangUp(id));
        AsteriskConfig config = config();
        start(config, handler);
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "../etc", "1.4", "+4")) {
            assertThat(agi.finish()).isEqualTo("NOT_FOUND");
        }
        assertThat(handler.starts).isEmpty();
    }

    // --- what a real Asterisk 22 does (issue 18) ---

    /** Defect 8: WAIT FOR DIGIT answered -1 then HANGUP: the script ends; nothing more goes to the dead channel. */
    @Test
    void aHangUpDuringHoldEndsTheScriptWithoutAnotherCommand() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(s -> play(s.callId(), "queued", queued()),
                (id, in) -> in instanceof CallerInput.HungUp ? null : play(id, "again", queued()));
        AsteriskConfig config = config();
        start(config, handler);
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", "1700000018.8", "+37060000088")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("STREAM FILE", "0 endpos=8000");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            agi.hangUpDuring();
            assertThat(agi.finish()).isEqualTo("SUCCESS");
        }
        assertThat(handler.nextInput(T)).isInstanceOf(CallerInput.HungUp.class);
    }

    /** Defects 1 and 2: the ring starts the ACD's timer, NOANSWER names its operator, CANCEL is the caller's. */
    @Test
    void ringOutcomesNameTheOperatorAndACancelIsTheCallersHangUp() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(s -> play(s.callId(), "queued", queued()),
                (id, in) -> in instanceof CallerInput.HungUp ? null : play(id, "again", queued()));
        AsteriskConfig config = config();
        start(config, handler);
        CallId call = new CallId("1700000018.1");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000081")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("STREAM FILE", "0 endpos=8000");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            backend.connector().connect(call, new OperatorId("anna"), "PJSIP/op100");
            agi.reply("0");
            agi.expectAndReply("SET MUSIC OFF", "0");
            agi.expectAndReply("EXEC \"Dial\"", "0");
            agi.expectAndReply("GET VARIABLE", "1 (NOANSWER)");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            backend.connector().connect(call, new OperatorId("bob"), "PJSIP/op101");
            agi.reply("0");
            agi.expectAndReply("SET MUSIC OFF", "0");
            agi.expectAndReply("EXEC \"Dial\"", "-1"); // the caller hangs up while bob's phone rings
            agi.expectAndReply("GET VARIABLE", "1 (CANCEL)");
            agi.hangUp();
            agi.finish();
        }
        assertThat(handler.nextInput(T)).isInstanceOf(CallerInput.HungUp.class);
        assertThat(acd.attributed).containsExactly("phoneRinging " + call + " at anna",
                "ringNoAnswer " + call + " by anna (ring no answer)", "phoneRinging " + call + " at bob");
        assertThat(acd.commands).containsExactly("ringNoAnswer " + call);
    }

    /** Defect 1: a connect during a queue prompt cuts it short (AMI's DTMF 'A') and the phone rings at once. */
    @Test
    void aConnectDuringAQueuePromptCutsItShortAndDialsAtOnce() throws Exception {
        ScriptedCallHandler handler = new ScriptedCallHandler(
                s -> new Turn(s.callId(), List.of(new MediaStep.Play(new Prompt(Language.EN, "check-power", "")),
                        new MediaStep.Play(new Prompt(Language.EN, "queue-connecting", ""))), queued()),
                (id, in) -> Turn.hangUp(id));
        AsteriskConfig config = config();
        start(config, handler);
        List<String> cut = new java.util.concurrent.CopyOnWriteArrayList<>();
        ((AsteriskCallConnector) backend.connector()).cutter(cut::add);
        CallId call = new CallId("1700000018.2");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000082")) {
            agi.expectAndReply("ANSWER", "0");
            assertThat(agi.expect("STREAM FILE")).endsWith("/en/check-power\" \"0123456789*#A\"");
            backend.connector().connect(call, new OperatorId("anna"), "PJSIP/op100");
            assertThat(cut).containsExactly("PJSIP/trunk-" + call.value().replace(".", ""));
            agi.reply(FakeAsteriskAgi.key('A') + " endpos=4000"); // what PlayDTMF Receive does to STREAM FILE
            agi.expectAndReply("EXEC \"Dial\"", "0"); // not queue-connecting, not hold music first
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
        }
    }
}
