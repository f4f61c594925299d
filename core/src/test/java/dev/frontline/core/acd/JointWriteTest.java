package dev.frontline.core.acd;

import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A callback and another write (the web form's ticket) commit together or not at all, on a real SQLite file. */
class JointWriteTest {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;
    Database db;
    AcdService acd;

    @BeforeEach
    void start() {
        db = Database.sqlite(dir.resolve("joint.db"));
        db.inTransaction(c -> {
            c.createStatement().execute("CREATE TABLE side (what VARCHAR(20))");
            return null;
        });
        acd = new AcdService(AcdConfig.defaults(), new ManualClock(NOW), new JdbcAcdEventLog(db),
                new AcdFixtures.Directory(), BusinessHours.always(), new RecordingConnector(), new RecordingSms(),
                new CallbackNotices("")).start(false);
    }

    @AfterEach
    void stop() {
        acd.close();
        db.close();
    }

    private static CallbackRequest request(Optional<Instant> windowEnd) {
        return new CallbackRequest(Optional.empty(), Optional.empty(), "+37061234567", Intent.SALES, 2, Tier.LINE1,
                Language.EN, NOW, windowEnd.map(e -> e.minusSeconds(3600)), windowEnd, "web form");
    }

    private static JointWrite side(String what) {
        return c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO side (what) VALUES (?)")) {
                ps.setString(1, what);
                ps.executeUpdate();
            }
        };
    }

    @Test
    void anAcceptedCallbackCommitsTheJointWriteWithItsEvent() {
        acd.requestCallback(request(Optional.empty()), side("ticket"));

        assertThat(count("SELECT COUNT(*) FROM side WHERE what = 'ticket'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM call_events WHERE type = 'CallbackQueued'")).isEqualTo(1);
    }

    @Test
    void aJointWriteThatFailsTakesTheCallbackWithIt() {
        assertThatThrownBy(() -> acd.requestCallback(request(Optional.empty()), c -> {
            side("half").write(c);
            throw new java.sql.SQLException("disk I/O error");
        })).isInstanceOf(NotConfirmed.class);

        assertThat(count("SELECT COUNT(*) FROM side")).isZero();
        assertThat(count("SELECT COUNT(*) FROM call_events WHERE type = 'CallbackQueued'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM callbacks")).isZero();
    }

    @Test
    void aRefusedCallbackDoesNotRunItsJointWriteButOthersInTheBatchDo() {
        assertThatThrownBy(() -> acd.requestCallback(request(Optional.of(NOW.minusSeconds(60))), side("refused")))
                .isInstanceOf(NotConfirmed.class).hasMessageContaining("window has closed");
        acd.requestCallback(request(Optional.empty()), side("accepted"));

        assertThat(count("SELECT COUNT(*) FROM side WHERE what = 'refused'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM side WHERE what = 'accepted'")).isEqualTo(1);
    }

    /**
     * A command that throws in the middle of a batch (here: the operator directory fails for one login) must not
     * run a joint write twice, nor confirm what was not logged. Before: the commands ahead of it were appended, then
     * appended again with their joint writes (two tickets for one request), and the failing command counted as
     * confirmed with no event.
     */
    @Test
    void aCommandThatThrowsMidBatchLeavesTheOthersWrittenOnceAndConfirmsNothingUnlogged() throws Exception {
        acd.close();
        java.util.concurrent.CountDownLatch appending = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        JdbcAcdEventLog log = new JdbcAcdEventLog(db);
        AcdEventLog blockingOnce = new AcdEventLog() {
            private final java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);

            @Override
            public void append(java.util.List<AcdEvent> events) {
                append(events, java.util.List.of());
            }

            @Override
            public void append(java.util.List<AcdEvent> events, java.util.List<JointWrite> with) {
                if (first.getAndSet(false)) {
                    appending.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                log.append(events, with);
            }

            @Override
            public void replay(java.util.function.Consumer<AcdEvent> sink) {
                log.replay(sink);
            }
        };
        AcdFixtures.Directory known = new AcdFixtures.Directory().add("anna");
        OperatorDirectory failing = id -> {
            if (id.value().equals("boom")) {
                throw new IllegalStateException("the accounts table cannot be read");
            }
            return known.find(id);
        };
        acd = new AcdService(AcdConfig.defaults(), new ManualClock(NOW), blockingOnce, failing, BusinessHours.always(),
                new RecordingConnector(), new RecordingSms(), new CallbackNotices("")).start(false);

        acd.setOperatorState(new dev.frontline.core.common.OperatorId("anna"), OperatorState.BREAK, "lunch");
        assertThat(appending.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue(); // the ACD thread is held
        java.util.concurrent.CompletableFuture<Void> callback = java.util.concurrent.CompletableFuture.runAsync(
                () -> acd.requestCallback(request(Optional.empty()), side("ticket")));
        Thread.sleep(300); // queued behind the held append
        acd.setOperatorState(new dev.frontline.core.common.OperatorId("boom"), OperatorState.READY, "");
        Thread.sleep(100);
        java.util.concurrent.CompletableFuture<Void> after = java.util.concurrent.CompletableFuture.runAsync(
                () -> acd.requestCallback(request(Optional.empty()), side("after")));
        Thread.sleep(300);
        release.countDown(); // one batch now: the callback, the failing command, the second callback

        callback.get(10, java.util.concurrent.TimeUnit.SECONDS);
        after.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(count("SELECT COUNT(*) FROM side WHERE what = 'ticket'")).as("the first request's ticket").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM side WHERE what = 'after'")).as("the second request's ticket").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM call_events WHERE type = 'CallbackQueued'")).isEqualTo(2);
    }

    private long count(String sql) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
