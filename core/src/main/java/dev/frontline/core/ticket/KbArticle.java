package dev.frontline.core.ticket;

import dev.frontline.core.common.Language;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A knowledge-base article as operators read it on the call and supervisors administer it.
 *
 * @param retiredAt when a supervisor retired it (no longer suggested); empty while it is in use
 * @param version   counted up by every edit and retirement: an edit that names an older one is refused (ADR 0148)
 * @param updatedBy who changed it last (null when not known)
 * @param updatedAt when (null when not known)
 */
public record KbArticle(long id, Language language, String title, String body, String tags,
                        Optional<Instant> retiredAt, long version, String updatedBy, Instant updatedAt) {

    public KbArticle(long id, Language language, String title, String body, String tags, Optional<Instant> retiredAt) {
        this(id, language, title, body, tags, retiredAt, 0, null, null);
    }

    public static final int MAX_TITLE = 400;
    public static final int MAX_BODY = 20_000;

    /** An article as written by a supervisor, not yet checked: any field may be null. */
    public record Draft(String language, String title, String body, String tags) {

        /** A problem with one field of a draft. */
        public record Problem(String field, String message) {}

        /** Every problem of this draft, by field; empty when it may be written. */
        public List<Problem> problems() {
            List<Problem> out = new ArrayList<>();
            if (language == null || language.isBlank()) {
                out.add(new Problem("language", "is required: one of " + codes()));
            } else {
                try {
                    Language.of(language.trim().toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    out.add(new Problem("language", "'" + language + "' is not one of " + codes()));
                }
            }
            if (title == null || title.isBlank()) {
                out.add(new Problem("title", "is required"));
            } else if (title.trim().length() > MAX_TITLE) {
                out.add(new Problem("title", "is longer than " + MAX_TITLE + " characters"));
            }
            if (body == null || body.isBlank()) {
                out.add(new Problem("body", "is required: the text operators read on the call"));
            } else if (body.length() > MAX_BODY) {
                out.add(new Problem("body", "is longer than " + MAX_BODY + " characters"));
            }
            if (tags != null && tags.length() > 400) {
                out.add(new Problem("tags", "are longer than 400 characters"));
            }
            return out;
        }

        /** The checked language; call only when {@link #problems()} is empty. */
        public Language checkedLanguage() {
            return Language.of(language.trim().toLowerCase(Locale.ROOT));
        }

        private static String codes() {
            return java.util.Arrays.stream(Language.values()).map(Language::code).toList().toString();
        }
    }
}
