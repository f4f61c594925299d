package dev.frontline.core.cluster;

import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.AcdFixtures;
import dev.frontline.core.acd.AcdService;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.RecordingConnector;
import dev.frontline.core.acd.RecordingSms;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.store.AppendFence;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.frontline.core.acd.AcdFixtures.call;
import static dev.frontline.core.acd.AcdFixtures.op;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one real PostgreSQL, each with its own pool, its own leadership session and its own ACD. The
 * leader is paused in the middle of an append (its check passed, its transaction open) and stops renewing its lease,
 * as a SIGSTOPped process would; the standby takes over; the old leader resumes and keeps routing as if nothing
 * happened: every write it tries is refused, it connects nobody, and no caller is offered twice.
 */
class SplitBrainIT {
    private static final Duration LEASE = Duration.ofSeconds(1);

    private Database store;
    private String url;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final AcdFixtures.Directory operators = new AcdFixtures.Directory().add("anna").add("bob").add("carl");

    /** A fence a test can stop inside the append's transaction, after the epoch check (the paused leader). */
    private static final class PausableFence implements AppendFence {
        private final AppendFence real;
        volatile CountDownLatch pauseInside;
        final CountDownLatch resume = new CountDownLatch(1);

        PausableFence(AppendFence real) {
            this.real = real;
        }

        @Override
        public void check(Connection transaction) throws SQLException {
            real.check(transaction);
            CountDownLatch inside = pauseInside;
            if (inside != null) {
                pauseInside = null;
                inside.countDown();
                try {
                    resume.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** One server: pool, fence, leadership and (once elected) ACD. */
    private final class Node {
        final Database db;
        final EpochFence fence = new EpochFence();
        final PausableFence pausable = new PausableFence(fence);
        final RecordingConnector connector = new RecordingConnector();
        final PgLeadership leadership;
        final List<String> deposed = new CopyOnWriteArrayList<>();
        volatile AcdService acd;

        Node(String id) {
            db = Database.open(PgLeadership.withApplicationName(url, id), "postgres", "postgres");
            open.add(db);
            leadership = new PgLeadership(url, "postgres", "postgres", id, LEASE, new PgLeadership.Listener() {
                @Override
                public void elected(long epoch) {
                    fence.hold(epoch);
                    acd = new AcdService(AcdConfig.defaults(), Clock.systemUTC(), new JdbcAcdEventLog(db, pausable),
                            operators, BusinessHours.always(), connector, new RecordingSms(),
                            new CallbackNotices("+37052000000")).start(false);
                    open.add(0, acd);
                }

                @Override
                public void deposed(String why) {
                    deposed.add(why); // the ACD is left running on purpose: the fence alone must hold it
                }
            }, Runnable::run);
            open.add(0, leadership);
        }
    }

    @BeforeEach
    void startStore() {
        store = PostgresTestDatabase.fresh();
        open.add(store);
        url = ((com.zaxxer.hikari.HikariDataSource) store.dataSource()).getJdbcUrl();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private List<AcdEvent> log() {
        List<AcdEvent> events = new ArrayList<>();
        new JdbcAcdEventLog(store).replay(events::add);
        return events;
    }

    private Map<CallId, List<String>> offers() {
        return log().stream().filter(e -> e instanceof AcdEvent.CallOffered).map(e -> (AcdEvent.CallOffered) e)
                .collect(Collectors.groupingBy(AcdEvent.CallOffered::callId,
                        Collectors.mapping(o -> o.operator().value(), Collectors.toList())));
    }

    @Test
    void aPausedLeaderResumingAfterTheStandbyTookOverCannotWriteAndRoutesNobody() throws Exception {
        Node a = new Node("server-a");
        Node b = new Node("server-b");
        a.leadership.tick();
        b.leadership.tick();
        assertThat(a.leadership.leader()).isTrue();
        assertThat(a.leadership.epoch()).isEqualTo(1);
        assertThat(b.leadership.leader()).isFalse();
        assertThat(b.acd).as("a standby never routes").isNull();

        a.acd.setOperatorState(op("anna"), OperatorState.READY, "");
        a.acd.enqueue(call("c1", Intent.TECHNICAL, Clock.systemUTC().instant()));
        a.acd.sync();
        assertThat(a.connector.connects).extracting(RecordingConnector.Connect::callId).containsExactly(new CallId("c1"));

        // A pauses inside an append (check passed, transaction open) and stops renewing its lease
        CountDownLatch inside = new CountDownLatch(1);
        a.pausable.pauseInside = inside;
        a.acd.setOperatorState(op("bob"), OperatorState.READY, "");
        // the caller's channel thread waits for "queued" (enqueue returns only once the event is logged)
        java.util.concurrent.CompletableFuture<Void> c2OnA = java.util.concurrent.CompletableFuture.runAsync(
                () -> a.acd.enqueue(call("c2", Intent.TECHNICAL, Clock.systemUTC().instant())));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        b.leadership.tick();
        assertThat(b.leadership.leader()).as("the lease is still fresh: no takeover yet").isFalse();

        Thread.sleep(LEASE.toMillis() + 300);
        b.leadership.tick();
        assertThat(b.leadership.leader()).isTrue();
        assertThat(b.leadership.epoch()).isEqualTo(2);
        assertThat(b.acd.snapshot().operators()).anySatisfy(o -> assertThat(o.id()).isEqualTo(op("anna")));

        b.acd.setOperatorState(op("bob"), OperatorState.READY, "");
        b.acd.enqueue(call("c2", Intent.TECHNICAL, Clock.systemUTC().instant()));
        b.acd.sync();
        assertThat(b.connector.connects).extracting(RecordingConnector.Connect::callId).containsExactly(new CallId("c2"));

        // A resumes, not yet knowing: its open append fails, and everything it decides next is refused
        a.pausable.resume.countDown();
        org.assertj.core.api.Assertions.assertThatThrownBy(c2OnA::join).as("the old leader never told its caller 'queued'")
                .hasCauseInstanceOf(dev.frontline.core.acd.NotConfirmed.class);
        a.acd.sync();
        a.acd.setOperatorState(op("carl"), OperatorState.READY, "");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.acd.enqueue(call("c3", Intent.TECHNICAL,
                Clock.systemUTC().instant()))).isInstanceOf(dev.frontline.core.acd.NotConfirmed.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.acd.enqueue(call("c4", Intent.SALES,
                Clock.systemUTC().instant()))).isInstanceOf(dev.frontline.core.acd.NotConfirmed.class);
        a.acd.sync();
        assertThat(a.fence.epoch()).as("A still believes it leads at epoch 1").isEqualTo(1);
        assertThat(a.connector.connects).as("the old leader connected nobody after the takeover")
                .extracting(RecordingConnector.Connect::callId).containsExactly(new CallId("c1"));
        assertThat(a.deposed).isEmpty();

        a.leadership.tick();
        assertThat(a.leadership.leader()).isFalse();
        assertThat(a.deposed).hasSize(1);

        assertThat(offers()).as("each caller offered once, by one leader")
                .containsOnlyKeys(new CallId("c1"), new CallId("c2"))
                .containsEntry(new CallId("c1"), List.of("anna")).containsEntry(new CallId("c2"), List.of("bob"));
        assertThat(log()).noneMatch(e -> e instanceof AcdEvent.CallQueued q
                && (q.callId().equals(new CallId("c3")) || q.callId().equals(new CallId("c4"))));
        assertThat(b.connector.connects).hasSize(1);
    }

    @Test
    void aStoppedLeadersLockIsFreeAtOnceWithoutWaitingForTheLease() {
        Node a = new Node("server-a");
        Node b = new Node("server-b");
        a.leadership.tick();
        b.leadership.tick();
        assertThat(b.leadership.leader()).isFalse();

        a.leadership.close(); // as its process ending: the session, and with it the lock, is gone

        b.leadership.tick();
        assertThat(b.leadership.leader()).isTrue();
        assertThat(b.leadership.epoch()).isEqualTo(2);
    }

    @Test
    void anAppendWithoutTheCurrentEpochIsRefusedAndWritesNothing() {
        EpochFence stale = new EpochFence();
        stale.hold(7);
        JdbcAcdEventLog events = new JdbcAcdEventLog(store, stale);

        org.junit.jupiter.api.Assertions.assertThrows(FencedOutException.class, () -> events.append(List.of(
                new AcdEvent.OperatorStateChanged(op("anna"), OperatorState.READY, "", Clock.systemUTC().instant()))));
        assertThat(log()).isEmpty();
    }
}
