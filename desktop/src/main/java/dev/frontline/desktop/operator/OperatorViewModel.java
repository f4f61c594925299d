package dev.frontline.desktop.operator;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Tier;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.net.Desk;
import dev.frontline.desktop.net.LiveConnection;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The operator desk's state and commands. Everything runs on the FX thread (live messages arrive there through the
 * desk's delivery executor); {@link #tick()} refreshes the clocks and is called once a second by the view.
 */
public final class OperatorViewModel implements LiveConnection.Listener {
    /** Words typed in the note before the knowledge base is asked. */
    static final int KB_MIN_WORDS = 3;

    private final Desk desk;
    private final Clock clock;

    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper(LiveConnection.Status.CONNECTING.name());
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<OperatorState> state = new ReadOnlyObjectWrapper<>(OperatorState.OFFLINE);
    private final ReadOnlyStringWrapper stateReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Instant> stateSince = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Duration> timeInState = new ReadOnlyObjectWrapper<>(Duration.ZERO);
    private final ReadOnlyObjectWrapper<Instant> wrapUpUntil = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Duration> wrapUpLeft = new ReadOnlyObjectWrapper<>(Duration.ZERO);
    private final ReadOnlyObjectWrapper<CallPhase> phase = new ReadOnlyObjectWrapper<>(CallPhase.NONE);
    private final ReadOnlyObjectWrapper<ServerMessage.ScreenPop> call = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Duration> waitSoFar = new ReadOnlyObjectWrapper<>(Duration.ZERO);
    /** When the current call was answered (the caller's wait stops there); null while it rings or when not known. */
    private Instant answeredAt;
    private final ReadOnlyObjectWrapper<ServerMessage.CallbackOffer> callbackOffer = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper ticketId = new ReadOnlyStringWrapper("");
    /** A supervisor whispering to this operator or barged in on their call; null otherwise (listening is silent). */
    private final ReadOnlyObjectWrapper<Views.Spy> coaching = new ReadOnlyObjectWrapper<>();
    /** This operator's callers' rating today; null until read (and when it cannot be). */
    private final ReadOnlyObjectWrapper<Views.OperatorRating> myRating = new ReadOnlyObjectWrapper<>();
    private final StringProperty note = new SimpleStringProperty("");
    private final ObservableList<String> savedNotes = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a throw-away wrapper would be collected with it. */
    private final ObservableList<String> savedNotesView = FXCollections.unmodifiableObservableList(savedNotes);
    private final ObservableList<Views.KbArticle> kb = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a throw-away wrapper would be collected with it. */
    private final ObservableList<Views.KbArticle> kbView = FXCollections.unmodifiableObservableList(kb);
    private final ReadOnlyObjectWrapper<Views.KbArticleText> article = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Views.CallbackRow> callbacks = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a throw-away wrapper would be collected with it. */
    private final ObservableList<Views.CallbackRow> callbacksView = FXCollections.unmodifiableObservableList(callbacks);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<Views.CustomerCard> searchResults = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a throw-away wrapper would be collected with it. */
    private final ObservableList<Views.CustomerCard> searchResultsView = FXCollections.unmodifiableObservableList(searchResults);
    private final ObjectProperty<Views.CustomerCard> chosenCustomer = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper messageIsWarning = new ReadOnlyBooleanWrapper();
    private final LineTicketsViewModel lineTickets;
    /** Today's calls and the customer search at any time. */
    private final TodayViewModel today;
    /** Resolve and Escalate wait here for a few seconds' Undo (ADR 0133). */
    private final UndoWindow undo;
    private final CallControlsViewModel callControls;
    /** The call's ticket while its CreateTicket is on its way (a second command waits for it instead of making one). */
    private CompletableFuture<String> pendingTicket;
    private int kbWordsAsked;
    private String kbLatestText;

    public OperatorViewModel(Desk desk, Clock clock) {
        this(desk, clock, UndoWindow.DEFAULT_HOLD);
    }

    /** @param undoHold how long Resolve and Escalate wait for Undo before they are sent (zero: at once) */
    public OperatorViewModel(Desk desk, Clock clock, Duration undoHold) {
        this(desk, clock, UndoWindow.fx(undoHold));
    }

    /** @param undo where Resolve and Escalate wait for Undo before they are sent */
    public OperatorViewModel(Desk desk, Clock clock, UndoWindow undo) {
        this.desk = desk;
        this.clock = clock;
        this.undo = undo;
        name.set(desk.session().name());
        this.lineTickets = new LineTicketsViewModel(desk, this::command, this::error, undo);
        this.today = new TodayViewModel(desk, clock, this::error);
        this.callControls = new CallControlsViewModel(this::command, clock, this::talkingCallId, this::saveNoteForTransfer,
                desk::colleagues);
        note.addListener((o, was, now) -> maybeAskKb(now));
        chosenCustomer.addListener((o, was, now) -> identify(now));
    }

    /**
     * An unknown caller picked from the search results is the call's customer: the server links the call and its
     * tickets, and the pop shows the record, open tickets and last contacts (issue 22: the header kept saying
     * "Unknown caller").
     */
    private void identify(Views.CustomerCard c) {
        ServerMessage.ScreenPop p = call.get();
        if (c == null || p == null || p.customer() != null) return;
        String callId = p.callId();
        command(id -> new ClientMessage.IdentifyCaller(id, callId, c.id()), null).thenRun(() ->
                desk.customer(c.id()).whenComplete((d, e) -> {
                    if (d == null || !isCurrent(callId)) return;
                    ServerMessage.ScreenPop now = call.get();
                    call.set(new ServerMessage.ScreenPop(now.callId(), now.offeredAt(), now.callingNumber(), d.customer(),
                            now.trail(), d.openTickets(), d.lastContacts(), now.outage(), now.ticketId(),
                            now.transferredBy()));
                }));
    }

    /** Starts the live connection and loads the callbacks list and today's rating. */
    public void start() {
        desk.listen(this);
        refreshCallbacks();
        refreshRating();
        lineTickets.refresh();
        today.refresh();
    }

    /** Reads this operator's callers' rating today again (callers rate after the call, so it moves all day). */
    public void refreshRating() {
        desk.myRating(I18n.startOfToday(clock)).whenComplete((r, e) -> {
            if (r != null) myRating.set(r);
        });
    }

    /** The live connection: CONNECTING, ONLINE, RECONNECTING, EXPIRED or CLOSED. */
    public ReadOnlyStringProperty connectionProperty() { return connection.getReadOnlyProperty(); }
    public ReadOnlyStringProperty nameProperty() { return name.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<OperatorState> stateProperty() { return state.getReadOnlyProperty(); }
    public ReadOnlyStringProperty stateReasonProperty() { return stateReason.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Instant> stateSinceProperty() { return stateSince.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Duration> timeInStateProperty() { return timeInState.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Instant> wrapUpUntilProperty() { return wrapUpUntil.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Duration> wrapUpLeftProperty() { return wrapUpLeft.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<CallPhase> phaseProperty() { return phase.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ServerMessage.ScreenPop> callProperty() { return call.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Duration> waitSoFarProperty() { return waitSoFar.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ServerMessage.CallbackOffer> callbackOfferProperty() { return callbackOffer.getReadOnlyProperty(); }
    public ReadOnlyStringProperty ticketIdProperty() { return ticketId.getReadOnlyProperty(); }
    /** A supervisor whispering to this operator ({@code WHISPER}) or in the conversation ({@code BARGE}); else null. */
    public ReadOnlyObjectProperty<Views.Spy> coachingProperty() { return coaching.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Views.OperatorRating> myRatingProperty() { return myRating.getReadOnlyProperty(); }
    public StringProperty noteProperty() { return note; }
    public ObservableList<String> savedNotes() { return savedNotesView; }
    public ObservableList<Views.KbArticle> kbSuggestions() { return kbView; }

    /** The suggested article opened to read on the call, or null. */
    public ReadOnlyObjectProperty<Views.KbArticleText> articleProperty() { return article.getReadOnlyProperty(); }

    /** Opens a suggested article: the whole body, not the suggestion's first words. */
    public void openArticle(Views.KbArticle a) {
        if (a == null) return;
        desk.article(a.id()).whenComplete((t, e) -> {
            if (e != null) error(cause(e).getMessage());
            else article.set(t);
        });
    }

    public void closeArticle() {
        article.set(null);
    }
    public ObservableList<Views.CallbackRow> callbacks() { return callbacksView; }
    /** The open tickets of this operator's lines, and the one opened from them. */
    public LineTicketsViewModel lineTickets() { return lineTickets; }
    /** Today's calls and the customer search at any time. */
    public TodayViewModel today() { return today; }

    /** The dispositions and callback times this desk offers (from the server at login; the defaults before it). */
    public Views.DeskSettings settings() { return desk.session().deskOrDefaults(); }

    /** Hold, mute and transfer of the call being talked on. */
    public CallControlsViewModel callControls() { return callControls; }
    public StringProperty searchProperty() { return search; }
    public ObservableList<Views.CustomerCard> searchResults() { return searchResultsView; }
    public ObjectProperty<Views.CustomerCard> chosenCustomerProperty() { return chosenCustomer; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty messageIsErrorProperty() { return messageIsError.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty messageIsWarningProperty() { return messageIsWarning.getReadOnlyProperty(); }

    // ---- live messages ----

    @Override
    public void onStatus(LiveConnection.Status status, String detail) {
        if (leaving && status == LiveConnection.Status.EXPIRED) status = LiveConnection.Status.CLOSED; // our own log-out
        connection.set(status.name());
        if (status == LiveConnection.Status.EXPIRED) error(detail);
    }

    @Override
    public void onMessage(ServerMessage m) {
        if (m instanceof ServerMessage.Welcome w) {
            name.set(w.name());
            if (w.current() != null) {
                pop(w.current());
                if ("connected".equals(w.callPhase())) phase.set(CallPhase.TALKING);
                Views.Consultation c = w.consult();
                if (c != null && phase.get() == CallPhase.TALKING && c.callId().equals(w.current().callId())
                        && desk.session().login().equals(c.from())) {
                    // a desk reconnecting mid-consultation: the caller holds, Complete / Cancel are back
                    callControls.onHoldChanged(new ServerMessage.CallHoldChanged(c.callId(), true, 0, c.since()));
                    callControls.onConsult(new ServerMessage.ConsultChanged(c.callId(), c.to(), c.stage(), null,
                            c.note(), c.since()));
                }
                if ("wrap-up".equals(w.callPhase())) {
                    phase.set(CallPhase.WRAP_UP);
                    wrapUpUntil.set(w.wrapUpUntil());
                }
            } else if (phase.get() != CallPhase.NONE) {
                clearCall();
            }
            setState(w.state(), w.stateReason(), w.stateSince());
            coaching.set(w.spy() != null && desk.session().login().equals(w.spy().operator()) && isCurrent(w.spy().callId())
                    ? w.spy() : null);
        } else if (m instanceof ServerMessage.SpyChanged s) {
            if (s.spy() != null && desk.session().login().equals(s.spy().operator())) {
                coaching.set(ServerMessage.SpyChanged.ON.equals(s.stage()) && s.spy().mode() != dev.frontline.core.common.SpyMode.LISTEN
                        ? s.spy() : null);
            }
        } else if (m instanceof ServerMessage.ScreenPop p) {
            pop(p);
        } else if (m instanceof ServerMessage.CallConnected c) {
            if (isCurrent(c.callId())) {
                phase.set(CallPhase.TALKING);
                answered(c.at());
            }
        } else if (m instanceof ServerMessage.CallFinished f) {
            if (isCurrent(f.callId())) {
                phase.set(CallPhase.WRAP_UP);
                wrapUpUntil.set(f.wrapUpUntil());
            }
            today.refresh(); // the call just ended joins today's list
        } else if (m instanceof ServerMessage.CallOfferWithdrawn w) {
            // a colleague's consultation that ended leaves this desk even after it was answered
            boolean consultEnded = ServerMessage.CallOfferWithdrawn.CONSULT_ENDED.equals(w.reason());
            if (isCurrent(w.callId()) && (phase.get() == CallPhase.RINGING || consultEnded)) {
                clearCall();
                // neither is a success: shown as a warning, never in the green of "ticket saved" (issue 22 item 10); a
                // consultation that ended without the transfer is only news
                if (ServerMessage.CallOfferWithdrawn.NOT_ANSWERED.equals(w.reason())) warn("pop.missed");
                else if (consultEnded) info("pop.consult.ended");
                else warn("pop.withdrawn");
            }
        } else if (m instanceof ServerMessage.StateChanged s) {
            if (s.login() == null || s.login().equals(desk.session().login())) {
                setState(s.state(), s.reason(), s.since());
                if (callbackOffer.get() != null && s.state() != OperatorState.RINGING && s.state() != OperatorState.TALKING) {
                    callbackOffer.set(null); // the callback rang out (or the operator left): its banner goes
                    if (s.state() == OperatorState.MISSED) {
                        warn("cb.missed");
                    }
                }
            }
        } else if (m instanceof ServerMessage.CallbackOffer o) {
            callbackOffer.set(o);
            refreshCallbacks();
        } else if (m instanceof ServerMessage.CallbacksChanged) {
            refreshCallbacks(); // requested, offered, answered or failed anywhere: the list as it is now
        } else if (m instanceof ServerMessage.CallHoldChanged h) {
            callControls.onHoldChanged(h);
        } else if (m instanceof ServerMessage.ConsultChanged c) {
            callControls.onConsult(c);
        } else if (m instanceof ServerMessage.Alert a) {
            info(a.alert().text());
        }
        tick();
    }

    private boolean isCurrent(String callId) {
        ServerMessage.ScreenPop p = call.get();
        return p != null && p.callId().equals(callId);
    }

    private void pop(ServerMessage.ScreenPop p) {
        if (!isCurrent(p.callId())) {
            note.set("");
            savedNotes.clear();
            kb.clear();
            article.set(null);
            kbWordsAsked = 0;
            wrapUpUntil.set(null);
            answeredAt = null;
            pendingTicket = null;
        }
        // this desk's own callback, answered by the customer: the server's pop of a call already connected (ADR 0153)
        ServerMessage.CallbackOffer cb = callbackOffer.get();
        boolean answeredCallback = cb != null && cb.attemptId().equals(p.callId())
                && (state.get() == OperatorState.RINGING || state.get() == OperatorState.TALKING);
        if (answeredCallback) phase.set(CallPhase.TALKING); // before the pop shows: it never rings as a pop
        call.set(p);
        callbackOffer.set(null);
        if (answeredCallback) answered(clock.instant());
        else phase.set(CallPhase.RINGING);
        ticketId.set(p.ticketId() == null ? "" : p.ticketId());
        search.set("");
        searchResults.clear();
        chosenCustomer.set(null);
    }

    private void clearCall() {
        answeredAt = null;
        coaching.set(null);
        call.set(null);
        phase.set(CallPhase.NONE);
        wrapUpUntil.set(null);
        ticketId.set("");
    }

    private void setState(OperatorState s, String reason, Instant since) {
        state.set(s);
        stateReason.set(reason == null ? "" : reason);
        stateSince.set(since);
        if (s == OperatorState.TALKING && call.get() != null) {
            phase.set(CallPhase.TALKING);
            answered(since);
        }
        if (s == OperatorState.WRAP_UP && call.get() != null) phase.set(CallPhase.WRAP_UP);
        if ((s == OperatorState.READY || s == OperatorState.BREAK || s == OperatorState.OFFLINE)
                && phase.get() != CallPhase.NONE && phase.get() != CallPhase.RINGING) {
            phase.set(CallPhase.NONE);
            wrapUpUntil.set(null);
        }
        if (s == OperatorState.MISSED && phase.get() == CallPhase.RINGING) clearCall();
    }

    /** Refreshes time in state, the wrap-up countdown and the caller's wait; once a second. */
    public void tick() {
        Instant now = clock.instant();
        Instant since = stateSince.get();
        timeInState.set(since == null ? Duration.ZERO : positive(Duration.between(since, now)));
        Instant until = wrapUpUntil.get();
        wrapUpLeft.set(until == null ? Duration.ZERO : positive(Duration.between(now, until)));
        ServerMessage.ScreenPop p = call.get();
        if (p != null && p.trail() != null) {
            Duration waited = Duration.ofSeconds(p.trail().waitedSeconds());
            if (p.offeredAt() != null) { // the ringing counts: the caller is still waiting
                Instant waitEnd = phase.get() == CallPhase.RINGING ? now : answeredAt;
                if (waitEnd != null) waited = waited.plus(positive(Duration.between(p.offeredAt(), waitEnd)));
            }
            waitSoFar.set(waited);
        }
        callControls.tick();
    }

    private void answered(Instant at) {
        if (answeredAt == null && at != null) answeredAt = at;
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    // ---- commands ----

    public void ready() {
        command(id -> new ClientMessage.SetState(id, OperatorState.READY, null), null);
    }

    /**
     * Ends the working session: offline first (no call is offered to a desk that is going), then the server's
     * logout; {@link #loggedOutProperty} turns true when both are done (or the server could not be told: the desk
     * goes all the same, and the session expires on the server by itself).
     */
    public void logOut() {
        OperatorState s = state.get();
        if (s == OperatorState.RINGING || s == OperatorState.TALKING) return;
        undo.flush(); // a Resolve or Escalate waiting for Undo goes before the session ends
        leaving = true;
        CompletableFuture<?> off = s == OperatorState.OFFLINE ? CompletableFuture.completedFuture(null)
                : desk.send(id -> new ClientMessage.SetState(id, OperatorState.OFFLINE, null));
        off.handle((m, e) -> desk.logOut()).thenCompose(f -> f).whenComplete((v, e) -> loggedOut.set(true));
    }

    /** True once this operator logged out: the window goes back to the login. */
    public ReadOnlyBooleanProperty loggedOutProperty() { return loggedOut.getReadOnlyProperty(); }

    private final ReadOnlyBooleanWrapper loggedOut = new ReadOnlyBooleanWrapper();
    private boolean leaving;

    public void takeBreak(String reason) {
        command(id -> new ClientMessage.SetState(id, OperatorState.BREAK, reason), null);
    }

    public void offline() {
        command(id -> new ClientMessage.SetState(id, OperatorState.OFFLINE, null), null);
    }

    /** Answers what rings: the popped call, or a callback offered to this desk (its attempt is the call to answer). */
    public void accept() {
        ServerMessage.ScreenPop p = call.get();
        if (p != null && phase.get() == CallPhase.RINGING) {
            command(id -> new ClientMessage.AcceptCall(id, p.callId()), null);
            return;
        }
        ServerMessage.CallbackOffer o = callbackOffer.get();
        if (o != null && state.get() == OperatorState.RINGING) command(id -> new ClientMessage.AcceptCall(id, o.attemptId()), null);
    }

    /** Hangs up the call being talked on: the popped call or an answered callback. */
    public void hangUp() {
        ServerMessage.ScreenPop p = call.get();
        if (p != null && phase.get() == CallPhase.TALKING) {
            command(id -> new ClientMessage.HangUpCall(id, p.callId()), null);
            return;
        }
        ServerMessage.CallbackOffer o = callbackOffer.get();
        if (o != null && state.get() == OperatorState.TALKING) command(id -> new ClientMessage.HangUpCall(id, o.attemptId()), null);
    }

    /** The call the operator talks on now (the popped call or an answered callback), or null. */
    String talkingCallId() {
        ServerMessage.ScreenPop p = call.get();
        if (p != null && phase.get() == CallPhase.TALKING) return p.callId();
        ServerMessage.CallbackOffer o = callbackOffer.get();
        return o != null && state.get() == OperatorState.TALKING ? o.attemptId() : null;
    }

    /**
     * Before a transfer: the typed note goes on the call's ticket (made first when the call has none), so the next
     * operator reads it with the ticket. Completes at once when nothing is typed; fails when the note could not be
     * saved (the transfer then waits for the operator).
     */
    CompletableFuture<?> saveNoteForTransfer() {
        String text = note.get().strip();
        if (text.isEmpty()) return CompletableFuture.completedFuture(null);
        CompletableFuture<String> ticket = !ticketId.get().isEmpty() ? CompletableFuture.completedFuture(ticketId.get())
                : pendingTicket != null ? pendingTicket : createTicket(null, Tier.LINE1);
        return ticket.thenCompose(t -> t == null ? CompletableFuture.completedFuture(null)
                : command(id -> new ClientMessage.AddNote(id, t, text), null).thenRun(() -> noteSaved(text)));
    }

    public void endWrapUp() {
        command(ClientMessage.EndWrapUp::new, null);
    }

    /** Saves the typed note on the call's ticket (creating the ticket first when the call has none). */
    public void saveNote() {
        String text = note.get().strip();
        if (text.isEmpty()) return;
        withTicket(t -> command(id -> new ClientMessage.AddNote(id, t, text), "note.saved").thenRun(() -> noteSaved(text)));
    }

    /** A sent note joins the saved ones; the editor clears unless the operator has typed on meanwhile. */
    private void noteSaved(String text) {
        savedNotes.add(text);
        if (note.get().strip().equals(text)) note.set("");
    }

    /**
     * The shortcut's ticket (Ctrl+T): one call, one ticket. With the call's ticket already made (or being made by a
     * saved note) it says so and makes none; otherwise it makes one with the typed subject.
     */
    public void ticketForCall(String subject) {
        if (!ticketId.get().isEmpty() || pendingTicket != null) {
            info("work.ticket.exists");
            return;
        }
        createTicket(subject, Tier.LINE1);
    }

    /** A ticket for the current call (or for the customer chosen in the search); its id comes back in the Ack. */
    public CompletableFuture<String> createTicket(String subject, Tier tier) {
        ServerMessage.ScreenPop p = call.get();
        // a callback conversation has no pop: its ticket is on its attempt id and its customer, so a transfer's note
        // reaches the next operator with the call (ADR 0147)
        ServerMessage.CallbackOffer cb = p == null ? callbackOffer.get() : null;
        Views.CustomerCard chosen = chosenCustomer.get();
        Long customerId = chosen != null ? Long.valueOf(chosen.id())
                : p != null && p.customer() != null ? Long.valueOf(p.customer().id())
                : cb != null && cb.customer() != null ? Long.valueOf(cb.customer().id()) : null;
        String callId = p != null ? p.callId() : cb != null ? talkingCallId() : null;
        String subj = subject == null || subject.isBlank() ? defaultSubject() : subject.strip();
        CompletableFuture<String> made = command(id -> new ClientMessage.CreateTicket(id, callId, customerId, subj, tier),
                "ticket.created")
                .thenApply(ack -> {
                    String created = ack instanceof ServerMessage.Ack a ? a.detail() : null;
                    if (created != null && isStill(callId)) ticketId.set(created);
                    refreshPopTickets();
                    return created;
                });
        pendingTicket = made;
        made.whenComplete((t, e) -> {
            if (pendingTicket == made) pendingTicket = null;
        });
        return made;
    }

    private String defaultSubject() {
        ServerMessage.ScreenPop p = call.get();
        if (p != null && p.trail() != null && p.trail().intent() != null) return p.trail().intent().toLowerCase();
        return "call";
    }

    /** The Resolve or Escalate waiting for Undo. */
    public UndoWindow undo() { return undo; }

    /**
     * Escalate as pressed on the desk: held back for the undo time (the typed reason as it is now), then sent as
     * {@link #escalate(Tier)}.
     */
    public void escalateLater(Tier tier) {
        String why = note.get().strip();
        String id = ticketId.get();
        // no ticket yet: it is made when the time is up, and the bar says so
        undo.offer("undo.escalate." + tier.name() + (id.isEmpty() ? ".new" : ""), () -> escalate(tier, why),
                id.isEmpty() ? null : id);
    }

    /** Resolve as pressed on the desk: held back for the undo time, then sent as {@link #resolveTicket()}. */
    public void resolveTicketLater() {
        String id = ticketId.get();
        if (id.isEmpty()) {
            error("ticket.resolve.none");
            return;
        }
        String typed = note.get().strip();
        undo.offer("undo.resolve", () -> resolveTicket(id, typed), id);
    }

    /** Escalates the call's ticket to {@code tier} with the typed note as the reason. */
    public void escalate(Tier tier) {
        escalate(tier, note.get().strip());
    }

    private void escalate(Tier tier, String why) {
        withTicket(t -> command(id -> new ClientMessage.EscalateTicket(id, t, tier, why), "ticket.escalated")
                .thenRun(() -> {
                    if (!why.isEmpty()) noteSaved(why);
                    refreshPopTickets();
                }));
    }

    /**
     * Resolves the call's ticket: the typed note is the resolution (or "resolved on the call"); the pop's open
     * tickets are read again, and the ticket field clears so a new problem on the same call gets a new ticket.
     */
    public void resolveTicket() {
        String id = ticketId.get();
        if (id.isEmpty()) {
            error("ticket.resolve.none");
            return;
        }
        resolveTicket(id, note.get().strip());
    }

    private void resolveTicket(String id, String typed) {
        String resolution = typed.isEmpty() ? RESOLVED_ON_THE_CALL : typed;
        command(m -> new ClientMessage.CloseTicket(m, id, resolution), "ticket.resolved").thenRun(() -> {
            if (!typed.isEmpty()) noteSaved(typed);
            if (ticketId.get().equals(id)) ticketId.set("");
            refreshPopTickets();
        });
    }

    /**
     * Reads the popped customer's open tickets and last contacts again (after a ticket was created or escalated
     * during the call), so the pop lists them as they are now. Kept as it was if the read fails or the call changed.
     */
    private void refreshPopTickets() {
        ServerMessage.ScreenPop p = call.get();
        if (p == null || p.customer() == null) return;
        desk.customer(p.customer().id()).whenComplete((d, e) -> {
            if (d == null || !isCurrent(p.callId())) return;
            ServerMessage.ScreenPop now = call.get();
            call.set(new ServerMessage.ScreenPop(now.callId(), now.offeredAt(), now.callingNumber(), now.customer(),
                    now.trail(), d.openTickets(), d.lastContacts(), now.outage(), now.ticketId(), now.transferredBy()));
        });
    }

    public void setDisposition(String disposition) {
        ServerMessage.ScreenPop p = call.get();
        if (p == null || disposition == null || disposition.isBlank()) return;
        command(id -> new ClientMessage.SetDisposition(id, p.callId(), disposition), "disposition.saved");
    }

    /** A callback to the current caller (or the chosen customer) in {@code from}..{@code from+window}. */
    public void scheduleCallback(Instant from, Duration window) {
        ServerMessage.ScreenPop p = call.get();
        Views.CustomerCard c = chosenCustomer.get() != null ? chosenCustomer.get() : p == null ? null : p.customer();
        String number = p != null && p.callingNumber() != null ? p.callingNumber() : c == null ? null : c.mobile();
        if (number == null) {
            error("no number to call back");
            return;
        }
        String text = note.get().strip();
        command(id -> new ClientMessage.ScheduleCallback(id, c == null ? null : c.id(), number, from, from.plus(window),
                text.isEmpty() ? null : text), "callback.scheduled").thenRun(this::refreshCallbacks);
    }

    public void callBackNow(Views.CallbackRow item) {
        command(id -> new ClientMessage.CallBackNow(id, item.id()), "callback.dialing").thenRun(this::refreshCallbacks);
    }

    public void refreshCallbacks() {
        desk.callbacks().whenComplete((list, e) -> {
            if (e == null) callbacks.setAll(list);
        });
    }

    public void searchCustomers() {
        String q = search.get().strip();
        if (q.length() < 2) return;
        desk.searchCustomers(q).whenComplete((list, e) -> {
            if (e != null) error(cause(e).getMessage());
            else searchResults.setAll(list);
        });
    }

    private void maybeAskKb(String text) {
        String t = text == null ? "" : text.strip();
        int words = t.isEmpty() ? 0 : t.split("\\s+").length;
        if (words < KB_MIN_WORDS) {
            kbWordsAsked = 0;
            return;
        }
        if (words == kbWordsAsked) return;
        kbWordsAsked = words;
        kbLatestText = t;
        desk.send(id -> new ClientMessage.SuggestKb(id, t)).whenComplete((m, e) -> {
            if (e == null && m instanceof ServerMessage.KbSuggestions s && t.equals(kbLatestText)) {
                kb.setAll(s.articles());
            }
        });
    }

    private boolean isStill(String callId) {
        ServerMessage.ScreenPop p = call.get();
        if (p == null && callId != null) { // a callback conversation's ticket
            return callId.equals(talkingCallId());
        }
        return callId == null ? p == null : p != null && p.callId().equals(callId);
    }

    private void withTicket(java.util.function.Consumer<String> action) {
        if (!ticketId.get().isEmpty()) {
            action.accept(ticketId.get());
            return;
        }
        CompletableFuture<String> making = pendingTicket != null ? pendingTicket : createTicket(null, Tier.LINE1);
        making.thenAccept(t -> {
            if (t != null) action.accept(t);
        });
    }

    /** Sends; on success shows {@code okKey} (a bundle key the view translates), on refusal the server's reason. */
    private CompletableFuture<ServerMessage> command(Function<String, ClientMessage> cmd, String okKey) {
        CompletableFuture<ServerMessage> f = desk.send(cmd);
        return f.whenComplete((m, e) -> {
            if (e != null) error(cause(e).getMessage());
            else if (okKey != null) info(okKey);
        });
    }

    static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    static final String RESOLVED_ON_THE_CALL = "resolved on the call";

    /** Shows {@code text} (a bundle key, or words in the desk's language) as a notice or, with {@code warning}, a warning. */
    public void notice(String text, boolean warning) {
        if (warning) warn(text); else info(text);
    }

    private void info(String text) {
        messageIsError.set(false);
        messageIsWarning.set(false);
        message.set(text);
    }

    /** Something went wrong that is not a refusal (a call rang out): shown as a warning, never as a success. */
    private void warn(String text) {
        messageIsError.set(false);
        messageIsWarning.set(true);
        message.set(null); // the same warning twice in a row shows twice
        message.set(text);
    }

    private void error(String text) {
        messageIsError.set(true);
        messageIsWarning.set(false);
        message.set(null); // the same refusal twice in a row (Hold pressed again) shows twice
        message.set(text == null ? "error" : text);
    }
}
