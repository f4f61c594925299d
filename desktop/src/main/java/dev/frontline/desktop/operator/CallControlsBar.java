package dev.frontline.desktop.operator;

import atlantafx.base.theme.Styles;
import dev.frontline.core.common.Tier;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * The talking operator's call commands, in the state bar where Ready / Break / Offline are while not talking (no
 * height taken from the pop and the work): Hold / Resume (F8) with the held time counting, Mute / Unmute (F9), and
 * Transfer to a line with the typed note, and in Transfer's menu Consult… (warm transfer, {@link ConsultControls}).
 * Shown only while talking.
 */
final class CallControlsBar extends HBox {
    static final KeyCodeCombination HOLD = new KeyCodeCombination(KeyCode.F8);
    static final KeyCodeCombination MUTE = new KeyCodeCombination(KeyCode.F9);

    CallControlsBar(OperatorViewModel operator, I18n i18n) {
        super(6);
        CallControlsViewModel vm = operator.callControls();
        setId("call-controls");
        getStyleClass().add("call-controls");
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Button hold = Ui.button("", vm::toggleHold, Styles.WARNING);
        hold.setId("hold");
        hold.textProperty().bind(Bindings.when(vm.heldProperty())
                .then(i18n.t("call.resume")).otherwise(i18n.t("call.hold")));
        Ui.shortcut(hold, i18n.t("call.hold") + " / " + i18n.t("call.resume"), HOLD);
        steadyWidth(hold, i18n.t("call.hold"), i18n.t("call.resume"));
        Label heldTime = Ui.label("", "mono", Styles.TEXT_BOLD, Styles.WARNING);
        heldTime.setId("held-time");
        heldTime.textProperty().bind(Bindings.createStringBinding(() -> vm.heldProperty().get()
                        ? i18n.t("call.held.for", I18n.clock(vm.heldForProperty().get()))
                        : i18n.t("call.held.total", I18n.clock(vm.heldInAllProperty().get())),
                vm.heldProperty(), vm.heldForProperty(), vm.heldInAllProperty()));
        heldTime.visibleProperty().bind(vm.heldProperty().or(Bindings.createBooleanBinding(
                () -> !vm.heldInAllProperty().get().isZero(), vm.heldInAllProperty()))
                .and(vm.consult().pickingProperty().not())); // the picker needs the room (seen in the demo)
        heldTime.managedProperty().bind(heldTime.visibleProperty());

        Button mute = Ui.button("", vm::toggleMute, Styles.BUTTON_OUTLINED);
        mute.setId("mute");
        mute.textProperty().bind(Bindings.when(vm.mutedProperty())
                .then(i18n.t("call.unmute")).otherwise(i18n.t("call.mute")));
        Ui.shortcut(mute, i18n.t("call.mute") + " / " + i18n.t("call.unmute"), MUTE);
        steadyWidth(mute, i18n.t("call.mute"), i18n.t("call.unmute"));

        ComboBox<Tier> line = new ComboBox<>();
        line.setId("transfer-line");
        line.getItems().setAll(Tier.values());
        line.valueProperty().bindBidirectional(vm.transferToProperty());
        line.setTooltip(new Tooltip(i18n.t("call.transfer.to")));
        line.setConverter(new StringConverter<>() {
            @Override public String toString(Tier t) { return t == null ? "" : i18n.label("tier", t.name()); }
            @Override public Tier fromString(String s) { return null; }
        });
        // Transfer passes the call on cold; its menu holds Consult… (warm): the state bar has no room for another
        // button at 1280 in Russian or Lithuanian (OperatorLabelsFxTest)
        SplitMenuButton transfer = new SplitMenuButton();
        transfer.setText(i18n.t("call.transfer"));
        transfer.setOnAction(e -> vm.transfer());
        transfer.getStyleClass().add(Styles.ACCENT);
        transfer.setId("transfer");
        transfer.setTooltip(new Tooltip(i18n.t("call.transfer.hint") + "\n" + i18n.t("call.consult.hint")));
        transfer.disableProperty().bind(vm.transferringProperty().or(line.valueProperty().isNull()));
        MenuItem consultItem = new MenuItem(i18n.t("call.consult"));
        consultItem.setId("consult");
        consultItem.setOnAction(e -> vm.consult().open());
        transfer.getItems().add(consultItem);

        Separator gap = new Separator(Orientation.VERTICAL);
        ConsultControls consult = new ConsultControls(vm.consult(), i18n, operator::notice);
        javafx.beans.binding.BooleanBinding usual = vm.consult().pickingProperty().not()
                .and(vm.consult().stageProperty().isEmpty());
        for (javafx.scene.Node n : new javafx.scene.Node[] {hold, mute, gap, line, transfer}) {
            n.visibleProperty().bind(usual); // a consultation's commands take their place while it is picked or runs
            n.managedProperty().bind(usual);
        }
        // the held time last: the buttons stay where they are while it comes and goes
        getChildren().addAll(hold, mute, gap, line, transfer);
        getChildren().addAll(consult.nodes());
        getChildren().add(heldTime);
        visibleProperty().bind(Bindings.createBooleanBinding(() -> operator.talkingCallId() != null,
                operator.phaseProperty(), operator.stateProperty(), operator.callbackOfferProperty(), operator.callProperty()));
        managedProperty().bind(visibleProperty());
    }

    /** As wide as the longest of its {@code texts}: Hold -> Resume does not move the buttons beside it. */
    private static void steadyWidth(Button b, String... texts) {
        b.skinProperty().addListener((o, was, skin) -> {
            if (skin == null) return;
            double widest = 0;
            for (String t : texts) {
                javafx.scene.text.Text probe = new javafx.scene.text.Text(t);
                probe.setFont(b.getFont());
                widest = Math.max(widest, probe.getLayoutBounds().getWidth());
            }
            b.setMinWidth(Math.ceil(widest + b.getPadding().getLeft() + b.getPadding().getRight() + 4));
        });
    }
}
