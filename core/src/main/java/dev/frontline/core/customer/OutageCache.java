package dev.frontline.core.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * The voice menu's view of the outages: every call that comes in asks for its area's outage, so each area's answer
 * is kept and read again in the background once it is older than {@code maxAge}; the call that notices the age gets
 * the answer it finds, the next ones the fresh one (a read on a store that commits every millisecond starts from a
 * cold page cache: the calls that paid it were the slowest webhooks). So an outage reported by another process
 * (the CLI, another server) is announced within about {@code maxAge} and one call; one reported or resolved through
 * this instance at once. Only the first question about an area, or one about a moment more than {@link #CLOCK_JUMP}
 * away from the one its answer was read for (a simulation's clock), waits for the store. Everything else goes to the
 * store. Thread-safe; {@link #close} stops the background reads.
 */
public final class OutageCache implements OutageRepository, AutoCloseable {
    /** Areas remembered at most; beyond that the memory is emptied (a desk has tens of areas, not thousands). */
    static final int MAX_AREAS = 10_000;
    /** A question this far from the moment an answer was read for is answered from the store. */
    static final Duration CLOCK_JUMP = Duration.ofMinutes(1);

    private record Answer(Optional<Outage> outage, Instant at, long readAtNanos) {}

    private final OutageRepository store;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Executor background;
    private final ExecutorService owned;
    private final Map<String, Answer> byArea = new ConcurrentHashMap<>();
    private final Set<String> reading = ConcurrentHashMap.newKeySet();

    public OutageCache(OutageRepository store, Duration maxAge) {
        this(store, maxAge, System::nanoTime, null);
    }

    /** With {@code background} null, a daemon thread of its own reads in the background. */
    OutageCache(OutageRepository store, Duration maxAge, LongSupplier nanoTime, Executor background) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
        }
        this.store = store;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
        this.owned = background == null ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outage-cache");
            t.setDaemon(true);
            return t;
        }) : null;
        this.background = background == null ? owned : background;
    }

    @Override
    public Optional<Outage> activeIn(String area, Instant now) {
        if (area == null) {
            return store.activeIn(null, now);
        }
        Answer a = byArea.get(area);
        if (a == null || Duration.between(a.at(), now).abs().compareTo(CLOCK_JUMP) >= 0) {
            return read(area, now).outage();
        }
        if (nanoTime.getAsLong() - a.readAtNanos() >= maxAgeNanos && reading.add(area)) {
            try {
                background.execute(() -> {
                    try {
                        read(area, now);
                    } finally {
                        reading.remove(area);
                    }
                });
            } catch (RejectedExecutionException closed) {
                reading.remove(area);
            }
        }
        return a.outage();
    }

    private Answer read(String area, Instant now) {
        long readAt = nanoTime.getAsLong();
        Answer a = new Answer(store.activeIn(area, now), now, readAt);
        if (byArea.size() >= MAX_AREAS) {
            byArea.clear();
        }
        byArea.put(area, a);
        return a;
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

    @Override
    public void extend(long id, Instant expectedEnd) {
        try {
            store.extend(id, expectedEnd);
        } finally {
            byArea.clear();
        }
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
