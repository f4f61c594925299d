package dev.frontline.core.config;

import dev.frontline.core.desk.DeskChoices;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code desk.dispositions} and {@code desk.callback-times} (issue 22 item 9): defaults = the desk's old fixed ones. */
class DeskChoicesConfigTest {
    private static FrontlineConfig parse(String yaml) {
        return FrontlineConfig.parse(yaml, "test.yaml", Map.of());
    }

    private static String fails(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void withoutTheKeysTheDeskOffersTheSixDispositionsAndOneHourThreeHoursTomorrowNine() {
        DeskChoices c = parse("desk:\n  timezone: Europe/Vilnius\n").desk().choices();
        assertThat(c).isEqualTo(DeskChoices.DEFAULTS);
        assertThat(c.dispositions()).containsExactly("resolved", "ticket", "escalated", "callback", "sale", "no-action");
        assertThat(c.callbackTimes()).containsExactly(DeskChoices.CallbackTime.in(Duration.ofHours(1)),
                DeskChoices.CallbackTime.in(Duration.ofHours(3)), DeskChoices.CallbackTime.nextDayAt(LocalTime.of(9, 0)));
    }

    @Test
    void theDesksOwnAreReadInOrder() {
        DeskChoices c = parse("""
                desk:
                  dispositions: [resolved, refund, no-action]
                  callback-times: [30m, 2h, "tomorrow 8:30"]
                """).desk().choices();
        assertThat(c.dispositions()).containsExactly("resolved", "refund", "no-action");
        assertThat(c.callbackTimes()).containsExactly(DeskChoices.CallbackTime.in(Duration.ofMinutes(30)),
                DeskChoices.CallbackTime.in(Duration.ofHours(2)), DeskChoices.CallbackTime.nextDayAt(LocalTime.of(8, 30)));
    }

    @Test
    void aMistakeNamesItsKeyAndPlace() {
        assertThat(fails("desk:\n  dispositions: [resolved, Sold It]\n")).startsWith("desk.dispositions[1]:").contains("'Sold It'");
        assertThat(fails("desk:\n  dispositions: [resolved, resolved]\n")).startsWith("desk.dispositions[1]:").contains("twice");
        assertThat(fails("desk:\n  dispositions: []\n")).startsWith("desk.dispositions:").contains("lists none");
        assertThat(fails("desk:\n  callback-times: [1h, soon]\n")).startsWith("desk.callback-times[1]:").contains("'soon'");
        assertThat(fails("desk:\n  callback-times: [\"tomorrow 25:00\"]\n")).startsWith("desk.callback-times[0]:");
        assertThat(fails("desk:\n  callback-times: [0s]\n")).startsWith("desk.callback-times[0]:").contains("longer than 0");
        assertThat(fails("desk:\n  callback-times: [90s]\n")).startsWith("desk.callback-times[0]:").contains("whole minutes");
        assertThat(fails("desk:\n  callback-times: []\n")).startsWith("desk.callback-times:").contains("lists none");
    }
}
