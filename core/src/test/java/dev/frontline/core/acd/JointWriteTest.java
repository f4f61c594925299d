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

    private long count(String sql) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
