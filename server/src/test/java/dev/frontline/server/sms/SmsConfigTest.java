package dev.frontline.server.sms;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;
import dev.frontline.core.config.SecurityConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SmsConfigTest {
    @Test
    void readsTheSectionWithTheLimitsFromSecurity() {
        SecurityConfig security = new SecurityConfig(3, Duration.ofMinutes(15), 2, 4, 10);
        SmsConfig c = SmsConfig.from(new ConfigNode("sms", Map.of("provider", "twilio", "max-attempts", 5,
                "retry-backoff", "1s")), security);

        assertThat(c.provider()).isEqualTo(SmsConfig.Provider.TWILIO);
        assertThat(c.limits().perCustomer()).isEqualTo(2);
        assertThat(c.limits().perNumber()).isEqualTo(4);
        assertThat(c.limits().window()).isEqualTo(Duration.ofHours(1));
        assertThat(c.maxAttempts()).isEqualTo(5);
        assertThat(c.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void defaultsToTheLogAndThreeAndFivePerHour() {
        assertThat(SmsConfig.from(new ConfigNode("sms", Map.of()), SecurityConfig.DEFAULTS)).isEqualTo(SmsConfig.defaults());
    }

    @Test
    void theShippedFrontlineYamlParses() {
        SmsConfig c = SmsConfig.from(dev.frontline.core.config.FrontlineConfig.load(java.nio.file.Path.of("..", "frontline.yaml"), Map.of()));
        assertThat(c.provider()).isEqualTo(SmsConfig.Provider.LOG);
    }

    @Test
    void errorsNameTheKey() {
        assertThat(error(Map.of("provider", "nexmo"))).startsWith("sms.provider: must be twilio or log");
        assertThat(error(Map.of("max-attempts", 0))).startsWith("sms.max-attempts:");
        assertThat(error(Map.of("retry-backoff", "2m"))).startsWith("sms.retry-backoff: must be at most 30s");
        assertThat(error(Map.of("per-customer", 2))).startsWith("sms.per-customer: unknown key");
    }

    private static String error(Map<String, Object> section) {
        return assertThrows(ConfigException.class,
                () -> SmsConfig.from(new ConfigNode("sms", section), SecurityConfig.DEFAULTS)).getMessage();
    }
}
