package dev.frontline.core.ticket;

import java.time.Instant;

/**
 * One line of a ticket's history. {@code kind}: note, state, escalation, disposition, taken (its author works the
 * ticket on its current line, until another takes it or it moves to another line).
 */
public record TicketNote(Instant at, String author, String kind, String text) {
    public static final String NOTE = "note";
    public static final String STATE = "state";
    public static final String ESCALATION = "escalation";
    public static final String DISPOSITION = "disposition";
    public static final String TAKEN = "taken";
}
