package dev.frontline.core.acd;

import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.frontline.core.acd.AcdFixtures.T0;
import static dev.frontline.core.acd.AcdFixtures.call;
import static dev.frontline.core.acd.AcdFixtures.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AcdServiceTest {
    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(T0);
    final AcdFixtures.Directory operators = new AcdFixtures.Directory().add("anna").add("bob");
    final RecordingConnector connector = new RecordingConnector();
    final RecordingSms sms = new RecordingSms();
    final List<AutoCloseable> open = new ArrayList<>();
    Database db;

    AcdService start() {
        if (db == null) {
            db = Database.sqlite(dir.resolve("acd.db"));
            open.add(db);
        }
        AcdService acd = new AcdService(AcdConfig.defaults(), clock, new JdbcAcdEventLog(db), operators,
                BusinessHours.always(), connector, sms, new CallbackNotices("+37052000000")).start(false);
        open.add(0, acd);
        return acd;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    long loggedEvents() {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM call_events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aCallIsQueuedOfferedAnsweredAndEndedWithEveryEventLoggedBeforeListenersSeeIt() throws Exception {
        AcdService acd = start();
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Long> loggedWhenSeen = new CopyOnWriteArrayList<>();
        acd.subscribe(e -> {
            seen.add(e.getClass().getSimpleName());
            loggedWhenSeen.add(loggedEvents());
        });

        acd.setOperatorState(op("anna"), OperatorState.READY, "");
        acd.enqueue(call("c1", Intent.TECHNICAL, clock.instant()));
        acd.sync();
        assertThat(connector.connects).singleElement()
                .isEqualTo(new RecordingConnector.Connect(new CallId("c1"), op("anna"), "PJSIP/anna"));
        acd.operatorAnswered(new CallId("c1"));
        acd.callEnded(new CallId("c1"));
        acd.sync();

        assertThat(seen).containsExactly("OperatorStateChanged", "CallQueued", "CallOffered", "OperatorStateChanged",
                "CallAnswered", "OperatorStateChanged", "CallEnded", "OperatorStateChanged");
        for (int i = 0; i < loggedWhenSeen.size(); i++) {
            assertThat(loggedWhenSeen.get(i)).isGreaterThanOrEqualTo(i + 1L);
        }
        assertThat(acd.snapshot().operatorsByState().get(OperatorState.WRAP_UP)).isEqualTo(1);
    }

    @Test
    void aCommandIsRoutedWhileTheThreadPollsAndSyncDoesNotWaitOutThePolling() {
        AcdService acd = start();
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) { // the thread keeps polling for 200 ms after each command: sync must not wait for that
            acd.enqueue(call("p" + i, Intent.SALES, clock.instant()));
            acd.sync();
            assertThat(acd.status(new CallId("p" + i))).as("p" + i + " routed once sync returns")
                    .map(QueueStatus::position).contains(i + 1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(20 * AcdService.POLL_FOR_NANOS / 1_000_000 / 2));
    }

    @Test
    void statusAnswersFromThePublishedSnapshot() {
        AcdService acd = start();
        acd.enqueue(call("w1", Intent.SALES, clock.instant()));
        acd.enqueue(call("w2", Intent.SALES, clock.instant()));
        acd.sync();

        assertThat(acd.status(new CallId("w2"))).get().satisfies(s -> assertThat(s.position()).isEqualTo(2));
        assertThat(acd.status(new CallId("nobody"))).isEmpty();
        assertThat(acd.snapshot().queues()).filteredOn(q -> q.intent() == Intent.SALES && q.tier() == Tier.LINE1)
                .singleElement().satisfies(q -> assertThat(q.waiting()).isEqualTo(2));
    }

    @Test
    void estimatesTheWaitOfACallerJoiningNowForTheVoiceMenu() {
        AcdService acd = start();
        acd.enqueue(call("w1", Intent.SALES, clock.instant()));
        acd.sync();

        java.time.Duration expected = acd.snapshot().queues().stream()
                .filter(q -> q.intent() == Intent.SALES && q.tier() == Tier.LINE1).findFirst().orElseThrow().estimatedWait();
        assertThat(acd.estimateWait(Intent.SALES, 2, Tier.LINE1)).contains(expected);
        assertThat(expected).isPositive();
    }

    @Test
    void timersRunOnTickWithTheInjectedClock() {
        AcdService acd = start();
        acd.setOperatorState(op("anna"), OperatorState.READY, "");
        acd.enqueue(call("c1", Intent.SALES, clock.instant()));
        acd.sync();
        clock.advance(Duration.ofSeconds(14));
        acd.tick();
        acd.sync();
        assertThat(acd.snapshot().operators()).singleElement()
                .satisfies(o -> assertThat(o.state()).isEqualTo(OperatorState.RINGING));
        clock.advance(Duration.ofSeconds(1));
        acd.tick();
        acd.sync();
        assertThat(acd.snapshot().operators()).singleElement()
                .satisfies(o -> assertThat(o.state()).isEqualTo(OperatorState.MISSED));
        assertThat(acd.status(new CallId("c1"))).isPresent();
    }

    @Test
    void aRestartRebuildsWaitingCallsCallbacksAndOperatorStates() {
        AcdService first = start();
        first.setOperatorState(op("anna"), OperatorState.READY, "");
        first.setOperatorState(op("bob"), OperatorState.BREAK, "lunch");
        first.enqueue(call("talking", Intent.SALES, clock.instant()));
        first.operatorAnswered(new CallId("talking"));
        first.enqueue(call("waiting", Intent.GENERAL, clock.instant()));
        first.enqueue(call("on-hold", Intent.GENERAL, clock.instant()));
        first.keepPlaceByCallback(new CallId("on-hold"), "+37069999999");
        first.sync();
        AcdSnapshot before = first.snapshot();
        first.close();
        open.remove(first);

        AcdService second = start();
        AcdSnapshot after = second.snapshot();

        assertThat(after.operators()).isEqualTo(before.operators());
        assertThat(after.waiting()).isEqualTo(before.waiting());
        assertThat(after.callbacksPending()).isEqualTo(1);
        second.setOperatorState(op("bob"), OperatorState.READY, "");
        second.sync();
        assertThat(connector.connects).extracting(c -> c.callId().value()).containsExactly("talking", "waiting");
        assertThat(connector.originates).isEmpty();
    }

    @Test
    void aCallbackShowsTheDesksNumberWhenNoCallerIdIsConfigured() throws Exception {
        AcdService acd = start(); // acd.callback.caller-id empty (the default), desk number +37052000000
        acd.setOperatorState(op("anna"), OperatorState.READY, "");
        acd.requestCallback(new CallbackRequest(Optional.empty(), Optional.empty(), "+37061234567", Intent.SALES, 2,
                Tier.LINE1, Language.EN, clock.instant(), Optional.empty(), Optional.empty(), "web form"));
        acd.sync();
        assertThat(connector.originates).singleElement()
                .satisfies(o -> assertThat(o.callerId()).isEqualTo("+37052000000"));
    }

    @Test
    void aCallbackThatFailsEveryAttemptIsLoggedPerAttemptAndTheCustomerGetsAnSms() throws Exception {
        operators.add("lina", java.util.Set.of(Intent.values()), java.util.Set.of(Tier.LINE1),
                java.util.Set.of(Language.LT, Language.EN));
        AcdService acd = start();
        acd.setOperatorState(op("lina"), OperatorState.READY, "");
        acd.requestCallback(new CallbackRequest(Optional.empty(), Optional.empty(), "+37061234567", Intent.SALES, 2,
                Tier.LINE1, Language.LT, clock.instant(), Optional.empty(), Optional.empty(), "web form"));
        acd.sync();
        for (int i = 0; i < 3; i++) {
            RecordingConnector.Originate o = connector.originates.get(i);
            assertThat(o.number()).isEqualTo("+37061234567");
            acd.callbackFailed(o.attemptId(), CallbackOutcome.CUSTOMER_BUSY, "busy");
            acd.sync();
            clock.advance(Duration.ofMinutes(10));
            acd.tick();
            acd.sync();
        }
        acd.close();

        assertThat(connector.originates).hasSize(3);
        assertThat(sms.sent).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("+37061234567");
            assertThat(m.purpose()).isEqualTo("callback-failed");
            assertThat(m.body()).startsWith("Bandėme").contains("+37052000000");
        });
        List<String> outcomes = db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT attempt_no, outcome FROM callback_attempts ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getInt(1) + ":" + rs.getString(2));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT state, attempts FROM callbacks")) {
                rs.next();
                out.add(rs.getString(1) + "/" + rs.getInt(2));
            }
            return out;
        });
        assertThat(outcomes).containsExactly("1:customer_busy", "2:customer_busy", "3:customer_busy", "failed/3");
    }

    @Test
    void whenTheLogRefusesAnAppendTheCommandIsDroppedAndNothingActsOnIt() {
        db = Database.sqlite(dir.resolve("acd.db"));
        open.add(db);
        JdbcAcdEventLog real = new JdbcAcdEventLog(db);
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
        AcdEventLog flaky = new AcdEventLog() {
            @Override
            public void append(List<AcdEvent> events) {
                if (broken.get()) {
                    throw new dev.frontline.core.store.StoreException("disk full", null);
                }
                real.append(events);
            }

            @Override
            public void replay(java.util.function.Consumer<AcdEvent> sink) {
                real.replay(sink);
            }
        };
        AcdService acd = new AcdService(AcdConfig.defaults(), clock, flaky, operators, BusinessHours.always(),
                connector, sms, new CallbackNotices("")).start(false);
        open.add(0, acd);
        List<AcdEvent> seen = new CopyOnWriteArrayList<>();
        acd.subscribe(seen::add);
        acd.setOperatorState(op("anna"), OperatorState.READY, "");
        acd.sync();

        broken.set(true);
        org.junit.jupiter.api.Assertions.assertThrows(NotConfirmed.class,
                () -> acd.enqueue(call("lost-write", Intent.SALES, clock.instant())));
        acd.sync();
        broken.set(false);
        sleep(AcdService.MIN_BACKOFF / 1_000_000 + 100); // the ACD waits before it tries the store again
        acd.enqueue(call("next", Intent.SALES, clock.instant()));
        acd.sync();

        assertThat(connector.connects).extracting(c -> c.callId().value()).containsExactly("next");
        assertThat(seen).noneMatch(e -> e instanceof AcdEvent.CallQueued q && q.callId().value().equals("lost-write"));
        assertThat(acd.status(new CallId("lost-write"))).isEmpty();
    }

    @Test
    void commandsThatQueueUpAreLoggedInOneTransaction() throws Exception {
        db = Database.sqlite(dir.resolve("acd.db"));
        open.add(db);
        JdbcAcdEventLog real = new JdbcAcdEventLog(db);
        List<Integer> appends = new CopyOnWriteArrayList<>();
        AcdEventLog counting = new AcdEventLog() {
            @Override
            public void append(List<AcdEvent> events) {
                real.append(events);
                appends.add(events.size());
            }

            @Override
            public void replay(java.util.function.Consumer<AcdEvent> sink) {
                real.replay(sink);
            }
        };
        AcdService acd = new AcdService(AcdConfig.defaults(), clock, counting, operators, BusinessHours.always(),
                connector, sms, new CallbackNotices("")).start(false);
        open.add(0, acd);
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        acd.subscribe(e -> {
            if (e instanceof AcdEvent.CallQueued q && q.callId().value().equals("c0")) {
                assertThat(awaitQuietly(gate)).isTrue(); // hold the routing thread while 100 more commands queue up
            }
        });

        // an enqueue returns once logged: the 100 behind the held one come from callers of their own
        acd.enqueue(call("c0", Intent.SALES, clock.instant()));
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(100);
        List<java.util.concurrent.Future<?>> joined = new java.util.ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            String id = "c" + i;
            joined.add(callers.submit(() -> acd.enqueue(call(id, Intent.SALES, clock.instant()))));
        }
        sleep(500);
        gate.countDown();
        for (java.util.concurrent.Future<?> f : joined) {
            f.get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        callers.shutdown();
        acd.sync();

        assertThat(appends).hasSizeLessThanOrEqualTo(2); // whatever came before the gate, then everything behind it
        assertThat(appends.stream().mapToInt(Integer::intValue).sum()).isEqualTo(101);
        assertThat(loggedEvents()).isEqualTo(101);
        assertThat(acd.snapshot().waiting()).hasSize(101);
    }

    private static boolean awaitQuietly(java.util.concurrent.CountDownLatch gate) {
        try {
            return gate.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void commandsBeforeStartAreRefused() {
        db = Database.sqlite(dir.resolve("acd.db"));
        open.add(db);
        AcdService acd = new AcdService(AcdConfig.defaults(), clock, new JdbcAcdEventLog(db), operators,
                BusinessHours.always(), connector, sms, new CallbackNotices(""));
        open.add(0, acd);
        assertThrows(IllegalStateException.class, () -> acd.enqueue(call("c", Intent.SALES, clock.instant())));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
