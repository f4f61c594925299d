package dev.frontline.core.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SlowHashTest {
    private static final SlowHash HASH = new SlowHash(10);

    @Test
    void hashMatchesOnlyItsSecretAndIsSaltedBcrypt() {
        String h = HASH.hash("correct horse".toCharArray());
        assertThat(h).startsWith("$2a$10$").hasSize(60);
        assertThat(HASH.matches("correct horse".toCharArray(), h)).isTrue();
        assertThat(HASH.matches("correct horsE".toCharArray(), h)).isFalse();
        assertThat(HASH.hash("correct horse".toCharArray())).as("salted").isNotEqualTo(h);
    }

    @Test
    void overLongAndEmptySecretsAreRefusedNotTruncated() {
        String seventyThree = "a".repeat(73);
        assertThat(assertThrows(IllegalArgumentException.class, () -> HASH.hash(seventyThree.toCharArray())).getMessage())
                .contains("72 bytes");
        // 36 two-byte letters = 72 bytes: accepted; 37 = 74 bytes: refused
        assertThat(HASH.hash("ž".repeat(36).toCharArray())).startsWith("$2a$");
        assertThrows(IllegalArgumentException.class, () -> HASH.hash("ž".repeat(37).toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> HASH.hash(new char[0]));
        String h = HASH.hash("a".repeat(72).toCharArray());
        assertThat(HASH.matches(seventyThree.toCharArray(), h)).as("no silent truncation").isFalse();
    }

    @Test
    void malformedHashDoesNotMatch() {
        assertThat(HASH.matches("x".toCharArray(), "not-a-hash")).isFalse();
        assertThat(HASH.matches("x".toCharArray(), null)).isFalse();
    }

    @Test
    void costBelowTenIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SlowHash(9));
    }

    @Test
    void aHashOfAnotherCostNeedsRehashingAndAMalformedOneDoesNot() {
        String cost10 = HASH.hash("1234".toCharArray());
        SlowHash cost11 = new SlowHash(11);

        assertThat(HASH.needsRehash(cost10)).isFalse();
        assertThat(cost11.needsRehash(cost10)).isTrue();
        assertThat(cost11.needsRehash(cost11.hash("1234".toCharArray()))).isFalse();
        for (String odd : new String[] {null, "", "$2a$", "plain", "$2a$xx$abc", "$2a$1$abc"}) {
            assertThat(cost11.needsRehash(odd)).as(String.valueOf(odd)).isFalse();
        }
    }
}
