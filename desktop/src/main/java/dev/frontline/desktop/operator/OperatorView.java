package dev.frontline.desktop.operator;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.common.Tier;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.time.Clock;

/** The operator's desk: state bar on top, screen-pop on the left, the work, callbacks and line's tickets on the right. */
public final class OperatorView extends BorderPane {
    private final Timeline ticker;
    private final OperatorViewModel vm;

    private final StackPane offerBox = new StackPane();
    private javafx.beans.binding.BooleanBinding ringingBinding;

    private static String whoRings(OperatorViewModel vm) {
        ServerMessage.ScreenPop p = vm.callProperty().get();
        if (p != null) return p.customer() != null ? p.customer().name() : p.callingNumber();
        ServerMessage.CallbackOffer o = vm.callbackOfferProperty().get();
        if (o == null) return "";
        return o.customer() != null ? o.customer().name() : o.number();
    }

    public OperatorView(OperatorViewModel vm, I18n i18n, Clock clock) {
        this(vm, i18n, clock, RingAlert.NONE);
    }

    /** @param ring what the desk does while something rings for the operator (tone, raised window, notification) */
    public OperatorView(OperatorViewModel vm, I18n i18n, Clock clock, RingAlert ring) {
        this.vm = vm;
        getStyleClass().add("operator-view");
        StateBar bar = new StateBar(vm, i18n);
        setTop(bar);

        ScreenPopPane pop = new ScreenPopPane(vm, i18n);
        WorkPane work = new WorkPane(vm, i18n, clock);
        ScrollPane workScroll = new ScrollPane(Ui.padded(work, 16));
        workScroll.setFitToWidth(true);
        CallbacksPane callbacks = new CallbacksPane(vm, i18n, clock);
        Ui.padded(callbacks, 12);
        LineTicketsPane lineTickets = new LineTicketsPane(vm.lineTickets(), i18n, clock);
        Ui.padded(lineTickets, 12);
        Tab ticketsTab = new Tab(i18n.t("tab.tickets"), lineTickets);
        ticketsTab.setId("tab-tickets");
        ticketsTab.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            long late = LineTicketsViewModel.overdue(vm.lineTickets().listedProperty().get());
            return late == 0 ? i18n.t("tab.tickets") : i18n.t("tab.tickets.overdue", late);
        }, vm.lineTickets().listedProperty()));
        ticketsTab.setOnSelectionChanged(e -> {
            if (ticketsTab.isSelected()) vm.lineTickets().refresh();
        });
        VBox callTab = new VBox(workScroll, Ui.padded(work.ticketBar(), 12));
        VBox.setVgrow(workScroll, javafx.scene.layout.Priority.ALWAYS);
        Tab todayTab = new Tab(i18n.t("tab.today"), Ui.padded(new TodayPane(vm.today(), i18n, vm.lineTickets()::open), 12));
        todayTab.setId("tab-today");
        todayTab.setOnSelectionChanged(e -> {
            if (todayTab.isSelected()) vm.today().refresh();
        });
        TabPane tabs = new TabPane(new Tab(i18n.t("tab.call"), callTab), new Tab(i18n.t("tab.callbacks"), callbacks),
                ticketsTab, todayTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("operator-tabs");
        vm.lineTickets().openProperty().addListener((o, a, t) -> { // e.g. a caller's earlier ticket opened from the pop
            if (t != null && (a == null || !a.ticket().ticketId().equals(t.ticket().ticketId()))) {
                tabs.getSelectionModel().select(ticketsTab);
            }
        });
        SplitPane split = new SplitPane(pop, tabs);
        split.setDividerPositions(0.56);
        setCenter(split);

        Label toast = new Label();
        toast.setId("toast");
        toast.getStyleClass().add("toast");
        toast.setVisible(false);
        PauseTransition hide = new PauseTransition(Duration.seconds(4));
        hide.setOnFinished(e -> toast.setVisible(false));
        vm.messageProperty().addListener((o, a, m) -> {
            if (m == null || m.isEmpty()) return;
            toast.setText(i18n.has(m) ? i18n.t(m) : m);
            toast.getStyleClass().removeAll("toast-error", "toast-ok", "toast-warning");
            toast.getStyleClass().add(vm.messageIsErrorProperty().get() ? "toast-error"
                    : vm.messageIsWarningProperty().get() ? "toast-warning" : "toast-ok");
            toast.setVisible(true);
            hide.playFromStart();
        });
        UndoBar undoBar = new UndoBar(vm.undo(), i18n);
        StackPane.setAlignment(undoBar, Pos.CENTER_RIGHT);
        StackPane toastBox = new StackPane(toast, undoBar);
        toastBox.setAlignment(Pos.CENTER_LEFT);
        toastBox.setPadding(new Insets(0, 12, 8, 12));
        VBox bottom = new VBox(offerBox, toastBox);
        setBottom(bottom);

        vm.callbackOfferProperty().addListener((o, a, offer) -> showOffer(offer, vm, i18n, tabs));
        vm.callProperty().addListener((o, was, now) -> { // a new call opens at the top: the notes are in view
            if (now == null || was != null && was.callId().equals(now.callId())) return;
            workScroll.setVvalue(0);
            ServerMessage.CallbackOffer cb = vm.callbackOfferProperty().get();
            if (cb != null && cb.attemptId().equals(now.callId())) { // the callback customer answered: the Call tab
                tabs.getSelectionModel().select(0);                  // (its offer showed the Callbacks tab)
            }
        });
        javafx.beans.binding.BooleanBinding ringing = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.phaseProperty().get() == CallPhase.RINGING
                        || vm.callbackOfferProperty().get() != null
                        && vm.stateProperty().get() == dev.frontline.core.acd.OperatorState.RINGING,
                vm.phaseProperty(), vm.callbackOfferProperty(), vm.stateProperty());
        ringing.addListener((o, was, now) -> {
            if (now) ring.ring(whoRings(vm));
            else ring.stop();
        });
        ringingBinding = ringing; // kept: a binding only referenced by its listener could be collected

        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (StateBar.READY.match(e)) vm.ready();
            else if (StateBar.BREAK.match(e)) bar.openBreakMenu();
            else if (StateBar.OFFLINE.match(e)) vm.offline();
            else if (StateBar.DONE.match(e)) vm.endWrapUp();
            else if (ScreenPopPane.ACCEPT.match(e)) vm.accept();
            else if (ScreenPopPane.HANG_UP.match(e)) vm.hangUp();
            else if (CallControlsBar.HOLD.match(e)) vm.callControls().toggleHold();
            else if (CallControlsBar.MUTE.match(e)) vm.callControls().toggleMute();
            else if (WorkPane.SAVE_NOTE.match(e)) vm.saveNote();
            else if (WorkPane.ESCALATE_L3.match(e)) vm.escalateLater(Tier.LINE3);
            else if (WorkPane.ESCALATE.match(e)) vm.escalateLater(Tier.LINE2);
            else if (WorkPane.NEW_TICKET.match(e)) vm.ticketForCall(work.typedSubject());
            else return;
            e.consume();
        });
        vm.phaseProperty().addListener((o, a, p) -> {
            if (p == CallPhase.TALKING) work.focusNote();
        });

        int[] seconds = {0};
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            vm.tick();
            if (++seconds[0] % 30 == 0) { // callbacks fall due, tickets pass their targets as time passes
                vm.refreshCallbacks();
                vm.lineTickets().refresh();
            }
            if (seconds[0] % 60 == 0) vm.refreshRating();
        }));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    /**
     * The callback's banner: who and how long they waited, with Answer (F6) while it rings and Hang up (F7) while
     * the operator talks on it; both in fixed places at the banner's right.
     */
    private void showOffer(ServerMessage.CallbackOffer offer, OperatorViewModel vm, I18n i18n, TabPane tabs) {
        if (offer == null) {
            offerBox.getChildren().clear();
            offerBox.setPadding(Insets.EMPTY);
            return;
        }
        Message m = new Message(i18n.t("cb.offer.title", offer.number()),
                i18n.t("cb.offer.text", offer.customer() == null ? offer.number() : offer.customer().name(),
                        I18n.clock(offer.originalWaitSeconds()), offer.attempt()));
        m.getStyleClass().add(Styles.ACCENT);
        m.setId("callback-offer");
        javafx.scene.control.Button answer = Ui.button(i18n.t("pop.accept"), vm::accept, Styles.SUCCESS);
        answer.setId("callback-answer");
        Ui.shortcut(answer, i18n.t("pop.accept"), ScreenPopPane.ACCEPT);
        javafx.scene.control.Button hang = Ui.button(i18n.t("pop.hangup"), vm::hangUp, Styles.DANGER);
        hang.setId("callback-hangup");
        Ui.shortcut(hang, i18n.t("pop.hangup"), ScreenPopPane.HANG_UP);
        answer.disableProperty().bind(vm.stateProperty().isNotEqualTo(dev.frontline.core.acd.OperatorState.RINGING));
        hang.disableProperty().bind(vm.stateProperty().isNotEqualTo(dev.frontline.core.acd.OperatorState.TALKING));
        javafx.scene.layout.HBox actions = new javafx.scene.layout.HBox(8, answer, hang);
        actions.setAlignment(Pos.CENTER_RIGHT);
        actions.setPickOnBounds(false);
        StackPane.setAlignment(actions, Pos.CENTER_RIGHT);
        StackPane.setMargin(actions, new Insets(0, 16, 0, 0));
        tabs.getSelectionModel().select(1);
        offerBox.getChildren().setAll(m, actions);
        offerBox.setPadding(new Insets(0, 12, 8, 12));
    }

    /** Stops the clock; call when the window closes. */
    public void dispose() {
        ticker.stop();
        vm.undo().flush(); // a Resolve or Escalate still waiting for Undo is sent, not lost with the window
    }
}
