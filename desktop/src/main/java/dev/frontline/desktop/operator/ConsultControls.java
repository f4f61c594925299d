package dev.frontline.desktop.operator;

import atlantafx.base.theme.Styles;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

import java.util.List;

/**
 * The call controls of a warm transfer, for {@link CallControlsBar}: Consult… (in Transfer's menu) opens the picker (ready colleagues by
 * name, then the lines, and a note for the colleague); Ring sends it; while it runs, who is consulted and how far it
 * got, Complete transfer (once the colleague answered) and Cancel; after it, how it ended.
 */
final class ConsultControls {
    private final ComboBox<ConsultViewModel.Target> target = new ComboBox<>();
    private final TextField note = new TextField();
    private final Button ring;
    private final Button close;
    private final Label status = new Label();
    private final Button complete;
    private final Button cancel;

    /** @param notice shows how a consultation ended in the desk's notices (text, warning): the bar has no room */
    ConsultControls(ConsultViewModel vm, I18n i18n, java.util.function.BiConsumer<String, Boolean> notice) {
        target.setId("consult-target");
        target.setItems(vm.targets());
        target.valueProperty().bindBidirectional(vm.targetProperty());
        target.setPromptText(i18n.t("call.consult.to"));
        target.setConverter(new StringConverter<>() {
            @Override public String toString(ConsultViewModel.Target t) {
                if (t == null) return "";
                return t.tier() != null ? i18n.t("call.consult.line", i18n.label("tier", t.tier().name())) : t.name();
            }
            @Override public ConsultViewModel.Target fromString(String s) { return null; }
        });
        note.setId("consult-note");
        note.setPromptText(i18n.t("call.consult.note"));
        note.textProperty().bindBidirectional(vm.noteProperty());
        note.setPrefColumnCount(14);
        ring = Ui.button(i18n.t("call.consult.ring"), vm::ring, Styles.ACCENT);
        ring.setId("consult-ring");
        ring.disableProperty().bind(vm.busyProperty().or(target.valueProperty().isNull()));
        close = Ui.button(i18n.t("call.consult.close"), vm::close, Styles.FLAT);
        close.setId("consult-close");
        for (Node n : List.of(target, note, ring, close)) {
            n.visibleProperty().bind(vm.pickingProperty());
            n.managedProperty().bind(vm.pickingProperty());
        }

        status.setId("consult-status");
        status.getStyleClass().add(Styles.TEXT_BOLD);
        status.textProperty().bind(Bindings.createStringBinding(() -> running(vm, i18n),
                vm.stageProperty(), vm.withProperty()));
        vm.endedProperty().addListener((o, was, e) -> {
            String text = ended(e, i18n);
            if (!text.isEmpty()) notice.accept(text, !"cancelled".equals(e.outcome()));
        });
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        complete = Ui.button(i18n.t("call.consult.complete"), vm::complete, Styles.SUCCESS);
        complete.setId("complete-transfer");
        complete.disableProperty().bind(vm.busyProperty()
                .or(vm.stageProperty().isNotEqualTo(ServerMessage.ConsultChanged.TALKING)));
        cancel = Ui.button(i18n.t("call.consult.cancel"), vm::cancel, Styles.DANGER);
        cancel.setId("cancel-consult");
        cancel.disableProperty().bind(vm.busyProperty());
        for (Node n : List.of(complete, cancel)) {
            n.visibleProperty().bind(vm.stageProperty().isNotEmpty());
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    /** The picker, the running consultation's line and its buttons, in the bar's order. */
    List<Node> nodes() {
        return List.of(target, note, ring, close, status, complete, cancel);
    }

    private static String running(ConsultViewModel vm, I18n i18n) {
        String stage = vm.stageProperty().get();
        if (ServerMessage.ConsultChanged.RINGING.equals(stage)) return i18n.t("call.consult.ringing", vm.withProperty().get());
        if (ServerMessage.ConsultChanged.TALKING.equals(stage)) return i18n.t("call.consult.talking", vm.withProperty().get());
        return "";
    }

    private static String ended(ConsultViewModel.Ended e, I18n i18n) {
        if (e == null || e.outcome() == null) return "";
        String detail = e.detail() == null ? "" : e.detail();
        return switch (e.outcome()) {
            case "cancelled" -> i18n.t("call.consult.cancelled");
            case "not-answered" -> i18n.t("call.consult.not-answered", e.with(), detail);
            case "target-left" -> i18n.t("call.consult.target-left", e.with());
            case "refused" -> i18n.t("call.consult.refused", detail);
            default -> ""; // completed, consultant-left, caller-left: the call leaves this desk anyway
        };
    }
}
