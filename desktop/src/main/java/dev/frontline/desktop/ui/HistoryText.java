package dev.frontline.desktop.ui;

import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line of a ticket's history in the desk's language where the server wrote it in a known form ("opened on line1:
 * ...", "closed: ...", "line1 -> line2: ...", "taken on line3"; see {@code TicketService}); anything else as written.
 */
public final class HistoryText {
    private static final Pattern OPENED = Pattern.compile("opened on (line[1-3]): (.*)", Pattern.DOTALL);
    private static final Pattern CLOSED = Pattern.compile("closed: (.*)", Pattern.DOTALL);
    private static final Pattern ESCALATED = Pattern.compile("(line[1-3]) -> (line[1-3])(?:: (.*))?", Pattern.DOTALL);
    private static final Pattern TAKEN = Pattern.compile("taken on (line[1-3])");
    private static final Pattern ASSIGNED = Pattern.compile("assigned on (line[1-3]) by (.+)");

    private HistoryText() {
    }

    public static String of(I18n i18n, Views.TicketNote n) {
        String text = n.text() == null ? "" : n.text();
        String kind = n.kind() == null ? "" : n.kind();
        Matcher m;
        if (kind.equals("state") && (m = OPENED.matcher(text)).matches()) {
            return i18n.t("hist.opened", i18n.label("tier", m.group(1)), m.group(2));
        }
        if (kind.equals("state") && (m = CLOSED.matcher(text)).matches()) {
            return i18n.t("hist.closed", m.group(1));
        }
        if (kind.equals("escalation") && (m = ESCALATED.matcher(text)).matches()) {
            String to = i18n.t("hist.escalated", i18n.label("tier", m.group(1)), i18n.label("tier", m.group(2)));
            return m.group(3) == null ? to : to + ": " + m.group(3);
        }
        if (kind.equals("taken") && (m = TAKEN.matcher(text)).matches()) {
            return i18n.t("hist.taken", i18n.label("tier", m.group(1)));
        }
        if (kind.equals("taken") && (m = ASSIGNED.matcher(text)).matches()) { // a supervisor gave it to the note's author
            return i18n.t("hist.assigned", i18n.label("tier", m.group(1)), m.group(2));
        }
        return text;
    }
}
