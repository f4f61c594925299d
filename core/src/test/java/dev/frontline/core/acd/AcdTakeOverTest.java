package dev.frontline.core.acd;

import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.SqliteTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23: a leader stops without a clean end (kill -9) while an operator's phone rings or talks, and another ACD
 * takes over from the same log (a whole replay, the newest snapshot plus its tail, or a warm standby) and is told
 * which lines were lost, as {@code frontline serve} does. An operator whose offer or conversation was on a lost line
 * must not stay "on a call" on the new leader: the desk can go Ready (or the lost work is offered again at once);
 * what the PBX still carries (an Asterisk callback it dials by itself) is left to the PBX's report.
 */
class AcdTakeOverTest {
    enum TakeOver { WHOLE_LOG, SNAPSHOT_AND_TAIL, WARM_STANDBY }

    private static final Set<Backend> LOST = EnumSet.of(Backend.SIM, Backend.ASTERISK);

    @TempDir
    Path dir;
    Database db;
    final ManualClock clock = new ManualClock(AcdFixtures.T0);
    final AcdConfig config = AcdConfig.defaults();
    final Phones directory = new Phones()
            .add("anna", "sim:anna")      // the simulated line lives in the leader's process
            .add("petras", "PJSIP/op102"); // an Asterisk phone: the PBX goes on without us

    @BeforeEach
    void open() {
        db = SqliteTestDatabase.open(dir);
        AcdHistories.addCustomers(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @ParameterizedTest
    @EnumSource(TakeOver.class)
    void aSimulatedCallbackRingingAtTheKillIsOfferedAgainByTheNewLeader(TakeOver how) {
        RecordingConnector before = new RecordingConnector();
        AcdService leader = service(before);
        leader.setOperatorState(op("anna"), OperatorState.READY, "");
        leader.requestCallback(callback("+37060000001"));
        leader.sync();
        assertThat(before.originates).hasSize(1);
        String attempt = before.originates.get(0).attemptId();
        assertThat(state(leader, "anna")).isEqualTo(OperatorState.RINGING);

        RecordingConnector after = new RecordingConnector();
        try (AcdService next = kill(leader, how, after)) {
            // the old attempt's line died with its process: it is no longer in progress, the callback rings again
            assertThat(after.originates).as("the new leader dials the callback again").hasSize(1);
            assertThat(after.originates.get(0).attemptId()).isNotEqualTo(attempt);
            assertThat(after.originates.get(0).operator()).isEqualTo(op("anna"));
            next.callbackFailed(after.originates.get(0).attemptId(), CallbackOutcome.OPERATOR_NO_ANSWER, "test");
            next.sync();
            assertThat(state(next, "anna")).isEqualTo(OperatorState.MISSED);
            next.setOperatorState(op("anna"), OperatorState.READY, "");
            next.sync();
            assertThat(state(next, "anna")).as("the desk can go Ready").isIn(OperatorState.READY, OperatorState.RINGING);
        }
    }

    @ParameterizedTest
    @EnumSource(TakeOver.class)
    void aSimulatedCallbackTalkingAtTheKillEndsAndItsOperatorWrapsUp(TakeOver how) {
        RecordingConnector before = new RecordingConnector();
        AcdService leader = service(before);
        leader.setOperatorState(op("anna"), OperatorState.READY, "");
        leader.requestCallback(callback("+37060000001"));
        leader.sync();
        leader.callbackAnswered(before.originates.get(0).attemptId());
        leader.sync();
        assertThat(state(leader, "anna")).isEqualTo(OperatorState.TALKING);

        try (AcdService next = kill(leader, how, new RecordingConnector())) {
            assertThat(state(next, "anna")).as("the conversation died with the simulated line")
                    .isEqualTo(OperatorState.WRAP_UP);
            assertThat(next.snapshot().callbacksPending()).isZero();
            next.endWrapUp(op("anna"));
            next.sync();
            assertThat(state(next, "anna")).isEqualTo(OperatorState.READY);
        }
    }

    @ParameterizedTest
    @EnumSource(TakeOver.class)
    void aCallerRingingAnOperatorAtTheKillKeepsItsPlaceAndTheOperatorIsFree(TakeOver how) {
        RecordingConnector before = new RecordingConnector();
        AcdService leader = service(before);
        leader.setOperatorState(op("petras"), OperatorState.READY, "");
        leader.enqueue(new dev.frontline.core.acd.QueuedCall(new CallId("1700000500.1"), Intent.TECHNICAL, 1,
                Tier.LINE1, Language.EN, Optional.empty(), "+37060000002", Backend.ASTERISK, clock.instant()));
        leader.sync();
        assertThat(state(leader, "petras")).isEqualTo(OperatorState.RINGING);

        RecordingConnector after = new RecordingConnector();
        try (AcdService next = kill(leader, how, after)) {
            // the FastAGI session died with the leader: the caller keeps its place as a callback, placed once the
            // caller had time to come back through the dialplan's second server and did not
            assertThat(state(next, "petras")).as("free at once").isEqualTo(OperatorState.READY);
            assertThat(after.originates).as("not before the grace").isEmpty();
            clock.advance(Router.LOST_LINE_GRACE.plusSeconds(1));
            next.tick();
            next.sync();
            assertThat(after.originates).as("the lost caller is called back").hasSize(1);
            assertThat(after.originates.get(0).number()).isEqualTo("+37060000002");
            next.callbackFailed(after.originates.get(0).attemptId(), CallbackOutcome.CUSTOMER_BUSY, "test");
            next.sync();
            assertThat(state(next, "petras")).isEqualTo(OperatorState.READY);
        }
    }

    @ParameterizedTest
    @EnumSource(TakeOver.class)
    void anAsteriskCallbackRingingAtTheKillIsLeftToThePbxWhoseReportStillCounts(TakeOver how) {
        RecordingConnector before = new RecordingConnector();
        AcdService leader = service(before);
        leader.setOperatorState(op("petras"), OperatorState.READY, "");
        leader.requestCallback(callback("+37060000003"));
        leader.sync();
        String attempt = before.originates.get(0).attemptId();

        RecordingConnector after = new RecordingConnector();
        try (AcdService next = kill(leader, how, after)) {
            // Asterisk runs the Originate by itself; its report (UserEvent FrontlineCallback) reaches any AMI session
            assertThat(after.originates).as("not dialled a second time").isEmpty();
            next.callbackAnswered(attempt);
            next.sync();
            assertThat(state(next, "petras")).isEqualTo(OperatorState.TALKING);
            next.callEnded(new CallId(attempt));
            next.sync();
            assertThat(state(next, "petras")).isEqualTo(OperatorState.WRAP_UP);
            assertThat(next.snapshot().callbacksPending()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TakeOver.class)
    void aCallerWhoseLineWasLostAndWhoIsBackOnTheLineIsNotAlsoCalledBack(TakeOver how) {
        AcdService leader = service(new RecordingConnector());
        java.time.Instant arrived = clock.instant();
        CallId id = new CallId("1700000600.1");
        leader.enqueue(new QueuedCall(id, Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, Optional.empty(),
                "+37060000004", Backend.ASTERISK, arrived));
        leader.sync();
        clock.advance(Duration.ofSeconds(20));

        RecordingConnector after = new RecordingConnector();
        try (AcdService next = kill(leader, how, after)) {
            assertThat(next.snapshot().callbacksPending()).as("the lost caller's place kept").isEqualTo(1);
            // the dialplan brings the same channel to this server: it queues again, from the stored menu session
            clock.advance(Duration.ofSeconds(3));
            next.enqueue(new QueuedCall(id, Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, Optional.empty(),
                    "+37060000004", Backend.ASTERISK, clock.instant()));
            next.setOperatorState(op("petras"), OperatorState.READY, "");
            next.sync();
            assertThat(next.snapshot().callbacksPending()).as("one or the other, not both").isZero();
            assertThat(after.connects).extracting(RecordingConnector.Connect::callId).containsExactly(id);
            assertThat(after.originates).as("not called back as well").isEmpty();
            String row = db.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT state FROM callbacks")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(row).isEqualTo("withdrawn");
        }
    }

    @ParameterizedTest
    @EnumSource(TakeOver.class)
    void aCallerBackOnTheLineWhileItsCallbackIsBeingPlacedWinsTheAttemptIsHungUpAndItsOperatorTakesTheCaller(
            TakeOver how) {
        AcdService leader = service(new RecordingConnector());
        CallId id = new CallId("1700000700.1");
        leader.enqueue(new QueuedCall(id, Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, Optional.empty(),
                "+37060000005", Backend.ASTERISK, clock.instant()));
        leader.sync();
        clock.advance(Duration.ofSeconds(20));

        RecordingConnector after = new RecordingConnector();
        try (AcdService next = kill(leader, how, after)) {
            next.setOperatorState(op("petras"), OperatorState.READY, "");
            clock.advance(Router.LOST_LINE_GRACE.plusSeconds(1));
            next.tick();
            next.sync();
            assertThat(after.originates).as("the lost caller's callback is being placed").hasSize(1);
            String attempt = after.originates.get(0).attemptId();
            assertThat(state(next, "petras")).isEqualTo(OperatorState.RINGING);

            // the caller comes back through the dialplan's second server while its callback rings
            next.enqueue(new QueuedCall(id, Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, Optional.empty(),
                    "+37060000005", Backend.ASTERISK, clock.instant()));
            next.sync();
            assertThat(after.cancels).as("the placement is hung up").containsExactly(attempt + " petras");
            assertThat(after.connects).extracting(RecordingConnector.Connect::callId)
                    .as("the freed operator is offered the caller on the line").containsExactly(id);
            assertThat(next.snapshot().callbacksPending()).as("one or the other, not both").isZero();

            // the PBX's late report of the hung-up attempt changes nothing
            next.callbackAnswered(attempt);
            next.sync();
            assertThat(state(next, "petras")).as("ringing for the caller, not talking to the callback")
                    .isEqualTo(OperatorState.RINGING);
            String row = db.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT state, attempts FROM callbacks")) {
                    rs.next();
                    return rs.getString(1) + " " + rs.getInt(2);
                }
            });
            assertThat(row).as("withdrawn, the cancelled attempt not counted").isEqualTo("withdrawn 0");
        }
    }

    // --- helpers ---

    /**
     * The leader stops without ending anything; another ACD takes over {@code how} and is told that the simulated
     * and FastAGI lines were lost, as the server's start does.
     */
    private AcdService kill(AcdService leader, TakeOver how, RecordingConnector connector) {
        WarmStandby standby = null;
        if (how == TakeOver.SNAPSHOT_AND_TAIL) {
            leader.snapshotNow(); // the snapshot holds the offer in flight
        } else if (how == TakeOver.WARM_STANDBY) {
            standby = new WarmStandby(config, directory, BusinessHours.always(), new JdbcAcdEventLog(db),
                    Duration.ofMillis(50)).start();
        }
        leader.close(); // no clean end: nothing more is logged
        AcdService next = new AcdService(config, clock, new JdbcAcdEventLog(db), directory, BusinessHours.always(),
                connector, new RecordingSms(), new CallbackNotices("+37052000000"));
        if (standby != null) {
            next.takeOver(standby);
        }
        next.start(false);
        next.linesLost(LOST, "server restarted");
        next.sync();
        return next;
    }

    private AcdService service(RecordingConnector connector) {
        return new AcdService(config, clock, new JdbcAcdEventLog(db), directory, BusinessHours.always(), connector,
                new RecordingSms(), new CallbackNotices("+37052000000")).start(false);
    }

    private CallbackRequest callback(String number) {
        return new CallbackRequest(Optional.empty(), Optional.empty(), number, Intent.GENERAL, 3, Tier.LINE1,
                Language.EN, clock.instant(), Optional.empty(), Optional.empty(), "web form");
    }

    private static OperatorState state(AcdService acd, String login) {
        return acd.snapshot().operators().stream().filter(o -> o.id().equals(op(login))).findFirst()
                .orElseThrow().state();
    }

    private static OperatorId op(String login) {
        return new OperatorId(login);
    }

    /** Operators on one line with every skill, each with the given phone. */
    static final class Phones implements OperatorDirectory {
        private final Map<OperatorId, Operator> operators = new HashMap<>();

        Phones add(String login, String endpoint) {
            OperatorId id = new OperatorId(login);
            operators.put(id, new Operator(id, login, Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                    Set.of(Intent.values()), Set.of(Language.values()), endpoint, Optional.empty(), true));
            return this;
        }

        @Override
        public Optional<Operator> find(OperatorId id) {
            return Optional.ofNullable(operators.get(id));
        }
    }
}
