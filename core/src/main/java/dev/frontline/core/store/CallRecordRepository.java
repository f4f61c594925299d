package dev.frontline.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.flow.FlowSession;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code calls} table as the voice menu writes it: one row per call, updated after every turn with language,
 * intent, priority, tier, identified/verified, when it queued and ended, the outcome and the node it ended at, and the
 * menu trail (JSON list of human-readable steps) that the operator's screen-pop shows. Ratings go to {@code ratings}.
 * Writes are write-behind ({@link Database#writeBehind}: committed within about a millisecond, in order); the reads
 * here wait for them first, other readers of these tables call {@link Database#flush}. Thread-safe.
 */
public final class CallRecordRepository {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row of {@code calls}, as the IVR sees it. */
    public record CallRecord(CallId callId, Backend backend, String callingNumber, String calledNumber,
                             Optional<CustomerId> customer, String flow, String language, String intent,
                             Integer priority, String tier, boolean identified, boolean verified, Instant startedAt,
                             Optional<Instant> queuedAt, Optional<Instant> answeredAt, Optional<Instant> endedAt,
                             String outcome, String endedAtStep, List<String> trail) {}

    private final Database db;
    private final Clock clock;

    public CallRecordRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A call arrived (idempotent: a repeated start for the same id keeps the first row). */
    public void started(CallId callId, Backend backend, String callingNumber, String calledNumber, String flow) {
        long now = clock.millis();
        db.writeBehind("calls row of " + callId.value(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO calls (call_id, backend, calling_number, called_number, flow, started_at, trail) "
                            + "VALUES (?, ?, ?, ?, ?, ?, '[]') ON CONFLICT (call_id) DO NOTHING")) {
                ps.setString(1, callId.value());
                ps.setString(2, backend.name().toLowerCase(Locale.ROOT));
                ps.setString(3, callingNumber);
                ps.setString(4, calledNumber);
                ps.setString(5, flow);
                ps.setLong(6, now);
                return ps.executeUpdate();
            }
        });
    }

    /** Copies what the menu learnt into the row; sets {@code ended_at} once, when the session has ended. */
    public void update(FlowSession s) {
        long now = clock.millis();
        db.writeBehind("calls row of " + s.callId(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE calls SET customer_id = ?, language = ?, intent = ?, priority = ?, tier = ?, identified = ?, "
                            + "verified = ?, outcome = ?, ended_at_step = ?, trail = ?, "
                            + "ended_at = CASE WHEN ? = 1 AND ended_at IS NULL THEN ? ELSE ended_at END "
                            + "WHERE call_id = ?")) {
                if (s.customerId() == null) ps.setNull(1, Types.BIGINT); else ps.setLong(1, s.customerId());
                ps.setString(2, s.language().code());
                ps.setString(3, s.intent() == null ? null : s.intent().name().toLowerCase(Locale.ROOT));
                if (s.priority() == null) ps.setNull(4, Types.INTEGER); else ps.setInt(4, s.priority());
                ps.setString(5, s.tier() == null ? null : s.tier().name().toLowerCase(Locale.ROOT));
                ps.setInt(6, s.identified() ? 1 : 0);
                ps.setInt(7, s.verified() ? 1 : 0);
                ps.setString(8, s.ended() ? s.outcome() : null);
                ps.setString(9, s.ended() ? s.endedAt() : null);
                ps.setString(10, json(s.trail()));
                ps.setInt(11, s.ended() ? 1 : 0);
                ps.setLong(12, now);
                ps.setString(13, s.callId());
                return ps.executeUpdate();
            }
        });
    }

    /** The caller joined a queue now (first time only). */
    public void queued(CallId callId) {
        long now = clock.millis();
        db.writeBehind("queued_at of " + callId.value(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE calls SET queued_at = ? WHERE call_id = ? AND queued_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, callId.value());
                return ps.executeUpdate();
            }
        });
    }

    /** The caller's 1-5 rating of the operator call (a second rating replaces the first). */
    public void rate(CallId callId, int score) {
        if (score < 1 || score > 5) throw new IllegalArgumentException("a rating is 1..5: " + score);
        long now = clock.millis();
        db.writeBehind("rating of " + callId.value(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ratings (call_id, score, at) VALUES (?, ?, ?) "
                            + "ON CONFLICT (call_id) DO UPDATE SET score = excluded.score, at = excluded.at")) {
                ps.setString(1, callId.value());
                ps.setInt(2, score);
                ps.setLong(3, now);
                return ps.executeUpdate();
            }
        });
    }

    /** Whether an operator answered the call (the ACD's CallAnswered is projected into the row when logged). */
    public boolean wasAnswered(CallId callId) {
        db.flush();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM calls WHERE call_id = ? AND answered_at IS NOT NULL")) {
                ps.setString(1, callId.value());
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public Optional<Integer> rating(CallId callId) {
        db.flush();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT score FROM ratings WHERE call_id = ?")) {
                ps.setString(1, callId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getInt(1)) : Optional.<Integer>empty();
                }
            }
        });
    }

    /** Removes a call's row and rating (a dry-run simulation cleans up after itself). */
    public void delete(CallId callId) {
        db.writeBehind("delete of the calls row of " + callId.value(), c -> {
            for (String sql : List.of("DELETE FROM ratings WHERE call_id = ?", "DELETE FROM calls WHERE call_id = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, callId.value());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    public Optional<CallRecord> find(CallId callId) {
        db.flush();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM calls WHERE call_id = ?")) {
                ps.setString(1, callId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<CallRecord>empty();
                }
            }
        });
    }

    /**
     * What the caller did in the menu, for the operator's screen-pop. {@code waitedSeconds} runs from joining the
     * queue to the answer (or the end, or now while still waiting); 0 when never queued.
     */
    public Optional<Views.MenuTrail> menuTrail(CallId callId) {
        return find(callId).map(r -> {
            long waited = r.queuedAt().map(q -> Duration.between(q,
                    r.answeredAt().or(r::endedAt).orElse(clock.instant())).toSeconds()).orElse(0L);
            return new Views.MenuTrail(r.language(), r.trail(), r.identified(), r.verified(), r.intent(),
                    r.priority() == null ? 0 : r.priority(), r.tier(), Math.max(0, waited));
        });
    }

    private static CallRecord row(ResultSet rs) throws SQLException {
        long customer = rs.getLong("customer_id");
        Optional<CustomerId> cust = rs.wasNull() ? Optional.empty() : Optional.of(new CustomerId(customer));
        int priority = rs.getInt("priority");
        Integer prio = rs.wasNull() ? null : priority;
        return new CallRecord(new CallId(rs.getString("call_id")),
                Backend.valueOf(rs.getString("backend").toUpperCase(Locale.ROOT)), rs.getString("calling_number"),
                rs.getString("called_number"), cust, rs.getString("flow"), rs.getString("language"),
                rs.getString("intent"), prio, rs.getString("tier"), rs.getInt("identified") == 1,
                rs.getInt("verified") == 1, Instant.ofEpochMilli(rs.getLong("started_at")), instant(rs, "queued_at"),
                instant(rs, "answered_at"), instant(rs, "ended_at"), rs.getString("outcome"),
                rs.getString("ended_at_step"), trail(rs.getString("trail")));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    private static List<String> trail(String json) {
        if (json == null || json.isBlank()) return List.of();
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new StoreException("unreadable call trail: " + e.getOriginalMessage(), e);
        }
    }

    private static String json(List<String> trail) {
        try {
            return JSON.writeValueAsString(trail);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise a call trail: " + e.getMessage(), e);
        }
    }
}
