package dev.frontline.core.acd;

import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.cluster.EpochFence;
import dev.frontline.core.cluster.FencedOutException;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 23 on a real (embedded) PostgreSQL: V96 migrates, snapshot + tail equals a full replay for random histories,
 * a fenced leader's restart reads only the tail, and a deposed leader's fence refuses its snapshot.
 */
class AcdSnapshotPostgresIT {

    @Test
    void snapshotPlusTailEqualsFullReplayOnPostgres() throws Exception {
        for (long seed : new long[] {4, 17}) {
            try (Database db = PostgresTestDatabase.fresh()) {
                AcdSnapshotPropertyTest.check(db, seed);
            }
        }
    }

    @Test
    void theFencedLeaderRestartsFromItsSnapshotAndADeposedOneStoresNone() {
        try (Database db = PostgresTestDatabase.fresh()) {
            EpochFence fence = new EpochFence();
            fence.hold(0); // V85's first epoch
            ManualClock clock = new ManualClock(AcdFixtures.T0);
            AcdConfig config = AcdConfig.defaults();
            long covers;
            try (AcdService acd = service(db, fence, clock, config)) {
                traffic(acd, clock, 0, 20);
                covers = acd.snapshotNow();
                traffic(acd, clock, 20, 5);
            }
            long total = scalar(db, "SELECT count(*) FROM call_events");
            assertThat(covers).isLessThan(total);

            AcdSnapshotRestartTest.Counting log = new AcdSnapshotRestartTest.Counting(new JdbcAcdEventLog(db, fence), true);
            AcdSnapshot fromSnapshot;
            try (AcdService acd = new AcdService(config, clock, log, AcdHistories.directory(), BusinessHours.always(),
                    new RecordingConnector(), new RecordingSms(), new CallbackNotices("")).start(false)) {
                fromSnapshot = acd.snapshot();
            }
            assertThat(log.fed.get()).as("events after the snapshot").isEqualTo(total - covers);
            assertThat(fromSnapshot.waiting()).isNotEmpty();
            AcdSnapshotRestartTest.Counting whole = new AcdSnapshotRestartTest.Counting(new JdbcAcdEventLog(db, fence), false);
            try (AcdService acd = new AcdService(config, clock, whole, AcdHistories.directory(), BusinessHours.always(),
                    new RecordingConnector(), new RecordingSms(), new CallbackNotices("")).start(false)) {
                assertThat(acd.snapshot()).isEqualTo(fromSnapshot);
            }

            // another server takes over: the old leader's fence refuses its snapshot, nothing is stored
            AcdImage image = AcdSnapshots.load(config, AcdHistories.directory(), BusinessHours.always(),
                    new JdbcAcdEventLog(db)).router().image(total, clock.instant());
            db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE acd_leader SET epoch = epoch + 1"));
            long rows = scalar(db, "SELECT count(*) FROM acd_snapshots");
            assertThrows(FencedOutException.class,
                    () -> new JdbcAcdEventLog(db, fence).saveSnapshot(image, AcdSnapshots.KEEP));
            assertThat(scalar(db, "SELECT count(*) FROM acd_snapshots")).isEqualTo(rows);
            EpochFence next = new EpochFence();
            next.hold(1);
            new JdbcAcdEventLog(db, next).saveSnapshot(image, AcdSnapshots.KEEP);
            assertThat(scalar(db, "SELECT max(covers) FROM acd_snapshots")).isEqualTo(total);
        }
    }

    private static AcdService service(Database db, EpochFence fence, ManualClock clock, AcdConfig config) {
        return new AcdService(config, clock, new JdbcAcdEventLog(db, fence), AcdHistories.directory(),
                BusinessHours.always(), new RecordingConnector(), new RecordingSms(), new CallbackNotices("")).start(false);
    }

    static void traffic(AcdService acd, ManualClock clock, int from, int n) {
        for (var o : AcdHistories.OPERATORS) {
            acd.setOperatorState(o, OperatorState.READY, "");
        }
        for (int i = from; i < from + n; i++) {
            acd.enqueue(AcdFixtures.call("p" + i, Intent.values()[i % 3], clock.instant()));
            clock.advance(Duration.ofSeconds(7));
            if (i % 3 == 0) {
                acd.operatorAnswered(new CallId("p" + i));
            }
            acd.tick();
        }
        acd.sync();
    }

    static long scalar(Database db, String sql) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
