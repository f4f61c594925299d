package dev.frontline.core.customer;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 20 item 7: which numbers a web request may make the desk call. */
class CallableNumbersTest {
    final CallableNumbers numbers = new CallableNumbers(Set.of("LT", "PL", "US", "GB"), Set.of("+37052000000"));

    @Test
    void premiumSatelliteAndTollFreeNumbersAreRefused() {
        assertThat(numbers.check("+19005550123")).contains(new CallableNumbers.Refusal("phone-type", "premium rate"));
        assertThat(numbers.check("+449090123456")).contains(new CallableNumbers.Refusal("phone-type", "premium rate"));
        assertThat(numbers.check("+37090012345")).contains(new CallableNumbers.Refusal("phone-type", "premium rate"));
        assertThat(numbers.check("+37080012345")).contains(new CallableNumbers.Refusal("phone-type", "toll free"));
        assertThat(numbers.check("+881612345678")).contains(new CallableNumbers.Refusal("phone-country", "+881"));
    }

    @Test
    void mobileAndFixedLinesOfTheAllowedCountriesAreCalled() {
        assertThat(numbers.check("+37061234567")).isEmpty(); // LT mobile
        assertThat(numbers.check("+37052000001")).isEmpty(); // LT fixed line
        assertThat(numbers.check("+48512345678")).isEmpty(); // PL mobile
        assertThat(numbers.check("+14155550123")).isEmpty(); // US fixed line or mobile
    }

    @Test
    void anotherCountryAndTheDesksOwnNumberAreRefused() {
        assertThat(numbers.check("+38641234567")).contains(new CallableNumbers.Refusal("phone-country", "SI"));
        assertThat(numbers.check("+37052000000")).contains(new CallableNumbers.Refusal("phone-desk", "+37052000000"));
    }

    @Test
    void theLiveNumbersAreAskedAtEveryCheck() {
        java.util.List<String> rota = new java.util.concurrent.CopyOnWriteArrayList<>();
        CallableNumbers live = new CallableNumbers(Set.of("LT"), Set.of("+37052000000"), () -> rota);
        assertThat(live.check("+37061234569")).isEmpty();
        rota.add("+37061234569"); // a consultant added to the rota while the server runs
        assertThat(live.check("+37061234569")).contains(new CallableNumbers.Refusal("phone-desk", "+37061234569"));
        rota.clear();
        assertThat(live.check("+37061234569")).isEmpty();
        assertThat(live.check("+37052000000")).isPresent();
    }

    @Test
    void anUnknownCountryIsNamed() {
        assertThatThrownBy(() -> new CallableNumbers(Set.of("LT", "XX"), Set.of()))
                .hasMessageContaining("'XX' is not a country code");
        assertThat(Optional.of(numbers.countries())).contains(Set.of("GB", "LT", "PL", "US"));
    }
}
