package dev.frontline.desktop.operator;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The screen-pop: who is calling, their services and area, tickets and contacts, and what they did in the menu. */
final class ScreenPopPane extends StackPane {
    static final KeyCodeCombination ACCEPT = new KeyCodeCombination(KeyCode.F6);
    static final KeyCodeCombination HANG_UP = new KeyCodeCombination(KeyCode.F7);

    private final OperatorViewModel vm;
    private final I18n i18n;
    private final VBox content = new VBox(14);
    private final Label wait = Ui.label("", "mono", Styles.TEXT_BOLD);

    ScreenPopPane(OperatorViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        getStyleClass().add("screen-pop");
        content.setPadding(new Insets(16));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        Label idleTitle = Ui.label("", Styles.TITLE_3);
        idleTitle.setId("idle-title");
        Label idleText = Ui.label("", Styles.TEXT_MUTED);
        idleText.setId("idle-text");
        idleText.setWrapText(true);
        idleText.setMaxWidth(460);
        idleText.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        idleTitle.textProperty().bind(Bindings.createStringBinding(() -> idle(true),
                vm.stateProperty(), vm.stateSinceProperty()));
        idleText.textProperty().bind(Bindings.createStringBinding(() -> idle(false),
                vm.stateProperty(), vm.stateSinceProperty()));
        VBox empty = new VBox(8, idleTitle, idleText);
        empty.setAlignment(Pos.CENTER);
        empty.visibleProperty().bind(vm.callProperty().isNull());
        scroll.visibleProperty().bind(vm.callProperty().isNotNull());
        wait.textProperty().bind(Bindings.createStringBinding(() -> I18n.clock(vm.waitSoFarProperty().get()),
                vm.waitSoFarProperty()));
        getChildren().addAll(empty, scroll);
        vm.callProperty().addListener((o, a, p) -> render(p));
        vm.phaseProperty().addListener((o, a, p) -> render(vm.callProperty().get()));
        render(vm.callProperty().get());
    }

    /**
     * What the empty pane says: while the operator is not taking calls (missed one, on break, offline) it says so
     * and how to take calls again, for as long as that lasts (the toast of a missed call is gone in seconds).
     */
    private String idle(boolean title) {
        String key = switch (vm.stateProperty().get() == null ? OperatorState.READY : vm.stateProperty().get()) {
            case MISSED -> "pop.idle.missed";
            case BREAK -> "pop.idle.break";
            case OFFLINE -> "pop.idle.offline";
            default -> "pop.empty";
        };
        if (!title) return i18n.t(key + ".text");
        Instant since = vm.stateSinceProperty().get();
        return i18n.t(key + ".title", I18n.hoursMinutes(since, ZoneId.systemDefault()));
    }

    private void render(ServerMessage.ScreenPop p) {
        content.getChildren().clear();
        if (p == null) return;
        content.getChildren().add(header(p));
        if (p.transferredBy() != null) { // a colleague passed the call on: who, when and their note, first
            Views.TransferInfo t = p.transferredBy();
            Message m = new Message(i18n.t(t.consult() ? "pop.consult" : "pop.transferred", t.from(),
                    t.at() == null ? "" : i18n.time(t.at())),
                    t.note() == null || t.note().isBlank() ? i18n.t("pop.transferred.nonote") : t.note());
            m.getStyleClass().add(Styles.ACCENT);
            m.setId("transferred-by");
            content.getChildren().add(m);
        }
        if (p.outage() != null) {
            Message m = new Message(i18n.t("pop.outage", p.outage().area()),
                    p.outage().description() + (p.outage().expectedEnd() == null ? ""
                            : " — " + i18n.t("pop.outage.until", i18n.dateTime(p.outage().expectedEnd()))));
            m.getStyleClass().add(Styles.DANGER);
            m.setId("outage");
            content.getChildren().add(m);
        }
        content.getChildren().add(p.customer() != null ? customer(p.customer()) : unknown(p));
        if (p.trail() != null) content.getChildren().add(trail(p.trail()));
        content.getChildren().add(tickets(p.openTickets()));
        content.getChildren().add(contacts(p.lastContacts()));
    }

    private Node header(ServerMessage.ScreenPop p) {
        String who = p.customer() != null ? p.customer().name() : i18n.t("pop.unknown");
        Label name = Ui.label(who, Styles.TITLE_2);
        name.setId("caller-name");
        Label number = Ui.label(p.callingNumber() == null ? "" : p.callingNumber(), "mono", Styles.TEXT_MUTED);
        Label phaseLabel = Ui.label(i18n.t("phase." + vm.phaseProperty().get()), "phase-pill",
                "phase-" + vm.phaseProperty().get().name().toLowerCase());
        Button accept = Ui.button(i18n.t("pop.accept"), vm::accept, Styles.SUCCESS);
        accept.setId("accept");
        Ui.shortcut(accept, i18n.t("pop.accept"), ACCEPT);
        accept.setVisible(vm.phaseProperty().get() == CallPhase.RINGING);
        accept.setManaged(accept.isVisible());
        Button hang = Ui.button(i18n.t("pop.hangup"), vm::hangUp, Styles.DANGER);
        Ui.shortcut(hang, i18n.t("pop.hangup"), HANG_UP);
        hang.setVisible(vm.phaseProperty().get() == CallPhase.TALKING);
        hang.setManaged(hang.isVisible());
        VBox waitBox = new VBox(0, Ui.label(i18n.t("pop.wait"), Styles.TEXT_SMALL, Styles.TEXT_MUTED), wait);
        waitBox.setAlignment(Pos.CENTER_RIGHT);
        return Ui.row(12, new VBox(2, name, Ui.row(8, number, phaseLabel)), Ui.grow(), waitBox, accept, hang);
    }

    private Node customer(Views.CustomerCard c) {
        GridPane g = new GridPane();
        g.setHgap(16);
        g.setVgap(6);
        int r = 0;
        r = field(g, r, i18n.t("pop.contract"), c.contractNumber() + (c.status() == null ? "" : "  ·  " + c.status()));
        r = field(g, r, i18n.t("pop.plan"), c.plan());
        FlowPane services = new FlowPane(6, 6);
        for (String s : c.services() == null ? List.<String>of() : c.services()) {
            services.getChildren().add(Ui.label(s, "chip"));
        }
        g.addRow(r++, Ui.label(i18n.t("pop.services"), Styles.TEXT_MUTED), services);
        r = field(g, r, i18n.t("pop.address"), c.address());
        r = field(g, r, i18n.t("pop.area"), c.serviceArea());
        r = field(g, r, i18n.t("pop.mobile"), c.mobile());
        field(g, r, i18n.t("pop.email"), c.email());
        return Ui.section(i18n.t("pop.customer"), g);
    }

    private static int field(GridPane g, int row, String name, String value) {
        Label v = new Label(value == null || value.isBlank() ? "—" : value);
        v.setWrapText(true);
        g.addRow(row, Ui.label(name, Styles.TEXT_MUTED), v);
        return row + 1;
    }

    private Node unknown(ServerMessage.ScreenPop p) {
        TextField q = new TextField();
        q.setId("customer-search");
        q.setPromptText(i18n.t("pop.search.prompt"));
        q.textProperty().bindBidirectional(vm.searchProperty());
        q.setOnAction(e -> vm.searchCustomers());
        Button go = Ui.button(i18n.t("pop.search"), vm::searchCustomers);
        ListView<Views.CustomerCard> results = new ListView<>(vm.searchResults());
        results.setPrefHeight(140);
        results.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Views.CustomerCard c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.name() + "  ·  " + c.contractNumber() + "  ·  " + c.address());
            }
        });
        results.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> vm.chosenCustomerProperty().set(c));
        HBox.setHgrow(q, Priority.ALWAYS);
        return Ui.section(i18n.t("pop.unknown.title", p.callingNumber()),
                new VBox(8, Ui.label(i18n.t("pop.unknown.text"), Styles.TEXT_MUTED), Ui.row(8, q, go), results));
    }

    private Node trail(Views.MenuTrail t) {
        FlowPane flags = new FlowPane(6, 6);
        flags.getChildren().addAll(
                flag(t.identified(), i18n.t("trail.identified"), i18n.t("trail.not-identified")),
                flag(t.verified(), i18n.t("trail.verified"), i18n.t("trail.not-verified")),
                Ui.label(i18n.t("trail.language", t.language()), "chip"),
                Ui.label(i18n.t("trail.intent", t.intent() == null ? "—" : i18n.label("intent", t.intent())), "chip"),
                Ui.label(i18n.t("trail.priority", t.priority()), "chip", t.priority() == 1 ? "chip-danger" : "chip-plain"),
                Ui.label(i18n.label("tier", t.tier()), "chip"));
        VBox steps = new VBox(3);
        int n = 1;
        // structured steps in the desk's language; an older server's plain lines as they came
        java.util.List<String> lines = t.items() != null ? t.items().stream().map(i -> TrailWords.of(i18n, i)).toList()
                : t.steps() == null ? java.util.List.of() : t.steps();
        for (String s : lines) {
            Label step = Ui.label(n++ + ".  " + s, "trail-step");
            step.setWrapText(true);
            steps.getChildren().add(step);
        }
        return Ui.section(i18n.t("pop.trail"), new VBox(8, flags, steps));
    }

    private static Label flag(boolean ok, String yes, String no) {
        return Ui.label((ok ? "✓ " : "✗ ") + (ok ? yes : no), "chip", ok ? "chip-success" : "chip-warning");
    }

    private Node tickets(List<Views.TicketSummary> list) {
        VBox box = new VBox(4);
        if (list == null || list.isEmpty()) box.getChildren().add(Ui.label(i18n.t("pop.none"), Styles.TEXT_MUTED));
        else for (Views.TicketSummary t : list) {
            javafx.scene.control.Hyperlink id = new javafx.scene.control.Hyperlink(t.ticketId());
            id.setId("pop-ticket-" + t.ticketId());
            id.getStyleClass().addAll("mono", Styles.TEXT_BOLD);
            id.setTooltip(new javafx.scene.control.Tooltip(i18n.t("pop.ticket.open")));
            id.setOnAction(e -> vm.lineTickets().open(t.ticketId()));
            Label tierState = Ui.label(i18n.label("tier", t.tier()) + " · " + t.state(), Styles.TEXT_MUTED);
            Label due = Ui.label(t.dueAt() == null ? "" : i18n.t("pop.due", i18n.dateTime(t.dueAt())), Styles.TEXT_SMALL);
            // a long subject (a web form's request) gives way: the ticket's number, line and due time stay whole
            for (javafx.scene.layout.Region r : new javafx.scene.layout.Region[] {id, tierState, due}) {
                r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
            box.getChildren().add(Ui.row(8, id, Ui.label(t.subject()), Ui.grow(), tierState, due));
        }
        return Ui.section(i18n.t("pop.tickets"), box);
    }

    private Node contacts(List<Views.Contact> list) {
        VBox box = new VBox(4);
        if (list == null || list.isEmpty()) box.getChildren().add(Ui.label(i18n.t("pop.none"), Styles.TEXT_MUTED));
        else for (Views.Contact c : list) {
            Label summary = new Label(c.summary());
            summary.setWrapText(true);
            javafx.scene.layout.HBox row = Ui.row(8, Ui.label(i18n.dateTime(c.at()), Styles.TEXT_MUTED, "mono"),
                    Ui.label(c.channel(), "chip"), summary);
            if (c.ticketId() != null) { // its ticket, closed ones too (to reopen: "it is broken again")
                javafx.scene.control.Hyperlink id = new javafx.scene.control.Hyperlink(c.ticketId());
                id.setId("pop-contact-ticket-" + c.ticketId());
                id.getStyleClass().add("mono");
                id.setOnAction(e -> vm.lineTickets().open(c.ticketId()));
                row.getChildren().add(1, id);
            }
            box.getChildren().add(row);
        }
        return Ui.section(i18n.t("pop.contacts"), box);
    }
}
