package dev.frontline.core.acd;

import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.cluster.PgLogNotifications;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23's warm standby (ADR 0140) on a real (embedded) PostgreSQL: it follows the leader's appends through
 * LISTEN/NOTIFY (V106) into the state a replay of the log gives, takes over reading only the tail, and a notification
 * lost with its connection is caught up by the poll.
 */
class WarmStandbyPostgresIT {
    private static final AcdConfig config = AcdConfig.defaults();
    /** Long enough that only notifications can move a standby during a test. */
    private static final Duration NO_POLL = Duration.ofHours(1);

    @Test
    void aStandbyFollowingTheLeadersAppendsHoldsTheLeadersState() throws Exception {
        try (Database db = PostgresTestDatabase.fresh()) {
            AcdHistories.addCustomers(db);
            ManualClock clock = new ManualClock(AcdFixtures.T0);
            try (Pair pair = pair(db, clock, NO_POLL)) {
                AcdService leader = pair.leader();
                WarmStandby standby = pair.standby();
                for (int round = 0; round < 4; round++) { // the standby reads while the leader goes on
                    traffic(leader, clock, round * 15, 15);
                    long last = scalar(db, "SELECT max(seq) FROM call_events");
                    await(() -> standby.covers() == last, "the standby reads up to event " + last);
                }
                assertThat(standby.followed()).as("all of it came by notifications").isEqualTo(
                        scalar(db, "SELECT count(*) FROM call_events"));
                // the leader's own picture (its live router) and the whole state a replay of its log gives
                AcdSnapshot followed = standby.read(r -> r.snapshot(clock.instant()));
                assertThat(followed).isEqualTo(leader.snapshot());
                Router full = replay(db);
                standby.read(r -> {
                    sameState(full, r, clock.instant(), "after the leader's traffic");
                    return null;
                });
                assertThat(leader.snapshot().waiting()).as("the comparison covered waiting callers").isNotEmpty();
            }
        }
    }

    @Test
    void everyKindOfEventOfRandomHistoriesIsFollowedIntoTheSameWholeState() throws Exception {
        for (long seed : new long[] {3, 11}) {
            try (Database db = PostgresTestDatabase.fresh()) {
                AcdHistories.addCustomers(db);
                List<AcdEvent> events = AcdHistories.history(seed, 2_000, config);
                int n = events.size();
                JdbcAcdEventLog log = new JdbcAcdEventLog(db);
                int third = n / 3;
                log.append(events.subList(0, third));
                Router prefix = new Router(config, AcdHistories.directory(), BusinessHours.always());
                events.subList(0, third).forEach(prefix::replay);
                log.saveSnapshot(prefix.image(third, events.get(third - 1).at().minus(AcdSnapshots.PRUNE_MARGIN)),
                        AcdSnapshots.KEEP); // the leader's snapshot follower wrote one
                try (WarmStandby standby = new WarmStandby(config, AcdHistories.directory(), BusinessHours.always(),
                        new JdbcAcdEventLog(db), NO_POLL).start();
                     PgLogNotifications listen = listen(db, standby)) {
                    await(() -> standby.covers() == third, "the standby restores the snapshot");
                    awaitListening(db);
                    Random chunks = new Random(seed);
                    for (int i = third; i < n; ) { // in batches, as the routing thread appends them
                        int to = Math.min(n, i + 1 + chunks.nextInt(40));
                        log.append(events.subList(i, to));
                        i = to;
                    }
                    await(() -> standby.covers() == n, "the standby reads up to event " + n);
                    assertThat(standby.followed()).as("only the events after the snapshot").isEqualTo(n - third);
                    Router full = replay(db);
                    Instant end = events.get(n - 1).at();
                    standby.read(r -> {
                        sameState(full, r, end, "seed " + seed);
                        AcdSnapshotPropertyTest.assertRoutesAlike(full, r, events, seed);
                        return null;
                    });
                }
            }
        }
    }

    @Test
    void takingOverReadsOnlyTheEventsAfterTheStandbysPositionAndStartsAsAColdStartWould() throws Exception {
        try (Database db = PostgresTestDatabase.fresh(); Database cold = PostgresTestDatabase.fresh()) {
            AcdHistories.addCustomers(db);
            ManualClock clock = new ManualClock(AcdFixtures.T0);
            WarmStandby standby;
            long followedUpTo;
            try (AcdService leader = service(db, clock)) {
                traffic(leader, clock, 0, 30);
                standby = new WarmStandby(config, AcdHistories.directory(), BusinessHours.always(),
                        new JdbcAcdEventLog(db), NO_POLL).start();
                try (PgLogNotifications listen = listen(db, standby)) {
                    awaitListening(db);
                    traffic(leader, clock, 30, 10);
                    long last = scalar(db, "SELECT max(seq) FROM call_events");
                    await(() -> standby.covers() == last, "the standby reads up to event " + last);
                    followedUpTo = last;
                    listen.close();
                    await(listen::stopped, "the listener stops"); // close does not wait for it
                }
                traffic(leader, clock, 40, 5); // nobody hears these: the takeover must read them
            } // the leader is gone
            long total = scalar(db, "SELECT max(seq) FROM call_events");
            assertThat(total).isGreaterThan(followedUpTo);

            AcdSnapshot warm;
            try (AcdService next = new AcdService(config, clock, new JdbcAcdEventLog(db), AcdHistories.directory(),
                    BusinessHours.always(), new RecordingConnector(), new RecordingSms(), new CallbackNotices(""))
                    .takeOver(standby).start(false)) {
                assertThat(next.eventsReadAtStart()).as("events read at the takeover").isEqualTo(total - followedUpTo);
                warm = next.snapshot();
            }
            // the same log started cold in another database: the same picture, after reading all of it
            JdbcAcdEventLog coldLog = new JdbcAcdEventLog(cold);
            AcdHistories.addCustomers(cold);
            List<AcdEvent> all = new java.util.ArrayList<>();
            new JdbcAcdEventLog(db).replayAfter(0, all::add);
            coldLog.append(all.subList(0, (int) total));
            try (AcdService coldStart = new AcdService(config, clock, coldLog, AcdHistories.directory(),
                    BusinessHours.always(), new RecordingConnector(), new RecordingSms(), new CallbackNotices(""))
                    .start(false)) {
                assertThat(coldStart.eventsReadAtStart()).isEqualTo(total);
                assertThat(warm).isEqualTo(coldStart.snapshot());
            }
            assertThat(warm.waiting()).isNotEmpty();
        }
    }

    @Test
    void aNotificationLostWithItsConnectionIsCaughtUpByThePoll() throws Exception {
        try (Database db = PostgresTestDatabase.fresh()) {
            AcdHistories.addCustomers(db);
            ManualClock clock = new ManualClock(AcdFixtures.T0);
            try (Pair pair = pair(db, clock, Duration.ofMillis(500))) {
                AcdService leader = pair.leader();
                WarmStandby standby = pair.standby();
                traffic(leader, clock, 0, 5);
                long first = scalar(db, "SELECT max(seq) FROM call_events");
                await(() -> standby.covers() == first, "the standby reads up to event " + first);

                // the LISTEN session dies; the listener waits a second before it listens again
                assertThat(scalar(db, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE query = 'LISTEN " + PgLogNotifications.CHANNEL + "'")).isEqualTo(1);
                traffic(leader, clock, 5, 5); // notified to nobody
                long second = scalar(db, "SELECT max(seq) FROM call_events");
                await(() -> standby.covers() == second, "the poll reads up to event " + second);
                Router full = replay(db);
                standby.read(r -> {
                    sameState(full, r, clock.instant(), "after the lost notification");
                    return null;
                });
            }
        }
    }

    @Test
    void theListenerListensAgainAfterItsConnectionDied() throws Exception {
        try (Database db = PostgresTestDatabase.fresh()) {
            AcdHistories.addCustomers(db);
            ManualClock clock = new ManualClock(AcdFixtures.T0);
            try (Pair pair = pair(db, clock, NO_POLL)) {
                AcdService leader = pair.leader();
                WarmStandby standby = pair.standby();
                scalar(db, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE query = 'LISTEN " + PgLogNotifications.CHANNEL + "'");
                await(() -> listening(db) == 0, "the LISTEN session is gone");
                awaitListening(db);
                traffic(leader, clock, 0, 5);
                long last = scalar(db, "SELECT max(seq) FROM call_events");
                await(() -> standby.covers() == last, "a notification after the reconnect reads up to event " + last);
            }
        }
    }

    /** A leader's ACD and a standby following its log by notifications (and every {@code poll}), listening. */
    private record Pair(AcdService leader, WarmStandby standby, PgLogNotifications listen) implements AutoCloseable {
        @Override
        public void close() {
            listen.close();
            standby.close();
            leader.close();
        }
    }

    private static Pair pair(Database db, ManualClock clock, Duration poll) {
        AcdService leader = service(db, clock);
        WarmStandby standby = new WarmStandby(config, AcdHistories.directory(), BusinessHours.always(),
                new JdbcAcdEventLog(db), poll).start();
        Pair pair = new Pair(leader, standby, listen(db, standby));
        awaitListening(db);
        return pair;
    }

    private static PgLogNotifications listen(Database db, WarmStandby standby) {
        String url = ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getJdbcUrl();
        return new PgLogNotifications(url, "postgres", "postgres", "standby-test", standby::logGrew).start();
    }

    private static long listening(Database db) {
        return scalar(db, "SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN "
                + PgLogNotifications.CHANNEL + "'");
    }

    private static void awaitListening(Database db) {
        await(() -> listening(db) == 1, "the standby LISTENs");
    }

    private static Router replay(Database db) {
        Router full = new Router(config, AcdHistories.directory(), BusinessHours.always());
        new JdbcAcdEventLog(db).replayAfter(0, full::replay);
        return full;
    }

    private static void sameState(Router expected, Router actual, Instant at, String what) {
        try {
            AcdSnapshotPropertyTest.assertSameState(expected, actual, at, what);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code done} until it holds; fails after 30 s (a loaded machine is slow, not wrong). */
    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for: %s", what).isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    private static AcdService service(Database db, ManualClock clock) {
        return new AcdService(config, clock, new JdbcAcdEventLog(db), AcdHistories.directory(), BusinessHours.always(),
                new RecordingConnector(), new RecordingSms(), new CallbackNotices("")).start(false);
    }

    private static void traffic(AcdService acd, ManualClock clock, int from, int n) {
        AcdSnapshotPostgresIT.traffic(acd, clock, from, n);
    }

    private static long scalar(Database db, String sql) {
        return AcdSnapshotPostgresIT.scalar(db, sql);
    }
}
