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
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
 * Issue 22 item 9, a whole day at the desk: the desk's own dispositions and callback times, the Callbacks tab
 * following the server, today's calls with the way back to each record and ticket, a customer search at any time.
 */
@ExtendWith(ApplicationExtension.class)
class OperatorDayFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("kasia", "operator").withDeskSettings(new Views.DeskSettings(
            List.of("resolved", "refund"), List.of(new Views.CallbackTime(45L, null), new Views.CallbackTime(null, "08:30")),
            "Europe/Vilnius"));
    private final Views.MyCall answered = new Views.MyCall("call-9", NOW.minus(Duration.ofMinutes(40)),
            NOW.minus(Duration.ofMinutes(35)), "+37061234567", 7L, "Jonas Petraitis", "technical", "FL-000123", "refund");

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        desk.myCalls = List.of(answered);
        desk.customers = List.of(Samples.customer());
        desk.customerDetail = id -> new Views.CustomerDetail(Samples.customer(), List.of(new Views.TicketSummary(
                "FL-000140", "TV has no sound", "line1", "open", NOW, NOW.plusSeconds(300))), List.of(), null);
        desk.ticketDetail = id -> new Views.TicketDetail(new Views.TicketSummary(id, "No internet", "line1", "open",
                NOW, NOW.plusSeconds(300)), 7L, "call-9", 1, "TECHNICAL", "kasia", List.of(), null);
        Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
        OperatorViewModel vm = new OperatorViewModel(desk, clock, Duration.ZERO);
        OperatorView view = new OperatorView(vm, new I18n(Locale.ENGLISH), clock);
        vm.start();
        desk.push(Samples.welcome("kasia", OperatorState.READY, NOW));
        stage.setScene(new Scene(view, 1280, 720));
        stage.show();
    }

    @Test
    void theDesksOwnDispositionsAndCallbackTimesAreOffered(FxRobot robot) {
        robot.interact(() -> desk.push(Samples.pop("call-1", NOW, "FL-000200")));
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<String> disposition = robot.lookup("#disposition").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<Views.CallbackTime> when = robot.lookup("#callback-when").queryAs(ComboBox.class);
        assertThat(disposition.getItems().stream().map(disposition.getConverter()::toString))
                .containsExactly("Resolved", "refund");
        assertThat(when.getItems().stream().map(when.getConverter()::toString)).containsExactly("in 45 min", "tomorrow 08:30");
        assertThat(when.getConverter().toString(when.getValue())).isEqualTo("in 45 min");

        robot.interact(() -> when.setValue(when.getItems().get(1)));
        robot.interact(() -> robot.lookup("#schedule-callback").queryButton().fire()); // below the Call tab's fold
        WaitForAsyncUtils.waitForFxEvents();
        // 08:30 tomorrow in Vilnius (UTC+2 in November), the desk's zone, whatever this machine's zone
        assertThat(desk.last(ClientMessage.ScheduleCallback.class).windowStart()).isEqualTo(Instant.parse("2026-11-24T06:30:00Z"));
        robot.interact(() -> disposition.setValue("refund"));
        assertThat(desk.last(ClientMessage.SetDisposition.class).disposition()).isEqualTo("refund");
    }

    @Test
    void theCallbacksTabFollowsTheServerWithoutRefresh(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ListView<Views.CallbackRow> list = robot.lookup("#callbacks").queryAs(ListView.class);
        assertThat(list.getItems()).isEmpty();
        desk.callbacks = List.of(new Views.CallbackRow(12, "+37061234567", 7L, "Jonas Petraitis", "TECHNICAL", 1, "LINE1",
                "lt", NOW.minusSeconds(3600), 42, NOW.minusSeconds(1800), NOW.plusSeconds(7200), "waiting", 0, null, null,
                null, List.of()));

        robot.interact(() -> desk.push(new ServerMessage.CallbacksChanged(NOW)));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(list.getItems()).extracting(Views.CallbackRow::id).containsExactly(12L);
    }

    @Test
    void todaysCallsLeadBackToTheRecordAndTheTicket(FxRobot robot) {
        selectToday(robot);
        assertThat(robot.lookup("#today-title").queryAs(Label.class).getText()).isEqualTo("My calls today · 1");
        javafx.scene.control.ListCell<?> first = robot.lookup("#today-calls .list-cell").queryAs(javafx.scene.control.ListCell.class);
        assertThat(first.getText()).isEqualTo(new I18n(Locale.ENGLISH).time(answered.answeredAt())
                + " · Jonas Petraitis · technical failure · FL-000123 · refund");
        robot.clickOn(first);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#today-record").queryAs(Label.class).getText()).startsWith("Jonas Petraitis · contract C-100234");
        assertThat(desk.customersRead).contains(7L);
        robot.clickOn("#today-ticket-FL-000123");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.ticketsRead).contains("FL-000123");
        assertThat(robot.lookup("#operator-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId())
                .isEqualTo("tab-tickets");
        assertThat(robot.lookup("#ticket-head").queryAs(Label.class).getText()).startsWith("FL-000123");
    }

    @Test
    void aCallThatEndsJoinsTodaysList(FxRobot robot) {
        int before = desk.myCallsAsked.size();
        robot.interact(() -> desk.push(Samples.pop("call-1", NOW, null)));
        robot.interact(() -> desk.push(new ServerMessage.CallFinished("call-1", NOW, NOW.plusSeconds(30))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.myCallsAsked).hasSizeGreaterThan(before).last().isEqualTo(Instant.parse("2026-11-23T00:00:00Z")
                .atZone(ZoneId.of("UTC")).toLocalDate().atStartOfDay(ZoneId.systemDefault()).toInstant());
    }

    @Test
    void aCustomerIsFoundWithoutAnyCall(FxRobot robot) {
        selectToday(robot);
        robot.clickOn("#today-search").write("Petraitis").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.searches).containsExactly("Petraitis");
        robot.clickOn("Jonas Petraitis  ·  C-100234  ·  Gedimino pr. 1, Vilnius");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#today-record").queryAs(Label.class).getText()).startsWith("Jonas Petraitis · contract C-100234");
        assertThat(robot.lookup("#today-ticket-FL-000140").tryQuery()).as("the customer's open ticket to open").isPresent();
    }

    private static void selectToday(FxRobot robot) {
        robot.interact(() -> {
            TabPane tabs = robot.lookup("#operator-tabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "tab-today".equals(t.getId())).findFirst().orElseThrow());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
