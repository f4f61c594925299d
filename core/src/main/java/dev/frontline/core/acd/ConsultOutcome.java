package dev.frontline.core.acd;

/** How a consultation (warm transfer) ended; see {@link AcdEvent.ConsultEnded}. */
public enum ConsultOutcome {
    /** The caller now talks to the consulted operator; the first one wraps up. */
    COMPLETED,
    /** The first operator cancelled: the caller is back with them. */
    CANCELLED,
    /** The consulted phone did not answer (ring timeout, busy, unavailable): the caller is back with the first. */
    NOT_ANSWERED,
    /** The consulted operator hung up before the transfer was completed: the caller is back with the first. */
    TARGET_LEFT,
    /** The first operator hung up before the consulted one answered: the caller waits in its queue again. */
    CONSULTANT_LEFT,
    /** The caller hung up: both operators are released. */
    CALLER_LEFT;

    /** True when the caller is taken back by the first operator. */
    public boolean callerBack() {
        return this == CANCELLED || this == NOT_ANSWERED || this == TARGET_LEFT;
    }
}
