package dev.frontline.server.api;

import dev.frontline.core.common.OperatorId;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.operator.OperatorRepository;
import dev.frontline.core.security.Sha256;
import dev.frontline.core.store.Database;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login tokens: 256 random bits each, valid for a fixed time. Kept in {@code desk_sessions} (as a SHA-256 of the
 * token, never the token) so desktops reconnect after a server restart without logging in again, and in memory
 * for the lookups of every request. A session whose operator was deactivated or deleted is not restored.
 * Thread-safe.
 */
public final class Sessions {
    private static final Duration STORE_SWEEP = Duration.ofMinutes(1);
    /** How soon a session revoked from another process ends here. */
    static final Duration REVOKED_SWEEP = Duration.ofSeconds(5);
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, DeskSession> byToken = new ConcurrentHashMap<>();
    private final Database db;
    private final OperatorRepository operators;
    private final Clock clock;
    private final Duration ttl;
    private volatile Instant nextStoreSweep = Instant.MIN;
    private volatile Instant nextRevokedSweep = Instant.MIN;

    public Sessions(Database db, OperatorRepository operators, Clock clock, Duration ttl) {
        this.db = db;
        this.operators = operators;
        this.clock = clock;
        this.ttl = ttl;
    }

    public DeskSession open(Operator operator) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        DeskSession s = new DeskSession(token, operator, now.plus(ttl));
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO desk_sessions (token_sha256, login, expires_at, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, sha256(token));
                ps.setString(2, operator.id().value());
                ps.setLong(3, s.expiresAt().toEpochMilli());
                ps.setLong(4, now.toEpochMilli());
                return ps.executeUpdate();
            }
        });
        byToken.put(token, s);
        return s;
    }

    /** The live session for {@code token}; empty when unknown or expired (an expired one is dropped). */
    public Optional<DeskSession> find(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        DeskSession s = byToken.get(token);
        if (s == null) {
            s = restore(token).orElse(null);
            if (s == null) {
                return Optional.empty();
            }
            DeskSession raced = byToken.putIfAbsent(token, s);
            s = raced == null ? s : raced;
        }
        if (!clock.instant().isBefore(s.expiresAt())) {
            close(token);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** A session opened before this process started (a restart), if its operator is still active. */
    private Optional<DeskSession> restore(String token) {
        record Row(String login, long expiresAt) {}
        Optional<Row> row = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT login, expires_at FROM desk_sessions WHERE token_sha256 = ?")) {
                ps.setString(1, sha256(token));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getLong(2))) : Optional.<Row>empty();
                }
            }
        });
        return row.flatMap(r -> operators.find(new OperatorId(r.login())).filter(Operator::active)
                .map(op -> new DeskSession(token, op, Instant.ofEpochMilli(r.expiresAt()))));
    }

    public boolean close(String token) {
        if (token == null) {
            return false;
        }
        boolean cached = byToken.remove(token) != null;
        int rows = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM desk_sessions WHERE token_sha256 = ?")) {
                ps.setString(1, sha256(token));
                return ps.executeUpdate();
            }
        });
        return cached || rows > 0;
    }

    /**
     * Removes and returns the sessions that expired by now; their rows go too, as do those an earlier run left in
     * the store (at most once a minute).
     */
    public List<DeskSession> sweepExpired() {
        List<DeskSession> gone = new ArrayList<>();
        Instant now = clock.instant();
        byToken.values().removeIf(s -> {
            boolean expired = !now.isBefore(s.expiresAt());
            if (expired) {
                gone.add(s);
            }
            return expired;
        });
        if (!now.isBefore(nextStoreSweep)) { // the rows: once a minute is plenty (find() checks expiry itself)
            nextStoreSweep = now.plus(STORE_SWEEP);
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM desk_sessions WHERE expires_at <= ?")) {
                    ps.setLong(1, now.toEpochMilli());
                    return ps.executeUpdate();
                }
            });
        }
        return gone;
    }

    /**
     * Removes and returns the sessions whose row is no longer in the store: revoked by {@link #revokeStored} from
     * another process (a password change or deactivation on the command line). At most once every few seconds.
     */
    public List<DeskSession> sweepRevoked() {
        Instant now = clock.instant();
        if (byToken.isEmpty() || now.isBefore(nextRevokedSweep)) {
            return List.of();
        }
        nextRevokedSweep = now.plus(REVOKED_SWEEP);
        // the sessions first, then the rows: each of these sessions had its row before it was put in memory
        // (open() and restore() write or read it first), so one missing from the rows read after was revoked
        List<DeskSession> known = List.copyOf(byToken.values());
        Set<String> stored = db.read(c -> {
            Set<String> hashes = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT token_sha256 FROM desk_sessions");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
            return hashes;
        });
        List<DeskSession> gone = new ArrayList<>();
        for (DeskSession s : known) {
            if (!stored.contains(sha256(s.token())) && byToken.remove(s.token(), s)) {
                gone.add(s);
            }
        }
        return gone;
    }

    /**
     * Ends every stored session of {@code login} (a password change or deactivation from the command line); a
     * running server closes their desktops at its next {@link #sweepRevoked}. Returns how many there were.
     */
    public static int revokeStored(Database db, String login) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM desk_sessions WHERE LOWER(login) = LOWER(?)")) {
                ps.setString(1, login);
                return ps.executeUpdate();
            }
        });
    }

    /** The sessions held in memory now (desktops connected or used since the start). */
    public List<DeskSession> live() {
        return List.copyOf(byToken.values());
    }

    public boolean isLive(DeskSession s) {
        return byToken.get(s.token()) == s && clock.instant().isBefore(s.expiresAt());
    }

    static String sha256(String token) {
        return Sha256.hex(token);
    }
}
