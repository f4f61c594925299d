package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Tier;
import dev.frontline.core.testing.MutableClock;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Warm (consult) transfer on the desk at 1280x720 (issue 21): Consult… picks a ready colleague or a line and a note,
 * the bar then says who is rung / talked to with Complete transfer and Cancel; the consulted colleague's pop says it is
 * a consultation from whom, with the note.
 */
@ExtendWith(ApplicationExtension.class)
class ConsultFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("kasia", "operator");
    private final MutableClock clock = new MutableClock(NOW, ZoneId.of("UTC"));
    private Scene scene;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        OperatorViewModel vm = new OperatorViewModel(desk, clock);
        OperatorView view = new OperatorView(vm, new I18n(Locale.ENGLISH), clock);
        vm.start();
        desk.colleagues = List.of(new Views.Colleague("piotr", "Piotr Nowak", List.of("line2"), List.of("en", "pl")));
        desk.push(Samples.welcome("kasia", OperatorState.READY, NOW));
        desk.push(Samples.pop("call-7", NOW, "FL-000042"));
        desk.push(new ServerMessage.CallConnected("call-7", NOW));
        desk.push(new ServerMessage.StateChanged("kasia", OperatorState.TALKING, null, NOW));
        scene = new Scene(view, 1280, 720);
        scene.getStylesheets().add(DesktopMain.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private boolean shown(FxRobot robot, String query) {
        return robot.lookup(query).query().isVisible();
    }

    private String status(FxRobot robot) {
        return robot.lookup("#consult-status").queryAs(Label.class).getText();
    }

    private String toast(FxRobot robot) {
        return robot.lookup("#toast").queryAs(Label.class).getText();
    }

    private void inWindow(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        assertThat(n.isVisible()).as(query + " visible").isTrue();
        Bounds b = n.localToScene(n.getBoundsInLocal());
        assertThat(b.getMaxX()).as(query).isLessThanOrEqualTo(scene.getWidth());
        assertThat(b.getMaxY()).as(query).isLessThanOrEqualTo(scene.getHeight());
    }

    /** Consult… is in Transfer's menu (its arrow). */
    private void openConsult(FxRobot robot) {
        robot.clickOn((Node) robot.lookup("#transfer .arrow-button").query());
        robot.clickOn("Consult…");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void push(FxRobot robot, ServerMessage m) {
        robot.interact(() -> desk.push(m));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void consultingAColleagueByNameThenCompletingPassesTheCall(FxRobot robot) {
        inWindow(robot, "#transfer");
        openConsult(robot);
        assertThat(shown(robot, "#hold")).as("the usual commands step aside").isFalse();
        inWindow(robot, "#consult-ring");
        @SuppressWarnings("unchecked")
        ComboBox<ConsultViewModel.Target> target = robot.lookup("#consult-target").queryAs(ComboBox.class);
        assertThat(target.getItems()).extracting(t -> target.getConverter().toString(t))
                .containsExactly("Piotr Nowak", "Line 1, next free", "Line 2, next free", "Line 3, next free");
        assertThat(target.getValue().login()).isEqualTo("piotr");
        robot.clickOn("#consult-note").write("modem replaced, still drops");
        robot.clickOn("#consult-ring");
        WaitForAsyncUtils.waitForFxEvents();

        ClientMessage.ConsultCall sent = desk.last(ClientMessage.ConsultCall.class);
        assertThat(sent.callId()).isEqualTo("call-7");
        assertThat(sent.operator()).isEqualTo("piotr");
        assertThat(sent.tier()).isNull();
        assertThat(sent.note()).isEqualTo("modem replaced, still drops");
        assertThat(shown(robot, "#consult-target")).isFalse();
        assertThat(robot.lookup("#consult-note").queryAs(javafx.scene.control.TextField.class).getText())
                .as("sent: the next consultation starts without it").isEmpty();

        push(robot, new ServerMessage.CallHoldChanged("call-7", true, 0, NOW));
        push(robot, new ServerMessage.ConsultChanged("call-7", "piotr", "ringing", null, null, NOW));
        assertThat(status(robot)).isEqualTo("Ringing Piotr Nowak…");
        assertThat(robot.lookup("#complete-transfer").queryAs(Button.class).isDisabled()).as("not answered yet").isTrue();
        inWindow(robot, "#cancel-consult");
        assertThat(shown(robot, "#held-time")).isTrue();

        push(robot, new ServerMessage.ConsultChanged("call-7", "piotr", "talking", null, null, NOW));
        assertThat(status(robot)).isEqualTo("Talking with Piotr Nowak");
        inWindow(robot, "#complete-transfer");
        robot.clickOn("#complete-transfer");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.CompleteTransfer.class).callId()).isEqualTo("call-7");

        push(robot, new ServerMessage.ConsultChanged("call-7", "piotr", "ended", "completed", "", NOW));
        push(robot, new ServerMessage.CallFinished("call-7", NOW, NOW.plusSeconds(30)));
        assertThat(shown(robot, "#call-controls")).as("wrap-up: no call commands").isFalse();
    }

    /** Issue 21: the desk lost its connection while Piotr talked with it about the caller; the Welcome brings it back. */
    @Test
    void aDeskThatReconnectsMidConsultationStillHasCompleteAndCancel(FxRobot robot) {
        openConsult(robot);
        robot.clickOn("#consult-ring");
        push(robot, new ServerMessage.CallHoldChanged("call-7", true, 0, NOW));
        push(robot, new ServerMessage.ConsultChanged("call-7", "piotr", "talking", null, null, NOW));

        // the window starts again (the connection dropped): the server's Welcome is all it hears of the call now
        FakeDesk fresh = desk;
        OperatorViewModel[] vm = new OperatorViewModel[1];
        robot.interact(() -> {
            vm[0] = new OperatorViewModel(fresh, clock);
            OperatorView view = new OperatorView(vm[0], new I18n(Locale.ENGLISH), clock);
            vm[0].start();
            fresh.push(new ServerMessage.Welcome(1, "kasia", "Kasia", "operator", OperatorState.TALKING, null, NOW,
                    Samples.pop("call-7", NOW, "FL-000042"), NOW.plusSeconds(40), "connected", null,
                    new Views.Consultation("call-7", "kasia", "piotr", "talking", "modem", NOW.plusSeconds(20)), null));
            scene.setRoot(view);
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(status(robot)).as("the colleague by login: the picker was not opened in this window")
                .isEqualTo("Talking with piotr");
        inWindow(robot, "#complete-transfer");
        inWindow(robot, "#cancel-consult");
        assertThat(robot.lookup("#complete-transfer").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(shown(robot, "#held-time")).as("the caller still holds").isTrue();
        robot.clickOn("#complete-transfer");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.CompleteTransfer.class).callId()).isEqualTo("call-7");
    }

    /** Issue 21: a whispering supervisor shows on the talking operator's bar; listening does not; it goes with them. */
    @Test
    void aWhisperingOrBargingSupervisorShowsOnTheOperatorsBar(FxRobot robot) {
        Views.Spy whisper = new Views.Spy("call-7", "sue", "Sue Supervisor", "kasia", "Kasia", "+37061111111",
                dev.frontline.core.common.SpyMode.WHISPER, NOW);
        assertThat(shown(robot, "#coached")).isFalse();
        push(robot, new ServerMessage.SpyChanged(whisper, "on", null, NOW));
        inWindow(robot, "#coached");
        assertThat(robot.lookup("#coached").queryAs(Label.class).getText()).isEqualTo("Sue Supervisor is coaching you");
        push(robot, new ServerMessage.SpyChanged(new Views.Spy("call-7", "sue", "Sue Supervisor", "kasia", "Kasia",
                "+37061111111", dev.frontline.core.common.SpyMode.BARGE, NOW), "on", null, NOW));
        assertThat(robot.lookup("#coached").queryAs(Label.class).getText()).isEqualTo("Sue Supervisor joined the call");
        push(robot, new ServerMessage.SpyChanged(whisper, "ended", "stopped", NOW));
        assertThat(shown(robot, "#coached")).isFalse();
    }

    @Test
    void aLineIsConsultedAndCancellingOrNoAnswerGivesTheCallBackToThisDesk(FxRobot robot) {
        openConsult(robot);
        @SuppressWarnings("unchecked")
        ComboBox<ConsultViewModel.Target> target = robot.lookup("#consult-target").queryAs(ComboBox.class);
        robot.interact(() -> target.setValue(target.getItems().stream().filter(t -> t.tier() == Tier.LINE2)
                .findFirst().orElseThrow()));
        robot.clickOn("#consult-ring");
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.ConsultCall sent = desk.last(ClientMessage.ConsultCall.class);
        assertThat(sent.operator()).isNull();
        assertThat(sent.tier()).isEqualTo(Tier.LINE2);
        assertThat(sent.note()).isNull();

        push(robot, new ServerMessage.CallHoldChanged("call-7", true, 0, NOW));
        push(robot, new ServerMessage.ConsultChanged("call-7", "marta", "ringing", null, null, NOW));
        assertThat(status(robot)).as("a line's colleague shows by login").isEqualTo("Ringing marta…");
        assertThat(shown(robot, "#held-time")).isTrue();
        robot.clickOn("#cancel-consult");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.CancelConsult.class).callId()).isEqualTo("call-7");
        push(robot, new ServerMessage.ConsultChanged("call-7", "marta", "ended", "cancelled", "cancelled by kasia", NOW));
        push(robot, new ServerMessage.CallHoldChanged("call-7", false, 3, NOW.plusSeconds(3)));
        assertThat(toast(robot)).isEqualTo("Consultation cancelled: the caller is back with you.");
        assertThat(shown(robot, "#hold")).isTrue();
        assertThat(shown(robot, "#cancel-consult")).isFalse();

        openConsult(robot);
        assertThat(shown(robot, "#held-time")).as("the picker takes the held time's room").isFalse();
        robot.clickOn("#consult-ring");
        push(robot, new ServerMessage.ConsultChanged("call-7", "piotr", "ringing", null, null, NOW));
        push(robot, new ServerMessage.ConsultChanged("call-7", "piotr", "ended", "not-answered", "ring no answer", NOW));
        assertThat(toast(robot)).isEqualTo("Piotr Nowak did not answer (ring no answer): the caller is back with you.");

        openConsult(robot);
        robot.clickOn("#consult-ring");
        push(robot, new ServerMessage.ConsultChanged("call-7", null, "refused", null, "piotr is not ready (break)", NOW));
        assertThat(toast(robot)).isEqualTo("Not possible: piotr is not ready (break)");
        assertThat(shown(robot, "#transfer")).isTrue();
    }

    @Test
    void theConsultedColleaguesPopSaysItIsAConsultationFromWhomWithTheNoteAndGoesWhenItEnds(FxRobot robot) {
        FakeDesk piotr = new FakeDesk("piotr", "operator");
        Scene[] sc = new Scene[1];
        Stage[] st = new Stage[1];
        robot.interact(() -> {
            OperatorViewModel m = new OperatorViewModel(piotr, clock);
            OperatorView v = new OperatorView(m, new I18n(Locale.ENGLISH), clock);
            m.start();
            piotr.push(Samples.welcome("piotr", OperatorState.READY, NOW));
            piotr.push(Samples.pop("call-7", NOW, "FL-000042").withTransfer(
                    new Views.TransferInfo("kasia", "modem replaced, still drops", NOW, true)));
            sc[0] = new Scene(v, 1280, 720);
            sc[0].getStylesheets().add(DesktopMain.class.getResource("app.css").toExternalForm());
            st[0] = new Stage();
            st[0].setScene(sc[0]);
            st[0].show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        try {
            atlantafx.base.controls.Message m = (atlantafx.base.controls.Message) sc[0].lookup("#transferred-by");
            assertThat(m.getTitle()).isEqualTo("kasia asks you about this call at 08:30:00: the caller holds");
            assertThat(m.getDescription()).isEqualTo("modem replaced, still drops");
            robot.interact(() -> {
                piotr.push(new ServerMessage.CallConnected("call-7", NOW));
                piotr.push(new ServerMessage.StateChanged("piotr", OperatorState.TALKING, "consult call-7", NOW));
                piotr.push(new ServerMessage.CallOfferWithdrawn("call-7", ServerMessage.CallOfferWithdrawn.CONSULT_ENDED, NOW));
                piotr.push(new ServerMessage.StateChanged("piotr", OperatorState.READY, "consultation ended", NOW));
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(sc[0].lookup("#transferred-by")).as("the consultation's pop is gone").isNull();
            assertThat(((Label) sc[0].lookup("#toast")).getText())
                    .isEqualTo("The consultation ended: the caller stays with your colleague.");
        } finally {
            robot.interact(st[0]::hide);
        }
    }
    /** In Russian (the longest words) the picker and a running consultation fit the state bar at 1280, Log out too. */
    @Test
    void inRussianThePickerAndTheRunningConsultationFitTheBar(FxRobot robot) {
        FakeDesk ru = new FakeDesk("olga", "operator");
        ru.colleagues = List.of(new Views.Colleague("piotr", "Пётр Новак", List.of("line2"), List.of("ru")));
        Scene[] sc = new Scene[1];
        Stage[] st = new Stage[1];
        OperatorViewModel[] vm = new OperatorViewModel[1];
        robot.interact(() -> {
            vm[0] = new OperatorViewModel(ru, clock);
            OperatorView v = new OperatorView(vm[0], new I18n(Locale.forLanguageTag("ru")), clock);
            vm[0].start();
            ru.push(Samples.welcome("olga", OperatorState.READY, NOW));
            ru.push(Samples.pop("call-8", NOW, "FL-000043"));
            ru.push(new ServerMessage.CallConnected("call-8", NOW));
            ru.push(new ServerMessage.StateChanged("olga", OperatorState.TALKING, null, NOW));
            sc[0] = new Scene(v, 1280, 720);
            sc[0].getStylesheets().add(DesktopMain.class.getResource("app.css").toExternalForm());
            st[0] = new Stage();
            st[0].setScene(sc[0]);
            st[0].show();
            vm[0].callControls().consult().open();
        });
        WaitForAsyncUtils.waitForFxEvents();
        try {
            whole(sc[0], "#consult-target", "#consult-ring", "#consult-close", "#log-out");
            robot.interact(() -> {
                ru.push(new ServerMessage.CallHoldChanged("call-8", true, 0, NOW));
                ru.push(new ServerMessage.ConsultChanged("call-8", "piotr", "talking", null, null, NOW));
            });
            WaitForAsyncUtils.waitForFxEvents();
            whole(sc[0], "#consult-status", "#complete-transfer", "#cancel-consult", "#held-time", "#log-out");
        } finally {
            robot.interact(st[0]::hide);
        }
    }

    /** Each of {@code ids} is shown, inside the 1280-wide window, and drawn whole (no ellipsis). */
    private static void whole(Scene scene, String... ids) {
        for (String id : ids) {
            Node n = scene.lookup(id);
            assertThat(n.isVisible()).as(id).isTrue();
            Bounds b = n.localToScene(n.getBoundsInLocal());
            assertThat(b.getMaxX()).as(id).isLessThanOrEqualTo(1280);
            if (n instanceof javafx.scene.control.Labeled l) {
                javafx.scene.text.Text drawn = (javafx.scene.text.Text) l.lookup(".text");
                assertThat(drawn.getText()).as(id + " as drawn").isEqualTo(l.getText());
            }
        }
    }
}
