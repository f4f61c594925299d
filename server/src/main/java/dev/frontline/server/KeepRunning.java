package dev.frontline.server;

import org.slf4j.Logger;

/**
 * Wraps a periodic task so that no failure ends it: a scheduled executor silently stops a task that throws anything,
 * and an {@link Error} such as {@code OutOfMemoryError} (one request's huge input) is no reason to stop the
 * supervisors' snapshots for good. Each failure is logged with the task's name; the next run goes ahead.
 */
public final class KeepRunning {
    private KeepRunning() {
    }

    public static Runnable guard(String name, Logger log, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) { // NOSONAR: a background task must outlive any failure of one run
                try {
                    log.error("{} failed; it runs again at its next turn", name, t);
                } catch (Throwable ignored) { // logging itself may fail when memory is short
                    // nothing left to do: the next run is what matters
                }
            }
        };
    }
}
