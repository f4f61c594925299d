package dev.frontline.core.flow;

import java.util.Locale;

/** What a {@code branch} node tests. */
public enum Condition {
    /** The caller was found by number or contract. */
    IDENTIFIED,
    /** The caller entered the right PIN in this call. */
    VERIFIED,
    /** The identified customer has a mobile number on file. */
    HAS_MOBILE,
    /** The desk is open now (business hours). */
    OPEN,
    /** A known outage is going on in the identified customer's service area. */
    OUTAGE,
    /** The estimated wait for the current intent is above the node's threshold. */
    WAIT_ABOVE;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return null when unknown */
    static Condition ofYaml(String s) {
        for (Condition c : values()) {
            if (c.yamlName().equals(s)) return c;
        }
        return null;
    }
}
