package dev.frontline.core.acd;

import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.store.AppendFence;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.SqliteTestDatabase;
import dev.frontline.core.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 23 on a real SQLite file: the ACD stores snapshots as it routes and a restart starts from the newest readable
 * one plus the events after it, ending in the state a replay of the whole log gives; an unreadable snapshot (corrupt,
 * another format, other settings) is skipped for the one before it or the whole log.
 */
class AcdSnapshotRestartTest {
    @TempDir
    Path dir;
    Database db;
    final ManualClock clock = new ManualClock(AcdFixtures.T0);
    final AcdFixtures.Directory directory = AcdHistories.directory();
    final AcdConfig config = AcdConfig.defaults().withSnapshotEvery(40, Duration.ofHours(1));

    @BeforeEach
    void open() {
        db = SqliteTestDatabase.open(dir);
        AcdHistories.addCustomers(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aRestartReplaysOnlyTheEventsAfterTheNewestSnapshot() {
        try (AcdService acd = service(new JdbcAcdEventLog(db))) {
            traffic(acd, 0, 30);
            long covers = acd.snapshotNow();
            assertThat(covers).isEqualTo(events());
            traffic(acd, 30, 10); // after the snapshot
        }
        long total = events();
        long after = total - newestCovers();
        assertThat(after).isPositive().isLessThan(total / 2);

        Counting log = new Counting(new JdbcAcdEventLog(db), true);
        AcdSnapshot fromSnapshot = restartAndClose(config, log);
        assertThat(log.fed.get()).as("events replayed after the snapshot").isEqualTo(after);
        assertThat(fromSnapshot.waiting()).as("callers still waiting").isNotEmpty();
        assertThat(fromSnapshot.operators()).as("operators at work").isNotEmpty();
        assertThat(restartAndClose(config, new Counting(new JdbcAcdEventLog(db), false))).isEqualTo(fromSnapshot);
    }

    @Test
    void theLeaderStoresSnapshotsEveryNEventsAndKeepsTheNewestThree() {
        List<Long> stored = new java.util.ArrayList<>();
        try (AcdService acd = service(new JdbcAcdEventLog(db))) {
            for (int round = 0; round < 5; round++) {
                long before = events();
                traffic(acd, round * 20, 20);
                long total = events();
                assertThat(total - before).as("events of round %d", round).isGreaterThanOrEqualTo(40);
                await("a snapshot up to event " + total, () -> newestCovers() == total);
                stored.add(total);
            }
        }
        assertThat(rows()).isEqualTo(AcdSnapshots.KEEP);
        assertThat(scalar("SELECT min(covers) FROM acd_snapshots")).isEqualTo(stored.get(2));
    }

    @Test
    void aCorruptSnapshotIsSkippedForThePreviousOne() {
        long older;
        try (AcdService acd = service(new JdbcAcdEventLog(db))) {
            traffic(acd, 0, 20);
            older = acd.snapshotNow();
            traffic(acd, 20, 20);
            acd.snapshotNow();
            traffic(acd, 40, 5);
        }
        update("UPDATE acd_snapshots SET state = '{\"format\":1,\"covers\":' WHERE covers = " + newestCovers());

        long total = events();
        Counting log = new Counting(new JdbcAcdEventLog(db), true);
        AcdSnapshot fromSnapshot = restartAndClose(config, log);
        assertThat(log.fed.get()).as("events after the older snapshot").isEqualTo(total - older);
        assertThat(restartAndClose(config, new Counting(new JdbcAcdEventLog(db), false))).isEqualTo(fromSnapshot);
    }

    @Test
    void snapshotsOfAnotherFormatOrOtherSettingsAreSkippedForTheWholeLog() {
        try (AcdService acd = service(new JdbcAcdEventLog(db))) {
            traffic(acd, 0, 20);
            acd.snapshotNow();
            traffic(acd, 20, 20);
            acd.snapshotNow();
        }
        update("UPDATE acd_snapshots SET format = 0 WHERE covers = " + newestCovers()); // an older server's
        AcdConfig otherAgeing = config.withTimings(config.ringTimeout(), config.wrapUp(), config.languageFallback());
        otherAgeing = new AcdConfig(otherAgeing.ringTimeout(), otherAgeing.wrapUp(), otherAgeing.languageFallback(),
                Duration.ofMinutes(5), otherAgeing.overflowAfter(), otherAgeing.onLineTarget(), otherAgeing.tierTargets(),
                otherAgeing.metricsWindow(), otherAgeing.defaultHandleTime(), otherAgeing.callbackAttempts(),
                otherAgeing.callbackRetryInterval(), otherAgeing.callbackAttemptTimeout(), otherAgeing.tick(),
                otherAgeing.callbackCallerId(), otherAgeing.stickyFor(), otherAgeing.stickyWithin(), 40,
                Duration.ofHours(1));

        long total = events();
        Counting log = new Counting(new JdbcAcdEventLog(db), true);
        AcdSnapshot fromLog = restartAndClose(otherAgeing, log);
        assertThat(log.fed.get()).as("ranks depend on the ageing: the whole log").isEqualTo(total);
        assertThat(restartAndClose(otherAgeing, new Counting(new JdbcAcdEventLog(db), false))).isEqualTo(fromLog);
    }

    @Test
    void aStoreThatMayNotAppendStoresNoSnapshotEither() {
        try (AcdService acd = service(new JdbcAcdEventLog(db))) {
            traffic(acd, 0, 10);
        }
        AcdImage image = AcdSnapshots.load(config, directory, BusinessHours.always(), new JdbcAcdEventLog(db)).router()
                .image(events(), clock.instant());
        JdbcAcdEventLog fenced = new JdbcAcdEventLog(db, c -> {
            throw new StoreException("this server is not the ACD leader", null);
        });
        int before = rows();
        assertThrows(StoreException.class, () -> fenced.saveSnapshot(image, AcdSnapshots.KEEP));
        assertThat(rows()).isEqualTo(before);
        new JdbcAcdEventLog(db, AppendFence.NONE).saveSnapshot(image, AcdSnapshots.KEEP);
        assertThat(rows()).isEqualTo(before + 1);
    }

    // --- helpers ---

    /** Starts an ACD on {@code log} (rebuild, then the first tick), takes its picture, stops it. */
    private AcdSnapshot restartAndClose(AcdConfig config, AcdEventLog log) {
        try (AcdService acd = service(config, log)) {
            return acd.snapshot();
        }
    }

    private AcdService service(AcdEventLog log) {
        return service(config, log);
    }

    private AcdService service(AcdConfig config, AcdEventLog log) {
        return new AcdService(config, clock, log, directory, BusinessHours.always(), new RecordingConnector(),
                new RecordingSms(), new CallbackNotices("+37052000000")).start(false);
    }

    /** Operators log in; {@code n} callers queue, some are answered and ended; time passes. */
    private void traffic(AcdService acd, int from, int n) {
        for (var o : AcdHistories.OPERATORS) {
            acd.setOperatorState(o, OperatorState.READY, "");
        }
        for (int i = from; i < from + n; i++) {
            acd.enqueue(AcdFixtures.call("c" + i, Intent.values()[i % 3], clock.instant()));
            clock.advance(Duration.ofSeconds(7));
            if (i % 3 == 0) {
                acd.operatorAnswered(new CallId("c" + i));
            }
            if (i % 6 == 0) {
                acd.callEnded(new CallId("c" + i));
            }
            acd.tick();
        }
        acd.sync();
    }

    private long events() {
        return scalar("SELECT count(*) FROM call_events");
    }

    private long newestCovers() {
        return scalar("SELECT coalesce(max(covers), 0) FROM acd_snapshots");
    }

    private int rows() {
        return (int) scalar("SELECT count(*) FROM acd_snapshots");
    }

    private long scalar(String sql) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void update(String sql) {
        db.inTransaction(c -> c.createStatement().executeUpdate(sql));
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The log, counting the events a start reads; {@code snapshots} false hides the snapshots (a full replay). */
    static final class Counting implements AcdEventLog {
        final JdbcAcdEventLog log;
        final boolean snapshots;
        final AtomicLong fed = new AtomicLong();

        Counting(JdbcAcdEventLog log, boolean snapshots) {
            this.log = log;
            this.snapshots = snapshots;
        }

        @Override
        public void append(List<AcdEvent> events) {
            log.append(events);
        }

        @Override
        public void replay(Consumer<AcdEvent> sink) {
            log.replay(e -> {
                fed.incrementAndGet();
                sink.accept(e);
            });
        }

        @Override
        public long replayAfter(long afterSeq, Consumer<AcdEvent> sink) {
            return log.replayAfter(afterSeq, e -> {
                fed.incrementAndGet();
                sink.accept(e);
            });
        }

        @Override
        public boolean keepsSnapshots() {
            return snapshots;
        }

        @Override
        public List<StoredSnapshot> snapshots() {
            return snapshots ? log.snapshots() : List.of();
        }

        @Override
        public void saveSnapshot(AcdImage image, int keep) {
            if (snapshots) {
                log.saveSnapshot(image, keep);
            }
        }
    }
}
