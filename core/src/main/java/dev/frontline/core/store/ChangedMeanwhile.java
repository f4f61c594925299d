package dev.frontline.core.store;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A save that named the version it was read at found a newer one (ADR 0148): someone else saved {@code what} since,
 * and nothing was changed. The message names who and when in the desk's time zone ("the rota was changed by vida at
 * 2026-12-07 06:01:00 Europe/Vilnius after you read it (now version 4): reload it and make your change again").
 */
public final class ChangedMeanwhile extends RuntimeException {
    private final long version;
    private final String changedBy;
    private final Instant changedAt;

    /**
     * @param what      "the rota", "article 7"
     * @param changedBy who saved last (null when not known)
     * @param changedAt when (null when not known)
     */
    public ChangedMeanwhile(String what, long version, String changedBy, Instant changedAt, ZoneId zone) {
        super(what + " was changed by " + (changedBy == null ? "someone" : changedBy)
                + (changedAt == null ? "" : " at " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(changedAt.atZone(zone)) + " " + zone.getId())
                + " after you read it (now version " + version + "): reload it and make your change again");
        this.version = version;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    /** The version saved now. */
    public long version() {
        return version;
    }

    public String changedBy() {
        return changedBy;
    }

    public Instant changedAt() {
        return changedAt;
    }
}
