package dev.frontline.desktop.report;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.i18n.I18n;
import javafx.application.Application;
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

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outage form offers the known areas (the server's {@code outage-areas}) in an editable list that narrows as the
 * supervisor types; a picked area is what is sent, and an area typed that the server does not know is still refused
 * next to the field.
 */
@ExtendWith(ApplicationExtension.class)
class OutageAreaFxTest {
    private final FakeAdminDesk desk = new FakeAdminDesk();
    private final String css = DesktopMain.class.getResource("app.css").toExternalForm();
    private final Clock clock = Clock.fixed(FakeAdminDesk.DAY.atTime(12, 0).atZone(FakeAdminDesk.VILNIUS).toInstant(),
            FakeAdminDesk.VILNIUS);
    private Stage shown;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    @SuppressWarnings("unchecked")
    private ComboBox<String> area(FxRobot robot) {
        return robot.lookup("#outage-area").queryAs(ComboBox.class);
    }

    /** Waits (up to 10 s) until the list offers exactly {@code areas}: it is narrowed on the pulse after typing. */
    private void shows(FxRobot robot, List<String> areas) {
        try {
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> areas.equals(WaitForAsyncUtils.asyncFx(() -> List.copyOf(area(robot).getItems())).get()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the list offers " + area(robot).getItems() + ", not " + areas);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void typingNarrowsTheKnownAreasAndThePickedOneIsSent(FxRobot robot) {
        AdminViewModel vm = new AdminViewModel(desk, clock);
        robot.interact(() -> shown = new AdminWindow(vm, new I18n(Locale.ENGLISH), css).show());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area(robot).getItems()).containsExactly("Kaunas", "Kaunas-East", "Vilnius-North");

        robot.clickOn("#outage-area").write("kau");
        shows(robot, List.of("Kaunas", "Kaunas-East"));
        assertThat(area(robot).isShowing()).as("the narrowed list opens").isTrue();

        robot.interact(() -> area(robot).getEditor().setText(""));
        robot.write("north");
        shows(robot, List.of("Vilnius-North")); // no area starts so: those containing it
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.areaProperty().get()).isEqualTo("Vilnius-North");
        assertThat(area(robot).getEditor().getText()).isEqualTo("Vilnius-North");

        robot.clickOn("#outage-text").write("Fibre cut");
        robot.clickOn("#outage-report");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.asked).anyMatch(a -> a.startsWith("outage NewOutage[area=Vilnius-North,"));
        robot.interact(shown::hide);
    }

    @Test
    void anAreaTypedThatTheServerDoesNotKnowIsRefusedNextToTheField(FxRobot robot) {
        AdminViewModel vm = new AdminViewModel(desk, clock);
        robot.interact(() -> shown = new AdminWindow(vm, new I18n(Locale.ENGLISH), css).show());
        robot.clickOn("#outage-area").write("Atlantis");
        shows(robot, List.of());
        robot.clickOn("#outage-text").write("x");
        robot.clickOn("#outage-report");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#error-outage-area").queryAs(Label.class).getText()).startsWith("unknown area 'Atlantis'");
        assertThat(vm.areaProperty().get()).isEqualTo("Atlantis");
        robot.interact(shown::hide);
    }

    @Test
    void matchingPrefersTheStartOfTheName() {
        List<String> all = List.of("Kaunas", "Kaunas-East", "Vilnius-North", "North-Kaunas");
        assertThat(AdminViewModel.matching(all, " kaun")).containsExactly("Kaunas", "Kaunas-East");
        assertThat(AdminViewModel.matching(all, "north")).containsExactly("North-Kaunas");
        assertThat(AdminViewModel.matching(all, "rth")).containsExactly("Vilnius-North", "North-Kaunas");
        assertThat(AdminViewModel.matching(all, "")).isEqualTo(all);
    }
}
