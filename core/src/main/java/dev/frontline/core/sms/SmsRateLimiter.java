package dev.frontline.core.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sliding-window limits on texts per customer and per destination number (SMS pumping). Pure: time comes from the
 * {@link Clock}, history from {@link #record}. Thread-safe (one lock; the work per call is tiny).
 */
public final class SmsRateLimiter {

    /** The two limits over one window, e.g. 3 per customer and 5 per number per hour. */
    public record Limits(int perCustomer, int perNumber, Duration window) {
        public Limits {
            if (perCustomer < 1 || perNumber < 1) {
                throw new IllegalArgumentException("limits must be >= 1");
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be > 0");
            }
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final Map<String, Deque<Instant>> sent = new HashMap<>();

    public SmsRateLimiter(Limits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Takes one send from both budgets, or neither.
     *
     * @param customer empty for a text not tied to a customer (only the number limit applies)
     * @return empty when allowed (and counted), otherwise why it was refused
     */
    public synchronized Optional<String> tryAcquire(Optional<String> customer, String number) {
        Instant now = clock.instant();
        if (customer.isPresent() && count(customerKey(customer.get()), now) >= limits.perCustomer()) {
            return Optional.of("at most " + limits.perCustomer() + " texts per customer per " + human(limits.window()));
        }
        if (count(numberKey(number), now) >= limits.perNumber()) {
            return Optional.of("at most " + limits.perNumber() + " texts per number per " + human(limits.window()));
        }
        customer.ifPresent(c -> add(customerKey(c), now));
        add(numberKey(number), now);
        return Optional.empty();
    }

    /** Counts an earlier send (e.g. read from the SMS log at start-up) against both budgets. */
    public synchronized void record(Optional<String> customer, String number, Instant at) {
        customer.ifPresent(c -> add(customerKey(c), at));
        add(numberKey(number), at);
    }

    private int count(String key, Instant now) {
        Deque<Instant> times = sent.get(key);
        if (times == null) {
            return 0;
        }
        Instant cutoff = now.minus(limits.window());
        times.removeIf(t -> !t.isAfter(cutoff));
        if (times.isEmpty()) {
            sent.remove(key);
            return 0;
        }
        return times.size();
    }

    private void add(String key, Instant at) {
        sent.computeIfAbsent(key, k -> new ArrayDeque<>()).add(at);
    }

    private static String customerKey(String customer) {
        return "c:" + customer;
    }

    private static String numberKey(String number) {
        return "n:" + number;
    }

    private static String human(Duration d) {
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() == 1 ? "hour" : d.toHours() + " hours";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + " minutes";
        }
        return d.toSeconds() + " seconds";
    }
}
