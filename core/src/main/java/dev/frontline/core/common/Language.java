package dev.frontline.core.common;

import java.util.Locale;

/** The languages the desks serve. {@link #code()} is the ISO 639-1 code used in files and config. */
public enum Language {
    EN, RU, LT, PL, SL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted codes */
    public static Language of(String code) {
        if (code != null) {
            for (Language l : values()) {
                if (l.code().equalsIgnoreCase(code.trim())) {
                    return l;
                }
            }
        }
        throw new IllegalArgumentException("unknown language '" + code + "' (expected one of en, ru, lt, pl, sl)");
    }
}
