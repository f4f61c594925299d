package dev.frontline.core.customer;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Spots technical calls clustering in one service area: when {@code calls} of them arrive within {@code within}, an
 * outage there is suggested, at most once per area per {@code quiet}. Pure and deterministic (times come with the
 * calls); not thread-safe: feed it from one thread.
 */
public final class OutageClusters {

    /**
     * {@code outages:} when to suggest an outage.
     *
     * @param calls  technical calls from one area (default 5, 2..1000)
     * @param within in this many minutes (default 10m)
     * @param quiet  at most one suggestion per area in this long (default 1h)
     */
    public record Settings(int calls, Duration within, Duration quiet) {
        public static final Settings DEFAULTS = new Settings(5, Duration.ofMinutes(10), Duration.ofHours(1));

        public Settings {
            Objects.requireNonNull(within, "within");
            Objects.requireNonNull(quiet, "quiet");
            if (calls < 2) throw new IllegalArgumentException("calls must be at least 2, not " + calls);
            if (within.isZero() || within.isNegative()) throw new IllegalArgumentException("within must be positive");
        }

        /** @throws ConfigException naming the key */
        public static Settings from(ConfigNode n) {
            int calls = n.integer("suggest-after-calls", DEFAULTS.calls(), 2, 1000);
            Duration within = n.duration("suggest-within", DEFAULTS.within());
            if (within.isZero()) throw new ConfigException(n.key("suggest-within"), "must be longer than 0");
            Duration quiet = n.duration("suggest-at-most-every", DEFAULTS.quiet());
            n.rejectUnknownKeys();
            return new Settings(calls, within, quiet);
        }
    }

    private final Settings settings;
    private final Map<String, Deque<Instant>> recent = new HashMap<>();
    private final Map<String, Instant> lastSuggested = new HashMap<>();

    public OutageClusters(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Counts a technical call from {@code area} at {@code at}.
     *
     * @return how many calls from the area fell within the window, when an outage should be suggested now
     */
    public OptionalInt technicalCall(String area, Instant at) {
        Deque<Instant> q = recent.computeIfAbsent(area, a -> new ArrayDeque<>());
        q.addLast(at);
        Instant from = at.minus(settings.within());
        while (!q.isEmpty() && q.peekFirst().isBefore(from)) q.removeFirst();
        if (q.size() < settings.calls()) return OptionalInt.empty();
        Instant last = lastSuggested.get(area);
        if (last != null && at.isBefore(last.plus(settings.quiet()))) return OptionalInt.empty();
        lastSuggested.put(area, at);
        return OptionalInt.of(q.size());
    }

    public Settings settings() {
        return settings;
    }
}
