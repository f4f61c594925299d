package dev.frontline.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The append-only record of who did what to whom ({@code audit_log}). {@link #record} returns once the row is
 * committed: an action that must be recorded is not done unrecorded. Thread-safe.
 */
public final class AuditLog {

    /** One recorded action. */
    public record Entry(Instant at, String actor, String action, String subject, String detail) {}

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records {@code actor}'s {@code action} on {@code subject} (a login, a call id), committed before it returns.
     *
     * @throws StoreException when the store cannot write it
     */
    public void record(String actor, String action, String subject, String detail) {
        long at = clock.millis();
        db.writeNow("audit " + action, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, at);
                ps.setString(2, actor);
                ps.setString(3, action);
                ps.setString(4, subject);
                ps.setString(5, detail);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Records {@code actor}'s {@code action} inside the caller's transaction on {@code c}: the change and its audit
     * row are committed together or not at all.
     */
    public void record(java.sql.Connection c, String actor, String action, String subject, String detail)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, subject);
            ps.setString(5, detail);
            ps.executeUpdate();
        }
    }

    /** What to look for: every non-null field must match ({@code subject} exactly, {@code to} exclusive). */
    public record Search(String actor, String action, String subject, Instant from, Instant to) {}

    /** The newest {@code limit} entries matching {@code s}, newest first. */
    public List<Entry> search(Search s, int limit) {
        db.flush();
        StringBuilder sql = new StringBuilder("SELECT at, actor, action, subject, detail FROM audit_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (s.actor() != null) { sql.append(" AND actor = ?"); args.add(s.actor()); }
        if (s.action() != null) { sql.append(" AND action = ?"); args.add(s.action()); }
        if (s.subject() != null) { sql.append(" AND subject = ?"); args.add(s.subject()); }
        if (s.from() != null) { sql.append(" AND at >= ?"); args.add(s.from().toEpochMilli()); }
        if (s.to() != null) { sql.append(" AND at < ?"); args.add(s.to().toEpochMilli()); }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(limit);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }

    /** The newest {@code limit} entries, newest first. */
    public List<Entry> recent(int limit) {
        db.flush();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT at, actor, action, subject, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }

    /** The clock the audit rows are stamped with (for the rows' own "changed at"). */
    java.time.Clock clock() {
        return clock;
    }
}
