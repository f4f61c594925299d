package dev.frontline.desktop.operator;

import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.common.Tier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Hold / resume, mute and cold transfer of the call being talked on (the server's {@code hold}, {@code mute} and
 * {@code transfer}). FX thread only; {@link #tick()} moves the held time once a second. The server's
 * {@code call-hold} is the truth about hold: an Ack only shows it sooner.
 */
public final class CallControlsViewModel {
    private final LineTicketsViewModel.Commands commands;
    private final Clock clock;
    /** The id of the call the operator talks on now, or null. */
    private final Supplier<String> talkingCall;
    /** What has to be done before a transfer (the typed note saved on the call's ticket); fails: no transfer. */
    private final Supplier<CompletableFuture<?>> beforeTransfer;

    private final ReadOnlyBooleanWrapper held = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper muted = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Duration> heldFor = new ReadOnlyObjectWrapper<>(Duration.ZERO);
    private final ReadOnlyObjectWrapper<Duration> heldInAll = new ReadOnlyObjectWrapper<>(Duration.ZERO);
    private final ReadOnlyBooleanWrapper transferring = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<Tier> transferTo = new SimpleObjectProperty<>(Tier.LINE2);
    private final ConsultViewModel consult;
    private Instant heldSince;
    private Duration endedHolds = Duration.ZERO;
    private String callId;

    CallControlsViewModel(LineTicketsViewModel.Commands commands, Clock clock, Supplier<String> talkingCall,
                          Supplier<CompletableFuture<?>> beforeTransfer) {
        this(commands, clock, talkingCall, beforeTransfer, () -> CompletableFuture.completedFuture(java.util.List.of()));
    }

    /** @param colleagues who is ready to be consulted now ({@code GET /api/colleagues}) */
    CallControlsViewModel(LineTicketsViewModel.Commands commands, Clock clock, Supplier<String> talkingCall,
                          Supplier<CompletableFuture<?>> beforeTransfer,
                          Supplier<CompletableFuture<java.util.List<dev.frontline.core.api.Views.Colleague>>> colleagues) {
        this.consult = new ConsultViewModel(commands, talkingCall, colleagues);
        this.commands = commands;
        this.clock = clock;
        this.talkingCall = talkingCall;
        this.beforeTransfer = beforeTransfer;
    }

    /** The caller is on hold (hears music). */
    public ReadOnlyBooleanProperty heldProperty() { return held.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty mutedProperty() { return muted.getReadOnlyProperty(); }
    /** How long the current hold lasts so far (zero when not held). */
    public ReadOnlyObjectProperty<Duration> heldForProperty() { return heldFor.getReadOnlyProperty(); }
    /** All holds of this call so far, the running one included. */
    public ReadOnlyObjectProperty<Duration> heldInAllProperty() { return heldInAll.getReadOnlyProperty(); }
    /** A transfer is on its way (its note, then the command): the button waits. */
    public ReadOnlyBooleanProperty transferringProperty() { return transferring.getReadOnlyProperty(); }
    /** The line a transfer goes to (line 2 unless chosen). */
    public ObjectProperty<Tier> transferToProperty() { return transferTo; }

    /** Warm (consult) transfer of this call. */
    public ConsultViewModel consult() { return consult; }

    /** The server's word on this desk's consultation. */
    void onConsult(ServerMessage.ConsultChanged m) {
        consult.onConsult(m);
    }

    /** Puts the caller on hold, or takes them back. */
    public void toggleHold() {
        String call = current();
        if (call == null) return;
        boolean on = !held.get();
        commands.command(id -> new ClientMessage.HoldCall(id, call, on), on ? "call.held" : "call.resumed")
                .thenRun(() -> {
                    if (call.equals(callId) && held.get() != on) setHeld(on, clock.instant(), -1);
                });
    }

    /** Mutes the operator's microphone towards the caller, or opens it again. */
    public void toggleMute() {
        String call = current();
        if (call == null) return;
        boolean on = !muted.get();
        commands.command(id -> new ClientMessage.MuteCall(id, call, on), on ? "call.muted" : "call.unmuted")
                .thenRun(() -> {
                    if (call.equals(callId)) muted.set(on);
                });
    }

    /**
     * Passes the call to {@link #transferToProperty()}'s line (cold): the caller keeps its place and priority, the
     * ticket goes along with the typed note on it; this desk goes to wrap-up.
     */
    public void transfer() {
        String call = current();
        Tier tier = transferTo.get();
        if (call == null || tier == null || transferring.get()) return;
        transferring.set(true);
        CompletableFuture<?> before;
        try {
            before = beforeTransfer.get();
        } catch (RuntimeException e) {
            before = CompletableFuture.failedFuture(e);
        }
        before.thenCompose(x -> commands.command(id -> new ClientMessage.TransferCall(id, call, null, tier),
                        "call.transferred"))
                .whenComplete((m, e) -> transferring.set(false));
    }

    /** The server's word on hold (sent to the talking operator). */
    void onHoldChanged(ServerMessage.CallHoldChanged m) {
        if (m.callId() == null || !m.callId().equals(current())) return;
        setHeld(m.held(), m.at() == null ? clock.instant() : m.at(), m.held() ? -1 : m.heldSeconds());
    }

    private void setHeld(boolean on, Instant at, long endedSeconds) {
        if (on && !held.get()) {
            heldSince = at;
        } else if (!on && held.get()) {
            Duration ended = endedSeconds >= 0 ? Duration.ofSeconds(endedSeconds)
                    : heldSince == null ? Duration.ZERO : positive(Duration.between(heldSince, at));
            endedHolds = endedHolds.plus(ended);
            heldSince = null;
        }
        held.set(on);
        tick();
    }

    /** The call changed (or ended): a new call starts unheld, unmuted, with no hold time. */
    void callChanged(String nowTalking) {
        consult.callChanged(nowTalking);
        if (nowTalking != null && nowTalking.equals(callId)) return;
        callId = nowTalking;
        held.set(false);
        muted.set(false);
        heldSince = null;
        endedHolds = Duration.ZERO;
        heldFor.set(Duration.ZERO);
        heldInAll.set(Duration.ZERO);
    }

    /** Moves the held time on; once a second. */
    void tick() {
        callChanged(talkingCall.get());
        Duration running = held.get() && heldSince != null ? positive(Duration.between(heldSince, clock.instant()))
                : Duration.ZERO;
        heldFor.set(running);
        heldInAll.set(endedHolds.plus(running));
    }

    private String current() {
        String c = talkingCall.get();
        callChanged(c);
        return c;
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
