package dev.frontline.core.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WaitMinutesTest {
    /** The voice said "about 2 minutes" (rounded up) while the phone said "about 1:01": one rounding for both. */
    @Test
    void roundsToTheNearestMinuteAndNeverSaysZero() {
        assertThat(WaitMinutes.of(61)).isEqualTo(1);
        assertThat(WaitMinutes.of(89)).isEqualTo(1);
        assertThat(WaitMinutes.of(90)).isEqualTo(2);
        assertThat(WaitMinutes.of(250)).isEqualTo(4);
        assertThat(WaitMinutes.of(0)).isEqualTo(1);
        assertThat(WaitMinutes.of(-5)).isEqualTo(1);
    }
}
