package dev.frontline.bench;

import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.imports.CustomerImport;
import dev.frontline.core.imports.PinHashing;
import dev.frontline.core.security.SlowHash;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcCustomerRepository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Customer import of {@code rows} rows, each with a PIN (issue 20 item 10), against the bound bcrypt sets: one hash
 * at the configured cost, timed on one thread in this run, times the rows, divided by the cores. Also times the same
 * import of a slice on one thread (the old way), so the speed-up is measured in the same run.
 * Usage: {@code bench/run ImportBench [rows=100000] [cost=10]} (100,000 rows at cost 10 take about an hour on 2 cores).
 */
public final class ImportBench {
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("rows=", "")) : 100_000;
        int cost = args.length > 1 ? Integer.parseInt(args[1].replace("cost=", "")) : SlowHash.DEFAULT_COST;
        int cores = Runtime.getRuntime().availableProcessors();
        SlowHash hash = new SlowHash(cost);
        for (int i = 0; i < 5; i++) {
            hash.hash("1234".toCharArray()); // warm up
        }
        long[] one = new long[21];
        for (int i = 0; i < one.length; i++) {
            long t0 = System.nanoTime();
            hash.hash(Integer.toString(1000 + i).toCharArray());
            one[i] = System.nanoTime() - t0;
        }
        Arrays.sort(one);
        double hashMs = one[one.length / 2] / 1e6;
        double boundS = rows * hashMs / cores / 1000;
        System.out.printf("bcrypt cost %d: one PIN %.1f ms on one core (median of %d); %d cores;"
                + " bound for %,d rows: %,.0f s%n", cost, hashMs, one.length, cores, rows, boundS);

        Path dir = Files.createTempDirectory("import-bench");
        Path csv = dir.resolve("customers.csv");
        StringBuilder b = new StringBuilder("contract,name,mobile,area,plan,services,language,pin\n");
        for (int i = 0; i < rows; i++) {
            b.append("B-").append(i).append(",Customer ").append(i).append(",+3706").append(String.format("%07d", i))
                    .append(",Vilnius-North,Fiber 300,internet,lt,").append(1000 + i % 9000).append('\n');
        }
        Files.writeString(csv, b);
        PhoneNumbers phones = new PhoneNumbers("LT");

        int slice = Math.min(rows, Math.max(50, rows / 20));
        Path small = dir.resolve("slice.csv");
        Files.write(small, Files.readAllLines(csv).subList(0, slice + 1));
        long t0 = System.nanoTime();
        new CustomerImport(phones, hash).read(small, c -> Set.of(), new PinHashing(hash, 1, PinHashing.Progress.NONE, 1000));
        double oneThreadS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("one thread (before): %,d rows in %.1f s, %.1f rows/s -> %,d rows in ~%,.0f s%n", slice,
                oneThreadS, slice / oneThreadS, rows, rows / (slice / oneThreadS));

        long started = System.nanoTime();
        List<NewCustomer> read = new CustomerImport(phones, hash).read(csv, c -> Set.of(),
                PinHashing.allCores(hash, (done, total) -> {
                    if (done % Math.max(1000, total / 10) == 0) {
                        System.out.printf("  hashed %,d of %,d (%.0f s)%n", done, total,
                                (System.nanoTime() - started) / 1e9);
                    }
                }));
        double readS = (System.nanoTime() - started) / 1e9;
        long w0 = System.nanoTime();
        try (Database db = Database.sqlite(dir.resolve("desk.db"))) {
            new JdbcCustomerRepository(db, Clock.systemUTC()).insertAll(read);
        }
        double writeS = (System.nanoTime() - w0) / 1e9;
        System.out.printf("all cores: %,d rows checked and hashed in %.1f s (%.1f rows/s), written in %.1f s;"
                + " %.2fx the bound, %.2fx faster than one thread%n", rows, readS, rows / readS, writeS,
                (readS + writeS) / boundS, (rows / (slice / oneThreadS)) / (readS + writeS));
    }
}
