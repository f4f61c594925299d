package dev.frontline.core.customer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"8 (912) 345-67-89", "+7 912 345 67 89", "+7 (912) 345-67-89", "007 912 3456789", "89123456789"})
    void russianWritingsNormaliseToOneNumber(String raw) {
        // given a desk in Russia
        PhoneNumbers phones = new PhoneNumbers("RU");
        // when / then
        assertThat(phones.toE164(raw)).contains("+79123456789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+370 612 34567", "0612 34567", "+37061234567", "00370 612 34567"})
    void lithuanianWritingsNormaliseToOneNumber(String raw) {
        PhoneNumbers phones = new PhoneNumbers("LT");
        assertThat(phones.toE164(raw)).contains("+37061234567");
    }

    @Test
    void internationalFormIsIndependentOfTheDefaultRegion() {
        assertThat(new PhoneNumbers("PL").toE164("+370 612 34567")).contains("+37061234567");
        assertThat(new PhoneNumbers("LT").toE164("+7 912 345 67 89")).contains("+79123456789");
    }

    @Test
    void nationalFormIsReadInTheDefaultRegion() {
        assertThat(new PhoneNumbers("PL").toE164("512 345 678")).contains("+48512345678");
        assertThat(new PhoneNumbers("SI").toE164("031 234 567")).contains("+38631234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello", "12", "+999 123 456"})
    void garbageIsEmpty(String raw) {
        assertThat(new PhoneNumbers("LT").toE164(raw)).isEqualTo(Optional.empty());
    }

    @Test
    void answersStayRightWhenRepeatedAndPastTheMemoLimit() {
        PhoneNumbers phones = new PhoneNumbers("LT");
        for (int i = 0; i < PhoneNumbers.MEMO_LIMIT + 50; i++) {
            String national = "8612" + String.format("%05d", i % 100_000);
            assertThat(phones.toE164(national)).contains("+370612" + String.format("%05d", i % 100_000));
        }
        assertThat(phones.toE164("0612")).isEmpty();
        assertThat(phones.toE164("0612")).isEmpty();
        assertThat(phones.toE164("8 612 34567")).contains("+37061234567");
        assertThat(phones.toE164("8 612 34567")).contains("+37061234567");
        assertThat(phones.toE164(null)).isEmpty();
    }

    @Test
    void throwingVariantSaysWhy() {
        PhoneNumbers phones = new PhoneNumbers("LT");
        assertThat(assertThrows(IllegalArgumentException.class, () -> phones.requireE164("abc")).getMessage())
                .contains("'abc'").contains("not a phone number");
        assertThat(assertThrows(IllegalArgumentException.class, () -> phones.requireE164("0612")).getMessage())
                .contains("'0612'").contains("not a valid phone number in LT");
        assertThat(assertThrows(IllegalArgumentException.class, () -> phones.requireE164(" ")).getMessage())
                .contains("empty");
    }

    @Test
    void unknownRegionIsRefused() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> new PhoneNumbers("XX")).getMessage())
                .contains("'XX'");
    }
}
