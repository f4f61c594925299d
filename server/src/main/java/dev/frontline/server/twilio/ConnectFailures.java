package dev.frontline.server.twilio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts connects Twilio failed in a row (any call, any operator): how long to hold back the report of the next
 * failure, so that in an outage the ACD's re-offers do not turn into a tight loop of REST requests and screen-pops,
 * and when supervisors are told. A connect Twilio accepted ends the run. Thread-safe.
 */
final class ConnectFailures {
    /** Failures in a row that make an outage worth a supervisor's attention. */
    static final int ALERT_AFTER = 3;
    /** At most one alert this often while the failures go on. */
    static final Duration ALERT_EVERY = Duration.ofMinutes(5);
    static final Duration FIRST_DELAY = Duration.ofMillis(250);
    /**
     * The longest hold-back: the offer stays with the operator meanwhile, so it stays well inside the ACD's ring
     * timer (which also has to cover the REST request and the ring itself).
     */
    static final Duration MAX_DELAY = Duration.ofSeconds(2);

    /** What to do about one failure: report it after {@code delay}; tell supervisors {@code alert} if present. */
    record Outcome(int inARow, Duration delay, Optional<String> alert) {}

    private final Clock clock;
    private int inARow;
    private Instant alertedAt;

    ConnectFailures(Clock clock) {
        this.clock = clock;
    }

    synchronized Outcome failed(String reason) {
        inARow++;
        Duration delay = inARow == 1 ? Duration.ZERO
                : FIRST_DELAY.multipliedBy(1L << Math.min(10, inARow - 2)).compareTo(MAX_DELAY) > 0
                ? MAX_DELAY : FIRST_DELAY.multipliedBy(1L << Math.min(10, inARow - 2));
        Optional<String> alert = Optional.empty();
        Instant now = clock.instant();
        if (inARow >= ALERT_AFTER && (alertedAt == null || !now.isBefore(alertedAt.plus(ALERT_EVERY)))) {
            alertedAt = now;
            alert = Optional.of("Twilio: " + inARow + " connects in a row failed (last: " + reason + "); waiting callers"
                    + " keep their place and operators are not marked missed, but nobody is being connected");
        }
        return new Outcome(inARow, delay, alert);
    }

    synchronized void succeeded() {
        inARow = 0;
        alertedAt = null;
    }
}
