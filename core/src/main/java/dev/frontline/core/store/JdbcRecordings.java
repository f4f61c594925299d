package dev.frontline.core.store;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code recordings} table: a row per recorded conversation, written (committed) when the recording starts and
 * completed when it ends. Thread-safe.
 */
public final class JdbcRecordings {

    /**
     * One recording. {@code endedAt} and {@code sizeBytes} are empty while it runs (or when its end was never seen);
     * {@code ticketId} is the call's ticket, when it has one.
     */
    public record Recording(long id, CallId callId, OperatorId operator, String backend, String path,
                            Instant startedAt, Optional<Instant> endedAt, Optional<Long> sizeBytes,
                            Optional<String> ticketId, Optional<Long> customerId) {}

    private static final String SELECT = "SELECT r.id, r.call_id, r.operator_login, r.backend, r.path, r.started_at,"
            + " r.ended_at, r.size_bytes, c.ticket_id, c.customer_id FROM recordings r LEFT JOIN calls c ON c.call_id = r.call_id ";

    private final Database db;

    public JdbcRecordings(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Records that {@code operator}'s conversation on {@code callId} is being recorded to {@code path}; its id. */
    public long started(CallId callId, OperatorId operator, String backend, String path, Instant at) {
        return db.writeNow("recording started", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO recordings (call_id, operator_login, backend,"
                    + " path, started_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, callId.value());
                ps.setString(2, operator.value());
                ps.setString(3, backend);
                ps.setString(4, path);
                ps.setLong(5, at.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** The recording {@code id} ended at {@code at} with {@code sizeBytes} (first end wins). */
    public void ended(long id, Instant at, long sizeBytes) {
        db.writeNow("recording ended", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE recordings SET ended_at = ?, size_bytes = ? WHERE id = ? AND ended_at IS NULL")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setLong(2, sizeBytes);
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
    }

    /** The call's recordings, oldest first. */
    public List<Recording> forCall(CallId callId) {
        return query(SELECT + "WHERE r.call_id = ? ORDER BY r.started_at, r.id", ps -> ps.setString(1, callId.value()));
    }

    public Optional<Recording> find(long id) {
        return query(SELECT + "WHERE r.id = ?", ps -> ps.setLong(1, id)).stream().findFirst();
    }

    /** Recordings started before {@code cutoff}, oldest first, at most {@code limit}. */
    public List<Recording> startedBefore(Instant cutoff, int limit) {
        return query(SELECT + "WHERE r.started_at < ? ORDER BY r.started_at, r.id LIMIT " + limit,
                ps -> ps.setLong(1, cutoff.toEpochMilli()));
    }

    /** Deletes the row (its file is the caller's to delete first). */
    public void delete(long id) {
        db.writeNow("recording deleted", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM recordings WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }

    private static Optional<Long> customer(Object id) {
        return id instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Recording> query(String sql, Binder binder) {
        db.flush();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                List<Recording> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long ended = rs.getLong(7);
                        Optional<Instant> endedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
                        long size = rs.getLong(8);
                        Optional<Long> sizeBytes = rs.wasNull() ? Optional.empty() : Optional.of(size);
                        out.add(new Recording(rs.getLong(1), new CallId(rs.getString(2)), new OperatorId(rs.getString(3)),
                                rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), endedAt, sizeBytes,
                                Optional.ofNullable(rs.getString(9)), customer(rs.getObject(10))));
                    }
                }
                return out;
            }
        });
    }
}
