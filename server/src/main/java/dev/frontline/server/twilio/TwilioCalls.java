package dev.frontline.server.twilio;

import dev.frontline.core.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code twilio_calls} table: per CallSid, what the call is doing now. Writes are write-behind
 * ({@link Database#writeBehind}: committed in order by the store's writer thread, typically within a millisecond,
 * and at {@link Database#close}). On a server-local store (SQLite) the rows of live calls are also kept in memory,
 * so a webhook reads its call without the store; an ended row leaves the memory once its write is committed. A
 * read that misses the memory waits for the queued writes first, so it sees every write made before it over the
 * same {@link Database}. Thread-safe; one call's methods must not run concurrently (the caller locks per CallSid).
 */
final class TwilioCalls {

    enum State { IVR, QUEUED, RINGING, TALKING, ENDED }

    record Row(String callSid, String from, String to, State state, Optional<String> operator) {
        Row withState(State s) {
            return new Row(callSid, from, to, s, operator);
        }
    }

    /** Live rows kept at most; beyond that the memory is emptied (reads then go to the store). */
    static final int MAX_LIVE = 100_000;

    private final Database db;
    private final Clock clock;
    /** Rows of calls not ended (and ended ones until their write is committed); null when the store may be shared. */
    private final Map<String, Row> live;

    TwilioCalls(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.live = db.serverLocal() ? new ConcurrentHashMap<>() : null;
    }

    /**
     * True when this CallSid has a row. Cheaper than {@link #find} for a new call, as it does not wait for the queued
     * writes: on a server-local store a call this instance wrote is in memory (an ended row leaves it only once its
     * write is committed), and one written by an earlier process is in the store (committed when its database
     * closed). Not seen: a row another instance over the same open database queued in the last millisecond or so, or
     * one dropped when the memory overflowed ({@link #MAX_LIVE}) before its write was committed.
     */
    boolean known(String callSid) {
        if (live != null && live.containsKey(callSid)) {
            return true;
        }
        return stored(callSid, live == null).isPresent();
    }

    /**
     * Records a new call. The caller has checked {@link #known} under the call's lock (one store read per new call,
     * not two); should another server over the same PostgreSQL store have recorded it meanwhile, its row stays.
     */
    void insert(String callSid, String from, String to, State state) {
        long now = clock.millis();
        remember(new Row(callSid, from, to, state, Optional.empty()));
        db.writeBehind("twilio_calls row of " + callSid, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO twilio_calls (call_sid, from_number, to_number, state, created_at, updated_at)"
                            + " SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM twilio_calls WHERE call_sid = ?)")) {
                ps.setString(1, callSid);
                ps.setString(2, from);
                ps.setString(3, to);
                ps.setString(4, state.name());
                ps.setLong(5, now);
                ps.setLong(6, now);
                ps.setString(7, callSid);
                return ps.executeUpdate();
            }
        });
    }

    Optional<Row> find(String callSid) {
        if (live != null) {
            Row r = live.get(callSid);
            if (r != null) {
                return Optional.of(r);
            }
        }
        Optional<Row> stored = stored(callSid, true);
        stored.filter(r -> r.state() != State.ENDED).ifPresent(this::remember); // e.g. after a restart
        return stored;
    }

    void setState(String callSid, State state) {
        update(callSid, state, null, false);
    }

    void ringing(String callSid, String operator) {
        update(callSid, State.RINGING, operator, true);
    }

    private void update(String callSid, State state, String operator, boolean setOperator) {
        long now = clock.millis();
        Row after = null;
        if (live != null) {
            Row before = find(callSid).orElse(null);
            if (before != null) {
                after = new Row(callSid, before.from(), before.to(), state,
                        setOperator ? Optional.ofNullable(operator) : before.operator());
                live.put(callSid, after);
            }
        }
        db.writeBehind("twilio_calls state of " + callSid, c -> {
            try (PreparedStatement ps = c.prepareStatement(setOperator
                    ? "UPDATE twilio_calls SET state = ?, updated_at = ?, operator_login = ? WHERE call_sid = ?"
                    : "UPDATE twilio_calls SET state = ?, updated_at = ? WHERE call_sid = ?")) {
                ps.setString(1, state.name());
                ps.setLong(2, now);
                int i = 3;
                if (setOperator) {
                    ps.setString(i++, operator);
                }
                ps.setString(i, callSid);
                return ps.executeUpdate();
            }
        });
        if (after != null && state == State.ENDED) {
            Row ended = after;
            db.afterWrites("forget the ended call " + callSid, () -> live.remove(callSid, ended));
        }
    }

    private void remember(Row row) {
        if (live != null) {
            if (live.size() >= MAX_LIVE) {
                live.clear(); // calls whose end never reached us; reads go to the store again
            }
            live.put(row.callSid(), row);
        }
    }

    private Optional<Row> stored(String callSid, boolean flush) {
        if (flush) {
            db.flush();
        }
        return db.withStatement(
                "SELECT call_sid, from_number, to_number, state, operator_login FROM twilio_calls WHERE call_sid = ?", ps -> {
                    ps.setString(1, callSid);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        return Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                                State.valueOf(rs.getString(4)), Optional.ofNullable(rs.getString(5))));
                    }
                });
    }
}
