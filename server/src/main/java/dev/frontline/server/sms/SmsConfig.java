package dev.frontline.server.sms;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.config.SecurityConfig;
import dev.frontline.core.sms.SmsRateLimiter;

import java.time.Duration;
import java.util.Locale;

/**
 * The {@code sms} section of frontline.yaml.
 *
 * @param provider       who sends: Twilio's Messages API, or only the log (demo, simulated line)
 * @param limits         per customer and per destination number over a window
 * @param maxAttempts    provider attempts for one text when Twilio answers 429 / 5xx or the network fails
 * @param retryBackoff   wait before the second attempt; doubled before each further one
 */
public record SmsConfig(Provider provider, SmsRateLimiter.Limits limits, int maxAttempts, Duration retryBackoff) {

    public enum Provider { TWILIO, LOG }

    public static SmsConfig defaults() {
        return new SmsConfig(Provider.LOG, new SmsRateLimiter.Limits(3, 5, Duration.ofHours(1)), 3, Duration.ofMillis(500));
    }

    /** The {@code sms} section of the loaded configuration, with its {@code security} limits. */
    public static SmsConfig from(FrontlineConfig config) {
        return from(config.section("sms"), config.security());
    }

    /**
     * Reads {@code sms}; the limits come from {@code security.sms-per-customer-per-hour} and
     * {@code security.sms-per-number-per-hour}. A wrong value fails with its key, e.g.
     * {@code sms.provider: must be twilio or log}.
     */
    public static SmsConfig from(ConfigNode node, SecurityConfig security) {
        String p = node.string("provider", "log").trim().toLowerCase(Locale.ROOT);
        Provider provider = switch (p) {
            case "twilio" -> Provider.TWILIO;
            case "log" -> Provider.LOG;
            default -> throw new ConfigException(node.key("provider"), "must be twilio or log, not '" + p + "'");
        };
        int attempts = node.integer("max-attempts", 3, 1, 10);
        Duration backoff = node.duration("retry-backoff", Duration.ofMillis(500));
        if (backoff.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new ConfigException(node.key("retry-backoff"), "must be at most 30s, not " + backoff.toSeconds() + "s");
        }
        node.rejectUnknownKeys();
        return new SmsConfig(provider, new SmsRateLimiter.Limits(security.smsPerCustomerPerHour(),
                security.smsPerNumberPerHour(), Duration.ofHours(1)), attempts, backoff);
    }
}
