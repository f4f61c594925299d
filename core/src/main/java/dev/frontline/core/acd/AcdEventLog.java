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

    /**
     * Feeds the events logged after position {@code afterSeq} ({@code call_events.seq}; 0 for all) to {@code sink},
     * oldest first, and returns the position of the last one fed ({@code afterSeq} when there was none).
     *
     * @throws UnsupportedOperationException when this log has no positions (then it keeps no snapshots either)
     */
    default long replayAfter(long afterSeq, Consumer<AcdEvent> sink) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no event positions");
    }

    /** Whether this log stores snapshots of the ACD state ({@link #snapshots}, {@link #saveSnapshot}). */
    default boolean keepsSnapshots() {
        return false;
    }

    /** The stored snapshots, newest (highest {@link StoredSnapshot#covers}) first; reading one may still fail. */
    default List<StoredSnapshot> snapshots() {
        return List.of();
    }

    /**
     * Stores {@code image} in its own transaction, checked by the same fence as appends (a server that may not append
     * may not store a snapshot either), and deletes all but the newest {@code keep} snapshots.
     */
    default void saveSnapshot(AcdImage image, int keep) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no snapshots");
    }

    /** A stored snapshot: its row, what it covers, and how to read it. */
    interface StoredSnapshot {
        long id();

        /** The position of the last event it covers. */
        long covers();

        /**
         * Reads and parses it.
         *
         * @throws RuntimeException when it cannot be read (corrupt, another format): the ACD then tries an older one
         */
        AcdImage read();
    }
}
