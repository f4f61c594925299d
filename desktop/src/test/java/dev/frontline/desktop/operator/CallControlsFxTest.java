package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
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
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The talking operator's call commands at 1280x720: Hold / Resume (F8) with the held time counting, Mute / Unmute
 * (F9), Transfer to a line with the typed note on the ticket first; none of it while the call only rings.
 */
@ExtendWith(ApplicationExtension.class)
class CallControlsFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("kasia", "operator");
    private final MutableClock clock = new MutableClock(NOW, ZoneId.of("UTC"));
    private OperatorViewModel vm;
    private Scene scene;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        vm = new OperatorViewModel(desk, clock);
        OperatorView view = new OperatorView(vm, new I18n(Locale.ENGLISH), clock);
        vm.start();
        desk.push(Samples.welcome("kasia", OperatorState.READY, NOW));
        desk.push(Samples.pop("call-7", NOW, "FL-000042"));
        scene = new Scene(view, 1280, 720);
        scene.getStylesheets().add(DesktopMain.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private void talk(FxRobot robot) {
        robot.interact(() -> {
            desk.push(new ServerMessage.CallConnected("call-7", NOW));
            desk.push(new ServerMessage.StateChanged("kasia", OperatorState.TALKING, null, NOW));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        return n instanceof Button b ? b.getText() : ((Label) n).getText();
    }

    private void inWindow(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        assertThat(n.isVisible()).as(query + " visible").isTrue();
        Bounds b = n.localToScene(n.getBoundsInLocal());
        assertThat(b.getMinX()).as(query).isGreaterThanOrEqualTo(0);
        assertThat(b.getMaxX()).as(query).isLessThanOrEqualTo(scene.getWidth());
        assertThat(b.getMaxY()).as(query).isLessThanOrEqualTo(scene.getHeight());
    }

    /** In Russian (the longest names) the commands sit whole in the state bar, in a 1280-wide window, Log out too. */
    @Test
    void inRussianEveryCommandIsWholeInTheStateBar(FxRobot robot) {
        FakeDesk ru = new FakeDesk("olga", "operator");
        Scene[] sc = new Scene[1];
        Stage[] st = new Stage[1];
        robot.interact(() -> {
            OperatorViewModel m = new OperatorViewModel(ru, clock);
            OperatorView v = new OperatorView(m, new I18n(Locale.forLanguageTag("ru")), clock);
            m.start();
            ru.push(Samples.welcome("olga", OperatorState.READY, NOW));
            ru.push(Samples.pop("call-8", NOW, "FL-000043"));
            ru.push(new ServerMessage.CallConnected("call-8", NOW));
            ru.push(new ServerMessage.StateChanged("olga", OperatorState.TALKING, null, NOW));
            ru.push(new ServerMessage.CallHoldChanged("call-8", true, 0, NOW));
            sc[0] = new Scene(v, 1280, 720);
            sc[0].getStylesheets().add(DesktopMain.class.getResource("app.css").toExternalForm());
            st[0] = new Stage();
            st[0].setScene(sc[0]);
            st[0].show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        try {
            for (String id : new String[] {"#hold", "#held-time", "#mute", "#transfer", "#log-out"}) {
                javafx.scene.control.Labeled l = (javafx.scene.control.Labeled) sc[0].lookup(id);
                assertThat(l.isVisible()).as(id).isTrue();
                Bounds b = l.localToScene(l.getBoundsInLocal());
                assertThat(b.getMaxX()).as(id).isLessThanOrEqualTo(1280);
                javafx.scene.text.Text drawn = (javafx.scene.text.Text) l.lookup(".text");
                assertThat(drawn.getText()).as(id + " as drawn").isEqualTo(l.getText());
            }
            assertThat(((Button) sc[0].lookup("#hold")).getText()).isEqualTo("Вернуть");
        } finally {
            robot.interact(st[0]::hide);
        }
    }

    /** The receiving side of a colleague's transfer: who passed the call on, when, and their note, above all else. */
    @Test
    void aCallPassedOnSaysWhoAndTheirNote(FxRobot robot) {
        robot.interact(() -> desk.push(Samples.pop("call-8", NOW, "FL-000044").withTransfer(
                new dev.frontline.core.api.Views.TransferInfo("rasa", "router swapped, still no sync", NOW))));
        atlantafx.base.controls.Message m = robot.lookup("#transferred-by").queryAs(atlantafx.base.controls.Message.class);
        assertThat(m.getTitle()).startsWith("rasa passed this call to you at ");
        assertThat(m.getDescription()).isEqualTo("router swapped, still no sync");
        inWindow(robot, "#transferred-by");
    }

    @Test
    void noCallCommandsWhileTheCallOnlyRings(FxRobot robot) {
        assertThat(robot.lookup("#call-controls").query().isVisible()).isFalse();
        inWindow(robot, "#accept");
    }

    @Test
    void holdSendsHoldThenResumeAndShowsTheHeldTimeCounting(FxRobot robot) {
        talk(robot);
        inWindow(robot, "#hold");
        assertThat(text(robot, "#hold")).isEqualTo("Hold");
        assertThat(robot.lookup("#held-time").query().isVisible()).isFalse();
        double muteAt = robot.lookup("#mute").query().localToScene(0, 0).getX();

        robot.clickOn("#hold");
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.HoldCall on = desk.last(ClientMessage.HoldCall.class);
        assertThat(on.callId()).isEqualTo("call-7");
        assertThat(on.on()).isTrue();
        robot.interact(() -> desk.push(new ServerMessage.CallHoldChanged("call-7", true, 0, NOW)));

        clock.advance(Duration.ofSeconds(65));
        robot.interact(vm::tick);
        assertThat(text(robot, "#hold")).isEqualTo("Resume");
        assertThat(text(robot, "#held-time")).isEqualTo("On hold 1:05");
        assertThat(robot.lookup("#mute").query().localToScene(0, 0).getX()).as("Mute stays put").isEqualTo(muteAt);

        robot.clickOn("#hold");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.HoldCall.class).on()).isFalse();
        robot.interact(() -> desk.push(new ServerMessage.CallHoldChanged("call-7", false, 65, NOW.plusSeconds(65))));
        assertThat(text(robot, "#hold")).isEqualTo("Hold");
        assertThat(text(robot, "#held-time")).isEqualTo("Held 1:05 in all");
    }

    @Test
    void f8HoldsAndF9MutesFromTheKeyboard(FxRobot robot) {
        talk(robot);
        robot.clickOn("#note");
        robot.type(KeyCode.F8);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.HoldCall.class).on()).isTrue();

        robot.type(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.MuteCall.class).on()).isTrue();
        assertThat(text(robot, "#mute")).isEqualTo("Unmute");
        robot.clickOn("#mute");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.MuteCall.class).on()).isFalse();
        assertThat(text(robot, "#mute")).isEqualTo("Mute");
    }

    @Test
    void transferPutsTheTypedNoteOnTheTicketThenPassesTheCallToTheChosenLine(FxRobot robot) {
        talk(robot);
        inWindow(robot, "#transfer");
        robot.clickOn("#note").write("Router replaced, still no sync: needs line 3");
        @SuppressWarnings("unchecked")
        ComboBox<Tier> line = robot.lookup("#transfer-line").queryAs(ComboBox.class);
        robot.interact(() -> line.setValue(Tier.LINE3));
        robot.clickOn("#transfer");
        WaitForAsyncUtils.waitForFxEvents();

        ClientMessage.AddNote note = desk.last(ClientMessage.AddNote.class);
        assertThat(note.ticketId()).isEqualTo("FL-000042");
        assertThat(note.text()).isEqualTo("Router replaced, still no sync: needs line 3");
        ClientMessage.TransferCall t = desk.last(ClientMessage.TransferCall.class);
        assertThat(t.callId()).isEqualTo("call-7");
        assertThat(t.tier()).isEqualTo(Tier.LINE3);
        assertThat(desk.sent.indexOf(note)).isLessThan(desk.sent.indexOf(t));
    }

    @Test
    void aRefusedTransferSaysWhyAndTheCallStays(FxRobot robot) {
        talk(robot);
        desk.answer = m -> m instanceof ClientMessage.TransferCall
                ? new ServerMessage.ErrorReply(m.id(), "invalid", "no queue serves line 3")
                : new ServerMessage.Ack(m.id(), null);
        robot.clickOn("#transfer");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#toast").queryAs(Label.class).getText()).isEqualTo("no queue serves line 3");
        assertThat(robot.lookup("#call-controls").query().isVisible()).isTrue();
        assertThat(robot.lookup("#transfer").query().isDisabled()).isFalse();
    }
}
