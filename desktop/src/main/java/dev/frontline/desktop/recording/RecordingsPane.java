package dev.frontline.desktop.recording;

import atlantafx.base.theme.Styles;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.time.Duration;

/**
 * A call's recordings under its ticket: "Recordings" lists them, each with Play (and Stop while it plays), and a
 * line saying what happened (playing, saved to a file, not yours to hear, gone).
 */
public final class RecordingsPane extends VBox {
    private final RecordingsViewModel vm;
    private final I18n i18n;
    private final VBox rows = new VBox(4);

    public RecordingsPane(RecordingsViewModel vm, I18n i18n) {
        super(4);
        this.vm = vm;
        this.i18n = i18n;
        setId("recordings");
        Button list = Ui.button(i18n.t("rec.show"), vm::load, Styles.SMALL, Styles.BUTTON_OUTLINED);
        list.setId("recordings-load");
        list.disableProperty().bind(vm.callIdProperty().isNull());
        Button stop = Ui.button(i18n.t("rec.stop"), vm::stop, Styles.SMALL);
        stop.setId("recording-stop");
        stop.visibleProperty().bind(vm.playingProperty().isNotNull());
        stop.managedProperty().bind(stop.visibleProperty());
        Label said = Ui.label("", Styles.TEXT_SMALL);
        said.setId("recordings-message");
        said.setWrapText(true);
        said.setMinHeight(Label.USE_PREF_SIZE);
        vm.messageProperty().addListener((o, a, m) -> {
            said.setText(m == null || m.isEmpty() ? "" : i18n.has(m) ? i18n.t(m, vm.messageArgs()) : m);
            said.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
            said.getStyleClass().add(vm.messageIsErrorProperty().get() ? Styles.DANGER : Styles.TEXT_MUTED);
        });
        said.visibleProperty().bind(said.textProperty().isNotEmpty());
        said.managedProperty().bind(said.visibleProperty());
        vm.items().addListener((javafx.collections.ListChangeListener<Views.Recording>) c -> render());
        getChildren().addAll(Ui.row(8, list, stop), rows, said);
    }

    private void render() {
        rows.getChildren().clear();
        for (Views.Recording r : vm.items()) {
            Button play = Ui.button(i18n.t("rec.play"), () -> vm.play(r), Styles.SMALL, Styles.ACCENT);
            play.setId("play-recording-" + r.id());
            play.setDisable(r.endedAt() == null); // still recording: nothing whole to play yet
            Label what = Ui.label(i18n.t("rec.item", i18n.dateTime(r.startedAt()), r.operator() == null ? "—" : r.operator(),
                    r.endedAt() == null ? i18n.t("rec.running") : I18n.clock(Duration.between(r.startedAt(), r.endedAt())))
                    + (r.simulated() ? "  · " + i18n.t("rec.simulated") : ""), Styles.TEXT_SMALL);
            what.setWrapText(true);
            HBox row = Ui.row(8, play, what);
            rows.getChildren().add(row);
        }
    }
}
