package dev.frontline.desktop.supervisor;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.operator.LineTicketsViewModel;
import dev.frontline.desktop.testing.FakeDesk;
import javafx.application.Application;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The supervisor's Tickets window assigns the open ticket to an operator of its line (issue 22, wallboard). */
@ExtendWith(ApplicationExtension.class)
class AssignTicketFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("sup", "supervisor");
    private final ObservableList<Views.OperatorRow> operators = FXCollections.observableArrayList(
            new Views.OperatorRow("olga", "Olga", OperatorState.READY, null, NOW, List.of("technical", "line1"), List.of("lt"), null),
            new Views.OperatorRow("rasa", "Rasa", OperatorState.READY, null, NOW, List.of("technical", "line3"), List.of("lt"), null),
            new Views.OperatorRow("petras", "Petras", OperatorState.BREAK, "lunch", NOW, List.of("general", "line1"), List.of("lt"), null));
    private String takenBy;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Views.TicketSummary s = new Views.TicketSummary("FL-000123", "No internet", "line1", "open", NOW, NOW.plusSeconds(300));
        desk.lineTickets = new Views.LineTickets(NOW, List.of("LINE1", "LINE2", "LINE3"),
                List.of(new Views.LineTicket(s, null, null, 1, "anna", null)));
        desk.ticketDetail = id -> new Views.TicketDetail(s, null, null, 1, "TECHNICAL", "anna", List.of(
                new Views.TicketNote(NOW, takenBy == null ? "anna" : takenBy, takenBy == null ? "state" : "taken",
                        takenBy == null ? "opened on line1: No internet" : "assigned on line1 by sup")), takenBy);
    }

    @Test
    void theOpenTicketGoesToAnOperatorOfItsLine(FxRobot robot) {
        Stage[] shown = new Stage[1];
        robot.interact(() -> shown[0] = new TicketsWindow(new LineTicketsViewModel(desk), I18n.forSetting("en"),
                Clock.systemUTC(), DesktopMain.class.getResource("app.css").toExternalForm(), operators).show("FL-000123"));
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        ComboBox<Views.OperatorRow> who = robot.from(shown[0].getScene().getRoot()).lookup("#assign-to").queryAs(ComboBox.class);
        assertThat(who.getItems()).as("line 1's operators only").extracting(Views.OperatorRow::login)
                .containsExactly("olga", "petras");
        assertThat(robot.from(shown[0].getScene().getRoot()).lookup("#assign-ticket").queryButton().isDisabled()).isTrue();
        robot.interact(() -> who.setValue(who.getItems().get(0)));
        takenBy = "olga";
        robot.interact(() -> robot.from(shown[0].getScene().getRoot()).lookup("#assign-ticket").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();

        ClientMessage.AssignTicket sent = desk.last(ClientMessage.AssignTicket.class);
        assertThat(sent.ticketId()).isEqualTo("FL-000123");
        assertThat(sent.login()).isEqualTo("olga");
        assertThat(robot.from(shown[0].getScene().getRoot()).lookup("#ticket-taken").queryAs(Label.class).getText())
                .isEqualTo("taken by olga");
        assertThat(robot.from(shown[0].getScene().getRoot()).lookup("#tickets-message").queryAs(Label.class).getText())
                .startsWith("Ticket assigned");
        robot.interact(shown[0]::hide);
    }
}
