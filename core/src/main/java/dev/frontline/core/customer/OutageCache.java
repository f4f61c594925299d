package dev.frontline.core.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The voice menu's view of the outages: every call that comes in asks for its area's outage, so each area's answer
 * is read from the store at most once per {@code maxAge} (a read on a store that commits every millisecond starts
 * from a cold page cache: a third of an incoming call's work before this cache). A report or resolution made through
 * this instance is seen at once; one made elsewhere (another process such as the CLI, another server) within
 * {@code maxAge}. An answer is also not reused for a moment more than {@code maxAge} away from the one it was read
 * for (a clock moved by a simulation or test). Everything else goes to the store. Thread-safe.
 */
public final class OutageCache implements OutageRepository {
    /** Areas remembered at most; beyond that the memory is emptied (a desk has tens of areas, not thousands). */
    static final int MAX_AREAS = 10_000;

    private record Answer(Optional<Outage> outage, Instant at, long readAtNanos) {}

    private final OutageRepository store;
    private final long maxAgeNanos;
    private final long maxAgeMillis;
    private final LongSupplier nanoTime;
    private final Map<String, Answer> byArea = new ConcurrentHashMap<>();

    public OutageCache(OutageRepository store, Duration maxAge) {
        this(store, maxAge, System::nanoTime);
    }

    OutageCache(OutageRepository store, Duration maxAge, LongSupplier nanoTime) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
        }
        this.store = store;
        this.maxAgeNanos = maxAge.toNanos();
        this.maxAgeMillis = maxAge.toMillis();
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<Outage> activeIn(String area, Instant now) {
        if (area == null) {
            return store.activeIn(null, now);
        }
        Answer a = byArea.get(area);
        if (a != null && nanoTime.getAsLong() - a.readAtNanos() < maxAgeNanos
                && Math.abs(Duration.between(a.at(), now).toMillis()) < maxAgeMillis) {
            return a.outage();
        }
        long readAt = nanoTime.getAsLong();
        Optional<Outage> outage = store.activeIn(area, now);
        if (byArea.size() >= MAX_AREAS) {
            byArea.clear();
        }
        byArea.put(area, new Answer(outage, now, readAt));
        return outage;
    }

    @Override
    public List<Outage> active(Instant now) {
        return store.active(now);
    }

    @Override
    public Outage report(String area, String description, Instant startedAt, Optional<Instant> expectedEnd) {
        try {
            return store.report(area, description, startedAt, expectedEnd);
        } finally {
            byArea.clear();
        }
    }

    @Override
    public void resolve(long id, Instant at) {
        try {
            store.resolve(id, at);
        } finally {
            byArea.clear();
        }
    }
}
