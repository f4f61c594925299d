package dev.frontline.core.store;

import dev.frontline.core.desk.OnDutyRota;
import dev.frontline.core.desk.RotaRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The on-duty rota kept in the store ({@code on_duty_shifts}, ADR 0143): the configuration's rota ({@code desk.on-duty})
 * seeds the empty table on the first start; from then on the table is the rota and supervisors edit it. Every read
 * sees the last rota saved by any server of the desk; when the store cannot be read, the last rota read stands.
 * Every save counts up the rota's version ({@code on_duty_rota}, V115): a save that names the version it was read at is
 * refused with {@link ChangedMeanwhile} when another was saved since (ADR 0148). A mobile a save takes off the rota is
 * kept in {@code on_duty_former_mobiles} (V129): still the desk's own number for the web form (ADR 0153). Thread-safe.
 */
public final class JdbcOnDutyRota implements Supplier<OnDutyRota> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JdbcOnDutyRota.class);

    private final Database db;
    private final AuditLog audit;
    private final ZoneId zone;
    private volatile OnDutyRota last;

    /** The rota as stored, its version, and who saved it last and when (null before the first save). */
    public record Stored(OnDutyRota rota, long version, String changedBy, java.time.Instant changedAt) {}

    public JdbcOnDutyRota(Database db, AuditLog audit, ZoneId zone) {
        this.db = Objects.requireNonNull(db, "db");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.last = new OnDutyRota(zone, List.of());
    }

    /**
     * Copies {@code configured} into the table when the table is empty (the first start, or a desk that never had a
     * rota) and reads it. A table with rows is left as it is: the configuration's rota is then only its seed.
     *
     * @return true when the configuration's rota was copied in now
     */
    public boolean seed(OnDutyRota configured) {
        boolean seeded = db.inTransaction(c -> {
            if (count(c) > 0 || configured.isEmpty()) return false;
            write(c, RotaRows.rows(configured));
            bump(c, "system");
            audit.record(c, "system", "on-duty-seed", "rota", RotaRows.rows(configured).size() + " rows from desk.on-duty");
            return true;
        });
        get();
        return seeded;
    }

    /** The rota now (read from the store; the last one read when the store cannot be read). */
    @Override
    public OnDutyRota get() {
        try {
            last = RotaRows.rota(zone, db.read(JdbcOnDutyRota::read));
        } catch (RuntimeException e) {
            log.warn("on-duty rota: the store cannot be read ({}); the rota read last stands", e.getMessage());
        }
        return last;
    }

    /**
     * Every mobile of the rota as stored now (read from the store; the last rota read when it cannot be read): the
     * desk's own numbers, never called back on a stranger's request.
     */
    public java.util.Set<String> mobiles() {
        java.util.Set<String> out = new java.util.HashSet<>();
        get().shifts().forEach(s -> out.add(s.mobile()));
        return out;
    }

    /**
     * The desk's own numbers for the web form (ADR 0153): every mobile of the rota as stored now and every mobile that
     * was ever taken off it ({@code on_duty_former_mobiles}, V129), read from the store at each call. When the store
     * cannot be read: the last rota read and the former mobiles read last.
     */
    public java.util.Set<String> ownNumbers() {
        java.util.Set<String> out = mobiles();
        try {
            former = db.read(JdbcOnDutyRota::formerMobiles);
        } catch (RuntimeException e) {
            log.warn("on-duty rota: former mobiles cannot be read ({}); those read last stand", e.getMessage());
        }
        out.addAll(former);
        return out;
    }

    private volatile java.util.Set<String> former = java.util.Set.of();

    private static java.util.Set<String> formerMobiles(Connection c) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT mobile FROM on_duty_former_mobiles")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return java.util.Set.copyOf(out);
    }

    /** The rota as stored now with its version (read from the store, in one read). */
    public Stored stored() {
        Stored st = db.read(c -> {
            Version v = version(c);
            return new Stored(RotaRows.rota(zone, read(c)), v.version, v.by, v.at);
        });
        last = st.rota();
        return st;
    }

    /** Replaces the whole rota whatever was saved meanwhile (the last save wins); see {@link #replace(List, String, Long)}. */
    public OnDutyRota replace(List<RotaRows.Row> rows, String actor) {
        return replace(rows, actor, null).rota();
    }

    /**
     * Replaces the whole rota by {@code rows} (checked by {@link RotaRows#parse}) with {@code actor}'s
     * {@code on-duty-edit} audit row in the same transaction, if the stored rota is still at {@code expectedVersion}.
     *
     * @param expectedVersion the version the rota was read at; null saves whatever was saved meanwhile
     * @return the rota saved, at its new version
     * @throws IllegalArgumentException for an empty rota (nobody would ever be texted)
     * @throws ChangedMeanwhile when another save came after {@code expectedVersion}; nothing changed
     */
    public Stored replace(List<RotaRows.Row> rows, String actor, Long expectedVersion) {
        if (rows.isEmpty()) throw new IllegalArgumentException("the rota lists no one");
        db.inTransaction(c -> {
            if (expectedVersion != null && !bumpFrom(c, expectedVersion, actor)) {
                Version now = version(c);
                throw new ChangedMeanwhile("the rota", now.version, now.by, now.at, zone);
            }
            if (expectedVersion == null) bump(c, actor);
            java.util.Set<String> leaving = new java.util.HashSet<>();
            read(c).forEach(r -> leaving.add(r.mobile()));
            rows.forEach(r -> leaving.remove(r.mobile()));
            try (PreparedStatement del = c.prepareStatement("DELETE FROM on_duty_shifts")) {
                del.executeUpdate();
            }
            write(c, rows);
            formerly(c, leaving, actor);
            audit.record(c, actor, "on-duty-edit", "rota", summary(rows));
            return null;
        });
        return stored();
    }

    /** Keeps {@code mobiles} (taken off the rota now) as the desk's own numbers (ADR 0153), with when and by whom. */
    private void formerly(Connection c, java.util.Set<String> mobiles, String actor) throws SQLException {
        for (String m : mobiles) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM on_duty_former_mobiles WHERE mobile = ?");
                 PreparedStatement ins = c.prepareStatement(
                         "INSERT INTO on_duty_former_mobiles (mobile, removed_at, removed_by) VALUES (?, ?, ?)")) {
                del.setString(1, m);
                del.executeUpdate();
                ins.setString(1, m);
                ins.setLong(2, audit.clock().millis());
                ins.setString(3, actor);
                ins.executeUpdate();
            }
        }
    }

    private record Version(long version, String by, java.time.Instant at) {}

    private static Version version(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT version, changed_by, changed_at FROM on_duty_rota WHERE id = 1")) {
            if (!rs.next()) return new Version(0, null, null);
            long at = rs.getLong(3);
            return new Version(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : java.time.Instant.ofEpochMilli(at));
        }
    }

    /** Counts the version up whatever it was. */
    private void bump(Connection c, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE on_duty_rota SET version = version + 1, changed_by = ?, changed_at = ? WHERE id = 1")) {
            ps.setString(1, actor);
            ps.setLong(2, audit.clock().millis());
            ps.executeUpdate();
        }
    }

    /**
     * Counts the version up from {@code expected} only: on PostgreSQL a concurrent save waits for this row's lock and
     * then finds the version moved; SQLite writes one transaction at a time (ADR 0118).
     */
    private boolean bumpFrom(Connection c, long expected, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE on_duty_rota SET version = version + 1, changed_by = ?, "
                + "changed_at = ? WHERE id = 1 AND version = ?")) {
            ps.setString(1, actor);
            ps.setLong(2, audit.clock().millis());
            ps.setLong(3, expected);
            return ps.executeUpdate() == 1;
        }
    }

    /** "tomas +37061234567 mon-fri 18:00-24:00; ..." for the audit log. */
    static String summary(List<RotaRows.Row> rows) {
        List<String> parts = new ArrayList<>();
        for (RotaRows.Row r : rows) {
            parts.add(r.name() + " " + r.mobile() + " " + RotaRows.days(r.days()) + " " + RotaRows.time(r.from()) + "-"
                    + RotaRows.time(r.to()));
        }
        String s = String.join("; ", parts);
        return s.length() > 2000 ? s.substring(0, 1997) + "..." : s;
    }

    private static int count(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM on_duty_shifts")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void write(Connection c, List<RotaRows.Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO on_duty_shifts (seq, name, mobile, days, from_time, "
                + "to_time) VALUES (?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (RotaRows.Row r : rows) {
                ps.setInt(1, seq++);
                ps.setString(2, r.name());
                ps.setString(3, r.mobile());
                ps.setString(4, RotaRows.days(r.days()));
                ps.setString(5, RotaRows.time(r.from()));
                ps.setString(6, RotaRows.time(r.to()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<RotaRows.Row> read(Connection c) throws SQLException {
        List<RotaRows.Row> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT name, mobile, days, from_time, to_time FROM on_duty_shifts ORDER BY seq, id")) {
            while (rs.next()) {
                String to = rs.getString(5);
                out.add(new RotaRows.Row(rs.getString(1), rs.getString(2), RotaRows.days(rs.getString(3)),
                        LocalTime.parse(rs.getString(4)), "24:00".equals(to) ? LocalTime.MAX : LocalTime.parse(to)));
            }
        }
        return out;
    }
}
