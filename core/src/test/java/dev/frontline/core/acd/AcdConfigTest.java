package dev.frontline.core.acd;

import dev.frontline.core.common.Tier;
import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AcdConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AcdConfig c = AcdConfig.defaults();
        assertThat(c.ringTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.wrapUp()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.languageFallback()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.policyWarnings()).isEmpty();
        assertThat(c.overflowAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.onLineTarget()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.tierTarget(Tier.LINE1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.tierTarget(Tier.LINE2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.tierTarget(Tier.LINE3)).isEqualTo(Duration.ofHours(24));
        assertThat(c.callbackAttempts()).isEqualTo(3);
        assertThat(c.callbackRetryInterval()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void valuesAreReadWithTheirUnits() {
        AcdConfig c = AcdConfig.from(new ConfigNode("acd", Map.of("ring-timeout", "20s", "wrap-up", "1m",
                "callback", Map.of("attempts", 5, "retry-interval", "15m"))),
                new dev.frontline.core.desk.Targets(Duration.ofSeconds(45), Duration.ofMinutes(5),
                        Duration.ofMinutes(10), Duration.ofHours(24)));
        assertThat(c.ringTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.wrapUp()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.callbackAttempts()).isEqualTo(5);
        assertThat(c.callbackRetryInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.onLineTarget()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aBadValueNamesItsKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AcdConfig.from(new ConfigNode("acd", Map.of("ring-timeout", "0s"))));
        assertThat(e.key()).isEqualTo("acd.ring-timeout");
        ConfigException nested = assertThrows(ConfigException.class,
                () -> AcdConfig.from(new ConfigNode("acd", Map.of("callback", Map.of("attempts", 0)))));
        assertThat(nested.key()).isEqualTo("acd.callback.attempts");
    }

    @Test
    void snapshotsAreStoredEveryNEventsOrMinutesAndBadValuesNameTheirKey() {
        assertThat(AcdConfig.defaults().snapshotEvents()).isEqualTo(20_000);
        assertThat(AcdConfig.defaults().snapshotTime()).isEqualTo(Duration.ofMinutes(10));
        AcdConfig c = AcdConfig.from(new ConfigNode("acd", Map.of("snapshot-every", Map.of("events", 5000, "time", "2m"))));
        assertThat(c.snapshotEvents()).isEqualTo(5000);
        assertThat(c.snapshotTime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(assertThrows(ConfigException.class, () -> AcdConfig.from(new ConfigNode("acd",
                Map.of("snapshot-every", Map.of("events", 0))))).key()).isEqualTo("acd.snapshot-every.events");
        assertThat(assertThrows(ConfigException.class, () -> AcdConfig.from(new ConfigNode("acd",
                Map.of("snapshot-every", Map.of("time", "0s"))))).key()).isEqualTo("acd.snapshot-every.time");
        assertThat(assertThrows(ConfigException.class, () -> AcdConfig.from(new ConfigNode("acd",
                Map.of("snapshot-every", Map.of("minutes", 5))))).key()).isEqualTo("acd.snapshot-every.minutes");
    }

    @Test
    void theShippedFrontlineYamlHoldsTheDefaults() {
        dev.frontline.core.config.FrontlineConfig file = dev.frontline.core.config.FrontlineConfig.load(
                java.nio.file.Path.of("..", "frontline.yaml"), Map.of());
        AcdConfig c = AcdConfig.from(file.section("acd"), file.desk().targets());
        assertThat(c).isEqualTo(AcdConfig.defaults());
    }

    @Test
    void aMisspeltKeyIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AcdConfig.from(new ConfigNode("acd", Map.of("ring-timout", "15s"))));
        assertThat(e.key()).isEqualTo("acd.ring-timout");
    }

    /** Seen on the demo wallboard: the only Russian sales operator busy, Russian callers waited 61 s while others were free. */
    @Test
    void aLanguageFallbackPastTheOnLineTargetIsWarnedAbout() {
        AcdConfig slow = AcdConfig.from(new dev.frontline.core.config.ConfigNode("acd", java.util.Map.of("language-fallback", "60s")));
        assertThat(slow.policyWarnings()).singleElement().asString()
                .startsWith("acd.language-fallback (60 s) is not shorter than desk.targets.on-line (30 s)");
    }
}
