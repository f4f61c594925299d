package dev.frontline.desktop.report;

import atlantafx.base.theme.Styles;
import dev.frontline.core.api.AdminViews;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.collections.MapChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/** The Administration window's on-duty tab (ADR 0143). UI thread only. */
final class OnDutyPane {
    private OnDutyPane() {
    }

    /**
     * The on-duty rota: who is on duty now; the rota's rows (consultant, mobile, days, hours) edited with the fields
     * under them (Add, Change the selected row, Remove) and saved whole. A refused rota keeps the rows as edited with
     * the server's words per row and field; Refresh lets unsaved rows go.
     */
    static VBox of(AdminViewModel vm, I18n i18n) {
        Label now = Ui.label("", Styles.TITLE_4);
        now.setId("onduty-now");
        now.setWrapText(true);
        TableView<AdminViews.RotaRow> table = new TableView<>(vm.rotaRows());
        table.setId("admin-onduty");
        table.setPlaceholder(Ui.placeholder(i18n.t("admin.onduty.none")));
        table.getColumns().add(Columns.of(i18n.t("admin.onduty.name"), 140, AdminViews.RotaRow::name));
        table.getColumns().add(Columns.of(i18n.t("admin.onduty.mobile"), 160, AdminViews.RotaRow::mobile));
        table.getColumns().add(Columns.of(i18n.t("admin.onduty.days"), 140, AdminViews.RotaRow::days));
        table.getColumns().add(Columns.of(i18n.t("admin.onduty.hours"), 140, r -> r.from() + "–" + r.to()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPrefHeight(200);
        VBox.setVgrow(table, Priority.ALWAYS);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> vm.pickRow(r));
        vm.onDutyProperty().addListener((o, a, r) ->
            now.setText(r == null ? "" : r.onDutyNow().isEmpty() ? i18n.t("admin.onduty.nobody", r.zone())
                    : i18n.t("admin.onduty.now", String.join(", ", r.onDutyNow()), r.zone())));

        TextField name = AdminWindow.field("onduty-name", vm.dutyNameProperty(), "Tomas");
        TextField mobile = AdminWindow.field("onduty-mobile", vm.dutyMobileProperty(), "+37061234567");
        TextField days = AdminWindow.field("onduty-days", vm.dutyDaysProperty(), "mon-fri");
        TextField from = AdminWindow.field("onduty-from", vm.dutyFromProperty(), "18:00");
        TextField to = AdminWindow.field("onduty-to", vm.dutyToProperty(), "24:00");
        for (TextField f : List.of(days, from, to)) f.setPrefColumnCount(7);
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(3);
        String[] heads = {"admin.onduty.name", "admin.onduty.mobile", "admin.onduty.days", "admin.onduty.from", "admin.onduty.to"};
        TextField[] fields = {name, mobile, days, from, to};
        for (int i = 0; i < fields.length; i++) {
            form.add(Ui.label(i18n.t(heads[i]), Styles.TEXT_BOLD), i, 0);
            form.add(fields[i], i, 1);
        }
        Button add = Ui.button(i18n.t("admin.onduty.add"), vm::addRow, Styles.BUTTON_OUTLINED);
        add.setId("onduty-add");
        Button change = Ui.button(i18n.t("admin.onduty.change"), () -> vm.changeRow(table.getSelectionModel().getSelectedIndex()),
                Styles.BUTTON_OUTLINED);
        change.setId("onduty-change");
        Button remove = Ui.button(i18n.t("admin.onduty.remove"), () -> vm.removeRow(table.getSelectionModel().getSelectedIndex()),
                Styles.BUTTON_OUTLINED, Styles.DANGER);
        remove.setId("onduty-remove");
        for (Button b : List.of(change, remove)) b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Button save = Ui.button(i18n.t("admin.onduty.save"), vm::saveRota, Styles.ACCENT);
        save.setId("onduty-save");
        save.disableProperty().bind(vm.rotaEditedProperty().not());
        Label unsaved = Ui.label(i18n.t("admin.onduty.unsaved"), Styles.TEXT_SMALL, Styles.WARNING);
        unsaved.setId("onduty-unsaved");
        unsaved.visibleProperty().bind(vm.rotaEditedProperty());

        Label problems = Ui.label("", Styles.DANGER, Styles.TEXT_SMALL);
        problems.setId("error-onduty");
        problems.setWrapText(true);
        problems.setMinHeight(Label.USE_PREF_SIZE);
        problems.visibleProperty().bind(problems.textProperty().isNotEmpty());
        problems.managedProperty().bind(problems.visibleProperty());
        vm.errors().addListener((MapChangeListener<String, String>) c -> problems.setText(vm.rotaProblems().stream()
                .map(p -> (Integer) p[0] == 0 ? (String) p[2]
                        : i18n.t("admin.onduty.problem", p[0], i18n.t("admin.onduty." + p[1]), p[2]))
                .collect(java.util.stream.Collectors.joining("\n"))));

        Label changed = Ui.label("", Styles.DANGER);
        changed.setId("onduty-changed");
        changed.setWrapText(true);
        changed.setMinHeight(Label.USE_PREF_SIZE);
        changed.visibleProperty().bind(changed.textProperty().isNotEmpty());
        changed.managedProperty().bind(changed.visibleProperty());
        vm.rotaChangedProperty().addListener((o, a, c) -> changed.setText(c == null ? "" : i18n.t(c.key(), c.args())));
        Label saved = Ui.label("", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        saved.setId("onduty-version");
        vm.onDutyProperty().addListener((o, a, r) -> saved.setText(r == null || r.changedBy() == null ? ""
                : i18n.t("admin.onduty.version", r.changedBy(), r.changedAt() == null ? "?" : AdminViewModel.when(r.changedAt(), r.zone()))));

        Label how = Ui.label(i18n.t("admin.onduty.how"), Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        how.setWrapText(true);
        how.setMinHeight(Label.USE_PREF_SIZE);
        Button refresh = Ui.button(i18n.t("cb.refresh"), vm::readOnDuty, Styles.FLAT);
        return new VBox(8, Ui.row(8, now, Ui.grow(), saved, refresh), table, form,
                Ui.row(8, add, change, remove, Ui.grow(), unsaved, save), changed, problems, how);
    }

}
