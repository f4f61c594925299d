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
import javafx.scene.Node;
import javafx.scene.Scene;
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

/**
 * "It is broken again": the caller's last contact names its ticket, closed since; the link opens it in the Tickets
 * tab with only Reopen, which sends the typed reason.
 */
@ExtendWith(ApplicationExtension.class)
class ReopenFromThePopFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("kasia", "operator");

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Views.TicketSummary closed = new Views.TicketSummary("T-0031", "TV has no signal", "line1", "closed",
                NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(3)).plusSeconds(300));
        desk.ticketDetail = id -> id.equals("T-0031") ? new Views.TicketDetail(closed, 7L, "call-0", 3, "TECHNICAL",
                "anna", List.of(new Views.TicketNote(NOW.minus(Duration.ofDays(3)), "anna", "state",
                "opened on line1: TV has no signal"), new Views.TicketNote(NOW.minus(Duration.ofDays(3)).plusSeconds(200),
                "anna", "state", "closed: channel list reloaded")), null) : null;
        desk.lineTickets = new Views.LineTickets(NOW, List.of("LINE1"), List.of());
        Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
        OperatorViewModel vm = new OperatorViewModel(desk, clock);
        OperatorView view = new OperatorView(vm, new I18n(Locale.ENGLISH), clock);
        vm.start();
        desk.push(Samples.welcome("kasia", OperatorState.READY, NOW));
        ServerMessage.ScreenPop p = Samples.pop("call-1", NOW, null);
        desk.push(new ServerMessage.ScreenPop(p.callId(), p.offeredAt(), p.callingNumber(), p.customer(), p.trail(),
                List.of(), List.of(new Views.Contact(NOW.minus(Duration.ofDays(3)), "phone", "TV has no signal", "T-0031")),
                p.outage(), null));
        stage.setScene(new Scene(view, 1200, 760));
        stage.show();
    }

    @Test
    void aClosedTicketOfTheCallersLastContactOpensWithReopen(FxRobot robot) {
        robot.clickOn("#pop-contact-ticket-T-0031");
        WaitForAsyncUtils.waitForFxEvents();

        TabPane tabs = robot.lookup("#operator-tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-tickets");
        assertThat(robot.lookup("#ticket-reopen").query().isVisible()).isTrue();
        assertThat(robot.lookup("#ticket-resolve").tryQuery().map(Node::isVisible).orElse(false)).isFalse();
        robot.clickOn("#ticket-draft").write("No signal again since last night");
        robot.clickOn("#ticket-reopen");
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.ReopenTicket sent = desk.last(ClientMessage.ReopenTicket.class);
        assertThat(sent.ticketId()).isEqualTo("T-0031");
        assertThat(sent.reason()).isEqualTo("No signal again since last night");
    }
}
