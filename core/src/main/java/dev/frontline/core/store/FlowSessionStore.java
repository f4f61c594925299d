package dev.frontline.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontline.core.common.CallId;
import dev.frontline.core.flow.FlowSession;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/**
 * The interpreter's sessions in {@code flow_sessions}, as JSON keyed by call id, so a webhook backend (or a
 * restarted server) resumes a call where it was. Thread-safe.
 */
public final class FlowSessionStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Database db;
    private final Clock clock;

    public FlowSessionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Inserts or replaces the session of its call. */
    public void save(FlowSession session) {
        String state = toJson(session);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO flow_sessions (call_id, flow, state, version, updated_at) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (call_id) DO UPDATE SET flow = excluded.flow, state = excluded.state, "
                            + "version = excluded.version, updated_at = excluded.updated_at")) {
                ps.setString(1, session.callId());
                ps.setString(2, session.flow());
                ps.setString(3, state);
                ps.setInt(4, session.version());
                ps.setLong(5, clock.millis());
                return ps.executeUpdate();
            }
        });
    }

    public Optional<FlowSession> load(CallId callId) {
        String state = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state FROM flow_sessions WHERE call_id = ?")) {
                ps.setString(1, callId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return Optional.ofNullable(state).map(FlowSessionStore::fromJson);
    }

    public void delete(CallId callId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM flow_sessions WHERE call_id = ?")) {
                ps.setString(1, callId.value());
                return ps.executeUpdate();
            }
        });
    }

    static String toJson(FlowSession s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise the flow session of " + s.callId() + ": " + e.getMessage(), e);
        }
    }

    static FlowSession fromJson(String json) {
        try {
            return JSON.readValue(json, FlowSession.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("unreadable flow session: " + e.getOriginalMessage(), e);
        }
    }
}
