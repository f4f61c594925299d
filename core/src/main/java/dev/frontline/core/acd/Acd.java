package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.util.function.Consumer;

/**
 * The automatic call distributor: the IVR's {@link CallQueue} plus what backends, desktops and the PBX tell it.
 * Commands are queued to the routing thread and return at once; their effects show as {@link AcdEvent}s.
 * Thread-safe.
 */
public interface Acd extends CallQueue {

    // --- from the backends ---
    void operatorAnswered(CallId callId);

    void ringNoAnswer(CallId callId);

    /** {@code operator} answered the call offered to it (a late answer of an earlier offer still gets the call). */
    void operatorAnswered(CallId callId, OperatorId operator);

    /**
     * {@code operator}'s phone did not take the call ({@code why}: "ring no answer", "phone busy", ...); ignored
     * when the call is no longer offered to that operator (nobody is blamed for someone else's ring).
     */
    void ringNoAnswer(CallId callId, OperatorId operator, String why);

    /** The backend started ringing {@code operator}'s phone for the call: the ring timer counts from now. */
    void phoneRinging(CallId callId, OperatorId operator);

    /**
     * The backend could not ring the offered operator's phone because the provider failed (e.g. Twilio answered 500
     * or timed out): not the operator's miss. The offer is withdrawn, the caller keeps its place, the operator stays
     * ready (it may be offered the call again: the backend spaces out its attempts).
     */
    void connectFailed(CallId callId, String reason);

    /** The conversation ended (either side hung up); the operator goes to wrap-up. */
    void callEnded(CallId callId);

    // --- from desktops ---
    void setOperatorState(OperatorId operator, OperatorState state, String reason);

    void endWrapUp(OperatorId operator);

    /** An operator calls a pending callback now, ahead of its turn (offered to that operator). */
    void callBackNow(CallbackId callback, OperatorId operator);

    /** A waiting (or ringing) caller's priority changes; it keeps its place in time. */
    void changePriority(CallId callId, int priority);

    /**
     * Moves an offered or connected call to another queue ({@code intent}) and/or line ({@code tier}); null keeps
     * the current one. The caller keeps its original arrival time; the operator goes to wrap-up.
     */
    void transfer(CallId callId, Intent intent, Tier tier);

    /**
     * A transfer to a named operator: the call is kept for {@code to} (offered at once when they are ready) for
     * 30 s, then offered to anyone on its line as usual; {@code note} goes with it.
     */
    default void transfer(CallId callId, Intent intent, Tier tier, OperatorId to, String note) {
        throw new UnsupportedOperationException("transfer to a named operator is not available here");
    }

    /**
     * The talking {@code operator} puts the caller on hold ({@code on}: music for the caller, the operator stays on
     * the call) or takes them back; the held time is logged ({@code CallResumed}).
     *
     * @throws UnsupportedOperationException when the call's line cannot hold (the desk is told so)
     */
    default void hold(CallId callId, OperatorId operator, boolean on) {
        throw new UnsupportedOperationException("hold is not available");
    }

    /**
     * Warm transfer: the talking {@code from} holds the caller and the ACD rings a ready colleague for a consultation:
     * the named {@code to}, else the longest-ready operator of line {@code tier}. Refused (a {@code CommandRejected})
     * when nobody fits; the caller keeps its place and priority throughout.
     *
     * @throws UnsupportedOperationException when the call's line cannot consult (the desk is told so)
     */
    default void consult(CallId callId, OperatorId from, OperatorId to, Tier tier, String note) {
        throw new UnsupportedOperationException("consult (warm transfer) is not available");
    }

    /** The consulted operator answered. */
    default void consultAnswered(CallId callId, OperatorId to) {
        throw new UnsupportedOperationException("consult (warm transfer) is not available");
    }

    /** The consulted phone did not take the consultation ({@code why}), or its operator hung up. */
    default void consultFailed(CallId callId, OperatorId to, String why) {
        throw new UnsupportedOperationException("consult (warm transfer) is not available");
    }

    /** {@code from} hands the caller to the colleague they consulted (who answered); {@code from} wraps up. */
    default void completeTransfer(CallId callId, OperatorId from) {
        throw new UnsupportedOperationException("consult (warm transfer) is not available");
    }

    /** {@code from} ends the consultation and takes the caller back. */
    default void cancelConsult(CallId callId, OperatorId from) {
        throw new UnsupportedOperationException("consult (warm transfer) is not available");
    }

    /**
     * {@code from} hung up during the consultation: the transfer completes when the colleague answered, else the
     * caller waits in its queue again with its original place and priority.
     */
    default void consultantLeft(CallId callId, OperatorId from) {
        throw new UnsupportedOperationException("consult (warm transfer) is not available");
    }

    /**
     * The operator's account changed in the store (queues, lines, languages, phone): a logged-in operator is
     * routed by the new one at once, a logged-out one at the next login anyway.
     */
    void operatorProfileChanged(OperatorId operator);

    // --- from the PBX ---
    /** The operator's phone registered or went away; an unregistered phone is not offered calls. */
    void setPhoneRegistered(OperatorId operator, boolean registered);

    // --- callback outcomes, from the backends ---
    /** Operator and customer are talking; the conversation ends with {@code callEnded(new CallId(attemptId))}. */
    void callbackAnswered(String attemptId);

    void callbackFailed(String attemptId, CallbackOutcome outcome, String detail);

    // --- observation ---
    /** The live picture (queues, operators, waiting callers), at most one command old. */
    AcdSnapshot snapshot();

    /**
     * Returns once the commands submitted before the call are routed, so {@link #snapshot()} shows them (a desk's
     * picture of the operators follows the ACD by a moment). Default: nothing to wait for.
     */
    default void awaitCommands() {
    }

    /** Registers a listener; it runs on the routing thread and must not block. Closing unsubscribes. */
    AutoCloseable subscribe(Consumer<AcdEvent> listener);

    /**
     * After a restart: the calls on {@code backends} lost their connection with the old process. Waiting and
     * ringing callers keep their place as callbacks; conversations end. Called once at start-up by the server.
     */
    void linesLost(java.util.Set<dev.frontline.core.common.Backend> backends, String reason);
}
