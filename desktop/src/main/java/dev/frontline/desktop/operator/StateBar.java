package dev.frontline.desktop.operator;

import atlantafx.base.theme.Styles;
import dev.frontline.core.acd.BreakReason;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.StateBadge;
import dev.frontline.desktop.ui.Ui;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.HBox;

import java.util.List;

/** Top bar: who, state with time in state, Ready / Break / Offline, and the wrap-up countdown with Done. */
final class StateBar extends HBox {
    static final KeyCodeCombination READY = new KeyCodeCombination(KeyCode.F2);
    static final KeyCodeCombination BREAK = new KeyCodeCombination(KeyCode.F3);
    static final KeyCodeCombination OFFLINE = new KeyCodeCombination(KeyCode.F4);
    static final KeyCodeCombination DONE = new KeyCodeCombination(KeyCode.F5);
    static final List<String> BREAK_REASONS = BreakReason.codes();

    private final MenuButton breakButton;

    StateBar(OperatorViewModel vm, I18n i18n) {
        super(10);
        getStyleClass().add("state-bar");
        Label who = Ui.label("", Styles.TEXT_BOLD);
        who.textProperty().bind(vm.nameProperty());

        StateBadge badge = new StateBadge(i18n);
        badge.setId("state");
        Runnable showState = () -> badge.show(vm.stateProperty().get(), vm.stateReasonProperty().get());
        vm.stateProperty().addListener((o, a, b) -> showState.run());
        vm.stateReasonProperty().addListener((o, a, b) -> showState.run());
        showState.run();

        Label inState = Ui.label("", "mono", Styles.TEXT_MUTED);
        inState.setId("time-in-state");
        inState.textProperty().bind(Bindings.createStringBinding(() -> I18n.clock(vm.timeInStateProperty().get()),
                vm.timeInStateProperty()));

        Button ready = Ui.button(i18n.t("op.ready"), vm::ready, Styles.SUCCESS);
        ready.setId("ready");
        Ui.shortcut(ready, i18n.t("op.ready"), READY);
        breakButton = new MenuButton(i18n.t("op.break"));
        breakButton.setId("break");
        Ui.shortcut(breakButton, i18n.t("op.break"), BREAK);
        for (String r : BREAK_REASONS) {
            MenuItem mi = new MenuItem(i18n.t("break." + r));
            mi.setOnAction(e -> vm.takeBreak(r));
            breakButton.getItems().add(mi);
        }
        Button offline = Ui.button(i18n.t("op.offline"), vm::offline, Styles.BUTTON_OUTLINED);
        Ui.shortcut(offline, i18n.t("op.offline"), OFFLINE);

        Label wrap = Ui.label("", Styles.WARNING, Styles.TEXT_BOLD);
        wrap.setId("wrap-up");
        wrap.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.t("op.wrapup", I18n.clock(vm.wrapUpLeftProperty().get())), vm.wrapUpLeftProperty()));
        Button done = Ui.button(i18n.t("op.done"), vm::endWrapUp, Styles.ACCENT);
        done.setId("done");
        Ui.shortcut(done, i18n.t("op.done"), DONE);
        HBox wrapBox = Ui.row(8, wrap, done);
        wrapBox.visibleProperty().bind(vm.phaseProperty().isEqualTo(CallPhase.WRAP_UP));
        wrapBox.managedProperty().bind(wrapBox.visibleProperty());

        Label conn = Ui.label("", Styles.TEXT_SMALL);
        conn.textProperty().bind(Bindings.createStringBinding(() -> i18n.t("conn." + vm.connectionProperty().get()),
                vm.connectionProperty()));
        vm.connectionProperty().addListener((o, a, b) -> {
            conn.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.TEXT_MUTED);
            conn.getStyleClass().add("ONLINE".equals(b) ? Styles.SUCCESS
                    : "CONNECTING".equals(b) ? Styles.TEXT_MUTED : Styles.DANGER);
        });

        Label rating = Ui.label("", Styles.TEXT_MUTED);
        rating.setId("my-rating");
        rating.textProperty().bind(Bindings.createStringBinding(() -> {
            Views.OperatorRating r = vm.myRatingProperty().get();
            return r == null || r.count() == 0 ? "" : i18n.t("op.rating", i18n.oneDecimal(r.average()), r.count());
        }, vm.myRatingProperty()));

        Button logOut = Ui.button(i18n.t("op.logout"), vm::logOut, Styles.BUTTON_OUTLINED, Styles.SMALL);
        logOut.setId("log-out");
        // while talking the state buttons can do nothing: the call's commands take their place
        CallControlsBar call = new CallControlsBar(vm, i18n);
        HBox states = Ui.row(6, ready, breakButton, offline);
        states.visibleProperty().bind(call.visibleProperty().not());
        states.managedProperty().bind(states.visibleProperty());
        Label coached = Ui.label("", Styles.TEXT_BOLD);
        coached.setId("coached");
        coached.getStyleClass().add("coached");
        javafx.scene.control.Tooltip coachedHint = new javafx.scene.control.Tooltip();
        coached.setTooltip(coachedHint);
        vm.coachingProperty().addListener((o, a, s) -> {
            String mode = s == null ? "" : s.mode().name().toLowerCase(java.util.Locale.ROOT);
            coached.setText(s == null ? "" : i18n.t("op.spy." + mode, s.supervisorName()));
            coachedHint.setText(s == null ? "" : i18n.t("op.spy." + mode + ".hint"));
            coached.getStyleClass().removeAll(Styles.WARNING, Styles.DANGER);
            if (s != null) coached.getStyleClass().add(s.mode() == dev.frontline.core.common.SpyMode.BARGE
                    ? Styles.DANGER : Styles.WARNING);
        });
        coached.visibleProperty().bind(vm.coachingProperty().isNotNull());
        coached.managedProperty().bind(coached.visibleProperty());
        rating.visibleProperty().bind(coached.visibleProperty().not()); // its room while coached
        rating.managedProperty().bind(rating.visibleProperty());
        getChildren().addAll(Ui.label("Frontline", "brand-small"), who, badge, inState, states, call,
                wrapBox, coached, Ui.grow(), rating, conn, logOut);
        vm.stateProperty().addListener((o, a, s) -> {
            ready.setDisable(s == OperatorState.READY || busy(s));
            breakButton.setDisable(busy(s));
            offline.setDisable(busy(s));
            logOut.setDisable(busy(s));
        });
    }

    private static boolean busy(OperatorState s) {
        return s == OperatorState.RINGING || s == OperatorState.TALKING;
    }

    void openBreakMenu() {
        if (!breakButton.isDisabled()) breakButton.show();
    }
}
