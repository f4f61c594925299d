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
 * PIN checks against {@code customers.pin_hash}, counting attempts in {@code customers.pin_failures}. Every attempt is
 * counted and, when it is the {@code maxAttempts}-th, the lock set ({@code customers.locked_until = now + lockout}) in
 * one conditional UPDATE <em>before</em> bcrypt runs, so parallel attempts can never check more than
 * {@code maxAttempts} PINs between two right ones; the last attempt, wrong, answers {@link Result#LOCKED}; while
 * locked every attempt answers LOCKED without looking at the PIN. A right PIN resets the count and the lock. The count lives in the store, so hanging up and calling again does not reset it. Thread-safe.
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
        // the attempt is counted (and the lock set when it is the last one) before the PIN is looked at, in one
        // conditional UPDATE: parallel calls cannot all read "not locked" and then all be checked
        Reserved r = db.inTransaction(c -> reserve(c, customer.value(), now));
        if (r == null) {
            Row row = db.inTransaction(c -> read(c, customer.value()));
            if (row == null || row.hash == null) {
                hash.burn();
                return Result.NO_PIN;
            }
            return Result.LOCKED;
        }
        boolean ok = pin != null && hash.matches(pin.toCharArray(), r.hash);
        if (!ok) {
            if (r.failures < maxAttempts) {
                return Result.WRONG;
            }
            LOG.info("customer {} locked for {} after {} wrong PINs", customer.value(), lockout, r.failures);
            return Result.LOCKED;
        }
        // a PIN hashed with an old cost is re-hashed now that it is known (outside the transaction: bcrypt is slow)
        String fresh = hash.needsRehash(r.hash) ? hash.hash(pin.toCharArray()) : null;
        return db.inTransaction(c -> succeed(c, customer.value(), r.hash, fresh));
    }

    /**
     * Counts one attempt for a customer with a PIN who is not locked (an expired lock starts a fresh count); the
     * attempt that reaches {@code maxAttempts} sets the lock. Null when nothing was counted (locked, no PIN, unknown).
     */
    private Reserved reserve(Connection c, long id, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET"
                + " pin_failures = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE pin_failures + 1 END,"
                + " locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE pin_failures + 1 END) >= ?"
                + " THEN ? ELSE NULL END"
                + " WHERE id = ? AND pin_hash IS NOT NULL AND (locked_until IS NULL OR locked_until <= ?)"
                + " RETURNING pin_failures, pin_hash")) {
            ps.setInt(1, maxAttempts);
            ps.setLong(2, now + lockout.toMillis());
            ps.setLong(3, id);
            ps.setLong(4, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Reserved(rs.getInt(1), rs.getString(2)) : null;
            }
        }
    }

    /**
     * A dry run ({@code flows simulate}): checks the PIN against the store and reports a lock, but never counts an
     * attempt nor sets or clears a lock.
     */
    public PinVerifier dryRun() {
        return (customer, pin) -> {
            Row row = db.inTransaction(c -> read(c, customer.value()));
            if (row == null || row.hash == null) {
                hash.burn();
                return Result.NO_PIN;
            }
            if (row.lockedUntil != null && row.lockedUntil > clock.millis()) {
                return Result.LOCKED;
            }
            return pin != null && hash.matches(pin.toCharArray(), row.hash) ? Result.OK : Result.WRONG;
        };
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

    private record Reserved(int failures, String hash) {}

    private record Row(String hash, Long lockedUntil) {}
}
