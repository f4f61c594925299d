package dev.frontline.desktop.phone;

import dev.frontline.core.api.Views;
import dev.frontline.desktop.net.Desk;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A call on the simulated line from any number: dial, read the prompts, press keys, reach an operator. Keys typed
 * while the line collects digits are sent when {@code maxDigits} are in or on '#'. FX thread only.
 */
public final class PhoneViewModel {
    /** A line in the call's transcript: what the line said ({@code prompt}), what the caller did, or a status. */
    public record Line(Kind kind, String text, String sound) {
        public enum Kind { PROMPT, CALLER, STATUS }
    }

    private final Desk desk;
    private final Consumer<String> player;
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper keys = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper awaiting = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper inCall = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<Line> transcript = FXCollections.observableArrayList();
    private String callId;
    private int maxDigits = 1;
    private boolean busy;
    private Views.SimTurn lastTurn;

    /** @param player plays a prompt's sound path (under /sounds/); may do nothing */
    public PhoneViewModel(Desk desk, String defaultFrom, Consumer<String> player) {
        this.desk = desk;
        this.player = player;
        from.set(defaultFrom == null ? "" : defaultFrom);
    }

    public StringProperty fromProperty() { return from; }
    public StringProperty toProperty() { return to; }
    public ReadOnlyStringProperty keysProperty() { return keys.getReadOnlyProperty(); }
    public ReadOnlyStringProperty awaitingProperty() { return awaiting.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty inCallProperty() { return inCall.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ObservableList<Line> transcript() { return FXCollections.unmodifiableObservableList(transcript); }

    public void dial() {
        if (inCall.get() || busy) return;
        String number = from.get().strip();
        if (!number.matches("\\+?[0-9]{3,15}")) {
            error.set("calling number must be 3 to 15 digits, optionally with a leading +: '" + number + "'");
            return;
        }
        error.set("");
        transcript.clear();
        transcript.add(new Line(Line.Kind.STATUS, "dial " + number + (to.get().isBlank() ? "" : " -> " + to.get().strip()), null));
        run(desk.simDial(number, to.get().strip()));
    }

    /** A key on the pad; sent once the line has as many as it asked for, or on '#'. */
    public void press(char key) {
        if (!inCall.get() || "0123456789*#".indexOf(key) < 0) return;
        if (!"digits".equals(awaiting.get()) && !"queue".equals(awaiting.get())) return;
        if (key == '#') {
            send();
            return;
        }
        keys.set(keys.get() + key);
        if (keys.get().length() >= maxDigits || "queue".equals(awaiting.get())) send();
    }

    /** Sends the keys typed so far (nothing typed = no input, as if the caller stayed silent). */
    public void send() {
        if (!inCall.get() || busy) return;
        String d = keys.get();
        keys.set("");
        transcript.add(new Line(Line.Kind.CALLER, d.isEmpty() ? "(no input)" : "pressed " + d, null));
        run(desk.simInput(callId, d, false));
    }

    public void hangUp() {
        if (!inCall.get()) return;
        transcript.add(new Line(Line.Kind.CALLER, "hang up", null));
        run(desk.simInput(callId, null, true));
    }

    /** Fetches a turn the line pushed (queue announcements, operator answered); the view calls it every second. */
    public void poll() {
        if (!inCall.get() || busy || callId == null) return;
        if ("digits".equals(awaiting.get())) return;
        busy = true;
        desk.simTurn(callId).whenComplete((t, e) -> {
            busy = false;
            if (e == null && t != null && !sameAs(lastTurn, t)) apply(t);
        });
    }

    private static boolean sameAs(Views.SimTurn a, Views.SimTurn b) {
        return a != null && a.equals(b);
    }

    private void run(CompletableFuture<Views.SimTurn> f) {
        busy = true;
        f.whenComplete((t, e) -> {
            busy = false;
            if (e != null) {
                Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                error.set(c.getMessage());
                transcript.add(new Line(Line.Kind.STATUS, c.getMessage(), null));
            } else {
                apply(t);
            }
        });
    }

    private void apply(Views.SimTurn t) {
        lastTurn = t;
        callId = t.callId();
        for (Views.SimPrompt p : t.prompts()) {
            transcript.add(new Line(Line.Kind.PROMPT, p.text(), p.sound()));
            if (p.sound() != null) player.accept(p.sound());
        }
        maxDigits = Math.max(1, t.maxDigits());
        awaiting.set(t.ended() ? "hangup" : t.awaiting() == null ? "" : t.awaiting());
        if (!"digits".equals(t.awaiting()) && !t.ended()) {
            transcript.add(new Line(Line.Kind.STATUS, t.awaiting(), null));
        }
        inCall.set(!t.ended());
        if (t.ended()) transcript.add(new Line(Line.Kind.STATUS, "hangup", null));
    }
}
