package dev.frontline.core.acd;

import dev.frontline.core.callback.BusinessHours;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A standby's copy of the routing state (issue 23, ADR 0140): it restores the newest snapshot and then follows the
 * log, applying every committed event exactly as a replay at start-up does ({@link Router#replay}: no routing, no
 * timers, no side effects, no writes). It reads the new events when {@link #logGrew} is told of them (the store's
 * notification) and every {@code pollEvery} in any case, so a lost notification costs at most that long. When this
 * server is elected, {@link AcdService#takeOver} takes the state and reads only the events after {@link #covers}.
 * Thread-safe: one thread of its own reads the log; the other methods may be called from any thread.
 */
public final class WarmStandby implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WarmStandby.class);

    private final AcdConfig config;
    private final OperatorDirectory directory;
    private final BusinessHours hours;
    private final AcdEventLog eventLog;
    private final Duration pollEvery;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Owned by {@link #thread}; null before the first load and after a failed read (the next read loads again). */
    private Router router;
    private Instant lastEventAt;
    private volatile long covers = -1;
    private volatile long followed;
    private volatile boolean handedOver;

    public WarmStandby(AcdConfig config, OperatorDirectory directory, BusinessHours hours, AcdEventLog eventLog,
                       Duration pollEvery) {
        if (!eventLog.keepsSnapshots()) {
            throw new IllegalArgumentException("a warm standby needs a log with positions (JDBC), not " + eventLog);
        }
        if (pollEvery.isNegative() || pollEvery.isZero()) {
            throw new IllegalArgumentException("pollEvery must be positive, not " + pollEvery);
        }
        this.config = config;
        this.directory = directory;
        this.hours = hours;
        this.eventLog = eventLog;
        this.pollEvery = pollEvery;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "acd-warm-standby");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads the newest snapshot and the events after it (on its thread; returns once that first read is done or has
     * failed, so whoever starts listening afterwards knows the standby is warm), then follows the log.
     */
    public WarmStandby start() {
        CompletableFuture<Void> first = CompletableFuture.runAsync(this::follow, thread);
        thread.scheduleWithFixedDelay(this::follow, pollEvery.toMillis(), pollEvery.toMillis(), TimeUnit.MILLISECONDS);
        first.join();
        return this;
    }

    /** The log holds events up to position {@code upTo} (a notification): reads them soon unless it already has. */
    public void logGrew(long upTo) {
        if (upTo > covers && !handedOver && wakeQueued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    wakeQueued.set(false);
                    follow();
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                wakeQueued.set(false);
            }
        }
    }

    /** The position of the last event applied; -1 before the first load. */
    public long covers() {
        return covers;
    }

    /** How many events were applied after the first load (the snapshot's tail included), for tests and logs. */
    public long followed() {
        return followed;
    }

    /** Reads the new events. Never throws: a failed read is logged and the next one starts again from the store. */
    private void follow() {
        if (handedOver) {
            return;
        }
        try {
            if (router == null) {
                AcdSnapshots.Loaded l = AcdSnapshots.load(config, directory, hours, eventLog);
                router = l.router();
                lastEventAt = l.lastEventAt();
                covers = l.covers();
                log.info("warm standby: state from {} and {} events after it, up to event {}", l.from(), l.tail(),
                        l.covers());
                return;
            }
            long[] n = {0};
            covers = eventLog.replayAfter(covers, e -> {
                router.replay(e);
                lastEventAt = e.at();
                n[0]++;
            });
            followed += n[0];
        } catch (RuntimeException e) {
            router = null; // half-applied: load again rather than apply an event twice
            log.warn("warm standby: cannot follow the log (will load again): {}", e.getMessage());
        }
    }

    /**
     * Stops following and hands the state over (the caller then reads the events after {@code covers}); after this
     * the standby does nothing. Blocks until its thread has finished the read in progress.
     */
    AcdSnapshots.Loaded handOver() {
        CompletableFuture<AcdSnapshots.Loaded> done = CompletableFuture.supplyAsync(() -> {
            handedOver = true;
            if (router == null) {
                AcdSnapshots.Loaded l = AcdSnapshots.load(config, directory, hours, eventLog);
                return new AcdSnapshots.Loaded(l.router(), l.covers(), 0, l.lastEventAt(), l.from());
            }
            Router r = router;
            router = null;
            return new AcdSnapshots.Loaded(r, covers, 0, lastEventAt, "the warm standby's state (up to event "
                    + covers + ")");
        }, thread);
        try {
            return done.join();
        } finally {
            thread.shutdownNow();
        }
    }

    /** {@code f} of the followed state, run on its thread (tests compare it with a replay of the leader's log). */
    <T> T read(java.util.function.Function<Router, T> f) {
        return CompletableFuture.supplyAsync(() -> {
            if (router == null) {
                throw new IllegalStateException("the warm standby holds no state (not loaded yet, or handed over)");
            }
            return f.apply(router);
        }, thread).join();
    }

    @Override
    public void close() {
        handedOver = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
