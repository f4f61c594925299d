package dev.frontline.core.call;

import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.desk.DeskHours;
import dev.frontline.core.flow.Flow;
import dev.frontline.core.security.SlowHash;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.store.CallRecordRepository;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.FlowSessionStore;
import dev.frontline.core.store.JdbcCustomerRepository;
import dev.frontline.core.store.JdbcOutageRepository;
import dev.frontline.core.store.JdbcPinVerifier;
import dev.frontline.core.testing.MutableClock;
import dev.frontline.core.testing.RecordingAcd;
import dev.frontline.core.testing.RecordingSmsPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The voice menu end to end on a real SQLite file: real customers, PINs and outages; recording SMS and ACD. */
class IvrServiceTest {
    static final ZoneId VILNIUS = ZoneId.of("Europe/Vilnius");
    static final Instant MONDAY_10_LOCAL = Instant.parse("2026-11-23T08:00:00Z");
    static final Instant MONDAY_22_LOCAL = Instant.parse("2026-11-23T20:00:00Z");
    static final String ONDUTY = "+37069999999";
    static final SlowHash HASH = new SlowHash(10);
    static String pinHash;
    static Map<String, Flow> flows;

    @TempDir
    Path dir;
    Database db;
    MutableClock clock = new MutableClock(MONDAY_10_LOCAL);
    RecordingSmsPort sms = new RecordingSmsPort();
    RecordingAcd acd = new RecordingAcd();
    IvrService ivr;
    CallRecordRepository calls;
    JdbcOutageRepository outages;

    @BeforeAll
    static void loadFlows() {
        flows = IvrService.loadFlows(Path.of("../ivr-flows"));
        pinHash = HASH.hash("2468".toCharArray());
    }

    @BeforeEach
    void open() {
        db = Database.sqlite(dir.resolve("frontline.db"));
        new JdbcCustomerRepository(db, clock).insertAll(List.of(
                customer("5550123", "Jonas Jonaitis", Optional.of("+37061234567"), List.of("+37052111111"), Language.LT, "jonas42"),
                customer("5550456", "Olga Petrova", Optional.empty(), List.of("+37052222222"), Language.RU, "olga")));
        outages = new JdbcOutageRepository(db);
        ivr = service(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static NewCustomer customer(String contract, String name, Optional<String> mobile, List<String> other,
                                        Language lang, String login) {
        return new NewCustomer(contract, name, mobile, other, "", "Gedimino 1", "Vilnius-1", "Fiber 300",
                List.of("internet"), "active", lang, login, Optional.of(pinHash));
    }

    /** Which lines and queues record their conversations (none unless a test says so). */
    private java.util.function.BiPredicate<Tier, Intent> recorded = (line, queue) -> false;

    private IvrService service(Database database) {
        return service(database, new IvrSettings(Path.of("../ivr-flows"), "https://my.example.net/reset?login={login}",
                Optional.of(ONDUTY), VILNIUS));
    }

    private IvrService service(Database database, IvrSettings settings) {
        calls = new CallRecordRepository(database, clock);
        IvrPorts ports = new IvrPorts(new JdbcCustomerRepository(database, clock),
                new JdbcPinVerifier(database, HASH, clock, 3, Duration.ofMinutes(15)), new JdbcOutageRepository(database),
                sms, acd, DeskHours.defaults(VILNIUS), new PhoneNumbers("LT"), clock, (line, queue) -> recorded.test(line, queue));
        return new IvrService(flows, ports, new FlowSessionStore(database, clock), calls, settings, IvrListener.NONE);
    }

    private Turn start(String id, String from) {
        return ivr.start(new CallStart(new CallId(id), from, "+37052000000", Backend.SIM, "support"));
    }

    private Turn press(String id, String keys) {
        return ivr.resume(new CallId(id), new CallerInput.Digits(keys));
    }

    private static List<String> heard(Turn t) {
        return t.steps().stream().map(s -> s instanceof MediaStep.Play p ? p.prompt().path()
                : "digits:" + ((MediaStep.SayDigits) s).digits()).toList();
    }

    @Test
    void aKnownCallerFromAnyNumberOnFileHearsTheirLanguage() {
        Turn t = start("c1", "8 5 211 1111");
        assertThat(heard(t)).containsExactly("lt/welcome", "lt/main-menu");
        assertThat(t.await()).isEqualTo(new Await.CollectDigits(1, Duration.ofSeconds(6), false));
    }

    /** Issue 23: the server of a call in the menu died; the PBX sent the channel (same id) to the other server. */
    @Test
    void aCallInTheMenuResumesWhereItWasOnAnotherServerOfTheSameStore() {
        start("c1", "+37052111111");
        Turn before = press("c1", "5"); // my login: the PIN question
        assertThat(heard(before)).containsExactly("lt/enter-pin");
        db.flush(); // what the dead server had committed

        IvrService other = service(db); // the other server: its own flows, the same store
        Turn t = other.start(new CallStart(new CallId("c1"), "+37052111111", "+37052000000", Backend.SIM, "support"));

        assertThat(heard(t)).as("not the welcome again").containsExactly("lt/enter-pin");
        assertThat(t.await()).isInstanceOf(Await.CollectDigits.class);
        assertThat(heard(other.resume(new CallId("c1"), new CallerInput.Digits("2468"))))
                .containsExactly("lt/sms-sent", "lt/goodbye");
        db.flush();
        assertThat(calls.find(new CallId("c1")).orElseThrow().trail())
                .anyMatch(line -> line.contains("resumed at") && line.contains("server of the call stopped"));
    }

    @Test
    void aFinishedCallIsNotRejoinedInTheMenu() {
        start("c2", "+37052111111");
        press("c2", "5");
        press("c2", "2468"); // self-served, ended
        db.flush();

        Turn again = service(db).start(new CallStart(new CallId("c2"), "+37052111111", "+37052000000", Backend.SIM,
                "support"));

        assertThat(heard(again)).as("a new call from the start").containsExactly("lt/welcome", "lt/main-menu");
    }

    @Test
    void loginResetGoesBySmsToTheMobileOnFileNotToTheCallingNumberAndIsNeverSpoken() {
        start("c1", "+37052111111");
        press("c1", "5");
        Turn t = press("c1", "2468");

        SmsRequest text = sms.sent().get(0);
        assertThat(sms.sent()).hasSize(1);
        assertThat(text.to()).isEqualTo("+37061234567");
        assertThat(text.secret()).isTrue();
        assertThat(text.purpose()).isEqualTo("login-reset");
        assertThat(text.body()).contains("jonas42").contains("https://my.example.net/reset?login=jonas42");
        assertThat(t.steps()).noneMatch(s -> s.toString().contains("jonas42"));
        assertThat(heard(t)).containsExactly("lt/sms-sent", "lt/goodbye");
        assertThat(t.await()).isEqualTo(new Await.HangUp());
        assertThat(calls.find(new CallId("c1")).orElseThrow().outcome()).isEqualTo("self-served");
    }

    @Test
    void aRefusedSmsSaysSoAndGoesToAnOperator() {
        sms.answer(dev.frontline.core.sms.SmsResult.Status.RATE_LIMITED);
        start("c1", "+37061234567");
        press("c1", "5");
        Turn t = press("c1", "2468");
        assertThat(heard(t)).startsWith("lt/sms-failed");
        assertThat(acd.enqueued()).hasSize(1);
        assertThat(calls.find(new CallId("c1")).orElseThrow().trail())
                .anySatisfy(s -> assertThat(s).startsWith("SMS login-reset not sent: RATE_LIMITED"));
    }

    @Test
    void aCallerTheAcdCannotConfirmHearsAnApologyAndGoesToTheFallbackNotToTheQueue() {
        acd.refuse("the store cannot write");
        start("c1", "+37052222222");
        press("c1", "5");
        Turn t = press("c1", "2468");
        assertThat(heard(t)).containsExactly("ru/no-mobile-operator", "ru/technical-problem-transfer");
        assertThat(t.await()).isEqualTo(new Await.Fallback());
        assertThat(acd.enqueued()).isEmpty();
        assertThat(calls.find(new CallId("c1")).orElseThrow().outcome()).isEqualTo("not-confirmed");
    }

    @Test
    void noMobileOnFileMeansNoSmsAndAnOperator() {
        start("c1", "+37052222222");
        press("c1", "5");
        Turn t = press("c1", "2468");
        assertThat(sms.sent()).isEmpty();
        assertThat(heard(t)).startsWith("ru/no-mobile-operator");
        assertThat(acd.enqueued()).hasSize(1);
    }

    @Test
    void anUnknownCallerIsNeverTexted() {
        start("c1", "+37060000000");
        press("c1", "1");
        press("c1", "0000000");
        press("c1", "5");
        assertThat(sms.sent()).isEmpty();
        assertThat(acd.enqueued()).singleElement().satisfies(q -> assertThat(q.customer()).isEmpty());
    }

    @Test
    void threeWrongPinsLockTheCustomerOutAcrossCalls() {
        start("c1", "+37061234567");
        press("c1", "5");
        press("c1", "1111");
        press("c1", "1112");
        press("c1", "1113");
        assertThat(sms.sent()).isEmpty();

        start("c2", "+37061234567");
        press("c2", "5");
        Turn t = press("c2", "2468");
        assertThat(heard(t)).startsWith("lt/pin-locked");
        assertThat(sms.sent()).isEmpty();
        assertThat(ivr.session(new CallId("c2")).orElseThrow().verified()).isFalse();
    }

    @Test
    void contractNumberIsReadAfterThePinAndTextedOnRequest() {
        start("c1", "+37061234567");
        press("c1", "4");
        Turn t = press("c1", "2468");
        assertThat(heard(t)).containsExactly("lt/your-contract-is", "digits:5550123", "lt/contract-sms-offer");
        press("c1", "1");
        assertThat(sms.sent()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("+37061234567");
            assertThat(m.body()).isEqualTo("Frontline: jūsų sutarties numeris 5550123.");
            assertThat(m.secret()).isTrue(); // issue 20 item 9: it carries customer data
        });
    }

    /** Issue 21: a caller whose line and queue are recorded hears so before the operator is rung; others do not. */
    @Test
    void aRecordedQueueIsAnnouncedBeforeTheOperatorIsRung() {
        recorded = (line, queue) -> line == Tier.LINE1 && queue == Intent.TECHNICAL;
        start("r1", "+37061234567");
        assertThat(heard(press("r1", "1"))).startsWith("lt/check-power", "lt/recording-notice", "lt/queue-connecting");

        recorded = (line, queue) -> queue == Intent.SALES; // technical calls are not recorded
        start("r2", "+37061234567");
        assertThat(heard(press("r2", "1"))).doesNotContain("lt/recording-notice").contains("lt/queue-connecting");
    }

    @Test
    void technicalFailureQueuesAnnouncesAndRecordsAnAbandonedCall() {
        start("c1", "+37061234567");
        Turn t = press("c1", "1");
        QueuedCall q = acd.enqueued().get(0);
        assertThat(q.intent()).isEqualTo(Intent.TECHNICAL);
        assertThat(q.priority()).isEqualTo(1);
        assertThat(q.tier()).isEqualTo(Tier.LINE1);
        assertThat(q.callingNumber()).isEqualTo("+37061234567");
        assertThat(heard(t)).containsExactly("lt/check-power", "lt/queue-connecting", "lt/queue-position", "lt/numbers/1",
                "lt/queue-wait", "lt/numbers/2", "lt/queue-callback-offer");
        assertThat(t.await()).isEqualTo(new Await.WaitInQueue(1, Duration.ofMinutes(2), Duration.ofSeconds(60)));

        clock.advance(Duration.ofSeconds(45));
        Turn hangup = ivr.resume(new CallId("c1"), new CallerInput.HungUp());

        assertThat(hangup.await()).isEqualTo(new Await.HangUp());
        assertThat(acd.hungUp()).containsExactly(new CallId("c1"));
        CallRecordRepository.CallRecord row = calls.find(new CallId("c1")).orElseThrow();
        assertThat(row.outcome()).isEqualTo("abandoned");
        assertThat(row.endedAtStep()).isEqualTo("queue");
        assertThat(row.queuedAt()).contains(MONDAY_10_LOCAL);
        assertThat(row.intent()).isEqualTo("technical");
        assertThat(row.trail()).contains("pressed 1 (technical failure)");
    }

    @Test
    void onHoldOneKeepsThePlaceByCallback() {
        start("c1", "+37061234567");
        press("c1", "3");
        Turn tick = ivr.resume(new CallId("c1"), new CallerInput.HoldTick());
        assertThat(heard(tick)).containsExactly("lt/queue-position", "lt/numbers/1", "lt/queue-wait", "lt/numbers/2",
                "lt/queue-callback-offer");
        Turn t = press("c1", "1");
        assertThat(acd.keptPlaces()).containsExactly("c1 +37061234567");
        assertThat(heard(t)).containsExactly("lt/callback-confirmed", "lt/callback-number", "digits:4567", "lt/callback-when-turn");
        assertThat(calls.find(new CallId("c1")).orElseThrow().outcome()).isEqualTo("callback");
    }

    /** A Lithuanian caller queued behind {@code ahead} others at {@code perCaller} each: their first hold tick. */
    private Turn holdTick(int ahead, Duration perCaller) {
        waitingAhead(ahead);
        acd.waitPerCaller(perCaller);
        start("c1", "+37061234567");
        press("c1", "3");
        return ivr.resume(new CallId("c1"), new CallerInput.HoldTick());
    }

    @Test
    void twelfthInLineWithAboutTwelveMinutesHearsTheNumberWordsNotDigits() {
        // given eleven callers ahead and 59 s per position: 12 x 59 s = 11.8 minutes, said as 12
        // when the hold announcement comes round
        Turn tick = holdTick(11, Duration.ofSeconds(59));

        // then position and minutes are one recording each, carrying the numeral as their text
        assertThat(heard(tick)).containsExactly("lt/queue-position", "lt/numbers/12", "lt/queue-wait", "lt/numbers/12",
                "lt/queue-callback-offer");
        assertThat(tick.steps().get(1)).isEqualTo(new MediaStep.Play(new Prompt(Language.LT, "numbers/12", "12")));
        assertThat(tick.steps()).noneMatch(s -> s instanceof MediaStep.SayDigits);
    }

    @Test
    void numbersAboveNinetyNineAreSaidAsHundredsAndTheRest() {
        // given 149 callers ahead, one minute each
        Turn tick = holdTick(149, Duration.ofMinutes(1));

        assertThat(heard(tick)).containsExactly("lt/queue-position", "lt/numbers/100", "lt/numbers/50", "lt/queue-wait",
                "lt/numbers/100", "lt/numbers/50", "lt/queue-callback-offer");
    }

    private void waitingAhead(int n) {
        for (int i = 0; i < n; i++) {
            acd.enqueue(new QueuedCall(new CallId("ahead-" + i), Intent.GENERAL, 3, Tier.LINE1, Language.EN,
                    Optional.empty(), "+3706000" + String.format("%04d", i), Backend.SIM, MONDAY_10_LOCAL));
        }
    }

    @Test
    void afterHoursTechnicalFailureRequestsACallbackAndAlertsTheOnDutyMobile() {
        clock.set(MONDAY_22_LOCAL);
        start("c1", "+37061234567");
        press("c1", "1");
        press("c1", "1");
        CallbackRequest r = acd.callbacks().get(0);
        assertThat(r.number()).isEqualTo("+37061234567");
        assertThat(r.intent()).isEqualTo(Intent.TECHNICAL);
        assertThat(r.windowStart()).isEmpty();
        assertThat(sms.sent()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo(ONDUTY);
            assertThat(m.purpose()).isEqualTo("on-duty-alert");
            assertThat(m.body()).contains("+37061234567").contains("5550123");
        });
    }

    /** tomas and ieva on duty on Mondays from 18:00, rasa on {@code rasasDay} from 18:00: the menu reads this rota. */
    private void eveningRota(java.time.DayOfWeek rasasDay) {
        java.time.LocalTime eve = java.time.LocalTime.of(18, 0);
        dev.frontline.core.desk.OnDutyRota rota = new dev.frontline.core.desk.OnDutyRota(VILNIUS, List.of(
                new dev.frontline.core.desk.OnDutyRota.Shift("tomas", "+37060000001", java.time.DayOfWeek.MONDAY, eve, java.time.LocalTime.MAX),
                new dev.frontline.core.desk.OnDutyRota.Shift("ieva", "+37060000002", java.time.DayOfWeek.MONDAY, eve, java.time.LocalTime.MAX),
                new dev.frontline.core.desk.OnDutyRota.Shift("rasa", "+37060000003", rasasDay, eve, java.time.LocalTime.MAX)));
        ivr = service(db, new IvrSettings(Path.of("../ivr-flows"), IvrSettings.DEFAULT_RESET_LINK, rota, VILNIUS));
    }

    @Test
    void afterHoursTechnicalFailureAlertsEveryoneOnTheRotaAtThatMoment() {
        eveningRota(java.time.DayOfWeek.TUESDAY);
        clock.set(MONDAY_22_LOCAL);
        start("c1", "+37061234567");
        press("c1", "1");
        press("c1", "1");
        assertThat(sms.sent()).extracting(SmsRequest::to).containsExactly("+37060000001", "+37060000002");
        assertThat(sms.sent()).allSatisfy(m -> assertThat(m.purpose()).isEqualTo("on-duty-alert"));
    }

    /** Issue 24: a text that fails for one consultant (here: throws) does not keep it from the others, nor break the call. */
    @Test
    void aFailedAlertToOneConsultantStillTextsTheOthersAndTheCallerHearsTheCallbackConfirmed() {
        eveningRota(java.time.DayOfWeek.MONDAY);
        sms.throwFor("+37060000001", new IllegalStateException("the SMS log cannot be written"));
        clock.set(MONDAY_22_LOCAL);
        start("c1", "+37061234567");
        press("c1", "1");
        Turn accepted = press("c1", "1");
        assertThat(heard(accepted)).contains("lt/callback-confirmed");
        assertThat(acd.callbacks()).hasSize(1);
        assertThat(sms.sent()).extracting(SmsRequest::to).containsExactly("+37060000001", "+37060000002", "+37060000003");
    }

    @Test
    void afterHoursOtherQuestionsGetACallbackOnTheNextWorkingDay() {
        clock.set(MONDAY_22_LOCAL);
        start("c1", "+37061234567");
        press("c1", "2");
        press("c1", "1");
        assertThat(acd.callbacks()).singleElement().satisfies(r -> {
            assertThat(r.windowStart()).contains(Instant.parse("2026-11-24T06:00:00Z"));
            assertThat(r.priority()).isEqualTo(2);
        });
        assertThat(sms.sent()).isEmpty();
    }

    @Test
    void aLongEstimatedWaitOffersACallbackBeforeQueueing() {
        acd.estimate(Duration.ofMinutes(12));
        start("c1", "+37061234567");
        Turn t = press("c1", "3");
        assertThat(heard(t)).containsExactly("lt/busy-callback-offer");
        press("c1", "2");
        assertThat(acd.enqueued()).hasSize(1);
    }

    @Test
    void anOutageInTheCallersAreaIsAnnouncedWithItsLocalEndTime() {
        outages.report("Vilnius-1", "fiber cut", MONDAY_10_LOCAL.minusSeconds(3600),
                Optional.of(Instant.parse("2026-11-23T12:30:00Z")));
        Turn t = start("c1", "+37061234567");
        assertThat(heard(t)).containsExactly("lt/welcome", "lt/outage-intro", "lt/outage-until", "lt/numbers/14", "lt/numbers/30",
                "lt/outage-choice");
    }

    @Test
    void afterTheOperatorCallTheRatingIsStoredAndTheTrailTellsTheStory() {
        start("c1", "+37061234567");
        press("c1", "2");
        acd.connect(new CallId("c1"));
        clock.advance(Duration.ofSeconds(30));
        Turn t = ivr.resume(new CallId("c1"), new CallerInput.OperatorLegEnded());
        assertThat(heard(t)).containsExactly("lt/rate-call");
        press("c1", "5");
        assertThat(calls.rating(new CallId("c1"))).contains(5);

        Views.MenuTrail trail = calls.menuTrail(new CallId("c1")).orElseThrow();
        assertThat(trail.language()).isEqualTo("lt");
        assertThat(trail.identified()).isTrue();
        assertThat(trail.intent()).isEqualTo("sales");
        assertThat(trail.priority()).isEqualTo(2);
        assertThat(trail.tier()).isEqualTo("line1");
        assertThat(trail.steps()).contains("pressed 2 (purchase or renewal)", "rated the call 5 of 5");
        assertThat(calls.find(new CallId("c1")).orElseThrow().outcome()).isEqualTo("answered");
    }

    @Test
    void aNewServiceOnTheSameFileResumesTheCall() {
        start("c1", "+37061234567");
        press("c1", "4");
        db.close();

        db = Database.sqlite(dir.resolve("frontline.db"));
        ivr = service(db);
        Turn t = press("c1", "2468");

        assertThat(heard(t)).contains("digits:5550123");
    }

    @Test
    void unknownCallsAndFlowsHangUp() {
        assertThat(ivr.resume(new CallId("nope"), new CallerInput.Digits("1")).await()).isEqualTo(new Await.HangUp());
        assertThat(ivr.start(new CallStart(new CallId("c9"), "+37061234567", "", Backend.SIM, "sales")).await())
                .isEqualTo(new Await.HangUp());
    }

    @Test
    void aStrayInputEndsTheCallInsteadOfCorruptingIt() {
        start("c1", "+37061234567");
        assertThat(ivr.resume(new CallId("c1"), new CallerInput.HoldTick()).await()).isEqualTo(new Await.HangUp());
        CallRecordRepository.CallRecord row = calls.find(new CallId("c1")).orElseThrow();
        assertThat(row.outcome()).isEqualTo("error");
        assertThat(row.endedAtStep()).isEqualTo("main-menu");
        assertThat(row.endedAt()).isPresent();
    }
}
