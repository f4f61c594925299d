package dev.frontline.core.ticket;

import java.util.List;

/** Knowledge-base articles matching a few typed words, best first. Thread-safe. */
public interface KnowledgeBase {

    /**
     * Articles matching any of the words of {@code text} (each word also as a prefix, so "rou" finds "router"),
     * ranked by relevance (title and tags weigh more than the body). Empty for text without words.
     */
    List<Suggestion> suggest(String text, int limit);

    /** A suggestion: the article and a short snippet around the matching words. */
    record Suggestion(long id, String title, String snippet) {}
}
