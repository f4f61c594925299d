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

    /** Every language the desks work in has every English key, and no key English does not have. */
    @Test
    void everyLanguageHasEveryEnglishKey() throws Exception {
        Properties en = load("messages.properties");
        for (String lang : new String[] {"ru", "lt", "pl", "sl"}) {
            Properties other = load("messages_" + lang + ".properties");
            assertThat(other).as("messages_%s.properties", lang).isNotNull();
            assertThat(other.stringPropertyNames()).as("keys of messages_%s.properties", lang)
                    .containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        }
    }

    /** A key left in English by mistake: the same text as English where it is more than a word or a format. */
    @Test
    void theOtherLanguagesAreTranslatedNotCopied() throws Exception {
        Properties en = load("messages.properties");
        for (String lang : new String[] {"ru", "lt", "pl", "sl"}) {
            Properties other = load("messages_" + lang + ".properties");
            for (String key : en.stringPropertyNames()) {
                String text = en.getProperty(key);
                if (text.replaceAll("\\{\\d}", "").replaceAll("[^\\p{L}]+", " ").trim().split(" ").length > 2) {
                    assertThat(other.getProperty(key)).as("%s in %s", key, lang).isNotEqualTo(text);
                }
            }
        }
    }

    /** MessageFormat takes a lone ' as a quote: "callers' rating ({0})" came out as "callers rating ({0})". */
    @Test
    void everyTextWithAPlaceholderFillsItIn() throws Exception {
        for (String lang : I18n.LANGUAGES) {
            String file = lang.equals("en") ? "messages.properties" : "messages_" + lang + ".properties";
            Properties texts = load(file);
            I18n i18n = new I18n(Locale.forLanguageTag(lang));
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
        assertThat(I18n.forSetting("lt").t("op.ready")).isEqualTo("Pasiruošęs");
        assertThat(I18n.forSetting("pl-PL").t("op.ready")).isEqualTo("Gotowy");
        assertThat(I18n.forSetting("sl").t("op.ready")).isEqualTo("Pripravljen");
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
