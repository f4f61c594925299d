package dev.frontline.desktop.operator;

import atlantafx.base.theme.Styles;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * Tab "Today": a customer search at any time, the calls this operator answered today (newest first), and the record
 * of the customer picked from either, with their open tickets and the picked call's ticket to open.
 */
final class TodayPane extends VBox {
    private final I18n i18n;

    /** @param openTicket opens a ticket (its id) in the Tickets tab */
    TodayPane(TodayViewModel m, I18n i18n, Consumer<String> openTicket) {
        super(10);
        this.i18n = i18n;
        setId("today");

        TextField q = new TextField();
        q.setId("today-search");
        q.setPromptText(i18n.t("pop.search.prompt"));
        q.textProperty().bindBidirectional(m.queryProperty());
        q.setOnAction(e -> m.search());
        Ui.hgrow(q);
        Button go = Ui.button(i18n.t("pop.search"), m::search);
        go.setMinWidth(Button.USE_PREF_SIZE);
        ListView<Views.CustomerCard> found = new ListView<>(m.found());
        found.setId("today-found");
        found.setPrefHeight(80);
        found.setPlaceholder(Ui.placeholder(i18n.t("today.search.none")));
        found.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Views.CustomerCard c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.name() + "  ·  " + c.contractNumber()
                        + (c.address() == null ? "" : "  ·  " + c.address()));
            }
        });
        found.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
            if (c != null) m.show(c.id());
        });

        Label title = Ui.label("", Styles.TEXT_BOLD);
        title.setId("today-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> i18n.t("today.calls", m.calls().size()), m.calls()));
        ListView<Views.MyCall> calls = new ListView<>(m.calls());
        calls.setId("today-calls");
        calls.getStyleClass().add(Styles.STRIPED);
        calls.setPlaceholder(Ui.placeholder(i18n.t("today.calls.none")));
        calls.setCellFactory(l -> new ListCell<>() {
            {
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(Views.MyCall c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : callText(c));
            }
        });
        VBox.setVgrow(calls, Priority.ALWAYS);
        calls.setMinHeight(100);

        Label record = Ui.label("", Styles.TEXT_SMALL);
        record.setId("today-record");
        record.setWrapText(true);
        record.setMinHeight(Label.USE_PREF_SIZE);
        FlowPane links = new FlowPane(8, 4);
        links.setId("today-links");
        Runnable showLinks = () -> {
            links.getChildren().clear();
            java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
            Views.MyCall c = calls.getSelectionModel().getSelectedItem();
            if (c != null && c.ticketId() != null) ids.add(c.ticketId());
            Views.CustomerDetail d = m.recordProperty().get();
            if (d != null) d.openTickets().forEach(t -> ids.add(t.ticketId()));
            for (String id : ids) {
                Hyperlink link = new Hyperlink(i18n.t("today.open-ticket", id));
                link.setId("today-ticket-" + id);
                link.setOnAction(e -> openTicket.accept(id));
                links.getChildren().add(link);
            }
        };
        m.recordProperty().addListener((o, a, d) -> {
            record.setText(d == null ? "" : recordText(d));
            showLinks.run();
        });
        calls.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
            m.show(c == null ? null : c.customerId());
            showLinks.run();
        });

        getChildren().addAll(
                Ui.section(i18n.t("today.search"), new VBox(6, Ui.row(8, q, go), found)),
                Ui.row(8, title, Ui.grow(), Ui.button(i18n.t("cb.refresh"), m::refresh, Styles.FLAT)),
                calls, record, links);
    }

    /** "09:12 · Jonas Jonaitis · technical failure · FL-000123 · Resolved". */
    private String callText(Views.MyCall c) {
        StringBuilder b = new StringBuilder(c.answeredAt() == null ? "" : i18n.time(c.answeredAt()));
        b.append(" · ").append(c.customerName() != null ? c.customerName()
                : c.callingNumber() == null ? i18n.t("pop.unknown") : c.callingNumber());
        if (c.intent() != null) b.append(" · ").append(i18n.label("intent", c.intent()));
        if (c.ticketId() != null) b.append(" · ").append(c.ticketId());
        if (c.disposition() != null) b.append(" · ").append(WorkPane.dispositionText(i18n, c.disposition()));
        return b.toString();
    }

    private String recordText(Views.CustomerDetail d) {
        Views.CustomerCard c = d.customer();
        return i18n.t("tickets.customer", c.name(), c.contractNumber(), c.mobile() == null ? "" : c.mobile(),
                c.address() == null ? "" : c.address(), c.serviceArea() == null ? "" : c.serviceArea(),
                c.plan() == null ? "" : c.plan());
    }
}
