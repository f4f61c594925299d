package dev.frontline.desktop.supervisor;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.SpyMode;
import dev.frontline.desktop.net.Desk;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The wallboard's commands: force an operator's state, listen / whisper / barge on their call (the server rings the
 * supervisor's own phone), and re-rank a waiting caller named by an alert. What happened, or the server's reason for
 * refusing, is in {@link #messageProperty()} (a bundle key with its arguments, or the server's text). FX thread only.
 */
public final class SupervisorActionsViewModel {
    /** A message to show: a bundle key (or plain text) and its arguments; {@code aboutCaller}: said by the priority buttons. */
    public record Said(String key, Object[] args, boolean error, boolean aboutCaller) {}

    private final Desk desk;
    private final ObjectProperty<Views.OperatorRow> operator = new SimpleObjectProperty<>();
    private final ObjectProperty<Views.Alert> alert = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();
    private final javafx.beans.property.ReadOnlyObjectWrapper<Views.Spy> listening =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private Said said;

    public SupervisorActionsViewModel(Desk desk) {
        this.desk = desk;
    }

    /** The operator the buttons act on (the table's selection, kept across snapshots by login). */
    public ObjectProperty<Views.OperatorRow> operatorProperty() { return operator; }
    /** The alert whose waiting caller the priority buttons re-rank (one with a call id). */
    public ObjectProperty<Views.Alert> alertProperty() { return alert; }
    /** Changes each time something is said; read {@link #said()} for the key and arguments. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty messageIsErrorProperty() { return messageIsError.getReadOnlyProperty(); }
    public Said said() { return said; }

    /** READY, BREAK (reason: the server's default) or OFFLINE for the chosen operator. */
    public void forceState(OperatorState state) {
        Views.OperatorRow r = operator.get();
        if (r == null) return;
        send(id -> new ClientMessage.ForceState(id, r.login(), state, null),
                new Said("sup.act.state.done", new Object[] {r.name(), state.name()}, false, false));
    }

    /** Joins the chosen operator's call from this supervisor's phone. */
    public void supervise(SpyMode mode) {
        Views.OperatorRow r = operator.get();
        if (r == null) return;
        send(id -> new ClientMessage.Supervise(id, r.login(), mode),
                new Said("sup.act.join.done", new Object[] {r.name(), mode.name()}, false, false));
    }

    /**
     * This supervisor's listening-in as the server last said (the desk phone is on that call in its mode); null when
     * none. A reconnecting desk gets it with the Welcome.
     */
    public javafx.beans.property.ReadOnlyObjectProperty<Views.Spy> listeningProperty() {
        return listening.getReadOnlyProperty();
    }

    /** The server's word: listening-in started, changed mode or ended (and why). */
    void onSpy(ServerMessage.SpyChanged m) {
        if (m.spy() == null) return;
        if (ServerMessage.SpyChanged.ON.equals(m.stage())) {
            listening.set(m.spy());
        } else if (ServerMessage.SpyChanged.ENDED.equals(m.stage())) {
            Views.Spy now = listening.get();
            if (now != null && now.callId().equals(m.spy().callId())) {
                listening.set(null);
                say(new Said("sup.spy.ended." + m.outcome(), new Object[] {m.spy().operatorName()}, false, false));
            }
        }
    }

    void onWelcome(Views.Spy spy) {
        listening.set(spy);
    }

    /** Listen, whisper or barge on the call listened to now (Asterisk switches by ChanSpy DTMF, ADR 0152). */
    public void switchTo(SpyMode mode) {
        Views.Spy s = listening.get();
        if (s == null || s.mode() == mode) return;
        send(id -> new ClientMessage.Supervise(id, s.operator(), mode),
                new Said("sup.act.join.done", new Object[] {s.operatorName(), mode.name()}, false, false));
    }

    /** The desk phone leaves the call. */
    public void stop() {
        if (listening.get() == null) return;
        CompletableFuture<ServerMessage> f = desk.send(ClientMessage.StopSupervise::new);
        f.whenComplete((m, e) -> {
            if (e != null) say(new Said(cause(e).getMessage(), new Object[0], true, false));
        });
    }

    /** Sets the priority (1 first .. 3) of the caller the chosen alert is about, while it waits. */
    public void changePriority(int priority) {
        Views.Alert a = alert.get();
        if (a == null || a.callId() == null) return;
        send(id -> new ClientMessage.ChangePriority(id, a.callId(), priority),
                new Said("sup.act.priority.done", new Object[] {a.callId(), priority}, false, true));
    }

    private void send(Function<String, ClientMessage> cmd, Said ok) {
        CompletableFuture<ServerMessage> f = desk.send(cmd);
        f.whenComplete((m, e) -> {
            if (e == null) say(ok);
            else say(new Said(cause(e).getMessage(), new Object[0], true, ok.aboutCaller()));
        });
    }

    private void say(Said s) {
        said = s;
        messageIsError.set(s.error());
        message.set("");
        message.set(s.key());
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
