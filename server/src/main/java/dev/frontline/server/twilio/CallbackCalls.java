package dev.frontline.server.twilio;

import dev.frontline.core.common.OperatorId;
import dev.frontline.core.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The {@code twilio_callbacks} table (ADR 0151): per callback attempt placed on Twilio and not over, its conference
 * {@code fl-<attemptId>} as the backend knows it. Kept in the store so a server restarted (or taking over) in the
 * middle of a callback call can still hold, resume, transfer and consult it; on a server-local store (SQLite) the
 * live rows are also kept in memory, read from the store on a miss. Writes are write-behind (committed in order by
 * the store's writer). Every read-modify-write runs under the attempt's lock. Thread-safe.
 */
final class CallbackCalls {

    /** The colleague a transferred callback call is being rung for, and their participant once Twilio took it. */
    record Offer(OperatorId operator, Optional<String> leg) {
    }

    /**
     * A callback's conference: the operator's leg {@code operatorLeg} (their call placed into it by TwiML, or the
     * colleague's participant after a transfer; {@code null} between a transfer and the next answer), the customer to
     * add when the operator answers, the customer's participant once Twilio took it and whether it answered, the
     * colleague rung after a transfer ({@code offer}) and the consultation running ({@code consult}).
     */
    record Call(OperatorId operator, String operatorLeg, String customer, String callerId,
                Optional<String> conferenceSid, Optional<String> customerLeg, boolean customerAsked, boolean answered,
                Optional<Offer> offer, Optional<TwilioCalls.Consult> consult) {

        static Call placed(OperatorId operator, String operatorLeg, String customer, String callerId) {
            return new Call(operator, operatorLeg, customer, callerId, Optional.empty(), Optional.empty(), false, false,
                    Optional.empty(), Optional.empty());
        }

        /** The conference in a REST path: its SID when known, else its name. */
        String conference(String attemptId) {
            return conferenceSid.orElse(TwimlRenderer.conferenceName(attemptId));
        }

        Call withOperator(OperatorId op, String leg) {
            return new Call(op, leg, customer, callerId, conferenceSid, customerLeg, customerAsked, answered, offer,
                    consult);
        }

        Call withCustomer(Optional<String> cf, Optional<String> leg, boolean asked, boolean isAnswered) {
            return new Call(operator, operatorLeg, customer, callerId, cf, leg, asked, isAnswered, offer, consult);
        }

        Call withOffer(Optional<Offer> o) {
            return new Call(operator, operatorLeg, customer, callerId, conferenceSid, customerLeg, customerAsked,
                    answered, o, consult);
        }

        Call withConsult(Optional<TwilioCalls.Consult> c) {
            return new Call(operator, operatorLeg, customer, callerId, conferenceSid, customerLeg, customerAsked,
                    answered, offer, c);
        }
    }

    private final Database db;
    private final Clock clock;
    private final java.util.concurrent.locks.ReentrantLock[] locks = new java.util.concurrent.locks.ReentrantLock[64];
    /** Live rows by attempt id; null when the store may be shared (PostgreSQL): then every read goes to the store. */
    private final Map<String, Call> live;

    CallbackCalls(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.live = db.serverLocal() ? new ConcurrentHashMap<>() : null;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new java.util.concurrent.locks.ReentrantLock();
        }
    }

    private <T> T locked(String attemptId, java.util.function.Supplier<T> work) {
        java.util.concurrent.locks.ReentrantLock lock = locks[Math.floorMod(attemptId.hashCode(), locks.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** The callback's conference state, from memory or the store (e.g. after a restart); empty: not one of ours. */
    Optional<Call> find(String attemptId) {
        if (!attemptId.startsWith("cb-")) {
            return Optional.empty(); // a caller's CallSid: its state is in twilio_calls
        }
        if (live != null) {
            Call c = live.get(attemptId);
            if (c != null) {
                return Optional.of(c);
            }
        }
        Optional<Call> stored = stored(attemptId);
        if (live != null) {
            stored.ifPresent(c -> remember(attemptId, c));
        }
        return stored;
    }

    /** A new callback placed (replaces what an earlier one of the same attempt left, which cannot happen). */
    void put(String attemptId, Call c) {
        locked(attemptId, () -> {
            write(attemptId, c);
            return null;
        });
    }

    /**
     * Changes the callback's row under its lock: {@code change} gets the row now and returns the new one (the same
     * instance: nothing written). Returns the row after it; empty when the callback is not known here.
     */
    Optional<Call> update(String attemptId, UnaryOperator<Call> change) {
        return locked(attemptId, () -> {
            Optional<Call> before = find(attemptId);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            Call after = change.apply(before.get());
            if (after != before.get()) {
                write(attemptId, after);
            }
            return Optional.of(after);
        });
    }

    /** The callback is over here: its row goes. Returns what it was. */
    Optional<Call> remove(String attemptId) {
        return locked(attemptId, () -> {
            Optional<Call> before = find(attemptId);
            if (live != null) {
                live.remove(attemptId);
            }
            db.writeBehind("twilio_callbacks end of " + attemptId, c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM twilio_callbacks WHERE attempt_id = ?")) {
                    ps.setString(1, attemptId);
                    return ps.executeUpdate();
                }
            });
            return before;
        });
    }

    private void write(String attemptId, Call x) {
        if (live != null) {
            remember(attemptId, x);
        }
        long now = clock.millis();
        db.writeBehind("twilio_callbacks row of " + attemptId, c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM twilio_callbacks WHERE attempt_id = ?")) {
                del.setString(1, attemptId);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO twilio_callbacks (attempt_id, operator_login,"
                    + " operator_leg, customer_number, caller_id, conference_sid, customer_leg, customer_asked, answered,"
                    + " offer_operator, offer_leg, consult_from, consult_to, consult_leg, consult_answered, updated_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, attemptId);
                ps.setString(2, x.operator().value());
                ps.setString(3, x.operatorLeg());
                ps.setString(4, x.customer());
                ps.setString(5, x.callerId());
                ps.setString(6, x.conferenceSid().orElse(null));
                ps.setString(7, x.customerLeg().orElse(null));
                ps.setInt(8, x.customerAsked() ? 1 : 0);
                ps.setInt(9, x.answered() ? 1 : 0);
                ps.setString(10, x.offer().map(o -> o.operator().value()).orElse(null));
                ps.setString(11, x.offer().flatMap(Offer::leg).orElse(null));
                ps.setString(12, x.consult().map(TwilioCalls.Consult::from).orElse(null));
                ps.setString(13, x.consult().map(TwilioCalls.Consult::to).orElse(null));
                ps.setString(14, x.consult().flatMap(TwilioCalls.Consult::leg).orElse(null));
                ps.setInt(15, x.consult().map(TwilioCalls.Consult::answered).orElse(false) ? 1 : 0);
                ps.setLong(16, now);
                return ps.executeUpdate();
            }
        });
    }

    private void remember(String attemptId, Call c) {
        if (live.size() >= TwilioCalls.MAX_LIVE) {
            live.clear(); // callbacks whose end never reached us; reads go to the store again
        }
        live.put(attemptId, c);
    }

    private Optional<Call> stored(String attemptId) {
        db.flush();
        return db.withStatement("SELECT operator_login, operator_leg, customer_number, caller_id, conference_sid,"
                + " customer_leg, customer_asked, answered, offer_operator, offer_leg, consult_from, consult_to,"
                + " consult_leg, consult_answered FROM twilio_callbacks WHERE attempt_id = ?", ps -> {
            ps.setString(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Optional<Offer> offer = rs.getString(9) == null ? Optional.empty()
                        : Optional.of(new Offer(new OperatorId(rs.getString(9)), Optional.ofNullable(rs.getString(10))));
                Optional<TwilioCalls.Consult> consult = rs.getString(11) == null || rs.getString(12) == null
                        ? Optional.empty() : Optional.of(new TwilioCalls.Consult(rs.getString(11), rs.getString(12),
                        Optional.ofNullable(rs.getString(13)), rs.getInt(14) != 0));
                return Optional.of(new Call(new OperatorId(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                        rs.getInt(7) != 0, rs.getInt(8) != 0, offer, consult));
            }
        });
    }
}
