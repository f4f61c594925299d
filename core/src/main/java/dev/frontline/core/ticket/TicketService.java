package dev.frontline.core.ticket;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.TicketId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.desk.Targets;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Tickets: one per contact with a human-readable id, notes and state history, escalation line 1 -> 2 -> 3 with
 * the tier's SLA clock ({@code desk.targets}). Bad input is refused with {@link IllegalArgumentException} naming
 * the field; nothing is written then. Thread-safe.
 */
public final class TicketService {
    static final int MAX_TEXT = 4000;
    static final int MAX_SUBJECT = 400;

    private final TicketStore store;
    private final Clock clock;
    private final Targets targets;

    public TicketService(TicketStore store, Clock clock, Targets targets) {
        this.store = store;
        this.clock = clock;
        this.targets = targets;
    }

    public Ticket open(Optional<CustomerId> customer, Optional<CallId> call, String subject, Optional<Intent> intent,
                       Tier tier, int priority, String author) {
        String s = text("subject", subject, MAX_SUBJECT);
        Objects.requireNonNull(tier, "tier");
        if (priority < 1 || priority > 3) {
            throw new IllegalArgumentException("priority must be 1..3, not " + priority);
        }
        Instant now = clock.instant();
        Optional<String> who = Optional.ofNullable(author).filter(a -> !a.isBlank());
        return store.create(n -> new Ticket(Ticket.idOf(n), customer, call, s, intent, tier, Ticket.OPEN, priority,
                        now, now.plus(targets.forTier(tier)), Optional.empty(), who),
                new TicketNote(now, author, TicketNote.STATE, "opened on " + name(tier) + ": " + s));
    }

    /** A ticket and its first history lines, numbered but not stored yet: see {@link #draft}, {@link #insert}. */
    public record Draft(Ticket ticket, List<TicketNote> notes) {}

    /**
     * Takes a number for a ticket with {@code note} as its first note, to be stored by {@link #insert} in a
     * transaction someone else commits (the web form stores it with its callback). The same checks as
     * {@link #open}; nothing but the number is written now.
     */
    public Draft draft(Optional<CustomerId> customer, String subject, Optional<Intent> intent, Tier tier, int priority,
                       String author, String note) {
        String s = text("subject", subject, MAX_SUBJECT);
        String n = text("text", note, MAX_TEXT);
        Objects.requireNonNull(tier, "tier");
        if (priority < 1 || priority > 3) {
            throw new IllegalArgumentException("priority must be 1..3, not " + priority);
        }
        long number = store.reserveNumber();
        Instant now = clock.instant();
        Optional<String> who = Optional.ofNullable(author).filter(a -> !a.isBlank());
        Ticket t = new Ticket(Ticket.idOf(number), customer, Optional.empty(), s, intent, tier, Ticket.OPEN,
                priority, now, now.plus(targets.forTier(tier)), Optional.empty(), who);
        return new Draft(t, List.of(new TicketNote(now, author, TicketNote.STATE, "opened on " + name(tier) + ": " + s),
                new TicketNote(now, author, TicketNote.NOTE, n)));
    }

    /** Stores a {@link #draft} inside {@code transaction}, which the caller commits. */
    public void insert(java.sql.Connection transaction, Draft draft) throws java.sql.SQLException {
        store.insert(transaction, draft.ticket(), draft.notes());
    }

    public void addNote(TicketId id, String author, String text) {
        store.addNote(id, new TicketNote(clock.instant(), author, TicketNote.NOTE, text("text", text, MAX_TEXT)));
    }

    /**
     * {@code who} works the open ticket from now on (on its current line: an escalation hands it to the next line
     * untaken); taking over from someone else is allowed, the history shows who had it.
     *
     * @throws IllegalArgumentException for a closed ticket
     */
    public void take(TicketId id, String who) {
        Ticket t = require(id);
        if (!t.isOpen()) {
            throw new IllegalArgumentException("ticket " + id + " is closed");
        }
        store.addNote(id, new TicketNote(clock.instant(), text("who", who, 64), TicketNote.TAKEN, "taken on " + name(t.tier())));
    }

    /**
     * A supervisor gives the open ticket to operator {@code to} on its current line: from now on it is theirs
     * ("taken by {@code to}"), as if they had taken it; the history says who assigned it.
     */
    public void assign(TicketId id, String to, String by) {
        Ticket t = require(id);
        if (!t.isOpen()) {
            throw new IllegalArgumentException("ticket " + id + " is closed");
        }
        store.addNote(id, new TicketNote(clock.instant(), text("to", to, 64), TicketNote.TAKEN,
                "assigned on " + name(t.tier()) + " by " + text("by", by, 64)));
    }

    /**
     * Moves the ticket up a line ({@code to} empty: the next one) and restarts its SLA clock with that line's target.
     *
     * @throws IllegalArgumentException for a closed ticket, a line that is not higher, or line 3 already
     */
    public Ticket escalate(TicketId id, Optional<Tier> to, String author, String note) {
        Ticket t = require(id);
        if (!t.isOpen()) {
            throw new IllegalArgumentException("ticket " + id + " is closed");
        }
        Tier target = to.orElseGet(() -> t.tier().next());
        if (target.ordinal() <= t.tier().ordinal()) {
            throw new IllegalArgumentException("tier: ticket " + id + " is on " + name(t.tier())
                    + " already; escalation goes up, not to " + name(target));
        }
        Instant now = clock.instant();
        Ticket up = new Ticket(t.id(), t.customer(), t.call(), t.subject(), t.intent(), target, t.state(), t.priority(),
                t.openedAt(), now.plus(targets.forTier(target)), t.closedAt(), t.operator());
        String why = note == null || note.isBlank() ? "" : ": " + text("note", note, MAX_TEXT);
        store.update(up, new TicketNote(now, author, TicketNote.ESCALATION, name(t.tier()) + " -> " + name(target) + why));
        return up;
    }

    public Ticket close(TicketId id, String author, String resolution) {
        Ticket t = require(id);
        if (!t.isOpen()) {
            throw new IllegalArgumentException("ticket " + id + " is closed already");
        }
        Instant now = clock.instant();
        Ticket closed = new Ticket(t.id(), t.customer(), t.call(), t.subject(), t.intent(), t.tier(), Ticket.CLOSED,
                t.priority(), t.openedAt(), t.dueAt(), Optional.of(now), t.operator());
        store.update(closed, new TicketNote(now, author, TicketNote.STATE, "closed: " + text("resolution", resolution, MAX_TEXT)));
        return closed;
    }

    /**
     * Opens a closed ticket again on the line that closed it ("it is broken again"), with a new SLA clock of that
     * line's target. The history gets a {@code state} line "reopened: reason", which first-contact resolution reads:
     * a call whose ticket is reopened within {@code reports.first-contact-days} was not resolved at first contact.
     * {@code also} commits with it (the audit row).
     *
     * @throws IllegalArgumentException for an empty or too long reason, or a ticket that is open (also when another
     *                                  reopened it a moment before)
     * @throws NoSuchElementException   for an unknown ticket
     */
    public Ticket reopen(TicketId id, String author, String reason, TicketStore.InTransaction also) {
        String why = text("reason", reason, MAX_TEXT);
        Ticket t = require(id);
        if (t.isOpen()) {
            throw new IllegalArgumentException("ticket " + id + " is open: only a closed ticket can be reopened");
        }
        Instant now = clock.instant();
        Ticket reopened = new Ticket(t.id(), t.customer(), t.call(), t.subject(), t.intent(), t.tier(), Ticket.OPEN,
                t.priority(), t.openedAt(), now.plus(targets.forTier(t.tier())), Optional.empty(), t.operator());
        if (!store.updateIfState(Ticket.CLOSED, reopened,
                new TicketNote(now, author, TicketNote.STATE, REOPENED + why), also)) {
            throw new IllegalArgumentException("ticket " + id + " is open: only a closed ticket can be reopened");
        }
        return reopened;
    }

    /** How a reopening starts in the history (first-contact resolution looks for it: see {@link #reopen}). */
    public static final String REOPENED = "reopened: ";

    /** Records how the call ended on its ticket. */
    public void disposition(CallId call, String disposition, String author) {
        Ticket t = store.findByCall(call).orElseThrow(() -> new NoSuchElementException("no ticket for call " + call));
        store.addNote(t.id(), new TicketNote(clock.instant(), author, TicketNote.DISPOSITION,
                text("disposition", disposition, MAX_TEXT)));
    }

    public Optional<Ticket> find(TicketId id) {
        return store.find(id);
    }

    public Optional<Ticket> forCall(CallId call) {
        return store.findByCall(call);
    }

    public List<TicketNote> history(TicketId id) {
        return store.history(id);
    }

    /** True when an open ticket is past its tier's SLA clock at {@code now}. */
    public static boolean overdue(Ticket t, Instant now) {
        return t.isOpen() && now.isAfter(t.dueAt());
    }

    private Ticket require(TicketId id) {
        return store.find(id).orElseThrow(() -> new NoSuchElementException("no ticket " + id));
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new IllegalArgumentException(field + " is " + v.length() + " characters; at most " + max);
        }
        return v;
    }

    private static String name(Tier tier) {
        return tier.name().toLowerCase(Locale.ROOT);
    }
}
