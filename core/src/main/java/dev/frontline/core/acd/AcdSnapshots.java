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

/**
 * Issue 23's snapshots of the routing state. {@link #load} rebuilds a {@link Router} from the newest readable snapshot
 * plus the events after it (an unreadable one, corrupt or of another format or settings, is logged and the previous
 * one tried; with none, the whole log is replayed). {@link #start} then follows the log on a thread of its own: a
 * second router, fed only by replaying what the log holds, is written as a snapshot after
 * {@code acd.snapshot-every.events} new events or {@code .time}; the routing thread never waits for it. Because
 * the follower only replays committed events, a snapshot covering position {@code n} is exactly the state a replay
 * of the log up to {@code n} gives. The store refuses the write of a server that is no longer the leader (the same
 * fence as appends). Thread-safe.
 */
final class AcdSnapshots implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AcdSnapshots.class);
    /** Snapshots kept in the store: the newest and two older ones to fall back on. */
    static final int KEEP = 3;
    /**
     * How far before its last event a snapshot drops statistics a tick would drop: events after it (even stamped by
     * another server's clock, a little behind) must not be older than that.
     */
    static final Duration PRUNE_MARGIN = Duration.ofMinutes(10);
    /** How often the follower reads the log's new events. */
    static final Duration FOLLOW_EVERY = Duration.ofSeconds(1);

    static final String WHOLE_LOG = "the whole log";

    /** A rebuilt router: {@code covers} is the position of the last event in it, {@code tail} how many were replayed. */
    record Loaded(Router router, long covers, long tail, Instant lastEventAt, String from) {}

    private final AcdConfig config;
    private final OperatorDirectory directory;
    private final BusinessHours hours;
    private final AcdEventLog eventLog;
    private final ScheduledExecutorService thread;
    /** Owned by {@link #thread}. */
    private Router follower;
    private long covers;
    private long pending;
    private Instant lastEventAt;
    private long lastWrite = System.nanoTime();

    AcdSnapshots(AcdConfig config, OperatorDirectory directory, BusinessHours hours, AcdEventLog eventLog) {
        this.config = config;
        this.directory = directory;
        this.hours = hours;
        this.eventLog = eventLog;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "acd-snapshots");
            t.setDaemon(true);
            return t;
        });
    }

    /** Newest readable snapshot plus the events after it; the whole log when there is none. */
    static Loaded load(AcdConfig config, OperatorDirectory directory, BusinessHours hours, AcdEventLog eventLog) {
        if (eventLog.keepsSnapshots()) {
            for (AcdEventLog.StoredSnapshot s : eventLog.snapshots()) {
                Router router;
                try {
                    router = Router.restore(config, directory, hours, s.read());
                } catch (RuntimeException e) {
                    log.warn("ACD snapshot {} (up to event {}) cannot be used, trying an older one: {}", s.id(),
                            s.covers(), e.getMessage());
                    continue;
                }
                return replayTail(router, s.covers(), eventLog, "snapshot " + s.id() + " (up to event " + s.covers() + ")");
            }
        }
        Router fresh = new Router(config, directory, hours);
        if (!eventLog.keepsSnapshots()) {
            long[] n = {0};
            Instant[] last = {null};
            eventLog.replay(e -> {
                fresh.replay(e);
                n[0]++;
                last[0] = e.at();
            });
            return new Loaded(fresh, 0, n[0], last[0], WHOLE_LOG);
        }
        return replayTail(fresh, 0, eventLog, WHOLE_LOG);
    }

    static Loaded replayTail(Router router, long after, AcdEventLog eventLog, String from) {
        long[] n = {0};
        Instant[] last = {null};
        long covers = eventLog.replayAfter(after, e -> {
            router.replay(e);
            n[0]++;
            last[0] = e.at();
        });
        return new Loaded(router, covers, n[0], last[0], from);
    }

    /**
     * Follows the log from {@code loaded} (a state just rebuilt, not yet routed on: it is copied through its image, so
     * the routing thread keeps its own); writes a snapshot at once when the start replayed many events.
     */
    void start(Loaded loaded) {
        AcdImage image = loaded.router().image(loaded.covers(), prunedAt(loaded.lastEventAt()));
        thread.execute(() -> {
            follower = Router.restore(config, directory, hours, image);
            covers = loaded.covers();
            lastEventAt = loaded.lastEventAt();
            pending = loaded.tail();
            lastWrite = System.nanoTime();
        });
        long ms = FOLLOW_EVERY.toMillis();
        thread.scheduleWithFixedDelay(this::step, 0, ms, TimeUnit.MILLISECONDS);
    }

    /** Reads the new events, then writes a snapshot when it is time. Never throws. */
    private void step() {
        try {
            follow();
            boolean due = pending >= config.snapshotEvents()
                    || (pending > 0 && System.nanoTime() - lastWrite >= config.snapshotTime().toNanos());
            if (due) {
                write();
            }
        } catch (RuntimeException e) {
            log.warn("ACD snapshots: {}", e.getMessage());
        }
    }

    private void follow() {
        if (follower == null) { // the last read failed half-way: start again from the store
            Loaded l = load(config, directory, hours, eventLog);
            follower = l.router();
            covers = l.covers();
            lastEventAt = l.lastEventAt();
            pending += l.tail();
        }
        try {
            long before = covers;
            long[] n = {0};
            covers = eventLog.replayAfter(before, e -> {
                follower.replay(e);
                n[0]++;
                lastEventAt = e.at();
            });
            pending += n[0];
        } catch (RuntimeException e) {
            follower = null;
            throw e;
        }
    }

    private long write() {
        long t0 = System.nanoTime();
        eventLog.saveSnapshot(follower.image(covers, prunedAt(lastEventAt)), KEEP);
        log.info("ACD snapshot stored up to event {} ({} events since the last, {} ms)", covers, pending,
                (System.nanoTime() - t0) / 1_000_000);
        pending = 0;
        lastWrite = System.nanoTime();
        return covers;
    }

    private static Instant prunedAt(Instant lastEventAt) {
        return lastEventAt == null ? Instant.EPOCH : lastEventAt.minus(PRUNE_MARGIN);
    }

    /** Reads the log's new events and stores a snapshot now; returns the position it covers. */
    long snapshotNow() {
        CompletableFuture<Long> done = CompletableFuture.supplyAsync(() -> {
            follow();
            return write();
        }, thread);
        return done.join();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
