package dev.frontline.desktop.operator;

import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;

import java.util.Locale;

/**
 * A menu-trail step in the desk's language (issue 22 item 10: "no valid entered-contract entered", "line1"): the
 * step's kind worded by {@code trail.step.<kind>}, variables, lookups, SMS purposes and the shipped flow's choice
 * labels by their keys; a step of no known kind, or a label no bundle has, as the server wrote it.
 */
final class TrailWords {
    private TrailWords() {
    }

    static String of(I18n i18n, Views.TrailStep s) {
        if (s == null) return "";
        String kind = s.kind() == null ? "text" : s.kind();
        String specific = "trail.step." + kind + "." + s.key();
        String key = s.key() != null && i18n.has(specific) ? specific : "trail.step." + kind;
        if ("text".equals(kind) || !i18n.has(key)) return s.text();
        return switch (kind) {
            case "pressed" -> i18n.t(key, s.key(), choice(i18n, s.value()));
            case "entered", "skipped", "invalid-entry" -> i18n.t(key, word(i18n, "trail.var.", s.key()), nz(s.value()));
            case "identified", "not-identified" -> i18n.t(key, word(i18n, "trail.by.", s.key()), nz(s.value()));
            case "queued", "routed" -> i18n.t(key, i18n.label("intent", s.key()), nz(s.value()), i18n.label("tier", s.node()));
            case "gave-up" -> i18n.t(key, nz(s.node()), of(i18n, Views.TrailStep.of(s.value())));
            case "sms-sent", "sms-not-sent" -> i18n.t(key, word(i18n, "trail.sms.", s.key()), nz(s.value()));
            case "language" -> i18n.t(key, s.value() == null ? "" : s.value().toUpperCase(Locale.ROOT));
            default -> i18n.t(key, nz(s.key()), nz(s.value()), nz(s.node()));
        };
    }

    /** The shipped flow's choice labels ("technical failure") in the desk's language; a flow's own as written. */
    private static String choice(I18n i18n, String label) {
        if (label == null) return "";
        String k = "trail.choice." + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return i18n.has(k) ? i18n.t(k) : label;
    }

    /** A variable, lookup or purpose by its key ("entered-contract" -> "contract number"), else readably. */
    private static String word(I18n i18n, String prefix, String key) {
        if (key == null) return "";
        String k = prefix + key.strip().replace(' ', '-');
        return i18n.has(k) ? i18n.t(k) : key.replace('-', ' ');
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
