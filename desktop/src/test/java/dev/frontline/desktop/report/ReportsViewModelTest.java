package dev.frontline.desktop.report;

import dev.frontline.desktop.net.AdminDesk;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the Reports window asks the server for each period, and what it says when it cannot ask. */
class ReportsViewModelTest {
    private final FakeAdminDesk desk = new FakeAdminDesk();
    private final Clock clock = Clock.fixed(FakeAdminDesk.DAY.atTime(12, 0).atZone(FakeAdminDesk.VILNIUS).toInstant(),
            FakeAdminDesk.VILNIUS);
    private final ReportsViewModel vm = new ReportsViewModel(desk, clock);

    @Test
    void eachPeriodBecomesTheServersQuery() {
        vm.intervalProperty().set("15min");
        vm.byProperty().set("line");
        assertThat(vm.request()).isEqualTo(new AdminDesk.ReportRequest("day", null, null, null, "15min", "line"));
        vm.periodProperty().set("yesterday");
        assertThat(vm.request().day()).isEqualTo(LocalDate.of(2026, 12, 3));
        vm.periodProperty().set("week");
        assertThat(vm.request().period()).isEqualTo("week");
        vm.periodProperty().set("custom");
        vm.fromProperty().set(LocalDate.of(2026, 11, 1));
        vm.toProperty().set(LocalDate.of(2026, 11, 30));
        assertThat(vm.request()).isEqualTo(new AdminDesk.ReportRequest(null, null, LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 30), "15min", "line"));
        assertThat(vm.suggestedName("csv", "tickets")).isEqualTo("tickets-2026-11-01-2026-11-30.csv");
        assertThat(vm.suggestedName("pdf", "rows")).isEqualTo("calls-2026-11-01-2026-11-30.pdf");
    }

    @Test
    void aCustomPeriodWithoutItsDaysAsksNothingAndSaysWhy() {
        vm.periodProperty().set("custom");
        vm.toProperty().set(null);
        vm.show();
        assertThat(desk.asked).isEmpty();
        assertThat(vm.saidProperty().get().key()).isEqualTo("reports.custom.days");
        assertThat(vm.saidProperty().get().error()).isTrue();
    }

    @Test
    void aReportShownSaysItsDaysAndCallsAndTheAbandonedCallersAreRead() {
        vm.show();
        assertThat(vm.reportProperty().get().rows()).hasSize(10);
        assertThat(vm.saidProperty().get().key()).isEqualTo("reports.shown");
        assertThat(vm.saidProperty().get().args()).containsExactly("2026-12-04", "2026-12-04",
                FakeAdminDesk.report().rows().stream().mapToLong(r -> r.calls()).sum());
        assertThat(vm.abandoned()).extracting(a -> a.callId()).containsExactly("sim-77");
        vm.callBack(vm.abandoned().get(0));
        assertThat(desk.asked).contains("callback sim-77");
        assertThat(vm.saidProperty().get().key()).isEqualTo("reports.called-back");
    }

    /**
     * Seen under Xvfb (this machine on UTC, the desk in Vilnius) at 01:48 desk time: the PDF of today was offered as
     * calls-2026-12-06.pdf, and "yesterday" would have asked for the day before the desk's yesterday.
     */
    @Test
    void todayAndYesterdayAreTheDesksDaysOnceAReportToldItsZone() {
        java.time.Clock utc = java.time.Clock.fixed(java.time.Instant.parse("2026-12-04T23:30:00Z"), java.time.ZoneOffset.UTC);
        ReportsViewModel m = new ReportsViewModel(desk, utc);
        m.show(); // the server's report names the desk's zone, Europe/Vilnius: 01:30 on 5 December there
        assertThat(m.suggestedName("pdf", "rows")).isEqualTo("calls-2026-12-05.pdf");
        m.periodProperty().set("yesterday");
        assertThat(m.request().day()).isEqualTo(LocalDate.of(2026, 12, 4));
    }
}
