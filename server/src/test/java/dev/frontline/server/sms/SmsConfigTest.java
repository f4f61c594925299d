package dev.frontline.server.sms;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SmsConfigTest {
    @Test
    void readsTheSection() {
        SmsConfig c = SmsConfig.from(new ConfigNode("sms", Map.of("provider", "twilio", "per-customer", 2,
                "per-number", 4, "window", "30m", "max-attempts", 5, "retry-backoff", "1s")));

        assertThat(c.provider()).isEqualTo(SmsConfig.Provider.TWILIO);
        assertThat(c.limits().perCustomer()).isEqualTo(2);
        assertThat(c.limits().perNumber()).isEqualTo(4);
        assertThat(c.limits().window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.maxAttempts()).isEqualTo(5);
    }

    @Test
    void defaultsToTheLogAndThreeAndFivePerHour() {
        SmsConfig c = SmsConfig.from(new ConfigNode("sms", Map.of()));
        assertThat(c).isEqualTo(SmsConfig.defaults());
    }

    @Test
    void errorsNameTheKey() {
        assertThat(assertThrows(ConfigException.class, () -> SmsConfig.from(new ConfigNode("sms", Map.of("provider", "nexmo")))))
                .hasMessageStartingWith("sms.provider: must be twilio or log");
        assertThat(assertThrows(ConfigException.class, () -> SmsConfig.from(new ConfigNode("sms", Map.of("per-customer", 0)))))
                .hasMessageStartingWith("sms.per-customer:");
        assertThat(assertThrows(ConfigException.class, () -> SmsConfig.from(new ConfigNode("sms", Map.of("per-custmer", 2)))))
                .hasMessageStartingWith("sms.per-custmer: unknown key");
    }
}
