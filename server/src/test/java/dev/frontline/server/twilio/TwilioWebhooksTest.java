package dev.frontline.server.twilio;

import dev.frontline.server.testing.RecordingBackendAcd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.store.Database;
import dev.frontline.server.twilio.peer.LoopbackConferences;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi.Captured;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi.Failure;
import dev.frontline.server.twilio.peer.TwilioPublishedExample;
import dev.frontline.server.twilio.peer.TwilioSigner;
import dev.frontline.server.twilio.peer.TwilioWebhookCaller;
import dev.frontline.server.twilio.peer.TwilioWebhookCaller.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioWebhooksTest {
    static final String CALL = "CA11111111111111111111111111111111";
    static final String CALLER = "+37061234567";
    static final String DID = "+37052000000";

    @TempDir
    Path dir;
    Database db;
    LoopbackTwilioApi api;
    MenuHandler handler;
    RecordingBackendAcd acd;
    TwilioHarness twilio;

    @BeforeEach
    void start() throws Exception {
        db = Database.sqlite(dir.resolve("frontline.db"));
        api = new LoopbackTwilioApi();
        handler = new MenuHandler();
        acd = new RecordingBackendAcd();
        Files.createDirectories(dir.resolve("sounds/en"));
        Files.write(dir.resolve("sounds/en/welcome.wav"), new byte[]{'R', 'I', 'F', 'F', 1, 2, 3});
        Files.writeString(dir.resolve("secret.txt"), "do not serve");
        twilio = harness(Map.of());
    }

    TwilioHarness harness(Map<String, Object> extra) {
        return new TwilioHarness(db, api, handler, acd, dir.resolve("sounds"), extra, Optional.empty());
    }

    @AfterEach
    void stop() {
        twilio.close();
        api.close();
        db.close();
    }

    Answer call(String path, Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>(TwilioWebhookCaller.voiceParams(CALL, CALLER, DID, "in-progress"));
        p.putAll(extra);
        return twilio.twilio.post(path, p);
    }

    @Test
    void theSignerFollowsTwiliosDocumentedAlgorithm() {
        assertThat(new TwilioSigner(TwilioPublishedExample.AUTH_TOKEN).sign(TwilioPublishedExample.URL,
                TwilioPublishedExample.params())).isEqualTo(TwilioPublishedExample.SIGNATURE);
    }

    @Test
    void anIncomingCallGetsTheMenuAsAGatherAroundOurRecording() {
        Answer a = call("/twilio/voice?flow=support", Map.of());

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/xml");
        assertThat(a.body()).contains("<Response><Gather ")
                .contains("action=\"https://ivr.example.com/twilio/gather\"")
                .contains("input=\"dtmf\"").contains("numDigits=\"1\"").contains("timeout=\"5\"")
                .contains("finishOnKey=\"#\"").contains("actionOnEmptyResult=\"true\"")
                .contains("<Play>https://ivr.example.com/sounds/en/welcome.wav</Play></Gather></Response>");
        assertThat(handler.inputs).containsExactly("start " + CALL + " from " + CALLER + " flow support");
    }

    @Test
    void theCallsStateReachesTheStoreFileMillisecondsAfterTheAnswerWithoutAFlush() throws Exception {
        // given an answered incoming call (its twilio_calls row is written behind the answer)
        assertThat(call("/twilio/voice?flow=support", Map.of()).status()).isEqualTo(200);
        long answeredAt = System.nanoTime();

        // when another connection reads the SQLite file (what a server restarted after a crash would see)
        try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("frontline.db"));
             java.sql.PreparedStatement ps = other.prepareStatement("SELECT state FROM twilio_calls WHERE call_sid = ?")) {
            ps.setString(1, CALL);
            String state = null;
            while (state == null) {
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    state = rs.next() ? rs.getString(1) : null;
                }
                // then the row is there within milliseconds (a second is the test's margin on a loaded machine)
                assertThat(Duration.ofNanos(System.nanoTime() - answeredAt)).isLessThan(Duration.ofSeconds(1));
            }
            assertThat(state).isEqualTo("IVR");
        }
    }

    @Test
    void unsignedTamperedAndWronglyAddressedWebhooksGet403AndNoTwiml() {
        Map<String, String> p = TwilioWebhookCaller.voiceParams(CALL, CALLER, DID, "ringing");
        TwilioSigner signer = twilio.twilio.signer();

        Answer unsigned = twilio.twilio.send("/twilio/voice", p, null);
        Map<String, String> tampered = new LinkedHashMap<>(p);
        tampered.put("From", "+37069999999");
        Answer forged = twilio.twilio.send("/twilio/voice", tampered, signer.sign(TwilioHarness.PUBLIC + "/twilio/voice", p));
        Answer localUrl = twilio.twilio.send("/twilio/voice", p,
                signer.sign("http://127.0.0.1:" + twilio.app.port() + "/twilio/voice", p));
        Answer otherToken = twilio.twilio.send("/twilio/voice", p,
                new TwilioSigner("not-the-token").sign(TwilioHarness.PUBLIC + "/twilio/voice", p));
        Answer queryChanged = twilio.twilio.send("/twilio/voice?flow=sales", p,
                signer.sign(TwilioHarness.PUBLIC + "/twilio/voice?flow=support", p));

        for (Answer a : List.of(unsigned, forged, localUrl, otherToken, queryChanged)) {
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.body()).doesNotContain("<Response");
        }
        assertThat(handler.inputs).isEmpty();
    }

    @Test
    void aHandlerThatThrowsGetsAnApologyAndHangUpInsteadOfA500() {
        handler.broken = true;

        Answer a = call("/twilio/voice?flow=support", Map.of());

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/xml");
        assertThat(a.body()).startsWith("<?xml").contains("<Response><Say language=\"en-GB\">We are sorry")
                .endsWith("</Say><Hangup/></Response>").doesNotContain("<Dial");
        assertThat(new TwilioCalls(db, java.time.Clock.systemUTC()).find(CALL)).isEmpty(); // nothing half-written
    }

    @Test
    void aHandlerThatThrowsMidCallLetsGoOfTheCallAndTransfersToTheFallbackNumber() {
        twilio.close();
        twilio = harness(Map.of("fallback-number", "+37052000001"));
        call("/twilio/voice?flow=support", Map.of());
        handler.broken = true;

        Answer a = call("/twilio/gather", Map.of("Digits", "2"));

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/xml");
        assertThat(a.body()).contains("<Play>" + TwilioHarness.PUBLIC + "/sounds/en/technical-problem-transfer.wav</Play>")
                .contains("<Dial timeout=\"30\"><Number>+37052000001</Number></Dial></Response>")
                .doesNotContain("<Hangup");
        assertThat(stateIs(TwilioCalls.State.ENDED)).isTrue(); // the call let go: status and later webhooks see it ended
        handler.broken = false;
        assertThat(call("/twilio/gather", Map.of("Digits", "2")).body()).contains("400: call " + CALL + " has ended");
    }

    @Test
    void aCallerWhoHeardLithuanianIsToldOfTheProblemInLithuanian() {
        handler.language = dev.frontline.core.common.Language.LT;
        call("/twilio/voice?flow=support", Map.of());
        handler.broken = true;

        Answer a = call("/twilio/gather", Map.of("Digits", "2"));

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("<Response><Play>" + TwilioHarness.PUBLIC + "/sounds/lt/technical-problem-goodbye.wav</Play>"
                + "<Hangup/></Response>").doesNotContain("<Say");
        assertThat(java.nio.file.Files.isRegularFile(java.nio.file.Path.of("../sounds/lt/technical-problem-goodbye.wav")))
                .as("the recording Twilio will fetch exists").isTrue();
    }

    @Test
    void aBrokenHandlerDoesNotTurnRefusedOrMalformedWebhooksIntoTwiml() {
        handler.broken = true;
        Map<String, String> p = TwilioWebhookCaller.voiceParams(CALL, CALLER, DID, "ringing");
        Map<String, String> noSid = new LinkedHashMap<>(p);
        noSid.remove("CallSid");

        Answer unsigned = twilio.twilio.send("/twilio/voice", p, null);
        Answer malformed = twilio.twilio.post("/twilio/voice", noSid);
        Answer unknown = call("/twilio/gather", Map.of("Digits", "1"));

        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.body()).doesNotContain("<Response");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("missing parameter CallSid").doesNotContain("<Response");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("400: unknown CallSid " + CALL);
        assertThat(handler.inputs).isEmpty();
    }

    @Test
    void malformedWebhooksGet400WithTheReason() {
        Map<String, String> noSid = new LinkedHashMap<>(TwilioWebhookCaller.voiceParams(CALL, CALLER, DID, "ringing"));
        noSid.remove("CallSid");
        assertThat(twilio.twilio.post("/twilio/voice", noSid)).satisfies(a -> {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body()).contains("missing parameter CallSid");
        });
        Map<String, String> noFrom = new LinkedHashMap<>(TwilioWebhookCaller.voiceParams(CALL, CALLER, DID, "ringing"));
        noFrom.remove("From");
        assertThat(twilio.twilio.post("/twilio/voice", noFrom).body()).contains("missing parameter From");

        assertThat(call("/twilio/gather", Map.of("Digits", "1")).body()).contains("400: unknown CallSid " + CALL);
        call("/twilio/voice", Map.of());
        assertThat(call("/twilio/voice", Map.of()).body()).contains("has already started");
        Answer letters = call("/twilio/gather", Map.of("Digits", "1; DROP"));
        assertThat(letters.status()).isEqualTo(400);
        assertThat(letters.body()).contains("Digits must be 0-9");
        assertThat(call("/twilio/voice?flow=../etc", Map.of()).body()).contains("flow must be a flow name");
        assertThat(handler.inputs).hasSize(1);
    }

    @Test
    void digitsAndSilenceResumeTheFlow() {
        call("/twilio/voice", Map.of());

        Answer silence = call("/twilio/gather", Map.of("Digits", ""));
        Answer key = call("/twilio/gather", Map.of("Digits", "7"));

        assertThat(silence.body()).contains("<Gather ");
        assertThat(key.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Play>https://ivr.example.com/sounds/en/bye.wav</Play><Hangup/></Response>");
        assertThat(handler.inputs).containsSubsequence(CALL + " NoInput", CALL + " digits 7");
    }

    @Test
    void theHoldLoopPlaysMusicAsksForTicksAndPassesKeys() {
        call("/twilio/voice", Map.of());

        Answer queued = call("/twilio/gather", Map.of("Digits", "1"));
        assertThat(queued.body()).contains("<Gather action=\"https://ivr.example.com/twilio/hold\"")
                .contains("<Play>https://ivr.example.com/sounds/en/queued.wav</Play>")
                .contains("<Play loop=\"2\">https://ivr.example.com/sounds/moh/hold.wav</Play></Gather>")
                .endsWith("<Redirect method=\"POST\">https://ivr.example.com/twilio/hold</Redirect></Response>");

        Answer tick = call("/twilio/hold", Map.of());
        assertThat(tick.body()).contains("sounds/en/position.wav").contains("sounds/en/digits/2.wav").contains("<Redirect");
        Answer key = call("/twilio/hold", Map.of("Digits", "1"));
        assertThat(key.body()).contains("callback-kept.wav").contains("<Hangup/>");
        assertThat(handler.inputs).containsSubsequence(CALL + " HoldTick", CALL + " digits 1");
        assertThat(call("/twilio/gather", Map.of("Digits", "1")).status()).isEqualTo(400); // not waiting for digits now
    }

    @Test
    void sayModeSpeaksThePromptTextWhereTwilioHasAVoice() {
        twilio.close();
        twilio = harness(Map.of("voice", "say"));

        Answer en = call("/twilio/voice", Map.of());
        // a voice that speaks the language, never the account's default voice (which may not speak Russian or Polish)
        assertThat(en.body()).contains("<Say language=\"en-GB\" voice=\"Polly.Amy\">Welcome. For support press 1.</Say>");

        handler.language = dev.frontline.core.common.Language.RU;
        Map<String, String> ru = TwilioWebhookCaller.voiceParams("CA33333333333333333333333333333333", CALLER, DID, "ringing");
        assertThat(twilio.twilio.post("/twilio/voice", ru).body()).contains("<Say language=\"ru-RU\" voice=\"Polly.Tatyana\">");

        handler.language = dev.frontline.core.common.Language.LT;
        Map<String, String> p = TwilioWebhookCaller.voiceParams("CA22222222222222222222222222222222", CALLER, DID, "ringing");
        assertThat(twilio.twilio.post("/twilio/voice", p).body())
                .contains("<Play>https://ivr.example.com/sounds/lt/welcome.wav</Play>").doesNotContain("<Say");
    }

    @Test
    void connectingJoinsTheOperatorThroughTheCallersConferenceAndReportsTheAnswerAndTheEnd() {
        queue();

        twilio.backend.connector().connect(new CallId(CALL), new OperatorId("anna"), "+37060000001");

        Captured update = await(() -> api.requestsTo("/Calls/" + CALL + ".json").stream().findFirst().orElse(null));
        assertThat(update.basicUser()).isEqualTo(TwilioHarness.SID);
        assertThat(update.param("Twiml")).contains("<Dial><Conference ").contains(">fl-" + CALL + "</Conference>");
        LoopbackConferences.Participant anna = await(() -> api.conferences().participantTo("+37060000001").orElse(null));
        assertThat(anna.created.get("Timeout")).isEqualTo("8");
        awaitTrue(() -> stateIs(TwilioCalls.State.RINGING));
        // the ACD's ring timer starts when Twilio took the participant, not at the offer (REST may take a while)
        awaitTrue(() -> acd.attributed.contains("phoneRinging " + CALL + " at anna"));

        assertThat(api.conferences().participantStatus(anna, "in-progress")).isEqualTo(204);
        assertThat(api.conferences().participantStatus(anna, "completed")).isEqualTo(204);

        Captured after = await(() -> api.requestsTo("/Calls/" + CALL + ".json").size() == 2
                ? api.requestsTo("/Calls/" + CALL + ".json").get(1) : null);
        assertThat(after.param("Twiml")).contains("rate.wav");
        assertThat(acd.commands).containsExactly("operatorAnswered " + CALL, "callEnded " + CALL);
        assertThat(acd.attributed).contains("operatorAnswered " + CALL + " by anna");
        assertThat(handler.inputs).contains(CALL + " OperatorLegEnded");
    }

    @Test
    void noAnswerIsRingNoAnswerAndTheCallerWaitsInItsConference() {
        queue();
        twilio.backend.connector().connect(new CallId(CALL), new OperatorId("anna"), "sip:anna@pbx.example.com");
        LoopbackConferences.Participant anna = await(() -> api.conferences().participantTo("sip:anna@pbx.example.com")
                .orElse(null));
        awaitTrue(() -> stateIs(TwilioCalls.State.RINGING));
        int inputs = handler.inputs.size();

        assertThat(api.conferences().participantStatus(anna, "no-answer")).isEqualTo(204);

        assertThat(acd.commands).containsExactly("ringNoAnswer " + CALL);
        assertThat(acd.attributed).contains("ringNoAnswer " + CALL + " by anna (operator phone: no-answer)");
        assertThat(stateIs(TwilioCalls.State.QUEUED)).isTrue();
        assertThat(api.requestsTo("/Calls/" + CALL + ".json")).hasSize(1); // not moved out of the conference
        assertThat(handler.inputs).hasSize(inputs);
    }

    /**
     * The ACD withdrew the offer (its own ring timer ran out before Twilio's no-answer came): the operator's phone must
     * stop ringing, or answering it late would join her to the caller while the ACD offers the call to someone else.
     */
    @Test
    void aWithdrawnOfferRemovesTheRingingOperatorFromTheConferenceAndHerLateAnswerIsIgnored() {
        queue();
        twilio.backend.connector().connect(new CallId(CALL), new OperatorId("anna"), "+37060000001");
        LoopbackConferences.Participant anna = await(() -> api.conferences().participantTo("+37060000001").orElse(null));
        awaitTrue(() -> new TwilioCalls(db, java.time.Clock.systemUTC()).find(CALL)
                .flatMap(TwilioCalls.Row::operatorLeg).isPresent());

        twilio.backend.connector().withdraw(new CallId(CALL), new OperatorId("anna"));

        awaitTrue(() -> anna.removed);
        assertThat(api.requests()).filteredOn(r -> r.method().equals("DELETE")).extracting(Captured::path)
                .singleElement().asString().endsWith("/Participants/" + anna.callSid + ".json");
        assertThat(stateIs(TwilioCalls.State.QUEUED)).isTrue();
        assertThat(api.conferences().participantStatus(anna, "in-progress")).isEqualTo(204);
        assertThat(acd.commands).doesNotContain("operatorAnswered " + CALL);
        assertThat(stateIs(TwilioCalls.State.QUEUED)).isTrue();
    }

    @Test
    void aTransferDialsTheEndpointAndAHoldRequestOvertakenByTheDialDoesNotReachTheFlow() {
        call("/twilio/voice", Map.of());
        assertThat(call("/twilio/gather", Map.of("Digits", "9")).body())
                .contains("<Play>https://ivr.example.com/sounds/en/transfer.wav</Play><Dial><Sip>sip:sales@pbx.example.com</Sip></Dial>");

        CallId other = new CallId("CA44444444444444444444444444444444");
        Map<String, String> p = TwilioWebhookCaller.voiceParams(other.value(), CALLER, DID, "in-progress");
        twilio.twilio.post("/twilio/voice", p);
        Map<String, String> one = new LinkedHashMap<>(p);
        one.put("Digits", "1");
        twilio.twilio.post("/twilio/gather", one);
        twilio.backend.connector().connect(other, new OperatorId("anna"), "+37060000001");
        awaitTrue(() -> !api.requestsTo("/Calls/" + other.value() + ".json").isEmpty());
        int inputs = handler.inputs.size();

        Answer late = twilio.twilio.post("/twilio/hold", p);

        assertThat(late.body()).contains("<Redirect").contains("moh/hold.wav").doesNotContain("position.wav");
        assertThat(handler.inputs).hasSize(inputs);
    }

    @Test
    void aCallerWhoHangsUpWhileTheOperatorRingsIsNotTheOperatorsMiss() {
        queue();
        twilio.backend.connector().connect(new CallId(CALL), new OperatorId("anna"), "+37060000001");
        awaitTrue(() -> stateIs(TwilioCalls.State.RINGING) && !api.requests().isEmpty());

        Answer a = call("/twilio/dial", Map.of("DialCallStatus", "canceled", "CallStatus", "completed"));

        assertThat(a.body()).contains("<Hangup/>");
        assertThat(acd.commands).doesNotContain("ringNoAnswer " + CALL);
        assertThat(handler.inputs).last().isEqualTo(CALL + " HungUp");
    }

    @Test
    void aRestErrorOnConnectIsTwiliosFailureNotTheOperators() {
        queue();
        api.failNext(new Failure(500, 20500, "Internal Server Error"));

        twilio.backend.connector().connect(new CallId(CALL), new OperatorId("anna"), "client:anna");

        awaitTrue(() -> acd.commands.contains("connectFailed " + CALL));
        assertThat(acd.commands).doesNotContain("ringNoAnswer " + CALL);
        assertThat(api.requests()).hasSize(1);
        assertThat(stateIs(TwilioCalls.State.QUEUED)).isTrue();
    }

    @Test
    void a21220ForACallTwilioStillHasInProgressIsAFailureNotAnEnd() {
        queue();
        api.failNext(new Failure(400, 21220, "Call is not in-progress. Cannot redirect."));

        twilio.backend.connector().connect(new CallId(CALL), new OperatorId("anna"), "client:anna");

        awaitTrue(() -> acd.commands.contains("connectFailed " + CALL));
        assertThat(api.requests()).extracting(Captured::method).containsExactly("POST", "GET"); // fetched: in doubt
        assertThat(stateIs(TwilioCalls.State.QUEUED)).isTrue();
        assertThat(handler.inputs).doesNotContain(CALL + " HungUp");
    }

    @Test
    void anAsteriskOnlyEndpointIsNotDialled() {
        queue();
        twilio.backend.connector().connect(new CallId(CALL), new OperatorId("anna"), "PJSIP/op100");
        awaitTrue(() -> acd.commands.contains("ringNoAnswer " + CALL));
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void theCallerHangingUpEndsTheFlowAndATalkingCallEndsForTheAcd() {
        queue();
        twilio.backend.connector().connect(new CallId(CALL), new OperatorId("anna"), "+37060000001");
        LoopbackConferences.Participant anna = await(() -> api.conferences().participantTo("+37060000001").orElse(null));
        awaitTrue(() -> stateIs(TwilioCalls.State.RINGING));
        api.conferences().participantStatus(anna, "in-progress");

        Answer status = call("/twilio/status", Map.of("CallStatus", "completed", "CallDuration", "73"));
        Answer again = call("/twilio/status", Map.of("CallStatus", "completed"));

        assertThat(status.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(204);
        assertThat(acd.commands).containsExactly("operatorAnswered " + CALL, "callEnded " + CALL);
        assertThat(handler.inputs.stream().filter(s -> s.endsWith("HungUp"))).hasSize(1);
        assertThat(call("/twilio/gather", Map.of("Digits", "1")).body()).contains("has ended");
    }

    /**
     * Issue 19 item 8: Twilio requests the Dial's action after the call ended too; a 400 shows in its debugger. (A
     * call connected by the {@code <Dial>} of versions before ADR 0128, still live during an upgrade: the
     * {@code /twilio/answered} and {@code /twilio/dial} webhooks stay for those.)
     */
    @Test
    void aDialActionAfterTheStatusCallbackGetsAnEmptyAnswer() {
        queue();
        twilio.backend.connector().connect(new CallId(CALL), new OperatorId("anna"), "+37060000001");
        awaitTrue(() -> !api.requests().isEmpty());
        twilio.twilio.post("/twilio/answered?call=" + CALL,
                TwilioWebhookCaller.voiceParams("CA99999999999999999999999999999999", DID, "+37060000001", "in-progress"));
        assertThat(call("/twilio/status", Map.of("CallStatus", "completed")).status()).isEqualTo(204);

        Answer late = call("/twilio/dial", Map.of("DialCallStatus", "completed", "CallStatus", "completed",
                "DialCallDuration", "31"));

        assertThat(late.status()).isEqualTo(200);
        assertThat(late.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        assertThat(acd.commands).containsExactly("operatorAnswered " + CALL, "callEnded " + CALL);
        assertThat(handler.inputs.stream().filter(s -> s.endsWith("HungUp"))).hasSize(1);
    }

    /**
     * Issue 19 item 2: while the operator is rung (here the REST update hangs), each hold webhook was answered with a
     * bare Redirect, which Twilio fetches again at once: 675 webhooks in 16 s and silence. Twilio runs an answer's
     * verbs before it follows the Redirect, so the answer must keep the caller listening for a while.
     */
    @Test
    void whileTheOperatorIsRungTheCallerHearsHoldMusicBetweenPolls() {
        queue();
        api.hang();
        twilio.backend.connector().connect(new CallId(CALL), new OperatorId("anna"), "+37060000001");
        awaitTrue(() -> stateIs(TwilioCalls.State.RINGING) && api.held() == 1);
        int inputs = handler.inputs.size();

        Answer poll = call("/twilio/hold", Map.of());

        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.body()).contains("<Play>https://ivr.example.com/sounds/moh/hold.wav</Play>")
                .endsWith("<Redirect method=\"POST\">https://ivr.example.com/twilio/hold</Redirect></Response>");
        // the hold music is 20 s long (twilio.hold-music-length): one webhook per 20 s, not hundreds per second
        assertThat(TwimlPlayback.seconds(poll.body(), Duration.ofSeconds(20))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(handler.inputs).hasSize(inputs); // not a hold tick: the flow is not asked anything
        api.release();
    }

    /** Issue 19 item 9: Twilio retries a webhook with the same idempotency token; the retry is not new input. */
    @Test
    void aRetriedGatherGetsTheFirstAnswerAndCountsOnce() {
        call("/twilio/voice", Map.of());
        Map<String, String> p = new LinkedHashMap<>(TwilioWebhookCaller.voiceParams(CALL, CALLER, DID, "in-progress"));
        p.put("Digits", "1");

        Answer first = twilio.twilio.post("/twilio/gather", p, "idem-7f3a2c");
        Answer retry = twilio.twilio.post("/twilio/gather", p, "idem-7f3a2c");

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body()).contains("hold.wav");
        assertThat(handler.inputs.stream().filter(s -> s.equals(CALL + " digits 1"))).hasSize(1);
        // another request (another token) is new input as before: the call is on hold now, so a gather is refused
        assertThat(twilio.twilio.post("/twilio/gather", p, "idem-other").status()).isEqualTo(400);
    }

    /**
     * Issue 19 item 7: a From with CR/LF wrote a forged line into the log. Logged through the server's own log
     * configuration (the pattern of its console appender), every line must still be one real log line.
     */
    @Test
    void aCallerIdWithALineBreakCannotForgeALogLine() throws Exception {
        // the server's logback.xml (tests run with core's logback-test.xml), read into a context of its own
        ch.qos.logback.classic.LoggerContext served = new ch.qos.logback.classic.LoggerContext();
        var joran = new ch.qos.logback.classic.joran.JoranConfigurator();
        joran.setContext(served);
        joran.doConfigure(java.nio.file.Path.of("src/main/resources/logback.xml").toUri().toURL());
        var console = (ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
                served.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ERR");
        ch.qos.logback.classic.LoggerContext context =
                (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        String pattern = ((ch.qos.logback.classic.encoder.PatternLayoutEncoder) console.getEncoder()).getPattern();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        var encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        encoder.setContext(served); // with the conversion rules the server's file declares
        encoder.setPattern(pattern);
        encoder.start();
        var capture = new ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        capture.setContext(context);
        capture.setEncoder(encoder);
        capture.setOutputStream(out);
        capture.start();
        ch.qos.logback.classic.Logger voiceLog = context.getLogger(TwilioVoice.class);
        ch.qos.logback.classic.Level level = voiceLog.getLevel();
        voiceLog.setLevel(ch.qos.logback.classic.Level.INFO); // as the server logs it
        voiceLog.addAppender(capture);
        try {
            Map<String, String> p = new LinkedHashMap<>(TwilioWebhookCaller.voiceParams(CALL,
                    "+37061234567\r\n07:00:00.000 INFO  d.f.server.api.AuthRoutes - supervisor 'boss' logged in\u001b[2K",
                    DID, "ringing"));
            assertThat(twilio.twilio.post("/twilio/voice", p).status()).isEqualTo(200);
        } finally {
            voiceLog.detachAppender(capture);
            voiceLog.setLevel(level);
            capture.stop();
            served.stop();
        }

        String log = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).contains("from +37061234567\\r\\n07:00:00.000 INFO").contains("\\u001b[2K")
                .doesNotContain("\u001b");
        assertThat(log.lines()).isNotEmpty().allSatisfy(line ->
                assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  d\\.f\\.server\\.twilio\\.TwilioVoice - .*"));
    }

    @Test
    void aCallbackCallsTheOperatorIntoItsConferenceThenAddsTheCustomer() {
        twilio.backend.connector().originateCallback("cb-17-1", new OperatorId("anna"), "client:anna", "+37061234567", "+37052000000");

        Captured create = await(() -> api.requestsTo("/Calls.json").stream().findFirst().orElse(null));
        assertThat(create.path()).isEqualTo("/2010-04-01/Accounts/" + TwilioHarness.SID + "/Calls.json");
        assertThat(create.param("To")).isEqualTo("client:anna");
        assertThat(create.param("From")).isEqualTo("+37052000000");
        assertThat(create.param("Twiml")).contains("<Dial><Conference ").contains("startConferenceOnEnter=\"true\"")
                .contains("endConferenceOnExit=\"false\"").contains(">fl-cb-17-1</Conference></Dial>")
                .doesNotContain("<Number");
        assertThat(create.param("StatusCallback")).isEqualTo("https://ivr.example.com/twilio/callback-status?attempt=cb-17-1");
        assertThat(create.form().get("StatusCallbackEvent")).containsExactly("initiated", "ringing", "answered", "completed");
        assertThat(create.param("Timeout")).isEqualTo("8");
        String operatorLeg = "CA33333333333333333333333333333333";
        assertThat(api.requestsTo("/Participants.json")).isEmpty(); // the customer is rung only once the operator answers

        Map<String, String> answered = TwilioWebhookCaller.voiceParams(operatorLeg, "+37052000000", "client:anna", "in-progress");
        assertThat(twilio.twilio.post("/twilio/callback-status?attempt=cb-17-1", answered).status()).isEqualTo(204);

        LoopbackConferences.Participant customer = await(() ->
                api.conferences().participantTo("+37061234567").orElse(null));
        Captured add = api.requestsTo("/Conferences/fl-cb-17-1/Participants.json").get(0);
        assertThat(add.param("From")).isEqualTo("+37052000000"); // the callback's caller id
        assertThat(add.param("Timeout")).isEqualTo("8");
        assertThat(add.param("EndConferenceOnExit")).isEqualTo("true"); // the customer leaving ends it, as a caller
        assertThat(add.param("StatusCallback")).isEqualTo("https://ivr.example.com/twilio/callback-customer?attempt=cb-17-1");
        assertThat(api.conferences().participantStatus(customer, "ringing")).isEqualTo(204);
        assertThat(api.conferences().participantStatus(customer, "in-progress")).isEqualTo(204);
        assertThat(acd.commands).containsExactly("callbackAnswered cb-17-1");

        assertThat(api.conferences().participantStatus(customer, "completed")).isEqualTo(204);
        Map<String, String> done = new LinkedHashMap<>(answered);
        done.put("CallStatus", "completed");
        assertThat(twilio.twilio.post("/twilio/callback-status?attempt=cb-17-1", done).status()).isEqualTo(204);

        assertThat(acd.commands).containsExactly("callbackAnswered cb-17-1", "callEnded cb-17-1");
    }

    @Test
    void aCallbacksCustomerWhoIsBusyDoesNotAnswerOrCannotBeCalledIsItsOutcomeAndTheOperatorIsHungUp() {
        String[][] cases = {{"cb-21-1", "busy", "callbackFailed cb-21-1 CUSTOMER_BUSY"},
                {"cb-22-1", "no-answer", "callbackFailed cb-22-1 CUSTOMER_NO_ANSWER"},
                {"cb-23-1", "failed", "callbackFailed cb-23-1 FAILED"}};
        for (String[] c : cases) {
            String customerNumber = "+3706100000" + c[0].charAt(4);
            twilio.backend.connector().originateCallback(c[0], new OperatorId("anna"), "client:anna", customerNumber, "");
            Captured create = await(() -> api.requestsTo("/Calls.json").stream()
                    .filter(r -> r.param("Twiml").contains("fl-" + c[0] + "<")).findFirst().orElse(null));
            String operatorLeg = "CA4444444444444444444444444444444" + c[0].charAt(4);
            twilio.twilio.post("/twilio/callback-status?attempt=" + c[0],
                    TwilioWebhookCaller.voiceParams(operatorLeg, DID, "client:anna", "in-progress"));
            LoopbackConferences.Participant customer = await(() ->
                    api.conferences().participantTo(customerNumber).orElse(null));
            assertThat(customer.created.get("From")).isEqualTo(DID); // no caller id given: the desk's number

            assertThat(api.conferences().participantStatus(customer, c[1])).isEqualTo(204);

            awaitTrue(() -> acd.commands.contains(c[2]));
            Captured hangUp = await(() -> api.requestsTo("/Calls/" + operatorLeg + ".json").stream().findFirst()
                    .orElse(null)); // the operator's phone is hung up, as the <Dial>'s end hung it up before
            assertThat(hangUp.param("Status")).isEqualTo("completed");
            assertThat(create).isNotNull();
        }
        assertThat(acd.commands).containsExactly("callbackFailed cb-21-1 CUSTOMER_BUSY",
                "callbackFailed cb-22-1 CUSTOMER_NO_ANSWER", "callbackFailed cb-23-1 FAILED");
    }

    @Test
    void aCustomerParticipantTwilioRefusesFailsTheCallbackAndHangsUpTheOperator() {
        twilio.backend.connector().originateCallback("cb-31-1", new OperatorId("anna"), "client:anna", "+37061234567", "");
        await(() -> api.requestsTo("/Calls.json").stream().findFirst().orElse(null));
        api.conferences().refuseNextCreate(new Failure(400, 21217, "Phone number does not appear to be valid"));
        String operatorLeg = "CA55555555555555555555555555555555";

        twilio.twilio.post("/twilio/callback-status?attempt=cb-31-1",
                TwilioWebhookCaller.voiceParams(operatorLeg, DID, "client:anna", "in-progress"));

        awaitTrue(() -> acd.commands.size() == 1);
        assertThat(acd.commands.get(0)).isEqualTo("callbackFailed cb-31-1 FAILED");
        Captured hangUp = await(() -> api.requestsTo("/Calls/" + operatorLeg + ".json").stream().findFirst().orElse(null));
        assertThat(hangUp.param("Status")).isEqualTo("completed");
    }

    @Test
    void onACallbackCallTheOperatorMutesAndASupervisorWhispersThroughItsConference() {
        twilio.backend.connector().originateCallback("cb-41-1", new OperatorId("anna"), "client:anna", "+37061234567", "");
        await(() -> api.requestsTo("/Calls.json").stream().findFirst().orElse(null));
        String operatorLeg = "CA66666666666666666666666666666666";
        twilio.twilio.post("/twilio/callback-status?attempt=cb-41-1",
                TwilioWebhookCaller.voiceParams(operatorLeg, DID, "client:anna", "in-progress"));
        LoopbackConferences.Participant customer = await(() ->
                api.conferences().participantTo("+37061234567").orElse(null));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> twilio.backend.connector()
                .mute(new CallId("cb-41-1"), new OperatorId("anna"), true)); // not talking before the customer answers
        api.conferences().participantStatus(customer, "in-progress");
        String cf = customer.conferenceSid;
        awaitTrue(() -> api.requestsTo("/Conferences/fl-cb-41-1/Participants.json").size() == 1);

        twilio.backend.connector().mute(new CallId("cb-41-1"), new OperatorId("anna"), true);
        twilio.backend.connector().spy(new CallId("cb-41-1"), new OperatorId("anna"), "client:vida",
                dev.frontline.core.common.SpyMode.WHISPER);

        Captured mute = await(() -> api.requestsTo("/Participants/" + operatorLeg + ".json").stream().findFirst()
                .orElse(null));
        assertThat(mute.path()).containsAnyOf("/Conferences/" + cf + "/Participants/" + operatorLeg + ".json",
                "/Conferences/fl-cb-41-1/Participants/" + operatorLeg + ".json"); // its SID once Twilio answered the create
        assertThat(mute.param("Muted")).isEqualTo("true");
        LoopbackConferences.Participant coach = await(() -> api.conferences().participantTo("client:vida").orElse(null));
        assertThat(coach.conferenceSid).isEqualTo(cf);
        assertThat(coach.coaching).isTrue();
        assertThat(coach.callSidToCoach).isEqualTo(operatorLeg);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> twilio.backend.connector()
                .mute(new CallId("cb-41-1"), new OperatorId("boris"), true));
    }

    /** A callback {@code attempt} placed to anna whose customer {@code number} answered: [operator leg, customer]. */
    private Object[] answeredCallback(String attempt, String number) {
        twilio.backend.connector().originateCallback(attempt, new OperatorId("anna"), "client:anna", number, "");
        LoopbackConferences.Participant operator = await(() -> api.conferences().participants().stream()
                .filter(p -> p.created.get("To") == null).findFirst().orElse(null)); // joined by the call's TwiML
        twilio.twilio.post("/twilio/callback-status?attempt=" + attempt,
                TwilioWebhookCaller.voiceParams(operator.callSid, DID, "client:anna", "in-progress"));
        LoopbackConferences.Participant customer = await(() -> api.conferences().participantTo(number).orElse(null));
        assertThat(api.conferences().participantStatus(customer, "in-progress")).isEqualTo(204);
        awaitTrue(() -> acd.commands.contains("callbackAnswered " + attempt));
        return new Object[]{operator.callSid, customer};
    }

    private Map<String, String> legStatus(String leg, String to, String status) {
        return TwilioWebhookCaller.voiceParams(leg, DID, to, status);
    }

    @Test
    void aCallbackCallIsTransferredColdTheColleagueJoinsItsConferenceAndItsEndHangsUpTheCustomer() {
        Object[] c = answeredCallback("cb-51-1", "+37061234567");
        String annaLeg = (String) c[0];
        LoopbackConferences.Participant customer = (LoopbackConferences.Participant) c[1];
        CallId call = new CallId("cb-51-1");
        assertThat(twilio.backend.connector().canTransfer(call)).isTrue(); // refused before ADR 0147's Twilio step

        twilio.backend.connector().release(call, new OperatorId("anna"));

        Captured hold = await(() -> api.requestsTo("/Participants/" + customer.callSid + ".json").stream()
                .findFirst().orElse(null)); // the customer waits on hold music, not in an empty conference
        assertThat(hold.param("Hold")).isEqualTo("true");
        assertThat(hold.param("HoldUrl")).startsWith("https://ivr.example.com/sounds/");
        Captured leave = await(() -> api.requestsTo("/Participants/" + annaLeg + ".json").stream()
                .findFirst().orElse(null));
        assertThat(leave.method()).isEqualTo("DELETE");
        // anna's call ends: it no longer ends the conference, and nothing hangs up the customer
        assertThat(twilio.twilio.post("/twilio/callback-status?attempt=cb-51-1",
                legStatus(annaLeg, "client:anna", "completed")).status()).isEqualTo(204);

        twilio.backend.connector().connect(call, new OperatorId("boris"), "client:boris");

        LoopbackConferences.Participant boris = await(() -> api.conferences().participantTo("client:boris").orElse(null));
        assertThat(boris.conferenceSid).isEqualTo(customer.conferenceSid);
        assertThat(boris.created.get("EndConferenceOnExit")).isEqualTo("false");
        assertThat(boris.created.get("StatusCallback"))
                .isEqualTo("https://ivr.example.com/twilio/callback-operator?attempt=cb-51-1&operator=boris");
        awaitTrue(() -> acd.attributed.contains("phoneRinging cb-51-1 at boris"));
        assertThat(api.conferences().participantStatus(boris, "ringing")).isEqualTo(204);
        assertThat(api.conferences().participantStatus(boris, "in-progress")).isEqualTo(204);
        awaitTrue(() -> acd.attributed.contains("operatorAnswered cb-51-1 by boris"));
        awaitTrue(() -> !customer.hold); // taken back for boris
        assertThat(twilio.backend.connector().canHold(call)).isTrue();
        assertThat(api.requestsTo("/Calls/" + customer.callSid + ".json")).isEmpty();

        assertThat(api.conferences().participantStatus(boris, "completed")).isEqualTo(204);

        Captured hangUp = await(() -> api.requestsTo("/Calls/" + customer.callSid + ".json").stream().findFirst()
                .orElse(null)); // boris hung up: the conversation is over, the customer's call too
        assertThat(hangUp.param("Status")).isEqualTo("completed");
        assertThat(api.conferences().participantStatus(customer, "completed")).isEqualTo(204);
        awaitTrue(() -> acd.commands.contains("callEnded cb-51-1"));
        assertThat(acd.commands).containsExactly("callbackAnswered cb-51-1", "operatorAnswered cb-51-1",
                "callEnded cb-51-1"); // done once: no callbackFailed, nothing to retry
    }

    @Test
    void theFirstOperatorHangingUpACallbackCallHangsUpItsCustomer() {
        Object[] c = answeredCallback("cb-52-1", "+37061234568");
        LoopbackConferences.Participant customer = (LoopbackConferences.Participant) c[1];

        twilio.twilio.post("/twilio/callback-status?attempt=cb-52-1", legStatus((String) c[0], "client:anna", "completed"));

        Captured hangUp = await(() -> api.requestsTo("/Calls/" + customer.callSid + ".json").stream().findFirst()
                .orElse(null));
        assertThat(hangUp.param("Status")).isEqualTo("completed");
        api.conferences().participantStatus(customer, "completed");
        awaitTrue(() -> acd.commands.contains("callEnded cb-52-1"));
    }

    @Test
    void aTransferredCallbacksColleagueWhoDoesNotAnswerIsBusyOrIsRefusedLeavesTheCustomerWaitingAndItsHangUpEndsIt() {
        Object[] c = answeredCallback("cb-53-1", "+37061234569");
        LoopbackConferences.Participant customer = (LoopbackConferences.Participant) c[1];
        CallId call = new CallId("cb-53-1");
        twilio.backend.connector().release(call, new OperatorId("anna"));
        awaitTrue(() -> customer.hold);

        twilio.backend.connector().connect(call, new OperatorId("boris"), "client:boris");
        LoopbackConferences.Participant boris = await(() -> api.conferences().participantTo("client:boris").orElse(null));
        awaitTrue(() -> acd.attributed.contains("phoneRinging cb-53-1 at boris"));
        api.conferences().participantStatus(boris, "no-answer");
        awaitTrue(() -> acd.attributed.contains("ringNoAnswer cb-53-1 by boris (operator phone: no-answer)"));

        twilio.backend.connector().connect(call, new OperatorId("vida"), "client:vida");
        LoopbackConferences.Participant vida = await(() -> api.conferences().participantTo("client:vida").orElse(null));
        awaitTrue(() -> acd.attributed.contains("phoneRinging cb-53-1 at vida"));
        api.conferences().participantStatus(vida, "busy");
        awaitTrue(() -> acd.attributed.contains("ringNoAnswer cb-53-1 by vida (operator phone: busy)"));

        api.conferences().refuseNextCreate(new Failure(500, 20500, "Internal Server Error"));
        twilio.backend.connector().connect(call, new OperatorId("boris"), "client:boris");
        awaitTrue(() -> acd.commands.contains("connectFailed cb-53-1"));
        api.conferences().refuseNextCreate(new Failure(400, 21217, "Phone number does not appear to be valid"));
        twilio.backend.connector().connect(call, new OperatorId("boris"), "client:boris");
        awaitTrue(() -> acd.commands.stream().filter("connectFailed cb-53-1"::equals).count() == 2);
        assertThat(customer.hold).isTrue(); // still waiting, on hold, in its conference
        assertThat(customer.removed).isFalse();

        int before = api.conferences().participants().size();
        twilio.backend.connector().connect(call, new OperatorId("mia"), "client:mia");
        LoopbackConferences.Participant mia = await(() -> api.conferences().participantTo("client:mia").orElse(null));
        awaitTrue(() -> acd.attributed.contains("phoneRinging cb-53-1 at mia"));
        assertThat(api.conferences().participants()).hasSize(before + 1);
        api.conferences().participantStatus(customer, "completed"); // the customer hangs up while mia rings

        awaitTrue(() -> mia.removed); // the ringing colleague is let go
        awaitTrue(() -> acd.commands.contains("callEnded cb-53-1"));
        api.conferences().participantStatus(mia, "completed");
        assertThat(acd.commands).containsExactly("callbackAnswered cb-53-1", "ringNoAnswer cb-53-1",
                "ringNoAnswer cb-53-1", "connectFailed cb-53-1", "connectFailed cb-53-1", "callEnded cb-53-1");
    }

    @Test
    void theCustomerHangingUpOnTheColleagueAfterATransferHangsUpHisPhoneAndEndsTheCallOnce() {
        Object[] c = answeredCallback("cb-55-1", "+37061234561");
        LoopbackConferences.Participant customer = (LoopbackConferences.Participant) c[1];
        CallId call = new CallId("cb-55-1");
        twilio.backend.connector().release(call, new OperatorId("anna"));
        twilio.backend.connector().connect(call, new OperatorId("boris"), "client:boris");
        LoopbackConferences.Participant boris = await(() -> api.conferences().participantTo("client:boris").orElse(null));
        awaitTrue(() -> acd.attributed.contains("phoneRinging cb-55-1 at boris"));
        api.conferences().participantStatus(boris, "in-progress");
        awaitTrue(() -> acd.commands.contains("operatorAnswered cb-55-1"));

        api.conferences().participantStatus(customer, "completed");

        Captured hangUp = await(() -> api.requestsTo("/Calls/" + boris.callSid + ".json").stream().findFirst()
                .orElse(null));
        assertThat(hangUp.param("Status")).isEqualTo("completed");
        api.conferences().participantStatus(boris, "completed"); // his leg's end after it: nothing more
        awaitTrue(() -> acd.commands.contains("callEnded cb-55-1"));
        assertThat(acd.commands).containsExactly("callbackAnswered cb-55-1", "operatorAnswered cb-55-1",
                "callEnded cb-55-1");
        assertThat(api.requestsTo("/Calls/" + customer.callSid + ".json")).isEmpty();
        assertThat(c[0]).isNotNull();
    }

    @Test
    void aWithdrawnTransferOfACallbackRemovesTheRingingColleagueAndHerLateAnswerIsHungUp() {
        Object[] c = answeredCallback("cb-54-1", "+37061234560");
        CallId call = new CallId("cb-54-1");
        twilio.backend.connector().release(call, new OperatorId("anna"));
        twilio.backend.connector().connect(call, new OperatorId("boris"), "client:boris");
        LoopbackConferences.Participant boris = await(() -> api.conferences().participantTo("client:boris").orElse(null));
        awaitTrue(() -> acd.attributed.contains("phoneRinging cb-54-1 at boris"));

        twilio.backend.connector().withdraw(call, new OperatorId("boris"));

        awaitTrue(() -> boris.removed);
        api.conferences().participantStatus(boris, "in-progress");
        assertThat(acd.attributed).doesNotContain("operatorAnswered cb-54-1 by boris");
        assertThat(twilio.twilio.post("/twilio/callback-operator?attempt=a%20b&operator=boris",
                legStatus(boris.callSid, "client:boris", "in-progress")).status()).isEqualTo(400);
        assertThat(c[0]).isNotNull();
    }

    @Test
    void callbackFailuresAreReportedByAttempt() {
        Map<String, String> leg = TwilioWebhookCaller.voiceParams("CA33333333333333333333333333333333", "+37052000000", "client:anna", "no-answer");
        twilio.twilio.post("/twilio/callback-status?attempt=cb-1-1", leg);
        Map<String, String> busy = new LinkedHashMap<>(leg);
        busy.put("CallStatus", "in-progress");
        busy.put("DialCallStatus", "busy");
        twilio.twilio.post("/twilio/callback-dial?attempt=cb-2-1", busy);
        api.failNext(new Failure(400, 21217, "Phone number does not appear to be valid"));
        twilio.backend.connector().originateCallback("cb-3-1", new OperatorId("anna"), "+37060000001", "+1", "");

        awaitTrue(() -> acd.commands.size() == 3);
        assertThat(acd.commands).containsExactly("callbackFailed cb-1-1 OPERATOR_NO_ANSWER",
                "callbackFailed cb-2-1 CUSTOMER_BUSY", "callbackFailed cb-3-1 FAILED");
        assertThat(twilio.twilio.post("/twilio/callback-dial?attempt=a%20b", busy).status()).isEqualTo(400);
    }

    @Test
    void recordingsAreServedAndNothingElse() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + twilio.app.port();
        var ok = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/sounds/en/welcome.wav")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        var escape = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/sounds/..%2Fsecret.txt")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var missing = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/sounds/en/nope.wav")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).contains("audio/wav");
        assertThat(ok.body()).startsWith((byte) 'R', (byte) 'I', (byte) 'F', (byte) 'F');
        assertThat(escape.statusCode()).isEqualTo(404);
        assertThat(escape.body()).doesNotContain("do not serve");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void aNewBackendOverTheSameStoreContinuesTheCall() {
        call("/twilio/voice", Map.of());
        call("/twilio/gather", Map.of("Digits", "1"));
        twilio.close();

        twilio = harness(Map.of());
        Answer tick = call("/twilio/hold", Map.of());

        assertThat(tick.status()).isEqualTo(200);
        assertThat(tick.body()).contains("position.wav");
    }

    private void queue() {
        call("/twilio/voice", Map.of());
        call("/twilio/gather", Map.of("Digits", "1"));
    }

    private boolean stateIs(TwilioCalls.State state) {
        return new TwilioCalls(db, java.time.Clock.systemUTC()).find(CALL).map(r -> r.state() == state).orElse(false);
    }

    static <T> T await(Supplier<T> probe) {
        Instant end = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(end)) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            sleep();
        }
        throw new AssertionError("timed out");
    }

    static void awaitTrue(Supplier<Boolean> probe) {
        await(() -> probe.get() ? Boolean.TRUE : null);
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
