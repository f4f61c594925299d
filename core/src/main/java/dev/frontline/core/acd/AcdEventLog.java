package dev.frontline.core.acd;

import java.util.List;
import java.util.function.Consumer;

/** The append-only call event log the ACD writes before anyone sees an event, and replays at start-up. */
public interface AcdEventLog {

    /** Appends {@code events} in order, in one transaction: all or nothing. Throws when nothing was written. */
    void append(List<AcdEvent> events);

    /** Feeds every logged event to {@code sink}, oldest first. */
    void replay(Consumer<AcdEvent> sink);
}
