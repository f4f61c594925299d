package dev.frontline.desktop.operator;

import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.Duration;
import java.util.List;

/**
 * A ticket command (resolve, escalate) held back for a few seconds so the operator can take it back with Undo
 * (ADR 0133): nothing reaches the server before the time is up. A second command, or {@link #flush()} (the desk
 * closing), sends the one waiting at once. UI thread only.
 */
public final class UndoWindow {
    /** Runs {@code action} after {@code delay}; the returned runnable cancels it. */
    public interface Timer {
        Runnable after(Duration delay, Runnable action);
    }

    /** What waits: a message key for the bar and its arguments (an argument may be null: the bar words it). */
    public record Pending(String key, List<Object> args) {}

    /** The held-back time on the desk. */
    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(5);

    private final Duration hold;
    private final Timer timer;
    private final ReadOnlyObjectWrapper<Pending> pending = new ReadOnlyObjectWrapper<>();
    private Runnable commit;
    private Runnable cancel;

    /** @param hold how long a command waits for Undo; zero sends at once */
    public UndoWindow(Duration hold, Timer timer) {
        if (hold.isNegative()) throw new IllegalArgumentException("undo hold must not be negative: " + hold);
        this.hold = hold;
        this.timer = timer;
    }

    /** Held back on the JavaFX animation clock. */
    public static UndoWindow fx(Duration hold) {
        return new UndoWindow(hold, (delay, action) -> {
            PauseTransition p = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
            p.setOnFinished(e -> action.run());
            p.play();
            return p::stop;
        });
    }

    /** The command waiting for its time (shown with Undo), null when none. */
    public ReadOnlyObjectProperty<Pending> pendingProperty() { return pending.getReadOnlyProperty(); }

    public Duration hold() { return hold; }

    /** Holds {@code command} back; one already waiting is sent first. */
    public void offer(String key, Runnable command, Object... args) {
        flush();
        if (hold.isZero()) {
            command.run();
            return;
        }
        commit = command;
        // an argument may be null (a call's ticket not made yet): List.of would refuse it
        pending.set(new Pending(key, java.util.Collections.unmodifiableList(java.util.Arrays.asList(args))));
        cancel = timer.after(hold, this::flush);
    }

    /** Takes the waiting command back: it is never sent. */
    public void undo() {
        if (cancel != null) cancel.run();
        clear();
    }

    /** Sends the waiting command now (its time is up, another follows, or the desk closes). */
    public void flush() {
        Runnable c = commit;
        if (cancel != null) cancel.run();
        clear();
        if (c != null) c.run();
    }

    private void clear() {
        commit = null;
        cancel = null;
        pending.set(null);
    }
}
