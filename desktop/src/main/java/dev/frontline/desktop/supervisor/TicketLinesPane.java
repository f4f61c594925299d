package dev.frontline.desktop.supervisor;

import atlantafx.base.theme.Styles;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Tickets by support line against each line's target (line 1 answers within 5 min, line 2 within 10 min, line 3
 * within 24 h by default): open and overdue per line, then the most overdue tickets, oldest first.
 */
final class TicketLinesPane extends VBox {
    /** Overdue tickets listed by id; the rest are counted. */
    static final int LISTED = 5;

    private final I18n i18n;
    private final GridPane lines = new GridPane();
    private final VBox overdue = new VBox(2);

    private final java.util.function.Consumer<String> openTicket;

    /** @param openTicket opens a listed ticket (its id) in the supervisor's tickets window */
    TicketLinesPane(SupervisorViewModel vm, I18n i18n, java.util.function.Consumer<String> openTicket) {
        super(6);
        this.i18n = i18n;
        this.openTicket = openTicket;
        setId("ticket-lines");
        lines.setHgap(14);
        lines.setVgap(2);
        getChildren().addAll(lines, overdue);
        vm.ticketLinesProperty().addListener((o, a, t) -> show(t));
        show(vm.ticketLinesProperty().get());
    }

    private void show(Views.TicketLines t) {
        lines.getChildren().clear();
        overdue.getChildren().clear();
        if (t == null) {
            return;
        }
        int row = 0;
        for (Views.TicketLine l : t.lines()) {
            Label late = Ui.label(i18n.t("sup.tickets.overdue", l.overdue()), l.overdue() > 0 ? Styles.DANGER : Styles.TEXT_MUTED);
            if (l.overdue() > 0) late.getStyleClass().add(Styles.TEXT_BOLD);
            late.setId("tickets-overdue-" + l.tier().toLowerCase());
            Label open = Ui.label(i18n.t("sup.tickets.open", l.open()));
            open.setId("tickets-open-" + l.tier().toLowerCase());
            lines.addRow(row++, Ui.label(i18n.label("tier", l.tier()), Styles.TEXT_BOLD),
                    Ui.label(i18n.t("sup.tickets.target", i18n.span(Duration.ofSeconds(l.targetSeconds()))), Styles.TEXT_MUTED),
                    open, late);
        }
        List<Views.LineTicket> list = t.overdue();
        for (Views.LineTicket o : list.subList(0, Math.min(LISTED, list.size()))) {
            Views.TicketSummary s = o.ticket();
            javafx.scene.control.Hyperlink item = new javafx.scene.control.Hyperlink(i18n.t("sup.tickets.item",
                    s.ticketId(), i18n.label("tier", s.tier()), s.subject(), i18n.span(Duration.between(s.dueAt(), t.at())),
                    o.takenBy() == null ? i18n.t("tickets.untaken") : i18n.t("tickets.taken.by", o.takenBy())));
            item.getStyleClass().addAll(Styles.TEXT_SMALL, "alert-critical");
            item.setId("overdue-" + s.ticketId());
            item.setOnAction(e -> openTicket.accept(s.ticketId()));
            item.setTooltip(new javafx.scene.control.Tooltip(item.getText())); // whole, where one line cuts it
            overdue.getChildren().add(item);
        }
        if (list.size() > LISTED) {
            overdue.getChildren().add(Ui.label(i18n.t("sup.tickets.more", list.size() - LISTED), Styles.TEXT_SMALL, Styles.TEXT_MUTED));
        }
    }
}
