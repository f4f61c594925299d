package dev.frontline.desktop.phone;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.net.Desk;
import dev.frontline.desktop.net.LiveConnection;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
 * while the line collects digits are sent when {@code maxDigits} are in or on '#'; on hold every key goes at once.
 * Turns the line pushes later (hold announcements, connected, ended) arrive on the desk's live connection.
 * FX thread only.
 */
public final class PhoneViewModel implements LiveConnection.Listener {
    /** A line in the call's transcript: what the line said, what the caller did, a status key, or a text received. */
    public record Line(Kind kind, String text) {
        public enum Kind { PROMPT, CALLER, STATUS, TEXT }
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
    /** One read-only view, kept: listeners on a throw-away wrapper would be collected with it. */
    private final ObservableList<Line> transcriptView = FXCollections.unmodifiableObservableList(transcript);
    private final ObservableList<Views.SampleCaller> samples = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a throw-away wrapper would be collected with it. */
    private final ObservableList<Views.SampleCaller> samplesView = FXCollections.unmodifiableObservableList(samples);
    /** The demo customer whose number is in "calling from" (null: none), so the PIN the menu asks for is at hand. */
    private final ReadOnlyObjectWrapper<Views.SampleCaller> caller = new ReadOnlyObjectWrapper<>();
    private String callId;
    private int maxDigits = 1;
    private boolean hashTerminates = true;
    private boolean busy;

    /** @param player plays a prompt's sound URL path ({@code /sounds/...wav}); may do nothing */
    public PhoneViewModel(Desk desk, String defaultFrom, Consumer<String> player) {
        this.desk = desk;
        this.player = player;
        from.set(defaultFrom == null ? "" : defaultFrom);
        from.addListener((o, a, b) -> matchCaller());
    }

    /** Starts the live connection that carries pushed turns, and asks for the demo desk's sample callers. */
    public void start() {
        desk.listen(this);
        desk.simSampleCallers().whenComplete((list, e) -> {
            if (list != null) {
                samples.setAll(list);
                matchCaller();
            }
        });
    }

    /** Calls as this demo customer: their number goes into "calling from". */
    public void callAs(Views.SampleCaller sample) {
        if (sample != null && !inCall.get()) from.set(sample.number());
    }

    private void matchCaller() {
        String number = from.get() == null ? "" : from.get().replaceAll("[\\s()-]", "");
        caller.set(samples.stream().filter(s -> s.number().equals(number)).findFirst().orElse(null));
    }

    public StringProperty fromProperty() { return from; }
    public StringProperty toProperty() { return to; }
    public ReadOnlyStringProperty keysProperty() { return keys.getReadOnlyProperty(); }
    public ReadOnlyStringProperty awaitingProperty() { return awaiting.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty inCallProperty() { return inCall.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ObservableList<Line> transcript() { return transcriptView; }
    /** The demo desk's sample callers (empty on any other store). */
    public ObservableList<Views.SampleCaller> sampleCallers() { return samplesView; }
    public ReadOnlyObjectProperty<Views.SampleCaller> callerProperty() { return caller.getReadOnlyProperty(); }

    @Override
    public void onMessage(ServerMessage m) {
        if (m instanceof ServerMessage.PhoneTurnPushed p && p.turn() != null && p.turn().callId().equals(callId)) {
            apply(p.turn());
        } else if (m instanceof ServerMessage.PhoneText t && t.body() != null) {
            transcript.add(new Line(Line.Kind.TEXT, t.body())); // the demo's text to the number this phone called from
        }
    }

    public void dial() {
        if (inCall.get() || busy) return;
        String number = from.get().strip();
        if (!number.matches("\\+?[0-9]{3,15}")) {
            error.set("calling number must be 3 to 15 digits, optionally with a leading +: '" + number + "'");
            return;
        }
        error.set("");
        transcript.clear();
        keys.set("");
        transcript.add(new Line(Line.Kind.STATUS, "dialling"));
        run(desk.simDial(number, to.get().strip()));
    }

    /** A key on the pad. */
    public void press(char key) {
        if (!inCall.get() || "0123456789*#".indexOf(key) < 0) return;
        String a = awaiting.get();
        if ("queue".equals(a) || "connected".equals(a)) {
            keys.set(String.valueOf(key));
            send();
            return;
        }
        if (!"digits".equals(a)) return;
        if (key == '#' && hashTerminates) {
            send();
            return;
        }
        keys.set(keys.get() + key);
        if (keys.get().length() >= maxDigits) send();
    }

    /** Sends the keys typed so far (nothing typed = no input, as if the caller stayed silent). */
    public void send() {
        if (!inCall.get() || busy) return;
        String d = keys.get();
        keys.set("");
        transcript.add(new Line(Line.Kind.CALLER, d.isEmpty() ? "…" : d));
        run(desk.simInput(callId, d, false));
    }

    public void hangUp() {
        if (!inCall.get()) return;
        transcript.add(new Line(Line.Kind.STATUS, "hung-up"));
        run(desk.simInput(callId, null, true));
    }

    private void run(CompletableFuture<Views.PhoneCallAnswer> f) {
        busy = true;
        f.whenComplete((answer, e) -> {
            busy = false;
            if (e != null) {
                Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                error.set(c.getMessage());
                if (callId != null && c.getMessage() != null && c.getMessage().contains("not-found")) end();
            } else {
                callId = answer.callId();
                apply(answer.turn());
            }
        });
    }

    private void apply(Views.PhoneTurn t) {
        if (t == null) return;
        callId = t.callId();
        for (Views.PhoneStep s : t.steps() == null ? java.util.List.<Views.PhoneStep>of() : t.steps()) {
            if ("say-digits".equals(s.kind())) {
                transcript.add(new Line(Line.Kind.PROMPT, String.join(" ", s.digits().split(""))));
            } else if ("notice".equals(s.kind())) {
                transcript.add(new Line(Line.Kind.STATUS, s.key())); // e.g. a supervisor joined: not a recorded prompt
            } else {
                transcript.add(new Line(Line.Kind.PROMPT, s.text() == null || s.text().isBlank() ? "[" + s.key() + "]" : s.text()));
                if (s.soundUrl() != null) player.accept(s.soundUrl());
            }
        }
        maxDigits = Math.max(1, t.maxDigits());
        hashTerminates = t.hashTerminates();
        String a = t.await() == null ? "" : t.await();
        if (!a.equals(awaiting.get()) || "queue".equals(a)) {
            switch (a) {
                case "queue" -> transcript.add(new Line(Line.Kind.STATUS, "queue:" + t.queuePosition() + ":" + t.estimatedWaitSeconds()));
                case "connected" -> transcript.add(new Line(Line.Kind.STATUS, "connected:" + (t.operator() == null ? "" : t.operator())));
                case "transfer" -> transcript.add(new Line(Line.Kind.STATUS, "transfer:" + t.transferTo()));
                default -> { }
            }
        }
        awaiting.set(a);
        if ("hangup".equals(a) || "transfer".equals(a)) end();
        else inCall.set(true);
    }

    private void end() {
        inCall.set(false);
        awaiting.set("hangup");
        keys.set("");
        transcript.add(new Line(Line.Kind.STATUS, "ended"));
    }
}
