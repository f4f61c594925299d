package dev.frontline.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the simulated channels saw. Thread-safe. */
final class Results {
    final AtomicLong launched = new AtomicLong();
    final AtomicLong connected = new AtomicLong();
    final AtomicLong closedEarly = new AtomicLong();
    final AtomicLong abandoned = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong unexpected = new AtomicLong();
    final AtomicLong live = new AtomicLong();
    final Set<String> completed = ConcurrentHashMap.newKeySet();
    volatile String firstFailure;
    volatile String firstUnexpected;

    void connected() {
        connected.incrementAndGet();
    }

    void closedEarly() {
        closedEarly.incrementAndGet();
    }

    void abandoned() {
        abandoned.incrementAndGet();
    }

    void completed(String uniqueId) {
        completed.add(uniqueId);
    }

    void unexpected(String cmd) {
        if (unexpected.getAndIncrement() == 0) {
            firstUnexpected = cmd;
        }
    }

    void failed(String uniqueId, Exception e) {
        if (failed.getAndIncrement() == 0) {
            firstFailure = uniqueId + ": " + e;
        }
    }
}
