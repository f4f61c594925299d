package dev.frontline.desktop.net;

import javafx.application.Platform;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one hop from network threads to the FX thread: tasks are queued and drained in batches by a single
 * {@code Platform.runLater}, so a burst of messages costs one pulse, not hundreds.
 */
public final class FxExecutor implements Executor {
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(FxExecutor.class).error("UI task failed", e);
            }
        }
    }
}
