package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.util.Objects;

/** The commands the routing core understands: one per {@link Acd} method, plus the timer {@link Tick}. */
public sealed interface AcdCommand {

    record Enqueue(QueuedCall call) implements AcdCommand {
        public Enqueue {
            Objects.requireNonNull(call, "call");
        }
    }

    record CallerHungUp(CallId callId) implements AcdCommand {}

    record KeepPlaceByCallback(CallId callId, String number) implements AcdCommand {}

    /** @param with committed with the callback's events when the ACD accepts it (null: nothing else) */
    record RequestCallback(CallbackRequest request, JointWrite with) implements AcdCommand {
        public RequestCallback(CallbackRequest request) {
            this(request, null);
        }
    }

    /**
     * {@code operator} answered the call. Null {@code operator}: whoever it is offered to now (backends that cannot
     * tell). An operator named here who is no longer the one offered (a late answer) still gets the call.
     */
    record OperatorAnswered(CallId callId, OperatorId operator) implements AcdCommand {
        public OperatorAnswered(CallId callId) {
            this(callId, null);
        }
    }

    /**
     * {@code operator}'s phone did not take the call ({@code why}: no answer, busy, unavailable). Null
     * {@code operator}: whoever it is offered to now. An outcome for an operator the call is no longer offered to is
     * stale and changes nothing: nobody is marked missed for someone else's ring.
     */
    record RingNoAnswer(CallId callId, OperatorId operator, String why) implements AcdCommand {
        public RingNoAnswer(CallId callId) {
            this(callId, null, "ring no answer");
        }
    }

    /** The backend started ringing {@code operator}'s phone for the call: the ring timer counts from now. */
    record PhoneRinging(CallId callId, OperatorId operator) implements AcdCommand {}

    /**
     * The call's line was cut by the PBX or provider (a restart, a lost trunk), not by the caller: a waiting or
     * ringing caller keeps its place as a callback when its number is known, and is not counted as abandoned.
     */
    record LineLost(CallId callId, String reason) implements AcdCommand {}

    /** The backend could not ring the offered phone (a provider failure, not the operator's): see {@link Acd#connectFailed}. */
    record ConnectFailed(CallId callId, String reason) implements AcdCommand {}

    record CallEnded(CallId callId) implements AcdCommand {}

    record SetOperatorState(OperatorId operator, OperatorState state, String reason) implements AcdCommand {}

    record EndWrapUp(OperatorId operator) implements AcdCommand {}

    record SetPhoneRegistered(OperatorId operator, boolean registered) implements AcdCommand {}

    /** The operator's account changed (queues, lines, languages, phone): a logged-in operator is routed by it now. */
    record ReloadProfile(OperatorId operator) implements AcdCommand {}

    record ChangePriority(CallId callId, int priority) implements AcdCommand {}

    /**
     * {@code intent} or {@code tier} null keeps the call's current one; {@code to} (or null) names the operator the
     * call is kept for first, {@code note} (or null) is the passing operator's word to them.
     */
    record Transfer(CallId callId, Intent intent, Tier tier, OperatorId to, String note) implements AcdCommand {
        public Transfer(CallId callId, Intent intent, Tier tier) {
            this(callId, intent, tier, null, null);
        }
    }

    /** The talking operator puts the caller on hold ({@code on}) or takes them back. */
    record Hold(CallId callId, OperatorId operator, boolean on) implements AcdCommand {}

    /**
     * Warm transfer: the talking operator {@code from} holds the caller and rings a colleague for a consultation,
     * the named {@code to} (who must be ready) or else the longest-ready operator of line {@code tier}.
     */
    record Consult(CallId callId, OperatorId from, OperatorId to, Tier tier, String note) implements AcdCommand {}

    /** The consulted operator {@code to} answered the consultation on {@code callId}. */
    record ConsultAnswered(CallId callId, OperatorId to) implements AcdCommand {}

    /** The consulted phone did not take the consultation, or its operator hung up ({@code why}). */
    record ConsultFailed(CallId callId, OperatorId to, String why) implements AcdCommand {}

    /** The first operator hands the held caller to the consulted colleague, who answered. */
    record CompleteTransfer(CallId callId, OperatorId from) implements AcdCommand {}

    /** The first operator ends the consultation and takes the caller back. */
    record CancelConsult(CallId callId, OperatorId from) implements AcdCommand {}

    /** The first operator hung up during the consultation (their phone, not the desk). */
    record ConsultantLeft(CallId callId, OperatorId from) implements AcdCommand {}

    /** The operator calls a pending callback now, ahead of its turn. */
    record CallBackNow(dev.frontline.core.common.CallbackId callbackId, OperatorId operator) implements AcdCommand {}

    record CallbackAnswered(String attemptId) implements AcdCommand {}

    record CallbackAttemptFailed(String attemptId, CallbackOutcome outcome, String detail) implements AcdCommand {}

    /** Time passed: ring and attempt timeouts, wrap-up ends, callbacks fall due, SLA checks, fallback routing. */
    /**
     * The calls carried by {@code backends} are gone (their connections died with the previous process): waiting
     * and ringing callers become callbacks that keep their place (abandoned when no number is known), talking
     * ones end and their operators go to wrap-up.
     */
    record LinesLost(java.util.Set<dev.frontline.core.common.Backend> backends, String reason) implements AcdCommand {}

    record Tick() implements AcdCommand {}
}
