package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.time.Instant;
import java.util.Optional;

/**
 * What the ACD tells the world. Every event is appended to the call event log before listeners see it, and the
 * routing state is rebuilt at start-up by replaying the log: an event carries everything needed to re-apply it.
 * Listeners run on the ACD thread and must not block.
 */
public sealed interface AcdEvent {
    Instant at();

    record CallQueued(CallId callId, QueuedCall call, Instant at) implements AcdEvent {}

    /** The ACD chose {@code operator} for the call: screen-pop now, then ring its {@code endpoint}. */
    record CallOffered(CallId callId, OperatorId operator, String endpoint, Instant at) implements AcdEvent {}

    record CallAnswered(CallId callId, OperatorId operator, Instant at) implements AcdEvent {}

    /** Ring no answer: the call is back in its queue with its original arrival time. */
    record CallRequeued(CallId callId, OperatorId missedBy, Instant at) implements AcdEvent {}

    /** The caller hung up before reaching an operator. */
    record CallAbandoned(CallId callId, Instant at) implements AcdEvent {}

    /** The offered operator's phone started ringing (the backend dialled it): the ring timer counts from {@code at}. */
    record PhoneRinging(CallId callId, OperatorId operator, Instant at) implements AcdEvent {}

    /**
     * The line was cut by the PBX or provider (e.g. {@code core restart now}), not by the caller: the call leaves
     * the ACD without counting as abandoned (a caller with a known number was first given a callback that keeps
     * its place).
     */
    record CallLost(CallId callId, String reason, Instant at) implements AcdEvent {}

    /** The conversation ended; the operator is in wrap-up. */
    record CallEnded(CallId callId, OperatorId operator, Instant at) implements AcdEvent {}

    /** A waiting caller's priority changed (1..3); it keeps its arrival time. */
    record PriorityChanged(CallId callId, int priority, Instant at) implements AcdEvent {}

    /**
     * The call moved to another queue or line (e.g. escalation to line 2): the operator it was offered to or
     * talking with lets it go, and it waits again with its original arrival time.
     */
    record CallTransferred(CallId callId, OperatorId from, Intent intent, Tier tier, OperatorId to, String note,
                           Instant at) implements AcdEvent {
        public CallTransferred(CallId callId, OperatorId from, Intent intent, Tier tier, Instant at) {
            this(callId, from, intent, tier, null, null, at);
        }
    }

    /** The talking operator put the caller on hold (the caller hears music; the operator stays on the call). */
    record CallHeld(CallId callId, OperatorId operator, Instant at) implements AcdEvent {}

    /**
     * The hold ended after {@code heldFor}: the operator took the caller back ({@code taken}), or the call ended or was
     * transferred while held (then nothing is to be taken back on the line).
     */
    record CallResumed(CallId callId, OperatorId operator, java.time.Duration heldFor, boolean taken, Instant at)
            implements AcdEvent {}

    /**
     * Warm transfer: {@code from} holds the caller and the ACD rings {@code to} (at {@code endpoint}) for a
     * consultation; {@code tier} is the line asked for (null: a named colleague), {@code note} the first operator's
     * word. The caller keeps its place, priority and first operator until the transfer is completed.
     */
    record ConsultOffered(CallId callId, OperatorId from, OperatorId to, String endpoint, Tier tier, String note,
                          Instant at) implements AcdEvent {}

    /** The consulted operator answered: the two operators talk, the caller still holds. */
    record ConsultAnswered(CallId callId, OperatorId to, Instant at) implements AcdEvent {}

    /**
     * The consultation ended ({@code outcome}; {@code detail} says why in English). {@code COMPLETED}: the caller's
     * operator is {@code to} from now on.
     */
    record ConsultEnded(CallId callId, OperatorId from, OperatorId to, ConsultOutcome outcome, String detail,
                        Instant at) implements AcdEvent {}

    /**
     * A callback was accepted. {@code dueAt} is when it may first be offered (its window start, or the next
     * opening after hours); its place in line is {@code request.originalArrivedAt()}.
     */
    record CallbackQueued(CallbackId callbackId, Optional<CallId> fromCall, String number, CallbackRequest request,
                          Instant dueAt, Instant at) implements AcdEvent {}

    /**
     * A callback's turn came: the operator's desktop shows it, then the system dials operator then customer
     * ({@link dev.frontline.core.call.CallConnector#originateCallback}). {@code attempt} counts from 1.
     */
    record CallbackOffered(CallbackId callbackId, OperatorId operator, String attemptId, int attempt, String endpoint,
                           String number, Instant at) implements AcdEvent {}

    /** Operator and customer are connected; the conversation is {@code new CallId(attemptId)} from now on. */
    record CallbackAnswered(CallbackId callbackId, String attemptId, OperatorId operator, Instant at) implements AcdEvent {}

    /**
     * One attempt failed. {@code nextAttemptAt} is set when another attempt will follow; empty when it was the last
     * (a {@link CallbackFailed} follows).
     */
    record CallbackAttemptFailed(CallbackId callbackId, String attemptId, OperatorId operator, int attempt,
                                 CallbackOutcome outcome, String detail, Optional<Instant> nextAttemptAt,
                                 Instant at) implements AcdEvent {}

    /** Every attempt failed (or the window closed): the customer is told by SMS. */
    record CallbackFailed(CallbackId callbackId, CallbackRequest request, String why, Instant at) implements AcdEvent {}

    /**
     * The caller whose place a callback kept (its line was lost) is back on the line before the callback was placed
     * (issue 23: its FastAGI session died with a server and the dialplan brought it to the other one): the callback
     * is dropped and the caller waits live with its original place. No SMS: nobody is let down.
     */
    record CallbackWithdrawn(CallbackId callbackId, CallId callId, String why, Instant at) implements AcdEvent {}

    record OperatorStateChanged(OperatorId operator, OperatorState state, String reason, Instant at) implements AcdEvent {}

    /**
     * A logged-in operator's account changed: routing reads it again from the {@link OperatorDirectory}, as at
     * login (so a replay reads the account as it is then, as a replayed login does).
     */
    record OperatorProfileChanged(OperatorId operator, Instant at) implements AcdEvent {}

    /** The operator's phone registered or went away (PBX device state); unregistered phones are not offered calls. */
    record PhoneRegistration(OperatorId operator, boolean registered, Instant at) implements AcdEvent {}

    /** A target was missed (e.g. a line-1 caller waited longer than 30 s). Raised once per waiting caller. */
    /**
     * A service target was missed: {@code target} says which in English (logs, the API); {@code kind} and
     * {@code limit} say it for a desk to word in its own language (null in events logged before they existed).
     */
    record SlaBreached(Tier tier, String queue, String target, CallId callId, Instant at, SlaKind kind,
                       java.time.Duration limit) implements AcdEvent {}

    /** Which target a {@link SlaBreached} missed. */
    enum SlaKind {
        /** A caller waited on the line longer than {@code desk.targets.on-line}. */
        ON_LINE,
        /** A callback was not made within its tier's target. */
        CALLBACK
    }

    /** A command could not be applied (unknown call or operator, wrong state); nothing changed. */
    record CommandRejected(String command, String reason, Instant at) implements AcdEvent {}
}
