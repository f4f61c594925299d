package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Tier;

import java.time.Duration;
import java.util.Optional;

/** The ACD as the voice menu sees it: queue a caller, tell it where it stands, let it go or keep its place. */
public interface CallQueue {

    /**
     * Queues the call and returns once its {@code CallQueued} event is committed to the store's log (or it was
     * already queued).
     *
     * @throws NotConfirmed when the event is not durably logged: the caller must not be told "queued"
     */
    void enqueue(QueuedCall call);

    /** Position and estimate of a waiting caller; empty when the call is not waiting. */
    Optional<QueueStatus> status(CallId callId);

    /**
     * As {@link #status}, after the commands already given (e.g. this caller's {@link #enqueue}) were routed, waiting
     * at most {@code max}: what a caller who has just joined is told.
     */
    default Optional<QueueStatus> statusAfterPending(CallId callId, Duration max) {
        return status(callId);
    }

    /**
     * The wait a new caller with this intent, priority and tier would face now (for "long wait: take a callback?"
     * before queueing); empty when the ACD cannot tell.
     */
    Optional<Duration> estimateWait(Intent intent, int priority, Tier tier);

    /** The caller hung up: abandoned when waiting, ended when talking. */
    void callerHungUp(CallId callId);

    /**
     * The PBX or provider cut the call (a restart, a lost trunk), not the caller: a waiting caller with a known number
     * keeps its place as a callback; it is not counted as abandoned. Default: as a hang-up.
     */
    default void lineLost(CallId callId, String reason) {
        callerHungUp(callId);
    }

    /**
     * Virtual hold: the caller hangs up but keeps its place; it will be called back on {@code number}. Returns once
     * the callback is committed to the store's log.
     *
     * @throws NotConfirmed when it is not (the store cannot write, or the ACD refused: the call is not waiting)
     */
    void keepPlaceByCallback(CallId callId, String number);

    /**
     * A scheduled or after-hours callback (IVR, web form, operator); served with live callers by its place. Returns
     * once its {@code CallbackQueued} event is committed to the store's log.
     *
     * @throws NotConfirmed when it is not: nobody may be told "callback confirmed"
     */
    void requestCallback(CallbackRequest request);

    /**
     * As {@link #requestCallback(CallbackRequest)}, and commits {@code with} in the same transaction as the
     * callback's event: both or neither (the web form's ticket and note).
     *
     * @throws NotConfirmed when they are not committed
     * @throws UnsupportedOperationException from a queue that cannot commit joint writes
     */
    default void requestCallback(CallbackRequest request, JointWrite with) {
        throw new UnsupportedOperationException("this queue cannot commit a callback with another write");
    }
}
