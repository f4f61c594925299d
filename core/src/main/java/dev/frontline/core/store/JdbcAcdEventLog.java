package dev.frontline.core.store;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.AcdEventLog;
import dev.frontline.core.acd.CallbackRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link AcdEventLog} on {@code call_events}. In the same transaction it keeps the {@code callbacks} and
 * {@code callback_attempts} tables (a read model for desktops and reports: routing rebuilds from the log alone)
 * and stamps queue and answer times on the {@code calls} row when the IVR created one. Thread-safe.
 */
public final class JdbcAcdEventLog implements AcdEventLog {
    private static final String INSERT = "INSERT INTO call_events(at, type, call_id, operator_login, payload) VALUES (?,?,?,?,?)";

    private final Database db;
    private final AcdEventJson json = new AcdEventJson();
    private final AppendFence fence;

    public JdbcAcdEventLog(Database db) {
        this(db, AppendFence.NONE);
    }

    /** @param fence checked in each append's transaction before the insert (issue 23: the leader's epoch) */
    public JdbcAcdEventLog(Database db, AppendFence fence) {
        this.db = db;
        this.fence = fence;
    }

    @Override
    public void append(List<AcdEvent> events) {
        append(events, List.of());
    }

    /** The events and, in the same transaction after them, {@code with} (e.g. the web form's ticket and note). */
    @Override
    public void append(List<AcdEvent> events, List<dev.frontline.core.acd.JointWrite> with) {
        if (events.isEmpty() && with.isEmpty()) {
            return;
        }
        db.writeNow("ACD events", c -> { // committed before this returns: the ACD acts only on logged events
            fence.check(c);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (AcdEvent e : events) {
                    ps.setLong(1, e.at().toEpochMilli());
                    ps.setString(2, AcdEventJson.type(e));
                    ps.setString(3, callId(e));
                    ps.setString(4, operator(e));
                    ps.setString(5, json.write(e));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            for (AcdEvent e : events) {
                project(c, e);
            }
            for (dev.frontline.core.acd.JointWrite w : with) {
                w.write(c);
            }
            return null;
        });
    }

    @Override
    public void replay(Consumer<AcdEvent> sink) {
        read("SELECT seq, type, payload FROM call_events ORDER BY seq", ps -> { }, sink);
    }

    @Override
    public long replayAfter(long afterSeq, Consumer<AcdEvent> sink) {
        long last = afterSeq;
        try (Connection c = db.dataSource().getConnection()) {
            boolean auto = c.getAutoCommit();
            // PostgreSQL streams rows in fetch-size chunks only inside a transaction (else it loads them all); on
            // SQLite a transaction here would begin IMMEDIATE and hold the write lock while reading
            boolean stream = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            if (stream) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, type, payload FROM call_events WHERE seq > ? ORDER BY seq")) {
                ps.setLong(1, afterSeq);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        sink.accept(json.read(last, rs.getString(2), rs.getString(3)));
                    }
                }
            } finally {
                if (stream) {
                    c.rollback(); // read only
                    c.setAutoCommit(auto);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the call event log: " + e.getMessage(), e);
        }
        return last;
    }

    @Override
    public boolean keepsSnapshots() {
        return true;
    }

    @Override
    public List<StoredSnapshot> snapshots() {
        return db.read(c -> {
            List<StoredSnapshot> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, covers, format FROM acd_snapshots ORDER BY covers DESC, id DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Stored(rs.getLong(1), rs.getLong(2), rs.getInt(3)));
                }
            }
            return out;
        });
    }

    @Override
    public void saveSnapshot(dev.frontline.core.acd.AcdImage image, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one snapshot, not " + keep);
        }
        String state = json.writeImage(image);
        db.writeNow("ACD snapshot", c -> {
            fence.check(c); // a deposed leader stores nothing
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO acd_snapshots(covers, format, taken_at, state) VALUES (?,?,?,?)")) {
                ps.setLong(1, image.covers());
                ps.setInt(2, image.format());
                ps.setLong(3, System.currentTimeMillis());
                ps.setString(4, state);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM acd_snapshots WHERE id NOT IN"
                    + " (SELECT id FROM acd_snapshots ORDER BY covers DESC, id DESC LIMIT ?)")) {
                ps.setInt(1, keep);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A row of {@code acd_snapshots}; its state is read only when asked. */
    private final class Stored implements StoredSnapshot {
        private final long id;
        private final long covers;
        private final int format;

        Stored(long id, long covers, int format) {
            this.id = id;
            this.covers = covers;
            this.format = format;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public long covers() {
            return covers;
        }

        @Override
        public dev.frontline.core.acd.AcdImage read() {
            if (format != dev.frontline.core.acd.AcdImage.FORMAT) {
                throw new StoreException("acd_snapshots row " + id + " is of format " + format + "; this server reads "
                        + dev.frontline.core.acd.AcdImage.FORMAT, null);
            }
            String state = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT state FROM acd_snapshots WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
            if (state == null) {
                throw new StoreException("acd_snapshots row " + id + " is gone (pruned meanwhile)", null);
            }
            return json.readImage(id, state);
        }
    }

    /**
     * The events of these kinds logged at or after {@code from}, in the order they happened (the wallboard's chart
     * of the day; served by the index on {@code at}).
     */
    public List<AcdEvent> since(Instant from, Set<Class<? extends AcdEvent>> kinds) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        List<String> types = kinds.stream().map(Class::getSimpleName).sorted().toList();
        String sql = "SELECT seq, type, payload FROM call_events WHERE at >= ? AND type IN ("
                + String.join(",", java.util.Collections.nCopies(types.size(), "?")) + ") ORDER BY seq";
        List<AcdEvent> out = new ArrayList<>();
        read(sql, ps -> {
            ps.setLong(1, from.toEpochMilli());
            for (int i = 0; i < types.size(); i++) {
                ps.setString(i + 2, types.get(i));
            }
        }, out::add);
        return out;
    }

    private interface Parameters {
        void set(PreparedStatement ps) throws SQLException;
    }

    /** Streams the events a {@code SELECT seq, type, payload ...} finds to {@code sink}, in its order. */
    private void read(String sql, Parameters parameters, Consumer<AcdEvent> sink) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            parameters.set(ps);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(json.read(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the call event log: " + e.getMessage(), e);
        }
    }

    private static String callId(AcdEvent e) {
        if (e instanceof AcdEvent.CallQueued x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.CallOffered x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.CallAnswered x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.CallRequeued x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.CallAbandoned x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.CallLost x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.PhoneRinging x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.CallEnded x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.PriorityChanged x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.CallTransferred x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.CallHeld x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.CallResumed x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.SlaBreached x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.ConsultOffered x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.ConsultAnswered x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.ConsultEnded x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.CallbackQueued x) {
            return x.fromCall().map(Object::toString).orElse(null);
        } else if (e instanceof AcdEvent.CallbackWithdrawn x) {
            return x.callId().value();
        } else if (e instanceof AcdEvent.CallbackOffered x) {
            return x.attemptId();
        } else if (e instanceof AcdEvent.CallbackAnswered x) {
            return x.attemptId();
        } else if (e instanceof AcdEvent.CallbackAttemptFailed x) {
            return x.attemptId();
        }
        return null;
    }

    private static String operator(AcdEvent e) {
        if (e instanceof AcdEvent.CallOffered x) {
            return x.operator().value();
        } else if (e instanceof AcdEvent.CallAnswered x) {
            return x.operator().value();
        } else if (e instanceof AcdEvent.PhoneRinging x) {
            return x.operator().value();
        } else if (e instanceof AcdEvent.CallRequeued x) {
            return x.missedBy().value();
        } else if (e instanceof AcdEvent.CallEnded x) {
            return x.operator().value();
        } else if (e instanceof AcdEvent.CallTransferred x) {
            return x.from().value();
        } else if (e instanceof AcdEvent.CallHeld x) {
            return x.operator().value();
        } else if (e instanceof AcdEvent.CallResumed x) {
            return x.operator().value();
        } else if (e instanceof AcdEvent.ConsultOffered x) {
            return x.from().value();
        } else if (e instanceof AcdEvent.ConsultAnswered x) {
            return x.to().value();
        } else if (e instanceof AcdEvent.ConsultEnded x) {
            return x.from().value();
        } else if (e instanceof AcdEvent.CallbackOffered x) {
            return x.operator().value();
        } else if (e instanceof AcdEvent.CallbackAnswered x) {
            return x.operator().value();
        } else if (e instanceof AcdEvent.CallbackAttemptFailed x) {
            return x.operator().value();
        } else if (e instanceof AcdEvent.OperatorStateChanged x) {
            return x.operator().value();
        } else if (e instanceof AcdEvent.PhoneRegistration x) {
            return x.operator().value();
        } else if (e instanceof AcdEvent.OperatorProfileChanged x) {
            return x.operator().value();
        }
        return null;
    }

    private static void project(Connection c, AcdEvent e) throws SQLException {
        long at = e.at().toEpochMilli();
        if (e instanceof AcdEvent.CallQueued x) {
            update(c, "UPDATE calls SET queued_at = ?, intent = ?, priority = ?, tier = ? WHERE call_id = ?", at,
                    lower(x.call().intent()), x.call().priority(), lower(x.call().tier()), x.callId().value());
        } else if (e instanceof AcdEvent.CallAnswered x) {
            update(c, "UPDATE calls SET answered_at = ?, operator_login = ? WHERE call_id = ?", at,
                    x.operator().value(), x.callId().value());
        } else if (e instanceof AcdEvent.CallResumed x) {
            int calls = update(c, "UPDATE calls SET held_ms = held_ms + ?, holds = holds + 1 WHERE call_id = ?",
                    x.heldFor().toMillis(), x.callId().value());
            Optional<long[]> attempt = calls == 0 ? callbackAttempt(x.callId().value()) : Optional.empty();
            if (attempt.isPresent()) { // a callback call has no calls row (ADR 0147): its answered attempt counts them
                update(c, "UPDATE callback_attempts SET held_ms = held_ms + ?, holds = holds + 1"
                                + " WHERE callback_id = ? AND attempt_no = ? AND outcome = 'answered'",
                        x.heldFor().toMillis(), attempt.get()[0], (int) attempt.get()[1]);
            }
        } else if (e instanceof AcdEvent.ConsultOffered x) {
            update(c, "UPDATE calls SET consults = consults + 1 WHERE call_id = ?", x.callId().value());
        } else if (e instanceof AcdEvent.ConsultEnded x && x.outcome() == dev.frontline.core.acd.ConsultOutcome.COMPLETED) {
            update(c, "UPDATE calls SET operator_login = ?, warm_transfers = warm_transfers + 1 WHERE call_id = ?",
                    x.to().value(), x.callId().value());
        } else if (e instanceof AcdEvent.CallbackQueued x) {
            CallbackRequest r = x.request();
            update(c, "INSERT INTO callbacks(id, call_id, customer_id, number, intent, priority, tier, language,"
                            + " original_arrived_at, window_start, window_end, state, attempts, next_attempt_at, note,"
                            + " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,'scheduled',0,?,?,?,?)",
                    x.callbackId().value(),
                    // the call whose place it keeps, else the menu call that asked for it (a web form: none)
                    x.fromCall().or(r::fromCall).map(Object::toString).orElse(null),
                    r.customer().map(cu -> cu.value()).orElse(null), r.number(), lower(r.intent()), r.priority(),
                    lower(r.tier()), r.language().code(), r.originalArrivedAt().toEpochMilli(),
                    millis(r.windowStart()), millis(r.windowEnd()), x.dueAt().toEpochMilli(), r.reason(), at, at);
        } else if (e instanceof AcdEvent.CallbackOffered x) {
            update(c, "UPDATE callbacks SET state = 'offered', updated_at = ? WHERE id = ?", at, x.callbackId().value());
        } else if (e instanceof AcdEvent.CallbackAnswered x) {
            int attempt = attemptNo(x.attemptId());
            update(c, "UPDATE callbacks SET state = 'done', attempts = attempts + 1, updated_at = ? WHERE id = ?",
                    at, x.callbackId().value());
            update(c, "INSERT INTO callback_attempts(callback_id, attempt_no, operator_login, at, outcome, detail)"
                    + " VALUES (?,?,?,?,'answered',?)", x.callbackId().value(), attempt, x.operator().value(), at, x.attemptId());
        } else if (e instanceof AcdEvent.CallbackAttemptFailed x) {
            boolean counts = x.outcome() != dev.frontline.core.acd.CallbackOutcome.OPERATOR_NO_ANSWER
                    && x.outcome() != dev.frontline.core.acd.CallbackOutcome.WITHDRAWN;
            update(c, "UPDATE callbacks SET state = ?, attempts = attempts + ?, next_attempt_at = ?, updated_at = ? WHERE id = ?",
                    x.nextAttemptAt().isPresent() ? "scheduled" : "failed", counts ? 1 : 0,
                    millis(x.nextAttemptAt()), at, x.callbackId().value());
            update(c, "INSERT INTO callback_attempts(callback_id, attempt_no, operator_login, at, outcome, detail)"
                            + " VALUES (?,?,?,?,?,?)", x.callbackId().value(), x.attempt(), x.operator().value(), at,
                    lower(x.outcome()), x.detail());
        } else if (e instanceof AcdEvent.CallbackWithdrawn x) {
            update(c, "UPDATE callbacks SET state = 'withdrawn', next_attempt_at = NULL, note = coalesce(note, '') || ?,"
                    + " updated_at = ? WHERE id = ?", "; " + x.why(), at, x.callbackId().value());
        } else if (e instanceof AcdEvent.CallbackFailed x) {
            update(c, "UPDATE callbacks SET state = 'failed', next_attempt_at = NULL, note = ?, updated_at = ? WHERE id = ?",
                    x.request().reason() + "; " + x.why(), at, x.callbackId().value());
        }
    }

    /** The callback id and attempt number of a callback attempt's call id ({@code cb-<id>-<n>}); empty for other calls. */
    static Optional<long[]> callbackAttempt(String callId) {
        if (!callId.startsWith("cb-")) {
            return Optional.empty();
        }
        int last = callId.lastIndexOf('-');
        try {
            return Optional.of(new long[] {Long.parseLong(callId.substring(3, last)),
                    Long.parseLong(callId.substring(last + 1))});
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static int attemptNo(String attemptId) {
        return Integer.parseInt(attemptId.substring(attemptId.lastIndexOf('-') + 1));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static Long millis(Optional<Instant> t) {
        return t.map(Instant::toEpochMilli).orElse(null);
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else if (a instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else if (a instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else {
                    ps.setString(i + 1, a.toString());
                }
            }
            return ps.executeUpdate();
        }
    }
}
