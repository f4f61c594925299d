package dev.frontline.desktop.ui;

import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A ticket's history in the desk's language where the server wrote a known form, as written otherwise. */
class HistoryTextTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final I18n ru = I18n.forSetting("ru");

    private static Views.TicketNote note(String kind, String text) {
        return new Views.TicketNote(T0, "anna", kind, text);
    }

    @Test
    void theServersFormsAreWordedInTheDesksLanguage() {
        assertThat(HistoryText.of(ru, note("state", "opened on line1: No internet"))).isEqualTo("открыта (1-я линия): No internet");
        assertThat(HistoryText.of(ru, note("state", "closed: Router replaced"))).isEqualTo("решена: Router replaced");
        assertThat(HistoryText.of(ru, note("escalation", "line1 -> line3: needs an engineer")))
                .isEqualTo("1-я линия → 3-я линия: needs an engineer");
        assertThat(HistoryText.of(ru, note("escalation", "line2 -> line3"))).isEqualTo("2-я линия → 3-я линия");
        assertThat(HistoryText.of(ru, note("taken", "taken on line3"))).isEqualTo("взял(а) (3-я линия)");
        assertThat(HistoryText.of(I18n.forSetting("en"), note("taken", "taken on line3"))).isEqualTo("took it on Line 3");
    }

    @Test
    void notesAndUnknownFormsStayAsWritten() {
        assertThat(HistoryText.of(ru, note("note", "closed: this is what the customer said"))).isEqualTo("closed: this is what the customer said");
        assertThat(HistoryText.of(ru, note("escalation", "to line2: older form"))).isEqualTo("to line2: older form");
        assertThat(HistoryText.of(ru, note("disposition", "resolved"))).isEqualTo("resolved");
    }
}
