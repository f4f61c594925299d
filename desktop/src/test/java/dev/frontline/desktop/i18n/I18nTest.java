package dev.frontline.desktop.i18n;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class I18nTest {
    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = I18n.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void russianHasEveryEnglishKey() throws Exception {
        Properties en = load("messages.properties");
        Properties ru = load("messages_ru.properties");
        assertThat(ru.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
    }

    /** MessageFormat takes a lone ' as a quote: "callers' rating ({0})" came out as "callers rating ({0})". */
    @Test
    void everyTextWithAPlaceholderFillsItIn() throws Exception {
        for (String file : new String[] {"messages.properties", "messages_ru.properties"}) {
            Properties texts = load(file);
            I18n i18n = new I18n(file.contains("_ru") ? Locale.forLanguageTag("ru") : Locale.ENGLISH);
            for (String key : texts.stringPropertyNames()) {
                if (texts.getProperty(key).contains("{0}")) {
                    assertThat(i18n.t(key, "X1", "X2", "X3", "X4", "X5", "X6")).as("%s in %s", key, file).contains("X1").doesNotContain("{");
                }
            }
        }
    }

    @Test
    void settingChoosesTheLanguageAndUnknownOnesFallBackToEnglish() {
        assertThat(I18n.forSetting("ru").t("op.ready")).isEqualTo("Готов");
        assertThat(I18n.forSetting("en").t("op.ready")).isEqualTo("Ready");
        assertThat(new I18n(Locale.GERMAN).t("op.ready")).isEqualTo("Ready");
    }

    @Test
    void aMissingKeyIsVisibleNotACrash() {
        assertThat(I18n.forSetting("en").t("no.such.key")).isEqualTo("!no.such.key!");
    }

    @Test
    void clocksReadLikeAWallClock() {
        assertThat(I18n.clock(Duration.ofSeconds(65))).isEqualTo("1:05");
        assertThat(I18n.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
        assertThat(I18n.clock(Duration.ofSeconds(-4))).isEqualTo("0:00");
    }
}
