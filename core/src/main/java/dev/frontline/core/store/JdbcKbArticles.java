package dev.frontline.core.store;

import dev.frontline.core.common.Language;
import dev.frontline.core.ticket.KbArticle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Knowledge-base articles as supervisors administer them ({@code kb_articles}): create, edit, retire. Each change
 * and its {@code audit_log} row are committed in one transaction. Drafts must be checked
 * ({@link KbArticle.Draft#problems()}) before they reach here. Thread-safe.
 */
public final class JdbcKbArticles {
    private static final String COLUMNS = "id, language, title, body, tags, retired_at, version, updated_by, updated_at";

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public JdbcKbArticles(Database db, AuditLog audit, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Optional<KbArticle> find(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM kb_articles WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Articles in {@code language} (all when null), by title; retired ones only when asked. */
    public List<KbArticle> list(Language language, boolean withRetired) {
        String sql = "SELECT " + COLUMNS + " FROM kb_articles WHERE " + (language == null ? "1 = 1" : "language = ?")
                + (withRetired ? "" : " AND retired_at IS NULL") + " ORDER BY language, title, id";
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (language != null) {
                    ps.setString(1, language.code());
                }
                List<KbArticle> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Writes a checked draft as a new article; audited as {@code kb-create}. */
    public KbArticle create(KbArticle.Draft d, String actor) {
        requireChecked(d);
        long now = clock.millis();
        return db.inTransaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kb_articles (title, body, tags, language,"
                    + " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
                bind(ps, d, now, actor);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            audit.record(c, actor, "kb-create", Long.toString(id), d.checkedLanguage().code() + ": " + d.title().trim());
            return article(c, id);
        });
    }

    /**
     * Replaces an article's language, title, body and tags with a checked draft; audited as {@code kb-edit}.
     *
     * @return empty when there is no such article
     */
    public Optional<KbArticle> edit(long id, KbArticle.Draft d, String actor) {
        return edit(id, d, actor, null, java.time.ZoneOffset.UTC);
    }

    /**
     * As {@link #edit(long, KbArticle.Draft, String)}, only if the article is still at {@code expectedVersion}.
     *
     * @param expectedVersion the version the article was read at; null edits whatever was saved meanwhile
     * @param zone            the desk's time zone, for the refusal's "at 2026-12-07 06:01:00"
     * @throws ChangedMeanwhile when someone changed (or retired) it after {@code expectedVersion}; nothing changed
     */
    public Optional<KbArticle> edit(long id, KbArticle.Draft d, String actor, Long expectedVersion, java.time.ZoneId zone) {
        requireChecked(d);
        long now = clock.millis();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE kb_articles SET title = ?, body = ?, tags = ?,"
                    + " language = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?"
                    + (expectedVersion == null ? "" : " AND version = ?"))) {
                bind(ps, d, now, actor);
                ps.setLong(7, id);
                if (expectedVersion != null) ps.setLong(8, expectedVersion);
                if (ps.executeUpdate() == 0) {
                    try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM kb_articles WHERE id = ?")) {
                        q.setLong(1, id);
                        try (ResultSet rs = q.executeQuery()) {
                            if (!rs.next()) return Optional.empty();
                            KbArticle now2 = read(rs);
                            throw new ChangedMeanwhile("article " + id, now2.version(), now2.updatedBy(), now2.updatedAt(), zone);
                        }
                    }
                }
            }
            audit.record(c, actor, "kb-edit", Long.toString(id), d.checkedLanguage().code() + ": " + d.title().trim());
            return Optional.of(article(c, id));
        });
    }

    /**
     * Retires an article: it stays readable by id but is no longer suggested; audited as {@code kb-retire}.
     *
     * @return false when there is no such article or it is retired already
     */
    public boolean retire(long id, String actor) {
        long now = clock.millis();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE kb_articles SET retired_at = ?, updated_at = ?,"
                    + " updated_by = ?, version = version + 1 WHERE id = ? AND retired_at IS NULL")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setString(3, actor);
                ps.setLong(4, id);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            audit.record(c, actor, "kb-retire", Long.toString(id), null);
            return true;
        });
    }

    private static void requireChecked(KbArticle.Draft d) {
        if (!d.problems().isEmpty()) {
            throw new IllegalArgumentException("unchecked draft: " + d.problems());
        }
    }

    private static void bind(PreparedStatement ps, KbArticle.Draft d, long now, String actor) throws SQLException {
        ps.setString(1, d.title().trim());
        ps.setString(2, d.body().strip());
        ps.setString(3, d.tags() == null || d.tags().isBlank() ? null : d.tags().trim());
        ps.setString(4, d.checkedLanguage().code());
        ps.setLong(5, now);
        ps.setString(6, actor);
    }

    private static KbArticle article(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM kb_articles WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return read(rs);
            }
        }
    }

    private static KbArticle read(ResultSet rs) throws SQLException {
        long retired = rs.getLong(6);
        Optional<Instant> retiredAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(retired));
        long updated = rs.getLong(9);
        Instant updatedAt = rs.wasNull() ? null : Instant.ofEpochMilli(updated);
        return new KbArticle(rs.getLong(1), Language.of(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), retiredAt, rs.getLong(7), rs.getString(8), updatedAt);
    }
}
