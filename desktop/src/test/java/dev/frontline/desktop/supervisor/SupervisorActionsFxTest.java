package dev.frontline.desktop.supervisor;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.SpyMode;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallboard's actions at 1280x720: force an operator Ready / Break / Offline, listen / whisper / barge on a talking
 * operator's call, and re-rank the waiting caller an SLA alert names; refusals say the server's reason.
 */
@ExtendWith(ApplicationExtension.class)
class SupervisorActionsFxTest {
    private final FakeDesk desk = new FakeDesk("sup", "supervisor");
    private Scene scene;
    private final Instant now = Instant.now();

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        SupervisorViewModel vm = new SupervisorViewModel(desk, Clock.systemUTC());
        scene = new Scene(new SupervisorView(vm, I18n.forSetting("en"), Clock.systemUTC(), () -> { }, id -> { }), 1280, 720);
        scene.getStylesheets().add(DesktopMain.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        vm.start();
    }

    private void snapshot(FxRobot robot, OperatorState kasia, List<Views.Alert> alerts) {
        snapshot(robot, kasia, alerts, false);
    }

    private void snapshot(FxRobot robot, OperatorState kasia, List<Views.Alert> alerts, boolean majaFirst) {
        List<Views.OperatorRow> ops = new java.util.ArrayList<>(List.of(
                new Views.OperatorRow("kasia", "Katarzyna Wiśniewska", kasia, null, now, List.of("sales", "line1"), List.of("pl"),
                        kasia == OperatorState.TALKING ? "call-9" : null),
                new Views.OperatorRow("maja", "Maja Kranjc", OperatorState.READY, null, now, List.of("technical", "line1"), List.of("sl"), null)));
        if (majaFirst) java.util.Collections.reverse(ops);
        List<Views.QueueStats> queues = List.of(new Views.QueueStats("technical", "LINE1", 2, 45, 30, 80, 30, 12, 240, 3, 0, true));
        robot.interact(() -> desk.push(new ServerMessage.QueueSnapshot(Instant.now(), queues, ops, alerts)));
        WaitForAsyncUtils.sleep(1100, TimeUnit.MILLISECONDS); // the wallboard applies at most one snapshot a second
        robot.interact(() -> { });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks the operator's row, as the supervisor does (where it is now: the table redraws every second). */
    private void choose(FxRobot robot, String login) {
        String name = login.equals("kasia") ? "Katarzyna Wiśniewska" : "Maja Kranjc";
        javafx.geometry.Point2D[] at = new javafx.geometry.Point2D[1];
        robot.interact(() -> {
            Node cell = robot.lookup("#operators").lookup(".table-cell")
                    .match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && name.equals(c.getItem())
                            && n.getScene() != null && n.isVisible())
                    .query();
            Bounds b = cell.localToScreen(cell.getBoundsInLocal());
            at[0] = new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY());
        });
        robot.clickOn(at[0]);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void inWindow(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        Bounds b = n.localToScene(n.getBoundsInLocal());
        assertThat(n.isVisible()).as(query).isTrue();
        assertThat(b.getMaxX()).as(query).isLessThanOrEqualTo(scene.getWidth());
        assertThat(b.getMaxY()).as(query).isLessThanOrEqualTo(scene.getHeight());
    }

    private boolean disabled(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Button.class).isDisabled();
    }

    @Test
    void forcesTheChosenOperatorsStateAndKeepsTheChoiceAcrossSnapshots(FxRobot robot) {
        snapshot(robot, OperatorState.READY, List.of());
        assertThat(disabled(robot, "#force-break")).isTrue();
        choose(robot, "kasia");
        inWindow(robot, "#force-offline");
        assertThat(disabled(robot, "#listen")).as("kasia is not talking").isTrue();

        robot.clickOn("#force-break");
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.ForceState f = desk.last(ClientMessage.ForceState.class);
        assertThat(f.login()).isEqualTo("kasia");
        assertThat(f.state()).isEqualTo(OperatorState.BREAK);
        assertThat(robot.lookup("#sup-act-message").queryAs(Label.class).getText())
                .isEqualTo("Katarzyna Wiśniewska: state set to Break.");

        // the next snapshot lists the operators in another order: the choice stays with kasia, not with her row
        snapshot(robot, OperatorState.BREAK, List.of(), true);
        assertThat(robot.lookup("#sup-act-who").queryAs(Label.class).getText()).isEqualTo("Katarzyna Wiśniewska");
        @SuppressWarnings("unchecked")
        TableView<Views.OperatorRow> table = robot.lookup("#operators").queryAs(TableView.class);
        assertThat(table.getSelectionModel().getSelectedItem().login()).isEqualTo("kasia");
        robot.clickOn("#force-ready");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.ForceState.class).state()).isEqualTo(OperatorState.READY);
        assertThat(desk.last(ClientMessage.ForceState.class).login()).isEqualTo("kasia");
    }

    @Test
    void listensWhispersOrBargesOnATalkingOperatorAndSaysWhyWhenRefused(FxRobot robot) {
        snapshot(robot, OperatorState.TALKING, List.of());
        choose(robot, "kasia");
        inWindow(robot, "#barge");
        assertThat(disabled(robot, "#force-break")).as("the server refuses a break while talking").isTrue();
        robot.clickOn("#whisper");
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.Supervise s = desk.last(ClientMessage.Supervise.class);
        assertThat(s.login()).isEqualTo("kasia");
        assertThat(s.mode()).isEqualTo(SpyMode.WHISPER);

        desk.answer = m -> new ServerMessage.ErrorReply(m.id(), "invalid",
                "your account has no phone to listen on (operators set-endpoint)");
        robot.clickOn("#listen");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.Supervise.class).mode()).isEqualTo(SpyMode.LISTEN);
        Label said = robot.lookup("#sup-act-message").queryAs(Label.class);
        assertThat(said.getText()).isEqualTo("your account has no phone to listen on (operators set-endpoint)");
        assertThat(said.getStyleClass()).contains("danger");
    }

    @Test
    void raisesTheWaitingCallerAnSlaAlertNames(FxRobot robot) {
        Views.Alert breach = new Views.Alert(now, "warning", "SLA breached: line1 30s (call sim-12)", "line1",
                "technical", "sla-on-line", 30L, "sim-12", null);
        snapshot(robot, OperatorState.READY, List.of(breach));
        robot.interact(() -> desk.push(new ServerMessage.Alert(breach)));
        assertThat(robot.lookup("#caller-priority").query().isVisible()).isFalse();
        @SuppressWarnings("unchecked")
        ListView<Views.Alert> alerts = robot.lookup("#alerts").queryAs(ListView.class);
        robot.interact(() -> alerts.getSelectionModel().select(0));
        inWindow(robot, "#priority-1");

        robot.clickOn("#priority-1");
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.ChangePriority p = desk.last(ClientMessage.ChangePriority.class);
        assertThat(p.callId()).isEqualTo("sim-12");
        assertThat(p.priority()).isEqualTo(1);
        assertThat(robot.lookup("#caller-priority-message").queryAs(Label.class).getText()).isEqualTo("Caller sim-12 now has priority 1.");

        // answered meanwhile: the refusal is said beside the priority buttons, not under the operators
        desk.answer = m -> new ServerMessage.ErrorReply(m.id(), "invalid", "call sim-12 is not waiting");
        robot.clickOn("#priority-3");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.ChangePriority.class).priority()).isEqualTo(3);
        assertThat(robot.lookup("#caller-priority-message").queryAs(Label.class).getText()).isEqualTo("call sim-12 is not waiting");
        assertThat(robot.lookup("#sup-act-message").queryAs(Label.class).isVisible()).isFalse();
    }

    /** Issue 21: the supervisor's desk phone listening in: who and whom, the mode, switching and Stop. */
    @Test
    void theDeskPhoneListeningInShowsWhomWithTheModeSwitchesAndStops(FxRobot robot) {
        snapshot(robot, OperatorState.TALKING, List.of());
        assertThat(robot.lookup("#spy-bar").query().isVisible()).as("not listening yet").isFalse();
        Views.Spy listen = new Views.Spy("call-9", "sup", "Sue", "kasia", "Katarzyna Wiśniewska", "Jonas Jonaitis",
                SpyMode.LISTEN, now);
        robot.interact(() -> desk.push(new ServerMessage.SpyChanged(listen, "on", null, now)));
        WaitForAsyncUtils.waitForFxEvents();

        inWindow(robot, "#spy-stop");
        assertThat(robot.lookup("#spy-what").queryAs(Label.class).getText())
                .isEqualTo("Listening to Katarzyna Wiśniewska — Jonas Jonaitis");
        assertThat(robot.lookup("#spy-mode").queryAs(Label.class).getText()).isEqualTo("(listening: nobody hears you)");
        assertThat(disabled(robot, "#spy-listen")).as("the mode it is in").isTrue();
        robot.clickOn("#spy-whisper");
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.Supervise s = desk.last(ClientMessage.Supervise.class);
        assertThat(s.login()).isEqualTo("kasia");
        assertThat(s.mode()).isEqualTo(SpyMode.WHISPER);
        robot.interact(() -> desk.push(new ServerMessage.SpyChanged(new Views.Spy("call-9", "sup", "Sue", "kasia",
                "Katarzyna Wiśniewska", "Jonas Jonaitis", SpyMode.WHISPER, now), "on", null, now)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#spy-mode").queryAs(Label.class).getText())
                .isEqualTo("(whispering: only the operator hears you)");

        robot.clickOn("#spy-stop");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.StopSupervise.class)).isNotNull();
        robot.interact(() -> desk.push(new ServerMessage.SpyChanged(listen, "ended", "call-ended", now)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#spy-bar").query().isVisible()).isFalse();
        assertThat(robot.lookup("#sup-act-message").queryAs(Label.class).getText())
                .isEqualTo("The call of Katarzyna Wiśniewska ended: listening stopped.");
    }
}
