package dev.frontline.desktop.ui;

import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;

/**
 * An alert in the desk's language when its kind is known ({@code alert.<kind>}: the limit, where, and the call or
 * the ticket), else the server's English text.
 */
public final class AlertText {
    private AlertText() {
    }

    public static String of(I18n i18n, Views.Alert a) {
        if (a.kind() == null || a.limitSeconds() == null || !i18n.has("alert." + a.kind())) {
            return a.text();
        }
        if (a.ticketId() != null) { // a ticket past its line's target: which line, which ticket, how long the target
            return i18n.t("alert." + a.kind(), i18n.span(java.time.Duration.ofSeconds(a.limitSeconds())),
                    i18n.label("tier", a.tier()), a.ticketId());
        }
        String where = i18n.label("queue", a.queue()) + (a.tier() == null ? "" : " · " + i18n.label("tier", a.tier()));
        return i18n.t("alert." + a.kind(), I18n.clock(a.limitSeconds()), where, a.callId() == null ? "" : a.callId());
    }
}
