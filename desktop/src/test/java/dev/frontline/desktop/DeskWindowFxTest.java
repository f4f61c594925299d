package dev.frontline.desktop;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Tier;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
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
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The real windows and views, headless (Monocle), against a hand-written desk: the UI wiring, not the server. */
@ExtendWith(ApplicationExtension.class)
class DeskWindowFxTest {
    private final FakeDesk operator = new FakeDesk("op1", "operator");
    private final FakeDesk supervisor = new FakeDesk("sup", "supervisor");
    private DeskWindow window;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        DeskWindow.Context ctx = new DeskWindow.Context(I18n.forSetting("en"),
                (uri, login, pw) -> CompletableFuture.completedFuture(login.startsWith("sup") ? supervisor : operator),
                Clock.systemUTC(), DesktopMain.class.getResource("app.css").toExternalForm());
        window = new DeskWindow(stage, ctx, "http://127.0.0.1:1", null);
        stage.show();
    }

    /** Types the login and password into the login window and submits it. */
    static void logIn(FxRobot robot, String login) {
        robot.clickOn("#login").write(login);
        robot.clickOn("#password").write("secret");
        robot.clickOn("#login-button");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void operatorLogsInGetsAScreenPopWritesANoteAndEscalates(FxRobot robot) {
        logIn(robot, "op1");
        robot.interact(() -> operator.push(Samples.welcome("op1", OperatorState.READY, Instant.now())));
        assertThat(text(robot, "#state")).isEqualTo("Ready");

        robot.interact(() -> operator.push(Samples.pop("call-1", Instant.now(), "T-0100")));
        assertThat(text(robot, "#caller-name")).isEqualTo("Jonas Petraitis");
        assertThat(robot.lookup("#outage").tryQuery()).isPresent();

        robot.clickOn("#accept");
        assertThat(operator.last(ClientMessage.AcceptCall.class).callId()).isEqualTo("call-1");
        robot.interact(() -> operator.push(new ServerMessage.CallConnected("call-1", Instant.now())));

        robot.clickOn("#note").write("Router LOS light red since morning");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.AddNote note = operator.last(ClientMessage.AddNote.class);
        assertThat(note.ticketId()).isEqualTo("T-0100");
        assertThat(note.text()).isEqualTo("Router LOS light red since morning");

        robot.clickOn("#note").write("fibre cut suspected");
        robot.clickOn("#escalate-l2");
        waitUntilSent(operator, ClientMessage.EscalateTicket.class); // after the few seconds' Undo (ADR 0133)
        ClientMessage.EscalateTicket esc = operator.last(ClientMessage.EscalateTicket.class);
        assertThat(esc.toTier()).isEqualTo(Tier.LINE2);
        assertThat(esc.note()).isEqualTo("fibre cut suspected");
    }

    @Test
    void anOperatorWhoMissedACallIsToldHowToTakeCallsAgainUntilReady(FxRobot robot) {
        logIn(robot, "op1");
        Instant t = Instant.parse("2026-11-22T09:04:00Z");
        robot.interact(() -> operator.push(Samples.welcome("op1", OperatorState.READY, t)));
        assertThat(text(robot, "#idle-title")).isEqualTo("No call");

        robot.interact(() -> operator.push(Samples.pop("call-1", t, "T-0100")));
        robot.interact(() -> {
            operator.push(new ServerMessage.StateChanged("op1", OperatorState.MISSED, null, t.plusSeconds(15)));
            operator.push(new ServerMessage.CallOfferWithdrawn("call-1", ServerMessage.CallOfferWithdrawn.NOT_ANSWERED, t.plusSeconds(15)));
        });
        assertThat(robot.lookup("#idle-title").queryAs(Label.class).isVisible()).isTrue();
        assertThat(text(robot, "#idle-title")).isEqualTo("You missed a call at " + I18n.hoursMinutes(t.plusSeconds(15), java.time.ZoneId.systemDefault()));
        assertThat(text(robot, "#idle-text")).contains("until you press Ready (F2)");

        robot.interact(() -> operator.push(new ServerMessage.StateChanged("op1", OperatorState.BREAK, "lunch", t.plusSeconds(60))));
        assertThat(text(robot, "#idle-title")).isEqualTo("On break");
        robot.interact(() -> operator.push(new ServerMessage.StateChanged("op1", OperatorState.READY, null, t.plusSeconds(90))));
        assertThat(text(robot, "#idle-title")).isEqualTo("No call");
        assertThat(text(robot, "#idle-text")).startsWith("The customer's record appears here");
    }

    @Test
    void f2SetsReady(FxRobot robot) {
        logIn(robot, "op1");
        robot.interact(() -> operator.push(Samples.welcome("op1", OperatorState.BREAK, Instant.now())));
        robot.press(KeyCode.F2).release(KeyCode.F2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(operator.last(ClientMessage.SetState.class).state()).isEqualTo(OperatorState.READY);
    }

    @Test
    void supervisorSeesTheNumbersChange(FxRobot robot) throws Exception {
        logIn(robot, "sup");
        robot.interact(() -> supervisor.push(snapshot(2, false)));
        assertThat(text(robot, "#kpi-waiting")).isEqualTo("3");
        assertThat(text(robot, "#kpi-breached")).isEqualTo("0");
        Thread.sleep(1100); // the wallboard refreshes its tables at most once a second
        robot.interact(() -> supervisor.push(snapshot(7, true)));
        assertThat(text(robot, "#kpi-waiting")).isEqualTo("8");
        assertThat(text(robot, "#kpi-breached")).isEqualTo("1");
        assertThat(text(robot, "#kpi-talking")).isEqualTo("1");
        assertThat(text(robot, "#kpi-missed")).isEqualTo("1"); // not taking calls until they press Ready
    }

    @Test
    void supervisorSeesTicketsPerLineAgainstTheirTargetsAndTheOverdueOnes(FxRobot robot) {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        supervisor.ticketLines = new Views.TicketLines(now, List.of(
                new Views.TicketLine("LINE1", 300, 4, 1, now.minusSeconds(14 * 60 + 300)),
                new Views.TicketLine("LINE2", 600, 2, 0, now.plusSeconds(120)),
                new Views.TicketLine("LINE3", 86_400, 7, 0, now.plusSeconds(3600))),
                List.of(new Views.LineTicket(new Views.TicketSummary("FL-000123", "No internet since morning", "line1", "open",
                        now.minusSeconds(19 * 60), now.minusSeconds(125 * 60 + 30)), 7L, "Jonas", 1, "anna", "olga")));
        logIn(robot, "sup");
        assertThat(text(robot, "#tickets-open-line1")).isEqualTo("4 open");
        assertThat(text(robot, "#tickets-overdue-line1")).isEqualTo("1 overdue");
        assertThat(text(robot, "#tickets-overdue-line2")).isEqualTo("0 overdue");
        assertThat(robot.lookup("≤ 5 min").tryQuery()).isPresent();
        assertThat(robot.lookup("≤ 24 h").tryQuery()).isPresent();
        assertThat(robot.lookup("FL-000123 · Line 1 · No internet since morning · 2 h 5 min over target · taken by olga")
                .tryQuery()).isPresent();
    }

    @Test
    void aSupervisorOpensAnOverdueTicketFromTheWallboardAndPassesItOn(FxRobot robot) {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        Views.LineTicket late = new Views.LineTicket(new Views.TicketSummary("FL-000123", "No internet since morning",
                "line1", "open", now.minusSeconds(19 * 60), now.minusSeconds(14 * 60)), null, null, 1, "anna", "olga");
        supervisor.ticketLines = new Views.TicketLines(now, List.of(new Views.TicketLine("LINE1", 300, 1, 1, late.ticket().dueAt())),
                List.of(late));
        supervisor.lineTickets = new Views.LineTickets(now, List.of("LINE1", "LINE2", "LINE3"), List.of(late));
        supervisor.ticketDetail = id -> new Views.TicketDetail(late.ticket(), null, null, 1, "TECHNICAL", "anna", List.of(
                new Views.TicketNote(now.minusSeconds(19 * 60), "anna", "state", "opened on line1: No internet since morning"),
                new Views.TicketNote(now.minusSeconds(18 * 60), "olga", "taken", "taken on line1")), "olga");
        logIn(robot, "sup");

        javafx.scene.control.Hyperlink item = robot.lookup("#overdue-FL-000123").queryAs(javafx.scene.control.Hyperlink.class);
        assertThat(item.getTooltip().getText()).isEqualTo(item.getText()).endsWith("taken by olga");
        robot.clickOn("#overdue-FL-000123");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(supervisor.ticketsRead).contains("FL-000123");
        assertThat(text(robot, "#ticket-head")).isEqualTo("FL-000123 · Line 1 · priority 1");
        assertThat(text(robot, "#ticket-taken")).isEqualTo("taken by olga");
        assertThat(text(robot, "#line-tickets-title")).isEqualTo("Open tickets · Line 1, Line 2, Line 3 · 1");
        robot.clickOn("#ticket-draft").write("Olga is off sick: line 2 takes it");
        robot.clickOn("#ticket-escalate");
        waitUntilSent(supervisor, ClientMessage.EscalateTicket.class); // after the few seconds' Undo (ADR 0133)
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.EscalateTicket up = supervisor.last(ClientMessage.EscalateTicket.class);
        assertThat(up.ticketId()).isEqualTo("FL-000123");
        assertThat(up.toTier()).isEqualTo(Tier.LINE2);
        assertThat(text(robot, "#tickets-message")).isEqualTo("Ticket escalated");
    }

    @Test
    void testPhoneDialsAndShowsThePrompt(FxRobot robot) {
        logIn(robot, "sup");
        supervisor.simDialAnswer = new Views.PhoneTurn("sim-1", List.of(new Views.PhoneStep("play", "en", "welcome",
                "Welcome to Frontline. Press 1 for a technical failure.", null, null)), "digits", 1, 5000, true, 0, 0, null, null);
        supervisor.simInput = d -> new Views.PhoneTurn("sim-1", List.of(), "queue", 0, 0, false, 1, 61, null, null);
        supervisor.sampleCallers = List.of(new Views.SampleCaller("Rasa Kazlauskienė", "+37061234567", "lt", "Kaunas", "1937", true));
        robot.clickOn("#open-phone");
        robot.clickOn("#phone-samples");
        robot.clickOn("Rasa Kazlauskienė · LT · Kaunas");
        assertThat(robot.lookup("#phone-from").queryAs(javafx.scene.control.TextField.class).getText()).isEqualTo("+37061234567");
        assertThat(text(robot, "#phone-pin")).isEqualTo("Rasa Kazlauskienė, PIN 1937 · their area has an outage");
        robot.clickOn("#phone-call");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("Welcome to Frontline. Press 1 for a technical failure.").tryQuery()).isPresent();
        robot.clickOn("#key-1");
        assertThat(supervisor.simInputs).containsExactly("1");
        // the minutes the voice says (WaitMinutes: nearest, at least 1), not "about 1:01" beside "about 2 minutes"
        assertThat(robot.lookup("On hold, position 1, about 1 min").tryQuery()).isPresent();
    }

    private static ServerMessage.QueueSnapshot snapshot(int waiting, boolean breached) {
        Instant now = Instant.now();
        return new ServerMessage.QueueSnapshot(now,
                List.of(Samples.queue("LINE1", waiting, 40, breached ? 61 : 92, breached), Samples.queue("LINE2", 1, 5, 100, false)),
                List.of(Samples.operator("a", OperatorState.TALKING, now), Samples.operator("b", OperatorState.READY, now),
                        Samples.operator("c", OperatorState.MISSED, now)),
                List.of());
    }

    /** Waits (up to 20 s, for a loaded machine) until {@code desk} has sent a {@code type}. */
    static void waitUntilSent(dev.frontline.desktop.testing.FakeDesk desk, Class<? extends ClientMessage> type) {
        try {
            WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                    () -> desk.sent.stream().anyMatch(type::isInstance));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no " + type.getSimpleName() + " sent within 20 s; sent: " + desk.sent);
        }
    }
}
