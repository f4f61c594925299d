package dev.frontline.core.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTest {
    @Test
    void lineBreaksAndOtherControlCharactersAreEscaped() {
        assertThat(LogSafe.of("+37061234567\r\n10:00:00.000 INFO  forged")).isEqualTo("+37061234567\\r\\n10:00:00.000 INFO  forged");
        assertThat(LogSafe.of("a\tb\u001b[31mred\u0085\u2028")).isEqualTo("a\\tb\\u001b[31mred\\u0085\\u2028");
    }

    @Test
    void plainTextIsUnchangedAndEscapingTwiceChangesNothing() {
        String plain = "Jonas Jonaitis +37061234567 ąčę \\n";
        assertThat(LogSafe.of(plain)).isSameAs(plain);
        assertThat(LogSafe.of(LogSafe.of("x\ny"))).isEqualTo("x\\ny");
        assertThat(LogSafe.of(null)).isEqualTo("null");
    }
}
