package dev.frontline.core.call;

import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One rule for every backend: a withheld caller id is no number, whatever the network wrote for it. */
class CallStartTest {
    @Test
    void aWithheldCallerIdIsEmptyOnEveryBackend() {
        assertThat(start("anonymous", Backend.TWILIO).callingNumber()).isEmpty();
        assertThat(start("+266696687", Backend.TWILIO).callingNumber()).isEmpty();
        assertThat(start("unknown", Backend.ASTERISK).callingNumber()).isEmpty();   // agi_callerid
        assertThat(start("anonymous", Backend.ASTERISK).callingNumber()).isEmpty();
        assertThat(start("Restricted", Backend.SIM).callingNumber()).isEmpty();     // the test phone's caller id field
        assertThat(start(null, Backend.SIM).callingNumber()).isEmpty();
        assertThat(start("+37061234567", Backend.SIM).callingNumber()).isEqualTo("+37061234567");
    }

    private static CallStart start(String from, Backend backend) {
        return new CallStart(new CallId("c1"), from, "+37052000000", backend, "support");
    }
}
