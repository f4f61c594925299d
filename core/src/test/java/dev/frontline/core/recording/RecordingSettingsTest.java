package dev.frontline.core.recording;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Tier;
import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordingSettingsTest {

    @Test
    void offByDefault() {
        RecordingSettings s = RecordingSettings.from(new ConfigNode("recording", Map.of()));
        assertThat(s.enabled()).isFalse();
        assertThat(s.records(Tier.LINE1, Intent.TECHNICAL)).isFalse();
        assertThat(s.dir()).isEqualTo(Path.of("recordings"));
        assertThat(s.retention()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void recordsOnlyTheListedLinesAndQueues() {
        RecordingSettings s = RecordingSettings.from(new ConfigNode("recording", Map.of("enabled", true,
                "lines", List.of("line1", "line2"), "queues", List.of("technical"), "dir", "/var/spool/rec",
                "retention", "30d")));
        assertThat(s.records(Tier.LINE1, Intent.TECHNICAL)).isTrue();
        assertThat(s.records(Tier.LINE2, Intent.TECHNICAL)).isTrue();
        assertThat(s.records(Tier.LINE3, Intent.TECHNICAL)).isFalse();
        assertThat(s.records(Tier.LINE1, Intent.SALES)).isFalse();
        assertThat(s.retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aWrongLineIsNamedByItsKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> RecordingSettings.from(new ConfigNode("recording",
                Map.of("enabled", true, "lines", List.of("line4")))));
        assertThat(e.getMessage()).contains("recording.lines").contains("line4");
    }

    @Test
    void aWrongQueueRetentionOrUnknownKeyIsNamedByItsKey() {
        assertThat(assertThrows(ConfigException.class, () -> RecordingSettings.from(new ConfigNode("recording",
                Map.of("queues", List.of("billing"))))).getMessage()).contains("recording.queues");
        assertThat(assertThrows(ConfigException.class, () -> RecordingSettings.from(new ConfigNode("recording",
                Map.of("retention", "10m")))).getMessage()).contains("recording.retention");
        assertThat(assertThrows(ConfigException.class, () -> RecordingSettings.from(new ConfigNode("recording",
                Map.of("directory", "x")))).getMessage()).contains("recording.directory");
        assertThat(assertThrows(ConfigException.class, () -> RecordingSettings.from(new ConfigNode("recording",
                Map.of("enabled", true, "lines", List.of())))).getMessage()).contains("recording.lines");
    }
}
