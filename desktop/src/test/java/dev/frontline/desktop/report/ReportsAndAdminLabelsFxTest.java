package dev.frontline.desktop.report;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.i18n.I18n;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Reports and Administration windows at 1280x720 in every language: no command cut to "Экспорт…", no label
 * drawn shorter than its text, every tab's title whole; the bad-field error shows under the field it names.
 */
@ExtendWith(ApplicationExtension.class)
class ReportsAndAdminLabelsFxTest {
    private final FakeAdminDesk desk = new FakeAdminDesk();
    private final String css = DesktopMain.class.getResource("app.css").toExternalForm();
    private final Clock clock = Clock.fixed(FakeAdminDesk.DAY.atTime(12, 0).atZone(FakeAdminDesk.VILNIUS).toInstant(),
            ZoneId.of("Europe/Vilnius"));

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    @Test
    void everyTabOfBothWindowsShowsItsTextsWholeAt1280x720InEveryLanguage(FxRobot robot) {
        for (String lang : I18n.LANGUAGES) {
            I18n i18n = new I18n(Locale.forLanguageTag(lang));
            List<Stage> stages = new ArrayList<>();
            robot.interact(() -> {
                stages.add(new ReportsWindow(new ReportsViewModel(desk, clock), i18n, css, (w, n) -> null).show());
                stages.add(new AdminWindow(new AdminViewModel(desk, clock), i18n, css).show());
                for (Stage s : stages) {
                    s.setWidth(1280);
                    s.setHeight(720);
                }
            });
            WaitForAsyncUtils.waitForFxEvents();
            for (Stage s : stages) {
                TabPane tabs = (TabPane) s.getScene().getRoot().lookup(".tab-pane");
                for (Tab t : tabs.getTabs()) {
                    robot.interact(() -> tabs.getSelectionModel().select(t));
                    WaitForAsyncUtils.waitForFxEvents();
                    List<Node> shown = new ArrayList<>();
                    collect(s.getScene().getRoot(), shown);
                    for (Node n : shown) {
                        if (n instanceof Button b && b.getText() != null && !b.getText().isBlank()) {
                            assertThat(b.getWidth()).as("%s: button '%s' on %s", lang, b.getText(), t.getText())
                                    .isGreaterThanOrEqualTo(b.prefWidth(-1) - 0.5);
                        }
                        if (n instanceof javafx.scene.control.Labeled l && l.getText() != null && !l.getText().isBlank()
                                && !l.isWrapText() && l.lookup(".text") instanceof javafx.scene.text.Text drawn) {
                            assertThat(drawn.getText()).as("%s: %s on %s", lang, l.getClass().getSimpleName(), t.getText())
                                    .isEqualTo(l.getText());
                        }
                    }
                    Node header = tabs.lookupAll(".tab").stream().filter(x -> x.isVisible()).findFirst().orElseThrow();
                    assertThat(header).isNotNull();
                }
                for (Node tabLabel : tabs.lookupAll(".tab-label")) {
                    Label l = (Label) tabLabel;
                    assertThat(((javafx.scene.text.Text) l.lookup(".text")).getText()).as("%s: tab title", lang)
                            .isEqualTo(l.getText());
                }
            }
            robot.interact(() -> stages.forEach(Stage::hide));
        }
    }

    @Test
    void theServersWordsOnABadFieldShowUnderThatFieldAndTheFormKeepsWhatWasTyped(FxRobot robot) {
        AdminViewModel vm = new AdminViewModel(desk, clock);
        robot.interact(() -> new AdminWindow(vm, new I18n(Locale.ENGLISH), css).show());
        robot.clickOn("#outage-area").write("Atlantis");
        robot.clickOn("#outage-text").write("Fibre cut");
        robot.clickOn("#outage-report");
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#error-outage-area").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("unknown area 'Atlantis': one of [Kaunas, Vilnius-North]");
        assertThat(robot.lookup("#error-outage-text").queryAs(Label.class).isVisible()).isFalse();
        assertThat(vm.areaProperty().get()).isEqualTo("Atlantis");
        assertThat(vm.outageTextProperty().get()).isEqualTo("Fibre cut");
        assertThat(robot.lookup("#admin-message").queryAs(Label.class).getText()).isEqualTo("area: unknown area");

        // typing a bad time is caught before the server: the expected format, next to the field
        robot.interact(() -> vm.expectedEndProperty().set("tomorrow"));
        robot.clickOn("#outage-report");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#error-outage-expectedEnd").queryAs(Label.class).getText())
                .isEqualTo("'tomorrow': yyyy-MM-dd HH:mm");
        assertThat(robot.lookup("#error-outage-area").queryAs(Label.class).isVisible()).as("cleared on a new try").isFalse();
        assertThat(desk.asked.stream().filter(a -> a.startsWith("outage"))).hasSize(1);
    }

    private static void collect(Node n, List<Node> out) {
        if (!n.isVisible()) return;
        out.add(n);
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) collect(c, out);
        }
    }
}
