package dev.frontline.desktop.operator;

import atlantafx.base.theme.Styles;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Due callbacks, one card each (the pane is narrow: a table cut every column): who and the number, when it is due,
 * why and how long they had waited, every attempt's outcome, and "Call now".
 */
final class CallbacksPane extends VBox {
    CallbacksPane(OperatorViewModel vm, I18n i18n, Clock clock) {
        super(8);
        ListView<Views.CallbackRow> list = new ListView<>(vm.callbacks());
        list.setId("callbacks");
        list.getStyleClass().add(Styles.STRIPED);
        list.setPlaceholder(Ui.placeholder(i18n.t("cb.none")));
        list.setCellFactory(v -> new Card(v, vm, i18n, clock));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(Ui.row(8, Ui.label(i18n.t("cb.title"), Styles.TITLE_4), Ui.grow(),
                Ui.button(i18n.t("cb.refresh"), vm::refreshCallbacks, Styles.FLAT)), list);
    }

    private static final class Card extends ListCell<Views.CallbackRow> {
        /** The cell's padding, the gap before the button and room for a vertical scroll bar. */
        private static final double TEXT_INSET = 48;
        private final I18n i18n;
        private final Clock clock;
        private final Label who = Ui.label("", Styles.TEXT_BOLD);
        private final Label number = Ui.label("", "mono");
        private final Label due = Ui.label("", Styles.TEXT_MUTED);
        private final Label attempts = Ui.label("", Styles.TEXT_SMALL);
        private final Label why = Ui.label("");
        private final Button call;
        private final HBox box;

        Card(ListView<Views.CallbackRow> list, OperatorViewModel vm, I18n i18n, Clock clock) {
            this.i18n = i18n;
            this.clock = clock;
            call = Ui.button(i18n.t("cb.call-now"), () -> vm.callBackNow(getItem()), Styles.SMALL, Styles.SUCCESS);
            call.setMinWidth(Button.USE_PREF_SIZE);
            why.setId("cb-why");
            for (Label l : new Label[] {who, due, attempts, why}) {
                l.setWrapText(true);
                l.setMinHeight(Label.USE_PREF_SIZE); // all its lines, not one cut with "..."
            }
            VBox text = new VBox(2, who, number, why, due, attempts);
            // as wide as the list leaves beside the button: the lines wrap there instead of scrolling sideways
            text.prefWidthProperty().bind(Bindings.createDoubleBinding(
                    () -> list.getWidth() - Math.max(call.getWidth(), call.prefWidth(-1)) - TEXT_INSET,
                    list.widthProperty(), call.widthProperty()));
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            box = new HBox(8, text, call);
            box.setAlignment(Pos.CENTER_LEFT);
            box.setPadding(new Insets(2, 0, 4, 0));
            setPrefWidth(0); // the cell follows the list's width instead of widening it (no sideways scrolling)
        }

        @Override
        protected void updateItem(Views.CallbackRow item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            CallbackLines l = CallbackLines.of(item, i18n, clock.instant(), ZoneId.systemDefault());
            who.setText(l.who());
            number.setText(l.number());
            due.setText(l.due());
            attempts.setText(l.attempts());
            attempts.setVisible(!l.attempts().isEmpty());
            attempts.setManaged(!l.attempts().isEmpty());
            why.setText(l.why());
            why.setVisible(!l.why().isEmpty());
            why.setManaged(!l.why().isEmpty());
            setTooltip(new Tooltip(l.who() + "  " + l.number() + "\n" + l.due()
                    + (l.attempts().isEmpty() ? "" : "\n" + l.attempts()) + (l.why().isEmpty() ? "" : "\n" + l.why())));
            setGraphic(box);
        }
    }
}
