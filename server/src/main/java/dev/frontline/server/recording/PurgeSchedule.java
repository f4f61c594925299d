package dev.frontline.server.recording;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a purge ({@link RecordingPurge}, finished flow sessions) a minute after start and then every hour, on one daemon thread. */
public final class PurgeSchedule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PurgeSchedule.class);

    private final ScheduledExecutorService timer;

    private PurgeSchedule(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static PurgeSchedule start(RecordingPurge purge) {
        return start("recording-purge", purge::run);
    }

    /** Runs {@code purge} hourly on a daemon thread called {@code name}; a failure is logged and tried again. */
    public static PurgeSchedule start(String name, Runnable purge) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                purge.run();
            } catch (RuntimeException e) {
                log.error("{} failed; tried again in an hour", name, e);
            }
        }, 1, 60, TimeUnit.MINUTES);
        return new PurgeSchedule(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
