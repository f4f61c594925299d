package dev.frontline.server.recording;

import dev.frontline.core.store.JdbcRecordings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Deletes recordings older than {@code recording.retention}: the file first, then its row (a file that cannot be
 * deleted keeps its row, so it is tried again next time and nothing is left unaccounted for).
 */
public final class RecordingPurge {
    private static final Logger log = LoggerFactory.getLogger(RecordingPurge.class);
    private static final int BATCH = 500;

    private final JdbcRecordings store;
    private final Duration retention;
    private final Clock clock;

    public RecordingPurge(JdbcRecordings store, Duration retention, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One pass; returns how many recordings were deleted. */
    public int run() {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = 0;
        while (true) {
            List<JdbcRecordings.Recording> old = store.startedBefore(cutoff, BATCH);
            int before = deleted;
            for (JdbcRecordings.Recording r : old) {
                try {
                    Files.deleteIfExists(Path.of(r.path()));
                    store.delete(r.id());
                    deleted++;
                } catch (IOException | RuntimeException e) {
                    log.warn("recording {} ({}) past retention could not be deleted: {}", r.id(), r.path(), e.toString());
                }
            }
            if (old.size() < BATCH || deleted == before) {
                break;
            }
        }
        if (deleted > 0) {
            log.info("deleted {} recordings older than {}", deleted, cutoff);
        }
        return deleted;
    }
}
