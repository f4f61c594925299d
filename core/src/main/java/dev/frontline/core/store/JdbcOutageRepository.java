package dev.frontline.core.store;

import dev.frontline.core.customer.Outage;
import dev.frontline.core.customer.OutageRepository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Outages in the {@code outages} table. An outage is active at {@code now} when it started at or before {@code now}
 * and is not resolved at {@code now}; the expected end is an estimate to announce, not a filter. Areas match
 * exactly (the customer's {@code service_area}). Thread-safe.
 */
public final class JdbcOutageRepository implements OutageRepository {
    private static final String ACTIVE = "SELECT id, area, description, started_at, expected_end FROM outages"
            + " WHERE started_at <= ? AND (resolved_at IS NULL OR resolved_at > ?)";

    private final Database db;

    public JdbcOutageRepository(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public Optional<Outage> activeIn(String area, Instant now) {
        if (area == null) {
            return Optional.empty();
        }
        List<Outage> found = list(ACTIVE + " AND area = ? ORDER BY started_at DESC, id DESC", now, area);
        return found.stream().findFirst();
    }

    @Override
    public List<Outage> active(Instant now) {
        return list(ACTIVE + " ORDER BY area, started_at DESC", now, null);
    }

    @Override
    public Outage report(String area, String description, Instant startedAt, Optional<Instant> expectedEnd) {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(description, "description");
        long id = db.inTransaction(c -> insert(c, area, description, startedAt, expectedEnd));
        return new Outage(id, area, description, startedAt, expectedEnd);
    }

    /** As {@link #report} inside the caller's transaction; returns the id. */
    public static long insert(Connection c, String area, String description, Instant startedAt,
                              Optional<Instant> expectedEnd) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outages (area, description, started_at,"
                + " expected_end) VALUES (?,?,?,?) RETURNING id")) {
            ps.setString(1, area);
            ps.setString(2, description);
            ps.setLong(3, startedAt.toEpochMilli());
            ps.setObject(4, expectedEnd.map(Instant::toEpochMilli).orElse(null), java.sql.Types.BIGINT);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void resolve(long id, Instant at) {
        int n = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outages SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
        if (n == 0) {
            throw new StoreException("outage " + id + " does not exist or is already resolved", null);
        }
    }

    @Override
    public void extend(long id, Instant expectedEnd) {
        int n = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outages SET expected_end = ? WHERE id = ? AND resolved_at IS NULL")) {
                ps.setLong(1, expectedEnd.toEpochMilli());
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
        if (n == 0) {
            throw new StoreException("outage " + id + " does not exist or is already resolved", null);
        }
    }

    private List<Outage> list(String sql, Instant now, String area) {
        try {
            return db.withStatement(sql, ps -> { // prepared once per connection: asked on every call that comes in
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                if (area != null) {
                    ps.setString(3, area);
                }
                List<Outage> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long end = rs.getLong(5);
                        Optional<Instant> expected = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(end));
                        out.add(new Outage(rs.getLong(1), rs.getString(2), rs.getString(3),
                                Instant.ofEpochMilli(rs.getLong(4)), expected));
                    }
                }
                return out;
            });
        } catch (StoreException e) {
            throw new StoreException("outages: " + e.getMessage(), e);
        }
    }
}
