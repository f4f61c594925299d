package dev.frontline.server.recording;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the {@link RecordingPurge} a minute after start and then every hour, on one daemon thread. */
public final class PurgeSchedule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PurgeSchedule.class);

    private final ScheduledExecutorService timer;

    private PurgeSchedule(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static PurgeSchedule start(RecordingPurge purge) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "recording-purge");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                purge.run();
            } catch (RuntimeException e) {
                log.error("recording purge failed; tried again in an hour", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
        return new PurgeSchedule(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
