package dev.frontline.desktop.operator;

import atlantafx.base.theme.Styles;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * "Resolving ticket FL-000052 ... Undo": shown while a ticket command waits in its {@link UndoWindow}. Its space is
 * kept when hidden, so nothing above it moves when it comes and goes.
 */
public final class UndoBar extends HBox {
    public UndoBar(UndoWindow undo, I18n i18n) {
        super(12);
        setId("undo-bar");
        getStyleClass().add("undo-bar");
        setAlignment(Pos.CENTER_LEFT);
        Label text = Ui.label("", Styles.TEXT_BOLD);
        text.setId("undo-text");
        Button button = Ui.button(i18n.t("undo.button"), undo::undo, Styles.BUTTON_OUTLINED);
        button.setId("undo");
        button.setMinWidth(USE_PREF_SIZE);
        getChildren().addAll(text, button);
        setMaxWidth(USE_PREF_SIZE);
        setVisible(false);
        undo.pendingProperty().addListener((o, was, p) -> {
            setVisible(p != null);
            if (p == null) return;
            Object[] args = p.args().stream().map(a -> a == null ? i18n.t("undo.new-ticket") : a).toArray();
            text.setText(i18n.t(p.key(), args) + " · " + i18n.t("undo.seconds", undo.hold().toSeconds()));
        });
    }
}
