package dev.frontline.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/** Lock-free fixed-capacity sample store (nanoseconds); percentiles over what fitted. Thread-safe for recording. */
final class LatencyRecorder {
    private final AtomicLongArray samples;
    private final AtomicInteger next = new AtomicInteger();

    LatencyRecorder(int capacity) {
        samples = new AtomicLongArray(capacity);
    }

    void record(long nanos) {
        int i = next.getAndIncrement();
        if (i < samples.length()) {
            samples.set(i, nanos);
        }
    }

    int count() {
        return Math.min(next.get(), samples.length());
    }

    /** Percentile {@code p} (0-100) in microseconds. */
    double percentileMicros(double p) {
        int n = count();
        if (n == 0) {
            return Double.NaN;
        }
        long[] copy = new long[n];
        for (int i = 0; i < n; i++) {
            copy[i] = samples.get(i);
        }
        Arrays.sort(copy);
        int idx = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
        return copy[idx] / 1000.0;
    }
}
