package dev.frontline.core.ticket;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.TicketId;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/** Where tickets live. Every method is one transaction. Thread-safe. */
public interface TicketStore {

    /**
     * Takes the next ticket number (unique under concurrency, across processes sharing the database), builds the
     * ticket with it and stores it with its first history line.
     */
    Ticket create(LongFunction<Ticket> withNumber, TicketNote first);

    /** Takes the next ticket number now, for a ticket stored later by {@link #insert}; one never stored leaves a gap. */
    long reserveNumber();

    /**
     * Stores {@code t} with its history lines inside {@code transaction}, a transaction on this store's database
     * that the caller commits (e.g. with the events of a callback, see {@code JointWrite}).
     */
    void insert(java.sql.Connection transaction, Ticket t, List<TicketNote> notes) throws java.sql.SQLException;

    Optional<Ticket> find(TicketId id);

    /** The newest ticket opened for the call. */
    Optional<Ticket> findByCall(CallId call);

    /** Stores the changed ticket and the history line saying why. */
    void update(Ticket changed, TicketNote why);

    /**
     * Stores the changed ticket and the history line saying why, only while the stored ticket is in state
     * {@code expectedState}, and runs {@code also} in the same transaction (e.g. the audit row): all or nothing. Two
     * callers racing on one ticket: one wins, the other gets false and nothing is written.
     *
     * @return false when the stored ticket was not in {@code expectedState} (nothing written)
     * @throws java.util.NoSuchElementException when there is no such ticket
     */
    boolean updateIfState(String expectedState, Ticket changed, TicketNote why, InTransaction also);

    /** A write of another table that commits with a ticket's change, or not at all. Quick; no other connection. */
    @FunctionalInterface
    interface InTransaction {
        InTransaction NOTHING = c -> { };

        void write(java.sql.Connection transaction) throws java.sql.SQLException;
    }

    /** @throws java.util.NoSuchElementException when there is no such ticket */
    void addNote(TicketId id, TicketNote note);

    /** History, oldest first. */
    List<TicketNote> history(TicketId id);
}
