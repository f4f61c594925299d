package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Tier;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
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

/** A line-3 engineer's work list: most urgent first, overdue in red, a ticket opened, noted, resolved, escalated. */
@ExtendWith(ApplicationExtension.class)
class LineTicketsPaneFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("rasa", "operator");
    private OperatorViewModel vm;

    static Views.LineTicket ticket(String id, String subject, String tier, Instant dueAt, String customer) {
        return new Views.LineTicket(new Views.TicketSummary(id, subject, tier, "open", dueAt.minus(Duration.ofHours(24)), dueAt),
                customer == null ? null : 7L, customer, 1, "anna", null);
    }

    static Views.TicketDetail detail(Views.LineTicket t) {
        return new Views.TicketDetail(t.ticket(), t.customerId(), null, t.priority(), "TECHNICAL", "anna", List.of(
                new Views.TicketNote(NOW.minus(Duration.ofHours(25)), "anna", "state", "opened on line 1: " + t.ticket().subject()),
                new Views.TicketNote(NOW.minus(Duration.ofHours(24)), "anna", "escalation", "line 1 -> line 3: needs an engineer")), null);
    }

    private final Views.LineTicket late = ticket("FL-000047", "Fibre cut in the yard", "line3", NOW.minus(Duration.ofMinutes(2)), "Lucy Murphy");
    private final Views.LineTicket soon = ticket("FL-000052", "Packet loss at night", "line2", NOW.plus(Duration.ofMinutes(200)), null);

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        desk.lineTickets = new Views.LineTickets(NOW, List.of("LINE2", "LINE3"), List.of(late, soon));
        desk.ticketDetail = id -> id.equals(late.ticket().ticketId()) ? detail(late) : detail(soon);
        desk.customerDetail = id -> id != 7 ? null : new Views.CustomerDetail(new Views.CustomerCard(7, "10000408",
                "Lucy Murphy", "+447433200977", List.of(), "", "Celovška cesta 101-46", "Ljubljana", "Hosting Pro",
                List.of("hosting"), "active", "en"), List.of(), List.of(), new Views.OutageInfo("Ljubljana", "Fibre cut", null));
        Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
        vm = new OperatorViewModel(desk, clock, Duration.ZERO); // Resolve and Escalate at once: Undo is StableTicketButtonsFxTest's
        vm.start();
        LineTicketsPane pane = new LineTicketsPane(vm.lineTickets(), new I18n(Locale.ENGLISH), clock);
        stage.setScene(new Scene(pane, 500, 700));
        stage.show();
    }

    private List<String> texts(FxRobot robot, String query) {
        return robot.lookup(query).queryAllAs(Label.class).stream().filter(Label::isVisible).map(Label::getText).toList();
    }

    @Test
    void theListShowsWhoseAndHowLateAndAnOpenedTicketIsResolvedWithTheTypedText(FxRobot robot) {
        assertThat(robot.lookup("#line-tickets-title").queryAs(Label.class).getText())
                .isEqualTo("Open tickets · Line 2, Line 3 · 2");
        assertThat(texts(robot, "#line-tickets .label")).containsSubsequence(
                "FL-000047 · Fibre cut in the yard", "Lucy Murphy · Line 3 · priority 1 · nobody has it yet", "2 min over target",
                "FL-000052 · Packet loss at night", "no customer · Line 2 · priority 1 · nobody has it yet", "due in 3 h 20 min");
        Label overdue = robot.lookup("#line-tickets .label").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().equals("2 min over target")).findFirst().orElseThrow();
        assertThat(overdue.getStyleClass()).contains("danger");
        assertThat(robot.lookup("#ticket-detail").query().isVisible()).isFalse();

        robot.clickOn("FL-000047 · Fibre cut in the yard");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.ticketsRead).containsExactly("FL-000047");
        assertThat(robot.lookup("#ticket-detail").query().isVisible()).isTrue();
        assertThat(robot.lookup("#ticket-head").queryAs(Label.class).getText()).isEqualTo("FL-000047 · Line 3 · priority 1");
        assertThat(robot.lookup("#ticket-customer").queryAs(Label.class).getText()).isEqualTo(
                "Lucy Murphy · contract 10000408 · +447433200977\nCelovška cesta 101-46 (Ljubljana) · Hosting Pro\n"
                        + "Outage in the area: Fibre cut");
        @SuppressWarnings("unchecked")
        ListView<Views.TicketNote> history = robot.lookup("#ticket-history").queryAs(ListView.class);
        assertThat(history.getItems()).extracting(Views.TicketNote::text)
                .containsExactly("opened on line 1: Fibre cut in the yard", "line 1 -> line 3: needs an engineer");
        Button resolve = robot.lookup("#ticket-resolve").queryButton();
        assertThat(resolve.isDisabled()).as("nothing typed: no resolution").isTrue();
        assertThat(robot.lookup("#ticket-escalate").queryButton().isDisabled()).as("line 3 is the last line").isTrue();

        robot.clickOn("#ticket-draft").write("Spliced the fibre at the cabinet");
        assertThat(resolve.isDisabled()).isFalse();
        int listed = desk.lineTicketsRead;
        desk.lineTickets = new Views.LineTickets(NOW, List.of("LINE2", "LINE3"), List.of(soon)); // resolved: off the list
        robot.clickOn(resolve);
        WaitForAsyncUtils.waitForFxEvents();

        ClientMessage.CloseTicket closed = desk.last(ClientMessage.CloseTicket.class);
        assertThat(closed.ticketId()).isEqualTo("FL-000047");
        assertThat(closed.resolution()).isEqualTo("Spliced the fibre at the cabinet");
        assertThat(desk.lineTicketsRead).isGreaterThan(listed);
        assertThat(robot.lookup("#ticket-detail").query().isVisible()).as("the resolved ticket is let go").isFalse();
        assertThat(robot.lookup("#ticket-draft").queryAs(TextArea.class).getText()).isEmpty();
        assertThat(vm.lineTickets().tickets()).containsExactly(soon);
    }

    @Test
    void inRussianEveryCommandOfAnOpenedTicketStaysInsideTheNarrowPane(FxRobot robot) {
        robot.interact(() -> {
            LineTicketsPane ru = new LineTicketsPane(vm.lineTickets(), new I18n(Locale.forLanguageTag("ru")),
                    Clock.fixed(NOW, ZoneId.of("UTC")));
            robot.targetWindow().getScene().setRoot(ru);
        });
        robot.interact(() -> vm.lineTickets().open(soon)); // a line-2 ticket: every command shown, escalate too
        WaitForAsyncUtils.waitForFxEvents();
        double right = robot.targetWindow().getScene().getWidth();
        List<Button> commands = robot.lookup("#ticket-detail .button").queryAllAs(Button.class).stream()
                .filter(Button::isVisible).toList();
        assertThat(commands).extracting(Button::getText).contains("Взять", "Сохранить заметку", "Решено",
                "Передать на 3-ю линию", "Закрыть");
        for (Button b : commands) {
            assertThat(b.localToScene(b.getBoundsInLocal()).getMaxX()).as("'%s' inside the %s px pane", b.getText(), right)
                    .isLessThanOrEqualTo(right);
            assertThat(b.getWidth()).as("'%s' whole", b.getText()).isGreaterThanOrEqualTo(b.prefWidth(-1) - 0.5);
        }
    }

    @Test
    void anEngineerTakesATicketAndTheListAndDetailSayWhoHasIt(FxRobot robot) {
        robot.clickOn("FL-000052 · Packet loss at night");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#ticket-taken").queryAs(Label.class).getText()).isEqualTo("nobody has it yet");
        Views.TicketDetail before = detail(soon);
        java.util.List<Views.TicketNote> notes = new java.util.ArrayList<>(before.notes());
        notes.add(new Views.TicketNote(NOW, "rasa", "taken", "taken on line2"));
        desk.ticketDetail = id -> new Views.TicketDetail(before.ticket(), null, null, 1, "TECHNICAL", "anna", notes, "rasa");
        Views.LineTicket taken = new Views.LineTicket(soon.ticket(), null, null, 1, "anna", "rasa");
        Views.LineTicket other = new Views.LineTicket(late.ticket(), 7L, "Lucy Murphy", 1, "anna", "andrej");
        desk.lineTickets = new Views.LineTickets(NOW, List.of("LINE2", "LINE3"), List.of(other, taken));

        robot.clickOn("#ticket-take");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(desk.last(ClientMessage.TakeTicket.class).ticketId()).isEqualTo("FL-000052");
        assertThat(robot.lookup("#ticket-taken").queryAs(Label.class).getText()).isEqualTo("you have it");
        assertThat(robot.lookup("#ticket-take").queryButton().isDisabled()).as("taken by me already").isTrue();
        assertThat(texts(robot, "#line-tickets .label")).contains("Lucy Murphy · Line 3 · priority 1 · taken by andrej",
                "no customer · Line 2 · priority 1 · you have it");

        robot.clickOn("#tickets-mine"); // only what I took
        @SuppressWarnings("unchecked")
        ListView<Views.LineTicket> list = robot.lookup("#line-tickets").queryAs(ListView.class);
        assertThat(list.getItems()).containsExactly(taken);
        robot.clickOn("#tickets-mine");
        assertThat(list.getItems()).containsExactly(other, taken);
    }

    @Test
    void aTicketThatCanNoLongerBeReadIsLetGoWithOneMessageNotOneEveryRefresh(FxRobot robot) {
        robot.clickOn("FL-000047 · Fibre cut in the yard");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#ticket-detail").query().isVisible()).isTrue();
        desk.ticketDetail = id -> null; // the server forgot this desk's grant (restart): 404/403 from now on
        robot.interact(() -> vm.lineTickets().refresh());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#ticket-detail").query().isVisible()).isFalse();
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
        int reads = desk.ticketsRead.size();
        robot.interact(() -> vm.lineTickets().refresh());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.ticketsRead).hasSize(reads); // not asked again
    }

    @Test
    void aLineTwoTicketGoesToLineThreeWithTheTypedReasonAndARefusedNoteKeepsTheText(FxRobot robot) {
        robot.clickOn("FL-000052 · Packet loss at night");
        WaitForAsyncUtils.waitForFxEvents();
        Button escalate = robot.lookup("#ticket-escalate").queryButton();
        assertThat(escalate.isVisible()).isTrue();
        assertThat(robot.lookup("#ticket-customer").query().isVisible()).as("a ticket without a customer").isFalse();
        assertThat(escalate.getText()).isEqualTo("Escalate to line 3");

        desk.answer = m -> new dev.frontline.core.api.ServerMessage.ErrorReply(m.id(), "forbidden", "ticket FL-000052 is not one of your customers'");
        robot.clickOn("#ticket-draft").write("Loss only on the OLT port 3");
        robot.clickOn("#ticket-add-note");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.messageProperty().get()).contains("not one of your customers'");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
        assertThat(robot.lookup("#ticket-draft").queryAs(TextArea.class).getText()).isEqualTo("Loss only on the OLT port 3");

        desk.answer = m -> new dev.frontline.core.api.ServerMessage.Ack(m.id(), null);
        robot.clickOn(escalate);
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.EscalateTicket up = desk.last(ClientMessage.EscalateTicket.class);
        assertThat(up.ticketId()).isEqualTo("FL-000052");
        assertThat(up.toTier()).isEqualTo(Tier.LINE3);
        assertThat(up.note()).isEqualTo("Loss only on the OLT port 3");
        assertThat(vm.messageProperty().get()).isEqualTo("ticket.escalated");
    }
}
