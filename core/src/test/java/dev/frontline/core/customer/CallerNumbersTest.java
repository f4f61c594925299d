package dev.frontline.core.customer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerNumbersTest {
    @Test
    void whatTwilioAsteriskAndSipSendForAWithheldCallerIsNoNumber() {
        for (String withheld : new String[] {null, "", "  ", "anonymous", "Anonymous", "Restricted", "UNKNOWN", "unavailable",
                "Private", "+266696687", "266696687", "+7378742833", "+2562533", "+8656696", "+86282452253",
                "sip:anonymous@anonymous.invalid", "unknown"}) {
            assertThat(CallerNumbers.isWithheld(withheld)).as(String.valueOf(withheld)).isTrue();
            assertThat(CallerNumbers.orEmpty(withheld)).isEmpty();
        }
    }

    @Test
    void realNumbersAndOtherIdsAreKept() {
        for (String number : new String[] {"+37061234567", "861234567", "+266696688", "+48221234567", "client:anna",
                "sip:+37061234567@pbx.example.com"}) {
            assertThat(CallerNumbers.isWithheld(number)).as(number).isFalse();
            assertThat(CallerNumbers.orEmpty(" " + number + " ")).isEqualTo(number);
        }
    }
}
