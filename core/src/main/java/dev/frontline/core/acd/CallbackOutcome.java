package dev.frontline.core.acd;

/** How a callback attempt ended, as the backend reports it. */
public enum CallbackOutcome {
    /** The operator's phone did not answer: the operator goes to MISSED, the attempt does not count. */
    OPERATOR_NO_ANSWER,
    CUSTOMER_NO_ANSWER,
    CUSTOMER_BUSY,
    /** Dialling failed (bad number, trunk down). */
    FAILED,
    /** Nobody reported back in time. */
    TIMEOUT,
    /**
     * The ACD withdrew the attempt while it was being placed: its caller came back on the line (issue 23). Its legs
     * are hung up; it does not count and is nobody's fault.
     */
    WITHDRAWN
}
