package dev.frontline.desktop.operator;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.stream.Collectors;

/** Due callbacks: the number, who, when, how long they had waited, every attempt's outcome, and "Call now". */
final class CallbacksPane extends VBox {
    CallbacksPane(OperatorViewModel vm, I18n i18n) {
        super(8);
        TableView<Views.CallbackRow> table = new TableView<>(vm.callbacks());
        table.setId("callbacks");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Ui.placeholder(i18n.t("cb.none")));
        TableColumn<Views.CallbackRow, String> due = col(i18n.t("cb.due"),
                c -> i18n.dateTime(c.nextAttemptAt() != null ? c.nextAttemptAt() : c.windowStart()));
        TableColumn<Views.CallbackRow, String> who = col(i18n.t("cb.who"),
                c -> (c.customerName() == null ? "" : c.customerName() + "  ") + c.number());
        TableColumn<Views.CallbackRow, String> waited = col(i18n.t("cb.waited"), c -> I18n.clock(c.originalWaitSeconds()));
        TableColumn<Views.CallbackRow, String> attempts = col(i18n.t("cb.attempts"), c -> c.attemptLog() == null
                || c.attemptLog().isEmpty() ? "—" : c.attemptLog().stream()
                .map(a -> i18n.time(a.at()) + " " + a.outcome()).collect(Collectors.joining(", ")));
        TableColumn<Views.CallbackRow, Views.CallbackRow> action = new TableColumn<>("");
        action.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        action.setCellFactory(c -> new TableCell<>() {
            private final Button call = Ui.button(i18n.t("cb.call-now"), () -> vm.callBackNow(getItem()), Styles.SMALL, Styles.SUCCESS);

            @Override
            protected void updateItem(Views.CallbackRow item, boolean empty) {
                super.updateItem(item, empty);
                setGraphic(empty || item == null ? null : call);
            }
        });
        action.setMinWidth(110);
        table.getColumns().addAll(due, who, waited, attempts, action);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(Ui.row(8, Ui.label(i18n.t("cb.title"), Styles.TITLE_4), Ui.grow(),
                Ui.button(i18n.t("cb.refresh"), vm::refreshCallbacks, Styles.FLAT)), table);
    }

    private static TableColumn<Views.CallbackRow, String> col(String title,
                                                              java.util.function.Function<Views.CallbackRow, String> f) {
        TableColumn<Views.CallbackRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
        return c;
    }
}
