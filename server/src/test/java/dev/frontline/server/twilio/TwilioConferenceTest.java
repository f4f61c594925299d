package dev.frontline.server.twilio;

import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.AcdService;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.call.IvrService;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.SpyMode;
import dev.frontline.core.common.Tier;
import dev.frontline.core.flow.Flow;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.recording.RecordingSettings;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.JdbcRecordings;
import dev.frontline.server.recording.CallRecorder;
import dev.frontline.server.twilio.peer.LoopbackConferences;
import dev.frontline.server.twilio.peer.LoopbackConferences.Participant;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi.Captured;
import dev.frontline.server.twilio.peer.TwilioWebhookCaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static dev.frontline.server.twilio.TwilioWebhooksTest.await;
import static dev.frontline.server.twilio.TwilioWebhooksTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Call control on Twilio through the caller's conference (ADR 0128), end to end: the real support flow, IvrService
 * and AcdService on one SQLite file, the server's webhooks, and the loopback Twilio that keeps conferences,
 * participants and recordings and sends their callbacks the way Twilio documents them. One test per control and per
 * failure path.
 */
class TwilioConferenceTest {
    static final String CALL = "CA0000000000000000000000000000c0fe";
    static final String JONAS = TwilioSupportCallTest.JONAS;
    static final String DID = "+37052000000";
    static final String ANNA_PHONE = "+37060000001";
    static final String BORIS_PHONE = "sip:boris@desk.example.com";
    static final String SUE_PHONE = "client:sue";
    static final OperatorId ANNA = new OperatorId("anna");
    static final OperatorId BORIS = new OperatorId("boris");
    static final OperatorId CAROL = new OperatorId("carol");
    static Map<String, Flow> flows;

    @TempDir
    Path dir;
    final Clock clock = Clock.fixed(TwilioSupportCallTest.MONDAY_10_LOCAL, ZoneOffset.UTC);
    Database db;
    LoopbackTwilioApi api;
    LoopbackConferences twilioConferences;
    AcdService acd;
    TwilioHarness twilio;
    CallRecorder recorder;
    final AtomicReference<CallConnector> connector = new AtomicReference<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<OperatorState> annaStates = new CopyOnWriteArrayList<>();
    final List<OperatorState> borisStates = new CopyOnWriteArrayList<>();
    final List<String> alerts = new CopyOnWriteArrayList<>();
    Map<OperatorId, Operator> desk;

    @BeforeAll
    static void loadFlows() {
        flows = IvrService.loadFlows(Path.of("../ivr-flows"));
    }

    @BeforeEach
    void start() throws Exception {
        db = Database.sqlite(dir.resolve("frontline.db"));
        api = new LoopbackTwilioApi();
        twilioConferences = api.conferences();
        TwilioSupportCallTest.insertJonas(db, clock);
        desk = Map.of(
                ANNA, new Operator(ANNA, "Anna", Operator.Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.values()),
                        Set.of(Language.LT, Language.EN), ANNA_PHONE, Optional.empty(), true),
                BORIS, new Operator(BORIS, "Boris", Operator.Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.values()),
                        Set.of(Language.LT, Language.EN), BORIS_PHONE, Optional.empty(), true),
                CAROL, new Operator(CAROL, "Carol", Operator.Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.values()),
                        Set.of(Language.LT, Language.EN), "PJSIP/op103", Optional.empty(), true));
        acd = new AcdService(AcdConfig.defaults(), clock, new JdbcAcdEventLog(db), id -> Optional.ofNullable(desk.get(id)),
                BusinessHours.always(), forwarding(), (dev.frontline.core.sms.SmsPort) r -> null,
                new CallbackNotices(DID)).start(false);
        recorder = recorder();
        acd.subscribe(recorder);
        subscribe();
        twilio = twilio(recorder);
    }

    void subscribe() {
        acd.subscribe(e -> events.add(e.getClass().getSimpleName()
                + (e instanceof AcdEvent.CallAnswered a ? " " + a.operator() : "")
                + (e instanceof AcdEvent.ConsultEnded x ? " " + x.outcome() : "")));
        acd.subscribe(e -> {
            if (e instanceof AcdEvent.OperatorStateChanged c && c.operator().equals(ANNA)) {
                annaStates.add(c.state());
            }
            if (e instanceof AcdEvent.OperatorStateChanged c && c.operator().equals(BORIS)) {
                borisStates.add(c.state());
            }
        });
    }

    /** Technical calls on line 1 are recorded into {@code recordings/}; alerts go to {@link #alerts}. */
    CallRecorder recorder() {
        CallRecorder r = new CallRecorder(new RecordingSettings(true, Set.of(Tier.LINE1), Set.of(Intent.TECHNICAL),
                dir.resolve("recordings"), Duration.ofDays(90)), new JdbcRecordings(db), clock);
        r.alertSupervisors(alerts::add);
        return r;
    }

    /** The Twilio backend and a fresh IvrService over the store, as {@code serve} wires them (also after a restart). */
    TwilioHarness twilio(CallRecorder recorder) {
        IvrService ivr = TwilioSupportCallTest.ivr(flows, db, clock, r -> null, acd, recorder::records);
        TwilioHarness h = new TwilioHarness(db, api, ivr, acd, dir.resolve("sounds"), Map.of(), Optional.empty());
        h.backend.recorder(recorder);
        h.backend.alertSupervisors(alerts::add);
        connector.set(h.backend.connector());
        return h;
    }

    @AfterEach
    void stop() {
        twilio.close();
        acd.close();
        api.close();
        db.close();
    }

    CallConnector forwarding() {
        return new CallConnector() {
            @Override
            public void connect(CallId callId, OperatorId operator, String endpoint) {
                connector.get().connect(callId, operator, endpoint);
            }

            @Override
            public void release(CallId callId, OperatorId operator) {
                connector.get().release(callId, operator);
            }

            @Override
            public boolean canHold(CallId callId) {
                return connector.get().canHold(callId);
            }

            @Override
            public boolean canTransfer(CallId callId) {
                return connector.get().canTransfer(callId);
            }

            @Override
            public void hold(CallId callId, OperatorId operator, boolean on) {
                connector.get().hold(callId, operator, on);
            }

            @Override
            public boolean canConsult(CallId callId) {
                return connector.get().canConsult(callId);
            }

            @Override
            public void consult(CallId callId, OperatorId from, OperatorId to, String endpoint, ConsultStep step) {
                if (step == ConsultStep.RING) { // as the server's desk events do (DeskEvents): EXPECT at once first
                    connector.get().consult(callId, from, to, endpoint, ConsultStep.EXPECT);
                }
                connector.get().consult(callId, from, to, endpoint, step);
            }

            @Override
            public void originateCallback(String attemptId, OperatorId operator, String endpoint, String number,
                                          String callerId) {
                connector.get().originateCallback(attemptId, operator, endpoint, number, callerId);
            }
        };
    }

    // --- the connect and the conversation ---

    @Test
    void theOperatorJoinsTheCallersConferenceAndHangingUpLeadsTheCallerToTheRating() {
        Participant anna = annaRinging();

        Captured join = api.requestsTo("/Calls/" + CALL + ".json").get(0);
        assertThat(join.param("Twiml")).contains("<Dial><Conference ")
                .contains("startConferenceOnEnter=\"false\"").contains("endConferenceOnExit=\"true\"")
                .contains("waitUrl=\"https://ivr.example.com/sounds/moh/hold.wav\"").contains("waitMethod=\"GET\"")
                .contains("statusCallback=\"https://ivr.example.com/twilio/conference\"")
                .contains(">fl-" + CALL + "</Conference></Dial>");
        Captured add = api.requestsTo("/Conferences/fl-" + CALL + "/Participants.json").get(0);
        assertThat(add.method()).isEqualTo("POST");
        assertThat(add.param("From")).isEqualTo(DID);
        assertThat(add.param("To")).isEqualTo(ANNA_PHONE);
        assertThat(add.param("Timeout")).isEqualTo("8");
        assertThat(add.param("StartConferenceOnEnter")).isEqualTo("true");
        assertThat(add.param("EndConferenceOnExit")).isEqualTo("false");
        assertThat(add.param("StatusCallback"))
                .isEqualTo("https://ivr.example.com/twilio/participant?call=" + CALL + "&operator=anna");
        assertThat(add.form().get("StatusCallbackEvent")).containsExactly("initiated", "ringing", "answered", "completed");
        assertThat(twilioConferences.participantStatus(anna, "initiated")).isEqualTo(204);
        assertThat(twilioConferences.participantStatus(anna, "ringing")).isEqualTo(204);

        assertThat(twilioConferences.participantStatus(anna, "in-progress")).isEqualTo(204);

        awaitTrue(() -> "TALKING".equals(state()));
        acd.sync();
        assertThat(events).contains("CallAnswered anna");
        assertThat(scalar("SELECT operator_leg FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo(anna.callSid);

        assertThat(twilioConferences.participantStatus(anna, "completed")).isEqualTo(204);

        Captured rating = await(() -> api.requestsTo("/Calls/" + CALL + ".json").size() == 2
                ? api.requestsTo("/Calls/" + CALL + ".json").get(1) : null);
        assertThat(rating.param("Twiml")).contains("/sounds/lt/rate-call.wav").contains("<Gather ")
                .doesNotContain("<Conference");
        acd.sync();
        assertThat(events).containsSubsequence("CallQueued", "CallOffered", "PhoneRinging", "CallAnswered anna", "CallEnded");
        assertThat(state()).isEqualTo("IVR");
        assertThat(annaStates).doesNotContain(OperatorState.MISSED);
    }

    @Test
    void holdPutsTheCallersParticipantOnHoldWithTheHoldMusicAndResumeTakesItBack() {
        Participant anna = annaTalking();
        String cf = twilioConferences.conferenceSid("fl-" + CALL).orElseThrow();
        assertThat(connector.get().canHold(new CallId(CALL))).isTrue();

        acd.hold(new CallId(CALL), ANNA, true);

        Captured hold = await(() -> api.requestsTo("/Conferences/" + cf + "/Participants/" + CALL + ".json").stream()
                .findFirst().orElse(null));
        assertThat(hold.param("Hold")).isEqualTo("true");
        assertThat(hold.param("HoldUrl")).isEqualTo("https://ivr.example.com/sounds/moh/hold.wav");
        assertThat(hold.param("HoldMethod")).isEqualTo("GET");
        awaitTrue(() -> caller().hold);

        acd.hold(new CallId(CALL), ANNA, false);

        awaitTrue(() -> !caller().hold);
        Captured resume = api.requestsTo("/Conferences/" + cf + "/Participants/" + CALL + ".json").get(1);
        assertThat(resume.param("Hold")).isEqualTo("false");
        assertThat(resume.param("HoldUrl")).isNull();
        acd.sync();
        assertThat(callEvents()).containsSubsequence("CallAnswered", "CallHeld", "CallResumed");
        assertThat(anna.hold).isFalse(); // the operator's own leg was never touched
    }

    @Test
    void muteMutesTheOperatorsParticipantAndOnlyTheTalkingOperatorMay() {
        Participant anna = annaTalking();
        String cf = twilioConferences.conferenceSid("fl-" + CALL).orElseThrow();

        connector.get().mute(new CallId(CALL), ANNA, true);

        awaitTrue(() -> anna.muted);
        Captured mute = api.requestsTo("/Conferences/" + cf + "/Participants/" + anna.callSid + ".json").get(0);
        assertThat(mute.param("Muted")).isEqualTo("true");
        connector.get().mute(new CallId(CALL), ANNA, false);
        awaitTrue(() -> !anna.muted);
        assertThat(caller().muted).isFalse();
        IllegalStateException notHis = assertThrows(IllegalStateException.class,
                () -> connector.get().mute(new CallId(CALL), BORIS, true));
        assertThat(notHis).hasMessageContaining("boris is not talking on call " + CALL);
    }

    @Test
    void supervisorsListenMutedAndSwitchToWhisperAndBargeByUpdatingTheSameParticipant() {
        Participant anna = annaTalking();
        String cf = twilioConferences.conferenceSid("fl-" + CALL).orElseThrow();
        String path = "/Conferences/" + cf + "/Participants.json";

        connector.get().spy(new CallId(CALL), ANNA, SUE_PHONE, SpyMode.LISTEN);
        Captured listen = await(() -> api.requestsTo(path).stream().findFirst().orElse(null));
        Participant sue = await(() -> twilioConferences.participantTo(SUE_PHONE).orElse(null));
        assertThat(listen.param("To")).isEqualTo(SUE_PHONE);
        assertThat(listen.param("From")).isEqualTo(DID);
        assertThat(listen.param("Muted")).isEqualTo("true");
        assertThat(listen.param("Coaching")).isNull();
        assertThat(listen.param("EndConferenceOnExit")).isEqualTo("false");
        assertThat(listen.param("StatusCallback"))
                .isEqualTo("https://ivr.example.com/twilio/supervisor?call=" + CALL + "&endpoint=client%3Asue");
        assertThat(listen.form().get("StatusCallbackEvent")).containsExactly("completed");
        assertThat(sue.conferenceSid).isEqualTo(cf);
        String suePath = "/Conferences/" + cf + "/Participants/" + sue.callSid + ".json";

        // a switch, not a second call (also when Twilio's answer to the create is still on its way: switched then)
        connector.get().spy(new CallId(CALL), ANNA, SUE_PHONE, SpyMode.WHISPER);

        Captured whisper = await(() -> api.requestsTo(suePath).stream().findFirst().orElse(null));
        awaitTrue(() -> sue.coaching);
        assertThat(whisper.param("Coaching")).isEqualTo("true");
        assertThat(whisper.param("CallSidToCoach")).isEqualTo(anna.callSid);
        assertThat(whisper.param("Muted")).isEqualTo("false");
        assertThat(sue.callSidToCoach).isEqualTo(anna.callSid);
        assertThat(sue.muted).isFalse();

        connector.get().spy(new CallId(CALL), ANNA, SUE_PHONE, SpyMode.BARGE);

        awaitTrue(() -> !sue.coaching);
        Captured barge = api.requestsTo(suePath).get(api.requestsTo(suePath).size() - 1);
        assertThat(barge.param("Coaching")).isEqualTo("false");
        assertThat(barge.param("Muted")).isEqualTo("false");
        connector.get().spy(new CallId(CALL), ANNA, SUE_PHONE, SpyMode.LISTEN);
        awaitTrue(() -> sue.muted);
        assertThat(api.requestsTo(path)).as("one call to the supervisor's phone, whatever the switches").hasSize(1);
        assertThat(sue.removed).isFalse();
        assertThrows(IllegalStateException.class,
                () -> connector.get().spy(new CallId(CALL), ANNA, "PJSIP/op190", SpyMode.LISTEN));
        assertThrows(IllegalStateException.class,
                () -> connector.get().spy(new CallId(CALL), BORIS, SUE_PHONE, SpyMode.LISTEN));
    }

    @Test
    void stopRemovesTheSupervisorsParticipantAndItsEndIsNotTakenForAHangUp() {
        Participant anna = annaTalking();
        List<String> left = new CopyOnWriteArrayList<>();
        twilio.backend.onSupervisorLeft((call, endpoint) -> left.add(call.value() + " " + endpoint));
        connector.get().spy(new CallId(CALL), ANNA, SUE_PHONE, SpyMode.WHISPER);
        Participant sue = await(() -> twilioConferences.participantTo(SUE_PHONE).orElse(null));
        assertThat(sue.coaching).isTrue();

        connector.get().stopSpy(new CallId(CALL), ANNA, SUE_PHONE); // (removed once Twilio's answer is read, if not yet)

        awaitTrue(() -> sue.removed);

        assertThat(api.requests()).filteredOn(r -> r.method().equals("DELETE")).extracting(Captured::path)
                .containsExactly("/2010-04-01/Accounts/" + TwilioHarness.SID + "/Conferences/" + sue.conferenceSid
                        + "/Participants/" + sue.callSid + ".json");
        assertThat(twilioConferences.participantStatus(sue, "completed")).isEqualTo(204);
        assertThat(left).isEmpty(); // the desk stopped it: nothing to tell
        assertThat(anna.removed).isFalse();
        assertThat(caller().removed).isFalse();
    }

    @Test
    void aSupervisorWhoHangsUpIsToldToTheDesksAtOnceAndTheNextListenRingsAgain() {
        annaTalking();
        List<String> left = new CopyOnWriteArrayList<>();
        twilio.backend.onSupervisorLeft((call, endpoint) -> left.add(call.value() + " " + endpoint));
        connector.get().spy(new CallId(CALL), ANNA, SUE_PHONE, SpyMode.LISTEN);
        Participant sue = await(() -> twilioConferences.participantTo(SUE_PHONE).orElse(null));

        assertThat(twilioConferences.participantStatus(sue, "in-progress")).isEqualTo(0); // not asked for
        assertThat(twilio.twilio.send("/twilio/supervisor?call=" + CALL + "&endpoint=client%3Asue",
                TwilioWebhookCaller.voiceParams(sue.callSid, DID, SUE_PHONE, "completed"), null).status())
                .isEqualTo(403); // unsigned: refused, tells nothing
        assertThat(left).isEmpty();
        assertThat(twilioConferences.participantStatus(sue, "completed")).isEqualTo(204);

        assertThat(left).containsExactly(CALL + " " + SUE_PHONE);
        assertThat(twilioConferences.participantStatus(sue, "completed")).isEqualTo(204); // a repeat: told once
        assertThat(left).hasSize(1);
        connector.get().spy(new CallId(CALL), ANNA, SUE_PHONE, SpyMode.LISTEN); // her phone is called again
        awaitTrue(() -> twilioConferences.participants().stream().filter(p -> SUE_PHONE.equals(p.to())).count() == 2);
        assertThat(twilio.twilio.post("/twilio/supervisor?call=" + CALL + "&endpoint=PJSIP%2Fop1",
                TwilioWebhookCaller.voiceParams(sue.callSid, DID, SUE_PHONE, "completed")).status()).isEqualTo(400);
    }

    @Test
    void aColdTransferRemovesTheOperatorAndTheNextOneJoinsTheSameConference() {
        Participant anna = annaTalking();
        String cf = twilioConferences.conferenceSid("fl-" + CALL).orElseThrow();
        acd.setOperatorState(BORIS, OperatorState.READY, "");

        acd.transfer(new CallId(CALL), Intent.TECHNICAL, Tier.LINE1, BORIS, "router keeps rebooting");

        Participant boris = await(() -> twilioConferences.participantTo(BORIS_PHONE).orElse(null));
        assertThat(anna.removed).isTrue();
        assertThat(api.requests()).filteredOn(r -> r.method().equals("DELETE")).extracting(Captured::path)
                .containsExactly("/2010-04-01/Accounts/" + TwilioHarness.SID + "/Conferences/" + cf + "/Participants/"
                        + anna.callSid + ".json");
        assertThat(boris.conferenceSid).isEqualTo(cf);
        assertThat(api.requestsTo("/Conferences/" + cf + "/Participants.json")).hasSize(1);
        assertThat(api.requestsTo("/Calls/" + CALL + ".json")).hasSize(1); // the caller never left the conference
        assertThat(twilioConferences.participantStatus(anna, "completed")).isEqualTo(204); // the removed leg's end

        twilioConferences.participantStatus(boris, "in-progress");

        awaitTrue(() -> "TALKING".equals(state()));
        acd.sync();
        assertThat(events).containsSubsequence("CallAnswered anna", "CallTransferred", "CallAnswered boris");
        assertThat(events).doesNotContain("CallEnded");
        assertThat(api.requestsTo("/Calls/" + CALL + ".json")).hasSize(1); // anna's leg ending did not move the caller
        assertThat(scalar("SELECT operator_login FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo("boris");
    }

    // --- callback calls transferred (ADR 0147) ---

    static final CallId CB = new CallId("cb-1-1");
    static final String CUSTOMER = "+37061234567";

    /** A callback requested with Anna ready: her phone is called into fl-cb-1-1, she answers, the customer answers. */
    Participant callbackTalkingWithAnna() {
        acd.setOperatorState(ANNA, OperatorState.READY, "");
        acd.requestCallback(new dev.frontline.core.acd.CallbackRequest(Optional.empty(), Optional.empty(), CUSTOMER,
                Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, clock.instant().minus(Duration.ofMinutes(10)),
                Optional.empty(), Optional.empty(), "web form"));
        Participant anna = await(() -> twilioConferences.participants().stream()
                .filter(p -> p.created.get("To") == null).findFirst().orElse(null)); // joined by her call's TwiML
        assertThat(api.requestsTo("/Calls.json")).singleElement().satisfies(c ->
                assertThat(c.param("Twiml")).contains(">fl-" + CB + "</Conference>"));
        twilio.twilio.post("/twilio/callback-status?attempt=" + CB,
                TwilioWebhookCaller.voiceParams(anna.callSid, DID, ANNA_PHONE, "in-progress"));
        Participant customer = await(() -> twilioConferences.participantTo(CUSTOMER).orElse(null));
        twilioConferences.participantStatus(customer, "in-progress");
        awaitTrue(() -> events.contains("CallbackAnswered"));
        acd.sync();
        return customer;
    }

    @Test
    void aCallbackWithdrawnWhileItsOperatorIsRungHasHerCallHungUpAndItsCustomerIsNeverCalled() {
        acd.setOperatorState(ANNA, OperatorState.READY, "");
        acd.requestCallback(new dev.frontline.core.acd.CallbackRequest(Optional.empty(), Optional.empty(), CUSTOMER,
                Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, clock.instant().minus(Duration.ofMinutes(10)),
                Optional.empty(), Optional.empty(), "web form"));
        Participant anna = await(() -> twilioConferences.participants().stream()
                .filter(p -> p.created.get("To") == null).findFirst().orElse(null));
        awaitTrue(() -> !api.requestsTo("/Calls.json").isEmpty());

        // the caller came back on the line meanwhile (issue 23): the ACD withdraws the attempt being placed
        connector.get().cancelCallback(CB.value(), ANNA);

        Captured hangUp = await(() -> api.requestsTo("/Calls/" + anna.callSid + ".json").stream().findFirst()
                .orElse(null));
        assertThat(hangUp.param("Status")).isEqualTo("completed");
        // her phone answering late does not call the customer
        twilio.twilio.post("/twilio/callback-status?attempt=" + CB,
                TwilioWebhookCaller.voiceParams(anna.callSid, DID, ANNA_PHONE, "in-progress"));
        acd.sync();
        assertThat(twilioConferences.participantTo(CUSTOMER)).isEmpty();
    }

    @Test
    void aCallbackCustomerTransferredToANamedColleagueIsRungInTheCallbacksConferenceAndTheCallbackIsDoneOnce() {
        Participant customer = callbackTalkingWithAnna();
        Participant anna = twilioConferences.participants().stream().filter(p -> p.created.get("To") == null)
                .findFirst().orElseThrow();
        acd.setOperatorState(BORIS, OperatorState.READY, "");

        acd.transfer(CB, Intent.TECHNICAL, Tier.LINE1, BORIS, "wants the router replaced"); // refused before

        Participant boris = await(() -> twilioConferences.participantTo(BORIS_PHONE).orElse(null));
        awaitTrue(() -> anna.removed);
        assertThat(boris.conferenceSid).isEqualTo(customer.conferenceSid);
        assertThat(boris.created.get("EndConferenceOnExit")).isEqualTo("false");
        awaitTrue(() -> customer.hold); // music while boris rings
        twilio.twilio.post("/twilio/callback-status?attempt=" + CB,
                TwilioWebhookCaller.voiceParams(anna.callSid, DID, ANNA_PHONE, "completed")); // her removed leg's end
        twilioConferences.participantStatus(boris, "in-progress");
        awaitTrue(() -> !customer.hold);
        acd.sync();
        assertThat(events).containsSubsequence("CallbackAnswered", "CallTransferred", "CallAnswered boris");
        assertThat(events).doesNotContain("CallEnded");
        assertThat(customer.removed).isFalse();

        twilioConferences.participantStatus(boris, "completed");
        Captured hangUp = await(() -> api.requestsTo("/Calls/" + customer.callSid + ".json").stream().findFirst()
                .orElse(null));
        assertThat(hangUp.param("Status")).isEqualTo("completed");
        twilioConferences.participantStatus(customer, "completed");
        awaitTrue(() -> events.contains("CallEnded"));
        acd.sync();
        assertThat(api.requestsTo("/Calls.json")).hasSize(1); // answered once: not called again
        assertThat(events).doesNotContain("CallbackFailed");
    }

    @Test
    void aCallbackCustomerTransferredToTheLineWaitsThroughAColleaguesNoAnswerAndHangingUpEndsItWithoutARetry() {
        Participant customer = callbackTalkingWithAnna();
        acd.setOperatorState(BORIS, OperatorState.READY, "");

        acd.transfer(CB, Intent.TECHNICAL, Tier.LINE1);

        Participant boris = await(() -> twilioConferences.participantTo(BORIS_PHONE).orElse(null));
        twilioConferences.participantStatus(boris, "no-answer");
        awaitTrue(() -> events.contains("CallRequeued"));
        acd.sync();
        assertThat(customer.removed).isFalse(); // still in its conference, on hold, for the next offer
        assertThat(customer.hold).isTrue();

        twilioConferences.participantStatus(customer, "completed");

        awaitTrue(() -> events.contains("CallAbandoned") || events.contains("CallEnded"));
        acd.sync();
        assertThat(api.requestsTo("/Calls.json")).hasSize(1);
        assertThat(events).doesNotContain("CallbackFailed");
        assertThat(acd.snapshot().waiting()).isEmpty();
    }

    // --- callback calls consulted and kept across a restart (ADR 0151) ---

    /** Boris consulted on the callback call: the customer is held, his phone added to fl-cb-1-1. */
    Participant borisConsultedOnTheCallback(Participant customer) {
        acd.setOperatorState(BORIS, OperatorState.READY, "");
        assertThat(connector.get().canConsult(CB)).isTrue(); // refused before ("not supported")
        acd.consult(CB, ANNA, BORIS, null, "wants the router replaced");
        Participant boris = await(() -> twilioConferences.participantTo(BORIS_PHONE).orElse(null));
        awaitTrue(() -> customer.hold);
        acd.sync();
        return boris;
    }

    Participant annaOnTheCallback() {
        return twilioConferences.participants().stream().filter(p -> p.created.get("To") == null).findFirst()
                .orElseThrow();
    }

    @Test
    void aCallbackCallIsConsultedInItsConferenceAndCompletingHandsTheCustomerToTheColleague() {
        Participant customer = callbackTalkingWithAnna();
        Participant anna = annaOnTheCallback();

        Participant boris = borisConsultedOnTheCallback(customer);

        assertThat(boris.conferenceSid).isEqualTo(customer.conferenceSid);
        assertThat(boris.created.get("From")).isEqualTo(DID);
        assertThat(boris.created.get("Timeout")).isEqualTo("8");
        assertThat(boris.created.get("EndConferenceOnExit")).isEqualTo("false");
        assertThat(boris.created.get("StatusCallback"))
                .isEqualTo("https://ivr.example.com/twilio/callback-operator?attempt=cb-1-1&operator=boris&consult=1");
        assertThat(customer.created.get("EndConferenceOnExit")).isEqualTo("true");
        assertThat(twilioConferences.participantStatus(boris, "ringing")).isEqualTo(204);
        assertThat(twilioConferences.participantStatus(boris, "in-progress")).isEqualTo(204);
        acd.sync();
        assertThat(events).contains("ConsultAnswered");
        assertThat(customer.hold).isTrue(); // the two operators talk; the customer hears the music

        acd.completeTransfer(CB, ANNA);

        awaitTrue(() -> anna.removed && !customer.hold);
        assertThat(boris.removed).isFalse();
        twilio.twilio.post("/twilio/callback-status?attempt=" + CB,
                TwilioWebhookCaller.voiceParams(anna.callSid, DID, ANNA_PHONE, "completed")); // her removed call's end
        acd.sync();
        assertThat(events).containsSubsequence("CallbackAnswered", "ConsultOffered", "ConsultAnswered",
                "ConsultEnded COMPLETED").doesNotContain("CallEnded", "CallbackFailed");
        assertThat(api.requestsTo("/Calls/" + customer.callSid + ".json")).isEmpty(); // the customer was not hung up
        assertThat(scalar("SELECT operator_login FROM twilio_callbacks WHERE attempt_id = 'cb-1-1'")).isEqualTo("boris");
        assertThat(scalar("SELECT operator_leg FROM twilio_callbacks WHERE attempt_id = 'cb-1-1'")).isEqualTo(boris.callSid);
        connector.get().mute(CB, BORIS, true); // the controls follow the new operator
        awaitTrue(() -> boris.muted);

        twilioConferences.participantStatus(boris, "completed"); // boris hangs up: the customer is hung up

        Captured hangUp = await(() -> api.requestsTo("/Calls/" + customer.callSid + ".json").stream().findFirst()
                .orElse(null));
        assertThat(hangUp.param("Status")).isEqualTo("completed");
        twilioConferences.participantStatus(customer, "completed");
        awaitTrue(() -> events.contains("CallEnded"));
        acd.sync();
        assertThat(api.requestsTo("/Calls.json")).hasSize(1); // the callback is done once
        assertThat(scalar("SELECT count(*) FROM twilio_callbacks")).isEqualTo("0");
    }

    @Test
    void cancellingACallbacksConsultationRemovesTheColleagueAndTheCustomerIsBackWithTheFirstOperator() {
        Participant customer = callbackTalkingWithAnna();
        Participant anna = annaOnTheCallback();
        Participant boris = borisConsultedOnTheCallback(customer);
        twilioConferences.participantStatus(boris, "in-progress");
        acd.sync();

        acd.cancelConsult(CB, ANNA);

        awaitTrue(() -> boris.removed && !customer.hold);
        assertThat(anna.removed).isFalse();
        assertThat(twilioConferences.participantStatus(boris, "completed")).isEqualTo(204); // its end changes nothing
        acd.sync();
        assertThat(events).contains("ConsultEnded CANCELLED").doesNotContain("CallEnded");
        assertThat(api.requestsTo("/Calls/" + customer.callSid + ".json")).isEmpty();
        acd.hold(CB, ANNA, true); // she has the call again
        awaitTrue(() -> customer.hold);
    }

    @Test
    void aColleagueWhoDoesNotAnswerACallbacksConsultationGivesTheCustomerBackToTheFirstOperator() {
        Participant customer = callbackTalkingWithAnna();
        Participant boris = borisConsultedOnTheCallback(customer);

        assertThat(twilioConferences.participantStatus(boris, "no-answer")).isEqualTo(204);

        awaitTrue(() -> !customer.hold);
        acd.sync();
        assertThat(events).contains("ConsultEnded NOT_ANSWERED").doesNotContain("CallEnded");
        assertThat(borisStates).contains(OperatorState.MISSED);
        assertThat(scalar("SELECT consult_to FROM twilio_callbacks WHERE attempt_id = 'cb-1-1'")).isNull();
    }

    @Test
    void theFirstOperatorHangingUpAfterTheColleagueAnsweredACallbacksConsultationCompletesTheTransfer() {
        Participant customer = callbackTalkingWithAnna();
        Participant anna = annaOnTheCallback();
        Participant boris = borisConsultedOnTheCallback(customer);
        twilioConferences.participantStatus(boris, "in-progress");
        acd.sync();

        twilio.twilio.post("/twilio/callback-status?attempt=" + CB,
                TwilioWebhookCaller.voiceParams(anna.callSid, DID, ANNA_PHONE, "completed")); // anna hangs up

        awaitTrue(() -> !customer.hold);
        acd.sync();
        assertThat(events).contains("ConsultEnded COMPLETED").doesNotContain("CallEnded");
        assertThat(api.requestsTo("/Calls/" + customer.callSid + ".json")).isEmpty(); // not hung up
        assertThat(scalar("SELECT operator_login FROM twilio_callbacks WHERE attempt_id = 'cb-1-1'")).isEqualTo("boris");
    }

    @Test
    void theFirstOperatorHangingUpBeforeTheColleagueAnsweredPutsTheCallbackCustomerBackInLine() {
        Participant customer = callbackTalkingWithAnna();
        Participant anna = annaOnTheCallback();
        Participant boris = borisConsultedOnTheCallback(customer);

        twilio.twilio.post("/twilio/callback-status?attempt=" + CB,
                TwilioWebhookCaller.voiceParams(anna.callSid, DID, ANNA_PHONE, "completed")); // anna hangs up

        awaitTrue(() -> boris.removed); // the ringing consultation is dropped
        // the customer waits in line again, on hold in its conference, and is offered to the first Ready: boris
        Participant again = await(() -> twilioConferences.participants().stream()
                .filter(p -> BORIS_PHONE.equals(p.to()) && p != boris && !p.removed).findFirst().orElse(null));
        assertThat(again.created.get("StatusCallback")).doesNotContain("consult=1");
        assertThat(again.conferenceSid).isEqualTo(customer.conferenceSid);
        assertThat(customer.hold).isTrue();
        assertThat(api.requestsTo("/Calls/" + customer.callSid + ".json")).isEmpty(); // not hung up
        twilioConferences.participantStatus(again, "in-progress");
        awaitTrue(() -> !customer.hold);
        acd.sync();
        assertThat(events).containsSubsequence("ConsultEnded CONSULTANT_LEFT", "CallTransferred", "CallOffered",
                "CallAnswered boris").doesNotContain("CallEnded", "CallAbandoned");
    }

    /**
     * The callback's conference state is in {@code twilio_callbacks} (V124): after the server stops and a new one starts
     * over the same SQLite file (store, ACD and Twilio backend all new), the callback call can still be held, taken
     * back and transferred. Kept in memory before: hold and transfer were refused.
     */
    @Test
    void aCallbackCallIsHeldResumedAndTransferredAfterARestartOfTheServer() throws Exception {
        Participant customer = callbackTalkingWithAnna();
        Participant anna = annaOnTheCallback();
        awaitTrue(() -> customer.callSid.equals(scalar("SELECT customer_leg FROM twilio_callbacks WHERE attempt_id = 'cb-1-1'")));

        restart();

        assertThat(connector.get().canHold(CB)).isTrue();
        assertThat(connector.get().canTransfer(CB)).isTrue();
        acd.hold(CB, ANNA, true);
        awaitTrue(() -> customer.hold);
        acd.hold(CB, ANNA, false);
        awaitTrue(() -> !customer.hold);
        acd.setOperatorState(BORIS, OperatorState.READY, "");
        acd.transfer(CB, Intent.TECHNICAL, Tier.LINE1, BORIS, "after the restart");
        Participant boris = await(() -> twilioConferences.participantTo(BORIS_PHONE).orElse(null));
        awaitTrue(() -> anna.removed && customer.hold);
        assertThat(boris.conferenceSid).isEqualTo(customer.conferenceSid);
        twilioConferences.participantStatus(boris, "in-progress");
        awaitTrue(() -> !customer.hold);
        acd.sync();
        assertThat(events).containsSubsequence("CallHeld", "CallResumed", "CallTransferred", "CallAnswered boris")
                .doesNotContain("CallEnded", "CallbackFailed");
        List<String> logged = callEvents(CB.value());
        assertThat(logged).containsSubsequence("CallbackAnswered", "CallHeld", "CallResumed", "CallTransferred");
        // the hold after the restart is counted on the answered attempt (V128), as on every backend
        assertThat(scalar("SELECT holds FROM callback_attempts WHERE callback_id = 1 AND attempt_no = 1")).isEqualTo("1");
    }

    /** A consultation of a callback call goes on after a restart while the colleague's phone rings. */
    @Test
    void aCallbacksConsultationGoesOnAfterARestartOfTheServer() throws Exception {
        Participant customer = callbackTalkingWithAnna();
        Participant anna = annaOnTheCallback();
        Participant boris = borisConsultedOnTheCallback(customer);
        awaitTrue(() -> boris.callSid.equals(scalar("SELECT consult_leg FROM twilio_callbacks WHERE attempt_id = 'cb-1-1'")));

        restart();
        twilioConferences.participantStatus(boris, "in-progress");
        acd.sync();
        assertThat(events).contains("ConsultAnswered");
        acd.completeTransfer(CB, ANNA);

        awaitTrue(() -> anna.removed && !customer.hold);
        acd.sync();
        assertThat(events).contains("ConsultEnded COMPLETED").doesNotContain("CallEnded");
    }

    /**
     * The server stops (Twilio backend, ACD, store closed) and a new one starts over the same SQLite file: a new
     * store, an ACD replaying {@code call_events}, a new Twilio backend with nothing in memory.
     */
    void restart() throws Exception {
        twilio.close();
        acd.close();
        db.close();
        db = Database.sqlite(dir.resolve("frontline.db"));
        events.clear();
        acd = new AcdService(AcdConfig.defaults(), clock, new JdbcAcdEventLog(db), id -> Optional.ofNullable(desk.get(id)),
                BusinessHours.always(), forwarding(), (dev.frontline.core.sms.SmsPort) r -> null,
                new CallbackNotices(DID)).start(false);
        subscribe();
        recorder = recorder();
        acd.subscribe(recorder);
        twilio = twilio(recorder);
        acd.sync();
    }

    // --- consultation (warm transfer, ADR 0138) ---

    @Test
    void aConsultationHoldsTheCallerAddsTheColleagueAndCompletingHandsTheCallerOver() {
        Participant anna = annaTalking();
        String cf = twilioConferences.conferenceSid("fl-" + CALL).orElseThrow();
        assertThat(connector.get().canConsult(new CallId(CALL))).isTrue();

        Participant boris = borisConsulted();

        Captured add = api.requestsTo("/Conferences/" + cf + "/Participants.json").get(0);
        assertThat(add.param("From")).isEqualTo(DID);
        assertThat(add.param("To")).isEqualTo(BORIS_PHONE);
        assertThat(add.param("Timeout")).isEqualTo("8");
        assertThat(add.param("StartConferenceOnEnter")).isEqualTo("true");
        assertThat(add.param("EndConferenceOnExit")).isEqualTo("false"); // leaving never ends the caller's conference
        assertThat(add.param("StatusCallback")).isEqualTo("https://ivr.example.com/twilio/participant?call=" + CALL
                + "&operator=boris&consult=1");
        assertThat(add.form().get("StatusCallbackEvent")).containsExactly("initiated", "ringing", "answered", "completed");
        Captured hold = api.requestsTo("/Conferences/" + cf + "/Participants/" + CALL + ".json").get(0);
        assertThat(hold.param("Hold")).isEqualTo("true");
        assertThat(hold.param("HoldUrl")).isEqualTo("https://ivr.example.com/sounds/moh/hold.wav");
        assertThat(caller().hold).isTrue();
        assertThat(twilioConferences.participantStatus(boris, "ringing")).isEqualTo(204);

        assertThat(twilioConferences.participantStatus(boris, "in-progress")).isEqualTo(204);
        acd.sync();
        assertThat(events).contains("ConsultAnswered");

        acd.completeTransfer(new CallId(CALL), ANNA);

        awaitTrue(() -> anna.removed && !caller().hold);
        assertThat(boris.removed).isFalse();
        assertThat(api.requests()).filteredOn(r -> r.method().equals("DELETE")).extracting(Captured::path)
                .containsExactly("/2010-04-01/Accounts/" + TwilioHarness.SID + "/Conferences/" + cf + "/Participants/"
                        + anna.callSid + ".json");
        assertThat(scalar("SELECT operator_login FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo("boris");
        assertThat(scalar("SELECT operator_leg FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo(boris.callSid);
        assertThat(twilioConferences.participantStatus(anna, "completed")).isEqualTo(204); // the removed leg's end
        acd.sync();
        assertThat(events).containsSubsequence("ConsultOffered", "ConsultAnswered", "ConsultEnded COMPLETED")
                .doesNotContain("CallEnded");
        assertThat(state()).isEqualTo("TALKING");
        assertThat(api.requestsTo("/Calls/" + CALL + ".json")).hasSize(1); // the caller never left its conference
        connector.get().mute(new CallId(CALL), BORIS, true); // the controls follow the new operator
        awaitTrue(() -> boris.muted);

        twilioConferences.participantStatus(boris, "completed");

        Captured rating = await(() -> api.requestsTo("/Calls/" + CALL + ".json").size() == 2
                ? api.requestsTo("/Calls/" + CALL + ".json").get(1) : null);
        assertThat(rating.param("Twiml")).contains("rate-call.wav");
        acd.sync();
        assertThat(events).containsSubsequence("ConsultEnded COMPLETED", "CallEnded");
    }

    @Test
    void cancellingRemovesTheColleagueAndTheCallerIsBackWithTheFirstOperator() {
        Participant anna = annaTalking();
        Participant boris = borisConsulted();
        twilioConferences.participantStatus(boris, "in-progress");
        acd.sync();

        acd.cancelConsult(new CallId(CALL), ANNA);

        awaitTrue(() -> boris.removed && !caller().hold);
        assertThat(anna.removed).isFalse();
        assertThat(twilioConferences.participantStatus(boris, "completed")).isEqualTo(204); // its end changes nothing
        acd.sync();
        assertThat(events).contains("ConsultEnded CANCELLED").doesNotContain("CallEnded");
        assertThat(scalar("SELECT operator_login FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo("anna");
        assertThat(scalar("SELECT operator_leg FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo(anna.callSid);
        assertThat(borisStates).doesNotContain(OperatorState.MISSED).endsWith(OperatorState.READY);
        twilioConferences.participantStatus(anna, "completed");
        awaitTrue(() -> api.requestsTo("/Calls/" + CALL + ".json").size() == 2); // on to the rating
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"no-answer,NOT_ANSWERED", "busy,NOT_ANSWERED",
            "failed,NOT_ANSWERED", "completed,NOT_ANSWERED"})
    void aColleagueWhoDoesNotAnswerGivesTheCallerBackToTheFirstOperator(String status, String outcome) {
        Participant anna = annaTalking();
        Participant boris = borisConsulted();
        twilioConferences.participantStatus(boris, "ringing");

        assertThat(twilioConferences.participantStatus(boris, status)).isEqualTo(204);

        awaitTrue(() -> !caller().hold);
        acd.sync();
        assertThat(events).contains("ConsultEnded " + outcome).doesNotContain("CallEnded");
        assertThat(borisStates).contains(OperatorState.MISSED); // as for a missed call (ADR 0132)
        assertThat(anna.removed).isFalse();
        assertThat(state()).isEqualTo("TALKING");
        assertThat(scalar("SELECT operator_leg FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo(anna.callSid);
        acd.hold(new CallId(CALL), ANNA, true); // she has the call again: hold is hers
        awaitTrue(() -> caller().hold);
    }

    @Test
    void aColleagueWhoHangsUpAfterAnsweringGivesTheCallerBack() {
        Participant anna = annaTalking();
        Participant boris = borisConsulted();
        twilioConferences.participantStatus(boris, "in-progress");
        acd.sync();

        twilioConferences.participantStatus(boris, "completed");

        awaitTrue(() -> !caller().hold);
        acd.sync();
        assertThat(events).contains("ConsultEnded TARGET_LEFT").doesNotContain("CallEnded");
        assertThat(borisStates).doesNotContain(OperatorState.MISSED);
        assertThat(anna.removed).isFalse();
        assertThat(scalar("SELECT operator_login FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo("anna");
    }

    @Test
    void theFirstOperatorHangingUpAfterTheColleagueAnsweredCompletesTheTransfer() {
        Participant anna = annaTalking();
        Participant boris = borisConsulted();
        twilioConferences.participantStatus(boris, "in-progress");
        acd.sync();

        twilioConferences.participantStatus(anna, "completed");

        awaitTrue(() -> !caller().hold);
        acd.sync();
        assertThat(events).contains("ConsultEnded COMPLETED").doesNotContain("CallEnded");
        assertThat(api.requestsTo("/Calls/" + CALL + ".json")).hasSize(1); // not sent on to the rating
        assertThat(scalar("SELECT operator_login FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo("boris");
        assertThat(scalar("SELECT operator_leg FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo(boris.callSid);
        assertThat(state()).isEqualTo("TALKING");
        twilioConferences.participantStatus(boris, "completed");
        awaitTrue(() -> api.requestsTo("/Calls/" + CALL + ".json").size() == 2);
    }

    @Test
    void theFirstOperatorHangingUpBeforeTheColleagueAnsweredPutsTheCallerBackInLineAndTheNextOperatorHearsIt() {
        Participant anna = annaTalking();
        Participant boris = borisConsulted();
        String cf = twilioConferences.conferenceSid("fl-" + CALL).orElseThrow();

        twilioConferences.participantStatus(anna, "completed");

        awaitTrue(() -> boris.removed); // the ringing consultation is dropped
        // the call waits in line again (its arrival and priority kept) and is offered to the first Ready: boris again
        Participant again = await(() -> twilioConferences.participants().stream()
                .filter(p -> BORIS_PHONE.equals(p.to()) && p != boris && !p.removed).findFirst().orElse(null));
        assertThat(again.created.get("StatusCallback")).doesNotContain("consult=1");
        assertThat(api.requestsTo("/Calls/" + CALL + ".json")).hasSize(1); // the caller stayed in its conference
        assertThat(caller().hold).isTrue(); // hearing the hold music while it waits
        twilioConferences.participantStatus(again, "in-progress");
        awaitTrue(() -> !caller().hold); // the next operator hears the caller
        acd.sync();
        assertThat(events).containsSubsequence("ConsultEnded CONSULTANT_LEFT", "CallTransferred", "CallOffered",
                "CallAnswered boris").doesNotContain("CallEnded", "CallAbandoned");
        assertThat(scalar("SELECT operator_leg FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo(again.callSid);
        assertThat(api.requestsTo("/Conferences/" + cf + "/Participants.json")).hasSize(2);
    }

    /** The consultation is in {@code twilio_calls} (V104): a server restarted while the colleague's phone rings goes on. */
    @Test
    void aConsultationGoesOnAfterARestartOfTheServer() {
        Participant anna = annaTalking();
        Participant boris = borisConsulted();
        awaitTrue(() -> boris.callSid.equals(scalar("SELECT consult_leg FROM twilio_calls WHERE call_sid = '" + CALL
                + "'")));

        twilio.close(); // restart: a new backend over the same store, nothing in memory
        twilio = twilio(recorder());
        twilioConferences.participantStatus(boris, "in-progress");
        acd.sync();
        assertThat(events).contains("ConsultAnswered");

        twilioConferences.participantStatus(anna, "completed"); // the first operator hangs up: the transfer completes

        awaitTrue(() -> !caller().hold);
        acd.sync();
        assertThat(events).contains("ConsultEnded COMPLETED").doesNotContain("CallEnded");
        assertThat(api.requestsTo("/Calls/" + CALL + ".json")).hasSize(1); // not sent on to the rating
        assertThat(scalar("SELECT operator_login FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo("boris");
        assertThat(scalar("SELECT consult_to FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isNull();
    }

    @Test
    void aCallerWhoHangsUpDuringTheConsultationFreesBothOperators() {
        Participant anna = annaTalking();
        Participant boris = borisConsulted();
        twilioConferences.participantStatus(boris, "in-progress");
        acd.sync();

        Map<String, String> p = new LinkedHashMap<>(TwilioWebhookCaller.voiceParams(CALL, JONAS, DID, "completed"));
        assertThat(twilio.twilio.post("/twilio/status", p).status()).isEqualTo(204);

        awaitTrue(() -> boris.removed);
        // the caller's conference ended with it (endConferenceOnExit): both legs end, which changes nothing more
        assertThat(twilioConferences.participantStatus(anna, "completed")).isEqualTo(204);
        assertThat(twilioConferences.participantStatus(boris, "completed")).isEqualTo(204);
        acd.sync();
        assertThat(events).contains("ConsultEnded CALLER_LEFT", "CallEnded");
        assertThat(state()).isEqualTo("ENDED");
        assertThat(annaStates.get(annaStates.size() - 1)).isIn(OperatorState.WRAP_UP, OperatorState.READY);
        assertThat(borisStates).endsWith(OperatorState.READY);
        assertThat(api.requestsTo("/Calls/" + CALL + ".json")).hasSize(1);
    }

    @Test
    void aColleaguesParticipantTwilioRefusesFailsTheConsultationAndTheCallerIsBackWithTheFirstOperator() {
        Participant anna = annaTalking();
        twilioConferences.refuseNextCreate(new LoopbackTwilioApi.Failure(500, 20500, "Internal Server Error"));
        acd.setOperatorState(BORIS, OperatorState.READY, "");

        acd.consult(new CallId(CALL), ANNA, BORIS, null, "router");

        awaitTrue(() -> events.contains("ConsultEnded NOT_ANSWERED"));
        awaitTrue(() -> api.requestsTo("/Participants/" + CALL + ".json").size() == 2 && !caller().hold);
        acd.sync();
        assertThat(twilioConferences.participantTo(BORIS_PHONE)).isEmpty();
        assertThat(anna.removed).isFalse();
        assertThat(state()).isEqualTo("TALKING");
        assertThat(events).doesNotContain("CallEnded");
        acd.hold(new CallId(CALL), ANNA, true);
        awaitTrue(() -> caller().hold);
    }

    @Test
    void aColleagueWhosePhoneTwilioCannotDialFailsTheConsultationWithoutARequest() {
        Participant anna = annaTalking();
        acd.setOperatorState(CAROL, OperatorState.READY, "");

        acd.consult(new CallId(CALL), ANNA, CAROL, null, "router"); // her phone is PJSIP/op103: not for Twilio

        awaitTrue(() -> events.contains("ConsultEnded NOT_ANSWERED"));
        awaitTrue(() -> api.requestsTo("/Participants/" + CALL + ".json").size() == 2 && !caller().hold);
        assertThat(api.requestsTo("/Participants.json")).hasSize(1); // Anna's own; nothing was asked for Carol
        assertThat(anna.removed).isFalse();
        assertThat(state()).isEqualTo("TALKING");
    }

    @Test
    void aHeldCallTransferredColdIsTakenOffHoldWhenTheNextOperatorAnswers() {
        Participant anna = annaTalking();
        acd.hold(new CallId(CALL), ANNA, true);
        awaitTrue(() -> caller().hold);
        acd.setOperatorState(BORIS, OperatorState.READY, "");

        acd.transfer(new CallId(CALL), Intent.TECHNICAL, Tier.LINE1, BORIS, "router keeps rebooting");

        Participant boris = await(() -> twilioConferences.participantTo(BORIS_PHONE).orElse(null));
        awaitTrue(() -> anna.removed);
        twilioConferences.participantStatus(boris, "in-progress");
        awaitTrue(() -> !caller().hold);
        awaitTrue(() -> "TALKING".equals(state()));
    }

    /** Boris Ready, Anna consults him: the caller is held and his phone is added to the caller's conference. */
    Participant borisConsulted() {
        acd.setOperatorState(BORIS, OperatorState.READY, "");
        acd.consult(new CallId(CALL), ANNA, BORIS, null, "router keeps rebooting");
        Participant boris = await(() -> twilioConferences.participantTo(BORIS_PHONE).orElse(null));
        awaitTrue(() -> caller().hold);
        acd.sync();
        return boris;
    }

    // --- failure paths ---

    @Test
    void anOperatorWhoDoesNotAnswerIsRingNoAnswerAndTheCallerWaitsInTheConferenceForTheNext() {
        Participant anna = annaRinging();
        acd.setOperatorState(BORIS, OperatorState.READY, "");

        assertThat(twilioConferences.participantStatus(anna, "no-answer")).isEqualTo(204);

        Participant boris = await(() -> twilioConferences.participantTo(BORIS_PHONE).orElse(null));
        acd.sync();
        assertThat(annaStates).contains(OperatorState.MISSED);
        assertThat(events).containsSubsequence("CallOffered", "CallRequeued", "CallOffered");
        assertThat(boris.conferenceSid).isEqualTo(twilioConferences.conferenceSid("fl-" + CALL).orElseThrow());
        assertThat(api.requestsTo("/Calls/" + CALL + ".json")).hasSize(1); // still in the conference, hearing the music
        assertThat(scalar("SELECT in_conference FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo("1");
        assertThat(events).doesNotContain("CallAbandoned");
    }

    @Test
    void aParticipantCreateTwilioRefusesFailsTheOfferHonestlyAndTheCallerIsOfferedAgain() {
        twilioConferences.refuseNextCreate(new LoopbackTwilioApi.Failure(500, 20500, "Internal Server Error"));
        acd.setOperatorState(ANNA, OperatorState.READY, "");

        queueJonas();

        Participant anna = await(() -> twilioConferences.participantTo(ANNA_PHONE).orElse(null));
        acd.sync();
        assertThat(api.requestsTo("/Participants.json")).hasSize(2); // the refused one and the next offer's
        assertThat(api.requestsTo("/Calls/" + CALL + ".json")).hasSize(1); // the caller waited in its conference
        assertThat(events).containsSubsequence("CallOffered", "CallRequeued", "CallOffered");
        assertThat(annaStates).doesNotContain(OperatorState.MISSED);
        assertThat(events).doesNotContain("CallAbandoned");
        twilioConferences.participantStatus(anna, "in-progress");
        awaitTrue(() -> "TALKING".equals(state()));
    }

    @Test
    void aCallerWhoHangsUpWhileTheOperatorRingsIsNotTheOperatorsMiss() {
        Participant anna = annaRinging();
        Map<String, String> p = new LinkedHashMap<>(TwilioWebhookCaller.voiceParams(CALL, JONAS, DID, "completed"));
        assertThat(twilio.twilio.post("/twilio/status", p).status()).isEqualTo(204);

        assertThat(twilioConferences.participantStatus(anna, "canceled")).isEqualTo(204);

        acd.sync();
        assertThat(events).contains("CallAbandoned");
        assertThat(annaStates).doesNotContain(OperatorState.MISSED);
    }

    // --- recordings ---

    @Test
    void aRecordedCallsConferenceIsRecordedAndTheWavFetchedIntoTheRecordingDirectory() throws Exception {
        Participant anna = annaTalking(); // technical, line 1: recorded
        assertThat(api.requestsTo("/Calls/" + CALL + ".json").get(0).param("Twiml"))
                .contains("record=\"record-from-start\"")
                .contains("recordingStatusCallback=\"https://ivr.example.com/twilio/recording?call=" + CALL + "\"");
        awaitTrue(() -> "1".equals(scalar("SELECT COUNT(*) FROM recordings WHERE call_id = '" + CALL + "'")));
        byte[] wav = wav(32_000);

        twilioConferences.participantStatus(anna, "completed");
        String recording = twilioConferences.recordingCompleted(CALL, wav);

        awaitTrue(() -> scalar("SELECT ended_at FROM recordings WHERE call_id = '" + CALL + "'") != null);
        Path file = Path.of(scalar("SELECT path FROM recordings WHERE call_id = '" + CALL + "'"));
        assertThat(file).startsWith(dir.resolve("recordings").toAbsolutePath());
        assertThat(Files.readAllBytes(file)).isEqualTo(wav);
        assertThat(scalar("SELECT size_bytes FROM recordings WHERE call_id = '" + CALL + "'")).isEqualTo("" + wav.length);
        assertThat(scalar("SELECT backend FROM recordings WHERE call_id = '" + CALL + "'")).isEqualTo("twilio");
        assertThat(scalar("SELECT operator_login FROM recordings WHERE call_id = '" + CALL + "'")).isEqualTo("anna");
        assertThat(api.requests()).filteredOn(r -> r.method().equals("GET")).extracting(Captured::path).containsExactly(
                "/2010-04-01/Accounts/" + TwilioHarness.SID + "/Recordings/" + recording + ".json",
                "/2010-04-01/Accounts/" + TwilioHarness.SID + "/Recordings/" + recording + ".wav");
        assertThat(alerts).isEmpty();

        // retention applies as to every recording: kept 90 days, then file and row go
        new dev.frontline.server.recording.RecordingPurge(new JdbcRecordings(db), Duration.ofDays(90),
                Clock.offset(clock, Duration.ofDays(89))).run();
        assertThat(file).exists();
        new dev.frontline.server.recording.RecordingPurge(new JdbcRecordings(db), Duration.ofDays(90),
                Clock.offset(clock, Duration.ofDays(91))).run();
        assertThat(file).doesNotExist();
        assertThat(scalar("SELECT COUNT(*) FROM recordings WHERE call_id = '" + CALL + "'")).isEqualTo("0");
    }

    /** Twilio's recording comes after the conversation: a server restart in between must not lose it. */
    @Test
    void aRecordingThatBecomesReadyAfterARestartIsStillFetchedIntoItsRow() throws Exception {
        Participant anna = annaTalking();
        awaitTrue(() -> "1".equals(scalar("SELECT COUNT(*) FROM recordings WHERE call_id = '" + CALL + "'")));
        twilioConferences.participantStatus(anna, "completed");
        awaitTrue(() -> api.requestsTo("/Calls/" + CALL + ".json").size() == 2); // the caller went on to the rating

        twilio.close(); // restart: a new backend and recorder over the same store, nothing in memory
        twilio = twilio(recorder());
        byte[] wav = wav(16_000);
        twilioConferences.recordingCompleted(CALL, wav);

        awaitTrue(() -> scalar("SELECT ended_at FROM recordings WHERE call_id = '" + CALL + "'") != null);
        Path file = Path.of(scalar("SELECT path FROM recordings WHERE call_id = '" + CALL + "'"));
        assertThat(Files.readAllBytes(file)).isEqualTo(wav);
        assertThat(scalar("SELECT size_bytes FROM recordings WHERE call_id = '" + CALL + "'")).isEqualTo("" + wav.length);
        assertThat(alerts).isEmpty();
    }

    @Test
    void aRecordingThatCannotBeFetchedLeavesTheCallAloneAndAlertsSupervisors() {
        Participant anna = annaTalking();
        awaitTrue(() -> "1".equals(scalar("SELECT COUNT(*) FROM recordings WHERE call_id = '" + CALL + "'")));
        api.failNext(new LoopbackTwilioApi.Failure(503, 20503, "Service Unavailable"));

        String recording = twilioConferences.recordingCompleted(CALL, wav(8_000));

        awaitTrue(() -> !alerts.isEmpty());
        assertThat(alerts.get(0)).contains("Recording failed for call " + CALL).contains(recording)
                .contains("The call goes on unrecorded");
        awaitTrue(() -> scalar("SELECT ended_at FROM recordings WHERE call_id = '" + CALL + "'") != null);
        assertThat(scalar("SELECT size_bytes FROM recordings WHERE call_id = '" + CALL + "'")).isEqualTo("0");
        assertThat(state()).isEqualTo("TALKING"); // the conversation goes on
        connector.get().mute(new CallId(CALL), ANNA, true);
        awaitTrue(() -> anna.muted);
    }

    // --- signatures ---

    @Test
    void theNewWebhooksRefuseUnsignedRequestsAndChangeNothing() {
        Participant anna = annaRinging();
        Map<String, String> answered = new LinkedHashMap<>(TwilioWebhookCaller.voiceParams(anna.callSid, DID, ANNA_PHONE,
                "in-progress"));
        String forged = twilio.twilio.signer().sign("https://ivr.example.com/twilio/participant?call=" + CALL
                + "&operator=boris", answered); // signed for another URL

        assertThat(twilio.twilio.send("/twilio/participant?call=" + CALL + "&operator=anna", answered, forged).status())
                .isEqualTo(403);
        assertThat(twilio.twilio.send("/twilio/participant?call=" + CALL + "&operator=anna", answered, null).status())
                .isEqualTo(403);
        assertThat(twilio.twilio.send("/twilio/conference", Map.of("StatusCallbackEvent", "conference-end",
                "FriendlyName", "fl-" + CALL, "ConferenceSid", "CF00000000000000000000000000000000"), "x").status())
                .isEqualTo(403);
        assertThat(twilio.twilio.send("/twilio/recording?call=" + CALL, Map.of("RecordingSid",
                "RE00000000000000000000000000000000", "RecordingStatus", "completed"), null).status()).isEqualTo(403);
        assertThat(twilio.twilio.post("/twilio/participant?call=" + CALL + "&operator=an%20na", answered).status())
                .isEqualTo(400);

        acd.sync();
        assertThat(state()).isEqualTo("RINGING");
        assertThat(events).doesNotContain("CallAnswered anna");
    }

    // --- helpers ---

    void queueJonas() {
        Map<String, String> p = new LinkedHashMap<>(TwilioWebhookCaller.voiceParams(CALL, JONAS, DID, "in-progress"));
        twilio.twilio.post("/twilio/voice", p);
        p.put("Digits", "1"); // technical
        assertThat(twilio.twilio.post("/twilio/gather", p).body()).contains("/twilio/hold</Redirect>");
    }

    /** Jonas's technical call queued with Anna ready: her phone is added to his conference and rings. */
    Participant annaRinging() {
        acd.setOperatorState(ANNA, OperatorState.READY, "");
        queueJonas();
        Participant anna = await(() -> twilioConferences.participantTo(ANNA_PHONE).orElse(null));
        awaitTrue(() -> "RINGING".equals(state())
                && scalar("SELECT operator_leg FROM twilio_calls WHERE call_sid = '" + CALL + "'") != null);
        return anna;
    }

    Participant annaTalking() {
        Participant anna = annaRinging();
        twilioConferences.participantStatus(anna, "in-progress");
        awaitTrue(() -> "TALKING".equals(state()));
        acd.sync();
        return anna;
    }

    Participant caller() {
        return twilioConferences.participants().stream().filter(p -> p.callSid.equals(CALL)).findFirst().orElseThrow();
    }

    String state() {
        return scalar("SELECT state FROM twilio_calls WHERE call_sid = '" + CALL + "'");
    }

    List<String> callEvents() {
        return callEvents(CALL);
    }

    List<String> callEvents(String call) {
        db.flush();
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT type FROM call_events WHERE call_id = ? ORDER BY seq")) {
                ps.setString(1, call);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** A WAV Twilio could have made: RIFF header and {@code samples} 16-bit samples of a pattern. */
    static byte[] wav(int samples) {
        byte[] out = new byte[44 + samples * 2];
        System.arraycopy("RIFF".getBytes(), 0, out, 0, 4);
        System.arraycopy("WAVEfmt ".getBytes(), 0, out, 8, 8);
        for (int i = 44; i < out.length; i++) {
            out[i] = (byte) (i * 31);
        }
        return out;
    }

    String scalar(String sql) {
        return TwilioSupportCallTest.scalar(db, sql);
    }
}
