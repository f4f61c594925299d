package dev.frontline.server.recording;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.recording.RecordingSettings;
import dev.frontline.core.store.JdbcRecordings;
import dev.frontline.core.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Decides which conversations are recorded ({@code recording.lines} and {@code queues}, learnt per call from the
 * ACD's events), names their files, and keeps the {@code recordings} table: a row when a recording starts, its end
 * and size when it ends. A recording that cannot be made (the directory not writable, the PBX refusing) never stops
 * the call: supervisors are alerted instead. Thread-safe; {@link #accept} runs on the ACD thread and does not block.
 */
public final class CallRecorder implements Consumer<AcdEvent> {
    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private record Queue(Tier line, Intent intent) {}

    private record Running(long id, Path file) {}

    private final RecordingSettings settings;
    private final JdbcRecordings store;
    private final Clock clock;
    private final Map<CallId, Queue> queues = new ConcurrentHashMap<>();
    private final Map<CallId, Running> running = new ConcurrentHashMap<>();
    private volatile Consumer<String> alerts = text -> log.error("recording: {}", text);

    public CallRecorder(RecordingSettings settings, JdbcRecordings store, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Where alerts for supervisors go (set once the desktop API exists). */
    public void alertSupervisors(Consumer<String> alerts) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    public RecordingSettings settings() {
        return settings;
    }

    /** Follows which line and queue each call waits in (queued, transferred) and forgets it when it ends. */
    @Override
    public void accept(AcdEvent event) {
        if (event instanceof AcdEvent.CallQueued q) {
            queues.put(q.callId(), new Queue(q.call().tier(), q.call().intent()));
        } else if (event instanceof AcdEvent.CallTransferred t) {
            queues.put(t.callId(), new Queue(t.tier(), t.intent()));
        } else if (event instanceof AcdEvent.CallEnded e) {
            queues.remove(e.callId());
        } else if (event instanceof AcdEvent.CallAbandoned a) {
            queues.remove(a.callId());
        } else if (event instanceof AcdEvent.CallLost l) {
            queues.remove(l.callId());
        }
    }

    /** Whether a call waiting in {@code line} / {@code queue} is recorded (the announcement says so). */
    public boolean records(Tier line, Intent queue) {
        return settings.records(line, queue);
    }

    /**
     * The file {@code operator}'s conversation on {@code callId} is to be recorded to, or empty when the call's
     * line and queue are not recorded, or when the directory cannot be written (supervisors are then alerted and
     * the call goes on unrecorded).
     */
    public Optional<Path> fileFor(CallId callId, OperatorId operator) {
        Queue q = queues.get(callId);
        if (q == null || !settings.records(q.line(), q.intent())) {
            return Optional.empty();
        }
        Path dir = settings.dir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            failed(callId, "cannot create the directory " + dir + " (" + e.getMessage() + ")");
            return Optional.empty();
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            failed(callId, "the directory " + dir + " (recording.dir) is not writable");
            return Optional.empty();
        }
        String name = callId.value().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + operator.value()
                .replaceAll("[^A-Za-z0-9._-]", "_") + "-" + clock.millis() + ".wav";
        return Optional.of(dir.resolve(name));
    }

    /**
     * The backend started recording {@code callId} to {@code file}: the row is committed before this returns.
     * Synchronized with {@link #ended}: a hang-up reported on another thread while the row is being written must
     * find it (it did not, and the row stayed "still recording").
     */
    public synchronized void started(CallId callId, OperatorId operator, String backend, Path file) {
        try {
            long id = store.started(callId, operator, backend, file.toString(), clock.instant());
            running.put(callId, new Running(id, file));
        } catch (StoreException e) {
            failed(callId, "the recording to " + file + " could not be stored: " + e.getMessage());
        }
    }

    /** The recording of {@code callId} ended (the conversation ended): its end and the file's size are stored. */
    public synchronized void ended(CallId callId) {
        Running r = running.remove(callId);
        if (r == null) {
            return;
        }
        long size;
        try {
            size = Files.size(r.file());
        } catch (IOException e) {
            size = 0; // on another host (a remote PBX) or not written: the row says 0 bytes
        }
        try {
            store.ended(r.id(), clock.instant(), size);
        } catch (StoreException e) {
            log.error("recording {} of call {}: its end could not be stored: {}", r.id(), callId, e.getMessage());
        }
    }

    /**
     * The file of {@code callId}'s recording by {@code backend} whose row is still open: the running one, or (after a
     * restart, when nothing is in memory) the latest such row in the store, which {@link #ended} then completes.
     * Empty when there is none. For a backend whose recording is finished after the conversation (Twilio's comes by
     * callback); the store is read only when memory has nothing.
     */
    public synchronized Optional<Path> open(CallId callId, String backend) {
        Running r = running.get(callId);
        if (r != null) {
            return Optional.of(r.file());
        }
        try {
            Optional<JdbcRecordings.Recording> row = store.forCall(callId).stream()
                    .filter(x -> x.backend().equals(backend) && x.endedAt().isEmpty()).reduce((a, b) -> b);
            row.ifPresent(x -> running.put(callId, new Running(x.id(), Path.of(x.path()))));
            return row.map(x -> Path.of(x.path()));
        } catch (StoreException e) {
            log.error("recording of call {}: its row could not be read: {}", callId, e.getMessage());
            return Optional.empty();
        }
    }

    /** A recording of {@code callId} could not be made: the call goes on; supervisors are told why. */
    public void failed(CallId callId, String why) {
        log.error("call {} is not recorded: {}", callId, why);
        alerts.accept("Recording failed for call " + callId.value() + ": " + why + ". The call goes on unrecorded.");
    }

    /** When the recording of {@code callId} started, if one runs (for tests and the simulated line). */
    Optional<Instant> runningSince(CallId callId) {
        return Optional.ofNullable(running.get(callId)).flatMap(r -> store.find(r.id())).map(JdbcRecordings.Recording::startedAt);
    }
}
