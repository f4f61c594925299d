package dev.frontline.server.recording;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The simulated line has no audio, so its recordings are generated: when a simulated call the settings record is
 * answered, a row is written; when it ends, a WAV (8 kHz mono 16-bit, a quiet two-tone pattern as long as the
 * conversation, at most {@link #LONGEST}) whose name ends in {@code -simulated.wav}. The demo can then show and play
 * recordings like a real line's. Listens on the ACD thread; the writing runs on its own thread.
 */
public final class SimulatedRecordings implements java.util.function.Consumer<AcdEvent>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedRecordings.class);
    static final Duration LONGEST = Duration.ofSeconds(30);
    private static final float RATE = 8000f;

    private record Running(OperatorId operator, Path file, Instant since) {}

    private final CallRecorder recorder;
    private final Set<CallId> simulated = ConcurrentHashMap.newKeySet();
    private final Map<CallId, Running> running = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sim-recordings");
        t.setDaemon(true);
        return t;
    });

    public SimulatedRecordings(CallRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void accept(AcdEvent event) {
        if (event instanceof AcdEvent.CallQueued q && q.call().backend() == Backend.SIM) {
            simulated.add(q.callId());
        } else if (event instanceof AcdEvent.CallAnswered a && simulated.contains(a.callId())) {
            writer.execute(() -> start(a.callId(), a.operator(), a.at()));
        } else if (event instanceof AcdEvent.CallTransferred t && simulated.contains(t.callId())) {
            writer.execute(() -> end(t.callId(), t.at())); // the first operator's part ends; the next one gets its own
        } else if (event instanceof AcdEvent.ConsultEnded c && c.outcome() == dev.frontline.core.acd.ConsultOutcome.COMPLETED
                && simulated.contains(c.callId())) {
            writer.execute(() -> { // a warm transfer: the first operator's part ends, the colleague's starts now
                end(c.callId(), c.at());
                start(c.callId(), c.to(), c.at());
            });
        } else if (event instanceof AcdEvent.CallEnded e) {
            simulated.remove(e.callId());
            writer.execute(() -> end(e.callId(), e.at()));
        } else if (event instanceof AcdEvent.CallAbandoned a) {
            simulated.remove(a.callId());
        } else if (event instanceof AcdEvent.CallLost l) {
            simulated.remove(l.callId());
        }
    }

    private void start(CallId callId, OperatorId operator, Instant at) {
        recorder.fileFor(callId, operator).ifPresent(file -> {
            Path simulatedFile = file.resolveSibling(file.getFileName().toString().replace(".wav", "-simulated.wav"));
            recorder.started(callId, operator, "sim", simulatedFile);
            running.put(callId, new Running(operator, simulatedFile, at));
        });
    }

    private void end(CallId callId, Instant at) {
        Running r = running.remove(callId);
        if (r == null) {
            return;
        }
        Duration talk = Duration.between(r.since(), at);
        try {
            write(r.file(), talk.compareTo(LONGEST) > 0 ? LONGEST : talk.isNegative() ? Duration.ZERO : talk);
        } catch (IOException e) {
            recorder.failed(callId, "the simulated recording " + r.file() + " could not be written: " + e.getMessage());
        }
        recorder.ended(callId);
    }

    /** Writes {@code length} of generated audio as an 8 kHz mono 16-bit WAV. */
    static void write(Path file, Duration length) throws IOException {
        int samples = (int) (RATE * Math.max(1, length.toMillis()) / 1000);
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            double t = i / RATE;
            double f = ((int) t) % 2 == 0 ? 440 : 660; // a tone that changes every second: clearly not a voice
            short v = (short) (Math.sin(2 * Math.PI * f * t) * 3000);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, tmp.toFile());
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        writer.shutdown(); // the recordings under way are finished first
        try {
            writer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
