package dev.frontline.server.sim;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.CallbackOutcome;
import dev.frontline.core.api.Views;
import dev.frontline.core.call.Await;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.call.CallStart;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import dev.frontline.server.api.PhoneControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The simulated line: callers (the test phone, demo traffic) run through the same {@link CallHandler} as on a
 * PBX, and operator "phones" ring and are answered from the desktop (or by a simulated operator). In memory;
 * thread-safe: each call's steps run under that call's lock, timers on one scheduler.
 */
public final class SimBackend implements CallConnector, PhoneControl, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimBackend.class);

    /** Who hears a call's later turns (hold announcements, connected, ended). */
    public interface CallerEar extends Consumer<Views.PhoneTurn> {}

    /** Told when an operator phone rings (simulated operators answer it). */
    public interface RingListener {
        void ringing(CallId call, OperatorId operator);
    }

    enum Phase { MENU, QUEUED, RINGING, CONNECTED, AFTER, ENDED }

    private static final class Line {
        final CallId id;
        final CallerEar ear;
        /** A callback attempt: no IVR behind it; the customer "answers" when the operator does. */
        boolean callback;
        /**
         * The callback's customer answered: from then on the ACD keeps the conversation as a live call (ADR 0147), so
         * a later ring (a transfer) is answered and timed out as a queued caller's, not as the callback's first leg.
         */
        boolean customerAnswered;
        /** The desktop answered from the screen-pop before the ring reached the line (the pop comes first). */
        OperatorId earlyAnswer;
        Phase phase = Phase.MENU;
        OperatorId operator;
        ScheduledFuture<?> timer;
        /** The colleague the talking operator consults (warm transfer), or null; whether they answered. */
        OperatorId consultTo;
        boolean consultAnswered;
        ScheduledFuture<?> consultTimer;
        /** Supervisors' desk phones listening in on the operator's conversation, by endpoint, in their mode. */
        final java.util.Map<String, dev.frontline.core.common.SpyMode> spies = new java.util.LinkedHashMap<>();

        Line(CallId id, CallerEar ear) {
            this.id = id;
            this.ear = ear;
        }
    }

    private final CallHandler handler;
    private final Acd acd;
    private final SimConfig config;
    private final ScheduledExecutorService timers;
    private final ConcurrentHashMap<CallId, Line> lines = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile RingListener ringListener = (c, o) -> { };

    public SimBackend(CallHandler handler, Acd acd, SimConfig config) {
        this.handler = handler;
        this.acd = acd;
        this.config = config;
        this.timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "sim-line");
            t.setDaemon(true);
            return t;
        });
    }

    public void onRing(RingListener listener) {
        this.ringListener = listener;
    }

    /** A caller dials {@code to} from {@code from}; returns the first turn. */
    public Views.PhoneTurn dial(String from, String to, String flow, CallerEar ear) {
        CallId id = new CallId("sim-" + Long.toString(System.currentTimeMillis(), 36) + "-"
                + sequence.incrementAndGet());
        Line line = new Line(id, ear);
        lines.put(id, line);
        synchronized (line) {
            Turn turn = handler.start(new CallStart(id, from, to == null || to.isBlank() ? config.calledNumber() : to,
                    Backend.SIM, flow));
            return apply(line, turn);
        }
    }

    /** What the caller did: keys, silence or hanging up. Returns the next turn. */
    public Views.PhoneTurn input(CallId id, CallerInput input) {
        Line line = lines.get(id);
        if (line == null) {
            throw new IllegalArgumentException("no call " + id + " on the simulated line");
        }
        synchronized (line) {
            if (line.phase == Phase.ENDED) {
                return PhoneTurns.ended(id.value());
            }
            if (input instanceof CallerInput.HungUp) {
                return callerHangsUp(line);
            }
            if (line.phase == Phase.CONNECTED) {
                return PhoneTurns.connected(id.value(), line.operator.value()); // keys while talking go nowhere
            }
            if (line.phase == Phase.RINGING) {
                return PhoneTurns.view(new Turn(id, java.util.List.of(), new Await.WaitInQueue(1,
                        java.time.Duration.ZERO, java.time.Duration.ofSeconds(30))));
            }
            return apply(line, handler.resume(id, input));
        }
    }

    private Views.PhoneTurn callerHangsUp(Line line) {
        cancelTimer(line);
        endConsult(line);
        Phase was = line.phase;
        line.phase = Phase.ENDED;
        lines.remove(line.id);
        if (line.callback) {
            if (was == Phase.CONNECTED) {
                acd.callEnded(line.id);
            } else if (line.customerAnswered) { // waiting or ringing after a transfer: it ends there, no retry
                acd.callerHungUp(line.id);
            }
        } else {
            // the handler tells the ACD (abandoned while waiting or ringing, ended while talking)
            handler.resume(line.id, new CallerInput.HungUp());
        }
        return PhoneTurns.ended(line.id.value());
    }

    /** Applies a handler turn to the line (timers for hold ticks), returns its view. Caller holds the lock. */
    private Views.PhoneTurn apply(Line line, Turn turn) {
        Await a = turn.await();
        if (a instanceof Await.WaitInQueue q) {
            if (line.phase == Phase.MENU || line.phase == Phase.QUEUED) {
                line.phase = Phase.QUEUED;
                scheduleHoldTick(line, q);
            }
        } else if (a instanceof Await.HangUp || a instanceof Await.TransferTo || a instanceof Await.Fallback) {
            cancelTimer(line);
            line.phase = Phase.ENDED;
            lines.remove(line.id);
        } else if (line.phase == Phase.QUEUED) {
            cancelTimer(line);
            line.phase = Phase.MENU; // e.g. pressed 1 on hold: the menu asks for a callback number
        }
        return PhoneTurns.view(turn);
    }

    private void scheduleHoldTick(Line line, Await.WaitInQueue q) {
        cancelTimer(line);
        long every = Math.max(1000, q.announceEvery().toMillis());
        line.timer = timers.schedule(() -> holdTick(line), every, TimeUnit.MILLISECONDS);
    }

    private void holdTick(Line line) {
        Views.PhoneTurn pushed;
        synchronized (line) {
            if (line.phase != Phase.QUEUED) {
                return;
            }
            try {
                pushed = apply(line, handler.resume(line.id, new CallerInput.HoldTick()));
            } catch (RuntimeException e) {
                log.error("hold tick of {} failed", line.id, e);
                return;
            }
        }
        push(line, pushed);
    }

    // --- CallConnector: the ACD rings an operator phone ---

    @Override
    public void connect(CallId callId, OperatorId operator, String endpoint) {
        Line line = lines.get(callId);
        if (line == null) {
            log.info("ring for {} on the sim line, but the caller is gone", callId);
            acd.callerHungUp(callId);
            return;
        }
        boolean connectedNow;
        synchronized (line) {
            boolean transferred = line.phase == Phase.CONNECTED && !operator.equals(line.operator);
            // the ACD gave up on the operator ringing now (its ring timeout can be the shorter) and offers another
            boolean reoffered = line.phase == Phase.RINGING && !operator.equals(line.operator);
            if (line.phase != Phase.QUEUED && line.phase != Phase.MENU && !transferred && !reoffered) {
                log.warn("ring for {} in phase {}", callId, line.phase);
                return;
            }
            cancelTimer(line);
            line.spies.clear(); // listening in was on the operator who passed the call on
            line.phase = Phase.RINGING;
            line.operator = operator;
            connectedNow = operator.equals(line.earlyAnswer);
            if (connectedNow) {
                line.earlyAnswer = null;
                line.phase = Phase.CONNECTED;
            } else {
                line.timer = timers.schedule(() -> ringTimeout(line, operator), config.ringTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
        if (connectedNow) {
            acd.operatorAnswered(callId);
            push(line, PhoneTurns.connected(callId.value(), operator.value()));
            return;
        }
        ringListener.ringing(callId, operator);
    }

    private void ringTimeout(Line line, OperatorId operator) {
        synchronized (line) {
            if (line.phase != Phase.RINGING || !operator.equals(line.operator)) {
                return;
            }
            if (firstLegOfCallback(line)) {
                line.phase = Phase.ENDED;
                lines.remove(line.id);
            } else {
                line.phase = Phase.QUEUED;
                line.operator = null;
            }
        }
        if (firstLegOfCallback(line)) {
            acd.callbackFailed(line.id.value(), CallbackOutcome.OPERATOR_NO_ANSWER, "operator did not answer");
        } else {
            acd.ringNoAnswer(line.id);
        }
    }

    /** The ring is the callback's first: its operator's phone before the customer is called. */
    private static boolean firstLegOfCallback(Line line) {
        return line.callback && !line.customerAnswered;
    }

    /**
     * Callback: the operator's sim phone rings first (the desktop or a simulated operator answers it), then the
     * simulated customer answers at once. The conversation is {@code new CallId(attemptId)}, as the ACD expects.
     */
    @Override
    public void originateCallback(String attemptId, OperatorId operator, String endpoint, String customerNumber,
                                  String callerId) {
        CallId id = new CallId(attemptId);
        Line line = new Line(id, t -> { });
        line.callback = true;
        synchronized (line) {
            line.phase = Phase.RINGING;
            line.operator = operator;
            lines.put(id, line);
            line.timer = timers.schedule(() -> ringTimeout(line, operator), config.ringTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        log.info("sim callback {}: ringing {} before calling {}", attemptId, operator, customerNumber);
        ringListener.ringing(id, operator);
    }

    /** The ACD withdrew the attempt (its caller is back): its ringing line ends, reporting nothing. */
    @Override
    public void cancelCallback(String attemptId, OperatorId operator) {
        Line line = lines.get(new CallId(attemptId));
        if (line == null || !line.callback) {
            return;
        }
        synchronized (line) {
            if (line.customerAnswered || line.phase == Phase.ENDED) {
                return;
            }
            cancelTimer(line);
            line.phase = Phase.ENDED;
            lines.remove(line.id);
        }
        log.info("sim callback {}: withdrawn, the caller is back on the line", attemptId);
    }

    // --- PhoneControl: the operator's phone on the desktop ---

    @Override
    public boolean carries(CallId call) {
        return lines.containsKey(call);
    }

    @Override
    public void answer(CallId call, OperatorId operator) {
        Line line = lines.get(call);
        if (line == null) {
            throw new IllegalStateException("call " + call + " is over");
        }
        boolean consultAnswered = false;
        synchronized (line) {
            if (operator.equals(line.consultTo) && !line.consultAnswered) {
                line.consultAnswered = true;
                cancelConsultTimer(line);
                consultAnswered = true;
            }
        }
        if (consultAnswered) {
            acd.consultAnswered(call, operator);
            return;
        }
        synchronized (line) {
            // the screen-pop comes before the ring: the ring for this operator is on its way (also when the call
            // is being transferred away from the operator who talked to the caller): connect when it arrives
            boolean transferPending = line.phase == Phase.CONNECTED && !operator.equals(line.operator);
            if (!firstLegOfCallback(line) && (line.phase == Phase.QUEUED || line.phase == Phase.MENU || transferPending)) {
                line.earlyAnswer = operator;
                return;
            }
            if (line.phase != Phase.RINGING || !operator.equals(line.operator)) {
                throw new IllegalStateException("call " + call + " is not ringing for " + operator);
            }
            cancelTimer(line);
            line.phase = Phase.CONNECTED;
        }
        if (firstLegOfCallback(line)) {
            synchronized (line) {
                line.customerAnswered = true;
            }
            acd.callbackAnswered(call.value());
            return;
        }
        acd.operatorAnswered(call);
        push(line, PhoneTurns.connected(call.value(), operator.value()));
    }

    @Override
    public void hangUp(CallId call, OperatorId operator) {
        Line line = lines.get(call);
        if (line == null) {
            throw new IllegalStateException("call " + call + " is over");
        }
        Views.PhoneTurn next;
        String consultEnd = null;
        synchronized (line) {
            if (line.consultTo != null && line.phase == Phase.CONNECTED) {
                if (operator.equals(line.operator)) {
                    consultEnd = "consultant"; // the ACD completes the transfer or puts the caller back in line
                } else if (operator.equals(line.consultTo)) {
                    consultEnd = line.consultAnswered ? "hung up" : "declined";
                    endConsult(line);
                }
            }
        }
        if ("consultant".equals(consultEnd)) {
            acd.consultantLeft(call, operator);
            return;
        } else if (consultEnd != null) {
            acd.consultFailed(call, operator, consultEnd);
            return;
        }
        synchronized (line) {
            if (line.phase != Phase.CONNECTED || !operator.equals(line.operator)) {
                throw new IllegalStateException("call " + call + " is not connected to " + operator);
            }
            line.phase = Phase.AFTER;
            line.spies.clear();
            acd.callEnded(call);
            if (line.callback) {
                line.phase = Phase.ENDED;
                lines.remove(call);
                return;
            }
            next = apply(line, handler.resume(call, new CallerInput.OperatorLegEnded()));
        }
        push(line, next);
    }

    @Override
    public boolean canHold(CallId callId) {
        return lines.containsKey(callId);
    }

    /** The simulated caller "hears music" (its test phone shows it) until the operator takes it back. */
    @Override
    public void hold(CallId callId, OperatorId operator, boolean on) {
        Line line = lines.get(callId);
        if (line == null) {
            return; // the call ended meanwhile: nothing to hold
        }
        synchronized (line) {
            if (line.phase != Phase.CONNECTED || !operator.equals(line.operator)) {
                return;
            }
        }
        push(line, PhoneTurns.held(callId.value(), operator.value(), on));
    }

    @Override
    public boolean canConsult(CallId callId) {
        Line line = lines.get(callId);
        return line != null && !firstLegOfCallback(line);
    }

    /**
     * Warm transfer on the simulated line: the consulted operator's sim phone rings (the desk or a simulated operator
     * answers it, or the ring times out); completing gives the caller to them, the caller's test phone hears so.
     */
    @Override
    public void consult(CallId callId, OperatorId from, OperatorId to, String endpoint, ConsultStep step) {
        Line line = lines.get(callId);
        if (line == null) {
            if (step == ConsultStep.EXPECT) {
                acd.consultFailed(callId, to, "the call is over");
            }
            return;
        }
        boolean refused = false;
        boolean answeredEarly = false;
        boolean ringNow = false;
        Views.PhoneTurn pushed = null;
        synchronized (line) {
            switch (step) {
                case EXPECT -> {
                    if (line.phase == Phase.CONNECTED && from.equals(line.operator)) {
                        line.consultTo = to; // its ring follows the colleague's pop
                        line.consultAnswered = false;
                    } else {
                        refused = true;
                    }
                }
                case RING -> {
                    // rings only the consultation EXPECT announced and nothing ended since (a decline before the ring)
                    if (line.phase == Phase.CONNECTED && to.equals(line.consultTo) && !line.consultAnswered) {
                        if (to.equals(line.earlyAnswer)) {
                            line.consultAnswered = true;
                            answeredEarly = true;
                        } else {
                            line.consultTimer = timers.schedule(() -> consultRingTimeout(line, to),
                                    config.ringTimeout().toMillis(), TimeUnit.MILLISECONDS);
                            ringNow = true;
                        }
                        line.earlyAnswer = null;
                    }
                }
                case COMPLETE -> {
                    endConsult(line);
                    line.spies.clear(); // listening in was on the operator who passed the call on
                    line.operator = to;
                    pushed = PhoneTurns.connected(callId.value(), to.value());
                }
                case CANCEL, DROP -> endConsult(line);
            }
        }
        if (refused) {
            acd.consultFailed(callId, to, "the call is not with " + from);
        } else if (answeredEarly) {
            acd.consultAnswered(callId, to);
        } else if (ringNow) {
            ringListener.ringing(callId, to);
        }
        if (pushed != null) {
            push(line, pushed);
        }
    }

    private void consultRingTimeout(Line line, OperatorId to) {
        synchronized (line) {
            if (!to.equals(line.consultTo) || line.consultAnswered) {
                return;
            }
            endConsult(line);
        }
        acd.consultFailed(line.id, to, "ring no answer");
    }

    private static void endConsult(Line line) {
        cancelConsultTimer(line);
        line.consultTo = null;
        line.consultAnswered = false;
    }

    private static void cancelConsultTimer(Line line) {
        if (line.consultTimer != null) {
            line.consultTimer.cancel(false);
            line.consultTimer = null;
        }
    }

    /**
     * Listening in on the simulated line: the supervisor's desk phone ({@code supervisorEndpoint}) is answered at once
     * (the demo's choice: nothing to pick up) and joins in {@code mode}; the same phone on the same call switches mode.
     * No audio here: a barge (and its end) is a turn on the caller's test phone; the desks show the rest.
     */
    @Override
    public void spy(CallId callId, OperatorId operator, String supervisorEndpoint,
                    dev.frontline.core.common.SpyMode mode) {
        Line line = lines.get(callId);
        Views.PhoneTurn pushed = null;
        synchronized (line == null ? this : line) {
            if (line == null || line.phase != Phase.CONNECTED || !operator.equals(line.operator)) {
                throw new IllegalStateException(operator + " is not talking on call " + callId);
            }
            if (line.consultTo != null) {
                throw new IllegalStateException(operator + " is consulting a colleague; listen in when they are back");
            }
            dev.frontline.core.common.SpyMode before = line.spies.put(supervisorEndpoint, mode);
            boolean barging = mode == dev.frontline.core.common.SpyMode.BARGE;
            if (barging != (before == dev.frontline.core.common.SpyMode.BARGE)) {
                pushed = PhoneTurns.barge(callId.value(), operator.value(), barging);
            }
        }
        log.info("call {}: {} listens in on {} ({})", callId, supervisorEndpoint, operator, mode);
        if (pushed != null) {
            push(line, pushed);
        }
    }

    /** The supervisor's desk phone leaves the call (nothing when it is not on it). */
    @Override
    public void stopSpy(CallId callId, OperatorId operator, String supervisorEndpoint) {
        Line line = lines.get(callId);
        if (line == null) {
            return;
        }
        boolean barged;
        synchronized (line) {
            barged = line.spies.remove(supervisorEndpoint) == dev.frontline.core.common.SpyMode.BARGE
                    && line.phase == Phase.CONNECTED;
        }
        if (barged) {
            push(line, PhoneTurns.barge(callId.value(), line.operator.value(), false));
        }
    }

    @Override
    public void supervise(CallId call, OperatorId operator, String supervisorEndpoint,
                          dev.frontline.core.common.SpyMode mode) {
        spy(call, operator, supervisorEndpoint, mode);
    }

    @Override
    public void stopSupervise(CallId call, OperatorId operator, String supervisorEndpoint) {
        stopSpy(call, operator, supervisorEndpoint);
    }

    /** The desk phones listening in on {@code call} now, by endpoint (tests). */
    java.util.Map<String, dev.frontline.core.common.SpyMode> spies(CallId call) {
        Line line = lines.get(call);
        if (line == null) {
            return java.util.Map.of();
        }
        synchronized (line) {
            return java.util.Map.copyOf(line.spies);
        }
    }

    @Override
    public void mute(CallId callId, OperatorId operator, boolean on) {
        Line line = lines.get(callId);
        if (line == null || line.phase != Phase.CONNECTED || !operator.equals(line.operator)) {
            throw new IllegalStateException(operator + " is not talking on call " + callId);
        }
        log.info("call {}: {} {} (simulated line: nothing to mute)", callId, operator, on ? "muted" : "unmuted");
    }

    /** The phase of a call, for tests and the demo; empty when the call is over. */
    Optional<Phase> phase(CallId call) {
        Line line = lines.get(call);
        if (line == null) {
            return Optional.empty();
        }
        synchronized (line) {
            return Optional.of(line.phase);
        }
    }

    public int activeCalls() {
        return lines.size();
    }

    private void push(Line line, Views.PhoneTurn turn) {
        try {
            line.ear.accept(turn);
        } catch (RuntimeException e) {
            log.warn("pushing a turn of {} failed: {}", line.id, e.toString());
        }
    }

    private static void cancelTimer(Line line) {
        if (line.timer != null) {
            line.timer.cancel(false);
            line.timer = null;
        }
    }

    /** Runs {@code task} on the line's scheduler after {@code millis} (demo traffic uses it). */
    ScheduledFuture<?> later(long millis, Runnable task) {
        return timers.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("sim task failed", e);
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        lines.clear();
    }
}
