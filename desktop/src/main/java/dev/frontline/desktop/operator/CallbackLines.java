package dev.frontline.desktop.operator;

import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What the callbacks list says of one callback, in the desk's language: who (name and number), when it is due with
 * the reason and the caller's wait, how each attempt ended, and why (a web request's problem as the visitor typed
 * it). Pure: the clock and zone are given.
 */
record CallbackLines(String who, String number, String due, String attempts, String why) {

    static CallbackLines of(Views.CallbackRow r, I18n i18n, Instant now, ZoneId zone) {
        String name = r.customerName() == null || r.customerName().isBlank() ? i18n.t("pop.unknown") : r.customerName();
        Instant dueAt = r.nextAttemptAt() != null ? r.nextAttemptAt() : r.windowStart();
        List<String> parts = new ArrayList<>();
        parts.add(i18n.t("cb.row.due", dueAt == null ? i18n.t("cb.row.now") : when(dueAt, now, zone, i18n)));
        if (r.intent() != null && !r.intent().isBlank()) {
            parts.add(i18n.label("intent", r.intent()));
        }
        if (r.originalWaitSeconds() > 0) { // a web request never waited on the line: no "waited 0:00"
            parts.add(i18n.t("cb.row.waited", I18n.clock(r.originalWaitSeconds())));
        }
        List<String> tries = new ArrayList<>();
        if (r.attemptLog() != null) {
            for (Views.CallbackAttempt a : r.attemptLog()) {
                String at = when(a.at(), now, zone, i18n);
                tries.add("operator_no_answer".equals(a.outcome()) // not an attempt on the customer: not counted
                        ? i18n.t("cb.row.operator-missed", at, a.operator())
                        : i18n.t("cb.row.attempt", a.attempt(), at, i18n.label("cb.outcome", a.outcome())));
            }
        }
        String why = r.note() == null ? "" : r.note().strip(); // a web request's problem, or why it was asked for
        return new CallbackLines(name, r.number(), String.join(" · ", parts), String.join("; ", tries), why);
    }

    /** "14:05" today, else the short date and time. */
    private static String when(Instant at, Instant now, ZoneId zone, I18n i18n) {
        if (at == null) {
            return "";
        }
        return at.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate())
                ? I18n.hoursMinutes(at, zone) : i18n.dateTime(at);
    }
}
