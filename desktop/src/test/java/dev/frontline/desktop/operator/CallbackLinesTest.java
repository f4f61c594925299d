package dev.frontline.desktop.operator;

import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackLinesTest {
    static final ZoneId VILNIUS = ZoneId.of("Europe/Vilnius");
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z"); // 10:30 in Vilnius

    static Views.CallbackRow row(String name, Instant nextAttemptAt, List<Views.CallbackAttempt> log) {
        return new Views.CallbackRow(12, "+37061234567", name == null ? null : 7L, name, "TECHNICAL", 1, "LINE1", "lt",
                NOW.minusSeconds(3600), 42, NOW.minusSeconds(1800), NOW.plusSeconds(7200), "waiting", log.size(),
                nextAttemptAt, null, null, log);
    }

    @Test
    void saysWhoWhenWhyHowLongAndEveryAttemptInTheDesksLanguage() {
        Views.CallbackRow r = row("Jonas Jonaitis", NOW.plusSeconds(600), List.of(
                new Views.CallbackAttempt(1, "anna", Instant.parse("2026-11-23T08:05:00Z"), "customer_busy", "busy"),
                new Views.CallbackAttempt(2, "boris", Instant.parse("2026-11-23T08:10:00Z"), "operator_no_answer", ""),
                new Views.CallbackAttempt(2, "anna", Instant.parse("2026-11-23T08:15:00Z"), "customer_no_answer", "")));

        CallbackLines en = CallbackLines.of(r, new I18n(Locale.ENGLISH), NOW, VILNIUS);
        assertThat(en.who()).isEqualTo("Jonas Jonaitis");
        assertThat(en.number()).isEqualTo("+37061234567");
        assertThat(en.due()).isEqualTo("Due 10:40 · technical failure · waited 0:42 before asking");
        assertThat(en.attempts()).isEqualTo("attempt 1 at 10:05: busy; 10:10: boris did not answer, not counted; "
                + "attempt 2 at 10:15: no answer");

        CallbackLines ru = CallbackLines.of(r, new I18n(Locale.forLanguageTag("ru")), NOW, VILNIUS);
        assertThat(ru.due()).isEqualTo("Позвонить 10:40 · техническая неисправность · ждал 0:42, прежде чем заказать");
        assertThat(ru.attempts()).isEqualTo("попытка 1 в 10:05: занято; 10:10: boris не ответил(а), не считается; "
                + "попытка 2 в 10:15: не ответил");
    }

    @Test
    void anotherDayShowsTheDateTheWindowStartCountsAndAnUnknownCallerIsSaidSo() {
        Views.CallbackRow yesterday = row(null, NOW.minusSeconds(86400), List.of());
        Views.CallbackRow atWindowStart = row("Jonas Jonaitis", null, List.of()); // no attempt yet: due at 10:00
        I18n en = new I18n(Locale.ENGLISH);

        assertThat(CallbackLines.of(yesterday, en, NOW, VILNIUS).who()).isEqualTo(en.t("pop.unknown"));
        assertThat(CallbackLines.of(yesterday, en, NOW, VILNIUS).due())
                .startsWith("Due " + en.dateTime(NOW.minusSeconds(86400)) + " · ");
        assertThat(CallbackLines.of(yesterday, en, NOW, VILNIUS).attempts()).isEmpty();
        assertThat(CallbackLines.of(atWindowStart, en, NOW, VILNIUS).due()).startsWith("Due 10:00 · ");
    }

    /** Issue 22 item 8: a web request shows the visitor's name and problem, not "Unknown caller · waited 0:00". */
    @Test
    void aWebRequestSaysWhoAsksAndWhatTheProblemIsWithoutAWait() {
        Views.CallbackRow web = new Views.CallbackRow(13, "+37061234567", null, "Ona Petraitė", "TECHNICAL", 1, "LINE1",
                "lt", NOW, 0, null, null, "waiting", 0, null, "FL-000123", "No internet since morning", List.of());
        CallbackLines l = CallbackLines.of(web, new I18n(Locale.ENGLISH), NOW, VILNIUS);
        assertThat(l.who()).isEqualTo("Ona Petraitė");
        assertThat(l.why()).isEqualTo("No internet since morning");
        assertThat(l.due()).isEqualTo("Due now · technical failure");
    }
}
