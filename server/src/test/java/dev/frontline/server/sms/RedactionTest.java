package dev.frontline.server.sms;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {
    @Test
    void keepsPlainWordsBeforeTheColon() {
        assertThat(Redaction.redact("Your login: jonas42")).isEqualTo("Your login: [redacted]");
        assertThat(Redaction.redact("Jūsų prisijungimas: jonas42")).isEqualTo("Jūsų prisijungimas: [redacted]");
    }

    @Test
    void replacesEverythingWhenThePrefixCouldHoldASecret() {
        assertThat(Redaction.redact("Reset at https://x.example/r/abc")).isEqualTo("[redacted]");
        assertThat(Redaction.redact("Code 4711: use it within 5 minutes")).isEqualTo("[redacted]");
        assertThat(Redaction.redact("https://x.example/r?t=abc: reset link")).isEqualTo("[redacted]");
    }
}
