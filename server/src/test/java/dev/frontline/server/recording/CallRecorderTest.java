package dev.frontline.server.recording;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.recording.RecordingSettings;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CallRecorderTest {
    @TempDir
    Path dir;
    private Database db;
    private JdbcRecordings store;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<String> alerts = new ArrayList<>();

    @BeforeEach
    void open() {
        db = Database.sqlite(dir.resolve("frontline.db"));
        store = new JdbcRecordings(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private CallRecorder recorder(Path recordings) {
        CallRecorder r = new CallRecorder(new RecordingSettings(true, Set.of(Tier.LINE1), Set.of(Intent.TECHNICAL),
                recordings, Duration.ofDays(30)), store, clock);
        r.alertSupervisors(alerts::add);
        return r;
    }

    private static AcdEvent.CallQueued queued(String call, Tier tier, Intent intent) {
        return new AcdEvent.CallQueued(new CallId(call), new QueuedCall(new CallId(call), intent, 1, tier, Language.EN,
                Optional.empty(), "+37060000001", Backend.ASTERISK, Instant.EPOCH), Instant.EPOCH);
    }

    @Test
    void recordsOnlyCallsOfARecordedLineAndQueueAndStoresStartEndAndSize() throws Exception {
        CallRecorder r = recorder(dir.resolve("rec"));
        r.accept(queued("c-1", Tier.LINE1, Intent.TECHNICAL));
        r.accept(queued("c-2", Tier.LINE1, Intent.SALES));
        assertThat(r.fileFor(new CallId("c-2"), new OperatorId("anna"))).isEmpty();
        Path file = r.fileFor(new CallId("c-1"), new OperatorId("anna")).orElseThrow();
        assertThat(file.getParent()).isEqualTo(dir.resolve("rec").toAbsolutePath());

        r.started(new CallId("c-1"), new OperatorId("anna"), "asterisk", file);
        Files.write(file, new byte[1234]);
        clock.advance(Duration.ofSeconds(95));
        r.ended(new CallId("c-1"));

        assertThat(store.forCall(new CallId("c-1"))).singleElement().satisfies(rec -> {
            assertThat(rec.operator()).isEqualTo(new OperatorId("anna"));
            assertThat(rec.path()).isEqualTo(file.toString());
            assertThat(rec.startedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
            assertThat(rec.endedAt()).contains(Instant.parse("2026-12-01T10:01:35Z"));
            assertThat(rec.sizeBytes()).contains(1234L);
        });
        assertThat(alerts).isEmpty();
    }

    @Test
    void aTransferToAnUnrecordedLineIsNotRecorded() {
        CallRecorder r = recorder(dir.resolve("rec"));
        r.accept(queued("c-3", Tier.LINE1, Intent.TECHNICAL));
        r.accept(new AcdEvent.CallTransferred(new CallId("c-3"), new OperatorId("anna"), Intent.TECHNICAL, Tier.LINE2,
                Instant.EPOCH));
        assertThat(r.fileFor(new CallId("c-3"), new OperatorId("ben"))).isEmpty();
    }

    @Test
    void aDirectoryThatIsNotWritableAlertsSupervisorsAndTheCallGoesOnUnrecorded() throws Exception {
        // a path under a plain file cannot be written even by root (these machines run tests as root)
        Path blocker = Files.write(dir.resolve("not-a-dir"), new byte[1]);
        CallRecorder r = recorder(blocker.resolve("rec"));
        r.accept(queued("c-4", Tier.LINE1, Intent.TECHNICAL));
        assertThat(r.fileFor(new CallId("c-4"), new OperatorId("anna"))).isEmpty();
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a).contains("c-4").contains("directory"));
    }
}
