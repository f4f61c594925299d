package dev.frontline.desktop.recording;

import dev.frontline.core.api.Views;
import dev.frontline.desktop.net.ApiException;
import dev.frontline.desktop.net.Desk;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

/**
 * One call's recordings: listed on request ({@code GET /api/calls/{callId}/recordings}), played through
 * {@link Playback}. Refusals read as what they mean: 403 "not yours to hear", 404 "the audio is gone". The server
 * writes every play to its audit log. FX thread only.
 */
public final class RecordingsViewModel {
    private final Desk desk;
    private Playback playback;
    private final ObservableList<Views.Recording> items = FXCollections.observableArrayList();
    private final ObservableList<Views.Recording> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyStringWrapper callId = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Views.Recording> playing = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper listed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();
    private Object[] messageArgs = new Object[0];

    public RecordingsViewModel(Desk desk, Playback playback) {
        this.desk = desk;
        this.playback = playback;
    }

    /** Plays through {@code p} from now on (tests; a desk that should only save). */
    public void playback(Playback p) {
        stop();
        this.playback = p;
    }

    public ObservableList<Views.Recording> items() { return itemsView; }
    /** The call whose recordings these are (null: none, e.g. a ticket made without a call). */
    public ReadOnlyStringProperty callIdProperty() { return callId.getReadOnlyProperty(); }
    /** True once the list was read for the current call. */
    public ReadOnlyBooleanProperty listedProperty() { return listed.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Views.Recording> playingProperty() { return playing.getReadOnlyProperty(); }
    /** A bundle key (see {@link #messageArgs()}) or the server's text; empty: nothing to say. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty messageIsErrorProperty() { return messageIsError.getReadOnlyProperty(); }
    public Object[] messageArgs() { return messageArgs.clone(); }

    /** Another call (a ticket opened): its list is read when asked for. */
    public void show(String call) {
        if (call != null && call.equals(callId.get())) return;
        stop();
        callId.set(call);
        items.clear();
        listed.set(false);
        say("", false);
    }

    /** Reads the call's recordings. */
    public void load() {
        String call = callId.get();
        if (call == null) {
            say("rec.nocall", false);
            return;
        }
        desk.recordings(call).whenComplete((list, e) -> {
            if (!call.equals(callId.get())) return;
            if (e != null) {
                failed(e, true);
                return;
            }
            items.setAll(list);
            listed.set(true);
            say(list.isEmpty() ? "rec.none" : "", false);
        });
    }

    /** Fetches {@code r}'s audio and plays it (or saves it where there is no sound). */
    public void play(Views.Recording r) {
        stop();
        desk.recordingAudio(r).whenComplete((wav, e) -> {
            if (e != null) {
                failed(e, false);
                return;
            }
            try {
                Path saved = playback.play(wav, "frontline-" + r.callId() + "-" + r.id());
                if (saved == null) {
                    playing.set(r);
                    say("rec.playing", false, r.operator() == null ? r.callId() : r.operator());
                } else {
                    say("rec.saved", false, saved.toString());
                }
            } catch (IOException | RuntimeException ex) {
                say("rec.failed", true, ex.getMessage());
            }
        });
    }

    public void stop() {
        if (playing.get() != null) {
            playback.stop();
            playing.set(null);
        }
    }

    private void failed(Throwable e, boolean listing) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        int status = c instanceof ApiException a ? a.status() : 0;
        if (status == 403) say("rec.forbidden", true);
        else if (status == 404) say(listing ? "rec.none" : "rec.gone", !listing);
        else say("rec.failed", true, c.getMessage());
    }

    private void say(String key, boolean error, Object... args) {
        messageArgs = args;
        messageIsError.set(error);
        message.set("");
        message.set(key);
    }
}
