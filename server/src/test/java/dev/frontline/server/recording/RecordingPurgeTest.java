package dev.frontline.server.recording;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcRecordings;
import dev.frontline.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingPurgeTest {
    @TempDir
    Path dir;
    private Database db;
    private JdbcRecordings store;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    @BeforeEach
    void open() {
        db = Database.sqlite(dir.resolve("frontline.db"));
        store = new JdbcRecordings(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long recording(String call, Instant at) throws Exception {
        Path file = dir.resolve(call + ".wav");
        Files.write(file, new byte[44]);
        long id = store.started(new CallId(call), new OperatorId("anna"), "asterisk", file.toString(), at);
        store.ended(id, at.plusSeconds(60), 44);
        return id;
    }

    @Test
    void deletesFilesAndRowsPastTheRetentionAndKeepsTheRest() throws Exception {
        long old = recording("old-1", clock.instant());
        clock.advance(Duration.ofDays(20));
        long young = recording("young-1", clock.instant());
        RecordingPurge purge = new RecordingPurge(store, Duration.ofDays(30), clock);

        clock.advance(Duration.ofDays(10).minusMinutes(1));
        assertThat(purge.run()).isZero(); // 30 days less a minute: kept
        assertThat(Files.exists(dir.resolve("old-1.wav"))).isTrue();

        clock.advance(Duration.ofMinutes(2));
        assertThat(purge.run()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("old-1.wav"))).isFalse();
        assertThat(store.find(old)).isEmpty();
        assertThat(store.find(young)).isPresent();
        assertThat(Files.exists(dir.resolve("young-1.wav"))).isTrue();
    }

    @Test
    void aRowWhoseFileIsAlreadyGoneIsStillDeleted() throws Exception {
        long id = recording("gone-1", clock.instant());
        Files.delete(dir.resolve("gone-1.wav"));
        clock.advance(Duration.ofDays(31));
        assertThat(new RecordingPurge(store, Duration.ofDays(30), clock).run()).isEqualTo(1);
        assertThat(store.find(id)).isEmpty();
    }
}
