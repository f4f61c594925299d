package dev.frontline.core.customer;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.FrontlineConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutageClustersTest {
    static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void fiveTechnicalCallsFromOneAreaInTenMinutesSuggestAnOutageOncePerHour() {
        OutageClusters c = new OutageClusters(OutageClusters.Settings.DEFAULTS);
        for (int i = 0; i < 4; i++) {
            assertThat(c.technicalCall("Kaunas", T.plusSeconds(i * 120L))).isEmpty();
            assertThat(c.technicalCall("Vilnius", T.plusSeconds(i * 120L))).isEmpty();
        }
        assertThat(c.technicalCall("Kaunas", T.plusSeconds(540))).hasValue(5);
        assertThat(c.technicalCall("Kaunas", T.plusSeconds(560))).isEmpty(); // once per hour
        for (int i = 0; i < 5; i++) {
            assertThat(c.technicalCall("Kaunas", T.plusSeconds(3600 + 540 + i))).as("call " + i).isEqualTo(
                    i < 4 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(5));
        }
    }

    @Test
    void callsSpreadWiderThanTheWindowSuggestNothing() {
        OutageClusters c = new OutageClusters(OutageClusters.Settings.DEFAULTS);
        for (int i = 0; i < 20; i++) {
            assertThat(c.technicalCall("Kaunas", T.plusSeconds(i * 151L))).isEmpty(); // 4 per 10 min at most
        }
    }

    @Test
    void settingsComeFromTheOutagesSectionAndABadValueNamesTheKey() {
        OutageClusters.Settings s = OutageClusters.Settings.from(FrontlineConfig.parse(
                "outages:\n  suggest-after-calls: 3\n  suggest-within: 5m\n", "t.yaml", Map.of()).section("outages"));
        assertThat(s).isEqualTo(new OutageClusters.Settings(3, Duration.ofMinutes(5), Duration.ofHours(1)));
        assertThat(assertThrows(ConfigException.class, () -> OutageClusters.Settings.from(FrontlineConfig.parse(
                "outages:\n  suggest-after-calls: 1\n", "t.yaml", Map.of()).section("outages"))).getMessage())
                .startsWith("outages.suggest-after-calls:");
        assertThat(assertThrows(ConfigException.class, () -> dev.frontline.core.report.ReportSettings.from(FrontlineConfig.parse(
                "reports:\n  first-contact-days: 0\n", "t.yaml", Map.of()).section("reports"))).getMessage())
                .startsWith("reports.first-contact-days:");
    }
}
