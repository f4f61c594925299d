package dev.frontline.desktop.ui;

import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AlertTextTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final Views.Alert onLine = new Views.Alert(T0, "warning", "SLA breached: on-line wait 30 s",
            "line1", "technical", "sla-on-line", 30L, "sim-1", null);

    @Test
    void aKnownAlertIsWordedInTheDesksLanguageWithoutTheRawCallId() {
        assertThat(AlertText.of(I18n.forSetting("ru"), onLine))
                .isEqualTo("Техподдержка · 1-я линия: клиент ждёт на линии дольше 0:30");
        assertThat(AlertText.of(I18n.forSetting("en"), onLine))
                .isEqualTo("Technical · Line 1: a caller waited on the line over 0:30");
        Views.Alert callback = new Views.Alert(T0, "warning", "SLA breached: callback within 10 min", "line2", "sales",
                "sla-callback", 600L, "callback-7", null);
        assertThat(AlertText.of(I18n.forSetting("ru"), callback))
                .isEqualTo("Продажи · 2-я линия: обратный звонок не сделан за 10:00");
    }

    @Test
    void aTicketPastItsTargetIsWordedWithItsLineAndId() {
        Views.Alert ticket = new Views.Alert(T0, "warning", "Ticket FL-000047 (line 3) passed its 24 h target: Fibre cut",
                "line3", null, "ticket-overdue", 86_400L, null, "FL-000047");
        assertThat(AlertText.of(I18n.forSetting("en"), ticket)).isEqualTo("Line 3: ticket FL-000047 passed its 24 h target");
        assertThat(AlertText.of(I18n.forSetting("ru"), ticket)).isEqualTo("3-я линия: заявка FL-000047 не решена за 24 ч");
    }

    @Test
    void anAlertOfUnknownKindOrFromAnOlderServerKeepsItsText() {
        assertThat(AlertText.of(I18n.forSetting("ru"), new Views.Alert(T0, "warning", "disk almost full", null, null, null, null, null, null)))
                .isEqualTo("disk almost full");
        assertThat(AlertText.of(I18n.forSetting("ru"), new Views.Alert(T0, "warning", "x", "line1", "sales",
                "something-new", 5L, null, null))).isEqualTo("x");
    }
}
