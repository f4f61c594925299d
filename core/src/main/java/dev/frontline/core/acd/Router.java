package dev.frontline.core.acd;

import dev.frontline.core.acd.AcdCommand.CallEnded;
import dev.frontline.core.acd.AcdCommand.CallbackAnswered;
import dev.frontline.core.acd.AcdCommand.CallbackAttemptFailed;
import dev.frontline.core.acd.AcdCommand.CallerHungUp;
import dev.frontline.core.acd.AcdCommand.ChangePriority;
import dev.frontline.core.acd.AcdCommand.EndWrapUp;
import dev.frontline.core.acd.AcdCommand.Enqueue;
import dev.frontline.core.acd.AcdCommand.KeepPlaceByCallback;
import dev.frontline.core.acd.AcdCommand.OperatorAnswered;
import dev.frontline.core.acd.AcdCommand.RequestCallback;
import dev.frontline.core.acd.AcdCommand.RingNoAnswer;
import dev.frontline.core.acd.AcdCommand.SetOperatorState;
import dev.frontline.core.acd.AcdCommand.SetPhoneRegistered;
import dev.frontline.core.acd.AcdCommand.Tick;
import dev.frontline.core.acd.AcdCommand.Transfer;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackSchedule;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.OperatorId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pure routing core: {@code handle(command, now)} decides, changes the state only through the events it
 * returns, and does no I/O and no threading. {@link #replay} folds a logged event back in at start-up.
 * Not thread-safe: {@link AcdService} gives it one owner thread; tests and benchmarks drive it directly.
 */
public final class Router {
    private final AcdConfig config;
    private final AcdState state;
    private final CallbackSchedule schedule;
    private final WaitEstimator estimator;
    private final Matcher matcher;
    private List<AcdEvent> out = new ArrayList<>();

    public Router(AcdConfig config, OperatorDirectory directory, BusinessHours hours) {
        this(config, new AcdState(config, directory), hours);
    }

    private Router(AcdConfig config, AcdState state, BusinessHours hours) {
        this.config = config;
        this.state = state;
        this.schedule = new CallbackSchedule(hours, config.callbackAttempts(), config.callbackRetryInterval());
        this.estimator = new WaitEstimator(config, state);
        this.matcher = new Matcher(config, state);
    }

    /** Folds a logged event into the state without deciding anything (start-up rebuild). */
    public void replay(AcdEvent event) {
        state.apply(event);
    }

    /**
     * The routing state as a snapshot covering the log up to {@code covers} ({@link AcdImage}); statistics a tick at
     * {@code prunedAt} would drop are left out. Call it only on a router that replays (its state is then exactly what
     * replaying the log up to {@code covers} gives). Does not change the state.
     */
    public AcdImage image(long covers, Instant prunedAt) {
        return state.image(covers, prunedAt);
    }

    /**
     * A router in the state {@code image} holds, ready to replay the events after {@code image.covers()}.
     *
     * @throws IllegalStateException when the image is of another format or settings, or does not hold together
     */
    public static Router restore(AcdConfig config, OperatorDirectory directory, BusinessHours hours, AcdImage image) {
        return new Router(config, AcdState.restore(config, directory, image), hours);
    }

    /** Applies {@code command} at {@code now}; returns the events, in order, that it caused (never null). */
    public List<AcdEvent> handle(AcdCommand command, Instant now) {
        out = new ArrayList<>();
        if (command instanceof Enqueue c) {
            enqueue(c, now);
        } else if (command instanceof CallerHungUp c) {
            callerHungUp(c.callId(), now);
        } else if (command instanceof KeepPlaceByCallback c) {
            keepPlace(c, "virtual hold", now);
        } else if (command instanceof RequestCallback c) {
            requestCallback(c.request(), Optional.empty(), now);
        } else if (command instanceof OperatorAnswered c) {
            answered(c.callId(), c.operator(), now);
        } else if (command instanceof RingNoAnswer c) {
            ringNoAnswer(c.callId(), c.operator(), c.why(), now);
        } else if (command instanceof AcdCommand.PhoneRinging c) {
            phoneRinging(c, now);
        } else if (command instanceof AcdCommand.LineLost c) {
            lineLost(c, now);
        } else if (command instanceof AcdCommand.ConnectFailed c) {
            connectFailed(c.callId(), c.reason(), now);
        } else if (command instanceof CallEnded c) {
            callEnded(c.callId(), now);
        } else if (command instanceof SetOperatorState c) {
            setState(c, now);
        } else if (command instanceof EndWrapUp c) {
            endWrapUp(c.operator(), now);
        } else if (command instanceof SetPhoneRegistered c) {
            phone(c, now);
        } else if (command instanceof AcdCommand.ReloadProfile c) {
            reloadProfile(c.operator(), now);
        } else if (command instanceof ChangePriority c) {
            changePriority(c, now);
        } else if (command instanceof Transfer c) {
            transfer(c, now);
        } else if (command instanceof AcdCommand.Hold c) {
            hold(c, now);
        } else if (command instanceof AcdCommand.Consult c) {
            consult(c, now);
        } else if (command instanceof AcdCommand.ConsultAnswered c) {
            consultAnswered(c, now);
        } else if (command instanceof AcdCommand.ConsultFailed c) {
            consultFailed(c, now);
        } else if (command instanceof AcdCommand.CompleteTransfer c) {
            completeTransfer(c.callId(), c.from(), "", now);
        } else if (command instanceof AcdCommand.CancelConsult c) {
            cancelConsult(c, now);
        } else if (command instanceof AcdCommand.ConsultantLeft c) {
            consultantLeft(c, now);
        } else if (command instanceof AcdCommand.CallBackNow c) {
            callBackNow(c, now);
        } else if (command instanceof CallbackAnswered c) {
            callbackAnswered(c.attemptId(), now);
        } else if (command instanceof CallbackAttemptFailed c) {
            callbackFailed(c.attemptId(), c.outcome(), c.detail(), now);
        } else if (command instanceof AcdCommand.LinesLost c) {
            linesLost(c, now);
        } else if (command instanceof Tick) {
            tick(now);
        }
        return out;
    }

    /** Position and estimate of a waiting caller, computed now (the service publishes these in snapshots). */
    public Optional<QueueStatus> status(CallId callId, Instant now) {
        return estimator.status(callId, now);
    }

    /** The live picture: queues, operators, waiting callers' positions and estimates. */
    public AcdSnapshot snapshot(Instant now) {
        return estimator.snapshot(now);
    }

    // --- calls ---

    /**
     * How long a FastAGI caller whose line was lost with a server ({@link #linesLost}) has to come back on the line
     * before the callback that keeps its place is placed: the shipped dialplan tries the other server for about 10 s
     * ({@code FRONTLINE_HOST2}). Meanwhile its place is kept: back on the line, it queues with its first arrival.
     */
    static final Duration LOST_LINE_GRACE = Duration.ofSeconds(15);

    private void enqueue(Enqueue c, Instant now) {
        QueuedCall call = c.call();
        if (state.calls.containsKey(call.callId())) {
            reject("enqueue " + call.callId(), "the call is already in the ACD", now);
            return;
        }
        // back on the line while a callback keeps its place (its line was lost, issue 23): one or the other, never
        // both. The caller on the line wins, also over a callback being placed (ringing its operator or dialling
        // the customer, who is on the line with us): that attempt is withdrawn, its legs hung up, and its operator,
        // free again, is the first offered the caller (ADR 0149)
        Agent freed = null;
        for (CallbackSlot slot : List.copyOf(state.callbacks.values())) {
            if (slot.request.fromCall().filter(call.callId()::equals).isEmpty()) {
                continue;
            }
            if (slot.stage == CallbackSlot.Stage.OFFERED && slot.attemptId != null) {
                Agent a = state.agents.get(slot.operator);
                emit(new AcdEvent.CallbackAttemptFailed(slot.id, slot.attemptId, slot.operator, slot.attempts,
                        CallbackOutcome.WITHDRAWN, "the caller is back on the line", Optional.empty(), now));
                if (a != null && a.state == OperatorState.RINGING) {
                    emit(new AcdEvent.OperatorStateChanged(a.id, OperatorState.READY,
                            "callback withdrawn: the caller is back on the line", now));
                    freed = a;
                }
            }
            if (slot.stage == CallbackSlot.Stage.NOT_DUE || slot.stage == CallbackSlot.Stage.WAITING
                    || slot.stage == CallbackSlot.Stage.FAILED) {
                emit(new AcdEvent.CallbackWithdrawn(slot.id, call.callId(), "the caller is back on the line", now));
                if (slot.request.originalArrivedAt().isBefore(call.arrivedAt())) {
                    call = new QueuedCall(call.callId(), call.intent(), call.priority(), call.tier(), call.language(),
                            call.customer(), call.callingNumber(), call.backend(), slot.request.originalArrivedAt());
                }
            }
        }
        emit(new AcdEvent.CallQueued(call.callId(), call, now));
        dispatch(state.calls.get(call.callId()).entry, now);
        if (freed != null && freed.state == OperatorState.READY) { // not given the caller: whoever waits next
            dispatchFor(freed, now);
        }
    }

    private void callerHungUp(CallId callId, Instant now) {
        LiveCall lc = state.calls.get(callId);
        if (lc == null) {
            reject("caller-hung-up " + callId, "unknown call", now);
            return;
        }
        if (lc.stage == LiveCall.Stage.TALKING) {
            callEnded(callId, now);
            return;
        }
        Agent ringing = lc.stage == LiveCall.Stage.RINGING ? state.agents.get(lc.operator) : null;
        emit(new AcdEvent.CallAbandoned(callId, now));
        if (ringing != null) {
            becomeReady(ringing, "caller hung up", now);
        }
    }

    private void linesLost(AcdCommand.LinesLost c, Instant now) {
        List<LiveCall> lost = state.calls.values().stream() // callback calls: their backend reports their end
                .filter(lc -> lc.callback == null && c.backends().contains(lc.call.backend())).toList();
        List<Agent> wereRinging = new ArrayList<>();
        // first take every lost caller out of line, so no operator is offered a dead call in between
        for (LiveCall lc : lost) {
            if (lc.stage == LiveCall.Stage.RINGING) {
                Agent a = state.agents.get(lc.operator);
                emit(new AcdEvent.CallRequeued(lc.call.callId(), lc.operator, now));
                if (a != null) {
                    wereRinging.add(a);
                }
            }
            if (lc.stage == LiveCall.Stage.WAITING) {
                String number = lc.call.callingNumber();
                if (number == null || !number.startsWith("+")) {
                    emit(new AcdEvent.CallLost(lc.call.callId(), c.reason(), now));
                } else {
                    // a FastAGI caller is due only after LOST_LINE_GRACE: the dialplan brings it to this server
                    // within about 10 s (still on the line, so a callback now would find it busy), and one who is
                    // back is not called back as well (see enqueue)
                    keepPlace(new KeepPlaceByCallback(lc.call.callId(), number), "line lost: " + c.reason(), now,
                            lc.call.backend() == Backend.ASTERISK ? now.plus(LOST_LINE_GRACE) : now);
                }
            }
        }
        // callbacks placed on a line that died with the old server (the simulated line's): nobody will report
        // their outcome, so the operator would stay "on a call" (issue 23). A ringing attempt is tried again at
        // once, not counted; a conversation ends. Asterisk's and Twilio's callbacks go on without us and report.
        List<Agent> callbackRinging = new ArrayList<>();
        List<CallId> callbackTalks = new ArrayList<>();
        for (Agent a : List.copyOf(state.agents.values())) {
            // an answered callback is a live call (ADR 0147) the queue's lines do not cover: its line is the phone's
            LiveCall live = a.current == null ? null : state.calls.get(a.current);
            if (a.current == null || live != null && live.callback == null || state.consultOf(a.current) != null
                    || !Backend.ofEndpoint(a.endpoint()).filter(c.backends()::contains)
                    .filter(Backend::callbacksDieWithTheServer).isPresent()) {
                continue;
            }
            CallbackSlot slot = state.byAttempt.get(a.current.value());
            if (a.state == OperatorState.RINGING && slot != null && a.id.equals(slot.operator)) {
                emit(new AcdEvent.CallbackAttemptFailed(slot.id, slot.attemptId, a.id, slot.attempts,
                        CallbackOutcome.OPERATOR_NO_ANSWER, "line lost: " + c.reason(), Optional.of(now), now));
                callbackRinging.add(a);
            } else if (a.state == OperatorState.TALKING && slot == null && a.current.value().startsWith("cb-")) {
                callbackTalks.add(a.current);
            }
        }
        for (Agent a : wereRinging) {
            becomeReady(a, c.reason(), now);
        }
        for (Agent a : callbackRinging) {
            becomeReady(a, c.reason(), now);
        }
        for (LiveCall lc : lost) {
            if (lc.stage == LiveCall.Stage.TALKING) {
                callEnded(lc.call.callId(), now);
            }
        }
        for (CallId talk : callbackTalks) {
            callEnded(talk, now);
        }
    }

    private void keepPlace(KeepPlaceByCallback c, String why, Instant now) {
        keepPlace(c, why, now, now);
    }

    /** As {@link #keepPlace(KeepPlaceByCallback, String, Instant)}, the callback due no sooner than {@code notBefore}. */
    private void keepPlace(KeepPlaceByCallback c, String why, Instant now, Instant notBefore) {
        LiveCall lc = state.calls.get(c.callId());
        if (lc == null || lc.stage != LiveCall.Stage.WAITING) {
            reject("keep-place " + c.callId(), "the call is not waiting", now);
            return;
        }
        if (c.number() == null || c.number().isBlank()) {
            reject("keep-place " + c.callId(), "no number to call back", now);
            return;
        }
        QueuedCall q = lc.call;
        CallbackRequest r = new CallbackRequest(Optional.of(q.callId()), q.customer(), c.number(), lc.intent,
                lc.priority, lc.tier, q.language(), lc.rankFrom, Optional.empty(), Optional.empty(), why);
        requestCallback(r, Optional.of(q.callId()), now, notBefore);
    }

    private void requestCallback(CallbackRequest r, Optional<CallId> fromCall, Instant now) {
        requestCallback(r, fromCall, now, now);
    }

    private void requestCallback(CallbackRequest r, Optional<CallId> fromCall, Instant now, Instant notBefore) {
        if (r.number().isBlank()) {
            reject("request-callback", "no number to call back", now);
            return;
        }
        if (r.priority() < 1 || r.priority() > 3) {
            reject("request-callback", "priority must be 1..3: " + r.priority(), now);
            return;
        }
        Optional<Instant> due = schedule.firstDue(r.windowStart(), r.windowEnd(), now)
                .map(d -> d.isBefore(notBefore) ? notBefore : d);
        if (due.isEmpty()) {
            reject("request-callback", "the window has closed already", now);
            return;
        }
        CallbackId id = new CallbackId(state.nextCallbackId);
        emit(new AcdEvent.CallbackQueued(id, fromCall, r.number(), r, due.get(), now));
        CallbackSlot slot = state.callbacks.get(id);
        if (slot.entry != null) {
            dispatch(slot.entry, now);
        }
    }

    private void answered(CallId callId, OperatorId by, Instant now) {
        LiveCall lc = state.calls.get(callId);
        String what = "operator-answered " + callId + (by == null ? "" : " by " + by);
        if (lc == null || lc.stage == LiveCall.Stage.TALKING) {
            reject(what, "the call is not ringing an operator", now);
            return;
        }
        if (lc.stage == LiveCall.Stage.RINGING && (by == null || by.equals(lc.operator))) {
            emit(new AcdEvent.CallAnswered(callId, lc.operator, now));
            emit(new AcdEvent.OperatorStateChanged(lc.operator, OperatorState.TALKING, callId.value(), now));
            return;
        }
        if (by == null) {
            reject(what, "the call is not ringing an operator", now);
            return;
        }
        lateAnswer(lc, by, what, now);
    }

    /**
     * {@code by} answered an earlier offer of the call after the ACD had moved on (its timer ran out first, or the
     * operator left): the caller is talking to {@code by}, so that is what the log says. The operator the call rings
     * now (if any) is released without blame.
     */
    private void lateAnswer(LiveCall lc, OperatorId by, String what, Instant now) {
        Agent a = state.agents.get(by);
        if (a == null || a.state == OperatorState.TALKING || a.state == OperatorState.RINGING) {
            reject(what, "the operator is on another call", now);
            return;
        }
        CallId callId = lc.call.callId();
        Agent ringing = lc.stage == LiveCall.Stage.RINGING ? state.agents.get(lc.operator) : null;
        if (ringing != null) {
            emit(new AcdEvent.CallRequeued(callId, ringing.id, now));
        }
        emit(new AcdEvent.CallOffered(callId, a.id, a.endpoint(), now));
        emit(new AcdEvent.CallAnswered(callId, a.id, now));
        emit(new AcdEvent.OperatorStateChanged(a.id, OperatorState.TALKING, callId.value(), now));
        if (ringing != null) {
            becomeReady(ringing, "the call was answered elsewhere", now);
        }
    }

    private void ringNoAnswer(CallId callId, OperatorId by, String why, Instant now) {
        LiveCall lc = state.calls.get(callId);
        String what = "ring-no-answer " + callId + (by == null ? "" : " by " + by);
        if (lc == null || lc.stage != LiveCall.Stage.RINGING) {
            reject(what, "the call is not ringing an operator", now);
            return;
        }
        if (by != null && !by.equals(lc.operator)) {
            reject(what, "stale: the call now rings " + lc.operator + ", not " + by, now);
            return;
        }
        OperatorId missedBy = lc.operator;
        emit(new AcdEvent.CallRequeued(callId, missedBy, now));
        emit(new AcdEvent.OperatorStateChanged(missedBy, OperatorState.MISSED, why == null ? "ring no answer" : why, now));
        dispatch(lc.entry, now);
    }

    private void phoneRinging(AcdCommand.PhoneRinging c, Instant now) {
        LiveCall lc = state.calls.get(c.callId());
        if (lc == null || lc.stage != LiveCall.Stage.RINGING || !c.operator().equals(lc.operator)) {
            reject("phone-ringing " + c.callId() + " at " + c.operator(), "the call is not offered to that operator", now);
            return;
        }
        emit(new AcdEvent.PhoneRinging(c.callId(), c.operator(), now));
    }

    /** One call's line was cut by the PBX: as {@link #linesLost} for that call alone. */
    private void lineLost(AcdCommand.LineLost c, Instant now) {
        LiveCall lc = state.calls.get(c.callId());
        if (lc == null) {
            reject("line-lost " + c.callId(), "unknown call", now);
            return;
        }
        if (lc.stage == LiveCall.Stage.TALKING) {
            callEnded(c.callId(), now);
            return;
        }
        Agent ringing = null;
        if (lc.stage == LiveCall.Stage.RINGING) {
            ringing = state.agents.get(lc.operator);
            emit(new AcdEvent.CallRequeued(c.callId(), lc.operator, now));
        }
        String number = lc.call.callingNumber();
        if (number != null && number.startsWith("+")) {
            keepPlace(new KeepPlaceByCallback(c.callId(), number), "line lost: " + c.reason(), now);
        } else {
            emit(new AcdEvent.CallLost(c.callId(), c.reason(), now));
        }
        if (ringing != null) {
            becomeReady(ringing, c.reason(), now);
        }
    }

    /**
     * The backend could not ring the offered phone (the provider failed): the offer is withdrawn as when the operator
     * leaves ({@link #withdrawOffer}), the call goes to another ready operator if there is one, and the operator,
     * who did nothing wrong, is ready again instead of MISSED.
     */
    private void connectFailed(CallId callId, String reason, Instant now) {
        LiveCall lc = state.calls.get(callId);
        if (lc == null || lc.stage != LiveCall.Stage.RINGING) {
            reject("connect-failed " + callId, "the call is not ringing an operator", now);
            return;
        }
        Agent a = state.agents.get(lc.operator);
        emit(new AcdEvent.CallRequeued(callId, a.id, now));
        dispatch(state.calls.get(callId).entry, now);
        becomeReady(a, "the phone could not be rung: " + reason, now);
    }

    private void callEnded(CallId callId, Instant now) {
        Agent a = state.busy.get(callId);
        LiveCall lc = state.calls.get(callId);
        if (a == null || a.state != OperatorState.TALKING) {
            if (lc != null && lc.stage != LiveCall.Stage.TALKING) {
                callerHungUp(callId, now);
            } else {
                reject("call-ended " + callId, "no conversation with that id", now);
            }
            return;
        }
        if (lc != null && lc.consultTo != null) { // the caller left mid-consultation: the colleague is free again
            OperatorId to = lc.consultTo;
            emit(new AcdEvent.ConsultEnded(callId, lc.operator, to, ConsultOutcome.CALLER_LEFT, "the caller hung up", now));
            Agent target = state.agents.get(to);
            if (target != null) {
                becomeReady(target, "the caller hung up", now);
            }
        }
        endHold(lc, now);
        emit(new AcdEvent.CallEnded(callId, a.id, now));
        emit(new AcdEvent.OperatorStateChanged(a.id, OperatorState.WRAP_UP, "", now));
        if (config.wrapUp().isZero()) {
            becomeReady(a, "", now);
        }
    }

    private void changePriority(ChangePriority c, Instant now) {
        LiveCall lc = state.calls.get(c.callId());
        if (lc == null || lc.stage == LiveCall.Stage.TALKING) {
            reject("change-priority " + c.callId(), "the call is not waiting", now);
            return;
        }
        if (c.priority() < 1 || c.priority() > 3) {
            reject("change-priority " + c.callId(), "priority must be 1..3: " + c.priority(), now);
            return;
        }
        if (c.priority() != lc.priority) {
            emit(new AcdEvent.PriorityChanged(c.callId(), c.priority(), now));
        }
    }

    private void transfer(Transfer c, Instant now) {
        LiveCall lc = state.calls.get(c.callId());
        if (lc == null || lc.stage == LiveCall.Stage.WAITING) {
            reject("transfer " + c.callId(), "the call is not offered to or connected with an operator", now);
            return;
        }
        if (lc.consultTo != null) {
            reject("transfer " + c.callId(), "a consultation with " + lc.consultTo + " is under way: complete or cancel it", now);
            return;
        }
        Agent a = state.agents.get(lc.operator);
        if (c.to() != null) {
            Agent target = state.agents.get(c.to());
            String refusal = c.to().equals(a.id) ? "the call is already with " + c.to()
                    : target == null || target.state == OperatorState.OFFLINE ? c.to() + " is not signed in"
                    : null;
            if (refusal != null) {
                reject("transfer " + c.callId(), refusal, now);
                return;
            }
        }
        boolean talking = lc.stage == LiveCall.Stage.TALKING;
        endHold(lc, now);
        String note = c.note() == null || c.note().isBlank() ? null : c.note().strip();
        emit(new AcdEvent.CallTransferred(c.callId(), a.id, c.intent() == null ? lc.intent : c.intent(),
                c.tier() == null ? lc.tier : c.tier(), c.to(), note, now));
        if (talking) {
            emit(new AcdEvent.OperatorStateChanged(a.id, OperatorState.WRAP_UP, "", now));
            if (config.wrapUp().isZero()) {
                becomeReady(a, "", now);
            }
        }
        dispatch(state.calls.get(c.callId()).entry, now);
        if (!talking) {
            becomeReady(a, "", now);
        }
    }

    /** A held call that ends or moves on: its held time is closed first, so every hold is counted once. */
    private void endHold(LiveCall lc, Instant now) {
        if (lc != null && lc.heldSince != null) {
            emit(new AcdEvent.CallResumed(lc.call.callId(), lc.operator, java.time.Duration.between(lc.heldSince, now),
                    false, now));
        }
    }

    private void hold(AcdCommand.Hold c, Instant now) {
        String what = (c.on() ? "hold " : "resume ") + c.callId();
        LiveCall lc = state.calls.get(c.callId());
        if (lc == null || lc.stage != LiveCall.Stage.TALKING || !c.operator().equals(lc.operator)) {
            reject(what, c.operator() + " is not talking on this call", now);
        } else if (lc.consultTo != null) {
            reject(what, "the caller is held for a consultation with " + lc.consultTo + ": complete or cancel it", now);
        } else if (c.on() == (lc.heldSince != null)) {
            reject(what, c.on() ? "the caller is already on hold" : "the caller is not on hold", now);
        } else if (c.on()) {
            emit(new AcdEvent.CallHeld(c.callId(), c.operator(), now));
        } else {
            emit(new AcdEvent.CallResumed(c.callId(), c.operator(), java.time.Duration.between(lc.heldSince, now),
                    true, now));
        }
    }


    // --- consultation (warm transfer) ---

    /**
     * The talking operator holds the caller and rings a ready colleague (named, or the longest-ready of a line) for a
     * consultation. The caller keeps its place, priority and first operator meanwhile.
     */
    private void consult(AcdCommand.Consult c, Instant now) {
        String what = "consult " + c.callId() + " by " + c.from();
        LiveCall lc = state.calls.get(c.callId());
        if (lc == null || lc.stage != LiveCall.Stage.TALKING || !c.from().equals(lc.operator)) {
            reject(what, c.from() + " is not talking on this call", now);
            return;
        }
        if (lc.consultTo != null) {
            reject(what, "a consultation with " + lc.consultTo + " is under way already", now);
            return;
        }
        Agent target;
        if (c.to() != null) {
            target = state.agents.get(c.to());
            if (c.to().equals(c.from())) {
                reject(what, "the call is already with " + c.to(), now);
                return;
            }
            if (target == null || target.state != OperatorState.READY || !target.phoneRegistered) {
                reject(what, c.to() + " is not ready (" + (target == null ? OperatorState.OFFLINE : target.state)
                        .name().toLowerCase(Locale.ROOT) + ")", now);
                return;
            }
        } else if (c.tier() != null) {
            target = null;
            for (Agent a : state.agents.values()) {
                if (a.state == OperatorState.READY && a.phoneRegistered && !a.id.equals(c.from())
                        && a.tiers().contains(c.tier())
                        && (target == null || a.readySince.isBefore(target.readySince))) {
                    target = a;
                }
            }
            if (target == null) {
                reject(what, "nobody on " + c.tier().name().toLowerCase(Locale.ROOT) + " is ready", now);
                return;
            }
        } else {
            reject(what, "a colleague or a line to consult is required", now);
            return;
        }
        if (lc.heldSince == null) {
            emit(new AcdEvent.CallHeld(c.callId(), c.from(), now));
        }
        String note = c.note() == null || c.note().isBlank() ? null : c.note().strip();
        emit(new AcdEvent.ConsultOffered(c.callId(), c.from(), target.id, target.endpoint(), c.tier(), note, now));
        emit(new AcdEvent.OperatorStateChanged(target.id, OperatorState.RINGING, "consult " + c.callId().value(), now));
    }

    /** The consultation running on {@code callId} with {@code to} (any consulted operator when null), or null. */
    private LiveCall consultation(CallId callId, OperatorId to) {
        LiveCall lc = state.calls.get(callId);
        return lc != null && lc.consultTo != null && (to == null || to.equals(lc.consultTo)) ? lc : null;
    }

    private void consultAnswered(AcdCommand.ConsultAnswered c, Instant now) {
        LiveCall lc = consultation(c.callId(), c.to());
        if (lc == null || lc.consultAnswered) {
            reject("consult-answered " + c.callId() + " by " + c.to(), "no consultation is ringing that operator", now);
            return;
        }
        emit(new AcdEvent.ConsultAnswered(c.callId(), lc.consultTo, now));
        emit(new AcdEvent.OperatorStateChanged(lc.consultTo, OperatorState.TALKING, "consult " + c.callId().value(), now));
    }

    /** The consulted phone did not answer, or its operator hung up: the caller is back with the first operator. */
    private void consultFailed(AcdCommand.ConsultFailed c, Instant now) {
        LiveCall lc = consultation(c.callId(), c.to());
        if (lc == null) {
            reject("consult-failed " + c.callId() + (c.to() == null ? "" : " at " + c.to()),
                    "stale: no consultation with that operator runs on the call", now);
            return;
        }
        OperatorId to = lc.consultTo;
        boolean answered = lc.consultAnswered;
        String why = c.why() == null || c.why().isBlank() ? (answered ? "hung up" : "ring no answer") : c.why();
        callerBack(lc, answered ? ConsultOutcome.TARGET_LEFT : ConsultOutcome.NOT_ANSWERED, why, now);
        Agent target = state.agents.get(to);
        if (target == null) {
            return;
        }
        if (answered) {
            becomeReady(target, "consultation ended", now);
        } else {
            emit(new AcdEvent.OperatorStateChanged(to, OperatorState.MISSED, why, now)); // as a missed call
        }
    }

    /** Ends the consultation and gives the caller back to the first operator; the consulted operator's state is the caller's to set. */
    private void callerBack(LiveCall lc, ConsultOutcome outcome, String why, Instant now) {
        CallId callId = lc.call.callId();
        emit(new AcdEvent.ConsultEnded(callId, lc.operator, lc.consultTo, outcome, why, now));
        if (lc.heldSince != null) {
            emit(new AcdEvent.CallResumed(callId, lc.operator, Duration.between(lc.heldSince, now), true, now));
        }
    }

    private void completeTransfer(CallId callId, OperatorId from, String detail, Instant now) {
        String what = "complete-transfer " + callId + " by " + from;
        LiveCall lc = consultation(callId, null);
        if (lc == null || !from.equals(lc.operator)) {
            reject(what, from + " has no consultation on this call", now);
            return;
        }
        if (!lc.consultAnswered) {
            reject(what, lc.consultTo + " has not answered yet", now);
            return;
        }
        OperatorId to = lc.consultTo;
        endHold(lc, now);
        emit(new AcdEvent.ConsultEnded(callId, from, to, ConsultOutcome.COMPLETED, detail, now));
        emit(new AcdEvent.OperatorStateChanged(to, OperatorState.TALKING, callId.value(), now));
        Agent first = state.agents.get(from);
        emit(new AcdEvent.OperatorStateChanged(from, OperatorState.WRAP_UP, "", now));
        if (config.wrapUp().isZero()) {
            becomeReady(first, "", now);
        }
    }

    private void cancelConsult(AcdCommand.CancelConsult c, Instant now) {
        LiveCall lc = consultation(c.callId(), null);
        if (lc == null || !c.from().equals(lc.operator)) {
            reject("cancel-consult " + c.callId() + " by " + c.from(), c.from() + " has no consultation on this call", now);
            return;
        }
        OperatorId to = lc.consultTo;
        boolean answered = lc.consultAnswered;
        callerBack(lc, ConsultOutcome.CANCELLED, "cancelled by " + c.from(), now);
        Agent target = state.agents.get(to);
        if (target != null) {
            becomeReady(target, answered ? "consultation ended" : "consultation cancelled", now);
        }
    }

    /**
     * The first operator hung up mid-consultation: a colleague who answered takes the caller (the transfer
     * completes); one still ringing is let go and the caller waits in its queue again, with its original place and
     * priority.
     */
    private void consultantLeft(AcdCommand.ConsultantLeft c, Instant now) {
        LiveCall lc = consultation(c.callId(), null);
        if (lc == null || !c.from().equals(lc.operator)) {
            reject("consultant-left " + c.callId(), c.from() + " has no consultation on this call", now);
            return;
        }
        if (lc.consultAnswered) {
            completeTransfer(c.callId(), c.from(), c.from() + " hung up", now);
            return;
        }
        OperatorId to = lc.consultTo;
        emit(new AcdEvent.ConsultEnded(c.callId(), c.from(), to, ConsultOutcome.CONSULTANT_LEFT, c.from() + " hung up", now));
        transfer(new Transfer(c.callId(), null, null), now); // back to its queue, its arrival and priority kept
        Agent target = state.agents.get(to); // free only now: the caller is in line again, ahead of later ones
        if (target != null) {
            becomeReady(target, "consultation cancelled", now);
        }
    }

    // --- operators ---

    private void setState(SetOperatorState c, Instant now) {
        String what = "set-state " + c.operator() + " " + c.state();
        if (!state.agents.containsKey(c.operator())) {
            if (c.state() == OperatorState.OFFLINE) {
                return;
            }
            if (!state.known(c.operator())) {
                reject(what, "unknown operator", now);
                return;
            }
        }
        Agent a = state.agent(c.operator());
        switch (c.state()) {
            case READY -> {
                if (a.state == OperatorState.RINGING || a.state == OperatorState.TALKING) {
                    reject(what, "the operator is on a call", now);
                } else if (a.state != OperatorState.READY) {
                    becomeReady(a, c.reason(), now);
                }
            }
            case BREAK, OFFLINE -> {
                if (a.state == OperatorState.TALKING) {
                    reject(what, "the operator is on a call; end it first", now);
                    return;
                }
                if (a.state == OperatorState.RINGING) {
                    withdrawOffer(a, now);
                }
                if (a.state != c.state() || !a.reason.equals(c.reason() == null ? "" : c.reason())) {
                    emit(new AcdEvent.OperatorStateChanged(a.id, c.state(), c.reason() == null ? "" : c.reason(), now));
                }
            }
            default -> reject(what, c.state() + " is set by the ACD, not by the operator", now);
        }
    }

    private void endWrapUp(OperatorId id, Instant now) {
        Agent a = state.agents.get(id);
        if (a == null || a.state != OperatorState.WRAP_UP) {
            reject("end-wrap-up " + id, "the operator is not in wrap-up", now);
            return;
        }
        becomeReady(a, "", now);
    }

    private void phone(SetPhoneRegistered c, Instant now) {
        Agent a = state.agents.get(c.operator());
        boolean current = a == null || a.phoneRegistered;
        if (a != null && current == c.registered()) {
            return;
        }
        emit(new AcdEvent.PhoneRegistration(c.operator(), c.registered(), now));
        Agent after = state.agents.get(c.operator());
        if (c.registered() && after != null) {
            dispatchFor(after, now);
        }
    }

    private void reloadProfile(OperatorId id, Instant now) {
        Agent a = state.agents.get(id);
        if (a == null || a.state == OperatorState.OFFLINE) {
            return; // read at the next login
        }
        emit(new AcdEvent.OperatorProfileChanged(id, now));
        dispatchFor(a, now);
    }

    private void becomeReady(Agent a, String reason, Instant now) {
        emit(new AcdEvent.OperatorStateChanged(a.id, OperatorState.READY, reason == null ? "" : reason, now));
        dispatchFor(a, now);
    }

    /** The ringing operator left (break, offline): its offer goes back without marking it MISSED. */
    private void withdrawOffer(Agent a, Instant now) {
        CallId current = a.current;
        LiveCall consulted = state.consultOf(current);
        if (consulted != null) { // a consultation rang this operator, who left: the caller goes back to the first
            callerBack(consulted, ConsultOutcome.NOT_ANSWERED, a.id + " left", now);
            return;
        }
        LiveCall lc = state.calls.get(current);
        if (lc != null) {
            emit(new AcdEvent.CallRequeued(current, a.id, now));
            dispatch(lc.entry, now);
        } else {
            CallbackSlot slot = state.byAttempt.get(current.value());
            if (slot != null) {
                emit(new AcdEvent.CallbackAttemptFailed(slot.id, slot.attemptId, a.id, slot.attempts,
                        CallbackOutcome.OPERATOR_NO_ANSWER, "operator left", Optional.of(now), now));
                dispatchWaiting(slot, now);
            }
        }
    }

    // --- callbacks ---

    private void callBackNow(AcdCommand.CallBackNow c, Instant now) {
        String what = "call-back-now " + c.callbackId() + " by " + c.operator();
        CallbackSlot slot = state.callbacks.get(c.callbackId());
        Agent a = state.agents.get(c.operator());
        if (slot == null || (slot.stage != CallbackSlot.Stage.NOT_DUE && slot.stage != CallbackSlot.Stage.WAITING)) {
            reject(what, "no pending callback with that id", now);
        } else if (a == null || a.state == OperatorState.OFFLINE || a.state == OperatorState.RINGING
                || a.state == OperatorState.TALKING) {
            reject(what, "the operator must be logged in and not on a call", now);
        } else {
            if (a.state == OperatorState.WRAP_UP) {
                emit(new AcdEvent.OperatorStateChanged(a.id, OperatorState.READY, "call back now", now));
            }
            offerCallback(slot, a, now);
        }
    }

    private void callbackAnswered(String attemptId, Instant now) {
        CallbackSlot slot = state.byAttempt.get(attemptId);
        if (slot == null) {
            reject("callback-answered " + attemptId, "no callback attempt with that id is in progress", now);
            return;
        }
        emit(new AcdEvent.CallbackAnswered(slot.id, attemptId, slot.operator, now));
        emit(new AcdEvent.OperatorStateChanged(slot.operator, OperatorState.TALKING, attemptId, now));
    }

    private void callbackFailed(String attemptId, CallbackOutcome outcome, String detail, Instant now) {
        CallbackSlot slot = state.byAttempt.get(attemptId);
        if (slot == null) {
            reject("callback-failed " + attemptId, "no callback attempt with that id is in progress", now);
            return;
        }
        Agent a = state.agents.get(slot.operator);
        String why = detail == null ? "" : detail;
        if (outcome == CallbackOutcome.OPERATOR_NO_ANSWER) {
            emit(new AcdEvent.CallbackAttemptFailed(slot.id, attemptId, a.id, slot.attempts, outcome, why,
                    Optional.of(now), now));
            emit(new AcdEvent.OperatorStateChanged(a.id, OperatorState.MISSED, "callback not answered", now));
            dispatchWaiting(slot, now);
            return;
        }
        Optional<Instant> next = schedule.retryAt(slot.attempts, slot.request.windowEnd(), now);
        emit(new AcdEvent.CallbackAttemptFailed(slot.id, attemptId, a.id, slot.attempts, outcome, why, next, now));
        if (next.isEmpty()) {
            emit(new AcdEvent.CallbackFailed(slot.id, slot.request,
                    slot.attempts + " attempt(s) failed, last: " + outcome.name().toLowerCase(Locale.ROOT), now));
        }
        becomeReady(a, "", now);
        dispatchWaiting(slot, now);
    }

    private void dispatchWaiting(CallbackSlot slot, Instant now) {
        if (slot.entry != null) {
            dispatch(slot.entry, now);
        }
    }

    // --- time ---

    private void tick(Instant now) {
        for (Agent a : List.copyOf(state.agents.values())) {
            if (a.state == OperatorState.RINGING && a.current != null) {
                LiveCall consulted = state.consultOf(a.current);
                if (consulted != null) {
                    Instant ringFrom = a.ringingSince != null ? a.ringingSince : a.offeredAt;
                    if (!now.isBefore(ringFrom.plus(config.ringTimeout()))) {
                        consultFailed(new AcdCommand.ConsultFailed(consulted.call.callId(), a.id, "ring no answer"), now);
                    }
                } else if (state.calls.containsKey(a.current)) {
                    Instant ringFrom = a.ringingSince != null ? a.ringingSince : a.offeredAt;
                    if (!now.isBefore(ringFrom.plus(config.ringTimeout()))) {
                        ringNoAnswer(a.current, a.id, "ring no answer", now);
                    }
                } else if (!now.isBefore(a.offeredAt.plus(config.callbackAttemptTimeout()))) {
                    callbackFailed(a.current.value(), CallbackOutcome.TIMEOUT, "no outcome reported", now);
                }
            } else if (a.state == OperatorState.WRAP_UP && !now.isBefore(a.wrapUpUntil)) {
                becomeReady(a, "", now);
            }
        }
        while (!state.notDue.isEmpty() && !state.notDue.first().dueAt.isAfter(now)) {
            state.makeDue(state.notDue.first());
        }
        for (CallbackSlot slot : List.copyOf(state.callbacks.values())) {
            if (slot.stage == CallbackSlot.Stage.WAITING && slot.request.windowEnd().isPresent()
                    && now.isAfter(slot.request.windowEnd().get())) {
                emit(new AcdEvent.CallbackFailed(slot.id, slot.request, "the window closed before an operator was free", now));
            }
        }
        checkSla(now);
        state.stats.prune(now);
        state.pruneHandled(now);
        dispatchAll(now);
    }

    private void checkSla(Instant now) {
        Duration onLine = config.onLineTarget();
        for (LiveCall lc : state.calls.values()) {
            if (lc.stage == LiveCall.Stage.WAITING && !lc.breached && lc.callback == null // a callback: its own target
                    && Duration.between(lc.rankFrom, now).compareTo(onLine) > 0) {
                emitLater(new AcdEvent.SlaBreached(lc.tier, queueName(lc.intent), "on-line wait " + human(onLine),
                        lc.call.callId(), now, AcdEvent.SlaKind.ON_LINE, onLine));
            }
        }
        for (CallbackSlot slot : state.callbacks.values()) {
            Duration target = config.tierTarget(slot.request.tier());
            if ((slot.stage == CallbackSlot.Stage.WAITING || slot.stage == CallbackSlot.Stage.NOT_DUE)
                    && !slot.breached && Duration.between(slot.request.originalArrivedAt(), now).compareTo(target) > 0) {
                emitLater(new AcdEvent.SlaBreached(slot.request.tier(), queueName(slot.request.intent()),
                        "callback within " + human(target), AcdState.callbackCallId(slot.id), now,
                        AcdEvent.SlaKind.CALLBACK, target));
            }
        }
        flushLater();
    }

    static String queueName(dev.frontline.core.common.Intent intent) {
        return intent.name().toLowerCase(Locale.ROOT);
    }

    private static String human(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }

    // --- matching ---

    /** Offers {@code entry} to the longest-idle eligible operator, if any. */
    private boolean dispatch(Entry entry, Instant now) {
        if (entry == null || state.ready.isEmpty()) {
            return false;
        }
        Agent best = matcher.bestAgentFor(entry, now);
        if (best == null) {
            return false;
        }
        offer(entry, best, now);
        return true;
    }

    /** Offers the best eligible waiting entry to a ready operator, if any. */
    private void dispatchFor(Agent a, Instant now) {
        if (!a.indexed || state.waiting.size() == 0) {
            return;
        }
        Entry best = matcher.bestEntryFor(a, now);
        if (best != null) {
            offer(best, a, now);
        }
    }

    /** Matches until no waiting head has an eligible ready operator (timers may have widened eligibility). */
    private void dispatchAll(Instant now) {
        boolean offered = true;
        while (offered && !state.ready.isEmpty() && state.waiting.size() > 0) {
            offered = false;
            List<Entry> heads = state.waiting.heads();
            heads.sort(Entry.ORDER);
            for (Entry head : heads) {
                if (dispatch(head, now)) {
                    offered = true;
                    break;
                }
            }
        }
    }

    private void offer(Entry e, Agent a, Instant now) {
        if (e.isCallback()) {
            offerCallback(state.callbacks.get(e.callbackId()), a, now);
        } else {
            emit(new AcdEvent.CallOffered(e.callId(), a.id, a.endpoint(), now));
            emit(new AcdEvent.OperatorStateChanged(a.id, OperatorState.RINGING, e.callId().value(), now));
        }
    }

    private void offerCallback(CallbackSlot slot, Agent a, Instant now) {
        int attempt = slot.attempts + 1;
        String attemptId = "cb-" + slot.id.value() + "-" + (slot.offers + 1);
        emit(new AcdEvent.CallbackOffered(slot.id, a.id, attemptId, attempt, a.endpoint(), slot.request.number(), now));
        emit(new AcdEvent.OperatorStateChanged(a.id, OperatorState.RINGING, "callback " + slot.id.value(), now));
    }

    // --- output ---

    private final List<AcdEvent> later = new ArrayList<>();

    private void emit(AcdEvent e) {
        state.apply(e);
        out.add(e);
    }

    private void emitLater(AcdEvent e) {
        later.add(e);
    }

    private void flushLater() {
        List<AcdEvent> pending = List.copyOf(later);
        later.clear();
        pending.forEach(this::emit);
    }

    private void reject(String command, String reason, Instant now) {
        emit(new AcdEvent.CommandRejected(command, reason, now));
    }
}
