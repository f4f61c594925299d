package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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

/** "I called yesterday about it": the caller's earlier ticket in the pop opens in the Tickets tab, to note and resolve. */
@ExtendWith(ApplicationExtension.class)
class PopTicketFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("kasia", "operator");
    private OperatorView view;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Views.TicketSummary earlier = Samples.pop("call-1", NOW, null).openTickets().get(0); // T-0042, line 1, open
        desk.ticketDetail = id -> id.equals("T-0042") ? new Views.TicketDetail(earlier, 7L, "call-0", 1, "TECHNICAL",
                "anna", List.of(new Views.TicketNote(NOW.minus(Duration.ofDays(1)), "anna", "state",
                "opened on line 1: No internet since morning")), null) : null;
        desk.customerDetail = id -> new Views.CustomerDetail(Samples.customer(), List.of(earlier), List.of(), null);
        Views.TicketSummary late = new Views.TicketSummary("T-0007", "Slow line", "line1", "open",
                NOW.minus(Duration.ofMinutes(9)), NOW.minus(Duration.ofMinutes(4)));
        Views.TicketSummary inTime = new Views.TicketSummary("T-0008", "Invoice", "line1", "open",
                NOW.minus(Duration.ofMinutes(2)), NOW.plus(Duration.ofMinutes(3)));
        desk.lineTickets = new Views.LineTickets(NOW, List.of("LINE1"), List.of(
                new Views.LineTicket(late, null, null, 2, "anna", null), new Views.LineTicket(inTime, null, null, 3, "anna", null)));
        Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
        OperatorViewModel vm = new OperatorViewModel(desk, clock, java.time.Duration.ZERO); // Resolve at once
        view = new OperatorView(vm, new I18n(Locale.ENGLISH), clock);
        vm.start();
        desk.push(Samples.welcome("kasia", OperatorState.READY, NOW));
        desk.push(Samples.pop("call-1", NOW, null));
        stage.setScene(new Scene(view, 1200, 760));
        stage.show();
    }

    @Test
    void theTicketsTabSaysHowManyOfTheLinesTicketsAreLate(FxRobot robot) {
        TabPane tabs = robot.lookup("#operator-tabs").queryAs(TabPane.class);
        javafx.scene.control.Tab tickets = tabs.getTabs().stream().filter(t -> "tab-tickets".equals(t.getId()))
                .findFirst().orElseThrow();
        assertThat(tickets.getText()).isEqualTo("Tickets · 1 late");
        desk.lineTickets = new Views.LineTickets(NOW, List.of("LINE1"), List.of());
        robot.interact(() -> tabs.getSelectionModel().select(tickets)); // selecting it reads the list again
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tickets.getText()).isEqualTo("Tickets");
    }

    @Test
    void theCallersEarlierTicketOpensFromThePopAndIsResolvedThere(FxRobot robot) {
        TabPane tabs = robot.lookup("#operator-tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedIndex()).isZero(); // the call's work

        robot.clickOn("#pop-ticket-T-0042");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-tickets");
        assertThat(desk.ticketsRead).isNotEmpty().containsOnly("T-0042"); // read again as the tab opens (it refreshes)
        assertThat(robot.lookup("#ticket-head").queryAs(Label.class).getText()).isEqualTo("T-0042 · Line 1 · priority 1");
        robot.clickOn("#ticket-draft").write("Router replaced by courier, works again");
        robot.clickOn("#ticket-resolve");
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.CloseTicket closed = desk.last(ClientMessage.CloseTicket.class);
        assertThat(closed.ticketId()).isEqualTo("T-0042");
        assertThat(closed.resolution()).isEqualTo("Router replaced by courier, works again");
        assertThat(robot.lookup("#ticket-detail").query().isVisible()).isFalse();
    }
}
