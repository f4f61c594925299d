package dev.frontline.core.call;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;

/**
 * Implemented by each backend: bridge a waiting caller to an operator's phone, or place a callback. The ACD calls
 * it from its own thread, so implementations return at once and report the outcome later through the ACD
 * ({@code operatorAnswered}, {@code ringNoAnswer}, {@code callEnded}, callback outcomes).
 */
public interface CallConnector {

    /**
     * Ring {@code endpoint} (e.g. {@code PJSIP/op100}, {@code sip:op100@pbx}, {@code client:anna}, {@code +3706...})
     * and bridge it to the waiting caller {@code callId}.
     */
    void connect(CallId callId, OperatorId operator, String endpoint);

    /**
     * The offer of {@code callId} to {@code operator} is withdrawn (requeued, moved, or the caller left): a backend
     * that has not dialled that operator yet must not. Ringing already under way ends by the backend's own outcome,
     * which the ACD attributes to this offer. Default: nothing (backends that dial at once).
     */
    default void withdraw(CallId callId, OperatorId operator) {
    }

    /**
     * The call was transferred away from {@code operator} (cold transfer to another line, queue or operator): end that
     * operator's leg and keep the caller on the line, waiting for the next operator (the next {@link #connect}).
     * Default: nothing (backends that move the caller on the next connect).
     */
    default void release(CallId callId, OperatorId operator) {
    }

    /**
     * A supervisor joins {@code operator}'s conversation on {@code callId}: the backend rings
     * {@code supervisorEndpoint} and, when it answers, connects it in {@code mode}. Returns at once.
     *
     * @throws UnsupportedOperationException when the backend cannot (the default)
     * @throws IllegalStateException when the operator is not talking on that call on this backend
     */
    default void spy(CallId callId, OperatorId operator, String supervisorEndpoint,
                     dev.frontline.core.common.SpyMode mode) {
        throw new UnsupportedOperationException("listening in is not available on this line");
    }

    /**
     * The supervisor's phone {@code supervisorEndpoint} leaves {@code operator}'s conversation on {@code callId}.
     * Default: nothing (on a PBX or Twilio the supervisor hangs up their own phone; the desk only stops showing it).
     */
    default void stopSpy(CallId callId, OperatorId operator, String supervisorEndpoint) {
    }

    /**
     * True when this call's line can keep the caller while its operator's leg ends and ring another operator
     * ({@link #release} then {@link #connect}): a cold transfer. Default true (every queued caller's line can); a
     * backend answers false for a callback conversation it cannot keep (ADR 0147).
     */
    default boolean canTransfer(CallId callId) {
        return true;
    }

    /**
     * True when this backend carries {@code callId} now (a live call or an answered callback it keeps in its store):
     * asked by a router that does not know the call, e.g. after a restart (the ACD's replay tells no subscriber).
     * Default false.
     */
    default boolean carries(CallId callId) {
        return false;
    }

    /** True when {@code callId} is a callback conversation: the ACD names them by their attempt id, {@code cb-<n>-<k>}. */
    static boolean isCallback(CallId callId) {
        return callId.value().startsWith("cb-");
    }

    /** True when this call's line can put the caller on hold (see {@link #hold}). */
    default boolean canHold(CallId callId) {
        return false;
    }

    /**
     * The talking {@code operator} holds the caller ({@code on}: the caller hears music, the operator's phone stays
     * connected but hears nothing of the caller) or takes them back. Returns at once.
     */
    default void hold(CallId callId, OperatorId operator, boolean on) {
        throw new UnsupportedOperationException("hold is not available on this line");
    }

    /** The steps of a consultation (warm transfer) a backend carries out; see {@link #consult}. */
    enum ConsultStep {
        /**
         * The ACD decided on the consultation (called on its thread, before {@code to}'s screen-pop): from now on
         * {@code from}'s hang-up is the consulting operator leaving ({@code consultantLeft}), not the call's end.
         * The {@link #RING} follows once the pop is out.
         */
        EXPECT,
        /** The caller is held already: ring {@code to}'s {@code endpoint} and connect it with {@code from}. */
        RING,
        /** Connect the held caller with {@code to} and end {@code from}'s leg. */
        COMPLETE,
        /** End {@code to}'s leg; the caller is taken back by {@code from} (a hold's resume follows). */
        CANCEL,
        /** End {@code to}'s leg (ringing or talking); the caller stays held, waits again, or is gone. */
        DROP
    }

    /** True when this call's line can hold the caller and ring a colleague for a consultation. */
    default boolean canConsult(CallId callId) {
        return false;
    }

    /**
     * One step of a consultation on {@code callId} between the talking {@code from} and the consulted {@code to}
     * ({@code endpoint}: only for {@link ConsultStep#RING}). Returns at once; the consulted leg's outcome goes to the
     * ACD ({@code consultAnswered}, {@code consultFailed}, {@code consultantLeft}).
     */
    default void consult(CallId callId, OperatorId from, OperatorId to, String endpoint, ConsultStep step) {
        throw new UnsupportedOperationException("consult (warm transfer) is not available on this line");
    }

    /**
     * Mutes ({@code on}) or unmutes the {@code operator}'s microphone towards the caller. Returns at once.
     *
     * @throws UnsupportedOperationException when the backend cannot
     * @throws IllegalStateException when the operator is not talking on that call on this backend
     */
    default void mute(CallId callId, OperatorId operator, boolean on) {
        throw new UnsupportedOperationException("mute is not available on this line");
    }

    /**
     * Callback: dial the operator first, then the customer's number, presenting {@code callerId} to the customer.
     * {@code attemptId} identifies the attempt in the outcome reported back.
     */
    void originateCallback(String attemptId, OperatorId operator, String endpoint, String customerNumber, String callerId);

    /**
     * Stops placing callback attempt {@code attemptId} (the ACD withdrew it: its caller is back on the line): hang up
     * whatever legs it has up, the operator's and the customer's, and report nothing more about it (a late report is
     * refused by the ACD anyway). A backend that does not hold the attempt does nothing. Default: nothing.
     */
    default void cancelCallback(String attemptId, OperatorId operator) {
    }
}
