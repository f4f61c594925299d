package dev.frontline.core.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20 item 3 in the store itself: transactions that read and then write, from many threads on one SQLite file
 * (as a ticket note checks its ticket, then inserts). Deferred, the second of two such transactions failed at once
 * with SQLITE_BUSY_SNAPSHOT; with BEGIN IMMEDIATE each waits for the write lock instead.
 */
class WriteTransactionsTest {

    @Test
    void readThenWriteTransactionsFromTwentyThreadsAllCommit(@TempDir Path dir) throws Exception {
        AtomicInteger failed = new AtomicInteger();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Database db = Database.sqlite(dir.resolve("tx.db"))) {
            db.inTransaction(c -> {
                c.createStatement().execute("CREATE TABLE n (v INTEGER)");
                return null;
            });
            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                all.add(pool.submit(() -> {
                    try {
                        db.inTransaction(c -> {
                            long max;
                            try (ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(MAX(v), 0) FROM n")) {
                                rs.next();
                                max = rs.getLong(1);
                            }
                            try (PreparedStatement ps = c.prepareStatement("INSERT INTO n (v) VALUES (?)")) {
                                ps.setLong(1, max + 1);
                                ps.executeUpdate();
                            }
                            return null;
                        });
                    } catch (StoreException e) {
                        failed.incrementAndGet();
                        errors.add(e.getMessage());
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            long distinct = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(DISTINCT v) FROM n")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            System.out.println("read-then-write transactions: " + failed.get() + " of 600 failed; "
                    + errors.stream().distinct().limit(2).toList());
            assertThat(failed.get()).as("transactions that failed: %s", errors.stream().distinct().toList()).isZero();
            assertThat(distinct).as("each saw the one before it").isEqualTo(600);
        }
    }
}
