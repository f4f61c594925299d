package dev.frontline.core.store;

import dev.frontline.core.ticket.KnowledgeBase;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@link KnowledgeBase} on the database's own full-text search: SQLite FTS5 ({@code kb_fts}, ranked by bm25 with
 * title and tags weighted up) or PostgreSQL ({@code kb_articles.search}, ranked by ts_rank). Typed words are
 * reduced to letters and digits before they reach the query language, and each is matched as a prefix.
 * Retired articles are not suggested. Thread-safe.
 */
public final class JdbcKnowledgeBase implements KnowledgeBase {
    static final int MAX_WORDS = 8;

    private static final String SQLITE = "SELECT a.id, a.title, snippet(kb_fts, 2, '', '', '...', 16) FROM kb_fts"
            + " JOIN kb_articles a ON a.id = kb_fts.rowid WHERE kb_fts MATCH ? AND a.retired_at IS NULL ORDER BY bm25(kb_fts, 10.0, 5.0, 1.0), a.id LIMIT ?";
    private static final String POSTGRES = "SELECT a.id, a.title, ts_headline('simple', a.body, q,"
            + " 'MaxWords=16, MinWords=6, StartSel=\"\", StopSel=\"\"') FROM kb_articles a, to_tsquery('simple', ?) q"
            + " WHERE a.search @@ q AND a.retired_at IS NULL ORDER BY ts_rank(a.search, q) DESC, a.id LIMIT ?";

    private final Database db;

    public JdbcKnowledgeBase(Database db) {
        this.db = db;
    }

    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() >= 2).distinct().limit(MAX_WORDS).toList();
    }

    @Override
    public List<Suggestion> suggest(String text, int limit) {
        List<String> words = words(text);
        if (words.isEmpty() || limit < 1) {
            return List.of();
        }
        boolean pg = db.dialect() == Database.Dialect.POSTGRESQL;
        String query = pg ? words.stream().map(w -> w + ":*").collect(Collectors.joining(" | "))
                : words.stream().map(w -> "\"" + w + "\"*").collect(Collectors.joining(" OR "));
        return db.read(c -> {
            List<Suggestion> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(pg ? POSTGRES : SQLITE)) {
                ps.setString(1, query);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Suggestion(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }
}
