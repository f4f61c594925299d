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

    /**
     * Mixes the parts. The record's own hash (31 times the key's hash plus the text's) puts the number prompts
     * ({@code digits/7} "7", {@code digits/8} "8", ...) exactly 32 apart, so they crowd a few buckets of a hash
     * table: the TwiML fragment cache had most of its entries in 8 tree bins.
     */
    @Override
    public int hashCode() {
        int h = language.hashCode() * 0x9E3779B9 + key.hashCode();
        h = h * 0x9E3779B9 + text.hashCode();
        return h ^ (h >>> 16);
    }

    /** Path relative to the sounds directory, without extension: {@code en/welcome}. */
    public String path() {
        return language.code() + "/" + key;
    }
}
