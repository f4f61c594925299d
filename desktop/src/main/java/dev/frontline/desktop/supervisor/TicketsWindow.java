package dev.frontline.desktop.supervisor;

import atlantafx.base.theme.Styles;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.operator.LineTicketsPane;
import dev.frontline.desktop.operator.LineTicketsViewModel;
import dev.frontline.desktop.ui.Ui;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.time.Clock;

/**
 * A supervisor's tickets: every line's open tickets, most urgent first, with who has them, in a window of its own
 * (the wallboard stays as it is); a ticket opened from the wallboard's overdue list shows there with its history,
 * to note, resolve or escalate. Read again every 30 s while open. UI thread only.
 */
public final class TicketsWindow {
    private final LineTicketsViewModel vm;
    private final I18n i18n;
    private final Clock clock;
    private final String stylesheet;
    private final javafx.collections.ObservableList<dev.frontline.core.api.Views.OperatorRow> operators;
    private Stage stage;
    private Timeline refresh;
    private javafx.scene.control.TextField number;

    /** Ctrl+G: to the "Ticket #" field. */
    static final javafx.scene.input.KeyCombination FIND_KEYS = new javafx.scene.input.KeyCodeCombination(
            javafx.scene.input.KeyCode.G, javafx.scene.input.KeyCombination.SHORTCUT_DOWN);

    public TicketsWindow(LineTicketsViewModel vm, I18n i18n, Clock clock, String stylesheet) {
        this(vm, i18n, clock, stylesheet, javafx.collections.FXCollections.observableArrayList());
    }

    /** @param operators the wallboard's operators, to assign the open ticket to one of its line */
    public TicketsWindow(LineTicketsViewModel vm, I18n i18n, Clock clock, String stylesheet,
                         javafx.collections.ObservableList<dev.frontline.core.api.Views.OperatorRow> operators) {
        this.operators = operators;
        this.vm = vm;
        this.i18n = i18n;
        this.clock = clock;
        this.stylesheet = stylesheet;
    }

    /** Shows the window (one per supervisor desk), with {@code ticketId} opened when not null. */
    public Stage show(String ticketId) {
        if (stage == null) {
            stage = build();
        }
        vm.refresh();
        if (ticketId != null) {
            vm.open(ticketId);
        }
        stage.show();
        stage.toFront();
        if (ticketId == null) {
            number.requestFocus(); // opened by hand or by Ctrl+G: a number is what a supervisor types first
        }
        return stage;
    }

    private Stage build() {
        LineTicketsPane pane = new LineTicketsPane(vm, i18n, clock);
        hideOnlyMine(pane);
        VBox.setVgrow(pane, Priority.ALWAYS);
        Label message = Ui.label("", Styles.TEXT_SMALL);
        message.setId("tickets-message");
        message.setWrapText(true);
        vm.messageProperty().addListener((o, a, m) -> {
            message.setText(m == null || m.isEmpty() ? "" : i18n.has(m) ? i18n.t(m) : m);
            message.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
            message.getStyleClass().add(vm.messageIsErrorProperty().get() ? Styles.DANGER : Styles.SUCCESS);
        });
        dev.frontline.desktop.operator.UndoBar undo = new dev.frontline.desktop.operator.UndoBar(vm.undo(), i18n);
        VBox root = Ui.padded(new VBox(8, findRow(), pane, assignRow(), message, undo), 12);
        Scene scene = new Scene(root, 560, 720);
        scene.getStylesheets().add(stylesheet);
        scene.getAccelerators().put(FIND_KEYS, () -> {
            number.requestFocus();
            number.selectAll();
        });
        Stage s = new Stage();
        s.setTitle("Frontline — " + i18n.t("tickets.window"));
        s.setScene(scene);
        refresh = new Timeline(new KeyFrame(Duration.seconds(30), e -> vm.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        refresh.play();
        s.setOnHidden(e -> {
            refresh.stop();
            vm.undo().flush(); // a Resolve or Escalate waiting for Undo is sent, not lost with the window
            vm.close();
            stage = null;
        });
        return s;
    }

    /**
     * "Ticket # [FL-000042] [Open]" (Ctrl+G): any ticket by its number, closed ones too (they show with Reopen); what
     * is not a number, or a number no ticket has, is said under the field and the ticket shown stays.
     */
    private javafx.scene.Node findRow() {
        number = new javafx.scene.control.TextField();
        number.setId("ticket-number");
        number.setPromptText("FL-000042");
        number.setPrefColumnCount(10);
        Ui.shortcut(number, i18n.t("tickets.find"), FIND_KEYS);
        javafx.scene.control.Button go = Ui.button(i18n.t("tickets.find.open"), () -> vm.openNumber(number.getText()),
                Styles.BUTTON_OUTLINED);
        go.setId("ticket-number-open");
        number.setOnAction(e -> vm.openNumber(number.getText()));
        Label problem = Ui.label("", Styles.TEXT_SMALL, Styles.DANGER);
        problem.setId("ticket-number-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            LineTicketsViewModel.FindProblem p = vm.findProblemProperty().get();
            return p == null ? "" : i18n.t(p.key(), p.number());
        }, vm.findProblemProperty()));
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Label label = Ui.label(i18n.t("tickets.find"));
        label.setLabelFor(number);
        return new VBox(4, Ui.row(8, label, number, go), problem);
    }

    /**
     * "Assign to [operator of the ticket's line] [Assign]" under the open ticket (supervisors give tickets to operators
     * instead of taking them): the operators offered are the wallboard's who work the open ticket's line.
     */
    private javafx.scene.Node assignRow() {
        javafx.scene.control.ComboBox<dev.frontline.core.api.Views.OperatorRow> who = new javafx.scene.control.ComboBox<>();
        who.setId("assign-to");
        who.setPromptText(i18n.t("tickets.assign.prompt"));
        who.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(dev.frontline.core.api.Views.OperatorRow o) {
                return o == null ? "" : o.name() + " (" + o.login() + ")";
            }
            @Override public dev.frontline.core.api.Views.OperatorRow fromString(String s) { return null; }
        });
        Runnable offer = () -> {
            dev.frontline.core.api.Views.TicketDetail t = vm.openProperty().get();
            String tier = t == null ? "" : t.ticket().tier();
            who.getItems().setAll(operators.stream().filter(o -> o.skills() != null
                    && o.skills().stream().anyMatch(s -> s.equalsIgnoreCase(tier))).toList());
        };
        vm.openProperty().addListener((o, a, t) -> offer.run());
        operators.addListener((javafx.collections.ListChangeListener<dev.frontline.core.api.Views.OperatorRow>) c -> {
            dev.frontline.core.api.Views.OperatorRow chosen = who.getValue();
            offer.run();
            if (chosen != null) who.getItems().stream().filter(o -> o.login().equals(chosen.login())).findFirst()
                    .ifPresent(who::setValue); // the snapshot every second keeps the choice
        });
        javafx.scene.control.Button assign = Ui.button(i18n.t("tickets.assign"), () -> {
            if (who.getValue() != null) vm.assign(who.getValue().login());
        }, Styles.BUTTON_OUTLINED);
        assign.setId("assign-ticket");
        assign.disableProperty().bind(who.valueProperty().isNull());
        javafx.scene.layout.HBox row = Ui.row(8, Ui.label(i18n.t("tickets.assign.to")), who, assign);
        // a closed ticket is reopened, not given to someone (the server would refuse it: "is closed")
        row.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.openProperty().get() != null && !LineTicketsViewModel.closed(vm.openProperty().get()),
                vm.openProperty()));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /** A supervisor takes no tickets of their own: "Only mine" would only ever show an empty list. */
    static void hideOnlyMine(LineTicketsPane pane) {
        javafx.scene.Node mine = pane.lookup("#tickets-mine");
        if (mine != null) {
            mine.setVisible(false);
            mine.setManaged(false);
        }
    }

    /** Closes the window if open (the supervisor's window closed or logged out). */
    public void close() {
        if (stage != null) {
            stage.hide();
        }
    }
}
