package dev.frontline.server;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.server.twilio.peer.LoopbackConferences;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi;
import dev.frontline.server.twilio.peer.TwilioWebhookCaller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** serve with Twilio enabled: the webhooks and recordings are on the API port, signed and checked. */
class FrontlineServerTwilioTest {
    static final String TOKEN = "serve-test-token";

    @TempDir
    Path dir;

    @Test
    void theComposedServerAnswersSignedWebhooksAndRefusesUnsignedOnes() throws Exception {
        try (LoopbackTwilioApi api = new LoopbackTwilioApi()) {
            FrontlineConfig config = twilioConfig(api, "sms:\n  provider: twilio\n");

            try (FrontlineServer server = FrontlineServer.start(config, FrontlineServer.Options.production().withPort(0))) {
                TwilioWebhookCaller twilio = new TwilioWebhookCaller("http://127.0.0.1:" + server.port(),
                        "https://ivr.example.com", TOKEN);
                Map<String, String> call = TwilioWebhookCaller.voiceParams("CA55555555555555555555555555555555",
                        "+37069990000", "+37052000000", "ringing");

                assertThat(twilio.send("/twilio/voice", call, null).status()).isEqualTo(403);
                TwilioWebhookCaller.Answer answer = twilio.post("/twilio/voice", call);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).contains("<Gather ").contains("https://ivr.example.com/sounds/en/");

                HttpResponse<byte[]> music = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/sounds/moh/hold.wav")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(music.statusCode()).isEqualTo(200);
                assertThat(music.body().length).isGreaterThan(1000);
            }
        }
    }

    /**
     * Issue 21 on Twilio (ADR 0128): the desktop's hold, mute and supervise messages, the same as on Asterisk, reach
     * the caller's conference at the loopback Twilio; an operator may not listen in (forbidden), a supervisor's
     * whisper is audited and joins as the operator's coach; the conversation is recorded and the WAV fetched.
     */
    @Test
    void theDesktopsCallControlsReachTheCallersConferenceOnTwilio() throws Exception {
        java.time.Clock clock = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.between(
                java.time.Instant.now(), java.time.Instant.parse("2026-03-02T10:00:00Z"))); // Monday 12:00 Vilnius
        String caller = "CA66666666666666666666666666666666";
        try (LoopbackTwilioApi api = new LoopbackTwilioApi()) {
            FrontlineConfig config = twilioConfig(api, "recording:\n  enabled: true\n  dir: " + dir.resolve("recordings")
                    + "\n");
            insertDesk(config, clock);

            try (FrontlineServer server = FrontlineServer.start(config, FrontlineServer.Options.production().withPort(0),
                    clock)) {
                TwilioWebhookCaller twilio = new TwilioWebhookCaller("http://127.0.0.1:" + server.port(),
                        "https://ivr.example.com", TOKEN);
                api.conferences().deliverTo(twilio, "https://ivr.example.com");
                dev.frontline.server.testing.DeskClient http = new dev.frontline.server.testing.DeskClient(server.port());
                dev.frontline.server.testing.DeskClient.Socket anna = http.connect(http.login("anna", "pw"));
                anna.await(ServerMessage.Welcome.class, 5);
                anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, null)));
                dev.frontline.server.testing.DeskClient.Socket vida = http.connect(http.login("vida", "pw"));
                vida.await(ServerMessage.Welcome.class, 5);

                Map<String, String> call = new java.util.LinkedHashMap<>(TwilioWebhookCaller.voiceParams(caller,
                        "+37069990000", "+37052000000", "in-progress"));
                String body = twilio.post("/twilio/voice", call).body();
                for (int i = 0; i < 6 && !body.contains("/twilio/hold</Redirect>"); i++) {
                    call.put("Digits", body.contains("main-menu") ? "1" : "");
                    body = twilio.post("/twilio/gather", call).body();
                }
                assertThat(body).contains("/twilio/hold</Redirect>");
                ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 10);
                assertThat(pop.callId()).isEqualTo(caller);
                LoopbackConferences.Participant annaLeg = await(() ->
                        api.conferences().participantTo("+37060000001").orElse(null));
                awaitTrue(() -> twilio.post("/twilio/hold", withoutDigits(call)).body()
                        .contains("moh/hold.wav")); // the caller's last poll before the conference took over
                assertThat(api.conferences().participantStatus(annaLeg, "in-progress")).isEqualTo(204);
                anna.await(ServerMessage.CallConnected.class, 5);
                String cf = api.conferences().conferenceSid("fl-" + caller).orElseThrow();

                assertThat(anna.reply(anna.send(new ClientMessage.HoldCall(anna.nextId(), caller, true))))
                        .isInstanceOf(ServerMessage.Ack.class);
                awaitTrue(() -> api.conferences().participants().stream()
                        .anyMatch(p -> p.callSid.equals(caller) && p.hold));
                assertThat(anna.reply(anna.send(new ClientMessage.HoldCall(anna.nextId(), caller, false))))
                        .isInstanceOf(ServerMessage.Ack.class);
                assertThat(anna.reply(anna.send(new ClientMessage.MuteCall(anna.nextId(), caller, true))))
                        .isInstanceOf(ServerMessage.Ack.class);
                awaitTrue(() -> annaLeg.muted);
                ServerMessage refused = anna.reply(anna.send(new ClientMessage.Supervise(anna.nextId(), "anna",
                        dev.frontline.core.common.SpyMode.LISTEN)));
                assertThat(refused).isInstanceOfSatisfying(ServerMessage.ErrorReply.class,
                        e -> assertThat(e.code()).isEqualTo("forbidden"));
                assertThat(vida.reply(vida.send(new ClientMessage.Supervise(vida.nextId(), "anna",
                        dev.frontline.core.common.SpyMode.WHISPER)))).isInstanceOf(ServerMessage.Ack.class);

                LoopbackConferences.Participant coach = await(() ->
                        api.conferences().participantTo("client:vida").orElse(null));
                assertThat(coach.coaching).isTrue();
                assertThat(coach.callSidToCoach).isEqualTo(annaLeg.callSid);
                supervisorSwitchesHangsUpListensAgainAndStops(api, vida, coach);
                assertThat(coach.conferenceSid).isEqualTo(cf);
                assertThat(api.conferences().participants()).filteredOn(p -> p.callSid.equals(caller))
                        .singleElement().satisfies(p -> assertThat(p.hold).isFalse());
                HttpResponse<String> audit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + server.port() + "/api/audit?action=supervise-whisper"))
                        .header("Authorization", "Bearer " + http.login("vida", "pw")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(audit.body()).contains("supervise-whisper").contains("vida").contains(caller);
                assertThat(api.conferences().conferenceNoun(caller)).containsEntry("record", "record-from-start");

                // consultation (ADR 0138): anna consults boris, who answers; she completes the transfer to him
                dev.frontline.server.testing.DeskClient.Socket boris = http.connect(http.login("boris", "pw"));
                boris.await(ServerMessage.Welcome.class, 5);
                boris.reply(boris.send(new ClientMessage.SetState(boris.nextId(), OperatorState.READY, null)));
                assertThat(anna.reply(anna.send(new ClientMessage.ConsultCall(anna.nextId(), caller, "boris", null,
                        "router keeps rebooting")))).isInstanceOf(ServerMessage.Ack.class);
                ServerMessage.ScreenPop consultPop = boris.await(ServerMessage.ScreenPop.class, 10);
                assertThat(consultPop.callId()).isEqualTo(caller);
                LoopbackConferences.Participant borisLeg = await(() ->
                        api.conferences().participantTo("sip:boris@desk.example.com").orElse(null));
                assertThat(borisLeg.created.get("StatusCallback")).endsWith("&operator=boris&consult=1");
                assertThat(borisLeg.conferenceSid).isEqualTo(cf);
                awaitTrue(() -> api.conferences().participants().stream()
                        .anyMatch(p -> p.callSid.equals(caller) && p.hold));
                assertThat(api.conferences().participantStatus(borisLeg, "in-progress")).isEqualTo(204);
                ServerMessage.ConsultChanged changed = anna.await(ServerMessage.ConsultChanged.class, 10);
                while (!ServerMessage.ConsultChanged.TALKING.equals(changed.stage())) { // ringing first
                    assertThat(changed.stage()).isEqualTo(ServerMessage.ConsultChanged.RINGING);
                    changed = anna.await(ServerMessage.ConsultChanged.class, 10);
                }
                assertThat(changed.to()).isEqualTo("boris");
                assertThat(anna.reply(anna.send(new ClientMessage.CompleteTransfer(anna.nextId(), caller))))
                        .isInstanceOf(ServerMessage.Ack.class);
                awaitTrue(() -> annaLeg.removed && api.conferences().participants().stream()
                        .anyMatch(p -> p.callSid.equals(caller) && !p.hold));
                assertThat(borisLeg.removed).isFalse();
                assertThat(boris.reply(boris.send(new ClientMessage.MuteCall(boris.nextId(), caller, true))))
                        .isInstanceOf(ServerMessage.Ack.class); // the call is his now
                awaitTrue(() -> borisLeg.muted);
            }
        }
    }

    /**
     * A callback on Twilio (ADR 0138) runs in its own conference: the operator's phone first, the customer added when
     * the operator answers; the operator mutes it from the desk and a supervisor's whisper coaches the operator's leg;
     * hold, and a cold transfer to a named colleague (ADR 0147), work through it; consult is refused.
     */
    @Test
    void aCallbackCallOnTwilioIsMutedAndSupervisedThroughItsConference() throws Exception {
        java.time.Clock clock = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.between(
                java.time.Instant.now(), java.time.Instant.parse("2026-03-02T10:00:00Z"))); // Monday 12:00 Vilnius
        try (LoopbackTwilioApi api = new LoopbackTwilioApi()) {
            FrontlineConfig config = twilioConfig(api, "");
            insertDesk(config, clock);
            try (FrontlineServer server = FrontlineServer.start(config, FrontlineServer.Options.production().withPort(0),
                    clock)) {
                TwilioWebhookCaller twilio = new TwilioWebhookCaller("http://127.0.0.1:" + server.port(),
                        "https://ivr.example.com", TOKEN);
                api.conferences().deliverTo(twilio, "https://ivr.example.com");
                dev.frontline.server.testing.DeskClient http = new dev.frontline.server.testing.DeskClient(server.port());
                dev.frontline.server.testing.DeskClient.Socket anna = http.connect(http.login("anna", "pw"));
                anna.await(ServerMessage.Welcome.class, 5);
                dev.frontline.server.testing.DeskClient.Socket vida = http.connect(http.login("vida", "pw"));
                vida.await(ServerMessage.Welcome.class, 5);
                assertThat(anna.reply(anna.send(new ClientMessage.ScheduleCallback(anna.nextId(), null, "+37069990000",
                        null, null, "call back about the router")))).isInstanceOf(ServerMessage.Ack.class);
                anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, null)));

                ServerMessage.CallbackOffer offer = anna.await(ServerMessage.CallbackOffer.class, 15);
                String attempt = offer.attemptId();
                LoopbackTwilioApi.Captured create = await(() -> api.requestsTo("/Calls.json").stream().findFirst()
                        .orElse(null));
                assertThat(create.param("Twiml")).contains(">fl-" + attempt + "</Conference>");
                LoopbackConferences.Participant annaLeg = await(() -> api.conferences().participants().stream()
                        .filter(p -> "true".equals(p.created.get("StartConferenceOnEnter"))).findFirst().orElse(null));
                assertThat(twilio.post("/twilio/callback-status?attempt=" + attempt, TwilioWebhookCaller.voiceParams(
                        annaLeg.callSid, "+37052000000", "+37060000001", "in-progress")).status()).isEqualTo(204);
                LoopbackConferences.Participant customer = await(() ->
                        api.conferences().participantTo("+37069990000").orElse(null));
                assertThat(customer.conferenceSid).isEqualTo(annaLeg.conferenceSid);
                assertThat(api.conferences().participantStatus(customer, "in-progress")).isEqualTo(204);
                awaitTrue(() -> {
                    try {
                        return anna.reply(anna.send(new ClientMessage.MuteCall(anna.nextId(), attempt, true)))
                                instanceof ServerMessage.Ack;
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }); // once the ACD has the callback answered
                awaitTrue(() -> annaLeg.muted);
                awaitTrue(() -> { // once her desk shows her talking (the desk events follow the ACD by a moment)
                    try {
                        return vida.reply(vida.send(new ClientMessage.Supervise(vida.nextId(), "anna",
                                dev.frontline.core.common.SpyMode.WHISPER))) instanceof ServerMessage.Ack;
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
                LoopbackConferences.Participant coach = await(() ->
                        api.conferences().participantTo("client:vida").orElse(null));
                assertThat(coach.conferenceSid).isEqualTo(annaLeg.conferenceSid);
                assertThat(coach.callSidToCoach).isEqualTo(annaLeg.callSid);
                supervisorSwitchesHangsUpListensAgainAndStops(api, vida, coach);
                // hold (ADR 0147): the customer's participant in fl-<attemptId> is held with the music, then taken back
                assertThat(anna.reply(anna.send(new ClientMessage.HoldCall(anna.nextId(), attempt, true))))
                        .isInstanceOf(ServerMessage.Ack.class);
                assertThat(anna.await(ServerMessage.CallHoldChanged.class, 5).held()).isTrue();
                awaitTrue(() -> customer.hold);
                assertThat(api.requestsTo("/Participants/" + customer.callSid + ".json").stream()
                        .filter(r -> "true".equals(r.param("Hold"))).findFirst().orElseThrow().param("HoldUrl"))
                        .isEqualTo("https://ivr.example.com/sounds/moh/hold.wav");
                assertThat(annaLeg.hold).as("the operator's leg is not held").isFalse();
                assertThat(anna.reply(anna.send(new ClientMessage.HoldCall(anna.nextId(), attempt, false))))
                        .isInstanceOf(ServerMessage.Ack.class);
                awaitTrue(() -> !customer.hold);
                dev.frontline.server.testing.DeskClient.Socket boris = http.connect(http.login("boris", "pw"));
                boris.await(ServerMessage.Welcome.class, 5);
                boris.reply(boris.send(new ClientMessage.SetState(boris.nextId(), OperatorState.READY, null)));
                // consult of a callback call (ADR 0151): the customer held, boris's phone added to fl-<attemptId>,
                // then cancelled: boris's participant removed, the customer back with anna
                awaitTrue(() -> {
                    try {
                        return anna.reply(anna.send(new ClientMessage.ConsultCall(anna.nextId(), attempt, "boris", null,
                                "router again"))) instanceof ServerMessage.Ack;
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }); // once boris is Ready for the ACD
                LoopbackConferences.Participant borisConsult = await(() ->
                        api.conferences().participantTo("sip:boris@desk.example.com").orElse(null));
                assertThat(borisConsult.conferenceSid).isEqualTo(customer.conferenceSid);
                assertThat(borisConsult.created.get("StatusCallback")).endsWith("&operator=boris&consult=1");
                awaitTrue(() -> customer.hold);
                assertThat(api.conferences().participantStatus(borisConsult, "in-progress")).isEqualTo(204);
                awaitTrue(() -> {
                    try {
                        return anna.reply(anna.send(new ClientMessage.CancelConsult(anna.nextId(), attempt)))
                                instanceof ServerMessage.Ack;
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }); // once the ACD has boris's answer
                awaitTrue(() -> borisConsult.removed && !customer.hold);
                api.conferences().participantStatus(borisConsult, "completed");
                boris.reply(boris.send(new ClientMessage.SetState(boris.nextId(), OperatorState.READY, null)));
                assertThat(annaLeg.removed).isFalse();
                // vida listens in again: the cold transfer below ends it, on her desk and at Twilio (her phone leaves)
                java.util.Set<LoopbackConferences.Participant> vidaBefore = new java.util.HashSet<>(api.conferences()
                        .participants().stream().filter(p -> "client:vida".equals(p.to())).toList());
                assertThat(vida.reply(vida.send(new ClientMessage.Supervise(vida.nextId(), "anna",
                        dev.frontline.core.common.SpyMode.LISTEN)))).isInstanceOf(ServerMessage.Ack.class);
                LoopbackConferences.Participant listener = await(() -> api.conferences().participants().stream()
                        .filter(p -> "client:vida".equals(p.to()) && !vidaBefore.contains(p)).findFirst().orElse(null));
                // a cold transfer to boris by name (ADR 0147): he joins fl-<attemptId>, anna leaves it, the customer
                // waits on hold until he answers; his pop names who passed it
                awaitTrue(() -> {
                    try {
                        return anna.reply(anna.send(new ClientMessage.TransferCall(anna.nextId(), attempt, null,
                                dev.frontline.core.common.Tier.LINE1, "boris", "wants a new router")))
                                instanceof ServerMessage.Ack;
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
                ServerMessage.ScreenPop pop = boris.await(ServerMessage.ScreenPop.class, 10);
                assertThat(pop.callId()).isEqualTo(attempt);
                assertThat(pop.transferredBy()).isNotNull();
                LoopbackConferences.Participant borisLeg = await(() ->
                        api.conferences().participantTo("sip:boris@desk.example.com").filter(p -> p != borisConsult)
                                .orElse(null));
                assertThat(borisLeg.conferenceSid).isEqualTo(customer.conferenceSid);
                awaitTrue(() -> annaLeg.removed && customer.hold);
                awaitTrue(() -> listener.removed); // she was listening to anna, who passed the call on
                ServerMessage.SpyChanged passedOn = vida.await(ServerMessage.SpyChanged.class, 5);
                while (!ServerMessage.SpyChanged.TRANSFERRED.equals(passedOn.outcome())) { // after her earlier ones
                    passedOn = vida.await(ServerMessage.SpyChanged.class, 5);
                }
                assertThat(passedOn.stage()).isEqualTo(ServerMessage.SpyChanged.ENDED);
                assertThat(api.conferences().participantStatus(borisLeg, "in-progress")).isEqualTo(204);
                awaitTrue(() -> !customer.hold);
                assertThat(customer.removed).isFalse();
            }
        }
    }

    /**
     * Item 2 of ADR 0151: a callback call answered on one server is held, taken back and transferred on the next one,
     * started over the same SQLite file (store, ACD, Twilio backend, desktop API all new; the customer and anna stay
     * in fl-<attemptId> at Twilio meanwhile).
     */
    @Test
    void aCallbackCallAnsweredBeforeARestartIsHeldResumedAndTransferredAfterIt() throws Exception {
        java.time.Clock clock = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.between(
                java.time.Instant.now(), java.time.Instant.parse("2026-03-02T10:00:00Z"))); // Monday 12:00 Vilnius
        try (LoopbackTwilioApi api = new LoopbackTwilioApi()) {
            FrontlineConfig config = twilioConfig(api, "");
            insertDesk(config, clock);
            String attempt;
            LoopbackConferences.Participant annaLeg;
            LoopbackConferences.Participant customer;
            try (FrontlineServer first = FrontlineServer.start(config, FrontlineServer.Options.production().withPort(0),
                    clock)) {
                TwilioWebhookCaller twilio = new TwilioWebhookCaller("http://127.0.0.1:" + first.port(),
                        "https://ivr.example.com", TOKEN);
                api.conferences().deliverTo(twilio, "https://ivr.example.com");
                dev.frontline.server.testing.DeskClient http = new dev.frontline.server.testing.DeskClient(first.port());
                dev.frontline.server.testing.DeskClient.Socket anna = http.connect(http.login("anna", "pw"));
                anna.await(ServerMessage.Welcome.class, 5);
                assertThat(anna.reply(anna.send(new ClientMessage.ScheduleCallback(anna.nextId(), null, "+37069990000",
                        null, null, "call back about the router")))).isInstanceOf(ServerMessage.Ack.class);
                anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, null)));
                attempt = anna.await(ServerMessage.CallbackOffer.class, 15).attemptId();
                annaLeg = await(() -> api.conferences().participants().stream()
                        .filter(p -> "true".equals(p.created.get("StartConferenceOnEnter"))).findFirst().orElse(null));
                twilio.post("/twilio/callback-status?attempt=" + attempt, TwilioWebhookCaller.voiceParams(
                        annaLeg.callSid, "+37052000000", "+37060000001", "in-progress"));
                customer = await(() -> api.conferences().participantTo("+37069990000").orElse(null));
                assertThat(api.conferences().participantStatus(customer, "in-progress")).isEqualTo(204);
                String id = attempt;
                awaitTrue(() -> { // once the ACD has the callback answered
                    try {
                        return anna.reply(anna.send(new ClientMessage.MuteCall(anna.nextId(), id, false)))
                                instanceof ServerMessage.Ack;
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
            } // the first server stops; Twilio keeps the conference

            try (FrontlineServer second = FrontlineServer.start(config, FrontlineServer.Options.production()
                    .withPort(0), clock)) {
                TwilioWebhookCaller twilio = new TwilioWebhookCaller("http://127.0.0.1:" + second.port(),
                        "https://ivr.example.com", TOKEN);
                api.conferences().deliverTo(twilio, "https://ivr.example.com");
                dev.frontline.server.testing.DeskClient http = new dev.frontline.server.testing.DeskClient(second.port());
                dev.frontline.server.testing.DeskClient.Socket anna = http.connect(http.login("anna", "pw"));
                anna.await(ServerMessage.Welcome.class, 5);
                String id = attempt;

                ServerMessage held = anna.reply(anna.send(new ClientMessage.HoldCall(anna.nextId(), id, true)));

                assertThat(held).as("hold after the restart: %s", held).isInstanceOf(ServerMessage.Ack.class);
                LoopbackConferences.Participant c = customer;
                awaitTrue(() -> c.hold);
                assertThat(anna.reply(anna.send(new ClientMessage.HoldCall(anna.nextId(), id, false))))
                        .isInstanceOf(ServerMessage.Ack.class);
                awaitTrue(() -> !c.hold);
                dev.frontline.server.testing.DeskClient.Socket boris = http.connect(http.login("boris", "pw"));
                boris.await(ServerMessage.Welcome.class, 5);
                boris.reply(boris.send(new ClientMessage.SetState(boris.nextId(), OperatorState.READY, null)));
                awaitTrue(() -> {
                    try {
                        return anna.reply(anna.send(new ClientMessage.TransferCall(anna.nextId(), id, null,
                                dev.frontline.core.common.Tier.LINE1, "boris", "after the restart")))
                                instanceof ServerMessage.Ack;
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }); // once boris is Ready for the ACD
                LoopbackConferences.Participant borisLeg = await(() ->
                        api.conferences().participantTo("sip:boris@desk.example.com").orElse(null));
                assertThat(borisLeg.conferenceSid).isEqualTo(customer.conferenceSid);
                LoopbackConferences.Participant a = annaLeg;
                awaitTrue(() -> a.removed && c.hold);
                assertThat(api.conferences().participantStatus(borisLeg, "in-progress")).isEqualTo(204);
                awaitTrue(() -> !c.hold);
                assertThat(boris.await(ServerMessage.ScreenPop.class, 10).callId()).isEqualTo(id);
                assertThat(customer.removed).isFalse();
                assertThat(api.requestsTo("/Calls.json")).hasSize(1); // the callback was placed once
            }
        }
    }

    /**
     * Operators anna (+37060000001) and boris (sip:boris@desk.example.com) on line 1 and supervisor vida
     * (client:vida), password "pw".
     */
    private static void insertDesk(FrontlineConfig config, java.time.Clock clock) {
        try (dev.frontline.server.cli.Stores stores = dev.frontline.server.cli.Stores.open(config, clock)) {
            String pw = stores.slowHash().hash("pw".toCharArray());
            stores.database().inTransaction(c -> {
                stores.operators().insertAll(c, java.util.List.of(
                        new dev.frontline.core.operator.NewOperator("anna", "Anna", pw,
                                dev.frontline.core.operator.Operator.Role.OPERATOR,
                                java.util.Set.of(dev.frontline.core.common.Tier.LINE1),
                                java.util.Set.of(dev.frontline.core.common.Intent.values()),
                                java.util.Set.of(dev.frontline.core.common.Language.values()), "+37060000001",
                                java.util.Optional.empty()),
                        new dev.frontline.core.operator.NewOperator("boris", "Boris", pw,
                                dev.frontline.core.operator.Operator.Role.OPERATOR,
                                java.util.Set.of(dev.frontline.core.common.Tier.LINE1),
                                java.util.Set.of(dev.frontline.core.common.Intent.values()),
                                java.util.Set.of(dev.frontline.core.common.Language.values()),
                                "sip:boris@desk.example.com", java.util.Optional.empty()),
                        new dev.frontline.core.operator.NewOperator("vida", "Vida", pw,
                                dev.frontline.core.operator.Operator.Role.SUPERVISOR, java.util.Set.of(),
                                java.util.Set.of(), java.util.Set.of(dev.frontline.core.common.Language.EN),
                                "client:vida", java.util.Optional.empty())));
                return null;
            });
        }
    }

    /** serve on a SQLite file with Twilio at the loopback {@code api}, the token from the environment, and {@code more}. */
    private FrontlineConfig twilioConfig(LoopbackTwilioApi api, String more) {
        return FrontlineConfig.parse("""
                store:
                  url: jdbc:sqlite:%s
                flows:
                  dir: ../ivr-flows
                api:
                  sounds-dir: ../sounds
                twilio:
                  enabled: true
                  account-sid: AC0123456789abcdef0123456789abcdef
                  public-base-url: https://ivr.example.com
                  from-number: "+37052000000"
                  api-base-url: %s
                  ring-timeout: 40s
                acd:
                  ring-timeout: 60s
                """.formatted(dir.resolve("frontline.db"), api.baseUrl()) + more, "test",
                Map.of("FRONTLINE_TWILIO_AUTH_TOKEN", TOKEN));
    }

    /**
     * The supervisor (vida, coaching or listening through {@code coach}) switches to listening (her participant is
     * updated, not called again), hangs up (her desk is told), listens again (a new call) and stops (REST delete).
     */
    private static void supervisorSwitchesHangsUpListensAgainAndStops(LoopbackTwilioApi api,
            dev.frontline.server.testing.DeskClient.Socket vida, LoopbackConferences.Participant coach) throws Exception {
        // a switch to listening updates her participant: no second call to her phone (ADR 0151)
        assertThat(vida.reply(vida.send(new ClientMessage.Supervise(vida.nextId(), "anna",
                dev.frontline.core.common.SpyMode.LISTEN)))).isInstanceOf(ServerMessage.Ack.class);
        awaitTrue(() -> coach.muted && !coach.coaching);
        assertThat(api.conferences().participants()).filteredOn(p -> "client:vida".equals(p.to())).hasSize(1);
        // she hangs up her phone: her desk is told at once
        assertThat(api.conferences().participantStatus(coach, "completed")).isEqualTo(204);
        ServerMessage.SpyChanged ended = vida.await(ServerMessage.SpyChanged.class, 5);
        while (!ServerMessage.SpyChanged.ENDED.equals(ended.stage())) {
            ended = vida.await(ServerMessage.SpyChanged.class, 5);
        }
        assertThat(ended.outcome()).isEqualTo(ServerMessage.SpyChanged.HUNG_UP);
        assertThat(vida.reply(vida.send(new ClientMessage.StopSupervise(vida.nextId()))))
                .isInstanceOf(ServerMessage.ErrorReply.class); // nothing left to stop
        // listening again rings her phone again; her Stop removes that participant (REST delete)
        assertThat(vida.reply(vida.send(new ClientMessage.Supervise(vida.nextId(), "anna",
                dev.frontline.core.common.SpyMode.LISTEN)))).isInstanceOf(ServerMessage.Ack.class);
        LoopbackConferences.Participant again = await(() -> api.conferences().participantTo("client:vida")
                .filter(p -> p != coach).orElse(null));
        assertThat(again.muted).isTrue();
        assertThat(vida.reply(vida.send(new ClientMessage.StopSupervise(vida.nextId()))))
                .isInstanceOf(ServerMessage.Ack.class);
        awaitTrue(() -> again.removed);
        assertThat(api.requests()).filteredOn(r -> r.method().equals("DELETE"))
                .extracting(LoopbackTwilioApi.Captured::path).anyMatch(path -> path.endsWith("/Participants/"
                        + again.callSid + ".json"));
        assertThat(coach.removed).isFalse(); // her first phone call had ended by itself
    }

    static <T> T await(java.util.function.Supplier<T> probe) {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out");
    }

    static void awaitTrue(java.util.function.Supplier<Boolean> probe) {
        await(() -> probe.get() ? Boolean.TRUE : null);
    }

    private static Map<String, String> withoutDigits(Map<String, String> call) {
        Map<String, String> p = new java.util.LinkedHashMap<>(call);
        p.remove("Digits");
        return p;
    }

    @Test
    void textsThroughTwilioWithoutTheTwilioSectionFailTheStartNamingTheKey() {
        FrontlineConfig config = FrontlineConfig.parse("""
                store:
                  url: jdbc:sqlite:%s
                flows:
                  dir: ../ivr-flows
                sim:
                  enabled: true
                sms:
                  provider: twilio
                """.formatted(dir.resolve("frontline.db")), "test", Map.of());

        ConfigException e = assertThrows(ConfigException.class,
                () -> FrontlineServer.start(config, FrontlineServer.Options.production().withPort(0)).close());
        assertThat(e.getMessage()).startsWith("sms.provider: twilio needs the twilio section enabled");
    }
}
