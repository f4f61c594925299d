package dev.frontline.desktop.supervisor;

import atlantafx.base.theme.Styles;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.SpyMode;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * Under the operators table: what the supervisor can do to the chosen operator (force Ready / Break / Offline;
 * Listen / Whisper / Barge on their call) and, under the alerts, the priority of the waiting caller an alert names.
 * The choice survives the snapshots that replace the table's rows (kept by login).
 */
final class SupervisorActionsBar {
    private SupervisorActionsBar() {}

    /** The operator commands; {@code table}'s selection is what they act on. */
    static VBox forOperators(SupervisorActionsViewModel vm, TableView<Views.OperatorRow> table, I18n i18n) {
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) vm.operatorProperty().set(r);
        });
        table.getItems().addListener((ListChangeListener<Views.OperatorRow>) c -> {
            Views.OperatorRow chosen = vm.operatorProperty().get();
            if (chosen == null) return;
            Views.OperatorRow now = table.getItems().stream().filter(r -> r.login().equals(chosen.login()))
                    .findFirst().orElse(null);
            vm.operatorProperty().set(now);
            if (now != null && table.getSelectionModel().getSelectedItem() != now) table.getSelectionModel().select(now);
        });
        Label who = Ui.label("", Styles.TEXT_BOLD);
        who.setId("sup-act-who");
        who.textProperty().bind(Bindings.createStringBinding(() -> vm.operatorProperty().get() == null
                ? i18n.t("sup.act.none") : vm.operatorProperty().get().name(), vm.operatorProperty()));
        BooleanBinding none = vm.operatorProperty().isNull();
        BooleanBinding talking = Bindings.createBooleanBinding(() -> vm.operatorProperty().get() != null
                && vm.operatorProperty().get().state() == OperatorState.TALKING, vm.operatorProperty());
        FlowPane state = new FlowPane(6, 4, who, Ui.label(i18n.t("sup.act.state"), Styles.TEXT_MUTED));
        for (OperatorState s : new OperatorState[] {OperatorState.READY, OperatorState.BREAK, OperatorState.OFFLINE}) {
            String key = s.name().toLowerCase(java.util.Locale.ROOT);
            Button b = Ui.button(i18n.t("sup.act." + key), () -> vm.forceState(s), Styles.SMALL, Styles.BUTTON_OUTLINED);
            b.setId("force-" + key);
            // the server changes a talking operator's state when the call ends, not now: only Ready is taken then
            b.disableProperty().bind(s == OperatorState.READY ? none : none.or(talking));
            state.getChildren().add(b);
        }
        FlowPane join = state;
        join.getChildren().add(Ui.label(i18n.t("sup.act.join"), Styles.TEXT_MUTED));
        for (SpyMode m : SpyMode.values()) {
            String key = m.name().toLowerCase(java.util.Locale.ROOT);
            Button b = Ui.button(i18n.t("sup.act." + key), () -> vm.supervise(m), Styles.SMALL,
                    m == SpyMode.BARGE ? Styles.DANGER : Styles.ACCENT);
            b.setId(key);
            b.setTooltip(new Tooltip(i18n.t("sup.act." + key + ".hint")));
            b.disableProperty().bind(talking.not());
            join.getChildren().add(b);
        }
        Label said = said(vm, i18n, false);
        state.getChildren().add(said); // on the same line when it fits: the operators table keeps its rows
        state.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(4, listening(vm, i18n), state);
        box.setId("operator-actions");
        return box;
    }

    /**
     * The supervisor's desk phone while it listens in: "Listening to Anna — Jonas Jonaitis", the mode, the other modes
     * to switch to, and Stop. Only while listening.
     */
    private static FlowPane listening(SupervisorActionsViewModel vm, I18n i18n) {
        Label what = Ui.label("", Styles.TEXT_BOLD);
        what.setId("spy-what");
        Label mode = Ui.label("", Styles.TEXT_SMALL);
        mode.setId("spy-mode");
        FlowPane bar = new FlowPane(6, 4, what, mode);
        vm.listeningProperty().addListener((o, a, s) -> {
            what.setText(s == null ? "" : i18n.t("sup.spy.on", s.operatorName(), s.caller() == null ? "" : s.caller()));
            mode.setText(s == null ? "" : i18n.t("sup.spy.mode." + s.mode().name().toLowerCase(java.util.Locale.ROOT)));
        });
        for (SpyMode m : SpyMode.values()) {
            String key = m.name().toLowerCase(java.util.Locale.ROOT);
            Button b = Ui.button(i18n.t("sup.act." + key), () -> vm.switchTo(m), Styles.SMALL, Styles.BUTTON_OUTLINED);
            b.setId("spy-" + key);
            b.setTooltip(new Tooltip(i18n.t("sup.act." + key + ".hint")));
            b.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.listeningProperty().get() == null
                    || vm.listeningProperty().get().mode() == m, vm.listeningProperty()));
            bar.getChildren().add(b);
        }
        Button stop = Ui.button(i18n.t("sup.spy.stop"), vm::stop, Styles.SMALL, Styles.DANGER);
        stop.setId("spy-stop");
        bar.getChildren().add(stop);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setId("spy-bar");
        bar.getStyleClass().add("spy-bar");
        bar.visibleProperty().bind(vm.listeningProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** Priority 1 / 2 / 3 for the waiting caller the chosen alert is about (only alerts naming a call). */
    static FlowPane forCallers(SupervisorActionsViewModel vm, ListView<Views.Alert> alerts, I18n i18n) {
        alerts.getSelectionModel().selectedItemProperty().addListener((o, a, al) ->
                vm.alertProperty().set(al != null && al.callId() != null ? al : null));
        Label what = Ui.label("", Styles.TEXT_MUTED);
        what.textProperty().bind(Bindings.createStringBinding(() -> vm.alertProperty().get() == null ? ""
                : i18n.t("sup.act.priority", vm.alertProperty().get().callId()), vm.alertProperty()));
        FlowPane bar = new FlowPane(6, 6, what);
        for (int p = 1; p <= 3; p++) {
            int priority = p;
            Button b = Ui.button(Integer.toString(p), () -> vm.changePriority(priority), Styles.SMALL,
                    p == 1 ? Styles.DANGER : Styles.BUTTON_OUTLINED);
            b.setId("priority-" + p);
            b.setTooltip(new Tooltip(i18n.t("sup.act.priority." + p)));
            bar.getChildren().add(b);
        }
        Label said = said(vm, i18n, true);
        said.setId("caller-priority-message");
        bar.getChildren().add(said);
        bar.setId("caller-priority");
        bar.visibleProperty().bind(vm.alertProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** What the commands said: the operator ones under the operators, the priority ones beside their buttons. */
    private static Label said(SupervisorActionsViewModel vm, I18n i18n, boolean aboutCaller) {
        Label said = Ui.label("", Styles.TEXT_SMALL);
        said.setId("sup-act-message");
        said.setWrapText(true);
        said.setMinHeight(Label.USE_PREF_SIZE);
        vm.messageProperty().addListener((o, a, m) -> {
            SupervisorActionsViewModel.Said s = vm.said();
            if (m == null || m.isEmpty() || s == null) return;
            if (s.aboutCaller() != aboutCaller) {
                said.setText("");
                return;
            }
            Object[] args = s.args().clone();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof String t && (i18n.has("state." + t) || i18n.has("sup.act." + t.toLowerCase()))) {
                    args[i] = i18n.has("state." + t) ? i18n.t("state." + t) : i18n.t("sup.act." + t.toLowerCase());
                }
            }
            said.setText(i18n.has(s.key()) ? i18n.t(s.key(), args) : s.key());
            said.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
            said.getStyleClass().add(s.error() ? Styles.DANGER : Styles.SUCCESS);
        });
        said.visibleProperty().bind(said.textProperty().isNotEmpty());
        said.managedProperty().bind(said.visibleProperty());
        return said;
    }
}
