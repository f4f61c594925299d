package dev.frontline.core.store;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Language;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.CustomerRepository;
import dev.frontline.core.customer.NewCustomer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Customers in the {@code customers} and {@code customer_phones} tables. Every number a customer is reachable on
 * (the mobile included, kind {@code mobile}; others kind {@code other}) is a row of {@code customer_phones}, so a
 * lookup by calling number is one indexed query. Thread-safe.
 */
public final class JdbcCustomerRepository implements CustomerRepository {
    private static final String COLUMNS = "c.id, c.contract_number, c.name, c.mobile, c.email, c.address, c.service_area,"
            + " c.plan, c.services, c.status, c.language, c.login, c.pin_hash, ph.e164, ph.kind";
    private static final String WITH_PHONES = "SELECT " + COLUMNS
            + " FROM customers c LEFT JOIN customer_phones ph ON ph.customer_id = c.id WHERE ";
    private static final String BY_PHONE = WITH_PHONES
            + "c.id = (SELECT min(customer_id) FROM customer_phones WHERE e164 = ?)";
    private static final String BY_CONTRACT = WITH_PHONES + "c.contract_number = ?";
    private static final String BY_ID = WITH_PHONES + "c.id = ?";

    /** The name this process's changes of customers go by ({@link Database#changed}); the caller index watches it. */
    public static final String CUSTOMERS = "customers";

    private final Database db;
    private final Clock clock;

    public JdbcCustomerRepository(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Customer> findByPhone(String e164) {
        return one(BY_PHONE, e164);
    }

    @Override
    public Optional<Customer> findByContract(String contractNumber) {
        return one(BY_CONTRACT, contractNumber == null ? null : contractNumber.trim());
    }

    @Override
    public Optional<Customer> findById(CustomerId id) {
        return one(BY_ID, id.value());
    }

    @Override
    public List<Customer> search(String text, int limit) {
        if (text == null || text.isBlank() || limit <= 0) {
            return List.of();
        }
        String needle = "%" + escapeLike(text.trim().toLowerCase(Locale.ROOT)) + "%";
        String digits = text.replaceAll("\\D", "");
        String phoneNeedle = digits.length() >= 3 ? "%" + digits + "%" : ""; // LIKE '' matches no number
        // the matching ids (limited), then those customers with all their numbers, in one statement
        String sql = WITH_PHONES + "c.id IN (SELECT s.id FROM customers s WHERE lower(s.name) LIKE ? ESCAPE '\\'"
                + " OR lower(s.contract_number) LIKE ? ESCAPE '\\' OR lower(s.email) LIKE ? ESCAPE '\\'"
                + " OR s.id IN (SELECT customer_id FROM customer_phones WHERE e164 LIKE ?)"
                + " ORDER BY s.name, s.id LIMIT ?) ORDER BY c.name, c.id";
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, needle);
                ps.setString(2, needle);
                ps.setString(3, needle);
                ps.setString(4, phoneNeedle);
                ps.setInt(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    return readAll(rs);
                }
            }
        });
    }

    /** How many customers the store holds. */
    public long count() {
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM customers");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Those of {@code contracts} that are already in the store. */
    public Set<String> existingContracts(Collection<String> contracts) {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(contracts);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String sql = "SELECT contract_number FROM customers WHERE contract_number IN ("
                    + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
            found.addAll(query(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    Set<String> out = new HashSet<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                }
            }));
        }
        return found;
    }

    /**
     * Writes all {@code customers} in one transaction: all or nothing.
     *
     * @return their ids, in order
     * @throws StoreException when any row is refused (e.g. a contract number already in the store); nothing is written
     */
    public List<CustomerId> insertAll(List<NewCustomer> customers) {
        List<CustomerId> ids = db.inTransaction(c -> insertAll(c, customers));
        db.changed(CUSTOMERS);
        return ids;
    }

    /** As {@link #insertAll(List)} inside the caller's transaction on {@code c}. */
    public List<CustomerId> insertAll(Connection c, List<NewCustomer> customers) throws SQLException {
        long now = clock.millis();
        List<CustomerId> ids = new ArrayList<>(customers.size());
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO customers (contract_number, name, mobile, email,"
                + " address, service_area, plan, services, status, language, login, pin_hash, created_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
             PreparedStatement phone = c.prepareStatement(
                     "INSERT INTO customer_phones (e164, customer_id, kind) VALUES (?,?,?)")) {
            for (NewCustomer n : customers) {
                ins.setString(1, n.contractNumber());
                ins.setString(2, n.name());
                ins.setString(3, n.mobile().orElse(null));
                ins.setString(4, n.email());
                ins.setString(5, n.address());
                ins.setString(6, n.serviceArea());
                ins.setString(7, n.plan());
                ins.setString(8, n.services().isEmpty() ? null : String.join(",", n.services()));
                ins.setString(9, n.status());
                ins.setString(10, n.language().code());
                ins.setString(11, n.login());
                ins.setString(12, n.pinHash().orElse(null));
                ins.setLong(13, now);
                long id;
                try (ResultSet rs = ins.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                } catch (SQLException e) {
                    throw new SQLException("customer " + n.contractNumber() + ": " + e.getMessage(), e);
                }
                ids.add(new CustomerId(id));
                Set<String> seen = new LinkedHashSet<>();
                if (n.mobile().isPresent()) {
                    seen.add(n.mobile().get());
                    addPhone(phone, n.mobile().get(), id, "mobile");
                }
                for (String other : n.otherPhones()) {
                    if (seen.add(other)) {
                        addPhone(phone, other, id, "other");
                    }
                }
            }
            phone.executeBatch();
        }
        return ids;
    }

    /** The store's customers among {@code contracts}, by contract number. */
    public java.util.Map<String, Customer> byContracts(Collection<String> contracts) {
        java.util.Map<String, Customer> out = new java.util.HashMap<>();
        List<String> all = new ArrayList<>(contracts);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String sql = WITH_PHONES + "c.contract_number IN ("
                    + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ") ORDER BY c.id";
            for (Customer found : query(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        return readAll(rs);
                    }
                }
            })) {
                out.put(found.contractNumber(), found);
            }
        }
        return out;
    }

    /**
     * Overwrites known customers (matched by contract number) with {@code customers} inside the caller's transaction
     * on {@code c}: every field but the PIN, and their numbers. Callers must call {@code db.changed(CUSTOMERS)} after
     * the commit.
     *
     * @return how many rows were updated
     */
    public int updateAll(Connection c, List<NewCustomer> customers) throws SQLException {
        int n = 0;
        try (PreparedStatement up = c.prepareStatement("UPDATE customers SET name = ?, mobile = ?, email = ?,"
                + " address = ?, service_area = ?, plan = ?, services = ?, status = ?, language = ?, login = ?"
                + " WHERE contract_number = ? RETURNING id");
             PreparedStatement drop = c.prepareStatement("DELETE FROM customer_phones WHERE customer_id = ?");
             PreparedStatement phone = c.prepareStatement(
                     "INSERT INTO customer_phones (e164, customer_id, kind) VALUES (?,?,?)")) {
            for (NewCustomer u : customers) {
                up.setString(1, u.name());
                up.setString(2, u.mobile().orElse(null));
                up.setString(3, u.email());
                up.setString(4, u.address());
                up.setString(5, u.serviceArea());
                up.setString(6, u.plan());
                up.setString(7, u.services().isEmpty() ? null : String.join(",", u.services()));
                up.setString(8, u.status());
                up.setString(9, u.language().code());
                up.setString(10, u.login());
                up.setString(11, u.contractNumber());
                long id;
                try (ResultSet rs = up.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("customer " + u.contractNumber() + " is no longer in the store");
                    }
                    id = rs.getLong(1);
                }
                n++;
                drop.setLong(1, id);
                drop.executeUpdate();
                Set<String> seen = new LinkedHashSet<>();
                if (u.mobile().isPresent()) {
                    seen.add(u.mobile().get());
                    addPhone(phone, u.mobile().get(), id, "mobile");
                }
                for (String other : u.otherPhones()) {
                    if (seen.add(other)) {
                        addPhone(phone, other, id, "other");
                    }
                }
                phone.executeBatch();
            }
        }
        return n;
    }

    private static void addPhone(PreparedStatement phone, String e164, long id, String kind) throws SQLException {
        phone.setString(1, e164);
        phone.setLong(2, id);
        phone.setString(3, kind);
        phone.addBatch();
    }

    private Optional<Customer> one(String sql, Object key) {
        if (key == null) {
            return Optional.empty();
        }
        try {
            return db.withStatement(sql, ps -> {
                ps.setObject(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return read(rs);
                }
            });
        } catch (StoreException e) {
            throw new StoreException("customers: " + e.getMessage(), e);
        }
    }

    /** Reads one customer spread over one row per phone (the LEFT JOIN above). */
    private static Optional<Customer> read(ResultSet rs) throws SQLException {
        List<Customer> all = readAll(rs);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Reads customers spread over one row per phone, each customer's rows next to each other. */
    private static List<Customer> readAll(ResultSet rs) throws SQLException {
        List<Customer> out = new ArrayList<>();
        boolean more = rs.next();
        while (more) {
            long id = rs.getLong(1);
            String contract = rs.getString(2);
            String name = rs.getString(3);
            Optional<String> mobile = Optional.ofNullable(rs.getString(4));
            String email = rs.getString(5);
            String address = rs.getString(6);
            String area = rs.getString(7);
            String plan = rs.getString(8);
            String services = rs.getString(9);
            String status = rs.getString(10);
            Language language = Language.of(rs.getString(11));
            String login = rs.getString(12);
            Optional<String> pinHash = Optional.ofNullable(rs.getString(13));
            List<String> others = new ArrayList<>(1);
            do {
                String e164 = rs.getString(14);
                if (e164 != null && !"mobile".equals(rs.getString(15))) {
                    others.add(e164);
                }
                more = rs.next();
            } while (more && rs.getLong(1) == id);
            if (others.size() > 1) {
                others.sort(null);
            }
            List<String> serviceList = services == null || services.isBlank() ? List.of()
                    : Arrays.stream(services.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
            out.add(new Customer(new CustomerId(id), contract, name, mobile, others, email, address, area,
                    plan, serviceList, status, language, login, pinHash));
        }
        return out;
    }

    private <T> T query(Database.SqlWork<T> work) {
        try (Connection c = db.dataSource().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("customers: " + e.getMessage(), e);
        }
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
