package dev.frontline.server.api;

import dev.frontline.core.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The web callback form's limits, counted in the store ({@code web_form_posts}, {@code callbacks}) so that a restart
 * forgets none: posts per client address per hour; requests per phone per day; requests from everyone per minute;
 * web callbacks still pending. Each check and the row that counts it are one write transaction, so parallel posts
 * cannot pass a limit together. Thread-safe.
 */
final class FormPostLimits {
    /** The {@code callbacks.note} of every web callback starts with this ({@link CallbackForm}). */
    static final String WEB_CALLBACK = "web form: ";
    static final Duration ADDRESS_WINDOW = Duration.ofHours(1);
    static final Duration PHONE_WINDOW = Duration.ofDays(1);
    static final Duration GLOBAL_WINDOW = Duration.ofMinutes(1);

    private final Database db;
    private final Clock clock;
    private final ApiConfig.FormLimits limits;

    FormPostLimits(Database db, Clock clock, ApiConfig.FormLimits limits) {
        this.db = db;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * A limit that refused a post.
     *
     * @param status     429 (this sender) or 503 (the desk: too many from everyone, or too many pending)
     * @param message    for 429 the scope ("from this address"), for 503 what the desk has too many of
     * @param retryAfter seconds
     * @param flood      true when the limit is everyone's: supervisors are told
     */
    record Refusal(int status, String message, long retryAfter, boolean flood) {}

    /** Counts a post from {@code address}; refused when the address sent its hourly share already. */
    Optional<Refusal> post(String address) {
        long now = clock.millis();
        return db.inTransaction(c -> {
            delete(c, "DELETE FROM web_form_posts WHERE kind IN ('post', 'request') AND at < ?",
                    now - PHONE_WINDOW.toMillis());
            long from = now - ADDRESS_WINDOW.toMillis();
            Window w = window(c, "SELECT COUNT(*), MIN(at) FROM web_form_posts WHERE address = ? AND kind = 'post'"
                    + " AND at > ?", address, from);
            if (w.count >= limits.postsPerHour()) {
                return Optional.of(new Refusal(429, "from this address", retryAfter(w, ADDRESS_WINDOW, now),
                        false));
            }
            insert(c, now, "post", address, null);
            return Optional.empty();
        });
    }

    /**
     * Counts a valid request for {@code phone}; refused when that phone had its daily share, when everyone together
     * sent {@code form-posts-per-minute} in the last minute, or when {@code form-pending-callbacks} web callbacks
     * wait.
     */
    Optional<Refusal> request(String address, String phone) {
        long now = clock.millis();
        return db.inTransaction(c -> {
            Window perPhone = window(c, "SELECT COUNT(*), MIN(at) FROM web_form_posts WHERE phone = ? AND kind = 'request'"
                    + " AND at > ?", phone, now - PHONE_WINDOW.toMillis());
            if (perPhone.count >= limits.postsPerPhone()) {
                return Optional.of(new Refusal(429, "for this phone number",
                        retryAfter(perPhone, PHONE_WINDOW, now), false));
            }
            Window everyone = window(c, "SELECT COUNT(*), MIN(at) FROM web_form_posts WHERE kind = ? AND at > ?",
                    "request", now - GLOBAL_WINDOW.toMillis());
            if (everyone.count >= limits.postsPerMinute()) {
                return Optional.of(new Refusal(503, "the desk receives too many web requests right now",
                        retryAfter(everyone, GLOBAL_WINDOW, now), true));
            }
            long pending = pendingWebCallbacks(c);
            if (pending >= limits.pendingCallbacks()) {
                return Optional.of(new Refusal(503, "the desk has " + pending + " web callbacks waiting", 600, true));
            }
            insert(c, now, "request", address, phone);
            return Optional.empty();
        });
    }

    private static long pendingWebCallbacks(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM callbacks WHERE state IN ('scheduled',"
                + " 'offered') AND note LIKE ?")) {
            ps.setString(1, WEB_CALLBACK + "%");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private record Window(long count, long oldest) {}

    private static Window window(Connection c, String sql, String key, long from) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setLong(2, from);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Window(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    private static long retryAfter(Window w, Duration window, long now) {
        return Math.max(1, (w.oldest + window.toMillis() - now + 999) / 1000);
    }

    private static void insert(Connection c, long at, String kind, String address, String phone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO web_form_posts (at, kind, address, phone) VALUES (?,?,?,?)")) {
            ps.setLong(1, at);
            ps.setString(2, kind);
            ps.setString(3, address.length() > 64 ? address.substring(0, 64) : address);
            ps.setString(4, phone);
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, String sql, long before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, before);
            ps.executeUpdate();
        }
    }
}
