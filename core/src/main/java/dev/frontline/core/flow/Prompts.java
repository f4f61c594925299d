package dev.frontline.core.flow;

import dev.frontline.core.common.Language;

import java.util.Map;
import java.util.Optional;

/**
 * Prompt texts and SMS templates per language, with where each was written.
 *
 * @param files language -> prompt file as given
 */
public record Prompts(Map<Language, Map<String, Text>> texts, Map<Language, Map<String, Text>> sms,
                      Map<Language, String> files) {

    /** One text and its position. */
    public record Text(String text, Position pos) {}

    public Prompts {
        texts = Map.copyOf(texts);
        sms = Map.copyOf(sms);
        files = Map.copyOf(files);
    }

    public Optional<Text> text(Language language, String key) {
        return Optional.ofNullable(texts.getOrDefault(language, Map.of()).get(key));
    }

    public Optional<Text> smsTemplate(Language language, String key) {
        return Optional.ofNullable(sms.getOrDefault(language, Map.of()).get(key));
    }
}
