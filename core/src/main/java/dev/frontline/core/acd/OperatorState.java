package dev.frontline.core.acd;

/** An operator's state as routing sees it. Only {@link #READY} operators are offered calls. */
public enum OperatorState {
    OFFLINE, READY, RINGING, TALKING, WRAP_UP, BREAK,
    /** Did not answer an offered call (ring no answer); not offered calls until the operator sets Ready again. */
    MISSED
}
