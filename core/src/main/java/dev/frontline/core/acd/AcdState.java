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
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Tier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    /**
     * The answered callback as a live call (ADR 0147), talking with the operator who took it: its id is the attempt's,
     * its priority, line, queue and place in line (the original arrival or request time) the request's, so hold,
     * transfer and consultation treat it as any caller. Its backend is not known to the ACD; {@link LiveCall#callback}
     * keeps it out of what a line's loss does to queued callers.
     */
    private static LiveCall callbackCall(CallbackSlot slot, CallbackAnswered e) {
        CallbackRequest r = slot.request;
        LiveCall lc = new LiveCall(new QueuedCall(new CallId(e.attemptId()), r.intent(), r.priority(), r.tier(),
                r.language(), r.customer(), r.number(), dev.frontline.core.common.Backend.SIM, r.originalArrivedAt()));
        lc.callback = slot.id;
        lc.stage = LiveCall.Stage.TALKING;
        lc.operator = e.operator();
        lc.breached = slot.breached;
        return lc;
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
            if (lc.callback == null) { // a callback's wait since its request is not an on-line wait
                stats.answered(e.at(), lc.intent, lc.tier, Duration.between(lc.rankFrom, e.at()));
            }
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
            if (lc.callback == null) { // a callback customer who leaves after a transfer was called back, not lost in line
                stats.abandoned(e.at(), lc.intent, lc.tier, Duration.between(lc.rankFrom, e.at()));
            }
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
            calls.put(new CallId(e.attemptId()), callbackCall(slot, e)); // ADR 0147: a live call from now on
        } else if (event instanceof CallbackAttemptFailed e) {
            CallbackSlot slot = callbacks.get(e.callbackId());
            byAttempt.remove(e.attemptId());
            release(new CallId(e.attemptId()));
            slot.attemptId = null;
            slot.operator = null;
            slot.attempts = e.outcome() == CallbackOutcome.OPERATOR_NO_ANSWER || e.outcome() == CallbackOutcome.WITHDRAWN
                    ? e.attempt() - 1 : e.attempt();
            if (e.nextAttemptAt().isPresent()) {
                schedule(slot, e.nextAttemptAt().get(), e.at());
            } else {
                slot.stage = CallbackSlot.Stage.FAILED;
            }
        } else if (event instanceof AcdEvent.CallbackWithdrawn e) {
            CallbackSlot slot = callbacks.remove(e.callbackId());
            seqs.remove(callbackCallId(e.callbackId()));
            if (slot != null) {
                unschedule(slot);
                slot.stage = CallbackSlot.Stage.DONE;
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

    // --- snapshots (issue 23) ---

    /**
     * This state as an {@link AcdImage} covering the log up to {@code covers}. Finished-call samples and sticky
     * memories that a tick at {@code prunedAt} would drop are left out ({@code prunedAt} must not be later than any
     * event still to come). Reads only: the state is not changed.
     */
    AcdImage image(long covers, Instant prunedAt) {
        List<AcdImage.AgentImage> agentImages = new ArrayList<>();
        for (Agent a : agents.values()) {
            agentImages.add(new AcdImage.AgentImage(a.id, a.state, a.reason, a.since, a.readySince, a.phoneRegistered,
                    a.current, a.offeredAt, a.ringingSince, a.answeredAt, a.wrapUpUntil, a.lastIntent, a.lastTier));
        }
        Map<String, Boolean> phoneImages = new HashMap<>();
        phones.forEach((k, v) -> phoneImages.put(k.value(), v));
        List<AcdImage.CallImage> callImages = new ArrayList<>();
        for (LiveCall lc : calls.values()) {
            callImages.add(new AcdImage.CallImage(lc.call, lc.intent, lc.tier, lc.priority, lc.rankFrom, lc.stage.name(),
                    lc.operator, lc.breached, lc.preferred, lc.stickyUntil, lc.heldSince, entryImage(lc.entry),
                    lc.consultTo, lc.consultAnswered, lc.callback));
        }
        List<AcdImage.CallbackImage> callbackImages = new ArrayList<>();
        for (CallbackSlot c : callbacks.values()) {
            callbackImages.add(new AcdImage.CallbackImage(c.id, c.request, c.stage.name(), c.dueAt, c.attempts, c.offers,
                    entryImage(c.entry), c.attemptId, c.operator, c.offeredAt, c.breached));
        }
        List<Long> notDueIds = new ArrayList<>();
        for (CallbackSlot c : notDue) {
            notDueIds.add(owned(c).id.value());
        }
        Map<String, Long> attempts = new HashMap<>();
        byAttempt.forEach((k, c) -> attempts.put(k, owned(c).id.value()));
        Map<String, String> busyImages = new HashMap<>();
        busy.forEach((k, a) -> busyImages.put(k.value(), a.id.value()));
        List<AcdImage.EntryImage> waitingImages = new ArrayList<>();
        for (Intent i : Intent.values()) {
            for (Tier t : Tier.values()) {
                waiting.group(i, t).forEach(e -> waitingImages.add(entryImage(e)));
            }
        }
        Map<String, Long> seqImages = new HashMap<>();
        seqs.forEach((k, v) -> seqImages.put(k.value(), v));
        Instant oldest = prunedAt.minus(config.stickyWithin());
        List<AcdImage.HandledImage> handled = new ArrayList<>();
        lastOperator.forEach((k, h) -> {
            if (!h.at().isBefore(oldest)) {
                handled.add(new AcdImage.HandledImage(k, h.operator(), h.at()));
            }
        });
        handled.sort(Comparator.comparing((AcdImage.HandledImage h) -> h.customer().value()));
        return new AcdImage(AcdImage.FORMAT, covers, prunedAt, AcdImage.settingsOf(config), agentImages, phoneImages,
                callImages, callbackImages, notDueIds, attempts, busyImages, waitingImages, seqImages, seq,
                nextCallbackId, handled, stats.image(prunedAt));
    }

    /** A slot the indexes refer to must be one of the callbacks (else the state is not one a snapshot can hold). */
    private CallbackSlot owned(CallbackSlot c) {
        if (callbacks.get(c.id) != c) {
            throw new IllegalStateException("callback " + c.id.value() + " is indexed but not pending");
        }
        return c;
    }

    private static AcdImage.EntryImage entryImage(Entry e) {
        return e == null ? null : new AcdImage.EntryImage(e.callId(), e.callbackId(), e.intent(), e.tier(), e.language(),
                e.priority(), e.arrivedAt(), e.rank(), e.seq(), e.preferred(), e.stickyUntil());
    }

    private static Entry entry(AcdImage.EntryImage e) {
        return e == null ? null : new Entry(e.callId(), e.callbackId(), e.intent(), e.tier(), e.language(), e.priority(),
                e.arrivedAt(), e.rank(), e.seq(), e.preferred(), e.stickyUntil());
    }

    /**
     * The state {@code image} holds; operator profiles are read from {@code directory} (as a replay does). Throws
     * {@link IllegalStateException} when the image was written by another format or under other settings, or does
     * not hold together: the caller then replays the log instead.
     */
    static AcdState restore(AcdConfig config, OperatorDirectory directory, AcdImage image) {
        if (image.format() != AcdImage.FORMAT) {
            throw new IllegalStateException("snapshot format " + image.format() + ", this server reads " + AcdImage.FORMAT);
        }
        if (!AcdImage.settingsOf(config).equals(image.settings())) {
            throw new IllegalStateException("snapshot taken under other routing settings (" + image.settings() + ")");
        }
        AcdState s = new AcdState(config, directory);
        image.phones().forEach((k, v) -> s.phones.put(new OperatorId(k), v));
        for (AcdImage.AgentImage i : image.agents()) {
            Agent a = new Agent(i.id(), directory.find(i.id()).orElse(null));
            a.state = java.util.Objects.requireNonNull(i.state(), "agent state");
            a.reason = i.reason() == null ? "" : i.reason();
            a.since = i.since();
            a.readySince = i.readySince();
            a.phoneRegistered = i.phoneRegistered();
            a.current = i.current();
            a.offeredAt = i.offeredAt();
            a.ringingSince = i.ringingSince();
            a.answeredAt = i.answeredAt();
            a.wrapUpUntil = i.wrapUpUntil();
            a.lastIntent = i.lastIntent();
            a.lastTier = i.lastTier();
            s.agents.put(a.id, a);
        }
        for (AcdImage.CallImage i : image.calls()) {
            LiveCall lc = new LiveCall(i.call());
            lc.intent = i.intent();
            lc.tier = i.tier();
            lc.priority = i.priority();
            lc.rankFrom = i.rankFrom();
            lc.stage = LiveCall.Stage.valueOf(i.stage());
            lc.operator = i.operator();
            lc.breached = i.breached();
            lc.preferred = i.preferred();
            lc.stickyUntil = i.stickyUntil();
            lc.heldSince = i.heldSince();
            lc.entry = entry(i.entry());
            lc.consultTo = i.consultTo();
            lc.consultAnswered = i.consultAnswered();
            lc.callback = i.callback();
            s.calls.put(i.call().callId(), lc);
        }
        for (AcdImage.CallbackImage i : image.callbacks()) {
            CallbackSlot c = new CallbackSlot(i.id(), i.request(), i.dueAt());
            c.stage = CallbackSlot.Stage.valueOf(i.stage());
            c.attempts = i.attempts();
            c.offers = i.offers();
            c.entry = entry(i.entry());
            c.attemptId = i.attemptId();
            c.operator = i.operator();
            c.offeredAt = i.offeredAt();
            c.breached = i.breached();
            s.callbacks.put(c.id, c);
        }
        for (long id : image.notDue()) {
            s.notDue.add(s.slot(id));
        }
        image.byAttempt().forEach((k, id) -> s.byAttempt.put(k, s.slot(id)));
        image.busy().forEach((k, op) -> {
            Agent a = s.agents.get(new OperatorId(op));
            if (a == null) {
                throw new IllegalStateException("call " + k + " is with unknown operator " + op);
            }
            s.busy.put(new CallId(k), a);
        });
        for (AcdImage.EntryImage e : image.waiting()) {
            s.waiting.add(entry(e));
        }
        image.seqs().forEach((k, v) -> s.seqs.put(new CallId(k), v));
        s.seq = image.seq();
        s.nextCallbackId = image.nextCallbackId();
        for (AcdImage.HandledImage h : image.lastOperator()) {
            s.lastOperator.put(h.customer(), new Handled(h.operator(), h.at()));
        }
        s.stats.restore(image.stats());
        for (Agent a : s.agents.values()) { // the ready index, as the replay left it: built from the states
            s.ready.update(a);
        }
        return s;
    }

    private CallbackSlot slot(long id) {
        CallbackSlot c = callbacks.get(new CallbackId(id));
        if (c == null) {
            throw new IllegalStateException("snapshot refers to callback " + id + ", which it does not hold");
        }
        return c;
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
