package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollPane;
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
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A day at the desk: a callback answered from the desk, one ticket per call, nothing of the last call on the next. */
@ExtendWith(ApplicationExtension.class)
class DeskDayFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("kasia", "operator");

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        desk.answer = m -> new ServerMessage.Ack(m.id(), m instanceof ClientMessage.CreateTicket ? "T-1001" : null);
        Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
        OperatorViewModel vm = new OperatorViewModel(desk, clock);
        OperatorView view = new OperatorView(vm, new I18n(Locale.ENGLISH), clock);
        vm.start();
        desk.push(Samples.welcome("kasia", OperatorState.READY, NOW));
        stage.setScene(new Scene(view, 1280, 720));
        stage.show();
    }

    @Test
    void aCallbackThatRingsIsAnsweredWithF6AndHungUpFromTheBanner(FxRobot robot) {
        robot.interact(() -> {
            desk.push(new ServerMessage.CallbackOffer(5, "cb-5-1", "+37061234567", Samples.customer(), 95, 1, null));
            desk.push(new ServerMessage.StateChanged("kasia", OperatorState.RINGING, null, NOW));
        });
        WaitForAsyncUtils.waitForFxEvents();

        robot.press(KeyCode.F6).release(KeyCode.F6);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.AcceptCall.class).callId()).isEqualTo("cb-5-1");

        robot.interact(() -> desk.push(new ServerMessage.StateChanged("kasia", OperatorState.TALKING, null, NOW)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#callback-hangup");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.HangUpCall.class).callId()).isEqualTo("cb-5-1");
    }

    @Test
    void theBannerOfARingingCallbackHasAnAnswerButton(FxRobot robot) {
        robot.interact(() -> {
            desk.push(new ServerMessage.CallbackOffer(5, "cb-5-1", "+37061234567", Samples.customer(), 95, 1, null));
            desk.push(new ServerMessage.StateChanged("kasia", OperatorState.RINGING, null, NOW));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#callback-answer");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.AcceptCall.class).callId()).isEqualTo("cb-5-1");
    }

    @Test
    void ctrlTAfterANoteMadeTheTicketOpensNoSecondOne(FxRobot robot) {
        robot.interact(() -> desk.push(Samples.pop("call-1", NOW, null)));
        robot.interact(() -> desk.push(new ServerMessage.CallConnected("call-1", NOW)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#note").write("router blinks red");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        long created = desk.sent.stream().filter(m -> m instanceof ClientMessage.CreateTicket).count();
        assertThat(created).as("tickets created for one call").isEqualTo(1);
    }

    @Test
    void ctrlTUsesTheTypedSubject(FxRobot robot) {
        robot.interact(() -> desk.push(Samples.pop("call-1", NOW, null)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(subject(robot)).write("TV has no sound");
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.CreateTicket.class).subject()).isEqualTo("TV has no sound");
    }

    @Test
    void theNextCallStartsWithNothingOfTheLastOne(FxRobot robot) {
        robot.interact(() -> desk.push(Samples.pop("call-1", NOW, null)));
        WaitForAsyncUtils.waitForFxEvents();
        TextField subject = subject(robot);
        @SuppressWarnings("unchecked")
        ComboBox<String> disposition = robot.lookup("#disposition").queryAs(ComboBox.class);
        ScrollPane scroll = robot.lookup(n -> n instanceof ScrollPane s && s.getContent() != null
                && s.getContent().lookup("#note") != null).queryAs(ScrollPane.class);
        robot.interact(() -> {
            subject.setText("TV has no sound");
            disposition.setValue("ticket");
            scroll.setVvalue(1.0);
        });
        robot.interact(() -> desk.push(new ServerMessage.CallFinished("call-1", NOW, NOW.plusSeconds(30))));
        robot.interact(() -> desk.push(Samples.pop("call-2", NOW, null)));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(subject.getText()).as("subject").isEmpty();
        assertThat(disposition.getValue()).as("disposition").isNull();
        assertThat(scroll.getVvalue()).as("the work pane's scroll").isZero();
    }

    @Test
    void aCallThatRangOutIsAWarningNotASuccess(FxRobot robot) {
        robot.interact(() -> desk.push(Samples.pop("call-1", NOW, null)));
        robot.interact(() -> desk.push(new ServerMessage.CallOfferWithdrawn("call-1",
                ServerMessage.CallOfferWithdrawn.NOT_ANSWERED, NOW)));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Label toast = robot.lookup("#toast").queryAs(javafx.scene.control.Label.class);
        assertThat(toast.getStyleClass()).contains("toast-warning").doesNotContain("toast-ok");
    }

    @Test
    void aCallerWhoHungUpWhileItRangIsNotAGreenSuccess(FxRobot robot) {
        robot.interact(() -> desk.push(Samples.pop("call-1", NOW, null)));
        robot.interact(() -> desk.push(new ServerMessage.CallOfferWithdrawn("call-1",
                ServerMessage.CallOfferWithdrawn.CALLER_HUNG_UP, NOW)));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Label toast = robot.lookup("#toast").queryAs(javafx.scene.control.Label.class);
        assertThat(toast.getText()).isEqualTo("The caller hung up before you answered.");
        assertThat(toast.getStyleClass()).contains("toast-warning").doesNotContain("toast-ok");
    }

    @Test
    void theCallsChipSaysTheCallEndedOnceItIsOver(FxRobot robot) {
        robot.interact(() -> desk.push(Samples.pop("call-1", NOW, null)));
        robot.interact(() -> desk.push(new ServerMessage.CallConnected("call-1", NOW)));
        robot.interact(() -> desk.push(new ServerMessage.CallFinished("call-1", NOW, NOW.plusSeconds(30))));
        robot.interact(() -> desk.push(new ServerMessage.StateChanged("kasia", OperatorState.READY, null, NOW)));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Label chip = robot.lookup(".phase-pill").queryAs(javafx.scene.control.Label.class);
        assertThat(chip.getText()).isEqualTo("Call ended");
    }

    private static TextField subject(FxRobot robot) {
        return robot.lookup(n -> n instanceof TextField t && "Subject (optional)".equals(t.getPromptText()))
                .queryAs(TextField.class);
    }
}
