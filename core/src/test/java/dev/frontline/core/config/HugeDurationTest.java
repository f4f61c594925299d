package dev.frontline.core.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 20 item 10: a huge duration in the configuration is named by its key, not a raw NumberFormatException. */
class HugeDurationTest {

    @Test
    void aNumberTooLongForALongNamesTheKey() {
        assertThatThrownBy(() -> ConfigNode.parseDuration("acd.ring-timeout", "99999999999999999999s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("acd.ring-timeout: ").hasMessageContaining("at most 36500d");
    }

    @Test
    void aDurationTooLongForJavaNamesTheKey() {
        assertThatThrownBy(() -> ConfigNode.parseDuration("recording.retention", "999999999999999d"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("recording.retention: ");
        assertThatThrownBy(() -> ConfigNode.parseDuration("acd.tick", "36501d"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("acd.tick: ");
        assertThat(ConfigNode.parseDuration("recording.retention", "36500d")).isEqualTo(Duration.ofDays(36500));
    }

    @Test
    void aWholeConfigurationWithAHugeDurationNamesTheKey() {
        assertThatThrownBy(() -> dev.frontline.core.acd.AcdConfig.from(FrontlineConfig.parse(
                "acd:\n  ring-timeout: 9223372036854775808s\n", "test", Map.of()).section("acd"))).isInstanceOf(ConfigException.class).hasMessageContaining("acd.ring-timeout");
    }

    @Test
    void theFlowSessionRetentionIsReadAndCheckedUnderItsKey() {
        assertThat(FrontlineConfig.parse("store:\n  flow-session-retention: 2d\n", "test", Map.of()).store()
                .flowSessionRetention()).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> FrontlineConfig.parse("store:\n  flow-session-retention: 10s\n", "test", Map.of())
                .store()).isInstanceOf(ConfigException.class).hasMessageContaining("store.flow-session-retention");
    }
}
