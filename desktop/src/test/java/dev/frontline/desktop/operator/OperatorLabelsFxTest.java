package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator desk at 1280x720 in each of the five languages, idle, with a call in talk and with a ringing
 * callback: no button, label or tab is drawn cut ("Išsaugoti pasta…").
 */
@ExtendWith(ApplicationExtension.class)
class OperatorLabelsFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage.show();
    }

    @Test
    void noLabelOfTheOperatorDeskIsCutAt1280x720InAnyLanguage(FxRobot robot) {
        List<String> cut = new ArrayList<>();
        for (String lang : I18n.LANGUAGES) {
            FakeDesk desk = new FakeDesk("kasia", "operator");
            desk.myRating = new dev.frontline.core.api.Views.OperatorRating("kasia", 4.5, 6);
            Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
            robot.interact(() -> {
                OperatorViewModel vm = new OperatorViewModel(desk, clock);
                OperatorView view = new OperatorView(vm, new I18n(Locale.forLanguageTag(lang)), clock);
                Scene scene = new Scene(view, 1280, 720);
                scene.getStylesheets().add(DesktopMain.class.getResource("app.css").toExternalForm());
                stage.setScene(scene);
                stage.setWidth(1280);
                stage.setHeight(720);
                vm.start();
                desk.push(Samples.welcome("kasia", OperatorState.READY, NOW));
            });
            WaitForAsyncUtils.waitForFxEvents();
            collectCut(stage.getScene().getRoot(), lang + " idle", cut);
            robot.interact(() -> {
                desk.push(Samples.pop("call-1", NOW, null));
                desk.push(new ServerMessage.CallConnected("call-1", NOW));
                desk.push(new ServerMessage.StateChanged("kasia", OperatorState.TALKING, null, NOW));
            });
            WaitForAsyncUtils.waitForFxEvents();
            collectCut(stage.getScene().getRoot(), lang + " talking", cut);
            robot.interact(() -> {
                desk.push(new ServerMessage.CallFinished("call-1", NOW, NOW.plusSeconds(30)));
                desk.push(new ServerMessage.StateChanged("kasia", OperatorState.READY, null, NOW));
                desk.push(new ServerMessage.CallbackOffer(5, "cb-5-1", "+37061234567", Samples.customer(), 95, 1, null));
                desk.push(new ServerMessage.StateChanged("kasia", OperatorState.RINGING, null, NOW));
            });
            WaitForAsyncUtils.waitForFxEvents();
            collectCut(stage.getScene().getRoot(), lang + " callback", cut);
        }
        assertThat(cut).as("labels drawn cut").isEmpty();
    }

    /** A visible Labeled whose drawn text is not its whole text (an ellipsis, or a clipped single line). */
    private static void collectCut(Node n, String where, List<String> out) {
        if (!n.isVisible()) return;
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            Node text = l.lookup(".text");
            if (text instanceof Text t && !t.getText().replace("\n", " ").equals(l.getText().replace("\n", " "))) {
                out.add(where + ": '" + l.getText() + "' drawn as '" + t.getText() + "'");
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) collectCut(c, where, out);
        }
    }
}
