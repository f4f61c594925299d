package dev.frontline.core.call;

import dev.frontline.core.common.Language;

import java.util.Objects;

/**
 * A recorded prompt. Asterisk plays {@code sounds/<lang>/<key>} (no extension), Twilio plays the same file over HTTP
 * or says {@link #text()}, the simulated line shows the text.
 */
public record Prompt(Language language, String key, String text) {
    public Prompt {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(key, "key");
        text = text == null ? "" : text;
    }

    /** Path relative to the sounds directory, without extension: {@code en/welcome}. */
    public String path() {
        return language.code() + "/" + key;
    }
}
