package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The automatic call distributor. Commands are queued to the routing thread and return at once; their effects
 * show as {@link AcdEvent}s. Thread-safe.
 */
public interface Acd {

    // --- from the IVR ---
    void enqueue(QueuedCall call);

    /** Position and estimate of a waiting caller; empty when the call is not waiting. */
    Optional<QueueStatus> status(CallId callId);

    /**
     * The wait a new caller with this intent, priority and tier would face now (for "long wait: take a callback?"
     * before queueing); empty when the ACD cannot tell.
     */
    default Optional<java.time.Duration> estimateWait(Intent intent, int priority, Tier tier) {
        return Optional.empty();
    }

    /** The caller hung up: abandoned when waiting, ended when talking. */
    void callerHungUp(CallId callId);

    /** Virtual hold: the caller hangs up but keeps its place; it will be called back on {@code number}. */
    void keepPlaceByCallback(CallId callId, String number);

    /** A scheduled or after-hours callback (IVR, web form, operator); served with live callers by its place. */
    void requestCallback(CallbackRequest request);

    // --- from the backends ---
    void operatorAnswered(CallId callId);

    void ringNoAnswer(CallId callId);

    /** The conversation ended (either side hung up); the operator goes to wrap-up. */
    void callEnded(CallId callId);

    // --- from desktops ---
    void setOperatorState(OperatorId operator, OperatorState state, String reason);

    void endWrapUp(OperatorId operator);

    /** An operator calls a pending callback now, ahead of its turn (offered to that operator). */
    default void callBackNow(CallbackId callback, OperatorId operator) {
        throw new UnsupportedOperationException("call back now is not supported by this ACD");
    }

    /** A waiting (or ringing) caller's priority changes; it keeps its place in time. */
    default void changePriority(CallId callId, int priority) {
        throw new UnsupportedOperationException("changePriority is not supported by " + getClass().getName());
    }

    /**
     * Moves an offered or connected call to another queue ({@code intent}) and/or line ({@code tier}); null keeps
     * the current one. The caller keeps its original arrival time; the operator goes to wrap-up.
     */
    default void transfer(CallId callId, Intent intent, Tier tier) {
        throw new UnsupportedOperationException("transfer is not supported by " + getClass().getName());
    }

    // --- from the PBX ---
    /** The operator's phone registered or went away; an unregistered phone is not offered calls. */
    default void setPhoneRegistered(OperatorId operator, boolean registered) {
        throw new UnsupportedOperationException("setPhoneRegistered is not supported by " + getClass().getName());
    }

    // --- callback outcomes, from the backends ---
    /** Operator and customer are talking; the conversation ends with {@code callEnded(new CallId(attemptId))}. */
    default void callbackAnswered(String attemptId) {
        throw new UnsupportedOperationException("callbackAnswered is not supported by " + getClass().getName());
    }

    default void callbackFailed(String attemptId, CallbackOutcome outcome, String detail) {
        throw new UnsupportedOperationException("callbackFailed is not supported by " + getClass().getName());
    }

    // --- observation ---
    /** The live picture (queues, operators, waiting callers), at most one command old. */
    default AcdSnapshot snapshot() {
        throw new UnsupportedOperationException("snapshot is not supported by " + getClass().getName());
    }

    /** Registers a listener; it runs on the routing thread and must not block. Closing unsubscribes. */
    AutoCloseable subscribe(Consumer<AcdEvent> listener);

    /**
     * After a restart: the calls on {@code backends} lost their connection with the old process. Waiting and
     * ringing callers keep their place as callbacks; conversations end. Called once at start-up by the server.
     */
    default void linesLost(java.util.Set<dev.frontline.core.common.Backend> backends, String reason) {
        throw new UnsupportedOperationException("linesLost is not supported by " + getClass().getName());
    }
}
