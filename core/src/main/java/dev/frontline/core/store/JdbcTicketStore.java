package dev.frontline.core.store;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.TicketId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.ticket.Ticket;
import dev.frontline.core.ticket.TicketNote;
import dev.frontline.core.ticket.TicketStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * {@link TicketStore} on {@code tickets}, {@code ticket_notes} and the {@code ticket} row of {@code counters}
 * (the last number issued). The number is taken with {@code UPDATE ... RETURNING} as the transaction's first
 * write, so concurrent creators (threads or processes, SQLite or PostgreSQL) queue on the row lock and never share
 * a number. Intent and tier are stored as their enum names. Thread-safe.
 */
public final class JdbcTicketStore implements TicketStore {
    private static final String COLUMNS = "id, customer_id, call_id, subject, intent, tier, state, priority, opened_at,"
            + " due_at, closed_at, operator_login";

    private final Database db;

    public JdbcTicketStore(Database db) {
        this.db = db;
    }

    @Override
    public Ticket create(LongFunction<Ticket> withNumber, TicketNote first) {
        return db.inTransaction(c -> {
            Ticket t = withNumber.apply(nextNumber(c));
            insert(c, t, List.of(first));
            return t;
        });
    }

    @Override
    public long reserveNumber() {
        return db.writeNow("ticket number", JdbcTicketStore::nextNumber);
    }

    @Override
    public void insert(Connection transaction, Ticket t, List<TicketNote> notes) throws SQLException {
        try (PreparedStatement ps = transaction.prepareStatement(
                "INSERT INTO tickets (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, t.id().value());
            bind(ps, 2, t);
            ps.executeUpdate();
        }
        for (TicketNote n : notes) {
            insertNote(transaction, t.id(), n);
        }
    }

    static long nextNumber(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE counters SET value = value + 1 WHERE name = 'ticket' RETURNING value")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO counters (name, value) VALUES ('ticket', 0) ON CONFLICT (name) DO NOTHING")) {
            ps.executeUpdate();
        }
        return nextNumber(c);
    }

    @Override
    public Optional<Ticket> find(TicketId id) {
        return one("SELECT " + COLUMNS + " FROM tickets WHERE id = ?", id.value());
    }

    @Override
    public Optional<Ticket> findByCall(CallId call) {
        return one("SELECT " + COLUMNS + " FROM tickets WHERE call_id = ? ORDER BY opened_at DESC, id DESC", call.value());
    }

    @Override
    public void update(Ticket t, TicketNote why) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET customer_id = ?, call_id = ?, subject = ?,"
                    + " intent = ?, tier = ?, state = ?, priority = ?, opened_at = ?, due_at = ?, closed_at = ?,"
                    + " operator_login = ? WHERE id = ?")) {
                bind(ps, 1, t);
                ps.setString(12, t.id().value());
                if (ps.executeUpdate() != 1) {
                    throw new NoSuchElementException("no ticket " + t.id());
                }
            }
            insertNote(c, t.id(), why);
            return null;
        });
    }

    @Override
    public boolean updateIfState(String expectedState, Ticket t, TicketNote why, InTransaction also) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET customer_id = ?, call_id = ?, subject = ?,"
                    + " intent = ?, tier = ?, state = ?, priority = ?, opened_at = ?, due_at = ?, closed_at = ?,"
                    + " operator_login = ? WHERE id = ? AND state = ?")) {
                bind(ps, 1, t);
                ps.setString(12, t.id().value());
                ps.setString(13, expectedState);
                if (ps.executeUpdate() != 1) {
                    if (stateOf(c, t.id()).isEmpty()) {
                        throw new NoSuchElementException("no ticket " + t.id());
                    }
                    return false;
                }
            }
            insertNote(c, t.id(), why);
            also.write(c);
            return true;
        });
    }

    private static Optional<String> stateOf(Connection c, TicketId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM tickets WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public void addNote(TicketId id, TicketNote note) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tickets WHERE id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("no ticket " + id);
                    }
                }
            }
            insertNote(c, id, note);
            return null;
        });
    }

    @Override
    public List<TicketNote> history(TicketId id) {
        return db.read(c -> {
            List<TicketNote> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT at, author, kind, text FROM ticket_notes WHERE ticket_id = ? ORDER BY at, id")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new TicketNote(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    private Optional<Ticket> one(String sql, String key) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    private static void insertNote(Connection c, TicketId id, TicketNote n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ticket_notes (ticket_id, at, author, kind, text) VALUES (?,?,?,?,?)")) {
            ps.setString(1, id.value());
            ps.setLong(2, n.at().toEpochMilli());
            ps.setString(3, n.author());
            ps.setString(4, n.kind());
            ps.setString(5, n.text());
            ps.executeUpdate();
        }
    }

    /** Binds every column after {@code id}, from parameter {@code i}. */
    private static void bind(PreparedStatement ps, int i, Ticket t) throws SQLException {
        setLong(ps, i, t.customer().map(CustomerId::value).orElse(null));
        ps.setString(i + 1, t.call().map(CallId::value).orElse(null));
        ps.setString(i + 2, t.subject());
        ps.setString(i + 3, t.intent().map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
        ps.setString(i + 4, t.tier().name().toLowerCase(java.util.Locale.ROOT));
        ps.setString(i + 5, t.state());
        ps.setInt(i + 6, t.priority());
        ps.setLong(i + 7, t.openedAt().toEpochMilli());
        ps.setLong(i + 8, t.dueAt().toEpochMilli());
        setLong(ps, i + 9, t.closedAt().map(Instant::toEpochMilli).orElse(null));
        ps.setString(i + 10, t.operator().orElse(null));
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static Ticket read(ResultSet rs) throws SQLException {
        long customer = rs.getLong(2);
        Optional<CustomerId> cust = rs.wasNull() ? Optional.empty() : Optional.of(new CustomerId(customer));
        String intent = rs.getString(5);
        long closed = rs.getLong(11);
        Optional<Instant> closedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(closed));
        long due = rs.getLong(10);
        Instant opened = Instant.ofEpochMilli(rs.getLong(9));
        return new Ticket(new TicketId(rs.getString(1)), cust, Optional.ofNullable(rs.getString(3)).map(CallId::new),
                rs.getString(4), Optional.ofNullable(intent).map(s -> Intent.valueOf(s.toUpperCase(java.util.Locale.ROOT))),
                Tier.valueOf(rs.getString(6).toUpperCase(java.util.Locale.ROOT)), rs.getString(7), rs.getInt(8), opened,
                rs.wasNull() ? opened : Instant.ofEpochMilli(due), closedAt, Optional.ofNullable(rs.getString(12)));
    }
}
