package dev.frontline.core.acd;

import java.util.List;
import java.util.function.Consumer;

/** The append-only call event log the ACD writes before anyone sees an event, and replays at start-up. */
public interface AcdEventLog {

    /** Appends {@code events} in order, in one transaction: all or nothing. Throws when nothing was written. */
    void append(List<AcdEvent> events);

    /**
     * Appends {@code events} and runs {@code with} in the same transaction: all or nothing.
     *
     * @throws UnsupportedOperationException when this log cannot run joint writes and some are given
     */
    default void append(List<AcdEvent> events, List<JointWrite> with) {
        if (!with.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot commit joint writes");
        }
        append(events);
    }

    /** Feeds every logged event to {@code sink}, oldest first. */
    void replay(Consumer<AcdEvent> sink);
}
