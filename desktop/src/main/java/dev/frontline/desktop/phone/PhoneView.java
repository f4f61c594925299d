package dev.frontline.desktop.phone;

import atlantafx.base.theme.Styles;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;
import java.util.Locale;

/** The test phone: numbers on top, the call's transcript, and a dial pad with Call / Hang up. */
public final class PhoneView extends BorderPane {
    private static final String KEYS = "123456789*0#";

    public PhoneView(PhoneViewModel vm, I18n i18n) {
        getStyleClass().add("phone-view");
        TextField from = new TextField();
        from.setId("phone-from");
        from.textProperty().bindBidirectional(vm.fromProperty());
        TextField to = new TextField();
        to.setId("phone-to");
        to.setPromptText(i18n.t("phone.to.prompt"));
        to.textProperty().bindBidirectional(vm.toProperty());
        from.disableProperty().bind(vm.inCallProperty());
        to.disableProperty().bind(vm.inCallProperty());
        ComboBox<Views.SampleCaller> samples = new ComboBox<>(vm.sampleCallers());
        samples.setId("phone-samples");
        samples.setPromptText(i18n.t("phone.samples.prompt"));
        samples.setMaxWidth(Double.MAX_VALUE);
        samples.setConverter(new StringConverter<>() {
            @Override
            public String toString(Views.SampleCaller s) {
                return s == null ? "" : i18n.t("phone.sample.item", s.name(), s.language().toUpperCase(Locale.ROOT), s.area());
            }

            @Override
            public Views.SampleCaller fromString(String text) {
                return null;
            }
        });
        samples.setOnAction(e -> vm.callAs(samples.getValue()));
        samples.disableProperty().bind(vm.inCallProperty());
        Label samplesLabel = Ui.label(i18n.t("phone.samples"), Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        for (javafx.scene.Node n : List.of(samples, samplesLabel)) {
            n.visibleProperty().bind(Bindings.isNotEmpty(vm.sampleCallers()));
            n.managedProperty().bind(n.visibleProperty());
        }
        Label pin = Ui.label("", Styles.TEXT_SMALL, "phone-pin");
        pin.setId("phone-pin");
        pin.setWrapText(true);
        pin.textProperty().bind(Bindings.createStringBinding(() -> {
            Views.SampleCaller c = vm.callerProperty().get();
            return c == null ? "" : i18n.t("phone.sample.pin", c.name(), c.pin())
                    + (c.outage() ? " · " + i18n.t("phone.sample.outage") : "");
        }, vm.callerProperty()));
        pin.managedProperty().bind(pin.textProperty().isNotEmpty());
        VBox numbers = new VBox(4, samplesLabel, samples,
                Ui.label(i18n.t("phone.from"), Styles.TEXT_SMALL, Styles.TEXT_MUTED), from, pin,
                Ui.label(i18n.t("phone.to"), Styles.TEXT_SMALL, Styles.TEXT_MUTED), to);

        ListView<PhoneViewModel.Line> transcript = new ListView<>(vm.transcript());
        transcript.setId("phone-transcript");
        transcript.setPlaceholder(Ui.placeholder(i18n.t("phone.idle")));
        transcript.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PhoneViewModel.Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("line-prompt", "line-caller", "line-status", "line-text");
                if (empty || line == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label text = new Label(line.kind() == PhoneViewModel.Line.Kind.STATUS ? status(i18n, line.text())
                        : line.kind() == PhoneViewModel.Line.Kind.CALLER ? i18n.t("phone.pressed", line.text())
                        : line.kind() == PhoneViewModel.Line.Kind.TEXT ? i18n.t("phone.text", line.text()) : line.text());
                text.setWrapText(true);
                text.maxWidthProperty().bind(getListView().widthProperty().subtract(34));
                text.setMinHeight(Label.USE_PREF_SIZE);
                text.getStyleClass().add("line-" + line.kind().name().toLowerCase());
                setText(null);
                setGraphic(text);
            }
        });
        // scroll after the list view has laid out the new lines (a scroll inside the change event is undone)
        javafx.animation.PauseTransition follow = new javafx.animation.PauseTransition(javafx.util.Duration.millis(30));
        follow.setOnFinished(e -> transcript.scrollTo(Math.max(0, vm.transcript().size() - 1)));
        vm.transcript().addListener((javafx.collections.ListChangeListener<PhoneViewModel.Line>) c -> follow.playFromStart());
        VBox.setVgrow(transcript, Priority.ALWAYS);

        Label keys = Ui.label("", "phone-keys", "mono");
        keys.setId("phone-keys");
        keys.textProperty().bind(vm.keysProperty());
        Label error = Ui.label("", Styles.DANGER, Styles.TEXT_SMALL);
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());

        GridPane pad = new GridPane();
        pad.setHgap(8);
        pad.setVgap(8);
        pad.setAlignment(Pos.CENTER);
        for (int i = 0; i < KEYS.length(); i++) {
            char k = KEYS.charAt(i);
            Button b = Ui.button(String.valueOf(k), () -> vm.press(k), "dial-key");
            b.setId("key-" + (k == '*' ? "star" : k == '#' ? "hash" : String.valueOf(k)));
            b.disableProperty().bind(vm.inCallProperty().not());
            pad.add(b, i % 3, i / 3);
        }
        Button call = Ui.button(i18n.t("phone.call"), vm::dial, Styles.SUCCESS, "call-button");
        call.setId("phone-call");
        call.disableProperty().bind(vm.inCallProperty());
        Button hang = Ui.button(i18n.t("phone.hangup"), vm::hangUp, Styles.DANGER, "call-button");
        hang.setId("phone-hangup");
        hang.disableProperty().bind(vm.inCallProperty().not());
        Button silence = Ui.button(i18n.t("phone.noinput"), vm::send, Styles.FLAT, Styles.SMALL);
        silence.disableProperty().bind(vm.inCallProperty().not());
        VBox bottom = new VBox(10, Ui.row(8, Ui.label(i18n.t("phone.keys"), Styles.TEXT_MUTED), keys, Ui.grow(), silence),
                pad, Ui.row(10, Ui.hgrow(call), Ui.hgrow(hang)), error);
        call.setMaxWidth(Double.MAX_VALUE);
        hang.setMaxWidth(Double.MAX_VALUE);

        setTop(numbers);
        setCenter(transcript);
        setBottom(bottom);
        BorderPane.setMargin(transcript, new Insets(10, 0, 10, 0));
        setPadding(new Insets(14));

        addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (e.getTarget() instanceof TextField) return;
            String c = e.getCharacter();
            if (c.length() == 1 && KEYS.indexOf(c.charAt(0)) >= 0) {
                vm.press(c.charAt(0));
                e.consume();
            }
        });
    }

    /** "queue:2:45" -> "On hold, position 2, about 1 min". */
    private static String status(I18n i18n, String s) {
        String[] p = s.split(":", -1);
        String key = "phone.status." + p[0];
        if (!i18n.has(key)) return s;
        if (p.length == 3 && p[0].equals("queue")) {
            long position = Long.parseLong(p[1]);
            long wait = Long.parseLong(p[2]);
            // the minutes the voice says, rounded the same way ("about 1 min", never "about 2 minutes" beside "1:01")
            return position > 0 ? i18n.t(key, p[1], i18n.t("dur.min", dev.frontline.core.api.WaitMinutes.of(wait)))
                    : i18n.t("phone.status.hold");
        }
        return p.length > 1 ? i18n.t(key, p[1]) : i18n.t(key);
    }
}
