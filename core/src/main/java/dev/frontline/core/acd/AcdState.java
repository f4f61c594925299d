package dev.frontline.core.acd;

import dev.frontline.core.acd.AcdEvent.CallAbandoned;
import dev.frontline.core.acd.AcdEvent.CallAnswered;
import dev.frontline.core.acd.AcdEvent.CallEnded;
import dev.frontline.core.acd.AcdEvent.CallOffered;
import dev.frontline.core.acd.AcdEvent.CallQueued;
import dev.frontline.core.acd.AcdEvent.CallRequeued;
import dev.frontline.core.acd.AcdEvent.CallTransferred;
import dev.frontline.core.acd.AcdEvent.CallbackAnswered;
import dev.frontline.core.acd.AcdEvent.CallbackAttemptFailed;
import dev.frontline.core.acd.AcdEvent.CallbackFailed;
import dev.frontline.core.acd.AcdEvent.CallbackOffered;
import dev.frontline.core.acd.AcdEvent.CallbackQueued;
import dev.frontline.core.acd.AcdEvent.OperatorStateChanged;
import dev.frontline.core.acd.AcdEvent.PhoneRegistration;
import dev.frontline.core.acd.AcdEvent.PriorityChanged;
import dev.frontline.core.acd.AcdEvent.SlaBreached;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.OperatorId;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The routing state and the only code that changes it: {@link #apply} folds one event in. Live routing and the
 * start-up replay of the event log run the same {@code apply}, so the rebuilt state is the state that was logged.
 * The one change that needs no event is a callback falling due, a pure function of the clock ({@link #makeDue}).
 * Not thread-safe: owned by the routing thread.
 */
final class AcdState {
    final AcdConfig config;
    final long ageingMillis;
    final WaitingQueues waiting = new WaitingQueues();
    final ReadyOperators ready = new ReadyOperators();
    final Map<OperatorId, Agent> agents = new LinkedHashMap<>();
    final Map<CallId, LiveCall> calls = new LinkedHashMap<>();
    /** Callbacks not finished yet (answered and failed ones leave the map). */
    final Map<CallbackId, CallbackSlot> callbacks = new LinkedHashMap<>();
    final TreeSet<CallbackSlot> notDue = new TreeSet<>(Comparator.comparing((CallbackSlot s) -> s.dueAt)
            .thenComparingLong(s -> s.id.value()));
    final Map<String, CallbackSlot> byAttempt = new HashMap<>();
    /** Calls (and callback conversations) being rung or talked on, to their operator. */
    final Map<CallId, Agent> busy = new HashMap<>();
    final StatsWindow stats;
    private final OperatorDirectory directory;
    private final Map<OperatorId, Boolean> phones = new HashMap<>();
    private final Map<CallId, Long> seqs = new HashMap<>();
    long nextCallbackId = 1;
    private long seq;

    AcdState(AcdConfig config, OperatorDirectory directory) {
        this.config = config;
        this.directory = directory;
        this.ageingMillis = config.ageingPerLevel().toMillis();
        this.stats = new StatsWindow(config.metricsWindow(), config.onLineTarget());
    }

    static CallId callbackCallId(CallbackId id) {
        return new CallId("callback-" + id.value());
    }

    /** What the consulted operator is busy with during a consultation about {@code callId}. */
    static CallId consultId(CallId callId) {
        return new CallId(callId.value() + CONSULT_SUFFIX);
    }

    static final String CONSULT_SUFFIX = "#consult";

    /** The call a consultation id ({@link #consultId}) belongs to, while that consultation runs; else null. */
    LiveCall consultOf(CallId id) {
        if (id == null || !id.value().endsWith(CONSULT_SUFFIX)) {
            return null;
        }
        LiveCall lc = calls.get(new CallId(id.value().substring(0, id.value().length() - CONSULT_SUFFIX.length())));
        return lc != null && lc.consultTo != null ? lc : null;
    }

    void apply(AcdEvent event) {
        if (event instanceof CallQueued e) {
            LiveCall lc = new LiveCall(e.call());
            stick(lc, e.at());
            calls.put(e.callId(), lc);
            enqueue(lc);
        } else if (event instanceof CallOffered e) {
            LiveCall lc = calls.get(e.callId());
            dequeue(lc);
            lc.stage = LiveCall.Stage.RINGING;
            lc.operator = e.operator();
            occupy(agent(e.operator()), e.callId(), e.at());
        } else if (event instanceof CallAnswered e) {
            LiveCall lc = calls.get(e.callId());
            lc.stage = LiveCall.Stage.TALKING;
            Agent a = agent(e.operator());
            a.answeredAt = e.at();
            a.lastIntent = lc.intent;
            a.lastTier = lc.tier;
            stats.answered(e.at(), lc.intent, lc.tier, Duration.between(lc.rankFrom, e.at()));
            lc.call.customer().ifPresent(c -> lastOperator.put(c, new Handled(e.operator(), e.at())));
        } else if (event instanceof CallRequeued e) {
            LiveCall lc = calls.get(e.callId());
            release(e.callId());
            lc.stage = LiveCall.Stage.WAITING;
            lc.operator = null;
            enqueue(lc);
        } else if (event instanceof AcdEvent.PhoneRinging e) {
            Agent a = agents.get(e.operator());
            if (a != null && e.callId().equals(a.current)) {
                a.ringingSince = e.at();
            }
        } else if (event instanceof AcdEvent.CallLost e) {
            LiveCall lc = calls.remove(e.callId());
            seqs.remove(e.callId());
            if (lc != null && lc.stage == LiveCall.Stage.WAITING) {
                dequeue(lc);
            } else if (lc != null) {
                release(e.callId());
            }
        } else if (event instanceof CallAbandoned e) {
            LiveCall lc = calls.remove(e.callId());
            seqs.remove(e.callId());
            if (lc.stage == LiveCall.Stage.WAITING) {
                dequeue(lc);
            } else {
                release(e.callId());
            }
            stats.abandoned(e.at(), lc.intent, lc.tier, Duration.between(lc.rankFrom, e.at()));
        } else if (event instanceof CallEnded e) {
            release(e.callId());
            calls.remove(e.callId());
            seqs.remove(e.callId());
        } else if (event instanceof PriorityChanged e) {
            LiveCall lc = calls.get(e.callId());
            boolean waitingNow = lc.stage == LiveCall.Stage.WAITING;
            if (waitingNow) {
                dequeue(lc);
            }
            lc.priority = e.priority();
            if (waitingNow) {
                enqueue(lc);
            }
        } else if (event instanceof AcdEvent.CallHeld e) {
            calls.get(e.callId()).heldSince = e.at();
        } else if (event instanceof AcdEvent.CallResumed e) {
            calls.get(e.callId()).heldSince = null;
        } else if (event instanceof AcdEvent.ConsultOffered e) {
            LiveCall lc = calls.get(e.callId());
            lc.consultTo = e.to();
            lc.consultAnswered = false;
            occupy(agent(e.to()), consultId(e.callId()), e.at());
        } else if (event instanceof AcdEvent.ConsultAnswered e) {
            calls.get(e.callId()).consultAnswered = true;
        } else if (event instanceof AcdEvent.ConsultEnded e) {
            LiveCall lc = calls.get(e.callId());
            release(consultId(e.callId()));
            if (lc != null) {
                lc.consultTo = null;
                lc.consultAnswered = false;
                if (e.outcome() == ConsultOutcome.COMPLETED) { // the caller's operator is the consulted one now
                    release(e.callId());
                    lc.operator = e.to();
                    Agent a = agent(e.to());
                    occupy(a, e.callId(), e.at());
                    a.answeredAt = e.at();
                    a.lastIntent = lc.intent;
                    a.lastTier = lc.tier;
                }
            }
        } else if (event instanceof CallTransferred e) {
            LiveCall lc = calls.get(e.callId());
            lc.heldSince = null;
            release(e.callId());
            lc.intent = e.intent();
            lc.tier = e.tier();
            lc.stage = LiveCall.Stage.WAITING;
            lc.operator = null;
            if (e.to() != null) { // kept for the named operator first, then anyone, as sticky routing does
                lc.preferred = e.to();
                lc.stickyUntil = e.at().plus(NAMED_TRANSFER_HOLD);
            }
            enqueue(lc);
        } else if (event instanceof CallbackQueued e) {
            e.fromCall().ifPresent(this::leaveForCallback);
            CallbackSlot slot = new CallbackSlot(e.callbackId(), e.request(), e.dueAt());
            callbacks.put(slot.id, slot);
            nextCallbackId = Math.max(nextCallbackId, e.callbackId().value() + 1);
            schedule(slot, e.dueAt(), e.at());
        } else if (event instanceof CallbackOffered e) {
            CallbackSlot slot = callbacks.get(e.callbackId());
            unschedule(slot);
            slot.stage = CallbackSlot.Stage.OFFERED;
            slot.offers++;
            slot.attempts = e.attempt();
            slot.attemptId = e.attemptId();
            slot.operator = e.operator();
            slot.offeredAt = e.at();
            byAttempt.put(e.attemptId(), slot);
            occupy(agent(e.operator()), new CallId(e.attemptId()), e.at());
        } else if (event instanceof CallbackAnswered e) {
            CallbackSlot slot = callbacks.remove(e.callbackId());
            seqs.remove(callbackCallId(e.callbackId()));
            byAttempt.remove(e.attemptId());
            slot.stage = CallbackSlot.Stage.DONE;
            Agent a = agent(e.operator());
            a.answeredAt = e.at();
            a.lastIntent = slot.request.intent();
            a.lastTier = slot.request.tier();
        } else if (event instanceof CallbackAttemptFailed e) {
            CallbackSlot slot = callbacks.get(e.callbackId());
            byAttempt.remove(e.attemptId());
            release(new CallId(e.attemptId()));
            slot.attemptId = null;
            slot.operator = null;
            slot.attempts = e.outcome() == CallbackOutcome.OPERATOR_NO_ANSWER ? e.attempt() - 1 : e.attempt();
            if (e.nextAttemptAt().isPresent()) {
                schedule(slot, e.nextAttemptAt().get(), e.at());
            } else {
                slot.stage = CallbackSlot.Stage.FAILED;
            }
        } else if (event instanceof CallbackFailed e) {
            CallbackSlot slot = callbacks.remove(e.callbackId());
            seqs.remove(callbackCallId(e.callbackId()));
            if (slot != null) {
                unschedule(slot);
                slot.stage = CallbackSlot.Stage.FAILED;
            }
        } else if (event instanceof OperatorStateChanged e) {
            changeState(e);
        } else if (event instanceof AcdEvent.OperatorProfileChanged e) {
            Agent a = agents.get(e.operator());
            if (a != null) {
                ready.remove(a); // indexed under the old queues, lines and languages
                a.profile = directory.find(a.id).orElse(a.profile);
                ready.update(a);
            }
        } else if (event instanceof PhoneRegistration e) {
            phones.put(e.operator(), e.registered());
            Agent a = agents.get(e.operator());
            if (a != null) {
                a.phoneRegistered = e.registered();
                ready.update(a);
            }
        } else if (event instanceof SlaBreached e) {
            LiveCall lc = calls.get(e.callId());
            if (lc != null) {
                lc.breached = true;
            } else {
                callbacks.values().stream().filter(s -> callbackCallId(s.id).equals(e.callId()))
                        .forEach(s -> s.breached = true);
            }
        }
        // CommandRejected changes nothing
    }

    /** The callback's time came: it joins the waiting callers at its original place. */
    void makeDue(CallbackSlot slot) {
        notDue.remove(slot);
        slot.stage = CallbackSlot.Stage.WAITING;
        CallbackRequest r = slot.request;
        long s = seqs.computeIfAbsent(callbackCallId(slot.id), k -> ++seq);
        slot.entry = Entry.callback(slot.id, r.intent(), r.tier(), r.language(), r.priority(),
                r.originalArrivedAt(), ageingMillis, s);
        waiting.add(slot.entry);
    }

    boolean known(OperatorId id) {
        return agents.containsKey(id) || directory.find(id).isPresent();
    }

    Agent agent(OperatorId id) {
        return agents.computeIfAbsent(id, k -> {
            Agent a = new Agent(k, directory.find(k).orElse(null));
            a.phoneRegistered = phones.getOrDefault(k, true);
            return a;
        });
    }

    private void changeState(OperatorStateChanged e) {
        Agent a = agent(e.operator());
        ready.remove(a);
        OperatorState previous = a.state;
        if (previous == OperatorState.OFFLINE && e.state() != OperatorState.OFFLINE) {
            a.profile = directory.find(a.id).orElse(a.profile);
        }
        if (previous == OperatorState.WRAP_UP && a.answeredAt != null && a.lastIntent != null) {
            stats.handled(e.at(), a.lastIntent, a.lastTier, Duration.between(a.answeredAt, e.at()));
            a.answeredAt = null;
        }
        a.state = e.state();
        a.reason = e.reason() == null ? "" : e.reason();
        a.since = e.at();
        if (e.state() == OperatorState.READY) {
            a.readySince = e.at();
        }
        if (e.state() == OperatorState.WRAP_UP) {
            a.wrapUpUntil = e.at().plus(config.wrapUp());
        }
        ready.update(a);
    }

    private void leaveForCallback(CallId callId) {
        LiveCall lc = calls.get(callId);
        if (lc != null && lc.stage == LiveCall.Stage.WAITING) {
            dequeue(lc);
            calls.remove(callId);
            seqs.remove(callId);
        }
    }

    private void schedule(CallbackSlot slot, Instant dueAt, Instant now) {
        slot.dueAt = dueAt;
        if (dueAt.isAfter(now)) {
            slot.stage = CallbackSlot.Stage.NOT_DUE;
            notDue.add(slot);
        } else {
            makeDue(slot);
        }
    }

    private void unschedule(CallbackSlot slot) {
        notDue.remove(slot);
        if (slot.entry != null) {
            waiting.remove(slot.entry);
            slot.entry = null;
        }
    }

    /** How long a call transferred to a named operator is kept for them before anyone on its line may take it. */
    public static final java.time.Duration NAMED_TRANSFER_HOLD = java.time.Duration.ofSeconds(30);

    /** Who last talked to each customer, and when (sticky routing); rebuilt by the replay like the rest. */
    private record Handled(OperatorId operator, Instant at) {}

    private final Map<dev.frontline.core.common.CustomerId, Handled> lastOperator = new HashMap<>();

    private void stick(LiveCall lc, Instant at) {
        if (config.stickyFor().isZero() || lc.call.customer().isEmpty()) {
            return;
        }
        Handled h = lastOperator.get(lc.call.customer().get());
        if (h != null && !h.at().plus(config.stickyWithin()).isBefore(at)) {
            lc.preferred = h.operator();
            lc.stickyUntil = at.plus(config.stickyFor());
        }
    }

    /** Forgets conversations older than the sticky window (called on ticks). */
    void pruneHandled(Instant now) {
        Instant oldest = now.minus(config.stickyWithin());
        lastOperator.values().removeIf(h -> h.at().isBefore(oldest));
    }

    private void occupy(Agent a, CallId callId, Instant at) {
        a.current = callId;
        a.offeredAt = at;
        a.ringingSince = null;
        busy.put(callId, a);
        ready.update(a);
    }

    private void release(CallId callId) {
        Agent a = busy.remove(callId);
        if (a != null) {
            a.current = null;
            a.offeredAt = null;
            a.ringingSince = null;
            ready.update(a);
        }
    }

    private void enqueue(LiveCall lc) {
        long s = seqs.computeIfAbsent(lc.call.callId(), k -> ++seq);
        lc.entry = Entry.live(lc.call.callId(), lc.intent, lc.tier, lc.call.language(), lc.priority, lc.rankFrom,
                ageingMillis, s, lc.preferred, lc.stickyUntil);
        waiting.add(lc.entry);
    }

    private void dequeue(LiveCall lc) {
        if (lc.entry != null) {
            waiting.remove(lc.entry);
            lc.entry = null;
        }
    }
}
