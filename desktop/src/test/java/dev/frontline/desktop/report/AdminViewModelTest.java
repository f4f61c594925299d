package dev.frontline.desktop.report;

import dev.frontline.core.api.Views;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Administration window's view model: what it sends, what it keeps, when it asks first. */
class AdminViewModelTest {
    private final FakeAdminDesk desk = new FakeAdminDesk();
    private final AdminViewModel vm = new AdminViewModel(desk, Clock.systemUTC());

    @Test
    void deactivatingAsksToConfirmForTheSameCustomerFirst() {
        vm.findCustomers();
        Views.CustomerCard ona = vm.customers().get(0);
        vm.deactivate(ona);
        assertThat(desk.asked).doesNotContain("deactivate 42");
        assertThat(vm.saidProperty().get().key()).isEqualTo("admin.customer.deactivate.confirm");
        assertThat(vm.saidProperty().get().args()).containsExactly("Ona Onaitė", "10000001");
        vm.deactivate(ona);
        assertThat(desk.asked).contains("deactivate 42");
    }

    @Test
    void anotherActionInBetweenAsksAgain() {
        vm.findCustomers();
        Views.CustomerCard ona = vm.customers().get(0);
        vm.deactivate(ona);
        vm.resetPin(ona);
        vm.deactivate(ona);
        assertThat(desk.asked).doesNotContain("deactivate 42");
        assertThat(List.of(vm.saidProperty().get().key())).containsExactly("admin.customer.deactivate.confirm");
    }

    @Test
    void aBadTimeIsCaughtBeforeTheServerAndTheServersFieldErrorsLandUnderTheirFields() {
        vm.areaProperty().set("Atlantis");
        vm.outageTextProperty().set("Fibre cut");
        vm.expectedEndProperty().set("2026-13-45 25:00");
        vm.reportOutage();
        assertThat(vm.errors()).containsOnlyKeys("outage.expectedEnd");
        assertThat(desk.asked).isEmpty();
        vm.expectedEndProperty().set("");
        vm.reportOutage();
        assertThat(vm.errors()).containsOnlyKeys("outage.area");
        assertThat(vm.errors().get("outage.area")).startsWith("unknown area 'Atlantis'");
        assertThat(vm.areaProperty().get()).isEqualTo("Atlantis"); // kept as typed
    }

    @Test
    void theRotaIsSavedAtTheVersionReadAndASaveThatCameSecondKeepsTheRowsAndSaysWho() {
        vm.readOnDuty();
        vm.removeRow(1);
        vm.saveRota();
        assertThat(desk.rows).extracting(dev.frontline.core.api.AdminViews.RotaRow::name).containsExactly("tomas");
        assertThat(vm.onDutyProperty().get().version()).isEqualTo(2);

        desk.someoneSavesTheRota("vida", java.time.Instant.parse("2026-12-04T17:01:00Z"), List.of(
                new dev.frontline.core.api.AdminViews.RotaRow("jonas", "+37061234570", "mon-sun", "00:00", "24:00")));
        vm.pickRow(new dev.frontline.core.api.AdminViews.RotaRow("rasa", "+37061234569", "sat,sun", "08:00", "20:00"));
        vm.addRow();
        vm.saveRota();
        assertThat(desk.rows).extracting(dev.frontline.core.api.AdminViews.RotaRow::name).containsExactly("jonas");
        assertThat(vm.rotaChangedProperty().get().key()).isEqualTo("admin.onduty.changed");
        assertThat(vm.rotaChangedProperty().get().args()).containsExactly("vida", "2026-12-04 19:01");
        assertThat(vm.rotaRows()).hasSize(2);
        assertThat(vm.rotaEditedProperty().get()).isTrue();

        vm.readOnDuty();
        assertThat(vm.rotaChangedProperty().get()).isNull();
        assertThat(vm.rotaRows()).extracting(dev.frontline.core.api.AdminViews.RotaRow::name).containsExactly("jonas");
    }

    @Test
    void anArticleIsSavedAtTheVersionOpenedAndAnEditThatCameSecondSaysWhoAndKeepsTheText() {
        vm.readArticles();
        Views.KbArticleText opened = vm.articles().get(0);
        vm.edit(opened);
        desk.kbVersion = 1; // vida changes it meanwhile
        desk.kbChangedBy = "vida";
        vm.kbBodyProperty().set("Hold reset for 10 s.");
        vm.saveArticle();

        assertThat(desk.asked).contains("edit article 1 at version 0");
        assertThat(vm.saidProperty().get().key()).isEqualTo("admin.kb.changed");
        assertThat(vm.saidProperty().get().error()).isTrue();
        assertThat(vm.saidProperty().get().args()[0]).isEqualTo("vida");
        assertThat(vm.kbBodyProperty().get()).as("the text typed stays").isEqualTo("Hold reset for 10 s.");

        vm.readArticles();
        vm.edit(vm.articles().get(0)); // opened again: at version 1
        vm.saveArticle();
        assertThat(vm.saidProperty().get().key()).isEqualTo("admin.kb.saved");
    }
}
