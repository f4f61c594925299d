package dev.frontline.core.api;

/**
 * The one rounding of an estimated wait that callers are told, by voice ("about 2 minutes") and on the test phone's
 * status line: whole minutes, to the nearest, at least one.
 */
public final class WaitMinutes {
    private WaitMinutes() {
    }

    /** {@code seconds} as the minutes a caller is told: 61 s is 1, 90 s is 2, 0 s is 1. */
    public static long of(long seconds) {
        return Math.max(1, Math.round(Math.max(0, seconds) / 60.0));
    }
}
