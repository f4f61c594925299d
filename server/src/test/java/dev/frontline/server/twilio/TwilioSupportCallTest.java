package dev.frontline.server.twilio;

import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.AcdService;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.call.IvrListener;
import dev.frontline.core.call.IvrPorts;
import dev.frontline.core.call.IvrService;
import dev.frontline.core.call.IvrSettings;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.desk.DeskHours;
import dev.frontline.core.flow.Flow;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.security.SlowHash;
import dev.frontline.core.store.CallRecordRepository;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.FlowSessionStore;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.JdbcCustomerRepository;
import dev.frontline.core.store.JdbcOutageRepository;
import dev.frontline.core.store.JdbcPinVerifier;
import dev.frontline.server.sms.SmsConfig;
import dev.frontline.server.sms.SmsService;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi.Captured;
import dev.frontline.server.twilio.peer.TwilioWebhookCaller;
import dev.frontline.server.twilio.peer.TwilioWebhookCaller.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

/**
 * A call through the real support flow, webhook by webhook, with the real IvrService and AcdService on one SQLite
 * file, the SDK's REST calls captured by the loopback Twilio API. The Twilio backend and the IVR are rebuilt
 * between two webhooks: the call continues from the store.
 */
class TwilioSupportCallTest {
    static final ZoneId VILNIUS = ZoneId.of("Europe/Vilnius");
    static final Instant MONDAY_10_LOCAL = Instant.parse("2026-11-23T08:00:00Z");
    static final String CALL = "CA0000000000000000000000000000abcd";
    static final String JONAS = "+37061234567";
    static final String DID = "+37052000000";
    static final String ANNA_PHONE = "+37060000001";
    static final SlowHash HASH = new SlowHash(10);
    static Map<String, Flow> flows;

    @TempDir
    Path dir;
    final Clock clock = Clock.fixed(MONDAY_10_LOCAL, ZoneOffset.UTC);
    Database db;
    LoopbackTwilioApi api;
    AcdService acd;
    SmsService sms;
    TwilioHarness twilio;
    final AtomicReference<CallConnector> connector = new AtomicReference<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    /** Anna's states as the ACD set them, in order. */
    final List<OperatorState> annaStates = new CopyOnWriteArrayList<>();
    final List<String> alerts = new CopyOnWriteArrayList<>();
    static final OperatorId ANNA = new OperatorId("anna");

    @BeforeAll
    static void loadFlows() {
        flows = IvrService.loadFlows(Path.of("../ivr-flows"));
    }

    @BeforeEach
    void start() throws Exception {
        db = Database.sqlite(dir.resolve("frontline.db"));
        api = new LoopbackTwilioApi();
        insertJonas(db, clock);
        Operator anna = new Operator(new OperatorId("anna"), "Anna", Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                Set.of(Intent.values()), Set.of(Language.LT, Language.EN), ANNA_PHONE, Optional.empty(), true);
        acd = new AcdService(AcdConfig.defaults(), clock, new JdbcAcdEventLog(db), id -> Optional.of(anna).filter(a -> a.id().equals(id)),
                BusinessHours.always(), forwarding(), (dev.frontline.core.sms.SmsPort) r -> null, new CallbackNotices(DID)).start(false);
        acd.subscribe(e -> events.add(e.getClass().getSimpleName()));
        acd.subscribe(e -> {
            if (e instanceof AcdEvent.OperatorStateChanged c && c.operator().equals(ANNA)) {
                annaStates.add(c.state());
            }
        });
        acd.setOperatorState(new OperatorId("anna"), OperatorState.READY, "");
        sms = SmsService.create(db, SmsConfig.defaults(), TwilioBackend.smsSender(config()), clock, Runnable::run, d -> { });
        twilio = backend();
    }

    @AfterEach
    void stop() {
        twilio.close();
        acd.close();
        api.close();
        db.close();
    }

    /** Jonas (contract 5550123, PIN 2468, Lithuanian) calling from {@link #JONAS}. */
    static void insertJonas(Database db, Clock clock) {
        new JdbcCustomerRepository(db, clock).insertAll(List.of(new NewCustomer("5550123", "Jonas Jonaitis",
                Optional.of(JONAS), List.of(), "", "Gedimino 1", "Vilnius-1", "Fiber 300", List.of("internet"), "active",
                Language.LT, "jonas42", Optional.of(HASH.hash("2468".toCharArray())))));
    }

    /** The real IvrService over the support flows and the store, as {@code serve} wires it. */
    static IvrService ivr(Map<String, Flow> flows, Database db, Clock clock, dev.frontline.core.sms.SmsPort sms,
                          AcdService acd, java.util.function.BiPredicate<Tier, Intent> recorded) {
        IvrPorts ports = new IvrPorts(new JdbcCustomerRepository(db, clock),
                new JdbcPinVerifier(db, HASH, clock, 3, Duration.ofMinutes(15)), new JdbcOutageRepository(db),
                sms, acd, DeskHours.defaults(VILNIUS), new PhoneNumbers("LT"), clock, recorded);
        return new IvrService(flows, ports, new FlowSessionStore(db, clock), new CallRecordRepository(db, clock),
                new IvrSettings(Path.of("../ivr-flows"), "https://my.example.net/reset?login={login}", Optional.empty(), VILNIUS),
                IvrListener.NONE);
    }

    /** The Twilio backend and a fresh IvrService over the same store, as after a server restart. */
    TwilioHarness backend() {
        IvrService ivr = ivr(flows, db, clock, sms, acd, (line, queue) -> false);
        TwilioHarness h = new TwilioHarness(db, api, ivr, acd, dir.resolve("sounds"), Map.of(), Optional.of(sms));
        connector.set(h.backend.connector());
        h.backend.alertSupervisors(alerts::add);
        return h;
    }

    TwilioConfig config() {
        return TwilioConfig.from(new dev.frontline.core.config.ConfigNode("twilio", Map.of("enabled", true,
                "account-sid", TwilioHarness.SID, "auth-token", TwilioHarness.TOKEN, "public-base-url", TwilioHarness.PUBLIC,
                "from-number", DID, "api-base-url", api.baseUrl().toString())), Map.of());
    }

    CallConnector forwarding() {
        return new CallConnector() {
            @Override
            public void connect(CallId callId, OperatorId operator, String endpoint) {
                connector.get().connect(callId, operator, endpoint);
            }

            @Override
            public void originateCallback(String attemptId, OperatorId operator, String endpoint, String number, String callerId) {
                connector.get().originateCallback(attemptId, operator, endpoint, number, callerId);
            }
        };
    }

    Answer webhook(String path, Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>(TwilioWebhookCaller.voiceParams(CALL, JONAS, DID, "in-progress"));
        p.putAll(extra);
        return twilio.twilio.post(path, p);
    }

    @Test
    void aTechnicalCallReachesTheOperatorAndIsRatedAcrossARestart() {
        Answer welcome = webhook("/twilio/voice", Map.of());
        assertThat(welcome.body()).contains("<Gather ").contains("/sounds/lt/welcome.wav").contains("/sounds/lt/main-menu.wav");

        twilio.close();          // restart between two webhooks: new IVR, new backend, same SQLite file
        twilio = backend();

        Answer queued = webhook("/twilio/gather", Map.of("Digits", "1"));
        assertThat(queued.body()).contains("/sounds/lt/check-power.wav").contains("/sounds/lt/queue-connecting.wav")
                .contains("https://ivr.example.com/sounds/moh/hold.wav")
                .contains("<Redirect method=\"POST\">https://ivr.example.com/twilio/hold</Redirect>");

        Captured update = await(() -> api.requestsTo("/Calls/" + CALL + ".json").stream().findFirst().orElse(null));
        assertThat(update.param("Twiml")).contains(">fl-" + CALL + "</Conference>");
        dev.frontline.server.twilio.peer.LoopbackConferences.Participant anna =
                await(() -> api.conferences().participantTo(ANNA_PHONE).orElse(null));
        awaitTrue(() -> "RINGING".equals(scalar("SELECT state FROM twilio_calls WHERE call_sid = '" + CALL + "'")));

        twilio.close();          // and again while the operator's phone rings: the call's conference is in the store
        twilio = backend();
        api.conferences().participantStatus(anna, "in-progress");
        api.conferences().participantStatus(anna, "completed");
        Captured rating = await(() -> api.requestsTo("/Calls/" + CALL + ".json").size() == 2
                ? api.requestsTo("/Calls/" + CALL + ".json").get(1) : null);
        assertThat(rating.param("Twiml")).contains("/sounds/lt/rate-call.wav").contains("<Gather ");

        Answer thanks = webhook("/twilio/gather", Map.of("Digits", "5"));
        assertThat(thanks.body()).contains("rating-thanks.wav").endsWith("<Hangup/></Response>");
        assertThat(webhook("/twilio/status", Map.of("CallStatus", "completed")).status()).isEqualTo(204);

        acd.sync();
        assertThat(events).containsSubsequence("CallQueued", "CallOffered", "CallAnswered", "CallEnded");
        assertThat(scalar("SELECT score FROM ratings WHERE call_id = '" + CALL + "'")).isEqualTo("5");
        assertThat(scalar("SELECT operator_login FROM twilio_calls WHERE call_sid = '" + CALL + "'")).isEqualTo("anna");
    }

    @Test
    void aLoginResetIsTextedThroughTheMessagesApiAndStoredRedacted() {
        webhook("/twilio/voice", Map.of());
        webhook("/twilio/gather", Map.of("Digits", "5"));
        Answer done = webhook("/twilio/gather", Map.of("Digits", "2468"));

        assertThat(done.body()).contains("/sounds/lt/sms-sent.wav").doesNotContain("jonas42");
        Captured text = api.requestsTo("/Messages.json").get(0);
        assertThat(text.param("To")).isEqualTo(JONAS);
        assertThat(text.param("Body")).contains("jonas42");
        assertThat(text.param("StatusCallback")).isEqualTo("https://ivr.example.com/twilio/sms-status");
        assertThat(scalar("SELECT body FROM sms_messages")).doesNotContain("jonas42").contains("[redacted]");

        Map<String, String> report = new LinkedHashMap<>();
        report.put("AccountSid", TwilioHarness.SID);
        report.put("MessageSid", scalar("SELECT provider_sid FROM sms_messages"));
        report.put("MessageStatus", "delivered");
        report.put("To", JONAS);
        assertThat(twilio.twilio.post("/twilio/sms-status", report).status()).isEqualTo(204);
        assertThat(scalar("SELECT status FROM sms_messages")).isEqualTo("delivered");
    }

    /**
     * Issue 19 item 6: Twilio does not order delivery callbacks; a late {@code sent} arrived after {@code delivered}
     * and overwrote it. A status only moves forward: queued < sending < sent < delivered / undelivered / failed.
     */
    @Test
    void aLateSentReportDoesNotUndoDelivered() {
        webhook("/twilio/voice", Map.of());
        webhook("/twilio/gather", Map.of("Digits", "5"));
        webhook("/twilio/gather", Map.of("Digits", "2468"));
        String messageSid = scalar("SELECT provider_sid FROM sms_messages");

        for (String status : List.of("sending", "delivered", "sent", "queued")) { // as Twilio may deliver them
            Map<String, String> report = new LinkedHashMap<>();
            report.put("AccountSid", TwilioHarness.SID);
            report.put("MessageSid", messageSid);
            report.put("MessageStatus", status);
            report.put("To", JONAS);
            assertThat(twilio.twilio.post("/twilio/sms-status", report).status()).isEqualTo(204);
        }

        assertThat(scalar("SELECT status FROM sms_messages")).isEqualTo("delivered");
    }

    /**
     * Issue 19 item 5: Twilio never sends an empty From for a withheld caller id, it sends {@code anonymous},
     * {@code Restricted}, {@code +266696687} ...; those callers were promised a callback and Calls.json dialled
     * "anonymous" and a Lesotho number. Such a caller has no number: no callback offer, no place kept by callback.
     */
    @Test
    void aWithheldCallerIdIsNoNumberAndIsNeverOfferedACallback() {
        acd.setOperatorState(ANNA, OperatorState.BREAK, "lunch");
        Map<String, String> known = new LinkedHashMap<>(TwilioWebhookCaller.voiceParams(
                "CA00000000000000000000000000000001", JONAS, DID, "in-progress"));
        twilio.twilio.post("/twilio/voice", known);
        known.put("Digits", "1");
        twilio.twilio.post("/twilio/gather", known);
        known.remove("Digits");
        acd.sync(); // the ACD has the caller in line: the next tick announces the position
        assertThat(twilio.twilio.post("/twilio/hold", known).body()).as("a known number is offered the callback")
                .contains("queue-callback-offer.wav");

        int n = 2;
        for (String withheld : List.of("anonymous", "Restricted", "+266696687", "Anonymous", "UNKNOWN", "+7378742833")) {
            String sid = String.format("CA%032d", n++);
            Map<String, String> p = new LinkedHashMap<>(TwilioWebhookCaller.voiceParams(sid, withheld, DID, "in-progress"));
            twilio.twilio.post("/twilio/voice", p);
            p.put("Digits", "1");
            String body = twilio.twilio.post("/twilio/gather", p).body();
            p.put("Digits", ""); // a stranger: asked for a contract number, says nothing, and is queued
            for (int i = 0; i < 5 && !body.contains("/twilio/hold</Redirect>"); i++) {
                body = twilio.twilio.post("/twilio/gather", p).body();
            }
            assertThat(body).as(withheld).contains("/twilio/hold</Redirect>");
            p.remove("Digits");
            acd.sync();
            Answer tick = twilio.twilio.post("/twilio/hold", p);
            assertThat(tick.body()).as(withheld).contains("queue-position.wav").doesNotContain("callback-offer");
            p.put("Digits", "1");
            Answer one = twilio.twilio.post("/twilio/hold", p); // "1 for a callback" means nothing here
            assertThat(one.body()).as(withheld).doesNotContain("callback-confirmed").contains("/twilio/hold</Redirect>");
            assertThat(scalar("SELECT calling_number FROM calls WHERE call_id = '" + sid + "'")).as(withheld).isEmpty();
        }
        acd.sync();
        assertThat(events.stream().filter("CallbackQueued"::equals)).hasSize(0);
        assertThat(api.requestsTo("/Messages.json")).isEmpty();
    }

    /**
     * Issue 19, "also": the PIN Gather has {@code numDigits="8"} (PINs are 4 to 8 digits and stored hashed, so their
     * length is not known): a PIN must end with {@code #} or the caller waits the Gather's timeout. Twilio ends the
     * Gather at {@code #}, and the prompt asks for it in every language.
     */
    @Test
    void thePinGatherEndsAtTheHashKeyAndThePromptAsksForItInEveryLanguage() throws Exception {
        webhook("/twilio/voice", Map.of());

        Answer pin = webhook("/twilio/gather", Map.of("Digits", "5"));

        assertThat(pin.body()).contains("/sounds/lt/enter-pin.wav").contains("finishOnKey=\"#\"").contains("numDigits=\"8\"");
        Map<String, String> hashKey = Map.of("en", "hash key", "lt", "grotelių", "pl", "krzyżyk", "ru", "решётку",
                "sl", "lojtro");
        for (Map.Entry<String, String> e : hashKey.entrySet()) {
            String prompts = java.nio.file.Files.readString(Path.of("../ivr-flows/prompts/" + e.getKey() + ".yaml"));
            assertThat(prompts.lines().filter(l -> l.trim().startsWith("enter-pin:")).findFirst()).as(e.getKey())
                    .hasValueSatisfying(l -> assertThat(l).contains(e.getValue()));
        }
        assertThat(webhook("/twilio/gather", Map.of("Digits", "2468")).body()).contains("sms-sent.wav"); // Twilio drops the #
    }

    /** Queues Jonas's technical call while Anna is on a break (so nobody is offered it yet). */
    void queueWhileAnnaIsAway() {
        acd.setOperatorState(ANNA, OperatorState.BREAK, "lunch");
        webhook("/twilio/voice", Map.of());
        assertThat(webhook("/twilio/gather", Map.of("Digits", "1")).body()).contains("/twilio/hold</Redirect>");
        acd.sync();
    }

    /**
     * Issue 19 item 3: the caller hung up while queued and Twilio's final status callback was lost (it is not
     * retried, e.g. it came during a restart). Connecting the call gets {@code 400 21220}: the call is gone. It was
     * treated as a no-answer: the operator MISSED and the ghost offered again and again.
     */
    @Test
    void aCallWhoseStatusCallbackWasLostEndsAtTheFirstConnectAndNobodyIsMissed() {
        queueWhileAnnaIsAway();
        api.endCall(CALL, "completed"); // at Twilio the call is over; /twilio/status never arrives

        acd.setOperatorState(ANNA, OperatorState.READY, "");

        awaitTrue(() -> "ENDED".equals(scalar("SELECT state FROM twilio_calls WHERE call_sid = '" + CALL + "'")));
        awaitTrue(() -> events.contains("CallAbandoned")); // the hang-up reaches the ACD just after the row ends
        acd.sync();
        assertThat(events).containsSubsequence("CallOffered", "CallAbandoned");
        assertThat(events.stream().filter("CallOffered"::equals)).hasSize(1);
        assertThat(annaStates).doesNotContain(OperatorState.MISSED).last().isEqualTo(OperatorState.READY);
        assertThat(api.requests().stream().filter(r -> r.method().equals("POST"))).hasSize(1); // one update, no retry
        assertThat(scalar("SELECT ended_at FROM calls WHERE call_id = '" + CALL + "'")).isNotNull(); // the row has its end
    }

    /** The same with a call Twilio does not know at all ({@code 404 20404}). */
    @Test
    void aCallTwilioDoesNotKnowEndsAtTheFirstConnect() {
        queueWhileAnnaIsAway();
        api.forgetCall(CALL);

        acd.setOperatorState(ANNA, OperatorState.READY, "");

        awaitTrue(() -> "ENDED".equals(scalar("SELECT state FROM twilio_calls WHERE call_sid = '" + CALL + "'")));
        awaitTrue(() -> events.contains("CallAbandoned"));
        acd.sync();
        assertThat(events).contains("CallAbandoned");
        assertThat(annaStates).doesNotContain(OperatorState.MISSED);
    }

    /**
     * Issue 19 item 4: a 500 from the connect request is Twilio's failure, not the operator's: it was reported as
     * ring-no-answer and Anna went MISSED though her phone never rang. The caller keeps its place and is connected
     * once Twilio answers again.
     */
    @Test
    void aTwilioFailureOnConnectDoesNotMissTheOperatorAndTheCallerIsConnectedOnceTwilioAnswers() {
        queueWhileAnnaIsAway();
        api.failNext(new LoopbackTwilioApi.Failure(500, 20500, "Internal Server Error"));

        acd.setOperatorState(ANNA, OperatorState.READY, "");

        awaitTrue(() -> "RINGING".equals(scalar("SELECT state FROM twilio_calls WHERE call_sid = '" + CALL + "'"))
                && api.requestsTo("/Calls/" + CALL + ".json").size() == 2);
        acd.sync();
        assertThat(annaStates).doesNotContain(OperatorState.MISSED);
        assertThat(events).containsSubsequence("CallOffered", "CallRequeued", "CallOffered");
        assertThat(events).doesNotContain("CallAbandoned");
        assertThat(alerts).isEmpty(); // one failure is not an outage
    }

    /** In a Twilio outage every ready operator would have been knocked out in turn; supervisors hear of it instead. */
    @Test
    void connectsThatKeepFailingAlertSupervisorsAndMissNobody() {
        queueWhileAnnaIsAway();
        LoopbackTwilioApi.Failure down = new LoopbackTwilioApi.Failure(503, 20503, "Service Unavailable");
        api.failNext(down, down, down, down);

        acd.setOperatorState(ANNA, OperatorState.READY, "");

        awaitTrue(() -> api.requestsTo("/Calls/" + CALL + ".json").size() == 5
                && "RINGING".equals(scalar("SELECT state FROM twilio_calls WHERE call_sid = '" + CALL + "'")));
        acd.sync();
        assertThat(annaStates).doesNotContain(OperatorState.MISSED);
        assertThat(alerts).hasSize(1).first().asString().contains("Twilio").contains("3 connects in a row failed")
                .contains("503");
        assertThat(events).doesNotContain("CallAbandoned");
    }

    /** One value, read after every write-behind queued so far is committed (ratings and call rows are write-behind). */
    String scalar(String sql) {
        return scalar(db, sql);
    }

    static String scalar(Database db, String sql) {
        db.flush();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }
}
