package dev.frontline.bench;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcCustomerRepository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Lookup by calling number among N customers in a SQLite file: p50 / p99 of {@link JdbcCustomerRepository#findByPhone}
 * against a bare prepared statement on one open connection (the customer row by number), and against a bare statement
 * running the repository's own SQL (the customer and all its numbers), interleaved in the same run in rotating order,
 * plus the overhead ratios. Usage: {@code bench/run LookupBench [customers] [lookups] [db-file]}
 * (defaults 1000000, 100000, bench/target/lookup-bench.db; the file is reused when it already holds N customers).
 */
public final class LookupBench {
    private static final String BARE = "SELECT c.id, c.contract_number, c.name, c.mobile, c.email, c.address, c.service_area,"
            + " c.plan, c.services, c.status, c.language, c.login, c.pin_hash"
            + " FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.e164 = ?";
    /** The repository's own query (customer + all its numbers), run bare: separates query cost from Java overhead. */
    private static final String SAME_SQL = "SELECT c.id, c.contract_number, c.name, c.mobile, c.email, c.address,"
            + " c.service_area, c.plan, c.services, c.status, c.language, c.login, c.pin_hash, ph.e164, ph.kind"
            + " FROM customers c LEFT JOIN customer_phones ph ON ph.customer_id = c.id"
            + " WHERE c.id = (SELECT min(customer_id) FROM customer_phones WHERE e164 = ?)";
    private static final long PRIME = 7_368_787; // coprime with 10^7: spreads numbers so they do not follow ids

    private LookupBench() {
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path file = Path.of(args.length > 2 ? args[2] : "bench/target/lookup-bench.db");
        System.out.printf(Locale.ROOT, "LookupBench: %,d customers in %s, %,d lookups, JDK %s%n",
                customers, file, lookups, System.getProperty("java.version"));
        try (Database db = prepare(file, customers)) {
            JdbcCustomerRepository repo = new JdbcCustomerRepository(db, Clock.systemUTC());
            try (Connection c = db.dataSource().getConnection(); PreparedStatement bare = c.prepareStatement(BARE);
                 PreparedStatement same = c.prepareStatement(SAME_SQL)) {
                Random r = new Random(42);
                run(repo, bare, same, r, customers, 20_000, null, null, null); // warm-up: JIT, page cache
                long[] repoNanos = new long[lookups];
                long[] bareNanos = new long[lookups];
                long[] sameNanos = new long[lookups];
                run(repo, bare, same, r, customers, lookups, repoNanos, bareNanos, sameNanos);
                report("repository.findByPhone", repoNanos);
                report("bare prepared statement", bareNanos);
                report("bare, repository's SQL", sameNanos);
                Arrays.sort(repoNanos);
                Arrays.sort(bareNanos);
                Arrays.sort(sameNanos);
                System.out.printf(Locale.ROOT, "overhead ratio (repository / bare): p50 %.2fx, p99 %.2fx%n",
                        (double) pct(repoNanos, 50) / pct(bareNanos, 50), (double) pct(repoNanos, 99) / pct(bareNanos, 99));
                System.out.printf(Locale.ROOT, "of which Java/pool (repository / bare with its SQL): p50 %.2fx, p99 %.2fx%n",
                        (double) pct(repoNanos, 50) / pct(sameNanos, 50), (double) pct(repoNanos, 99) / pct(sameNanos, 99));
            }
        }
    }

    /** Each round runs the three lookups (each on its own random number) in a rotating order. */
    private static void run(JdbcCustomerRepository repo, PreparedStatement bare, PreparedStatement same, Random r,
                            int customers, int n, long[] repoNanos, long[] bareNanos, long[] sameNanos) throws SQLException {
        long found = 0;
        long[] t = new long[3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                int which = (i + k) % 3;
                String number = mobile(r.nextInt(customers));
                long t0 = System.nanoTime();
                boolean hit = switch (which) {
                    case 0 -> repo.findByPhone(number).isPresent();
                    case 1 -> bare(bare, number, 13) != null;
                    default -> bare(same, number, 15) != null;
                };
                t[which] = System.nanoTime() - t0;
                found += hit ? 1 : 0;
            }
            if (repoNanos != null) {
                repoNanos[i] = t[0];
                bareNanos[i] = t[1];
                sameNanos[i] = t[2];
            }
        }
        if (found != 3L * n) {
            throw new IllegalStateException("expected every number to be found, found " + found + " of " + 3L * n);
        }
    }

    /** Reads every column of every row, as the repository does. */
    private static String bare(PreparedStatement ps, String e164, int columns) throws SQLException {
        ps.setString(1, e164);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            StringBuilder sink = new StringBuilder();
            do {
                sink.append(rs.getLong(1));
                for (int col = 2; col <= columns; col++) {
                    String v = rs.getString(col);
                    if (v != null) {
                        sink.append(v.length());
                    }
                }
            } while (rs.next());
            return sink.toString();
        }
    }

    static String mobile(int index) {
        return "+3706" + String.format(Locale.ROOT, "%07d", (index * PRIME) % 10_000_000L);
    }

    private static Database prepare(Path file, int customers) throws SQLException, java.io.IOException {
        if (Files.exists(file)) {
            Database db = Database.sqlite(file);
            if (new JdbcCustomerRepository(db, Clock.systemUTC()).count() == customers) {
                System.out.println("reusing " + file);
                return db;
            }
            db.close();
            for (String suffix : new String[]{"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        }
        Database db = Database.sqlite(file);
        long t0 = System.nanoTime();
        String[] areas = {"Vilnius-North", "Vilnius-Centre", "Kaunas", "Riga", "Warsaw-Mokotow", "Ljubljana"};
        String[] plans = {"Fiber 100", "Fiber 300", "Fiber 1000", "TV Basic", "Fiber 300 + TV Plus", "Hosting Pro"};
        int batch = 50_000;
        for (int from = 0; from < customers; from += batch) {
            int start = from;
            int end = Math.min(customers, from + batch);
            db.inTransaction(c -> {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO customers (id, contract_number, name, mobile,"
                        + " email, address, service_area, plan, services, status, language, login, created_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
                     PreparedStatement ph = c.prepareStatement(
                             "INSERT INTO customer_phones (e164, customer_id, kind) VALUES (?,?,?)")) {
                    for (int i = start; i < end; i++) {
                        long id = i + 1L;
                        String mobile = mobile(i);
                        ins.setLong(1, id);
                        ins.setString(2, String.valueOf(10_000_001L + i));
                        ins.setString(3, "Customer " + id);
                        ins.setString(4, mobile);
                        ins.setString(5, "customer" + id + "@example.lt");
                        ins.setString(6, "Gedimino pr. " + (i % 120 + 1) + ", Vilnius");
                        ins.setString(7, areas[i % areas.length]);
                        ins.setString(8, plans[i % plans.length]);
                        ins.setString(9, "internet,tv");
                        ins.setString(10, "active");
                        ins.setString(11, "lt");
                        ins.setString(12, "customer" + id);
                        ins.setLong(13, 0L);
                        ins.addBatch();
                        ph.setString(1, mobile);
                        ph.setLong(2, id);
                        ph.setString(3, "mobile");
                        ph.addBatch();
                        if (i % 5 == 0) { // every fifth customer also has a landline
                            ph.setString(1, "+3705" + String.format(Locale.ROOT, "%07d", i % 10_000_000));
                            ph.setLong(2, id);
                            ph.setString(3, "other");
                            ph.addBatch();
                        }
                    }
                    ins.executeBatch();
                    ph.executeBatch();
                }
                return null;
            });
        }
        System.out.printf(Locale.ROOT, "generated %,d customers in %.1f s%n", customers, (System.nanoTime() - t0) / 1e9);
        return db;
    }

    private static void report(String name, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        System.out.printf(Locale.ROOT, "%-24s p50 %6.1f us   p99 %6.1f us   p99.9 %7.1f us   mean %6.1f us%n", name,
                pct(s, 50) / 1e3, pct(s, 99) / 1e3, pct(s, 99.9) / 1e3, mean / 1e3);
    }

    private static long pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
