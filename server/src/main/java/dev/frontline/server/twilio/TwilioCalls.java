package dev.frontline.server.twilio;

import dev.frontline.core.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/** The {@code twilio_calls} table: per CallSid, what the call is doing now. Thread-safe (each call one transaction). */
final class TwilioCalls {

    enum State { IVR, QUEUED, RINGING, TALKING, ENDED }

    record Row(String callSid, String from, String to, State state, Optional<String> operator) {
        Row withState(State s) {
            return new Row(callSid, from, to, s, operator);
        }
    }

    private final Database db;
    private final Clock clock;

    TwilioCalls(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** @return false when the CallSid is already known */
    boolean insert(String callSid, String from, String to, State state) {
        long now = clock.millis();
        return db.inTransaction(c -> {
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
                return ps.executeUpdate() == 1;
            }
        });
    }

    Optional<Row> find(String callSid) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT call_sid, from_number, to_number, state, operator_login FROM twilio_calls WHERE call_sid = ?")) {
                ps.setString(1, callSid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                            State.valueOf(rs.getString(4)), Optional.ofNullable(rs.getString(5))));
                }
            }
        });
    }

    void setState(String callSid, State state) {
        update(callSid, state, null, false);
    }

    void ringing(String callSid, String operator) {
        update(callSid, State.RINGING, operator, true);
    }

    private void update(String callSid, State state, String operator, boolean setOperator) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(setOperator
                    ? "UPDATE twilio_calls SET state = ?, updated_at = ?, operator_login = ? WHERE call_sid = ?"
                    : "UPDATE twilio_calls SET state = ?, updated_at = ? WHERE call_sid = ?")) {
                ps.setString(1, state.name());
                ps.setLong(2, clock.millis());
                int i = 3;
                if (setOperator) {
                    ps.setString(i++, operator);
                }
                ps.setString(i, callSid);
                return ps.executeUpdate();
            }
        });
    }
}
