package dev.frontline.desktop.operator;

import atlantafx.base.theme.Styles;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Tier;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** During and after the call: notes with knowledge-base suggestions, ticket and escalation, disposition, callback. */
final class WorkPane extends VBox {
    static final KeyCodeCombination SAVE_NOTE = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    static final KeyCodeCombination ESCALATE = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    static final KeyCodeCombination ESCALATE_L3 = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    static final KeyCodeCombination NEW_TICKET = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);

    private final TextArea note;
    private final TextField subject = new TextField();
    private final VBox ticketBar;

    WorkPane(OperatorViewModel vm, I18n i18n, Clock clock) {
        super(14);
        getStyleClass().add("work-pane");

        note = Ui.textBox("note", i18n.t("work.note.prompt"), 5, vm.noteProperty());
        Button save = Ui.button(i18n.t("work.note.save"), vm::saveNote, Styles.ACCENT);
        save.setId("save-note");
        Ui.shortcut(save, i18n.t("work.note.save"), SAVE_NOTE);
        save.disableProperty().bind(vm.noteProperty().isEmpty());
        ListView<String> saved = new ListView<>(vm.savedNotes());
        saved.setId("saved-notes");
        saved.setPrefHeight(90);
        saved.setPlaceholder(Ui.placeholder(i18n.t("work.note.none")));

        ListView<Views.KbArticle> kb = new ListView<>(vm.kbSuggestions());
        kb.setId("kb");
        kb.setPrefHeight(120);
        kb.setPlaceholder(Ui.placeholder(i18n.t("work.kb.hint")));
        kb.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Views.KbArticle a, boolean empty) {
                super.updateItem(a, empty);
                if (empty || a == null) {
                    setGraphic(null);
                    return;
                }
                Label snippet = Ui.label(a.snippet(), Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                snippet.setWrapText(true);
                snippet.setMaxWidth(360);
                setGraphic(new VBox(2, Ui.label(a.title(), Styles.TEXT_BOLD), snippet));
            }
        });

        kb.setOnMouseClicked(e -> { // the whole article to read on the call (double-click, or Enter)
            if (e.getClickCount() == 2) vm.openArticle(kb.getSelectionModel().getSelectedItem());
        });
        kb.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) vm.openArticle(kb.getSelectionModel().getSelectedItem());
        });

        Label ticket = Ui.label("", "mono", Styles.TEXT_BOLD);
        ticket.setId("ticket-id");
        ticket.textProperty().bind(Bindings.createStringBinding(() -> vm.ticketIdProperty().get().isEmpty()
                ? i18n.t("work.ticket.none") : vm.ticketIdProperty().get(), vm.ticketIdProperty()));
        subject.setId("ticket-subject");
        subject.setPromptText(i18n.t("work.ticket.subject"));
        Button create = Ui.button(i18n.t("work.ticket.create"), () -> vm.createTicket(subject.getText(), Tier.LINE1));
        create.setId("create-ticket");
        Ui.shortcut(create, i18n.t("work.ticket.create"), NEW_TICKET);
        create.disableProperty().bind(vm.ticketIdProperty().isNotEmpty());
        Button l2 = Ui.button(i18n.t("work.escalate.l2"), () -> vm.escalateLater(Tier.LINE2), Styles.WARNING);
        l2.setId("escalate-l2");
        Ui.shortcut(l2, i18n.t("work.escalate.l2"), ESCALATE);
        Button l3 = Ui.button(i18n.t("work.escalate.l3"), () -> vm.escalateLater(Tier.LINE3), Styles.DANGER, Styles.BUTTON_OUTLINED);
        l3.setId("escalate-l3");
        Ui.shortcut(l3, i18n.t("work.escalate.l3"), ESCALATE_L3);
        Button resolve = Ui.button(i18n.t("work.ticket.resolve"), vm::resolveTicketLater, Styles.SUCCESS, Styles.BUTTON_OUTLINED);
        resolve.setId("resolve-ticket");
        // a Resolve or Escalate waiting for Undo is not pressed twice; the buttons stay where they are
        javafx.beans.binding.BooleanBinding waiting = vm.undo().pendingProperty().isNotNull();
        resolve.disableProperty().bind(vm.ticketIdProperty().isEmpty().or(waiting));
        l2.disableProperty().bind(waiting);
        l3.disableProperty().bind(waiting);
        Ui.hgrow(subject);

        ComboBox<String> disposition = new ComboBox<>();
        disposition.setId("disposition");
        disposition.setPromptText(i18n.t("work.disposition"));
        Views.DeskSettings settings = vm.settings();
        disposition.getItems().setAll(settings.dispositions()); // desk.dispositions, sent at login
        disposition.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(String s) { return s == null ? "" : dispositionText(i18n, s); }
            @Override public String fromString(String s) { return s; }
        });
        disposition.setOnAction(e -> vm.setDisposition(disposition.getValue()));

        ComboBox<Views.CallbackTime> when = new ComboBox<>();
        when.setId("callback-when");
        when.getItems().setAll(settings.callbackTimes()); // desk.callback-times, sent at login
        Views.CallbackTime first = settings.callbackTimes().get(0);
        when.setValue(first);
        when.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(Views.CallbackTime t) { return t == null ? "" : callbackTimeText(i18n, t); }
            @Override public Views.CallbackTime fromString(String s) { return null; }
        });
        ZoneId deskZone = zone(settings.timezone());
        Button callback = Ui.button(i18n.t("work.callback"),
                () -> vm.scheduleCallback(start(when.getValue(), clock, deskZone), Duration.ofHours(1)), Styles.BUTTON_OUTLINED);
        callback.setId("schedule-callback");

        // the hint wraps beside the button: Russian and Polish cut it to "... · Ctr..." at 1280x720
        Label noteHint = Ui.label(i18n.t("work.note.hint", SAVE_NOTE.getDisplayText()), Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        noteHint.setId("note-hint");
        noteHint.setWrapText(true);
        noteHint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.HBox.setHgrow(noteHint, Priority.ALWAYS);
        noteHint.setMaxWidth(Double.MAX_VALUE);
        VBox.setVgrow(note, Priority.SOMETIMES);
        getChildren().addAll(
                Ui.section(i18n.t("work.notes"), new VBox(8, note, Ui.row(8, save, noteHint), saved)),
                Ui.section(i18n.t("work.kb"), new VBox(6, kb, articleBox(vm, i18n))),
                Ui.section(i18n.t("work.ticket"), new VBox(8, Ui.row(8, subject, create))),
                Ui.section(i18n.t("work.after"), new VBox(8, Ui.row(8, disposition),
                        Ui.row(8, when, callback))));
        // the call's ticket and its Resolve / Escalate sit in a bar pinned under the scrolling work (issue 22 item 5:
        // at 1280x720 they were below the fold)
        ticketBar = new VBox(6, Ui.row(8, Ui.label(i18n.t("work.ticket.current")), ticket), wrapping(resolve, l2, l3));
        ticketBar.setId("call-ticket-bar");
        ticketBar.getStyleClass().add("call-ticket-bar");
        // a callback conversation has no pop, yet its notes and ticket are written here too (ADR 0147)
        disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> vm.callProperty().get() == null
                        && vm.chosenCustomerProperty().get() == null && vm.callbackOfferProperty().get() == null,
                vm.callProperty(), vm.chosenCustomerProperty(), vm.callbackOfferProperty()));
        ticketBar.disableProperty().bind(disableProperty());
        vm.callProperty().addListener((o, was, now) -> { // a new call starts clean: nothing typed or chosen for the last
            if (now != null && (was == null || !was.callId().equals(now.callId()))) {
                subject.clear();
                disposition.setValue(null);
                when.setValue(first);
            }
        });
    }

    /** The call's ticket with Resolve and Escalate, to pin under the scrolling pane (always in view). */
    VBox ticketBar() {
        return ticketBar;
    }

    /** A disposition as the operator reads it: the six known codes in the desk's language, any other as written. */
    static String dispositionText(I18n i18n, String code) {
        return i18n.has("disp." + code) ? i18n.t("disp." + code) : code;
    }

    /** "in 1 hour", "in 45 min", "tomorrow 09:00". */
    static String callbackTimeText(I18n i18n, Views.CallbackTime t) {
        if (t.inMinutes() != null) {
            String fixed = "cb.in." + t.inMinutes() / 60 + "h";
            return t.inMinutes() % 60 == 0 && i18n.has(fixed) ? i18n.t(fixed)
                    : i18n.t("cb.in.span", i18n.span(Duration.ofMinutes(t.inMinutes())));
        }
        return "09:00".equals(t.nextDayAt()) ? i18n.t("cb.in.tomorrow") : i18n.t("cb.in.tomorrow-at", t.nextDayAt());
    }

    /** When a callback at {@code t} starts: from now, or the next day at its time in the desk's zone. */
    static java.time.Instant start(Views.CallbackTime t, Clock clock, ZoneId zone) {
        java.time.Instant now = clock.instant();
        if (t.inMinutes() != null) return now.plus(Duration.ofMinutes(t.inMinutes()));
        return LocalDate.now(clock.withZone(zone)).plusDays(1).atTime(LocalTime.parse(t.nextDayAt())).atZone(zone).toInstant();
    }

    private static ZoneId zone(String id) {
        try {
            return id == null ? ZoneId.systemDefault() : ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return ZoneId.systemDefault();
        }
    }

    /** The subject typed for the call's ticket (blank: the server's default from the caller's choice). */
    String typedSubject() {
        return subject.getText();
    }

    /** Commands that wrap onto another line where the pane is narrow (longer names in Russian). */
    private static javafx.scene.layout.FlowPane wrapping(javafx.scene.Node... commands) {
        return new javafx.scene.layout.FlowPane(8, 8, commands);
    }

    void focusNote() {
        note.requestFocus();
    }

    /** The opened article: title, the body (selectable, to read out or copy), and Close; hidden while none is open. */
    private static VBox articleBox(OperatorViewModel vm, I18n i18n) {
        Label title = Ui.label("", Styles.TEXT_BOLD);
        title.setId("kb-article-title");
        title.setWrapText(true);
        javafx.scene.control.TextArea body = new javafx.scene.control.TextArea();
        body.setId("kb-article");
        body.setEditable(false);
        body.setWrapText(true);
        body.setPrefRowCount(6);
        javafx.scene.control.Button close = new javafx.scene.control.Button(i18n.t("work.kb.close"));
        close.setId("kb-article-close");
        close.setOnAction(e -> vm.closeArticle());
        VBox box = new VBox(4, Ui.row(8, title, close), body);
        box.visibleProperty().bind(vm.articleProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        vm.articleProperty().addListener((o, was, now) -> {
            title.setText(now == null ? "" : now.title());
            body.setText(now == null ? "" : now.body());
        });
        return box;
    }
}
