package dev.frontline.core.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's one writer thread: writes queued from any thread are committed in arrival order, everything waiting
 * in one transaction (group commit). A queued write is either waited for ({@link #writeNow}: returns once committed,
 * throws what the write threw) or not ({@link #writeBehind}: the caller goes on at once, the thread commits it
 * with the next batch, within about a millisecond while writes keep coming). When a batch fails, its writes are re-run one
 * transaction each, so only the failing one fails. With one writer, SQLite's busy handler (which sleeps) never
 * runs between our own writers, and the WAL's auto-checkpoints run on this thread instead of a request's.
 * Thread-safe; the thread starts with the first write.
 */
final class StoreWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
    /** Writes per transaction at most: bounds how long one commit holds the file. */
    private static final int MAX_BATCH = 1000;
    /** While writes keep coming, the thread looks for them this often instead of being woken by each one. */
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Without writes for this long the thread sleeps until the next write wakes it. */
    private static final long POLL_FOR_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /**
     * One queued write; {@code result} is null for a write-behind; {@code work} is null for an action to run
     * once everything queued before it is committed ({@code then}).
     */
    private record Write(String what, Database.SqlWork<?> work, CompletableFuture<Object> result, Runnable then) {}

    private final Database db;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queuedSignal = lock.newCondition();
    private final Condition doneSignal = lock.newCondition();
    private final ArrayDeque<Write> queue = new ArrayDeque<>();
    private long queued;
    private long done;
    private boolean closed;
    /** The thread waits without a timeout: a write-behind must wake it. */
    private boolean asleep;
    private Thread thread;

    /** Writes waiting at most; a writer that queues more waits for room (the store is slower than its callers). */
    static final int MAX_QUEUED = 50_000;
    private final int maxQueued;

    /** Writes queued and not yet committed (a gauge for operators: a store falling behind shows here first). */
    int depth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    StoreWriter(Database db) {
        this(db, MAX_QUEUED);
    }

    StoreWriter(Database db, int maxQueued) {
        this.db = db;
        this.maxQueued = maxQueued;
    }

    /** Queues {@code work}; returns at once. A failure is logged with {@code what} (the write is then lost). */
    void writeBehind(String what, Database.SqlWork<?> work) {
        enqueue(new Write(what, work, null, null), false);
    }

    /** Queues {@code work} and waits until it is committed; rethrows what it threw (as a {@link StoreException}). */
    @SuppressWarnings("unchecked")
    <T> T writeNow(String what, Database.SqlWork<T> work) {
        if (Thread.currentThread() == thread) {
            return db.inTransaction(work); // from the writer's own thread: nothing to wait for
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        enqueue(new Write(what, work, result, null), true);
        try {
            return (T) result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException(what + ": " + e.getCause(), e.getCause());
        }
    }

    /**
     * Runs {@code action} on the writer thread once every write queued before it is committed (or has failed), e.g.
     * to drop from memory what the store now holds. It must be quick and must not wait for the store.
     */
    void afterWrites(String what, Runnable action) {
        enqueue(new Write(what, null, null, action), false);
    }

    /** Waits until every write queued before this call has been committed (or has failed). */
    void flush() {
        if (Thread.currentThread() == thread) {
            return;
        }
        lock.lock();
        try {
            long target = queued;
            if (done < target) {
                queuedSignal.signal(); // someone waits: do not let the thread finish its poll interval
            }
            while (done < target) {
                doneSignal.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues {@code w}. A write-behind does not wake a polling thread (it finds the write within
     * {@link #POLL_NANOS}): waking a thread on a busy two-core machine can stop the waker until the woken one
     * blocks again, which is what the caller of a write-behind must not wait for.
     */
    private void enqueue(Write w, boolean wake) {
        lock.lock();
        try {
            if (closed) {
                throw new StoreException("the store is closed: cannot write " + w.what(), null);
            }
            if (thread == null) {
                thread = new Thread(this::run, "store-writer");
                thread.setDaemon(true);
                thread.start();
            }
            // back-pressure instead of an unbounded queue when the disk cannot keep up (never on the writer itself)
            while (queue.size() >= maxQueued && !closed && Thread.currentThread() != thread) {
                queuedSignal.signal();
                doneSignal.awaitUninterruptibly();
            }
            if (closed) {
                throw new StoreException("the store is closed: cannot write " + w.what(), null);
            }
            queue.add(w);
            queued++;
            if (wake || asleep) {
                queuedSignal.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        List<Write> batch = new ArrayList<>();
        long lastWrite = System.nanoTime();
        while (true) {
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    if (System.nanoTime() - lastWrite < POLL_FOR_NANOS) {
                        try {
                            queuedSignal.awaitNanos(POLL_NANOS);
                        } catch (InterruptedException ignored) {
                            // our own thread, stopped by close() only: an interrupt has nothing to cancel
                        }
                    } else {
                        asleep = true;
                        queuedSignal.awaitUninterruptibly();
                        asleep = false;
                    }
                }
                lastWrite = System.nanoTime();
                if (queue.isEmpty()) {
                    return;
                }
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
            } finally {
                lock.unlock();
            }
            commit(batch);
            lock.lock();
            try {
                done += batch.size();
                doneSignal.signalAll();
            } finally {
                lock.unlock();
            }
            batch.clear();
        }
    }

    /** All in one transaction; when that fails, each in its own, so one bad write does not take the others down. */
    private void commit(List<Write> batch) {
        Object[] results = new Object[batch.size()];
        try {
            db.inTransaction(c -> {
                for (int i = 0; i < batch.size(); i++) {
                    Database.SqlWork<?> work = batch.get(i).work();
                    results[i] = work == null ? null : work.run(c);
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                failed(batch.get(0), e);
                return;
            }
            for (Write w : batch) {
                try {
                    complete(w, w.work() == null ? null : db.inTransaction(w.work()));
                } catch (RuntimeException one) {
                    failed(w, one);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results[i]);
        }
    }

    private static void complete(Write w, Object result) {
        if (w.result() != null) {
            w.result().complete(result);
        }
        if (w.then() != null) {
            try {
                w.then().run();
            } catch (RuntimeException e) {
                log.warn("after-write action failed: {}", w.what(), e);
            }
        }
    }

    private static void failed(Write w, RuntimeException e) {
        if (w.result() != null) {
            w.result().completeExceptionally(e);
        } else if (w.work() != null) {
            log.error("store write failed and is lost: {}", w.what(), e);
        }
        if (w.then() != null) {
            complete(new Write(w.what(), null, null, w.then()), null);
        }
    }

    /** Commits what is queued, then stops the thread (waits up to 10 s). Later writes are refused. */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            closed = true;
            queuedSignal.signal();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
