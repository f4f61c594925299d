package dev.frontline.core.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a callback may be tried: not before its window opens, only while the desk is open, retries a fixed pause
 * apart, never after the window closes. Pure.
 */
public final class CallbackSchedule {
    private final BusinessHours hours;
    private final int attempts;
    private final Duration retryInterval;

    public CallbackSchedule(BusinessHours hours, int attempts, Duration retryInterval) {
        this.hours = Objects.requireNonNull(hours, "hours");
        this.attempts = attempts;
        this.retryInterval = Objects.requireNonNull(retryInterval, "retryInterval");
    }

    /** The first moment the callback may be offered; empty when its window has closed already. */
    public Optional<Instant> firstDue(Optional<Instant> windowStart, Optional<Instant> windowEnd, Instant now) {
        Instant t = windowStart.filter(s -> s.isAfter(now)).orElse(now);
        return withinWindow(hours.nextOpening(t), windowEnd);
    }

    /** When to try again after {@code attemptsMade} failed attempts; empty when that was the last one. */
    public Optional<Instant> retryAt(int attemptsMade, Optional<Instant> windowEnd, Instant now) {
        if (attemptsMade >= attempts) {
            return Optional.empty();
        }
        return withinWindow(hours.nextOpening(now.plus(retryInterval)), windowEnd);
    }

    public int attempts() {
        return attempts;
    }

    private static Optional<Instant> withinWindow(Instant t, Optional<Instant> windowEnd) {
        return windowEnd.isPresent() && t.isAfter(windowEnd.get()) ? Optional.empty() : Optional.of(t);
    }
}
