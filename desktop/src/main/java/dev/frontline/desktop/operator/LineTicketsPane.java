package dev.frontline.desktop.operator;

import atlantafx.base.theme.Styles;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Tier;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * The operator's line work list (tab "Tickets"): the open tickets of its lines, most urgent first, each with whose it
 * is and how long until (or past) its line's target; the ticket opened from the list below it, with its history, a
 * note box, Add note, Resolve and Escalate to the next line.
 */
public final class LineTicketsPane extends VBox {
    private final I18n i18n;
    private final Clock clock;

    public LineTicketsPane(LineTicketsViewModel m, I18n i18n, Clock clock) {
        super(8);
        this.i18n = i18n;
        this.clock = clock;
        Label title = Ui.label("", Styles.TITLE_4);
        title.setId("line-tickets-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            Views.LineTickets l = m.listedProperty().get();
            String lines = l == null ? "" : l.lines().stream().map(t -> i18n.label("tier", t)).collect(Collectors.joining(", "));
            return lines.isEmpty() ? i18n.t("tickets.title") : i18n.t("tickets.title.lines", lines, l.tickets().size());
        }, m.listedProperty()));

        javafx.scene.control.CheckBox mine = new javafx.scene.control.CheckBox(i18n.t("tickets.mine"));
        mine.setId("tickets-mine");
        javafx.collections.transformation.FilteredList<Views.LineTicket> shown =
                new javafx.collections.transformation.FilteredList<>(m.tickets());
        shown.predicateProperty().bind(Bindings.createObjectBinding(() -> mine.isSelected()
                ? t -> m.me().equals(t.takenBy()) : t -> true, mine.selectedProperty()));
        ListView<Views.LineTicket> list = new ListView<>(shown);
        list.setId("line-tickets");
        list.getStyleClass().add(Styles.STRIPED);
        Label none = Ui.placeholder("");
        none.textProperty().bind(Bindings.when(mine.selectedProperty()).then(i18n.t("tickets.none.mine"))
                .otherwise(i18n.t("tickets.none")));
        list.setPlaceholder(none);
        list.setCellFactory(v -> new Card(m.me()));
        list.setPrefHeight(220);
        list.setMinHeight(120);
        // a click or Enter opens the selected ticket; a list read again moves the selection (the open ticket's, or none)
        list.setOnMouseClicked(e -> openSelected(list, m));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) openSelected(list, m);
        });
        m.tickets().addListener((ListChangeListener<Views.LineTicket>) c -> syncSelection(list, m));
        VBox.setVgrow(list, Priority.ALWAYS);

        VBox detail = detail(m);
        detail.visibleProperty().bind(m.openProperty().isNotNull());
        detail.managedProperty().bind(detail.visibleProperty());
        m.openProperty().addListener((o, a, t) -> syncSelection(list, m));

        mine.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(Ui.row(8, title, Ui.grow(), Ui.button(i18n.t("cb.refresh"), m::refresh, Styles.FLAT)), mine,
                list, detail);
    }

    private static void openSelected(ListView<Views.LineTicket> list, LineTicketsViewModel m) {
        Views.LineTicket t = list.getSelectionModel().getSelectedItem();
        if (t != null) m.open(t);
    }

    private static void syncSelection(ListView<Views.LineTicket> list, LineTicketsViewModel m) {
        Views.TicketDetail open = m.openProperty().get();
        Views.LineTicket match = open == null ? null : m.tickets().stream()
                .filter(t -> t.ticket().ticketId().equals(open.ticket().ticketId())).findFirst().orElse(null);
        if (match == null) {
            list.getSelectionModel().clearSelection();
        } else {
            list.getSelectionModel().select(match);
            list.scrollTo(match);
        }
    }

    private VBox detail(LineTicketsViewModel m) {
        Label head = Ui.label("", Styles.TEXT_BOLD);
        head.setId("ticket-head");
        head.setWrapText(true);
        Label subject = Ui.label("");
        subject.setWrapText(true);
        Label due = Ui.label("", Styles.TEXT_SMALL);
        due.setId("ticket-due");
        Label customer = Ui.label("", Styles.TEXT_SMALL);
        customer.setId("ticket-customer");
        customer.setWrapText(true);
        customer.setMinHeight(Label.USE_PREF_SIZE);
        customer.textProperty().bind(Bindings.createStringBinding(() -> customerText(m.customerProperty().get()),
                m.customerProperty()));
        customer.visibleProperty().bind(customer.textProperty().isNotEmpty());
        customer.managedProperty().bind(customer.visibleProperty());
        ListView<Views.TicketNote> history = new ListView<>();
        history.setId("ticket-history");
        history.setPrefHeight(130);
        history.setCellFactory(v -> new ListCell<>() {
            {
                setPrefWidth(0); // wrap at the list's width instead of scrolling sideways
            }

            @Override
            protected void updateItem(Views.TicketNote n, boolean empty) {
                super.updateItem(n, empty);
                if (empty || n == null) {
                    setGraphic(null);
                    return;
                }
                Label text = Ui.label(i18n.t("tickets.note", i18n.dateTime(n.at()), n.author(),
                        dev.frontline.desktop.ui.HistoryText.of(i18n, n)), Styles.TEXT_SMALL);
                text.setWrapText(true);
                text.setMinHeight(Label.USE_PREF_SIZE);
                text.maxWidthProperty().bind(history.widthProperty().subtract(30));
                setGraphic(text);
            }
        });

        TextArea draft = Ui.textBox("ticket-draft", i18n.t("tickets.draft"), 3, m.draftProperty());
        Button note = Ui.button(i18n.t("work.note.save"), m::addNote, Styles.ACCENT);
        note.setId("ticket-add-note");
        Button resolve = Ui.button(i18n.t("work.ticket.resolve"), m::resolveLater, Styles.SUCCESS, Styles.BUTTON_OUTLINED);
        resolve.setId("ticket-resolve");
        javafx.beans.binding.BooleanBinding blank = Bindings.createBooleanBinding(() -> m.draftProperty().get() == null
                || m.draftProperty().get().isBlank(), m.draftProperty());
        note.disableProperty().bind(blank);
        // a Resolve or Escalate waiting for Undo is not pressed twice
        javafx.beans.binding.BooleanBinding waiting = m.undo().pendingProperty().isNotNull();
        resolve.disableProperty().bind(blank.or(waiting));
        // every command keeps its place (issue 22 item 5): one that cannot act now is disabled, never hidden or swapped
        Button escalate = Ui.button(i18n.t("work.escalate.l2"), m::escalateLater, Styles.WARNING);
        escalate.setId("ticket-escalate");
        javafx.beans.property.BooleanProperty lastLine = new javafx.beans.property.SimpleBooleanProperty();
        escalate.disableProperty().bind(lastLine.or(waiting));
        Button close = Ui.button(i18n.t("tickets.close"), m::close, Styles.FLAT);
        Button take = Ui.button(i18n.t("tickets.take"), m::take, Styles.BUTTON_OUTLINED);
        take.setId("ticket-take");
        Button reopen = Ui.button(i18n.t("tickets.reopen"), m::reopen, Styles.WARNING);
        reopen.setId("ticket-reopen");
        reopen.disableProperty().bind(note.disableProperty());
        javafx.beans.property.BooleanProperty mineAlready = new javafx.beans.property.SimpleBooleanProperty();
        take.disableProperty().bind(mineAlready);
        Label taken = Ui.label("", Styles.TEXT_SMALL, Styles.TEXT_BOLD);
        taken.setId("ticket-taken");

        m.openProperty().addListener((o, a, t) -> {
            if (t == null) {
                history.getItems().clear();
                return;
            }
            Views.TicketSummary s = t.ticket();
            head.setText(i18n.t("tickets.head", s.ticketId(), i18n.label("tier", s.tier()), t.priority()));
            subject.setText(s.subject());
            showDue(due, s, clock.instant());
            history.getItems().setAll(t.notes());
            history.scrollTo(Math.max(0, t.notes().size() - 1));
            // on the last line it stays where it is, disabled, and says why
            escalate.setText(i18n.t(m.nextLine().orElse(Tier.LINE3) == Tier.LINE2 ? "work.escalate.l2" : "work.escalate.l3"));
            lastLine.set(m.nextLine().isEmpty());
            escalate.setTooltip(lastLine.get() ? new javafx.scene.control.Tooltip(i18n.t("tickets.last-line")) : null);
            String by = t.takenBy();
            taken.setText(takenText(by, m.me()));
            mineAlready.set(m.me().equals(by));
            // an open ticket's commands keep their places (disabled, never hidden); a closed ticket has only Reopen,
            // which needs a reason typed in the box
            boolean closed = LineTicketsViewModel.closed(t);
            for (Button b : new Button[] {take, note, resolve, escalate}) b.setVisible(!closed);
            reopen.setVisible(closed);
            for (Button b : new Button[] {take, note, resolve, escalate, reopen}) b.setManaged(b.isVisible());
            if (closed) {
                due.setText(i18n.t("tickets.closed", t.notes().stream().filter(n -> n.text() != null
                        && n.text().startsWith("closed")).reduce((a1, b1) -> b1).map(n -> i18n.dateTime(n.at())).orElse("")));
                taken.setText("");
            }
        });
        // the commands wrap onto a second line where the pane is narrow (longer names in Russian) instead of
        // widening it past the window
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(8, 8, take, note, resolve, escalate, reopen);
        actions.setId("ticket-actions");
        head.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.HBox.setHgrow(head, Priority.ALWAYS);
        VBox box = Ui.section(i18n.t("work.ticket"), new VBox(6, Ui.row(8, head, close), subject,
                Ui.row(8, due, Ui.grow(), taken), customer, history,
                new dev.frontline.desktop.recording.RecordingsPane(m.recordings(), i18n), draft, actions));
        box.setId("ticket-detail");
        return box;
    }

    /** Who to visit or call back: name, contract, phone, address and area (with an outage there), plan. */
    private String customerText(Views.CustomerDetail d) {
        if (d == null) return "";
        Views.CustomerCard c = d.customer();
        String text = i18n.t("tickets.customer", c.name(), c.contractNumber(), c.mobile() == null ? "" : c.mobile(),
                c.address() == null ? "" : c.address(), c.serviceArea() == null ? "" : c.serviceArea(),
                c.plan() == null ? "" : c.plan());
        return d.outage() == null ? text : text + "\n" + i18n.t("tickets.customer.outage", d.outage().description());
    }

    /** "taken by rasa", "you have it", or "nobody has it yet". */
    private String takenText(String by, String me) {
        if (by == null) return i18n.t("tickets.untaken");
        return by.equals(me) ? i18n.t("tickets.taken.you") : i18n.t("tickets.taken.by", by);
    }

    /** "due in 3 h 20 min", or "2 min over target" in red. */
    private void showDue(Label label, Views.TicketSummary t, Instant now) {
        label.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED, Styles.TEXT_BOLD);
        if (t.dueAt() == null) {
            label.setText("");
        } else if (LineTicketsViewModel.overdue(t, now)) {
            label.setText(i18n.t("tickets.overdue", i18n.span(Duration.between(t.dueAt(), now))));
            label.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_BOLD);
        } else {
            label.setText(i18n.t("tickets.due", i18n.span(Duration.between(now, t.dueAt()))));
            label.getStyleClass().add(Styles.TEXT_MUTED);
        }
    }

    private final class Card extends ListCell<Views.LineTicket> {
        private final String me;
        private final Label what = Ui.label("", Styles.TEXT_BOLD);
        private final Label who = Ui.label("", Styles.TEXT_SMALL);
        private final Label due = Ui.label("", Styles.TEXT_SMALL);
        private final VBox box = new VBox(2, what, who, due);

        Card(String me) {
            this.me = me;
            what.setWrapText(true);
            what.setMinHeight(Label.USE_PREF_SIZE);
            setPrefWidth(0); // the cell follows the list's width instead of widening it
        }

        @Override
        protected void updateItem(Views.LineTicket t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setGraphic(null);
                return;
            }
            what.setText(i18n.t("tickets.what", t.ticket().ticketId(), t.ticket().subject()));
            who.setText(i18n.t("tickets.who", t.customerName() == null ? i18n.t("tickets.no-customer") : t.customerName(),
                    i18n.label("tier", t.ticket().tier()), t.priority()) + " · " + takenText(t.takenBy(), me));
            showDue(due, t.ticket(), clock.instant());
            setGraphic(box);
        }
    }
}
