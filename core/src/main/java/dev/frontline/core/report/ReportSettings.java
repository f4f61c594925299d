package dev.frontline.core.report;

import dev.frontline.core.config.ConfigNode;

/**
 * {@code reports:} how reports judge what they cannot simply count.
 *
 * @param firstContactDays days after a call in which a repeat call or a reopened ticket mean it was not resolved at
 *                         first contact (1..90, default 7)
 */
public record ReportSettings(int firstContactDays) {
    public static final ReportSettings DEFAULTS = new ReportSettings(CallReports.DEFAULT_FIRST_CONTACT_DAYS);

    public ReportSettings {
        if (firstContactDays < 1 || firstContactDays > 90) {
            throw new IllegalArgumentException("first-contact days must be 1..90, not " + firstContactDays);
        }
    }

    /** @throws dev.frontline.core.config.ConfigException naming the key */
    public static ReportSettings from(ConfigNode n) {
        int days = n.integer("first-contact-days", CallReports.DEFAULT_FIRST_CONTACT_DAYS, 1, 90);
        n.rejectUnknownKeys();
        return new ReportSettings(days);
    }
}
