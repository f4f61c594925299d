package dev.frontline.core.flow;

import dev.frontline.core.common.Language;

/**
 * A prompt named in a flow: {@code key} in the caller's language, or {@code lang/key} in a fixed language
 * (the language-choice menu speaks every language). {@code fixed} is null for the caller's language.
 */
public record PromptRef(Language fixed, String key, Position pos) {
    public Language languageFor(Language callerLanguage) {
        return fixed == null ? callerLanguage : fixed;
    }

    @Override
    public String toString() {
        return fixed == null ? key : fixed.code() + "/" + key;
    }
}
