package dev.frontline.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontline.core.common.CallId;
import dev.frontline.core.flow.FlowSession;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interpreter's sessions in {@code flow_sessions}, as JSON keyed by call id, so a webhook backend (or a
 * restarted server) resumes a call where it was. Saves are write-behind ({@link Database#writeBehind}: committed by
 * the store's writer thread within about a millisecond, and at {@link Database#close}); on a server-local store
 * (SQLite) the sessions of live calls are also kept in memory, so a webhook reads its session without the store.
 * A load that misses the memory waits for the queued writes first, so it sees every save made before it, by any
 * instance over the same {@link Database}. Thread-safe; one call's saves and loads must not run concurrently.
 */
public final class FlowSessionStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Live sessions kept at most; beyond that the memory is emptied (loads then read the store). */
    static final int MAX_LIVE = 100_000;

    private final Database db;
    private final Clock clock;
    /** Sessions of calls not ended, by call id; null when the store may be shared with other servers. */
    private final Map<String, FlowSession> live;

    public FlowSessionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.live = db.serverLocal() ? new ConcurrentHashMap<>() : null;
    }

    /** Inserts or replaces the session of its call (write-behind; see the class comment). */
    public void save(FlowSession session) {
        long now = clock.millis();
        if (live != null) {
            if (session.ended()) {
                live.remove(session.callId());
            } else {
                if (live.size() >= MAX_LIVE) {
                    live.clear(); // calls whose end never reached us; loads read the store again
                }
                live.put(session.callId(), session);
            }
        }
        db.writeBehind("flow session of " + session.callId(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO flow_sessions (call_id, flow, state, version, updated_at, ended_at) VALUES (?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (call_id) DO UPDATE SET flow = excluded.flow, state = excluded.state, "
                            + "version = excluded.version, updated_at = excluded.updated_at, ended_at = excluded.ended_at")) {
                ps.setString(1, session.callId());
                ps.setString(2, session.flow());
                ps.setString(3, toJson(session));
                ps.setInt(4, session.version());
                ps.setLong(5, now);
                if (session.ended()) {
                    ps.setLong(6, now);
                } else {
                    ps.setNull(6, java.sql.Types.BIGINT);
                }
                return ps.executeUpdate();
            }
        });
    }

    public Optional<FlowSession> load(CallId callId) {
        if (live != null) {
            FlowSession s = live.get(callId.value());
            if (s != null) {
                return Optional.of(s);
            }
        }
        db.flush();
        String state = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state FROM flow_sessions WHERE call_id = ?")) {
                ps.setString(1, callId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return Optional.ofNullable(state).map(FlowSessionStore::fromJson);
    }

    /** A session not saved for this long belongs to a call whose end never reached the store: deleted by {@link #purge}. */
    public static final Duration UNTOUCHED = Duration.ofDays(7);
    private static final int PURGE_BATCH = 5000;

    /**
     * Deletes the sessions of calls that ended more than {@code keepFinished} ago, and those not saved for
     * {@link #UNTOUCHED} (or {@code keepFinished}, if longer), in batches of {@value #PURGE_BATCH} rows (each its own
     * transaction, so a big backlog does not hold the store). Returns how many were deleted.
     */
    public int purge(Duration keepFinished) {
        long now = clock.millis();
        long ended = now - keepFinished.toMillis();
        long untouched = now - Math.max(keepFinished.toMillis(), UNTOUCHED.toMillis());
        db.flush();
        int total = 0;
        while (true) {
            int n = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM flow_sessions WHERE call_id IN (SELECT"
                        + " call_id FROM flow_sessions WHERE ended_at < ? OR updated_at < ? LIMIT " + PURGE_BATCH + ")")) {
                    ps.setLong(1, ended);
                    ps.setLong(2, untouched);
                    return ps.executeUpdate();
                }
            });
            total += n;
            if (n < PURGE_BATCH) {
                break;
            }
        }
        return total;
    }

    public void delete(CallId callId) {
        if (live != null) {
            live.remove(callId.value());
        }
        db.writeBehind("delete of the flow session of " + callId.value(), c -> {
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
