package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.recording.Playback;
import dev.frontline.desktop.testing.FakeDesk;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ticket's call recordings: listed on request and played (or saved where there is no sound); 403 and 404 say
 * what they mean instead of "HTTP 403".
 */
@ExtendWith(ApplicationExtension.class)
class RecordingsFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("rasa", "operator");
    private final List<String> played = new ArrayList<>();
    private Path saveTo;
    private OperatorViewModel vm;

    private static Views.Recording recording(long id, Instant from, Instant to) {
        return new Views.Recording(id, "call-7", "FL-000047", "anna", "sim", from, to, to == null ? null : 32044L, true,
                "/api/recordings/" + id + "/audio");
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Views.LineTicket t = LineTicketsPaneFxTest.ticket("FL-000047", "Fibre cut in the yard", "line3", NOW.plusSeconds(600), null);
        desk.lineTickets = new Views.LineTickets(NOW, List.of("LINE3"), List.of(t));
        desk.ticketDetail = id -> new Views.TicketDetail(t.ticket(), null, "call-7", 1, "TECHNICAL", "anna", List.of(), null);
        desk.recordings = id -> List.of(recording(1, NOW.minusSeconds(300), NOW.minusSeconds(200)),
                recording(2, NOW.minusSeconds(60), null));
        desk.audio = id -> new byte[] {'R', 'I', 'F', 'F', (byte) id.intValue()};
        Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
        vm = new OperatorViewModel(desk, clock);
        vm.lineTickets().recordings().playback(new Playback() {
            @Override
            public Path play(byte[] wav, String name) {
                played.add(name + ":" + wav.length);
                return saveTo;
            }

            @Override
            public void stop() {
                played.add("stop");
            }
        });
        vm.start();
        LineTicketsPane pane = new LineTicketsPane(vm.lineTickets(), new I18n(Locale.ENGLISH), clock);
        stage.setScene(new Scene(pane, 500, 700));
        stage.show();
    }

    private String message(FxRobot robot) {
        return robot.lookup("#recordings-message").queryAs(Label.class).getText();
    }

    private void openTicket(FxRobot robot) {
        robot.interact(() -> vm.lineTickets().open("FL-000047"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void listsTheCallsRecordingsAndPlaysOne(FxRobot robot) {
        openTicket(robot);
        robot.clickOn("#recordings-load");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.recordingsRead).containsExactly("call-7");
        assertThat(robot.lookup("#play-recording-2").queryAs(Button.class).isDisabled()).as("still recording").isTrue();

        robot.clickOn("#play-recording-1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(played).containsExactly("frontline-call-7-1:5");
        assertThat(message(robot)).isEqualTo("Playing the recording of anna.");
        robot.clickOn("#recording-stop");
        assertThat(played).endsWith("stop");
    }

    @Test
    void withoutASoundDeviceTheRecordingIsSavedAndTheFileNamed(FxRobot robot) {
        saveTo = Path.of("/tmp/frontline-call-7-1.wav");
        openTicket(robot);
        robot.clickOn("#recordings-load");
        robot.clickOn("#play-recording-1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message(robot)).isEqualTo("No sound device on this computer: the recording was saved to /tmp/frontline-call-7-1.wav");
    }

    @Test
    void refusalsSayWhatTheyMean(FxRobot robot) {
        desk.audio = id -> null;
        desk.audioStatus = 404;
        openTicket(robot);
        robot.clickOn("#recordings-load");
        robot.clickOn("#play-recording-1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message(robot)).startsWith("The audio of this recording is no longer on the server");

        desk.recordings = id -> null;
        desk.recordingsStatus = 403;
        robot.clickOn("#recordings-load");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message(robot)).startsWith("You may not listen to this call");
        assertThat(played).isEmpty();
    }

    @Test
    void aTicketWithoutACallHasNothingToPlay(FxRobot robot) {
        desk.ticketDetail = id -> new Views.TicketDetail(new Views.TicketSummary("FL-000047", "x", "line3", "open", NOW, NOW),
                null, null, 1, "TECHNICAL", "anna", List.of(), null);
        openTicket(robot);
        assertThat(robot.lookup("#recordings-load").queryAs(Button.class).isDisabled()).isTrue();
    }
}
