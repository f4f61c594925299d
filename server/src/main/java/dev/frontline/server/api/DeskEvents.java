package dev.frontline.server.api;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Turns ACD events into desktop messages, and guarantees the screen-pop reaches the operator before its phone
 * rings: {@link #screenPopFirst} wraps the backend's {@link CallConnector} so that {@code connect} first assembles
 * and sends the screen-pop, then rings. Everything runs in order on one "desk-events" thread, never on the ACD's.
 */
public final class DeskEvents implements Consumer<AcdEvent>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeskEvents.class);
    private static final int RECENT_ALERTS = 20;

    private final DesktopHub hub;
    private final LiveDesks desks;
    private final Visibility visibility;
    private final ScreenPops screenPops;
    private final DeskQueries queries;
    private final Clock clock;
    private final Duration wrapUp;
    /** Listening-in, ended with the call it is on (null: none kept, e.g. in tests of the pop alone). */
    private final Spies spies;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "desk-events");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentHashMap<CallId, QueuedCall> queued = new ConcurrentHashMap<>();
    /**
     * Callback conversations by attempt id, as their request reads (customer, number, queue, line): the pop of a
     * colleague a callback customer is transferred to or consulted about shows them (ADR 0147). Desk-events thread.
     */
    private final ConcurrentHashMap<CallId, QueuedCall> callbackCalls = new ConcurrentHashMap<>();
    /** Calls passed on by an operator: the next operator's pop says who and their note. */
    private final ConcurrentHashMap<CallId, AcdEvent.CallTransferred> transfers = new ConcurrentHashMap<>();
    /** Consultations running (warm transfer): the consulted operator's pop says who asks and their note. */
    private final ConcurrentHashMap<CallId, AcdEvent.ConsultOffered> consults = new ConcurrentHashMap<>();
    private final Deque<Views.Alert> alerts = new ArrayDeque<>();
    private final AtomicBoolean changed = new AtomicBoolean(true);
    /** A callback was requested, offered, answered or failed since the desks were last told. */
    private final AtomicBoolean callbacksChanged = new AtomicBoolean();
    /** The backends, to let supervisors' phones go from a call passed on ({@link #screenPopFirst}). */
    private volatile CallConnector spyBackend;

    public DeskEvents(DesktopHub hub, LiveDesks desks, Visibility visibility, ScreenPops screenPops,
                      DeskQueries queries, Clock clock, Duration wrapUp) {
        this(hub, desks, visibility, screenPops, queries, clock, wrapUp, null);
    }

    DeskEvents(DesktopHub hub, LiveDesks desks, Visibility visibility, ScreenPops screenPops,
               DeskQueries queries, Clock clock, Duration wrapUp, Spies spies) {
        this.spies = spies;
        this.hub = hub;
        this.desks = desks;
        this.visibility = visibility;
        this.screenPops = screenPops;
        this.queries = queries;
        this.clock = clock;
        this.wrapUp = wrapUp;
    }

    /** The connector to hand the ACD: screen-pop first, then {@code backend} rings. */
    public CallConnector screenPopFirst(CallConnector backend) {
        spyBackend = backend;
        return new CallConnector() {
            @Override
            public void connect(CallId callId, OperatorId operator, String endpoint) {
                Instant offeredAt = clock.instant();
                boolean queued = submit(() -> {
                    try {
                        popScreen(callId, operator, offeredAt);
                    } catch (RuntimeException e) {
                        log.error("screen-pop for {} to {} failed; ringing anyway", callId, operator, e);
                    }
                    backend.connect(callId, operator, endpoint);
                });
                if (!queued) {
                    backend.connect(callId, operator, endpoint); // the API is stopping: the call still rings
                }
            }

            @Override
            public void spy(CallId callId, OperatorId operator, String supervisorEndpoint,
                            dev.frontline.core.common.SpyMode mode) {
                backend.spy(callId, operator, supervisorEndpoint, mode);
            }

            @Override
            public void stopSpy(CallId callId, OperatorId operator, String supervisorEndpoint) {
                backend.stopSpy(callId, operator, supervisorEndpoint);
            }

            @Override
            public boolean canTransfer(CallId callId) {
                return backend.canTransfer(callId);
            }

            @Override
            public boolean canHold(CallId callId) {
                return backend.canHold(callId);
            }

            @Override
            public void hold(CallId callId, OperatorId operator, boolean on) {
                backend.hold(callId, operator, on);
            }

            @Override
            public void mute(CallId callId, OperatorId operator, boolean on) {
                backend.mute(callId, operator, on);
            }

            @Override
            public boolean canConsult(CallId callId) {
                return backend.canConsult(callId);
            }

            @Override
            public void consult(CallId callId, OperatorId from, OperatorId to, String endpoint, ConsultStep step) {
                if (step == ConsultStep.RING) {
                    // at once, on the ACD's thread: a hang-up of the first operator between now and the ring (the pop
                    // goes first) is their leaving the consultation (seen in FrontlineServerTest: "caller-left")
                    backend.consult(callId, from, to, endpoint, ConsultStep.EXPECT);
                }
                Runnable r = () -> {
                    if (step == ConsultStep.RING) { // the consulted operator's pop comes first, as for a call
                        try {
                            popConsult(callId, to);
                        } catch (RuntimeException e) {
                            log.error("consultation pop for {} to {} failed; ringing anyway", callId, to, e);
                        }
                    }
                    try {
                        backend.consult(callId, from, to, endpoint, step);
                    } catch (RuntimeException e) { // the ACD's ring timer gives the caller back to the first operator
                        log.error("consultation step {} of {} ({} to {}) failed", step, callId, from, to, e);
                    }
                };
                if (!submit(r)) {
                    r.run();
                }
            }

            @Override
            public void release(CallId callId, OperatorId operator) {
                Runnable r = () -> backend.release(callId, operator);
                if (!submit(r)) {
                    r.run();
                }
            }

            @Override
            public void withdraw(CallId callId, OperatorId operator) {
                // behind the connect it withdraws, which waits in the same queue
                Runnable w = () -> backend.withdraw(callId, operator);
                if (!submit(w)) {
                    w.run();
                }
            }

            @Override
            public void originateCallback(String attemptId, OperatorId operator, String endpoint,
                                          String customerNumber, String callerId) {
                // queued behind the CallbackOffered event's desktop message
                Runnable dial = () -> backend.originateCallback(attemptId, operator, endpoint, customerNumber,
                        callerId);
                if (!submit(dial)) {
                    dial.run();
                }
            }

            @Override
            public void cancelCallback(String attemptId, OperatorId operator) {
                Runnable cancel = () -> backend.cancelCallback(attemptId, operator); // behind its originate
                if (!submit(cancel)) {
                    cancel.run();
                }
            }
        };
    }

    /** The call as it was queued, or a callback conversation as its request reads; null when unknown. */
    private QueuedCall queuedOrCallback(CallId callId) {
        QueuedCall q = queued.get(callId);
        return q != null ? q : callbackCalls.get(callId);
    }

    private void popScreen(CallId callId, OperatorId operator, Instant offeredAt) {
        ServerMessage.ScreenPop pop = screenPops.assemble(callId, queuedOrCallback(callId), offeredAt);
        AcdEvent.CallTransferred passed = transfers.get(callId);
        if (passed != null) {
            pop = pop.withTransfer(new Views.TransferInfo(passed.from().value(), passed.note(), passed.at()));
        }
        String login = operator.value();
        visibility.grantCall(login, callId.value());
        if (pop.customer() != null) {
            visibility.grantCustomer(login, pop.customer().id());
        }
        if (pop.ticketId() != null) {
            visibility.grantTicket(login, pop.ticketId());
        }
        desks.offered(login, pop);
        hub.toLogin(login, pop);
    }

    /**
     * A refused consult, complete-transfer or cancel-consult (the desk had its Ack already): the operator who sent it
     * (the command ends "by login") is told why.
     */
    private void consultRefused(AcdEvent.CommandRejected r) {
        String[] c = r.command().split(" ");
        if (c.length != 4 || !"by".equals(c[2]) || !Set.of("consult", "complete-transfer", "cancel-consult").contains(c[0])) {
            return;
        }
        hub.toLogin(c[3], new ServerMessage.ConsultChanged(c[1], null, ServerMessage.ConsultChanged.REFUSED, null,
                r.reason(), r.at()));
    }

    /** The consulted operator sees the caller's pop, marked as a consultation from the colleague, with the note. */
    private void popConsult(CallId callId, OperatorId to) {
        AcdEvent.ConsultOffered o = consults.get(callId);
        ServerMessage.ScreenPop pop = screenPops.assemble(callId, queuedOrCallback(callId), clock.instant());
        if (o != null) {
            pop = pop.withTransfer(new Views.TransferInfo(o.from().value(), o.note(), o.at(), true));
        }
        String login = to.value();
        visibility.grantCall(login, callId.value());
        if (pop.customer() != null) {
            visibility.grantCustomer(login, pop.customer().id());
        }
        if (pop.ticketId() != null) {
            visibility.grantTicket(login, pop.ticketId());
        }
        desks.offered(login, pop);
        hub.toLogin(login, pop);
    }

    @Override
    public void accept(AcdEvent event) {
        if (event instanceof AcdEvent.ConsultOffered o) {
            consults.put(o.callId(), o); // the ACD tells listeners of an offer before it rings (the pop needs it)
        } else if (event instanceof AcdEvent.CallQueued q) {
            queued.put(q.callId(), q.call()); // before the offer that follows on the ACD thread
        } else if (event instanceof AcdEvent.CallTransferred t) {
            transfers.put(t.callId(), t); // likewise before the next offer
        } else if (event instanceof AcdEvent.CallEnded e) {
            transfers.remove(e.callId());
        } else if (event instanceof AcdEvent.CallAbandoned e) {
            transfers.remove(e.callId());
        } else if (event instanceof AcdEvent.CallLost e) {
            transfers.remove(e.callId());
        }
        changed.set(true);
        if (event instanceof AcdEvent.CallbackQueued || event instanceof AcdEvent.CallbackOffered
                || event instanceof AcdEvent.CallbackAnswered || event instanceof AcdEvent.CallbackAttemptFailed
                || event instanceof AcdEvent.CallbackFailed || event instanceof AcdEvent.CallbackWithdrawn) {
            callbacksChanged.set(true);
        }
        submit(() -> {
            try {
                relay(event);
            } catch (RuntimeException e) {
                log.error("relaying {} to desktops failed", event, e);
            }
        });
    }

    /** Queues {@code task} on the desk-events thread; false once the API has stopped. */
    private boolean submit(Runnable task) {
        try {
            worker.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("desk events stopped; {} not relayed", task);
            return false;
        }
    }

    private void relay(AcdEvent event) {
        if (event instanceof AcdEvent.CallAnswered a) {
            desks.connected(a.operator().value(), a.callId().value());
            ServerMessage m = new ServerMessage.CallConnected(a.callId().value(), a.at());
            hub.toLogin(a.operator().value(), m);
        } else if (event instanceof AcdEvent.CallbackAnswered cb) {
            // the customer's pop, as a queued caller's: card, history, trail, and the call's ticket (issue 21: the
            // desk's left pane said "No call" for the whole conversation); connected at once, it never rang as a pop
            popScreen(new CallId(cb.attemptId()), cb.operator(), cb.at());
            desks.connected(cb.operator().value(), cb.attemptId());
            hub.toLogin(cb.operator().value(), new ServerMessage.CallConnected(cb.attemptId(), cb.at()));
        } else if (event instanceof AcdEvent.CallEnded e) {
            Instant until = e.at().plus(wrapUp);
            desks.finished(e.operator().value(), e.callId().value(), until);
            hub.toLogin(e.operator().value(), new ServerMessage.CallFinished(e.callId().value(), e.at(), until));
            queued.remove(e.callId());
            callbackCalls.remove(e.callId());
            spiesGone(e.callId(), ServerMessage.SpyChanged.CALL_ENDED);
        } else if (event instanceof AcdEvent.CallHeld h) {
            hub.toLogin(h.operator().value(), new ServerMessage.CallHoldChanged(h.callId().value(), true, 0, h.at()));
        } else if (event instanceof AcdEvent.CallResumed r && r.taken()) {
            hub.toLogin(r.operator().value(), new ServerMessage.CallHoldChanged(r.callId().value(), false,
                    r.heldFor().toSeconds(), r.at()));
        } else if (event instanceof AcdEvent.CallTransferred t) {
            // the caller waits again for another line/queue; the transferring operator wraps up
            Instant until = t.at().plus(wrapUp);
            desks.finished(t.from().value(), t.callId().value(), until);
            hub.toLogin(t.from().value(), new ServerMessage.CallFinished(t.callId().value(), t.at(), until));
            spiesGone(t.callId(), ServerMessage.SpyChanged.TRANSFERRED);
        } else if (event instanceof AcdEvent.CallRequeued r) {
            withdraw(r.callId(), r.missedBy().value(), ServerMessage.CallOfferWithdrawn.NOT_ANSWERED, r.at());
        } else if (event instanceof AcdEvent.CallAbandoned ab) {
            desks.holderOf(ab.callId().value()).ifPresent(login -> withdraw(ab.callId(), login, ServerMessage.CallOfferWithdrawn.CALLER_HUNG_UP,
                    ab.at()));
            queued.remove(ab.callId());
            callbackCalls.remove(ab.callId());
            spiesGone(ab.callId(), ServerMessage.SpyChanged.CALL_ENDED);
        } else if (event instanceof AcdEvent.CallLost lost) {
            desks.holderOf(lost.callId().value()).ifPresent(login -> withdraw(lost.callId(), login,
                    ServerMessage.CallOfferWithdrawn.CALLER_HUNG_UP, lost.at()));
            queued.remove(lost.callId());
            callbackCalls.remove(lost.callId());
            spiesGone(lost.callId(), ServerMessage.SpyChanged.CALL_ENDED);
        } else if (event instanceof AcdEvent.OperatorStateChanged s) {
            String login = s.operator().value();
            desks.state(login, s.state(), s.reason(), s.at());
            ServerMessage m = new ServerMessage.StateChanged(login, s.state(), s.reason(), s.at());
            hub.toLogin(login, m);
            hub.toSupervisors(m);
        } else if (event instanceof AcdEvent.SlaBreached b) {
            Views.Alert alert = new Views.Alert(b.at(), "warning",
                    "SLA breached: " + b.target() + (b.callId() != null ? " (call " + b.callId() + ")" : ""),
                    b.tier() == null ? null : b.tier().name().toLowerCase(Locale.ROOT), b.queue(),
                    b.kind() == null ? null : "sla-" + b.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    b.limit() == null ? null : b.limit().toSeconds(), b.callId() == null ? null : b.callId().value(), null);
            alert(alert);
        } else if (event instanceof AcdEvent.CallbackOffered o) {
            offerCallback(o);
        } else if (event instanceof AcdEvent.CallbackAttemptFailed f) {
            callbackCalls.remove(new CallId(f.attemptId()));
        } else if (event instanceof AcdEvent.ConsultOffered o) {
            desks.consulting(new Views.Consultation(o.callId().value(), o.from().value(), o.to().value(),
                    ServerMessage.ConsultChanged.RINGING, o.note(), o.at()));
            hub.toLogin(o.from().value(), new ServerMessage.ConsultChanged(o.callId().value(), o.to().value(),
                    ServerMessage.ConsultChanged.RINGING, null, o.note(), o.at()));
        } else if (event instanceof AcdEvent.ConsultAnswered a) {
            desks.connected(a.to().value(), a.callId().value());
            hub.toLogin(a.to().value(), new ServerMessage.CallConnected(a.callId().value(), a.at()));
            AcdEvent.ConsultOffered o = consults.get(a.callId());
            if (o != null) {
                desks.consulting(new Views.Consultation(a.callId().value(), o.from().value(), a.to().value(),
                        ServerMessage.ConsultChanged.TALKING, o.note(), a.at()));
                hub.toLogin(o.from().value(), new ServerMessage.ConsultChanged(a.callId().value(), a.to().value(),
                        ServerMessage.ConsultChanged.TALKING, null, null, a.at()));
            }
        } else if (event instanceof AcdEvent.ConsultEnded x) {
            consultEnded(x);
        } else if (event instanceof AcdEvent.CommandRejected r) {
            consultRefused(r);
        }
    }

    /**
     * The call is over for its operator: its listenings-in end on the desks. Passed on, the call lives on with the
     * supervisors' phones still in it (a Twilio conference), so the backend lets each of those phones go.
     */
    private void spiesGone(CallId call, String outcome) {
        if (spies == null) {
            return;
        }
        CallConnector backend = spyBackend;
        for (Spies.Gone g : spies.callGone(call.value(), outcome)) {
            if (backend != null && g.phone() != null && ServerMessage.SpyChanged.TRANSFERRED.equals(outcome)) {
                try {
                    backend.stopSpy(call, new OperatorId(g.spy().operator()), g.phone());
                } catch (RuntimeException e) {
                    log.warn("letting {}'s phone go from the passed-on call {} failed", g.spy().supervisor(), call, e);
                }
            }
        }
    }

    private void consultEnded(AcdEvent.ConsultEnded x) {
        consults.remove(x.callId());
        String call = x.callId().value();
        desks.consultEnded(call);
        String from = x.from().value();
        hub.toLogin(from, new ServerMessage.ConsultChanged(call, x.to().value(), ServerMessage.ConsultChanged.ENDED,
                x.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'), x.detail(), x.at()));
        if (x.outcome() == dev.frontline.core.acd.ConsultOutcome.COMPLETED) {
            // the caller is the consulted operator's now (their desk shows the call already); the first wraps up
            Instant until = x.at().plus(wrapUp);
            desks.finished(from, call, until);
            hub.toLogin(from, new ServerMessage.CallFinished(call, x.at(), until));
            spiesGone(x.callId(), ServerMessage.SpyChanged.TRANSFERRED);
        } else {
            withdraw(x.callId(), x.to().value(), ServerMessage.CallOfferWithdrawn.CONSULT_ENDED, x.at());
        }
    }

    private void offerCallback(AcdEvent.CallbackOffered o) {
        Optional<Views.CallbackRow> row = queries.callback(o.callbackId().value());
        String login = o.operator().value();
        visibility.grantCall(login, o.attemptId()); // the callback conversation's call id
        row.map(Views.CallbackRow::customerId).ifPresent(id -> visibility.grantCustomer(login, id));
        row.map(Views.CallbackRow::ticketId).ifPresent(id -> visibility.grantTicket(login, id));
        Views.CustomerCard card = row.map(Views.CallbackRow::customerId)
                .flatMap(id -> screenPops.customerCard(id)).orElse(null);
        row.ifPresent(r -> callbackCalls.put(new CallId(o.attemptId()), asCall(o.attemptId(), r)));
        hub.toLogin(login, new ServerMessage.CallbackOffer(o.callbackId().value(), o.attemptId(),
                row.map(Views.CallbackRow::number).orElse(null), card,
                row.map(Views.CallbackRow::originalWaitSeconds).orElse(0L),
                row.map(r -> r.attempts() + 1).orElse(1), row.map(Views.CallbackRow::note).orElse(null)));
    }

    /** A callback conversation as the call a transfer's or consultation's pop shows. */
    private static QueuedCall asCall(String attemptId, Views.CallbackRow r) {
        return new QueuedCall(new CallId(attemptId), enumOr(dev.frontline.core.common.Intent.class, r.intent(),
                dev.frontline.core.common.Intent.GENERAL), Math.max(1, Math.min(3, r.priority())),
                enumOr(dev.frontline.core.common.Tier.class, r.tier(), dev.frontline.core.common.Tier.LINE1),
                enumOr(dev.frontline.core.common.Language.class, r.language(), dev.frontline.core.common.Language.EN),
                Optional.ofNullable(r.customerId()).map(dev.frontline.core.common.CustomerId::new),
                r.number() == null ? "" : r.number(), dev.frontline.core.common.Backend.SIM, r.originalArrivedAt());
    }

    private static <E extends Enum<E>> E enumOr(Class<E> type, String name, E otherwise) {
        try {
            return name == null ? otherwise : Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return otherwise;
        }
    }

    private void withdraw(CallId callId, String login, String reason, Instant at) {
        desks.withdrawn(login, callId.value());
        hub.toLogin(login, new ServerMessage.CallOfferWithdrawn(callId.value(), reason, at));
    }

    /** Sends an alert to supervisors and keeps it for the snapshots. */
    public void alert(Views.Alert alert) {
        synchronized (alerts) {
            alerts.addFirst(alert);
            while (alerts.size() > RECENT_ALERTS) {
                alerts.removeLast();
            }
        }
        changed.set(true);
        hub.toSupervisors(new ServerMessage.Alert(alert));
    }

    List<Views.Alert> recentAlerts() {
        synchronized (alerts) {
            return List.copyOf(alerts);
        }
    }

    /** True (once) when a callback changed since the last call: every desk is to read the list again. */
    boolean takeCallbacksChanged() {
        return callbacksChanged.getAndSet(false);
    }

    /** True (once) when something changed since the last call: the supervisors' snapshot is due. */
    boolean takeChanged() {
        return changed.getAndSet(false);
    }

    Optional<QueuedCall> queuedCall(CallId callId) {
        return Optional.ofNullable(queued.get(callId));
    }

    /** Current ACD state per login as seen in events (for the operator rows of the snapshot). */
    OperatorState stateOf(String login) {
        return desks.get(login).state();
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
