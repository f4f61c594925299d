package dev.frontline.core.store;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.operator.OperatorRepository;
import dev.frontline.core.security.SlowHash;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Operator accounts in the {@code operators} table. {@code skills} holds tiers and intents together in lower case
 * ({@code line1,line2,technical,general}), {@code languages} the ISO codes ({@code lt,ru}). Passwords are bcrypt
 * hashes; {@link #authenticate} spends one bcrypt check even for an unknown or inactive login. Thread-safe.
 */
public final class JdbcOperatorRepository implements OperatorRepository {
    /** A login matches whatever its case (V93's unique index on {@code LOWER(login)} serves it). */
    private static final String BY_LOGIN = "LOWER(login) = LOWER(?)";
    private static final String COLUMNS = "SELECT login, name, role, skills, languages, endpoint, mobile, active,"
            + " password_hash FROM operators";

    private final Database db;
    private final SlowHash hash;
    private final Clock clock;

    public JdbcOperatorRepository(Database db, SlowHash hash, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.hash = Objects.requireNonNull(hash, "hash");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Operator> find(OperatorId id) {
        return rows(COLUMNS + " WHERE " + BY_LOGIN, id.value()).stream().findFirst().map(Row::operator);
    }

    @Override
    public List<Operator> all() {
        return rows(COLUMNS + " ORDER BY login", null).stream().map(Row::operator).toList();
    }

    @Override
    public Optional<Operator> authenticate(String login, char[] password) {
        Optional<Row> row = login == null ? Optional.empty()
                : rows(COLUMNS + " WHERE " + BY_LOGIN, login.trim()).stream().findFirst();
        if (row.isEmpty() || password == null) {
            hash.burn();
            return Optional.empty();
        }
        boolean ok = hash.matches(password, row.get().passwordHash());
        if (!ok || !row.get().operator().active()) {
            return Optional.empty();
        }
        if (hash.needsRehash(row.get().passwordHash())) {
            rehash(login.trim(), row.get().passwordHash(), hash.hash(password));
        }
        return Optional.of(row.get().operator());
    }

    /** Replaces a hash made with an old cost, unless the password changed meanwhile. */
    private void rehash(String login, String old, String fresh) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE operators SET password_hash = ? WHERE " + BY_LOGIN + " AND password_hash = ?")) {
                ps.setString(1, fresh);
                ps.setString(2, login);
                ps.setString(3, old);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Sets a new password (hashed here) for {@code id}; false when there is no such login. Does not check the
     * password's length: {@link dev.frontline.core.imports.OperatorImport#passwordProblem} does.
     */
    public boolean setPassword(OperatorId id, char[] password) {
        String fresh = hash.hash(password);
        return update("UPDATE operators SET password_hash = ? WHERE " + BY_LOGIN, fresh, id.value()) > 0;
    }

    /** Lets {@code id} log in (true) or not (false); false when there is no such login. */
    public boolean setActive(OperatorId id, boolean active) {
        return update("UPDATE operators SET active = ? WHERE " + BY_LOGIN, active ? 1 : 0, id.value()) > 0;
    }

    /** Replaces the lines and queues of {@code id} (the ACD reads them when the operator next comes online). */
    public boolean setSkills(OperatorId id, Set<Tier> tiers, Set<Intent> intents) {
        return update("UPDATE operators SET skills = ? WHERE " + BY_LOGIN, skills(tiers, intents), id.value()) > 0;
    }

    /** Replaces the languages of {@code id} (the ACD reads them when the operator next comes online). */
    public boolean setLanguages(OperatorId id, Set<Language> languages) {
        return update("UPDATE operators SET languages = ? WHERE " + BY_LOGIN,
                languages.stream().map(Language::code).sorted().collect(Collectors.joining(",")), id.value()) > 0;
    }

    private int update(String sql, Object value, String login) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, value);
                ps.setString(2, login);
                return ps.executeUpdate();
            }
        });
    }

    /** Those of {@code logins} that already exist, whatever their case (as given). */
    public Set<String> existingLogins(Collection<String> logins) {
        Set<String> stored = new HashSet<>();
        for (Row r : rows(COLUMNS, null)) {
            stored.add(r.operator().id().value().toLowerCase(Locale.ROOT));
        }
        Set<String> out = new HashSet<>();
        for (String l : logins) {
            if (stored.contains(l.toLowerCase(Locale.ROOT))) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * Writes all {@code operators} in one transaction: all or nothing.
     *
     * @throws StoreException when any is refused (e.g. the login exists); nothing is written
     */
    public void insertAll(List<NewOperator> operators) {
        db.inTransaction(c -> {
            insertAll(c, operators);
            return null;
        });
    }

    /** As {@link #insertAll(List)} inside the caller's transaction on {@code c}. */
    public void insertAll(Connection c, List<NewOperator> operators) throws SQLException {
        long now = clock.millis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO operators (login, name, password_hash, role,"
                + " skills, languages, endpoint, mobile, active, created_at) VALUES (?,?,?,?,?,?,?,?,1,?)")) {
            for (NewOperator o : operators) {
                ps.setString(1, o.login());
                ps.setString(2, o.name());
                ps.setString(3, o.passwordHash());
                ps.setString(4, o.role().name().toLowerCase(Locale.ROOT));
                ps.setString(5, skills(o.tiers(), o.intents()));
                ps.setString(6, o.languages().stream().map(Language::code).sorted().collect(Collectors.joining(",")));
                ps.setString(7, o.endpoint());
                ps.setString(8, o.mobile().orElse(null));
                ps.setLong(9, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static String skills(Set<Tier> tiers, Set<Intent> intents) {
        return Stream.concat(tiers.stream().sorted().map(Enum::name), intents.stream().sorted().map(Enum::name))
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }

    private List<Row> rows(String sql, String key) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (key != null) {
                ps.setString(1, key);
            }
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("operators: " + e.getMessage(), e);
        }
    }

    private static Row read(ResultSet rs) throws SQLException {
        Set<Tier> tiers = EnumSet.noneOf(Tier.class);
        Set<Intent> intents = EnumSet.noneOf(Intent.class);
        for (String s : split(rs.getString(4))) {
            String u = s.toUpperCase(Locale.ROOT);
            if (Arrays.stream(Tier.values()).anyMatch(t -> t.name().equals(u))) {
                tiers.add(Tier.valueOf(u));
            } else if (Arrays.stream(Intent.values()).anyMatch(i -> i.name().equals(u))) {
                intents.add(Intent.valueOf(u));
            }
        }
        Set<Language> languages = EnumSet.noneOf(Language.class);
        for (String s : split(rs.getString(5))) {
            languages.add(Language.of(s));
        }
        Operator op = new Operator(new OperatorId(rs.getString(1)), rs.getString(2),
                Operator.Role.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), tiers, intents, languages,
                rs.getString(6), Optional.ofNullable(rs.getString(7)), rs.getInt(8) != 0);
        return new Row(op, rs.getString(9));
    }

    private static List<String> split(String s) {
        return s == null ? List.of() : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private record Row(Operator operator, String passwordHash) {}
}
