package dev.frontline.desktop.operator;

import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Tier;
import dev.frontline.core.ticket.Ticket;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import dev.frontline.desktop.net.Desk;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The operator's line work list: the open tickets of its lines, most urgent first, and the one it opened with its
 * whole history, to note, resolve or pass on to the next line (line 2 and 3 work tickets no call of theirs brought).
 * UI thread only.
 */
public final class LineTicketsViewModel {
    /** Sends a command; completes with the reply, reports success ({@code okKey}) or the error to the operator. */
    interface Commands {
        CompletableFuture<ServerMessage> command(Function<String, ClientMessage> cmd, String okKey);
    }

    private final Desk desk;
    private final Commands commands;
    private final Consumer<String> error;
    private final ObservableList<Views.LineTicket> tickets = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a throw-away wrapper would be collected with it. */
    private final ObservableList<Views.LineTicket> ticketsView = FXCollections.unmodifiableObservableList(tickets);
    private final ReadOnlyObjectWrapper<Views.LineTickets> listed = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Views.TicketDetail> open = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Views.CustomerDetail> customer = new ReadOnlyObjectWrapper<>();
    private final StringProperty draft = new SimpleStringProperty("");
    /** The open ticket's call recordings (listed and played on request). */
    private final dev.frontline.desktop.recording.RecordingsViewModel recordings;

    /** Resolve and Escalate wait here for a few seconds' Undo (ADR 0133). */
    private final UndoWindow undo;

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();

    LineTicketsViewModel(Desk desk, Commands commands, Consumer<String> error, UndoWindow undo) {
        this.desk = desk;
        this.commands = commands;
        this.error = error;
        this.undo = undo;
        this.recordings = recordingsOf(desk);
    }

    private dev.frontline.desktop.recording.RecordingsViewModel recordingsOf(Desk d) {
        dev.frontline.desktop.recording.RecordingsViewModel r = new dev.frontline.desktop.recording.RecordingsViewModel(d,
                new dev.frontline.desktop.recording.ClipPlayback());
        open.addListener((o, a, t) -> r.show(t == null ? null : t.callId()));
        return r;
    }

    /** The open ticket's call recordings. */
    public dev.frontline.desktop.recording.RecordingsViewModel recordings() { return recordings; }

    /**
     * A work list of its own (a supervisor's tickets window): what commands did, or why they were refused, is in
     * {@link #messageProperty()} (a message key or the server's text).
     */
    public LineTicketsViewModel(Desk desk) {
        this(desk, UndoWindow.fx(UndoWindow.DEFAULT_HOLD));
    }

    /** A work list of its own whose Resolve and Escalate wait in {@code undo}. */
    public LineTicketsViewModel(Desk desk, UndoWindow undo) {
        this.desk = desk;
        this.undo = undo;
        this.recordings = recordingsOf(desk);
        this.error = text -> say(text, true);
        this.commands = (cmd, okKey) -> desk.send(cmd).whenComplete((m, e) -> {
            if (e != null) say(OperatorViewModel.cause(e).getMessage(), true);
            else if (okKey != null) say(okKey, false);
        });
    }

    private void say(String text, boolean isError) {
        messageIsError.set(isError);
        message.set(""); // the same text twice still tells the listeners
        message.set(text == null ? "error" : text);
    }

    /** The last message of a work list of its own (see {@link #LineTicketsViewModel(Desk)}); empty before any. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty messageIsErrorProperty() { return messageIsError.getReadOnlyProperty(); }

    public ObservableList<Views.LineTicket> tickets() { return ticketsView; }
    /** The last list read (its lines and when), null before the first. */
    public ReadOnlyObjectProperty<Views.LineTickets> listedProperty() { return listed.getReadOnlyProperty(); }
    /** The ticket opened from the list, with its history; null when none. */
    public ReadOnlyObjectProperty<Views.TicketDetail> openProperty() { return open.getReadOnlyProperty(); }
    /** The open ticket's customer (contract, phones, address, any outage there); null without one or until read. */
    public ReadOnlyObjectProperty<Views.CustomerDetail> customerProperty() { return customer.getReadOnlyProperty(); }
    /** The note or resolution being typed for the open ticket. */
    public StringProperty draftProperty() { return draft; }

    /** Reads the list again; the open ticket is read again too, and let go once it is closed (by anyone). */
    public void refresh() {
        desk.lineTickets().whenComplete((l, e) -> {
            if (e != null) {
                error.accept(OperatorViewModel.cause(e).getMessage());
                return;
            }
            listed.set(l);
            tickets.setAll(l.tickets());
            Views.TicketDetail current = open.get();
            if (current != null) {
                read(current.ticket().ticketId());
            }
        });
    }

    /** Opens a ticket of the list (reads its history). */
    public void open(Views.LineTicket t) {
        if (t == null) {
            close();
        } else {
            open(t.ticket().ticketId());
        }
    }

    /** Opens any ticket this desk may read, e.g. a caller's earlier one from the screen-pop, on any line. */
    public void open(String ticketId) {
        if (open.get() == null || !open.get().ticket().ticketId().equals(ticketId)) {
            draft.set("");
        }
        read(ticketId);
    }

    /** Why the number typed in "Ticket #" opened nothing: a message key and the number as typed or read; null when it did. */
    public record FindProblem(String key, String number) {}

    private final ReadOnlyObjectWrapper<FindProblem> findProblem = new ReadOnlyObjectWrapper<>();

    /** Why the last {@link #openNumber} opened nothing (shown under the field); null after one that opened a ticket. */
    public ReadOnlyObjectProperty<FindProblem> findProblemProperty() { return findProblem.getReadOnlyProperty(); }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("(?i)\\s*#?\\s*(?:FL\\s*-?\\s*)?(\\d{1,9})\\s*");

    /**
     * The ticket id a supervisor typed: "FL-000042", "fl-42", "#42" and "42" are all {@code FL-000042}; empty for
     * anything else.
     */
    public static Optional<String> ticketNumber(String typed) {
        java.util.regex.Matcher m = NUMBER.matcher(typed == null ? "" : typed);
        return m.matches() ? Optional.of(dev.frontline.core.ticket.Ticket.idOf(Long.parseLong(m.group(1))).value())
                : Optional.empty();
    }

    /**
     * Supervisors: opens the ticket of the number typed ("Ticket #", Ctrl+G), closed ones too, with its history (a
     * closed one shows Reopen). Something that is not a ticket number, or a number no ticket has, opens nothing and
     * says so in {@link #findProblemProperty()}; the ticket open stays open.
     */
    public void openNumber(String typed) {
        Optional<String> id = ticketNumber(typed);
        if (id.isEmpty()) {
            findProblem.set(new FindProblem(typed == null || typed.isBlank() ? "tickets.find.empty" : "tickets.find.bad",
                    typed == null ? "" : typed.strip()));
            return;
        }
        findProblem.set(null);
        if (open.get() == null || !open.get().ticket().ticketId().equals(id.get())) {
            draft.set("");
        }
        read(id.get(), e -> {
            Throwable c = OperatorViewModel.cause(e);
            if (c instanceof dev.frontline.desktop.net.ApiException a && a.status() == 404) {
                findProblem.set(new FindProblem("tickets.find.unknown", id.get()));
            } else {
                findProblem.set(new FindProblem("tickets.find.failed", c.getMessage()));
            }
        });
    }

    public void close() {
        open.set(null);
        customer.set(null);
        draft.set("");
    }

    /** This operator works the open ticket from now on: the line sees "taken by" it. */
    public void take() {
        if (open.get() != null) {
            act(open.get().ticket().ticketId(), (cid, id) -> new ClientMessage.TakeTicket(cid, id), "ticket.taken", false);
        }
    }

    /**
     * Supervisors: operator {@code login} works the open ticket from now on (they see it as theirs in their Tickets
     * tab); the server refuses anyone not on the ticket's line.
     */
    public void assign(String login) {
        if (open.get() != null && login != null && !login.isBlank()) {
            act(open.get().ticket().ticketId(), (cid, id) -> new ClientMessage.AssignTicket(cid, id, login),
                    "ticket.assigned", false);
        }
    }

    /** The login of this desk (to tell "taken by you"). */
    public String me() {
        return desk.session().login();
    }

    /** Adds the typed text to the open ticket's history. */
    public void addNote() {
        typed().ifPresent(text -> act(open.get().ticket().ticketId(), (cid, id) -> new ClientMessage.AddNote(cid, id, text),
                "note.saved", false));
    }

    /** Closes the open ticket with the typed text as its resolution (required: the customer's answer to "what was done?"). */
    public void resolve() {
        typed().ifPresent(text -> act(open.get().ticket().ticketId(), (cid, id) -> new ClientMessage.CloseTicket(cid, id, text), "ticket.resolved", true));
    }

    /** Opens the closed ticket shown again on its line, with the typed text as the reason (required). */
    public void reopen() {
        typed().ifPresent(text -> act(open.get().ticket().ticketId(), (cid, id) -> new ClientMessage.ReopenTicket(cid, id, text), "ticket.reopened", false));
    }

    /** True when the ticket shown is closed (it can only be reopened). */
    public static boolean closed(Views.TicketDetail t) {
        return t != null && !Ticket.OPEN.equals(t.ticket().state());
    }

    /** Passes the open ticket to the next line, with the typed text (if any) as the reason. */
    public void escalate() {
        escalateCommand().ifPresent(Runnable::run);
    }

    /** Resolve as pressed: held back for the undo time with the text as typed now, then sent. */
    public void resolveLater() {
        String ticket = open.get() == null ? null : open.get().ticket().ticketId();
        typed().ifPresent(text -> undo.offer("undo.resolve",
                () -> act(ticket, (cid, id) -> new ClientMessage.CloseTicket(cid, id, text), "ticket.resolved", true), ticket));
    }

    /** Escalate as pressed: held back for the undo time, then sent. */
    public void escalateLater() {
        Optional<Tier> next = nextLine();
        escalateCommand().ifPresent(c -> undo.offer("undo.escalate." + next.get().name(), c,
                open.get().ticket().ticketId()));
    }

    /** The Resolve or Escalate waiting for Undo. */
    public UndoWindow undo() { return undo; }

    private Optional<Runnable> escalateCommand() {
        Optional<Tier> next = nextLine();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        String ticket = open.get().ticket().ticketId();
        String why = draft.get() == null ? "" : draft.get().trim();
        return Optional.of(() -> act(ticket, (cid, id) -> new ClientMessage.EscalateTicket(cid, id, next.get(),
                why.isEmpty() ? null : why), "ticket.escalated", true));
    }

    /** The line the open ticket would go to next; empty on the last line or with no ticket open. */
    public Optional<Tier> nextLine() {
        Views.TicketDetail t = open.get();
        if (t == null) {
            return Optional.empty();
        }
        Tier tier = Tier.valueOf(t.ticket().tier().toUpperCase(java.util.Locale.ROOT));
        return tier == Tier.LINE3 ? Optional.empty() : Optional.of(tier.next());
    }

    /** How many of a list's tickets were past their line's target when it was read (0 for none or no list). */
    static long overdue(Views.LineTickets l) {
        return l == null ? 0 : l.tickets().stream().filter(t -> overdue(t.ticket(), l.at())).count();
    }

    /** True when the open ticket is past its line's target at {@code now}. */
    static boolean overdue(Views.TicketSummary t, Instant now) {
        return t.dueAt() != null && t.dueAt().isBefore(now);
    }

    private Optional<String> typed() {
        String text = draft.get() == null ? "" : draft.get().trim();
        if (open.get() == null) {
            return Optional.empty();
        }
        if (text.isEmpty()) {
            error.accept("tickets.type-first");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /**
     * Sends {@code make(command id, ticket)}; on success the draft clears, the ticket is let go when {@code done}
     * with it (resolved, passed on; unless another ticket was opened meanwhile) and the list is read again. A refused
     * command keeps the text.
     */
    private void act(String ticket, BiFunction<String, String, ClientMessage> make, String okKey, boolean done) {
        commands.command(cid -> make.apply(cid, ticket), okKey).whenComplete((m, e) -> {
            if (e == null) {
                boolean stillOpen = open.get() != null && open.get().ticket().ticketId().equals(ticket);
                if (done && stillOpen) {
                    close();
                } else if (stillOpen) {
                    draft.set("");
                }
                refresh();
            }
        });
    }

    private void read(String ticketId) {
        read(ticketId, null);
    }

    /** Reads a ticket to show; {@code failed} (when not null) hears a failure instead of the desk's message. */
    private void read(String ticketId, Consumer<Throwable> failed) {
        desk.ticket(ticketId).whenComplete((d, e) -> {
            if (e != null && failed != null) {
                failed.accept(e);
            } else if (e != null) {
                // said once: a ticket that cannot be read again (e.g. the server restarted and forgot this desk
                // may read it) is let go rather than refused every 30 s
                if (open.get() != null && open.get().ticket().ticketId().equals(ticketId)) close();
                error.accept(OperatorViewModel.cause(e).getMessage());
            } else if (!Ticket.OPEN.equals(d.ticket().state()) && open.get() != null
                    && open.get().ticket().ticketId().equals(ticketId) && Ticket.OPEN.equals(open.get().ticket().state())) {
                close(); // resolved meanwhile
            } else { // a closed ticket opened on purpose shows with Reopen
                Views.CustomerDetail known = customer.get();
                boolean sameCustomer = d.customerId() != null && known != null && known.customer().id() == d.customerId();
                if (!sameCustomer) {
                    customer.set(null);
                }
                open.set(d);
                if (d.customerId() != null && !sameCustomer) {
                    desk.customer(d.customerId()).whenComplete((c, ce) -> {
                        Views.TicketDetail now = open.get(); // still the same customer's ticket open
                        if (c != null && now != null && d.customerId().equals(now.customerId())) customer.set(c);
                    });
                }
            }
        });
    }
}
