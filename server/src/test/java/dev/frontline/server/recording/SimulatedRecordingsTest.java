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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedRecordingsTest {
    @TempDir
    Path dir;

    @Test
    void aRecordedSimulatedConversationLeavesAMarkedWavAsLongAsTheTalkAndItsRow() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            JdbcRecordings store = new JdbcRecordings(db);
            CallRecorder recorder = new CallRecorder(new RecordingSettings(true, Set.of(Tier.LINE1),
                    Set.of(Intent.GENERAL), dir.resolve("rec"), Duration.ofDays(1)), store, clock);
            SimulatedRecordings sim = new SimulatedRecordings(recorder);
            CallId call = new CallId("sim-7");
            AcdEvent.CallQueued queued = new AcdEvent.CallQueued(call, new QueuedCall(call, Intent.GENERAL, 3,
                    Tier.LINE1, Language.LT, Optional.empty(), "+37060000007", Backend.SIM, clock.instant()),
                    clock.instant());
            recorder.accept(queued);
            sim.accept(queued);
            sim.accept(new AcdEvent.CallAnswered(call, new OperatorId("anna"), clock.instant()));
            sim.accept(new AcdEvent.CallEnded(call, new OperatorId("anna"), clock.instant().plusSeconds(12)));
            sim.close();

            JdbcRecordings.Recording r = store.forCall(call).get(0);
            assertThat(r.backend()).isEqualTo("sim");
            assertThat(r.path()).endsWith("-simulated.wav");
            Path file = Path.of(r.path());
            AudioFileFormat f = AudioSystem.getAudioFileFormat(file.toFile());
            assertThat(f.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
            assertThat(f.getFormat().getSampleRate()).isEqualTo(8000f);
            assertThat(f.getFrameLength()).isEqualTo(12 * 8000);
            assertThat(r.sizeBytes()).contains(Files.size(file));
        }
    }

    /** Seen in the demo: after a transfer the first operator's recording stayed "still recording" for good. */
    @Test
    void aTransferEndsTheFirstOperatorsRecordingAndTheNextOneGetsItsOwn() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        try (Database db = Database.sqlite(dir.resolve("t.db"))) {
            JdbcRecordings store = new JdbcRecordings(db);
            CallRecorder recorder = new CallRecorder(new RecordingSettings(true, Set.of(Tier.LINE1, Tier.LINE2),
                    Set.of(Intent.TECHNICAL), dir.resolve("rec"), Duration.ofDays(1)), store, clock);
            SimulatedRecordings sim = new SimulatedRecordings(recorder);
            CallId call = new CallId("sim-8");
            AcdEvent.CallQueued queued = new AcdEvent.CallQueued(call, new QueuedCall(call, Intent.TECHNICAL, 1,
                    Tier.LINE1, Language.LT, Optional.empty(), "+37060000008", Backend.SIM, clock.instant()),
                    clock.instant());
            recorder.accept(queued);
            sim.accept(queued);
            sim.accept(new AcdEvent.CallAnswered(call, new OperatorId("anna"), clock.instant()));
            AcdEvent.CallTransferred moved = new AcdEvent.CallTransferred(call, new OperatorId("anna"), Intent.TECHNICAL,
                    Tier.LINE2, clock.instant().plusSeconds(20));
            recorder.accept(moved);
            sim.accept(moved);
            clock.advance(Duration.ofSeconds(30));
            sim.accept(new AcdEvent.CallAnswered(call, new OperatorId("boris"), clock.instant()));
            sim.accept(new AcdEvent.CallEnded(call, new OperatorId("boris"), clock.instant().plusSeconds(5)));
            sim.close();

            assertThat(store.forCall(call)).hasSize(2).allSatisfy(r -> assertThat(r.endedAt()).isPresent());
            assertThat(store.forCall(call)).extracting(r -> r.operator().value()).containsExactly("anna", "boris");
        }
    }

    /**
     * Issue 21: a completed consultation gives the caller to the colleague; the colleague's part of the conversation
     * was kept in the first operator's row (one recording named "anna" holding boris's talk). Each operator now has
     * their own row, as after a cold transfer.
     */
    @Test
    void aCompletedConsultationEndsTheFirstOperatorsRecordingAndTheColleagueGetsTheirOwn() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        try (Database db = Database.sqlite(dir.resolve("c.db"))) {
            Recorded rec = queued(db, clock, "sim-9", Intent.TECHNICAL, Set.of(Tier.LINE1), Tier.LINE1);
            JdbcRecordings store = rec.store();
            SimulatedRecordings sim = rec.sim();
            CallId call = rec.call();
            OperatorId anna = new OperatorId("anna");
            OperatorId boris = new OperatorId("boris");
            sim.accept(new AcdEvent.CallAnswered(call, anna, clock.instant()));
            clock.advance(Duration.ofSeconds(20));
            sim.accept(new AcdEvent.ConsultEnded(call, anna, boris, dev.frontline.core.acd.ConsultOutcome.COMPLETED,
                    "completed", clock.instant()));
            clock.advance(Duration.ofSeconds(7));
            sim.accept(new AcdEvent.CallEnded(call, boris, clock.instant()));
            sim.close();

            assertThat(store.forCall(call)).extracting(r -> r.operator().value()).containsExactly("anna", "boris");
            assertThat(store.forCall(call)).allSatisfy(r -> assertThat(r.endedAt()).isPresent());
            JdbcRecordings.Recording borisPart = store.forCall(call).get(1);
            assertThat(AudioSystem.getAudioFileFormat(Path.of(borisPart.path()).toFile()).getFrameLength())
                    .as("boris's file holds his 7 s").isEqualTo(7 * 8000);
        }
    }

    /** A consultation that did not complete leaves the caller with the first operator: one recording. */
    @Test
    void aCancelledConsultationKeepsOneRecording() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        try (Database db = Database.sqlite(dir.resolve("x.db"))) {
            Recorded rec = queued(db, clock, "sim-10", Intent.TECHNICAL, Set.of(Tier.LINE1), Tier.LINE1);
            JdbcRecordings store = rec.store();
            SimulatedRecordings sim = rec.sim();
            CallId call = rec.call();
            OperatorId anna = new OperatorId("anna");
            sim.accept(new AcdEvent.CallAnswered(call, anna, clock.instant()));
            sim.accept(new AcdEvent.ConsultEnded(call, anna, new OperatorId("boris"),
                    dev.frontline.core.acd.ConsultOutcome.CANCELLED, "cancelled", clock.instant().plusSeconds(5)));
            sim.accept(new AcdEvent.CallEnded(call, anna, clock.instant().plusSeconds(9)));
            sim.close();

            assertThat(store.forCall(call)).extracting(r -> r.operator().value()).containsExactly("anna");
        }
    }

    /** A recorded line's store, recorder and simulated recordings, with call {@code id} queued in it. */
    private record Recorded(JdbcRecordings store, CallRecorder recorder, SimulatedRecordings sim, CallId call) {}

    private Recorded queued(Database db, MutableClock clock, String id, Intent intent, Set<Tier> recordedLines,
                            Tier line) {
        JdbcRecordings store = new JdbcRecordings(db);
        CallRecorder recorder = new CallRecorder(new RecordingSettings(true, recordedLines, Set.of(intent),
                dir.resolve("rec"), Duration.ofDays(1)), store, clock);
        SimulatedRecordings sim = new SimulatedRecordings(recorder);
        CallId call = new CallId(id);
        AcdEvent.CallQueued queued = new AcdEvent.CallQueued(call, new QueuedCall(call, intent, 1, line, Language.LT,
                Optional.empty(), "+37060000009", Backend.SIM, clock.instant()), clock.instant());
        recorder.accept(queued);
        sim.accept(queued);
        return new Recorded(store, recorder, sim, call);
    }
}
