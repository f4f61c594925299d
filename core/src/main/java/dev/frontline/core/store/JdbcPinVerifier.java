package dev.frontline.core.store;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.customer.PinVerifier;
import dev.frontline.core.security.SlowHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * PIN checks against {@code customers.pin_hash}, counting wrong PINs in {@code customers.pin_failures}. The wrong PIN
 * that reaches {@code maxAttempts} locks the customer until {@code now + lockout} ({@code customers.locked_until}) and
 * answers {@link Result#LOCKED}; while locked every attempt answers LOCKED without looking at the PIN. A right PIN
 * resets the count. The count lives in the store, so hanging up and calling again does not reset it. Thread-safe.
 */
public final class JdbcPinVerifier implements PinVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPinVerifier.class);

    private final Database db;
    private final SlowHash hash;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration lockout;

    /**
     * @param maxAttempts wrong PINs in a row before the lockout, at least 1 (default 3)
     * @param lockout     how long a locked customer stays locked (default 15 minutes)
     */
    public JdbcPinVerifier(Database db, SlowHash hash, Clock clock, int maxAttempts, Duration lockout) {
        this.db = Objects.requireNonNull(db, "db");
        this.hash = Objects.requireNonNull(hash, "hash");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("lockout must be positive, not " + lockout);
        }
        this.maxAttempts = maxAttempts;
        this.lockout = lockout;
    }

    @Override
    public Result verify(CustomerId customer, String pin) {
        long now = clock.millis();
        Row row = db.inTransaction(c -> read(c, customer.value()));
        if (row == null || row.hash == null) {
            hash.burn();
            return Result.NO_PIN;
        }
        if (row.lockedUntil != null && row.lockedUntil > now) {
            return Result.LOCKED;
        }
        boolean ok = pin != null && hash.matches(pin.toCharArray(), row.hash);
        // a PIN hashed with an old cost is re-hashed now that it is known (outside the transaction: bcrypt is slow)
        String fresh = ok && hash.needsRehash(row.hash) ? hash.hash(pin.toCharArray()) : null;
        return db.inTransaction(c -> ok ? succeed(c, customer.value(), row.hash, fresh) : fail(c, customer.value(), now));
    }

    private static Row read(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pin_hash, locked_until FROM customers WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long locked = rs.getLong(2);
                return new Row(rs.getString(1), rs.wasNull() ? null : locked);
            }
        }
    }

    private static Result succeed(Connection c, long id, String old, String fresh) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE customers SET pin_failures = 0, locked_until = NULL WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        if (fresh != null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE customers SET pin_hash = ? WHERE id = ? AND pin_hash = ?")) {
                ps.setString(1, fresh);
                ps.setLong(2, id);
                ps.setString(3, old);
                ps.executeUpdate();
            }
        }
        return Result.OK;
    }

    private Result fail(Connection c, long id, long now) throws SQLException {
        // an expired lock starts a fresh count; otherwise count one more failure, atomically in the store
        try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET pin_failures = CASE WHEN locked_until"
                + " IS NOT NULL AND locked_until <= ? THEN 1 ELSE pin_failures + 1 END, locked_until = NULL WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        int failures;
        try (PreparedStatement ps = c.prepareStatement("SELECT pin_failures FROM customers WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                failures = rs.getInt(1);
            }
        }
        if (failures < maxAttempts) {
            return Result.WRONG;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE customers SET pin_failures = 0, locked_until = ? WHERE id = ?")) {
            ps.setLong(1, now + lockout.toMillis());
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        LOG.info("customer {} locked for {} after {} wrong PINs", id, lockout, failures);
        return Result.LOCKED;
    }

    private record Row(String hash, Long lockedUntil) {}
}
