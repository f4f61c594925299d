package dev.frontline.server.asterisk;

import dev.frontline.core.testing.MutableClock;
import dev.frontline.server.testing.RecordingBackendAcd;

import dev.frontline.core.call.Await;
import dev.frontline.core.call.MediaStep;
import dev.frontline.core.call.Prompt;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.operator.Operator;
import dev.frontline.server.asterisk.peer.FakeAsteriskAgi;
import dev.frontline.server.asterisk.peer.FakeAsteriskAmi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AmiControlTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final String SECRET = "s3cret-for-tests";

    private final RecordingBackendAcd acd = new RecordingBackendAcd();
    private final RecordingPbxEvents pbx = new RecordingPbxEvents();
    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-20T10:00:00Z"));
    private FakeAsteriskAmi ami;
    private AsteriskBackend backend;
    private AsteriskConfig config;
    private ScriptedCallHandler handler;

    /** An active line-1 technical operator whose phone is {@code endpoint}. */
    static Operator operator(String id, String endpoint) {
        return new Operator(new OperatorId(id), id, Operator.Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.TECHNICAL),
                Set.of(Language.EN), endpoint, Optional.empty(), true);
    }

    @BeforeEach
    void startPbx() throws Exception {
        ami = FakeAsteriskAmi.start("frontline", SECRET);
        ami.setDeviceState("PJSIP/op100", "NOT_INUSE");
        ami.setDeviceState("PJSIP/op101", "UNAVAILABLE");
        config = AgiServerTest.config().withAmi(new AsteriskConfig.Ami(true, "127.0.0.1", ami.port(), "frontline",
                SECRET, "frontline-callbacks", Duration.ofMillis(100), Duration.ofSeconds(1)));
        handler = new ScriptedCallHandler(
                s -> new Turn(s.callId(), List.of(new MediaStep.Play(new Prompt(Language.EN, "queued", ""))),
                        new Await.WaitInQueue(1, Duration.ofMinutes(1), Duration.ofMinutes(5))),
                (id, in) -> Turn.hangUp(id));
        backend = AsteriskBackend.start(config, handler, acd,
                new StaticOperators(List.of(operator("anna", "PJSIP/op100"), operator("ben", "PJSIP/op101"))), pbx, clock);
    }

    @AfterEach
    void stop() throws Exception {
        backend.stop();
        ami.close();
    }

    private void awaitStateReads(long n) throws InterruptedException {
        long end = System.nanoTime() + T.toNanos();
        while (backend.ami().stateReads() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("state re-read " + backend.ami().stateReads() + " times, expected " + n);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void logsInWithTheChallengeAndReadsPhoneStates() throws Exception {
        awaitStateReads(1);
        pbx.await("phoneRegistered anna true", T);
        pbx.await("phoneRegistered ben false", T);

        Map<String, String> challenge = ami.actions("Challenge").get(0);
        assertThat(challenge.get("authtype")).isEqualTo("MD5");
        Map<String, String> login = ami.actions("Login").get(0);
        assertThat(login.get("username")).isEqualTo("frontline");
        assertThat(login).doesNotContainValue(SECRET);
        assertThat(ami.actions("DeviceStateList")).hasSize(1);
        assertThat(ami.actions("CoreShowChannels")).hasSize(1);
        assertThat(backend.amiConnected()).isTrue();

        ami.setDeviceState("PJSIP/op101", "NOT_INUSE");
        pbx.await("phoneRegistered ben true", T);

        ami.emit(FakeAsteriskAmi.event("ExtensionStatus", "Exten", "op100", "Context", "frontline-phones",
                "Hint", "PJSIP/op100&Custom:op100", "Status", "4", "StatusText", "Unavailable"));
        pbx.await("phoneRegistered anna false", T);
    }

    @Test
    void placesACallbackOperatorFirstAndReportsBothLegs() throws Exception {
        awaitStateReads(1);
        backend.connector().originateCallback("cb-7-1", new OperatorId("anna"), "PJSIP/op100", "+37060000001",
                "+37052000000");
        pbx.await("callbackOperatorAnswered cb-7-1", T);

        Map<String, String> o = ami.actions("Originate").get(0);
        assertThat(o).containsEntry("channel", "PJSIP/op100").containsEntry("context", "frontline-callbacks")
                .containsEntry("exten", "+37060000001").containsEntry("priority", "1")
                .containsEntry("callerid", "+37052000000").containsEntry("async", "true");
        assertThat(o.get("variable")).contains("FRONTLINE_ATTEMPT=cb-7-1").contains("FRONTLINE_OPERATOR=anna");

        ami.emit(FakeAsteriskAmi.event("UserEvent", "UserEvent", "FrontlineCallback", "Attempt", "cb-7-1",
                "Status", "ANSWER"));
        pbx.await("callbackAnswered cb-7-1", T);
        ami.emit(FakeAsteriskAmi.event("UserEvent", "UserEvent", "FrontlineCallback", "Attempt", "cb-7-1",
                "Status", "ENDED"));
        pbx.await("callbackEnded cb-7-1", T);
    }

    /**
     * Issue 23: a new leader opens AMI only after its ACD has started, and a callback due at that moment is placed
     * before the login is through; it waits for the login (bounded) instead of failing an attempt as "AMI not
     * connected" (which counts, and retries only after acd.callback.retry-interval).
     */
    @Test
    void aCallbackPlacedWhileAmiIsNotLoggedInWaitsForTheLogin() throws Exception {
        RecordingPbxEvents events = new RecordingPbxEvents();
        AsteriskBackend taking = AsteriskBackend.create(config.withPort(0), new StaticOperators(List.of(
                operator("anna", "PJSIP/op100"))), clock).prepare(handler, acd, events); // a new leader's start
        try {
            taking.connector().originateCallback("cb-9-1", new OperatorId("anna"), "PJSIP/op100", "+37060000001",
                    "+37052000000"); // due the moment its ACD started, before AMI is opened
            Thread.sleep(300); // the rest of the start: FastAGI, then AMI
            taking.open();
            events.await("callbackOperatorAnswered cb-9-1", T);
            assertThat(events.seen).noneMatch(e -> e.startsWith("callbackFailed cb-9-1"));
        } finally {
            taking.stop();
        }
    }

    private static dev.frontline.core.acd.OperatorView onACall(String id, dev.frontline.core.acd.OperatorState state,
                                                             String call) {
        return new dev.frontline.core.acd.OperatorView(new OperatorId(id), id, state, "", java.time.Instant.EPOCH,
                Set.of(Intent.TECHNICAL), Set.of(Tier.LINE1), Set.of(Language.EN), true,
                Optional.of(new CallId(call)));
    }

    /**
     * Issue 23: a new leader (or a reconnect) missed the events Asterisk sent while no AMI session of ours was logged
     * in. At the login, CoreShowChannels (Asterisk 22: the list's Response, one CoreShowChannel per channel, then
     * CoreShowChannelsComplete) says which channels still exist: a callback or a conversation the ACD holds whose
     * channel is gone ended meanwhile, so its operator is not left on the call forever; one whose channel is up goes on.
     */
    @Test
    void atTheAmiLoginCallsTheAcdHoldsWhoseChannelsAreGoneAreEndedTheOthersGoOn() throws Exception {
        RecordingBackendAcd believes = new RecordingBackendAcd();
        believes.picture = new dev.frontline.core.acd.AcdSnapshot(clock.instant(), List.of(), List.of(
                onACall("anna", dev.frontline.core.acd.OperatorState.TALKING, "cb-5-1"), // its callback ended
                onACall("ben", dev.frontline.core.acd.OperatorState.TALKING, "cb-6-1"),  // still talking
                onACall("carl", dev.frontline.core.acd.OperatorState.RINGING, "cb-7-1"), // gave up ringing
                onACall("dora", dev.frontline.core.acd.OperatorState.TALKING, "1700000800.1"), // caller hung up
                onACall("emil", dev.frontline.core.acd.OperatorState.TALKING, "1700000900.1")), // still talking
                Map.of(), 0, Map.of());
        ami.putChannel("PJSIP/op101-00000002", "cb-6-1-operator", "");
        ami.putChannel("PJSIP/trunk-00000007", "1700000900.1", "bridge-9");
        RecordingPbxEvents events = new RecordingPbxEvents();
        AsteriskBackend taking = AsteriskBackend.create(config.withPort(0), new StaticOperators(List.of(
                operator("anna", "PJSIP/op100"), operator("ben", "PJSIP/op101"), operator("carl", "PJSIP/op102"),
                operator("dora", "PJSIP/op103"), operator("emil", "PJSIP/op104"))), clock)
                .prepare(handler, believes, events).open(); // a new leader's AMI logs in
        try {
            long end = System.nanoTime() + T.toNanos();
            while (taking.amiStateReads() < 1 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(taking.amiStateReads()).isEqualTo(1);
            events.await("callbackEnded cb-5-1", T);
            events.await("callbackFailed cb-7-1 TIMEOUT", T);
            believes.await("callEnded " + new CallId("1700000800.1"), T);
            assertThat(events.seen).noneMatch(e -> e.contains("cb-6-1"));
            assertThat(believes.commands).noneMatch(c -> c.contains("1700000900.1"));
        } finally {
            taking.stop();
        }
    }

    /**
     * Issue 23: a callback the ACD withdraws while it is being placed (its caller came back on the line: the operator
     * answered, the customer is being dialled) is hung up on the PBX by the uniqueid its Originate gave the operator's
     * leg; the customer's leg, dialled from it, ends with it.
     */
    @Test
    void aWithdrawnCallbackHasItsOperatorLegHungUpByTheUniqueidItsOriginateGaveIt() throws Exception {
        awaitStateReads(1);
        backend.connector().originateCallback("cb-8-1", new OperatorId("anna"), "PJSIP/op100", "+37060000001",
                "+37052000000");
        pbx.await("callbackOperatorAnswered cb-8-1", T);
        assertThat(ami.actions("Originate").get(0)).containsEntry("channelid", "cb-8-1-operator");

        backend.connector().cancelCallback("cb-8-1", new OperatorId("anna"));
        awaitActions("Hangup", 1);
        assertThat(ami.actions("Hangup")).extracting(a -> a.get("channel")).containsExactly("cb-8-1-operator");
    }

    /**
     * The shipped dialplan's ANSWER of a callback's customer, as Asterisk 22 sends a UserEvent raised on a channel
     * (the channel snapshot first, then the application's fields).
     */
    private void callbackAnswered(String attempt, String customerLeg, String operatorLeg) {
        ami.emit(FakeAsteriskAmi.event("UserEvent", "Privilege", "user,all", "Channel", customerLeg, "ChannelState", "6",
                "ChannelStateDesc", "Up", "CallerIDNum", "+37060000001", "CallerIDName", "<unknown>",
                "ConnectedLineNum", "+37052000000", "ConnectedLineName", "<unknown>", "Language", "en",
                "AccountCode", "", "Context", "frontline-callback-answered", "Exten", "s", "Priority", "3",
                "Uniqueid", "1700000050.12", "Linkedid", "1700000050.10", "UserEvent", "FrontlineCallback",
                "Attempt", attempt, "Status", "ANSWER", "CustomerLeg", customerLeg, "OperatorLeg", operatorLeg));
    }

    /**
     * Issue 21 / ADR 0147 on Asterisk: an answered callback is held and resumed by moving its customer leg (the
     * dialplan named both legs in its ANSWER); it was refused before ("not supported": canHold was false). Transfer
     * and consultation stay refused; after ENDED nothing more is held.
     */
    @Test
    void anAnsweredCallbackIsHeldByRedirectingItsCustomerLegAndResumedByBridgingItBack() throws Exception {
        awaitStateReads(1);
        CallId cb = new CallId("cb-9-1");
        String customer = "PJSIP/trunk-00000004";
        String operator = "PJSIP/op100-00000003";
        backend.connector().originateCallback(cb.value(), new OperatorId("anna"), "PJSIP/op100", "+37060000001",
                "+37052000000");
        pbx.await("callbackOperatorAnswered cb-9-1", T);
        assertThat(backend.connector().canHold(cb)).isFalse(); // not answered yet: nothing to hold

        callbackAnswered(cb.value(), customer, operator);
        pbx.await("callbackAnswered cb-9-1", T);
        assertThat(backend.connector().canHold(cb)).isTrue();
        assertThat(backend.connector().canTransfer(cb)).isFalse();
        assertThat(backend.connector().canConsult(cb)).isFalse();

        backend.connector().hold(cb, new OperatorId("anna"), true);
        awaitActions("Redirect", 1);
        assertThat(ami.actions("Setvar")).extracting(a -> a.get("channel") + " " + a.get("variable") + "=" + a.get("value"))
                .containsExactly(operator + " FRONTLINE_HELD=1");
        assertThat(ami.actions("Redirect").get(0)).containsEntry("channel", customer)
                .containsEntry("context", "frontline-callback-held").containsEntry("exten", "s")
                .containsEntry("priority", "1");

        backend.connector().hold(cb, new OperatorId("anna"), false);
        awaitActions("Redirect", 2);
        assertThat(ami.actions("Setvar").get(1)).containsEntry("channel", operator)
                .containsEntry("variable", "FRONTLINE_HELD").containsEntry("value", "0");
        assertThat(ami.actions("Redirect").get(1)).containsEntry("channel", customer)
                .containsEntry("context", "frontline-callback-resume");

        // what the real Asterisk 22 sent at the hold: the operator leg's h, without a channel; that leg goes on
        ami.emit(FakeAsteriskAmi.event("UserEvent", "Privilege", "user,all", "UserEvent", "FrontlineCallback",
                "Attempt", cb.value(), "Status", "ENDED", "Leg", "operator"));
        ami.emit(FakeAsteriskAmi.event("UserEvent", "UserEvent", "FrontlineCallback", "Attempt", "cb-other-1",
                "Status", "ENDED")); // a marker: events are handled in order
        pbx.await("callbackEnded cb-other-1", T);
        assertThat(pbx.seen).doesNotContain("callbackEnded cb-9-1");
        assertThat(backend.connector().canHold(cb)).isTrue();

        // the customer hangs up while held: its h reports the end, and Frontline hangs up the waiting operator leg
        ami.emit(FakeAsteriskAmi.event("UserEvent", "Privilege", "user,all", "Channel", customer,
                "Context", "frontline-callback-held", "Exten", "h", "Priority", "1", "Uniqueid", "1700000050.12",
                "UserEvent", "FrontlineCallback", "Attempt", cb.value(), "Status", "ENDED", "Leg", "held"));
        pbx.await("callbackEnded cb-9-1", T);
        awaitActions("Hangup", 1);
        assertThat(ami.actions("Hangup").get(0)).containsEntry("channel", operator);
        assertThat(backend.connector().canHold(cb)).isFalse();
    }

    /** The operator of a held callback hangs up (AMI Hangup event of their leg): the customer's leg is hung up too. */
    @Test
    void theOperatorHangingUpOnAHeldCallbackHangsUpTheCustomer() throws Exception {
        awaitStateReads(1);
        CallId cb = new CallId("cb-11-1");
        String customer = "PJSIP/trunk-00000008";
        String operator = "PJSIP/op100-00000007";
        callbackAnswered(cb.value(), customer, operator);
        pbx.await("callbackAnswered cb-11-1", T);
        backend.connector().hold(cb, new OperatorId("anna"), true);
        awaitActions("Redirect", 1);
        ami.emit(FakeAsteriskAmi.event("Hangup", "Privilege", "call,all", "Channel", operator, "ChannelState", "6",
                "ChannelStateDesc", "Up", "Context", "frontline-callbacks-dial", "Exten", "+37060000001",
                "Priority", "5", "Uniqueid", "1700000060.7", "Linkedid", "1700000060.7", "Cause", "16",
                "Cause-txt", "Normal Clearing"));
        awaitActions("Hangup", 1);
        assertThat(ami.actions("Hangup").get(0)).containsEntry("channel", customer);
    }

    /** A dialplan from before callbacks could be held names no legs in its ANSWER: the hold stays refused. */
    @Test
    void aCallbackAnsweredByAnOlderDialplanCannotBeHeld() throws Exception {
        awaitStateReads(1);
        ami.emit(FakeAsteriskAmi.event("UserEvent", "UserEvent", "FrontlineCallback", "Attempt", "cb-10-1",
                "Status", "ANSWER"));
        pbx.await("callbackAnswered cb-10-1", T);
        assertThat(backend.connector().canHold(new CallId("cb-10-1"))).isFalse();
    }

    @Test
    void aCallbackTheOperatorDoesNotAnswerIsReported() throws Exception {
        awaitStateReads(1);
        ami.onOriginate(a -> FakeAsteriskAmi.OriginateResult.noAnswer());
        backend.connector().originateCallback("cb-8-1", new OperatorId("ben"), "PJSIP/op101", "+37060000002", "+3705");
        pbx.await("callbackFailed cb-8-1 OPERATOR_NO_ANSWER", T);

        backend.connector().originateCallback("cb-8-2", new OperatorId("ben"), "PJSIP/op101", "0;Hangup", "+3705");
        pbx.await("callbackFailed cb-8-2 FAILED", T);
        assertThat(ami.actions("Originate")).hasSize(1);
    }

    @Test
    void bridgeEnterReportsTheAnswerAndHangupTheTalkTime() throws Exception {
        awaitStateReads(1);
        CallId call = new CallId("1700000001.1");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000011")) {
            dialledToAnna(agi, call);
            ami.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", "b-1", "Channel", "PJSIP/trunk-1",
                    "Uniqueid", call.value(), "Linkedid", call.value()));
            acd.await("operatorAnswered " + call, T);
            clock.advance(Duration.ofSeconds(95));
            ami.emit(FakeAsteriskAmi.event("Hangup", "Channel", "PJSIP/trunk-1", "Uniqueid", call.value(),
                    "Cause", "16", "Cause-txt", "Normal Clearing"));
            pbx.await("talkTime " + call + " anna 95s", T);
            agi.reply("0");
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
        }
        acd.await("callEnded " + call, T);
        assertThat(acd.commands).containsExactly("operatorAnswered " + call, "callEnded " + call);
    }

    @Test
    void keepsTryingWithBackOffWhileThePbxIsDownAtStartAndLogsInWhenItComesUp() throws Exception {
        awaitStateReads(1);
        backend.stop();
        Thread down = new Thread(() -> {
            try {
                ami.restart(Duration.ofMillis(1500));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        down.start();
        Thread.sleep(200);
        backend = AsteriskBackend.start(config, new ScriptedCallHandler(s -> Turn.hangUp(s.callId()),
                (id, in) -> Turn.hangUp(id)), acd, new StaticOperators(List.of()), pbx, clock);
        Thread.sleep(500);
        assertThat(backend.amiConnected()).isFalse();
        down.join();

        awaitStateReads(1);
        assertThat(backend.amiConnected()).isTrue();
        assertThat(ami.logins()).isEqualTo(2);
    }

    @Test
    void aWrongSecretIsRetriedWithBackOffNotHammered() throws Exception {
        awaitStateReads(1);
        backend.stop();
        int challengesBefore = ami.actions("Challenge").size();
        AsteriskConfig wrong = config.withAmi(new AsteriskConfig.Ami(true, "127.0.0.1", ami.port(), "frontline",
                "not-the-secret", "frontline-callbacks", Duration.ofMillis(100), Duration.ofMillis(400)));
        backend = AsteriskBackend.start(wrong, new ScriptedCallHandler(s -> Turn.hangUp(s.callId()),
                (id, in) -> Turn.hangUp(id)), acd, new StaticOperators(List.of()), pbx, clock);
        Thread.sleep(1500);

        int tries = ami.actions("Challenge").size() - challengesBefore;
        assertThat(backend.amiConnected()).isFalse();
        assertThat(tries).isBetween(2, 8); // 100 + 200 + 400 + 400 ms: about five, not hundreds
        assertThat(ami.logins()).isEqualTo(1);
    }

    @Test
    void reconnectsAfterAPbxRestartAndTrustsTheReReadStateNotMissedEvents() throws Exception {
        awaitStateReads(1);
        pbx.await("phoneRegistered ben false", T);
        CallId call = new CallId("1700000002.1");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000012")) {
            dialledToAnna(agi, call);

            // the PBX restarts; meanwhile the operator answers and ben's phone registers: no client hears it
            Thread restart = new Thread(() -> {
                try {
                    ami.restart(Duration.ofMillis(300));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            restart.start();
            Thread.sleep(100);
            ami.putChannel("PJSIP/trunk-2", call.value(), "bridge-7");
            ami.setDeviceState("PJSIP/op101", "NOT_INUSE");
            restart.join();

            awaitStateReads(2);
            acd.await("operatorAnswered " + call, T);
            pbx.await("phoneRegistered ben true", T);
            assertThat(ami.logins()).isEqualTo(2);

            agi.reply("0");
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
        }
        acd.await("callEnded " + call, T);
        assertThat(acd.commands).containsExactly("operatorAnswered " + call, "callEnded " + call);
        assertThat(backend.amiConnected()).isTrue();
    }

    /** Issue 18, defect 7: the conversation ends with the bridge; the rating after it is not talk time. */
    @Test
    void talkTimeEndsWhenTheBridgeEndsNotWhenTheCallerHangsUpAfterTheRating() throws Exception {
        awaitStateReads(1);
        CallId call = new CallId("1700000001.7");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000017")) {
            dialledToAnna(agi, call);
            ami.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", "b-7", "Channel", "PJSIP/trunk-7",
                    "Uniqueid", call.value(), "Linkedid", call.value()));
            acd.await("operatorAnswered " + call, T);
            clock.advance(Duration.ofSeconds(80));
            ami.emit(FakeAsteriskAmi.event("BridgeLeave", "BridgeUniqueid", "b-7", "Channel", "PJSIP/trunk-7",
                    "Uniqueid", call.value(), "Linkedid", call.value()));
            pbx.await("talkTime " + call + " anna 80s", T);
            clock.advance(Duration.ofSeconds(20)); // the rating prompt and the caller's key
            ami.emit(FakeAsteriskAmi.event("Hangup", "Channel", "PJSIP/trunk-7", "Uniqueid", call.value(),
                    "Cause", "16", "Cause-txt", "Normal Clearing"));
            Thread.sleep(200);
            agi.reply("0");
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
        }
        assertThat(pbx.seen).filteredOn(e -> e.startsWith("talkTime")).containsExactly("talkTime " + call + " anna 80s");
    }

    /**
     * Issue 18, defect 5: after {@code core restart now} the AMI answers before DeviceStateList's module is loaded;
     * the state is read again until it succeeds.
     */
    @Test
    void afterAPbxRestartTheStateIsReadAgainOnceThePbxHasLoadedItsModules() throws Exception {
        awaitStateReads(1);
        int before = ami.actions("DeviceStateList").size();
        ami.stillLoading(2);
        ami.restart(Duration.ofMillis(200));
        awaitStateReads(2);
        assertThat(ami.actions("DeviceStateList").size() - before).isGreaterThanOrEqualTo(3);
    }

    /** Issue 18, defect 9: a channel the PBX hangs up because it restarts is a lost line, not a caller's hang-up. */
    @Test
    void aHangUpThePbxCausesByRestartingIsALostLine() throws Exception {
        awaitStateReads(1);
        CallId call = new CallId("1700000001.9");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000019")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("STREAM FILE", "0 endpos=1");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            // what Asterisk 22 sent on `core restart now`: SoftHangupRequest with cause 4 (AST_SOFTHANGUP_SHUTDOWN)
            ami.emit(FakeAsteriskAmi.event("SoftHangupRequest", "Channel", "PJSIP/trunk-9", "Uniqueid", call.value(),
                    "Linkedid", call.value(), "Cause", "4"));
            Thread.sleep(100);
            agi.hangUpDuring();
            agi.finish();
        }
        assertThat(handler.nextInput(T)).isEqualTo(new dev.frontline.core.call.CallerInput.HungUp(true));
    }

    /** A caller's own hang-up (a HangupRequest from the far end) stays a hang-up. */
    @Test
    void aCallersHangUpIsNotALostLine() throws Exception {
        awaitStateReads(1);
        CallId call = new CallId("1700000001.10");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000020")) {
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("STREAM FILE", "0 endpos=1");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            ami.emit(FakeAsteriskAmi.event("HangupRequest", "Channel", "PJSIP/trunk-10", "Uniqueid", call.value(),
                    "Linkedid", call.value(), "Cause", "16"));
            Thread.sleep(100);
            agi.hangUpDuring();
            agi.finish();
        }
        assertThat(handler.nextInput(T)).isEqualTo(new dev.frontline.core.call.CallerInput.HungUp(false));
    }

    /** Issue 21: a transfer ends the operator's leg by AMI Hangup; the caller waits again, no conversation end. */
    @Test
    void aTransferHangsUpTheOperatorsLegAndTheCallerWaitsForTheNextOperator() throws Exception {
        awaitStateReads(1);
        CallId call = new CallId("1700000021.1");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000021")) {
            dialledToAnna(agi, call);
            ami.emit(FakeAsteriskAmi.event("DialBegin", "Channel", "PJSIP/trunk-21", "Uniqueid", call.value(),
                    "DestChannel", "PJSIP/op100-00000007", "DestUniqueid", "1700000021.2", "DialString", "op100"));
            ami.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", "b-21", "Channel", "PJSIP/trunk-21",
                    "Uniqueid", call.value(), "Linkedid", call.value()));
            acd.await("operatorAnswered " + call, T);
            backend.connector().release(call, new OperatorId("anna")); // the ACD's CallTransferred
            long end = System.nanoTime() + T.toNanos();
            while (ami.actions("Hangup").isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(ami.actions("Hangup")).singleElement()
                    .satisfies(a -> assertThat(a.get("channel")).isEqualTo("PJSIP/op100-00000007"));
            agi.reply("0"); // Dial returns: the callee hung up ('g' keeps the caller)
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.expectAndReply("SET MUSIC ON", "0"); // waiting again, no rating
            agi.expect("WAIT FOR DIGIT");
            agi.hangUpDuring();
            agi.finish();
        }
        assertThat(acd.commands).doesNotContain("callEnded " + call);
    }

    /**
     * Issue 21, warm transfer, as the real Asterisk 22 did it: the held operator leg waits in frontline-held, the
     * colleague's phone is originated into frontline-consult with the uniqueid {@code <call>-consult-1} and the held
     * leg as FRONTLINE_PEER; completing hangs up the first leg and the caller's script bridges to the colleague's leg
     * by that uniqueid; the conversation then ends with the colleague.
     */
    @Test
    void aConsultationRingsTheColleagueIntoFrontlineConsultAndCompletingBridgesTheCallerToTheirLeg() throws Exception {
        awaitStateReads(1);
        CallId call = new CallId("1700000031.1");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000031")) {
            dialledToAnna(agi, call);
            ami.emit(FakeAsteriskAmi.event("DialBegin", "Channel", "PJSIP/trunk-31", "Uniqueid", call.value(),
                    "DestChannel", "PJSIP/op100-00000011", "DestUniqueid", "1700000031.2", "DialString", "op100"));
            ami.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", "b-31", "Channel", "PJSIP/trunk-31",
                    "Uniqueid", call.value(), "Linkedid", call.value()));
            acd.await("operatorAnswered " + call, T);
            assertThat(backend.connector().canConsult(call)).isTrue();

            backend.connector().hold(call, new OperatorId("anna"), true); // the ACD's CallHeld comes first
            awaitActions("Redirect", 1);
            agi.reply("0"); // the Redirect took the operator's leg out of the Dial
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            backend.connector().consult(call, new OperatorId("anna"), new OperatorId("boris"), "PJSIP/op102",
                    dev.frontline.core.call.CallConnector.ConsultStep.EXPECT); // as the screen-pop stage does
            backend.connector().consult(call, new OperatorId("anna"), new OperatorId("boris"), "PJSIP/op102",
                    dev.frontline.core.call.CallConnector.ConsultStep.RING);
            acd.await("consultAnswered " + call + " by boris", T);
            assertThat(ami.actions("Originate")).singleElement().satisfies(o -> {
                assertThat(o.get("channel")).isEqualTo("PJSIP/op102");
                assertThat(o.get("context")).isEqualTo("frontline-consult");
                assertThat(o.get("exten")).isEqualTo("s");
                assertThat(o.get("channelid")).isEqualTo(call.value() + "-consult-1");
                // Bridge() finds a channel by a uniqueid PREFIX: a Local channel's far side (uniqueid "<leg>;2" by
                // default) matched too, and the caller was bridged to the colleague's handset side (no audio)
                assertThat(o.get("otherchannelid")).isEqualTo("far-" + call.value() + "-consult-1")
                        .doesNotStartWith(call.value() + "-consult-1");
                assertThat(o.get("variable")).contains("FRONTLINE_PEER=PJSIP/op100-00000011");
            });

            backend.connector().consult(call, new OperatorId("anna"), new OperatorId("boris"), null,
                    dev.frontline.core.call.CallConnector.ConsultStep.COMPLETE);
            awaitActions("Hangup", 1);
            assertThat(ami.actions("Hangup")).singleElement()
                    .satisfies(a -> assertThat(a.get("channel")).isEqualTo("PJSIP/op100-00000011"));
            agi.reply("0");
            agi.expectAndReply("SET MUSIC OFF", "0");
            assertThat(agi.expect("EXEC \"Bridge\"")).contains(call.value() + "-consult-1");
            agi.reply("0"); // the caller talked with boris; the bridge ended
            agi.expectAndReply("GET VARIABLE", "1 (SUCCESS)");
            agi.expectAndReply("HANGUP", "1"); // the scripted flow ends the call after the conversation
            agi.finish();
        }
        acd.await("callEnded " + call, T);
        assertThat(acd.commands).doesNotContain("consultantLeft " + call + " by anna");
    }

    /** Issue 21: the colleague's phone does not answer (OriginateResponse Failure, reason 3): the ACD hears why. */
    @Test
    void aConsultationTheColleagueDoesNotAnswerIsReportedWithTheReason() throws Exception {
        awaitStateReads(1);
        ami.onOriginate(a -> FakeAsteriskAmi.OriginateResult.noAnswer());
        AsteriskCallConnector.Originator originator = backend.ami();
        originator.originateConsult(new CallId("1700000032.1"), new OperatorId("boris"), "PJSIP/op102",
                "1700000032.1-consult-1", "PJSIP/op100-00000012");
        acd.await("consultFailed 1700000032.1 at boris (ring no answer)", T);
    }

    /** Issue 21: barge-in is an Originate of the supervisor's phone into ChanSpy on the operator's leg. */
    @Test
    void bargeInOriginatesChanSpyOnTheOperatorsLeg() throws Exception {
        awaitStateReads(1);
        CallId call = new CallId("1700000021.5");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000025")) {
            dialledToAnna(agi, call);
            ami.emit(FakeAsteriskAmi.event("DialBegin", "Channel", "PJSIP/trunk-25", "Uniqueid", call.value(),
                    "DestChannel", "PJSIP/op100-00000009", "DestUniqueid", "1700000021.6"));
            ami.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", "b-25", "Channel", "PJSIP/trunk-25",
                    "Uniqueid", call.value(), "Linkedid", call.value()));
            acd.await("operatorAnswered " + call, T);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> backend.connector().spy(
                    call, new OperatorId("ben"), "PJSIP/op190", dev.frontline.core.common.SpyMode.LISTEN));
            backend.connector().spy(call, new OperatorId("anna"), "PJSIP/op190", dev.frontline.core.common.SpyMode.BARGE);
            long end = System.nanoTime() + T.toNanos();
            while (ami.actions("Originate").isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(ami.actions("Originate")).singleElement().satisfies(a -> {
                assertThat(a.get("channel")).isEqualTo("PJSIP/op190");
                assertThat(a.get("application")).isEqualTo("ChanSpy");
                assertThat(a.get("data")).isEqualTo("PJSIP/op100-00000009,qBdE");
                assertThat(a.get("channelid")).isEqualTo(call.value() + "-spy-1");
            });
            agi.hangUpDuring();
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.finish();
        }
    }

    /**
     * Issue 21: a supervisor listening in switches to whisper without their phone ringing again (ChanSpy's d option:
     * DTMF 5 queued on the spy channel as received, AMI PlayDTMF), and Stop hangs the spy channel up (AMI Hangup of
     * its uniqueid); listening again, the supervisor hangs up their phone: the desk is told (call, phone).
     */
    @Test
    void aListeningInSwitchesModeByDtmfStopHangsUpTheSpyChannelAndTheSupervisorsHangUpIsReported() throws Exception {
        awaitStateReads(1);
        List<String> left = new java.util.concurrent.CopyOnWriteArrayList<>();
        backend.onSupervisorLeft((c, endpoint) -> left.add(c.value() + " " + endpoint));
        CallId call = new CallId("1700000021.7");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000027")) {
            dialledToAnna(agi, call);
            ami.emit(FakeAsteriskAmi.event("DialBegin", "Channel", "PJSIP/trunk-27", "Uniqueid", call.value(),
                    "DestChannel", "PJSIP/op100-00000027", "DestUniqueid", "1700000021.8"));
            ami.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", "b-27", "Channel", "PJSIP/trunk-27",
                    "Uniqueid", call.value(), "Linkedid", call.value()));
            acd.await("operatorAnswered " + call, T);

            backend.connector().spy(call, new OperatorId("anna"), "PJSIP/op190", dev.frontline.core.common.SpyMode.LISTEN);
            awaitActions("Originate", 1);
            String spyLeg = call.value() + "-spy-1";
            assertThat(ami.actions("Originate")).singleElement().satisfies(a -> {
                assertThat(a.get("application")).isEqualTo("ChanSpy");
                assertThat(a.get("data")).isEqualTo("PJSIP/op100-00000027,qdE");
                assertThat(a.get("channelid")).isEqualTo(spyLeg);
            });
            backend.connector().spy(call, new OperatorId("anna"), "PJSIP/op190", dev.frontline.core.common.SpyMode.WHISPER);
            awaitActions("PlayDTMF", 1);
            assertThat(ami.actions("PlayDTMF")).singleElement().satisfies(a -> {
                assertThat(a.get("channel")).isEqualTo(spyLeg);
                assertThat(a.get("digit")).isEqualTo("5");
                assertThat(a.get("receive")).isEqualTo("true");
            });
            backend.connector().spy(call, new OperatorId("anna"), "PJSIP/op190", dev.frontline.core.common.SpyMode.BARGE);
            awaitActions("PlayDTMF", 2);
            assertThat(ami.actions("PlayDTMF").get(1).get("digit")).isEqualTo("6");
            assertThat(ami.actions("Originate")).hasSize(1); // the phone did not ring again

            backend.connector().stopSpy(call, new OperatorId("anna"), "PJSIP/op190");
            awaitActions("Hangup", 1);
            assertThat(ami.actions("PlayDTMF")).hasSize(2);
            assertThat(ami.actions("Hangup")).singleElement().satisfies(a -> assertThat(a.get("channel")).isEqualTo(spyLeg));
            ami.emit(FakeAsteriskAmi.event("Hangup", "Channel", "PJSIP/op190-00000001", "Uniqueid", spyLeg,
                    "Cause", "16", "Cause-txt", "Normal Clearing"));

            backend.connector().spy(call, new OperatorId("anna"), "PJSIP/op190", dev.frontline.core.common.SpyMode.LISTEN);
            awaitActions("Originate", 2);
            String second = ami.actions("Originate").get(1).get("channelid");
            assertThat(second).isEqualTo(call.value() + "-spy-2");
            ami.emit(FakeAsteriskAmi.event("Hangup", "Channel", "PJSIP/op190-00000002", "Uniqueid", second,
                    "Cause", "16", "Cause-txt", "Normal Clearing")); // the supervisor puts the handset down
            long end = System.nanoTime() + T.toNanos();
            while (left.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(left).containsExactly(call.value() + " PJSIP/op190"); // not for the one Frontline stopped
            agi.hangUpDuring();
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.finish();
        }
    }

    /**
     * ADR 0152: an answered callback's customer leg runs the "callback" script (the dialplan's G() after the
     * callback's Dial): it reads the attempt, operator and operator leg the Dial passed down, bridges the customer with
     * that leg, and is then a live call: the ACD's transfer (release) hangs the operator's leg up and the customer
     * waits with music until the next operator's phone is dialled; that conversation's end ends the call and the
     * line (no rating). AMI's ENDED for the attempt meanwhile is not taken for the end.
     */
    @Test
    void anAnsweredCallbacksCustomerInTheScriptIsBridgedTransferredAndEndsWithTheNextOperator() throws Exception {
        awaitStateReads(1);
        CallId call = new CallId("cb-9-1");
        assertThat(backend.connector().canTransfer(call)).isFalse(); // not in the script (yet): an older dialplan's
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "callback", "1700000041.3", "+37060000041")) {
            assertThat(agi.expectAndReply("GET VARIABLE", "1 (cb-9-1)")).contains("FRONTLINE_ATTEMPT");
            assertThat(agi.expectAndReply("GET VARIABLE", "1 (anna)")).contains("FRONTLINE_OPERATOR");
            assertThat(agi.expectAndReply("GET VARIABLE", "1 (PJSIP/op100-00000041)")).contains("FRONTLINE_PEER");
            assertThat(agi.expect("EXEC \"Bridge\"")).isEqualTo("EXEC \"Bridge\" \"PJSIP/op100-00000041\"");
            assertThat(backend.connector().canTransfer(call)).isTrue();
            assertThat(backend.connector().canHold(call)).isTrue();
            assertThat(backend.connector().canConsult(call)).isTrue();
            ami.emit(FakeAsteriskAmi.event("UserEvent", "UserEvent", "FrontlineCallback", "Attempt", "cb-9-1",
                    "Status", "ENDED", "Leg", "operator")); // (as the older dialplan's h might): not the end
            ami.emit(FakeAsteriskAmi.event("UserEvent", "UserEvent", "FrontlineCallback", "Attempt", "cb-9-2",
                    "Status", "ANSWER")); // (events are handled in order: once this one is seen, so was the ENDED)
            pbx.await("callbackAnswered cb-9-2", T);
            assertThat(pbx.seen).doesNotContain("callbackEnded cb-9-1");

            backend.connector().release(call, new OperatorId("anna")); // the ACD passes the call to line 2
            awaitActions("Hangup", 1);
            assertThat(ami.actions("Hangup")).singleElement()
                    .satisfies(a -> assertThat(a.get("channel")).isEqualTo("PJSIP/op100-00000041"));
            agi.reply("0"); // the Bridge returned: the operator's leg is gone
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            backend.connector().connect(call, new OperatorId("ben"), "PJSIP/op101");
            agi.reply("0");
            agi.expectAndReply("SET MUSIC OFF", "0");
            assertThat(agi.expect("EXEC \"Dial\"")).startsWith("EXEC \"Dial\" \"PJSIP/op101,");
            ami.emit(FakeAsteriskAmi.event("DialBegin", "Channel", "PJSIP/trunk-41", "Uniqueid", "1700000041.3",
                    "DestChannel", "PJSIP/op101-00000042", "DestUniqueid", "1700000041.4", "DialString", "op101"));
            ami.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", "b-41", "Channel", "PJSIP/trunk-41",
                    "Uniqueid", "1700000041.3", "Linkedid", "1700000041.3"));
            acd.await("operatorAnswered " + call, T); // AMI's events found the line by the channel's uniqueid
            assertThat(acd.attributed).contains("operatorAnswered cb-9-1 by ben");
            agi.reply("0"); // ben and the customer talked; ben hung up
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.expectAndReply("HANGUP", "1"); // no rating: the line ends with the conversation
            agi.finish();
        }
        acd.await("callEnded " + call, T);
        assertThat(acd.commands.stream().filter(c -> c.equals("callEnded " + call))).hasSize(1);
        assertThat(backend.connector().canTransfer(call)).isFalse();
    }

    private dev.frontline.server.recording.CallRecorder recorder(java.nio.file.Path dir, dev.frontline.core.store.Database db,
                                                                List<String> alerts, CallId call) {
        var r = new dev.frontline.server.recording.CallRecorder(new dev.frontline.core.recording.RecordingSettings(true,
                Set.of(Tier.LINE1), Set.of(Intent.TECHNICAL), dir.resolve("rec"), Duration.ofDays(30)),
                new dev.frontline.core.store.JdbcRecordings(db), clock);
        r.alertSupervisors(alerts::add);
        r.accept(new dev.frontline.core.acd.AcdEvent.CallQueued(call, new dev.frontline.core.acd.QueuedCall(call,
                Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, Optional.empty(), "+37060000031",
                dev.frontline.core.common.Backend.ASTERISK, clock.instant()), clock.instant()));
        backend.recorder(r);
        return r;
    }

    /** The caller in the queue is offered to anna: the script's lines up to its (unrecorded) Dial of her phone. */
    private void dialledToAnna(FakeAsteriskAgi agi, CallId call) throws Exception {
        agi.expectAndReply("ANSWER", "0");
        agi.expectAndReply("STREAM FILE", "0 endpos=1");
        agi.expectAndReply("SET MUSIC ON", "0");
        agi.expect("WAIT FOR DIGIT");
        backend.connector().connect(call, new OperatorId("anna"), "PJSIP/op100");
        agi.reply("0");
        agi.expectAndReply("SET MUSIC OFF", "0");
        agi.expect("EXEC \"Dial\"");
    }

    /** The caller is connected to anna; MixMonitor (when recorded) is answered {@code mixMonitorResult}. */
    private String answeredBy(FakeAsteriskAgi agi, CallId call, String channel, String mixMonitorResult) throws Exception {
        agi.expectAndReply("ANSWER", "0");
        agi.expectAndReply("STREAM FILE", "0 endpos=1");
        agi.expectAndReply("SET MUSIC ON", "0");
        agi.expect("WAIT FOR DIGIT");
        backend.connector().connect(call, new OperatorId("anna"), "PJSIP/op100");
        agi.reply("0");
        agi.expectAndReply("SET MUSIC OFF", "0");
        String mix = agi.expectAndReply("EXEC \"MixMonitor\"", mixMonitorResult);
        agi.expect("EXEC \"Dial\"");
        ami.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", "b-31", "Channel", channel,
                "Uniqueid", call.value(), "Linkedid", call.value()));
        acd.await("operatorAnswered " + call, T);
        return mix;
    }

    private void awaitActions(String name, int n) throws InterruptedException {
        long end = System.nanoTime() + T.toNanos();
        while (ami.actions(name).size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    @Test
    void aRecordedCallGetsMixMonitorOnTheCallersChannelBeforeTheDialAndItsRowWhenTheOperatorAnswers(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        awaitStateReads(1);
        CallId call = new CallId("1700000031.7");
        String channel = "PJSIP/trunk-17000000317";
        List<String> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var db = dev.frontline.core.store.Database.sqlite(dir.resolve("f.db"));
             FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000031")) {
            recorder(dir, db, alerts, call);
            String mix = answeredBy(agi, call, channel, "0");
            // AGI's EXEC, not AMI's MixMonitor (Permission denied for the shipped manager user on Asterisk 22)
            assertThat(mix).startsWith("EXEC \"MixMonitor\" \"" + dir.resolve("rec").toAbsolutePath() + "/1700000031.7-anna-")
                    .endsWith(".wav,b\"");
            assertThat(ami.actions("MixMonitor")).isEmpty();
            var store = new dev.frontline.core.store.JdbcRecordings(db);
            long end = System.nanoTime() + T.toNanos();
            while (store.forCall(call).isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            java.nio.file.Path file = java.nio.file.Path.of(mix.substring(mix.lastIndexOf(" \"") + 2, mix.length() - 3));
            java.nio.file.Files.write(file, new byte[800]); // what the PBX wrote
            clock.advance(Duration.ofSeconds(40));
            ami.emit(FakeAsteriskAmi.event("Hangup", "Channel", channel, "Uniqueid", call.value(),
                    "Cause", "16", "Cause-txt", "Normal Clearing"));
            end = System.nanoTime() + T.toNanos();
            while (store.forCall(call).get(0).endedAt().isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(store.forCall(call)).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo(file.toString());
                assertThat(r.backend()).isEqualTo("asterisk");
                assertThat(r.sizeBytes()).contains(800L);
                assertThat(Duration.between(r.startedAt(), r.endedAt().orElseThrow())).isEqualTo(Duration.ofSeconds(40));
            });
            assertThat(alerts).isEmpty();
            agi.reply("0");
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
        }
    }

    /**
     * Issue 21 on a recorded line, as the real Asterisk 22.10.1 showed it: after a completed consultation the
     * colleague's MixMonitor runs without {@code b} (with it the real PBX wrote a 44-byte file in the Bridge() that
     * follows) and is stopped when that Bridge() returns; the AMI MixMonitorStop of the first operator's recording,
     * which comes after the colleague's row started, does not end that row (it did, at once).
     */
    @Test
    void aCompletedConsultationRecordsTheColleagueUntilTheBridgeEndsAndALateMixMonitorStopLeavesHisRowOpen(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        awaitStateReads(1);
        CallId call = new CallId("1700000033.1");
        String channel = "PJSIP/trunk-33";
        List<String> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var db = dev.frontline.core.store.Database.sqlite(dir.resolve("f.db"));
             FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000033")) {
            recorder(dir, db, alerts, call);
            agi.expectAndReply("ANSWER", "0");
            agi.expectAndReply("STREAM FILE", "0 endpos=1");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            backend.connector().connect(call, new OperatorId("anna"), "PJSIP/op100");
            agi.reply("0");
            agi.expectAndReply("SET MUSIC OFF", "0");
            assertThat(agi.expectAndReply("EXEC \"MixMonitor\"", "0")).endsWith(".wav,b\"");
            agi.expect("EXEC \"Dial\"");
            ami.emit(FakeAsteriskAmi.event("DialBegin", "Channel", channel, "Uniqueid", call.value(),
                    "DestChannel", "PJSIP/op100-00000033", "DestUniqueid", "1700000033.2", "DialString", "op100"));
            ami.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", "b-33", "Channel", channel,
                    "Uniqueid", call.value(), "Linkedid", call.value()));
            acd.await("operatorAnswered " + call, T);
            backend.connector().hold(call, new OperatorId("anna"), true);
            awaitActions("Redirect", 1);
            agi.reply("0");
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.expectAndReply("SET MUSIC ON", "0");
            agi.expect("WAIT FOR DIGIT");
            backend.connector().consult(call, new OperatorId("anna"), new OperatorId("boris"), "PJSIP/op102",
                    dev.frontline.core.call.CallConnector.ConsultStep.EXPECT);
            backend.connector().consult(call, new OperatorId("anna"), new OperatorId("boris"), "PJSIP/op102",
                    dev.frontline.core.call.CallConnector.ConsultStep.RING);
            acd.await("consultAnswered " + call + " by boris", T);
            backend.connector().consult(call, new OperatorId("anna"), new OperatorId("boris"), null,
                    dev.frontline.core.call.CallConnector.ConsultStep.COMPLETE);
            agi.reply("0");
            agi.expectAndReply("SET MUSIC OFF", "0");
            agi.expectAndReply("EXEC \"StopMixMonitor\"", "0");
            String mix = agi.expectAndReply("EXEC \"MixMonitor\"", "0");
            assertThat(mix).contains("/1700000033.1-boris-").endsWith(".wav\"");
            java.nio.file.Path file = java.nio.file.Path.of(mix.substring(mix.lastIndexOf(" \"") + 2, mix.length() - 1));
            assertThat(agi.expect("EXEC \"Bridge\"")).contains(call.value() + "-consult-1");
            var store = new dev.frontline.core.store.JdbcRecordings(db);
            // the first operator's StopMixMonitor, reported by AMI after the colleague's row started
            ami.emit(FakeAsteriskAmi.event("MixMonitorStop", "Channel", channel, "Uniqueid", call.value()));
            Thread.sleep(300); // (AMI events are handled on other threads: give a wrong end the time to show)
            assertThat(store.forCall(call)).extracting(r -> r.operator().value() + " " + r.endedAt().isPresent())
                    .containsExactly("anna true", "boris false");
            java.nio.file.Files.write(file, new byte[900]); // what the PBX wrote while the caller talked with boris
            clock.advance(Duration.ofSeconds(30));
            agi.reply("0"); // boris hung up: the Bridge() returns, the caller is still on the line
            agi.expectAndReply("EXEC \"StopMixMonitor\"", "0");
            agi.expectAndReply("GET VARIABLE", "1 (SUCCESS)");
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
            assertThat(store.forCall(call).get(1)).satisfies(r -> {
                assertThat(r.sizeBytes()).contains(900L);
                assertThat(Duration.between(r.startedAt(), r.endedAt().orElseThrow())).isEqualTo(Duration.ofSeconds(30));
            });
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void aMixMonitorThePbxRefusesLeavesTheCallConnectedAndAlertsSupervisors(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        awaitStateReads(1);
        CallId call = new CallId("1700000032.7");
        String channel = "PJSIP/trunk-17000000327";
        List<String> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var db = dev.frontline.core.store.Database.sqlite(dir.resolve("f.db"));
             FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), "+37060000032")) {
            recorder(dir, db, alerts, call);
            answeredBy(agi, call, channel, "-1");
            long end = System.nanoTime() + T.toNanos();
            while (alerts.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(alerts).singleElement().satisfies(a -> assertThat(a).contains("1700000032.7")
                    .contains("MixMonitor answered -1"));
            assertThat(new dev.frontline.core.store.JdbcRecordings(db).forCall(call)).isEmpty();
            agi.reply("0"); // the conversation goes on and ends normally
            agi.expectAndReply("GET VARIABLE", "1 (ANSWER)");
            agi.expectAndReply("HANGUP", "1");
            agi.finish();
        }
        acd.await("callEnded " + call, T);
    }
}
