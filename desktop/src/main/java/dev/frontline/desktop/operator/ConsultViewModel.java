package dev.frontline.desktop.operator;

import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Tier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Warm (consult) transfer of the call being talked on: pick a ready colleague or a line, ring them while the caller
 * holds ({@code consult}), then pass the call ({@code complete-transfer}) or take the caller back
 * ({@code cancel-consult}). The server's {@code consult} messages are the truth about the consultation: an Ack only
 * closes the picker. FX thread only.
 */
public final class ConsultViewModel {
    /** Whom to consult: a colleague ({@code login}, {@code name}) or, with {@code tier}, the next ready one of a line. */
    public record Target(String login, String name, Tier tier) {
        static Target colleague(Views.Colleague c) {
            return new Target(c.login(), c.name() == null || c.name().isBlank() ? c.login() : c.name(), null);
        }

        static Target line(Tier t) {
            return new Target(null, null, t);
        }
    }

    /** The last consultation's end as the server said it: {@code outcome} (or {@code refused}) and its detail. */
    public record Ended(String outcome, String with, String detail) {}

    private final LineTicketsViewModel.Commands commands;
    private final Supplier<String> talkingCall;
    private final Supplier<CompletableFuture<List<Views.Colleague>>> colleagues;
    private final ObservableList<Target> targets = FXCollections.observableArrayList();
    private final ObservableList<Target> targetsView = FXCollections.unmodifiableObservableList(targets);
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>();
    private final StringProperty note = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper picking = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper stage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper with = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Ended> ended = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private String callId;

    ConsultViewModel(LineTicketsViewModel.Commands commands, Supplier<String> talkingCall,
                     Supplier<CompletableFuture<List<Views.Colleague>>> colleagues) {
        this.commands = commands;
        this.talkingCall = talkingCall;
        this.colleagues = colleagues;
    }

    /** Ready colleagues by name, then the three lines. */
    public ObservableList<Target> targets() { return targetsView; }
    public ObjectProperty<Target> targetProperty() { return target; }
    /** The word for the consulted colleague (shown on their desk with the caller's pop). */
    public StringProperty noteProperty() { return note; }
    /** The picker is open (the usual call commands step aside). */
    public ReadOnlyBooleanProperty pickingProperty() { return picking.getReadOnlyProperty(); }
    /** {@code ringing} or {@code talking} while a consultation runs; empty otherwise. */
    public ReadOnlyStringProperty stageProperty() { return stage.getReadOnlyProperty(); }
    /** Whom the running consultation is with (a name, or a login the picker did not list). */
    public ReadOnlyStringProperty withProperty() { return with.getReadOnlyProperty(); }
    /** How the last consultation ended (or why it was refused); null before any or once a new one starts. */
    public ReadOnlyObjectProperty<Ended> endedProperty() { return ended.getReadOnlyProperty(); }
    /** A command is on its way: its buttons wait. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** Opens the picker with who is ready now (asked from the server) and the lines. */
    public void open() {
        if (current() == null || !stage.get().isEmpty()) return;
        List<Target> lines = new ArrayList<>();
        for (Tier t : Tier.values()) lines.add(Target.line(t));
        targets.setAll(lines);
        target.set(null);
        picking.set(true);
        colleagues.get().whenComplete((list, e) -> {
            if (list == null || !picking.get()) return;
            List<Target> all = new ArrayList<>();
            list.forEach(c -> all.add(Target.colleague(c)));
            all.addAll(lines);
            Target chosen = target.get();
            targets.setAll(all);
            target.set(chosen != null && all.contains(chosen) ? chosen : all.get(0));
        });
    }

    public void close() {
        picking.set(false);
    }

    /** Rings the chosen colleague or line; the caller holds from now on. */
    public void ring() {
        String call = current();
        Target t = target.get();
        if (call == null || t == null || busy.get()) return;
        String word = note.get() == null || note.get().isBlank() ? null : note.get().strip();
        busy.set(true);
        commands.command(id -> new ClientMessage.ConsultCall(id, call, t.login(), t.tier(), word), null)
                .whenComplete((m, e) -> {
                    busy.set(false);
                    if (e == null && call.equals(callId)) {
                        picking.set(false);
                        note.set(""); // sent with it; the next consultation starts with none (seen in the demo)
                        ended.set(null);
                        with.set(t.login() != null ? t.name() : "");
                    }
                });
    }

    /** Passes the caller to the colleague who answered; this desk wraps up. */
    public void complete() {
        send(id -> new ClientMessage.CompleteTransfer(id, callId));
    }

    /** Ends the consultation; the caller is back with this operator. */
    public void cancel() {
        send(id -> new ClientMessage.CancelConsult(id, callId));
    }

    private void send(java.util.function.Function<String, ClientMessage> m) {
        if (current() == null || stage.get().isEmpty() || busy.get()) return;
        busy.set(true);
        commands.command(m, null).whenComplete((x, e) -> busy.set(false));
    }

    /** The server's word on this desk's consultation. */
    void onConsult(ServerMessage.ConsultChanged m) {
        if (m.callId() == null || !m.callId().equals(current())) return;
        String name = nameOf(m.to());
        switch (m.stage() == null ? "" : m.stage()) {
            case ServerMessage.ConsultChanged.RINGING, ServerMessage.ConsultChanged.TALKING -> {
                picking.set(false); // running: whatever the picker showed, the server's word counts
                stage.set(m.stage());
                with.set(name);
                ended.set(null);
            }
            case ServerMessage.ConsultChanged.ENDED -> {
                stage.set("");
                ended.set(new Ended(m.outcome(), name, m.detail()));
            }
            case ServerMessage.ConsultChanged.REFUSED -> {
                stage.set("");
                ended.set(new Ended(ServerMessage.ConsultChanged.REFUSED, name, m.detail()));
            }
            default -> { }
        }
    }

    private String nameOf(String login) {
        if (login == null) return with.get();
        return targets.stream().filter(t -> login.equals(t.login())).map(Target::name).findFirst().orElse(login);
    }

    /** The call changed (or ended): no picker, no consultation, no last outcome. */
    void callChanged(String nowTalking) {
        if (nowTalking != null && nowTalking.equals(callId)) return;
        callId = nowTalking;
        picking.set(false);
        stage.set("");
        with.set("");
        note.set("");
        if (nowTalking != null) ended.set(null);
    }

    private String current() {
        String c = talkingCall.get();
        callChanged(c);
        return c;
    }
}
