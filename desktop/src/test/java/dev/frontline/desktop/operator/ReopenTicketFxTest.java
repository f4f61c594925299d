package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static dev.frontline.desktop.operator.LineTicketsPaneFxTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A closed ticket opened in the Tickets pane (e.g. from a caller's last contacts: "it is broken again") shows its
 * history with only <em>Reopen</em>, which needs the reason typed and sends {@code reopen-ticket}; once the server
 * reopened it, the ticket is worked as any open one.
 */
@ExtendWith(ApplicationExtension.class)
class ReopenTicketFxTest {
    private final FakeDesk desk = new FakeDesk("rasa", "operator");
    private final AtomicReference<String> state = new AtomicReference<>("closed");
    private OperatorViewModel vm;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        desk.lineTickets = new Views.LineTickets(NOW, List.of("LINE1"), List.of());
        desk.ticketDetail = id -> new Views.TicketDetail(new Views.TicketSummary(id, "No internet", "line1", state.get(),
                NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(2)).plusSeconds(300)), null, null, 1, "TECHNICAL",
                "anna", List.of(
                new Views.TicketNote(NOW.minus(Duration.ofDays(2)), "anna", "state", "opened on line1: No internet"),
                new Views.TicketNote(NOW.minus(Duration.ofDays(2)).plusSeconds(240), "anna", "state", "closed: router restarted")),
                null);
        Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
        vm = new OperatorViewModel(desk, clock);
        vm.start();
        stage.setScene(new Scene(new LineTicketsPane(vm.lineTickets(), new I18n(Locale.ENGLISH), clock), 500, 700));
        stage.show();
    }

    private static boolean shown(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void aClosedTicketShowsOnlyReopenWhichSendsTheTypedReason(FxRobot robot) {
        robot.interact(() -> vm.lineTickets().open("FL-000040"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shown(robot, "#ticket-detail")).isTrue();
        assertThat(shown(robot, "#ticket-reopen")).isTrue();
        for (String id : List.of("#ticket-resolve", "#ticket-add-note", "#ticket-take", "#ticket-escalate")) {
            assertThat(shown(robot, id)).as(id).isFalse();
        }
        assertThat(robot.lookup("#ticket-due").queryAs(Label.class).getText()).startsWith("closed ").endsWith("type why it is reopened");
        assertThat(robot.lookup("#ticket-reopen").query().isDisabled()).as("no reason typed yet").isTrue();

        robot.clickOn("#ticket-draft").write("The customer calls again: no internet since morning");
        state.set("open"); // what the server holds once it took the command
        robot.clickOn("#ticket-reopen");
        WaitForAsyncUtils.waitForFxEvents();

        ClientMessage.ReopenTicket sent = desk.last(ClientMessage.ReopenTicket.class);
        assertThat(sent.ticketId()).isEqualTo("FL-000040");
        assertThat(sent.reason()).isEqualTo("The customer calls again: no internet since morning");
        assertThat(shown(robot, "#ticket-reopen")).isFalse();
        assertThat(shown(robot, "#ticket-resolve")).isTrue();
        assertThat(shown(robot, "#ticket-add-note")).isTrue();
    }
}
