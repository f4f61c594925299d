package dev.frontline.server.api;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Tier;

import java.util.Optional;

/** What desktops change on tickets; implemented over the ticket service in the composition root. */
public interface TicketDesk {

    /** A new ticket; returns its id. */
    String create(Optional<CustomerId> customer, Optional<CallId> call, String subject, Tier tier, String author);

    /**
     * A ticket with {@code note} as its first note, numbered now but stored only by running {@code write} in a
     * transaction of the store (with a callback: {@link dev.frontline.core.acd.CallQueue#requestCallback(
     * dev.frontline.core.acd.CallbackRequest, dev.frontline.core.acd.JointWrite)}).
     */
    /** A ticket about {@code intent}, with that intent's priority (technical 1, sales 2, general 3). */
    Prepared prepare(Optional<CustomerId> customer, String subject, dev.frontline.core.common.Intent intent, Tier tier,
                     String author, String note);

    /** A ticket id and the write that stores the ticket. */
    record Prepared(String ticketId, dev.frontline.core.acd.JointWrite write) {}

    void addNote(String ticketId, String author, String text);

    void escalate(String ticketId, Tier toTier, String author, String note);

    /** {@code author} works the open ticket on its current line from now on. */
    void take(String ticketId, String author);

    /** A supervisor ({@code by}) gives the open ticket to operator {@code to} on its current line. */
    void assign(String ticketId, String to, String by);

    /** Resolves an open ticket (its SLA clock stops); refused when it is closed already. */
    void close(String ticketId, String author, String resolution);

    /**
     * Opens a closed ticket again on its line with {@code reason} in its history; {@code also} (the audit row) commits
     * with it. Refused (IllegalArgumentException) when the ticket is open or the reason empty.
     */
    void reopen(String ticketId, String author, String reason, dev.frontline.core.ticket.TicketStore.InTransaction also);

    /** How the call ended (resolved, escalated, callback promised ...): recorded on the call's ticket. */
    void disposition(CallId call, String disposition, String author);
}
