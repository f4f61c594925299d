package dev.frontline.bench;

import dev.frontline.core.common.Language;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.store.CallerIndex;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcCustomerRepository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the in-memory caller index (ADR 0069) costs on a SQLite store of N customers (a third of them with a second
 * number): the heap it takes per number, how long reading it takes, and what the triggers that tell it about other
 * processes' changes add to an import (the same import into a file without them, in the same run, is the baseline).
 * Usage: {@code bench/run CallerIndexBench [customers]} (default 300000).
 */
public final class CallerIndexBench {
    private static final String[] TRIGGERS = {"customers_inserted", "customers_deleted", "customers_updated",
            "customer_phones_inserted", "customer_phones_deleted", "customer_phones_updated"};

    private CallerIndexBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        Path dir = Files.createTempDirectory("frontline-caller-index-bench");
        try (Database withTriggers = Database.sqlite(dir.resolve("with.db"));
             Database without = Database.sqlite(dir.resolve("without.db"))) {
            without.inTransaction(c -> {
                try (var s = c.createStatement()) {
                    for (String t : TRIGGERS) {
                        s.execute("DROP TRIGGER " + t);
                    }
                }
                return null;
            });
            List<NewCustomer> customers = customers(n);
            double baseline = importMillis(without, customers);
            double triggered = importMillis(withTriggers, customers);
            System.out.printf("CallerIndexBench: import of %,d customers in batches of 10,000: %.0f ms with the change triggers,"
                    + " %.0f ms without (%.2fx)%n", n, triggered, baseline, triggered / baseline);
            customers = null;
            Runtime rt = Runtime.getRuntime();
            long before = settledHeap(rt);
            long t0 = System.nanoTime();
            try (CallerIndex index = new CallerIndex(withTriggers, new JdbcCustomerRepository(withTriggers, Clock.systemUTC()),
                    Duration.ofHours(1))) {
                double readMs = (System.nanoTime() - t0) / 1e6;
                long after = settledHeap(rt);
                System.out.printf("  index of %,d numbers: read in %.0f ms, heap +%.1f MiB, %.0f bytes a number%n", index.size(),
                        readMs, (after - before) / 1048576.0, (after - before) / (double) Math.max(1, index.size()));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp files only
            }
        }
    }

    private static List<NewCustomer> customers(int n) {
        List<NewCustomer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new NewCustomer("C" + (1_000_000 + i), "Customer Name " + i, Optional.of(String.format("+3706%07d", i)),
                    i % 3 == 0 ? List.of(String.format("+3705%07d", i)) : List.of(), "c" + i + "@example.com",
                    "Street " + i + ", Vilnius", "Vilnius-" + (i % 40), "Fiber 300", List.of("internet", "tv"), "active",
                    Language.values()[i % Language.values().length], "user" + i, Optional.empty()));
        }
        return out;
    }

    private static double importMillis(Database db, List<NewCustomer> customers) {
        JdbcCustomerRepository repo = new JdbcCustomerRepository(db, Clock.systemUTC());
        long t0 = System.nanoTime();
        for (int i = 0; i < customers.size(); i += 10_000) {
            repo.insertAll(customers.subList(i, Math.min(customers.size(), i + 10_000)));
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static long settledHeap(Runtime rt) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
