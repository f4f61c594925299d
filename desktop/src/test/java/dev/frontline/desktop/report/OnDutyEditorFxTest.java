package dev.frontline.desktop.report;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.api.AdminViews;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.i18n.I18n;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The on-duty rota edited in the Administration window: a row added, one changed, one removed, the whole saved; a
 * refused rota keeps the rows as edited and says per row and field what the server found wrong.
 */
@ExtendWith(ApplicationExtension.class)
class OnDutyEditorFxTest {
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
    private TableView<AdminViews.RotaRow> table(FxRobot robot) {
        return robot.lookup("#admin-onduty").queryAs(TableView.class);
    }

    private void type(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(TextInputControl.class).setText(text));
    }

    @Test
    void rowsAreAddedChangedRemovedAndSavedWhole(FxRobot robot) {
        AdminViewModel vm = new AdminViewModel(desk, clock);
        robot.interact(() -> shown = new AdminWindow(vm, new I18n(Locale.ENGLISH), css).show());
        robot.clickOn("#admin-tab-onduty");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems()).extracting(AdminViews.RotaRow::name).containsExactly("tomas", "ieva");
        assertThat(robot.lookup("#onduty-save").query().isDisabled()).as("nothing to save yet").isTrue();

        type(robot, "#onduty-name", "rasa");
        type(robot, "#onduty-mobile", "+37061234569");
        type(robot, "#onduty-days", "sat,sun");
        type(robot, "#onduty-from", "08:00");
        type(robot, "#onduty-to", "20:00");
        robot.clickOn("#onduty-add");
        assertThat(robot.lookup("#onduty-unsaved").query().isVisible()).isTrue();

        robot.interact(() -> table(robot).getSelectionModel().select(0)); // tomas: his values in the fields
        assertThat(robot.lookup("#onduty-mobile").queryAs(TextInputControl.class).getText()).isEqualTo("+37061234567");
        type(robot, "#onduty-days", "mon-fri");
        robot.clickOn("#onduty-change");
        robot.interact(() -> table(robot).getSelectionModel().select(1));
        robot.clickOn("#onduty-remove");
        robot.clickOn("#onduty-save");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(desk.rows).extracting(AdminViews.RotaRow::name, AdminViews.RotaRow::days).containsExactly(
                org.assertj.core.groups.Tuple.tuple("tomas", "mon-fri"), org.assertj.core.groups.Tuple.tuple("rasa", "sat,sun"));
        assertThat(table(robot).getItems()).hasSize(2);
        assertThat(robot.lookup("#onduty-unsaved").query().isVisible()).isFalse();
        assertThat(robot.lookup("#admin-message").queryAs(Label.class).getText()).isEqualTo("Rota saved: 2 rows");
        robot.interact(shown::hide);
    }

    @Test
    void aRefusedRotaKeepsTheRowsAndNamesRowAndField(FxRobot robot) {
        AdminViewModel vm = new AdminViewModel(desk, clock);
        robot.interact(() -> shown = new AdminWindow(vm, new I18n(Locale.ENGLISH), css).show());
        robot.clickOn("#admin-tab-onduty");
        type(robot, "#onduty-name", "rasa");
        type(robot, "#onduty-mobile", "12345");
        robot.clickOn("#onduty-add");
        robot.clickOn("#onduty-save");
        WaitForAsyncUtils.waitForFxEvents();

        Label error = robot.lookup("#error-onduty").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("Row 3, Mobile: '12345' is not a valid mobile number");
        assertThat(table(robot).getItems()).hasSize(3);
        assertThat(desk.rows).as("the server's rota as it was").hasSize(2);
        assertThat(robot.lookup("#onduty-unsaved").query().isVisible()).isTrue();

        robot.clickOn("#onduty-remove"); // nothing selected: disabled
        robot.interact(() -> table(robot).getSelectionModel().select(2));
        robot.clickOn("#onduty-remove");
        robot.clickOn("#onduty-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error.isVisible()).as("cleared once saved").isFalse();
        robot.interact(shown::hide);
    }

    /**
     * Issue 24: two supervisors edit the rota; the one who saves second is told who saved and when, keeps the rows as
     * edited, and cannot overwrite the other's rota until Refresh loads it (before: the second save silently won).
     */
    @Test
    void aSaveAfterAnotherSupervisorsSaysWhoAndWhenAndOverwritesNothing(FxRobot robot) {
        AdminViewModel vm = new AdminViewModel(desk, clock);
        robot.interact(() -> shown = new AdminWindow(vm, new I18n(Locale.ENGLISH), css).show());
        robot.clickOn("#admin-tab-onduty");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#onduty-version").queryAs(Label.class).getText()).isEqualTo("Last saved by sue at 2026-12-04 18:00");
        // meanwhile vida saves the rota from her desk
        desk.someoneSavesTheRota("vida", java.time.Instant.parse("2026-12-04T17:01:00Z"),
                java.util.List.of(new AdminViews.RotaRow("jonas", "+37061234570", "mon-sun", "00:00", "24:00")));

        robot.interact(() -> table(robot).getSelectionModel().select(1));
        robot.clickOn("#onduty-remove");
        robot.clickOn("#onduty-save");
        WaitForAsyncUtils.waitForFxEvents();

        Label changed = robot.lookup("#onduty-changed").queryAs(Label.class);
        assertThat(changed.isVisible()).isTrue();
        assertThat(changed.getText()).startsWith("Not saved: vida saved the rota at 2026-12-04 19:01, after you opened it.");
        assertThat(desk.rows).as("vida's rota stands").extracting(AdminViews.RotaRow::name).containsExactly("jonas");
        assertThat(table(robot).getItems()).as("the rows as edited here").extracting(AdminViews.RotaRow::name).containsExactly("tomas");
        robot.clickOn("#onduty-save"); // again: still refused, still vida's
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.rows).extracting(AdminViews.RotaRow::name).containsExactly("jonas");

        robot.clickOn(robot.lookup(".button").match(n -> "Refresh".equals(((javafx.scene.control.Button) n).getText()))
                .queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(changed.isVisible()).isFalse();
        assertThat(table(robot).getItems()).extracting(AdminViews.RotaRow::name).containsExactly("jonas");
        assertThat(robot.lookup("#onduty-version").queryAs(Label.class).getText()).isEqualTo("Last saved by vida at 2026-12-04 19:01");
        robot.interact(shown::hide);
    }
}
