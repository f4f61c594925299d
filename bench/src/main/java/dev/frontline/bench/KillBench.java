package dev.frontline.bench;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;
import dev.frontline.server.faults.KillHarness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Issue 20's promise measured: a whole {@code frontline serve} (child JVM) under FastAGI callers, web forms and a
 * desktop, SIGKILLed at random moments and started again on the same store, {@code cycles} times on SQLite and then
 * on a real (embedded) PostgreSQL. Prints, per store and kind, what users were told is done, what the store lost or
 * holds twice, and the lost per 1,000 confirmed. The same harness runs two cycles per store in {@code mvn verify}
 * ({@code ServerKillTest}, {@code ServerKillPostgresIT}).
 *
 * <p>Usage: {@code bench/run KillBench [cycles=10] [callers=12] [seed=1] [stores=sqlite,postgres]}.
 */
public final class KillBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>(Map.of("cycles", "10", "callers", "12", "seed", "1",
                "stores", "sqlite,postgres"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv[1]);
        }
        int cycles = Integer.parseInt(a.get("cycles"));
        int callers = Integer.parseInt(a.get("callers"));
        long seed = Long.parseLong(a.get("seed"));
        for (String store : a.get("stores").split(",")) {
            Path dir = Files.createTempDirectory("kill-bench-" + store);
            System.out.printf("%n== %s: %d kills, %d FastAGI callers, web form, one desktop; logs in %s%n", store,
                    cycles, callers, dir);
            Map<KillHarness.Kind, KillHarness.Count> counts;
            if (store.equals("sqlite")) {
                Path file = dir.resolve("desk.db");
                KillHarness h = new KillHarness(dir, "store:\n  url: jdbc:sqlite:" + file + "\n", seed);
                h.run(cycles, Duration.ofSeconds(2), Duration.ofSeconds(10), callers, System.out);
                try (Database db = Database.sqlite(file)) {
                    counts = h.check(db);
                }
            } else {
                String url;
                try (Database created = PostgresTestDatabase.fresh()) {
                    url = ((com.zaxxer.hikari.HikariDataSource) created.dataSource()).getJdbcUrl();
                }
                KillHarness h = new KillHarness(dir, "store:\n  url: " + url
                        + "\n  user: postgres\n  password: postgres\n", seed);
                h.run(cycles, Duration.ofSeconds(2), Duration.ofSeconds(10), callers, System.out);
                try (Database db = Database.open(url, "postgres", "postgres")) {
                    counts = h.check(db);
                }
            }
            long confirmed = 0;
            long lost = 0;
            long twice = 0;
            System.out.printf("%-14s %10s %6s %11s %16s%n", "told done", "confirmed", "lost", "duplicated",
                    "lost per 1,000");
            for (Map.Entry<KillHarness.Kind, KillHarness.Count> e : counts.entrySet()) {
                KillHarness.Count c = e.getValue();
                System.out.printf("%-14s %,10d %,6d %,11d %16.2f%n", e.getKey().name().toLowerCase(), c.confirmed(),
                        c.lost(), c.duplicated(), c.lostPerThousand());
                confirmed += c.confirmed();
                lost += c.lost();
                twice += c.duplicated();
            }
            System.out.printf("%-14s %,10d %,6d %,11d %16.2f%n", "all", confirmed, lost, twice,
                    confirmed == 0 ? 0 : lost * 1000.0 / confirmed);
        }
        System.exit(0);
    }
}
