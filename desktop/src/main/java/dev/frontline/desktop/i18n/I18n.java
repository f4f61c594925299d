package dev.frontline.desktop.i18n;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The UI texts of one locale. A missing key shows as {@code !key!} so it is seen, never a crash. */
public final class I18n {
    private static final String BUNDLE = "dev.frontline.desktop.i18n.messages";

    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    private final Locale locale;
    private final ResourceBundle bundle;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter time;

    public I18n(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale)
                .withZone(ZoneId.systemDefault());
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss", locale).withZone(ZoneId.systemDefault());
    }

    /** The languages the desk speaks, as their codes: the desks in the seeds serve all five. */
    public static final java.util.List<String> LANGUAGES = java.util.List.of("en", "lt", "ru", "pl", "sl");

    /**
     * From a setting ("en", "lt", "ru", "pl", "sl", or a tag such as "pl-PL") or, when blank, the system locale;
     * unsupported languages fall back to English.
     */
    public static I18n forSetting(String language) {
        String lang = language == null || language.isBlank() ? Locale.getDefault().getLanguage() : language.trim();
        String code = Locale.forLanguageTag(lang.replace('_', '-')).getLanguage().toLowerCase(Locale.ROOT);
        return new I18n(LANGUAGES.contains(code) ? Locale.forLanguageTag(code) : Locale.ENGLISH);
    }

    public Locale locale() {
        return locale;
    }

    public String t(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    /** A value from the server shown by its label: {@code label("tier", "line1")} -> "Line 1"; unknown -> as is. */
    public String label(String group, String value) {
        if (value == null || value.isBlank()) return "";
        String key = group + "." + value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (bundle.containsKey(key)) return bundle.getString(key);
        String lower = group + "." + value.trim().toLowerCase(Locale.ROOT);
        return bundle.containsKey(lower) ? bundle.getString(lower) : value;
    }

    public boolean has(String key) {
        return key != null && bundle.containsKey(key);
    }

    public String t(String key, Object... args) {
        return new MessageFormat(t(key), locale).format(args);
    }

    /** "4:05" or "1:02:03". */
    public static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
    }

    /** "45 s", "14 min", "2 h 5 min", "24 h", "3 d 4 h": how long a target is, or how far past it a ticket is. */
    public String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return t("dur.s", s);
        long m = s / 60;
        if (m < 60) return t("dur.min", m);
        long h = m / 60;
        if (h < 48) return m % 60 == 0 ? t("dur.h", h) : t("dur.hmin", h, m % 60);
        return h % 24 == 0 ? t("dur.d", h / 24) : t("dur.dh", h / 24, h % 24);
    }

    public static String clock(long seconds) {
        return clock(Duration.ofSeconds(seconds));
    }

    public String dateTime(Instant at) {
        return at == null ? "" : dateTime.format(at);
    }

    public String time(Instant at) {
        return at == null ? "" : time.format(at);
    }

    /** The start of the desk's day (its midnight, in the system's zone, the one its clocks and charts show). */
    public static Instant startOfToday(java.time.Clock clock) {
        ZoneId zone = ZoneId.systemDefault();
        return clock.instant().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    /** A percentage with one decimal as the language writes it: "22.5%", "22,5%". */
    public String percent(double value) {
        return String.format(locale, "%.1f%%", value);
    }

    /** An average rating as the language writes it: "4.5", "4,5". */
    public String oneDecimal(double value) {
        return String.format(locale, "%.1f", value);
    }

    /** "14:05" in {@code zone} (hours and minutes, the same in every language here). */
    public static String hoursMinutes(Instant at, ZoneId zone) {
        return at == null ? "" : HOURS_MINUTES.format(at.atZone(zone));
    }
}
