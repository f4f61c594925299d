package dev.frontline.desktop.supervisor;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.operator.LineTicketsViewModel;
import dev.frontline.desktop.testing.FakeDesk;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supervisor opens any ticket by its number in the Tickets window ("Ticket #", Ctrl+G), a closed one too, sees its
 * history and reopens it with a reason; what is not a number, or a number no ticket has, is said under the field.
 */
@ExtendWith(ApplicationExtension.class)
class TicketByNumberFxTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private final FakeDesk desk = new FakeDesk("sup", "supervisor");
    private Stage shown;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        desk.lineTickets = new Views.LineTickets(NOW, List.of("LINE1", "LINE2", "LINE3"), List.of());
        desk.ticketDetail = id -> !id.equals("FL-000042") ? null : new Views.TicketDetail(new Views.TicketSummary(id,
                "No internet", "line2", "closed", NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2))), null,
                null, 1, "TECHNICAL", "anna", List.of(
                new Views.TicketNote(NOW.minus(Duration.ofDays(3)), "anna", "state", "opened on line2: No internet"),
                new Views.TicketNote(NOW.minus(Duration.ofDays(2)), "anna", "state", "closed: router replaced")), null);
    }

    private Stage open(FxRobot robot) {
        robot.interact(() -> shown = new TicketsWindow(new LineTicketsViewModel(desk), I18n.forSetting("en"),
                Clock.systemUTC(), DesktopMain.class.getResource("app.css").toExternalForm()).show(null));
        WaitForAsyncUtils.waitForFxEvents();
        return shown;
    }

    private String problem(FxRobot robot) {
        Label l = robot.lookup("#ticket-number-problem").queryAs(Label.class);
        return l.isVisible() ? l.getText() : "";
    }

    @Test
    void aClosedTicketOpensByItsNumberWithItsHistoryAndIsReopenedWithAReason(FxRobot robot) {
        Stage s = open(robot);
        assertThat(robot.lookup("#ticket-number").queryAs(TextField.class).isFocused()).as("the field has the focus").isTrue();
        robot.write("42").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(desk.ticketsRead).contains("FL-000042");
        assertThat(robot.lookup("#ticket-detail").query().isVisible()).isTrue();
        assertThat(robot.lookup("#ticket-reopen").query().isVisible()).isTrue();
        assertThat(robot.lookup("#ticket-history").queryListView().getItems()).hasSize(2);
        assertThat(problem(robot)).isEmpty();
        assertThat(robot.lookup("#assign-ticket").query().getParent().isVisible()).as("a closed ticket is not assigned").isFalse();

        robot.clickOn("#ticket-draft").write("Broken again since morning");
        robot.clickOn("#ticket-reopen");
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.ReopenTicket sent = desk.last(ClientMessage.ReopenTicket.class);
        assertThat(sent.ticketId()).isEqualTo("FL-000042");
        assertThat(sent.reason()).isEqualTo("Broken again since morning");
        robot.interact(s::hide);
    }

    @Test
    void anUnknownNumberOrNoNumberIsSaidUnderTheFieldAndTheOpenTicketStays(FxRobot robot) {
        Stage s = open(robot);
        robot.write("FL-42").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#ticket-detail").query().isVisible()).isTrue();

        robot.interact(() -> ((TextField) robot.lookup("#ticket-number").query()).setText("99"));
        robot.clickOn("#ticket-number-open");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problem(robot)).isEqualTo("No ticket FL-000099: check the number");
        assertThat(robot.lookup("#ticket-detail").query().isVisible()).as("FL-000042 still shown").isTrue();

        robot.interact(() -> ((TextField) robot.lookup("#ticket-number").query()).setText("abc"));
        robot.clickOn("#ticket-number-open");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problem(robot)).isEqualTo("'abc' is not a ticket number: type e.g. FL-000042 or 42");
        assertThat(desk.ticketsRead).doesNotContain("abc");
        robot.interact(s::hide);
    }

    @Test
    void ctrlGPutsTheCursorInTheNumberField(FxRobot robot) {
        Stage s = open(robot);
        robot.clickOn("#line-tickets");
        Node field = robot.lookup("#ticket-number").query();
        assertThat(field.isFocused()).isFalse();
        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(field.isFocused()).isTrue();
        robot.interact(s::hide);
    }

    @Test
    void numbersAreReadAsTicketIds() {
        assertThat(LineTicketsViewModel.ticketNumber("42")).contains("FL-000042");
        assertThat(LineTicketsViewModel.ticketNumber(" fl-000042 ")).contains("FL-000042");
        assertThat(LineTicketsViewModel.ticketNumber("#7")).contains("FL-000007");
        assertThat(LineTicketsViewModel.ticketNumber("FL 1234567")).contains("FL-1234567");
        assertThat(LineTicketsViewModel.ticketNumber("abc")).isEmpty();
        assertThat(LineTicketsViewModel.ticketNumber("")).isEmpty();
        assertThat(LineTicketsViewModel.ticketNumber("4 2")).isEmpty();
    }

    @Test
    void theNumberFieldAndAClosedTicketShowTheirTextsWholeInEveryLanguage(FxRobot robot) {
        for (String lang : I18n.LANGUAGES) {
            Stage[] s = new Stage[1];
            robot.interact(() -> s[0] = new TicketsWindow(new LineTicketsViewModel(desk), I18n.forSetting(lang),
                    Clock.systemUTC(), DesktopMain.class.getResource("app.css").toExternalForm()).show(null));
            robot.interact(() -> ((TextField) s[0].getScene().lookup("#ticket-number")).setText("abc"));
            robot.interact(() -> ((javafx.scene.control.Button) s[0].getScene().lookup("#ticket-number-open")).fire());
            WaitForAsyncUtils.waitForFxEvents();
            Label problem = (Label) s[0].getScene().lookup("#ticket-number-problem");
            assertThat(problem.getText()).as(lang).contains("abc").doesNotContain("!tickets");
            robot.interact(() -> ((TextField) s[0].getScene().lookup("#ticket-number")).setText("42"));
            robot.interact(() -> ((javafx.scene.control.Button) s[0].getScene().lookup("#ticket-number-open")).fire());
            WaitForAsyncUtils.waitForFxEvents();
            for (String id : List.of("#ticket-number-open", "#ticket-reopen")) {
                javafx.scene.control.Button b = (javafx.scene.control.Button) s[0].getScene().lookup(id);
                assertThat(b.isVisible()).as("%s %s", lang, id).isTrue();
                assertThat(b.getWidth()).as("%s: '%s'", lang, b.getText()).isGreaterThanOrEqualTo(b.prefWidth(-1) - 0.5);
                assertThat(b.getText()).doesNotStartWith("!");
            }
            robot.interact(s[0]::hide);
        }
    }
}
