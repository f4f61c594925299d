package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 22 item 5: the ticket's buttons keep their places, act after a few seconds' Undo, and fit 1280x720. */
@ExtendWith(ApplicationExtension.class)
class StableTicketButtonsFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("rasa", "operator");
    private final Views.LineTicket open = LineTicketsPaneFxTest.ticket("FL-000052", "Packet loss at night", "line1",
            NOW.plus(Duration.ofMinutes(4)), "Lucy Murphy");
    private Views.TicketDetail detail = LineTicketsPaneFxTest.detail(open);
    private Stage stage;
    private OperatorViewModel vm;
    /** The undo window's time running out (null when nothing waits): the test says when. */
    private volatile Runnable timeUp;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        desk.lineTickets = new Views.LineTickets(NOW, List.of("LINE1"), List.of(open));
        desk.ticketDetail = id -> detail;
        Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
        desk.articles = id -> new Views.KbArticleText(id, "en", "Router blinks red",
                "Unplug the router for ten seconds.\nWait for the green light.\nCheck the cable.\nCall again.", "", null);
        OperatorViewModel vm = new OperatorViewModel(desk, clock, new UndoWindow(Duration.ofSeconds(5), (d, action) -> {
            timeUp = action;
            return () -> timeUp = null;
        }));
        this.vm = vm;
        OperatorView view = new OperatorView(vm, new I18n(Locale.ENGLISH), clock);
        vm.start();
        desk.push(Samples.welcome("rasa", OperatorState.READY, NOW));
        stage.setScene(new Scene(view, 1280, 720));
        stage.show();
    }

    private void openTicket(FxRobot robot) {
        robot.interact(() -> robot.lookup("#operator-tabs").queryAs(TabPane.class).getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("FL-000052 · Packet loss at night");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theOpenTicketsButtonsAreAllInTheWindowAt1280x720(FxRobot robot) {
        openTicket(robot);
        for (String id : List.of("#ticket-take", "#ticket-add-note", "#ticket-resolve", "#ticket-escalate")) {
            assertShown(robot.lookup(id).queryAs(Button.class));
        }
    }

    @Test
    void theCallsTicketButtonsAreInViewWithoutScrollingAt1280x720(FxRobot robot) {
        robot.interact(() -> desk.push(Samples.pop("call-1", NOW, null)));
        robot.interact(() -> vm.openArticle(new Views.KbArticle(3, "Router blinks red", "Unplug")));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#resolve-ticket", "#escalate-l2", "#escalate-l3")) {
            assertShown(robot.lookup(id).queryAs(Button.class));
        }
    }

    @Test
    void takeLeavesEveryButtonWhereItWas(FxRobot robot) {
        openTicket(robot);
        List<String> ids = List.of("#ticket-take", "#ticket-add-note", "#ticket-resolve", "#ticket-escalate");
        List<Bounds> before = ids.stream().map(id -> bounds(robot, id)).toList();
        detail = new Views.TicketDetail(detail.ticket(), detail.customerId(), detail.callId(), detail.priority(),
                detail.intent(), detail.operator(), detail.notes(), "rasa");
        robot.clickOn("#ticket-take");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(desk.last(ClientMessage.TakeTicket.class).ticketId()).isEqualTo("FL-000052");
        assertThat(robot.lookup("#ticket-taken").queryAs(javafx.scene.control.Label.class).getText()).isEqualTo("you have it");
        assertThat(ids.stream().map(id -> bounds(robot, id)).toList()).as("the buttons' places").isEqualTo(before);
        assertThat(robot.lookup("#ticket-take").queryButton().isDisabled()).as("Take, once taken").isTrue();
    }

    @Test
    void resolveWaitsForUndoAndUndoKeepsTheTicketOpen(FxRobot robot) {
        openTicket(robot);
        robot.clickOn("#ticket-draft").write("replaced the splitter");
        robot.clickOn("#ticket-resolve");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.sent).as("sent at once").noneMatch(m -> m instanceof ClientMessage.CloseTicket);
        assertThat(robot.lookup("#undo-bar").query().isVisible()).isTrue();
        assertThat(robot.lookup("#undo-text").queryAs(javafx.scene.control.Label.class).getText())
                .startsWith("Resolving ticket FL-000052");

        robot.clickOn("#undo");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#undo-bar").query().isVisible()).isFalse();
        assertThat(robot.lookup("#ticket-detail").query().isVisible()).as("the ticket stays open").isTrue();

        // Escalate after it: it is sent when its time is up; had the undone Resolve not been dropped, it would be first
        robot.clickOn("#ticket-escalate");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.sent).as("sent at once").noneMatch(m -> m instanceof ClientMessage.EscalateTicket);
        robot.interact(timeUp);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.EscalateTicket.class).note()).isEqualTo("replaced the splitter");
        assertThat(desk.sent).as("the undone resolve").noneMatch(m -> m instanceof ClientMessage.CloseTicket);
    }

    @Test
    void ctrlEOnACallWaitsForUndoThenEscalates(FxRobot robot) {
        robot.interact(() -> desk.push(Samples.pop("call-1", NOW, "FL-000060")));
        robot.interact(() -> desk.push(new ServerMessage.CallConnected("call-1", NOW)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.E)
                .release(javafx.scene.input.KeyCode.E, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.sent).as("sent at once").noneMatch(m -> m instanceof ClientMessage.EscalateTicket);
        assertThat(robot.lookup("#undo-text").queryAs(javafx.scene.control.Label.class).getText())
                .startsWith("Passing ticket FL-000060 to line 2");
        assertThat(robot.lookup("#escalate-l3").queryButton().isDisabled()).as("while one waits").isTrue();

        robot.interact(timeUp);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.EscalateTicket.class).ticketId()).isEqualTo("FL-000060");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#undo-bar").query().isVisible()).isFalse();
    }

    /** Seen in the demo: Escalate on a call with no ticket yet threw (a null among the bar's words). */
    @Test
    void escalateOnACallWithoutATicketWaitsThenMakesTheTicketAndEscalatesIt(FxRobot robot) {
        desk.answer = m -> new ServerMessage.Ack(m.id(), m instanceof ClientMessage.CreateTicket ? "FL-000061" : null);
        robot.interact(() -> desk.push(Samples.pop("call-2", NOW, null)));
        robot.interact(() -> desk.push(new ServerMessage.CallConnected("call-2", NOW)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#escalate-l2").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#undo-text").queryAs(javafx.scene.control.Label.class).getText())
                .startsWith("Making the call's ticket and passing it to line 2");
        assertThat(desk.sent).as("sent at once").noneMatch(m -> m instanceof ClientMessage.CreateTicket
                || m instanceof ClientMessage.EscalateTicket);

        robot.interact(timeUp);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.EscalateTicket.class).ticketId()).isEqualTo("FL-000061");
    }

    private static Bounds bounds(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        return n.localToScene(n.getBoundsInLocal());
    }

    /** Visible, inside the window, and inside the viewport of any scroll pane it is in (no scrolling needed). */
    private void assertShown(Node n) {
        assertThat(n.isVisible()).as("%s visible", n.getId()).isTrue();
        Bounds b = n.localToScene(n.getBoundsInLocal());
        assertThat(b.getMaxY()).as("%s bottom in a 720 px window", n.getId()).isLessThanOrEqualTo(stage.getScene().getHeight());
        assertThat(b.getMaxX()).as("%s right edge", n.getId()).isLessThanOrEqualTo(stage.getScene().getWidth());
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane s) {
                Bounds view = s.localToScene(s.getLayoutBounds());
                assertThat(b.getMaxY()).as("%s above the scroll fold", n.getId()).isLessThanOrEqualTo(view.getMaxY());
            }
        }
    }
}
