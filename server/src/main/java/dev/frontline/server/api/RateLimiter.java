package dev.frontline.server.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/** At most {@code max} events per key in a sliding {@code window}. Thread-safe. */
public final class RateLimiter {
    private final Clock clock;
    private final int max;
    private final Duration window;
    private final ConcurrentHashMap<String, Deque<Instant>> events = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock, int max, Duration window) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1");
        }
        this.clock = clock;
        this.max = max;
        this.window = window;
    }

    /** Counts one event for {@code key}; false (and not counted) when the key is over its limit. */
    public boolean tryAcquire(String key) {
        Instant now = clock.instant();
        Deque<Instant> q = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            prune(q, now);
            if (q.size() >= max) {
                return false;
            }
            q.addLast(now);
            return true;
        }
    }

    /** Seconds until {@code key} may try again (0 when it may now). */
    public long retryAfterSeconds(String key) {
        Deque<Instant> q = events.get(key);
        if (q == null) {
            return 0;
        }
        Instant now = clock.instant();
        synchronized (q) {
            prune(q, now);
            if (q.size() < max) {
                return 0;
            }
            return Math.max(1, Duration.between(now, q.peekFirst().plus(window)).toSeconds());
        }
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant cutoff = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(cutoff)) {
            q.pollFirst();
        }
    }
}
