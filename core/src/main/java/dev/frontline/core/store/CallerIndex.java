package dev.frontline.core.store;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Language;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.CustomerRepository;
import dev.frontline.core.customer.KnownCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Recognising callers by number from memory, on a server-local store (SQLite): every number on file with what the
 * voice menu needs of its customer ({@link KnownCaller}, about 250 bytes a number). On such a store every read after
 * the writer's commit (one a millisecond while calls come in) starts on a cold page cache; that read was most of an
 * incoming call's work. The index is read whole when made and read again when the customers change: at once (in the
 * background; the store answers meanwhile) after this process noted a change ({@link Database#changed}, e.g. an
 * import through {@link JdbcCustomerRepository}), and within {@code checkEvery} after another process's change, which
 * the {@code change_counters} row the store's triggers bump reveals. Everything else is asked of the store. A
 * customer base whose index would take more than an eighth of the heap is not held (logged): the store answers.
 * Thread-safe; {@link #close} stops the checks.
 */
public final class CallerIndex implements CustomerRepository, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallerIndex.class);
    private static final String VERSION = "SELECT version FROM change_counters WHERE name = 'customers'";
    private static final String COUNT = "SELECT count(*) FROM customer_phones";
    /** Heap a number takes in the index, measured (docs/decisions/0069), rounded up. */
    static final long BYTES_PER_NUMBER = 300;
    /** Per number the customer that {@link JdbcCustomerRepository#findByPhone} gives: the lowest id with it on file. */
    private static final String ALL = "SELECT p.e164, c.id, c.contract_number, c.language, c.mobile, c.service_area"
            + " FROM customer_phones p JOIN customers c ON c.id = p.customer_id ORDER BY p.e164, c.id";

    /**
     * The numbers on file as of the store's {@code version} and this process's {@code localChanges}; {@code byPhone}
     * null when there are too many to hold.
     */
    private record Snapshot(Map<String, KnownCaller> byPhone, long version, long localChanges) {}

    private final Database db;
    private final CustomerRepository store;
    private final ScheduledExecutorService checks;
    private final AtomicBoolean reloading = new AtomicBoolean();
    private final long memoryBudget;
    private volatile Snapshot snapshot;
    private volatile boolean toldTooMany;

    /** Reads the index now (on this thread) and checks the store's counter every {@code checkEvery}. */
    public CallerIndex(Database db, CustomerRepository store, Duration checkEvery) {
        this(db, store, checkEvery, Runtime.getRuntime().maxMemory() / 8);
    }

    /** As the public constructor, holding the index only while it takes less than {@code memoryBudget} bytes. */
    CallerIndex(Database db, CustomerRepository store, Duration checkEvery, long memoryBudget) {
        if (!db.serverLocal()) {
            throw new IllegalArgumentException("a caller index needs a server-local store: another server may change a shared one");
        }
        this.db = db;
        this.store = store;
        this.memoryBudget = memoryBudget;
        this.snapshot = read();
        this.checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "caller-index");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, checkEvery.toMillis());
        checks.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<KnownCaller> callerByPhone(String e164) {
        Snapshot s = snapshot;
        if (s.localChanges() != db.changes(JdbcCustomerRepository.CUSTOMERS)) {
            reloadInBackground();
            return store.callerByPhone(e164);
        }
        if (s.byPhone() == null) {
            return store.callerByPhone(e164);
        }
        return Optional.ofNullable(s.byPhone().get(e164));
    }

    @Override
    public Optional<Customer> findByPhone(String e164) {
        return store.findByPhone(e164);
    }

    @Override
    public Optional<Customer> findByContract(String contractNumber) {
        return store.findByContract(contractNumber);
    }

    @Override
    public Optional<Customer> findById(CustomerId id) {
        return store.findById(id);
    }

    @Override
    public List<Customer> search(String text, int limit) {
        return store.search(text, limit);
    }

    /** How many numbers the index holds (for tools and tests); 0 when there are too many to hold. */
    public int size() {
        Map<String, KnownCaller> m = snapshot.byPhone();
        return m == null ? 0 : m.size();
    }

    void check() {
        try {
            if (storeVersion() != snapshot.version()) {
                snapshot = read();
            }
        } catch (RuntimeException e) {
            log.warn("could not check the customers for changes (the index stays as it is): {}", e.toString());
        }
    }

    private void reloadInBackground() {
        if (reloading.compareAndSet(false, true)) {
            try {
                checks.execute(() -> {
                    try {
                        snapshot = read();
                    } catch (RuntimeException e) {
                        log.warn("could not read the customers' numbers again (the store answers meanwhile): {}", e.toString());
                    } finally {
                        reloading.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                reloading.set(false);
            }
        }
    }

    /** The whole index, with the counters it is as of (both read before the numbers: a change meanwhile reads it again). */
    private Snapshot read() {
        long local = db.changes(JdbcCustomerRepository.CUSTOMERS);
        return db.read(c -> {
            long version;
            try (var ps = c.prepareStatement(VERSION); ResultSet rs = ps.executeQuery()) {
                version = rs.next() ? rs.getLong(1) : -1;
            }
            long numbers;
            try (var ps = c.prepareStatement(COUNT); ResultSet rs = ps.executeQuery()) {
                numbers = rs.next() ? rs.getLong(1) : 0;
            }
            if (numbers * BYTES_PER_NUMBER > memoryBudget) {
                if (!toldTooMany) {
                    toldTooMany = true;
                    log.info("{} customer numbers would take about {} MiB, more than an eighth of the heap: callers are looked"
                            + " up in the store (a larger -Xmx in FRONTLINE_JAVA_OPTS holds them in memory)", numbers,
                            numbers * BYTES_PER_NUMBER >> 20);
                }
                return new Snapshot(null, version, local);
            }
            Map<String, KnownCaller> byPhone = new HashMap<>();
            Map<String, String> areas = new HashMap<>(); // few areas, many customers: one string each
            try (var ps = c.prepareStatement(ALL); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String e164 = rs.getString(1);
                    if (byPhone.containsKey(e164)) {
                        continue; // a number shared by several customers: the lowest id, as the store answers
                    }
                    String area = rs.getString(6);
                    byPhone.put(e164, new KnownCaller(new CustomerId(rs.getLong(2)), rs.getString(3),
                            Language.of(rs.getString(4)), rs.getString(5) != null,
                            area == null ? null : areas.computeIfAbsent(area, a -> a)));
                }
            }
            return new Snapshot(Map.copyOf(byPhone), version, local);
        });
    }

    private long storeVersion() {
        return db.withStatement(VERSION, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        });
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
