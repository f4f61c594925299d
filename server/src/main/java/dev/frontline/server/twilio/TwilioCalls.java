package dev.frontline.server.twilio;

import dev.frontline.core.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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

    /**
     * @param inConference true once the caller's call runs the conference TwiML (ADR 0128): it stays in the
     *                     conference {@code fl-<CallSid>} from then on, between operators too
     * @param conferenceSid the conference's {@code CF...} SID, once Twilio named it
     * @param operatorLeg  the CallSid of the operator participant rung or talking now; empty between offers
     * @param consult      the consultation (warm transfer) running in the conference, if any (ADR 0138)
     */
    record Row(String callSid, String from, String to, State state, Optional<String> operator, boolean inConference,
               Optional<String> conferenceSid, Optional<String> operatorLeg, Optional<Consult> consult) {
        Row(String callSid, String from, String to, State state, Optional<String> operator) {
            this(callSid, from, to, state, operator, false, Optional.empty(), Optional.empty(), Optional.empty());
        }

        Row withState(State s) {
            return new Row(callSid, from, to, s, operator, inConference, conferenceSid, operatorLeg, consult);
        }
    }

    /**
     * A consultation in the caller's conference: the call's operator {@code from} consults {@code to}, whose
     * participant is {@code leg} once Twilio took it; {@code answered} once that leg answered.
     */
    record Consult(String from, String to, Optional<String> leg, boolean answered) {
        Consult withLeg(String l) {
            return new Consult(from, to, Optional.of(l), answered);
        }
    }

    /** Live rows kept at most; beyond that the memory is emptied (reads then go to the store). */
    static final int MAX_LIVE = 100_000;
    /**
     * How long a started CallSid is remembered for {@link #known}: Twilio ends every call within 24 hours (4 by
     * default), so its incoming-call webhook cannot come again later. Twice that, for clocks and margins.
     */
    static final Duration RECENT = Duration.ofHours(48);
    /** Recent CallSids remembered at most; beyond that {@link #known} asks the store for what it does not hold. */
    static final int MAX_RECENT = 1_000_000;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Database db;
    private final Clock clock;
    /** Rows of calls not ended (and ended ones until their write is committed); null when the store may be shared. */
    private final Map<String, Row> live;
    /**
     * CallSids started in the last {@link #RECENT} (server-local only) with when they started: a new call's
     * {@link #known} is answered from memory instead of an index read that the store's writer, committing every
     * millisecond, sends to the disk cache each time. Read from the store when this instance starts.
     */
    private final Map<String, Long> recent;
    /** False once {@link #recent} overflowed: then the store answers for CallSids it does not hold. */
    private volatile boolean recentComplete = true;
    /**
     * When {@link #recent} was last rid of calls older than {@link #RECENT}: once an hour (a scan of the map on the
     * webhook that finds the hour over; every 1,024th call scanning it put the scan into the webhooks' tail).
     */
    private final AtomicLong prunedAt = new AtomicLong();

    TwilioCalls(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.live = db.serverLocal() ? new ConcurrentHashMap<>() : null;
        this.recent = db.serverLocal() ? loadRecent() : null;
        this.prunedAt.set(clock.millis());
    }

    private Map<String, Long> loadRecent() {
        db.flush();
        Map<String, Long> out = new ConcurrentHashMap<>();
        db.withStatement("SELECT call_sid, created_at FROM twilio_calls WHERE created_at >= ?", ps -> {
            ps.setLong(1, clock.millis() - RECENT.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                while (out.size() < MAX_RECENT && rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
                recentComplete = out.size() < MAX_RECENT || !rs.next();
                return null;
            }
        });
        return out;
    }

    /**
     * True when this CallSid started a call: whether a repeated incoming-call webhook must be refused. On a
     * server-local store answered from memory (every call started in the last {@link #RECENT}, by this instance or
     * read from the store when it started: a call older than that cannot start again), without a store read; on a
     * shared store (or once the memory overflowed, {@link #MAX_RECENT}) the store answers, without waiting for the
     * queued writes. Not seen on a server-local store: a call another instance over the same open database started
     * after this one was made (there is one per server).
     */
    boolean known(String callSid) {
        if (live != null && live.containsKey(callSid)) {
            return true;
        }
        if (recent != null) {
            if (recent.containsKey(callSid)) {
                return true;
            }
            if (recentComplete) {
                return false;
            }
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
        if (recent != null) {
            recent.put(callSid, now);
            long pruned = prunedAt.get();
            if (now - pruned >= PRUNE_EVERY.toMillis() && prunedAt.compareAndSet(pruned, now)) {
                recent.values().removeIf(started -> started < now - RECENT.toMillis());
            }
            if (recent.size() >= MAX_RECENT) {
                recentComplete = false; // from now on the store answers for what is not held
                recent.clear();
            }
        }
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

    /** {@code operator} talks on the call now (a consultation completed: the colleague took the caller). */
    void talking(String callSid, String operator) {
        update(callSid, State.TALKING, operator, true);
    }

    private void update(String callSid, State state, String operator, boolean setOperator) {
        long now = clock.millis();
        Row after = null;
        if (live != null) {
            Row before = find(callSid).orElse(null);
            if (before != null) {
                after = new Row(callSid, before.from(), before.to(), state,
                        setOperator ? Optional.ofNullable(operator) : before.operator(), before.inConference(),
                        before.conferenceSid(), before.operatorLeg(), before.consult());
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

    /** The caller's call now runs the conference TwiML (or, {@code false}, no longer). */
    void inConference(String callSid, boolean in) {
        patch(callSid, r -> new Row(r.callSid(), r.from(), r.to(), r.state(), r.operator(), in, r.conferenceSid(),
                r.operatorLeg(), r.consult()), "in_conference = ?", ps -> ps.setInt(1, in ? 1 : 0));
    }

    /** Twilio's SID of the call's conference. */
    void conferenceSid(String callSid, String conferenceSid) {
        patch(callSid, r -> new Row(r.callSid(), r.from(), r.to(), r.state(), r.operator(), r.inConference(),
                Optional.of(conferenceSid), r.operatorLeg(), r.consult()), "conference_sid = ?", ps -> ps.setString(1, conferenceSid));
    }

    /** The operator participant's CallSid rung or talking now; {@code null}: none (between offers). */
    void operatorLeg(String callSid, String leg) {
        patch(callSid, r -> new Row(r.callSid(), r.from(), r.to(), r.state(), r.operator(), r.inConference(),
                r.conferenceSid(), Optional.ofNullable(leg), r.consult()), "operator_leg = ?", ps -> ps.setString(1, leg));
    }

    /** The consultation running on the call now; {@code null}: none (it ended). */
    void consult(String callSid, Consult c) {
        patch(callSid, r -> new Row(r.callSid(), r.from(), r.to(), r.state(), r.operator(), r.inConference(),
                        r.conferenceSid(), r.operatorLeg(), Optional.ofNullable(c)),
                "consult_from = ?, consult_to = ?, consult_leg = ?, consult_answered = ?", ps -> {
                    ps.setString(1, c == null ? null : c.from());
                    ps.setString(2, c == null ? null : c.to());
                    ps.setString(3, c == null ? null : c.leg().orElse(null));
                    ps.setInt(4, c != null && c.answered() ? 1 : 0);
                });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws java.sql.SQLException;
    }

    /**
     * Columns of a row (the {@code set}'s parameters, bound from 1 by {@code binder}), in memory at once and in the
     * store behind.
     */
    private void patch(String callSid, java.util.function.UnaryOperator<Row> change, String set, Binder binder) {
        long now = clock.millis();
        if (live != null) {
            Row before = find(callSid).orElse(null);
            if (before != null) {
                live.put(callSid, change.apply(before));
            }
        }
        db.writeBehind("twilio_calls " + set + " of " + callSid, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE twilio_calls SET " + set + ", updated_at = ? WHERE call_sid = ?")) {
                binder.bind(ps);
                int next = (int) set.chars().filter(ch -> ch == '?').count() + 1;
                ps.setLong(next, now);
                ps.setString(next + 1, callSid);
                return ps.executeUpdate();
            }
        });
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
                "SELECT call_sid, from_number, to_number, state, operator_login, in_conference, conference_sid, operator_leg,"
                        + " consult_from, consult_to, consult_leg, consult_answered FROM twilio_calls WHERE call_sid = ?", ps -> {
                    ps.setString(1, callSid);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        return Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                                State.valueOf(rs.getString(4)), Optional.ofNullable(rs.getString(5)), rs.getInt(6) != 0,
                                Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)),
                                rs.getString(9) == null || rs.getString(10) == null ? Optional.empty()
                                        : Optional.of(new Consult(rs.getString(9), rs.getString(10),
                                        Optional.ofNullable(rs.getString(11)), rs.getInt(12) != 0))));
                    }
                });
    }
}
