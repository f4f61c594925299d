package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.time.Instant;

/**
 * What the ACD tells the world. Every event is appended to the call event log before listeners see it.
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

    /** The conversation ended; the operator is in wrap-up. */
    record CallEnded(CallId callId, OperatorId operator, Instant at) implements AcdEvent {}

    record CallbackQueued(CallbackId callbackId, CallId fromCall, String number, Instant at) implements AcdEvent {}

    /** A callback's turn came: the operator's desktop shows it, then the system dials operator then customer. */
    record CallbackOffered(CallbackId callbackId, OperatorId operator, String attemptId, Instant at) implements AcdEvent {}

    record OperatorStateChanged(OperatorId operator, OperatorState state, String reason, Instant at) implements AcdEvent {}

    /** A target was missed (e.g. a line-1 caller waited longer than 30 s). */
    record SlaBreached(Tier tier, String queue, String target, CallId callId, Instant at) implements AcdEvent {}
}
