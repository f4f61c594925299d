package dev.frontline.core.desk;

import dev.frontline.core.customer.PhoneNumbers;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The on-duty rota as supervisors type it: rows read, every problem named by its field. */
class RotaRowsTest {
    private static final PhoneNumbers LT = new PhoneNumbers("LT");

    private static RotaRows.Draft row(String name, String mobile, String days, String from, String to) {
        return new RotaRows.Draft(name, mobile, days, from, to);
    }

    private static List<String> fields(RotaRows.Invalid e) {
        return e.problems().stream().map(RotaRows.Problem::field).toList();
    }

    @Test
    void rowsAreReadWithMobilesAsE164AndMidnightAs24() {
        List<RotaRows.Row> rows = RotaRows.parse(List.of(row(" tomas ", "8 612 34567", "mon-fri", "18:00", "24:00"),
                row("ieva", "+37061234568", "fri-mon", "0:00", "8:30")), LT);
        assertThat(rows.get(0).mobile()).isEqualTo("+37061234567");
        assertThat(rows.get(0).name()).isEqualTo("tomas");
        assertThat(rows.get(0).to()).isEqualTo(LocalTime.MAX);
        assertThat(rows.get(1).days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(RotaRows.rota(ZoneId.of("UTC"), rows).shifts()).hasSize(9);
    }

    @Test
    void daysAreWrittenBackShort() {
        assertThat(RotaRows.days(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY))).isEqualTo("mon-wed");
        assertThat(RotaRows.days(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))).isEqualTo("sat,sun");
        assertThat(RotaRows.days(Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)))
                .isEqualTo("mon,wed-fri");
        assertThat(RotaRows.days(RotaRows.days("mon,wed-fri"))).isEqualTo("mon,wed-fri");
    }

    @Test
    void anEmptyRotaABadMobileNonsenseHoursAndOverlapsAreNamed() {
        RotaRows.Invalid empty = assertThrows(RotaRows.Invalid.class, () -> RotaRows.parse(List.of(), LT));
        assertThat(fields(empty)).containsExactly("shifts");

        RotaRows.Invalid bad = assertThrows(RotaRows.Invalid.class, () -> RotaRows.parse(List.of(
                row("tomas", "+3706", "mon-fri", "18:00", "08:00"),
                row("ieva", "not a phone", "mon", "25:00", "26:00"),
                row("rasa", "+37061234569", "mon-fri", "09:00", "17:00"),
                row("rasa", "+37061234569", "fri", "16:00", "20:00")), LT));
        assertThat(fields(bad)).containsExactly("shifts[0].mobile", "shifts[0].to", "shifts[1].mobile", "shifts[1].from",
                "shifts[1].to", "shifts[3].from");
        assertThat(bad.problems().get(1).message()).contains("must be after from (18:00)");
        assertThat(bad.problems().get(5).message()).contains("overlaps row 3 (rasa, mon-fri 09:00-17:00)");
        assertThat(bad.getMessage()).startsWith("shifts[0].mobile");
    }

    @Test
    void sameHoursOnOtherDaysOrOtherConsultantsDoNotOverlap() {
        assertThat(RotaRows.parse(List.of(row("rasa", "+37061234569", "mon", "09:00", "17:00"),
                row("rasa", "+37061234569", "tue", "09:00", "17:00"),
                row("ieva", "+37061234568", "mon", "09:00", "17:00"),
                row("rasa", "+37061234569", "mon", "17:00", "20:00")), LT)).hasSize(4);
    }
}
