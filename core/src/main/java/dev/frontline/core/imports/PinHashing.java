package dev.frontline.core.imports;

import dev.frontline.core.security.SlowHash;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Turns checked import rows into what is stored, hashing their PINs with bcrypt on {@code threads} threads (all cores
 * by default): at cost 10 a PIN costs ~60-100 ms of one core, so 100,000 rows are ~2 h on one thread and that divided
 * by the cores on all of them, which is the bound a benchmark holds the import to ({@code ImportBench}). Tells
 * {@link Progress} every {@code every} rows. A dry run does not hash at all ({@link #SKIP}).
 */
public final class PinHashing {
    /** Rows done so far of all; called from the hashing threads, never twice with the same {@code done}. */
    @FunctionalInterface
    public interface Progress {
        void hashed(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    /** Do not hash (a dry run prints what would change; its rows are never written). */
    public static final PinHashing SKIP = new PinHashing(null, 1, Progress.NONE, Integer.MAX_VALUE);

    private final SlowHash hash;
    private final int threads;
    private final Progress progress;
    private final int every;

    public PinHashing(SlowHash hash, int threads, Progress progress, int every) {
        if (threads < 1 || every < 1) {
            throw new IllegalArgumentException("threads and every must be positive");
        }
        this.hash = hash;
        this.threads = threads;
        this.progress = progress;
        this.every = every;
    }

    /** On every core, telling {@code progress} every 1,000 rows. */
    public static PinHashing allCores(SlowHash hash, Progress progress) {
        return new PinHashing(hash, Runtime.getRuntime().availableProcessors(), progress, 1_000);
    }

    /** Whether PINs are hashed ({@code false}: {@link #SKIP}). */
    boolean hashes() {
        return hash != null;
    }

    /**
     * {@code convert} applied to every row, in order; {@code convert} gets the hash to use, or null when skipping.
     */
    <R, T> List<T> map(List<R> rows, java.util.function.BiFunction<R, SlowHash, T> convert) {
        if (rows.isEmpty()) {
            return List.of();
        }
        int n = Math.min(threads, rows.size());
        if (n == 1) {
            return convertAll(rows, r -> convert.apply(r, hash));
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "pin-hashing");
            t.setDaemon(true);
            return t;
        });
        try {
            int chunk = Math.max(1, Math.min(every, (rows.size() + n * 4 - 1) / (n * 4)));
            List<Future<List<T>>> parts = new ArrayList<>();
            for (int from = 0; from < rows.size(); from += chunk) {
                List<R> slice = rows.subList(from, Math.min(rows.size(), from + chunk));
                parts.add(pool.submit(() -> {
                    List<T> out = new ArrayList<>(slice.size());
                    for (R r : slice) {
                        out.add(convert.apply(r, hash));
                        int d = done.incrementAndGet();
                        if (d % every == 0 || d == rows.size()) {
                            progress.hashed(d, rows.size());
                        }
                    }
                    return out;
                }));
            }
            List<T> all = new ArrayList<>(rows.size());
            for (Future<List<T>> f : parts) {
                all.addAll(f.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing PINs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private <R, T> List<T> convertAll(List<R> rows, Function<R, T> f) {
        List<T> out = new ArrayList<>(rows.size());
        for (R r : rows) {
            out.add(f.apply(r));
            if (out.size() % every == 0 || out.size() == rows.size()) {
                progress.hashed(out.size(), rows.size());
            }
        }
        return out;
    }
}
