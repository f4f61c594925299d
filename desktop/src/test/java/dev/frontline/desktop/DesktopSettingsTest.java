package dev.frontline.desktop;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DesktopSettingsTest {
    @Test
    void noServerMeansTheDemo() {
        DesktopSettings s = DesktopSettings.parse(List.of(), Map.of());
        assertThat(s.demo()).isTrue();
    }

    @Test
    void aServerUrlAndOptionsAreRead() {
        DesktopSettings s = DesktopSettings.parse(List.of("http://10.0.0.5:8080", "--lang=ru", "--dark"), Map.of());
        assertThat(s.serverUrl()).isEqualTo("http://10.0.0.5:8080");
        assertThat(s.language()).isEqualTo("ru");
        assertThat(s.dark()).isTrue();
    }

    @Test
    void environmentGivesTheServerWhenNoArgumentDoes() {
        assertThat(DesktopSettings.parse(List.of(), Map.of("FRONTLINE_SERVER", "http://h:1")).serverUrl()).isEqualTo("http://h:1");
    }

    @Test
    void badOptionsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DesktopSettings.parse(List.of("--colour=blue"), Map.of()));
        assertThat(e.getMessage()).contains("--colour=blue");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> DesktopSettings.parse(List.of("--lang=de"), Map.of())).getMessage()).contains("'de'");
    }
}
