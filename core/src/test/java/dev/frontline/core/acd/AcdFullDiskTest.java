package dev.frontline.core.acd;

import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full disk under the ACD: a real SQLite file whose every pooled connection is limited by
 * {@code PRAGMA max_page_count} to the pages it has (SQLite then answers SQLITE_FULL to a write that needs a page,
 * as on a full disk). Nobody is told "queued" unless the event is in the file; the ACD does not replay its log for
 * every refused write; supervisors hear of it; once the disk has room, callers are queued again.
 */
class AcdFullDiskTest {

    @Test
    void aFullDiskConfirmsOnlyWhatIsLoggedAlertsAndDoesNotThrash(@TempDir Path dir) throws Exception {
        try (Database db = Database.sqlite(dir.resolve("acd.db"))) {
            scenario(db, () -> limitPages(db, pageCount(db)), () -> limitPages(db, 1_000_000_000L), "SQLite");
        }
    }

    /** What changes the disk: fills it, or makes room again. */
    interface Disk {
        void change() throws Exception;
    }

    /**
     * 20 callers with room, 400 with the disk full, then callers until one is queued with room again: only what is in
     * the log was confirmed, supervisors were told both ways, the log was not replayed for every refusal.
     */
    static void scenario(Database db, Disk fill, Disk free, String store) throws Exception {
        List<String> alerts = new CopyOnWriteArrayList<>();
        Set<String> confirmed = new HashSet<>();
        Set<String> refused = new HashSet<>();
        int replaysWhileFull;
        CountingLog log = new CountingLog(new JdbcAcdEventLog(db));
        try (AcdService acd = acd(log)) {
            acd.alertSupervisors(alerts::add);
            for (int i = 0; i < 20; i++) {
                enqueue(acd, "before-" + i, confirmed, refused);
            }
            assertThat(refused).as("refused with room on disk").isEmpty();

            // when the disk is full
            fill.change();
            int replaysBefore = log.replays.get();
            for (int i = 0; i < 400; i++) {
                enqueue(acd, "full-" + i, confirmed, refused);
            }
            replaysWhileFull = log.replays.get() - replaysBefore;

            // then
            assertThat(refused).as("callers refused while the disk is full").isNotEmpty();
            assertThat(alerts).as("supervisor alerts").anyMatch(a -> a.startsWith("The store cannot write"));
            assertThat(replaysWhileFull).as("log replays while full (%d refused)", refused.size())
                    .isLessThanOrEqualTo(6);

            // and when the disk has room again, callers are queued again
            free.change();
            String late = null;
            for (int i = 0; i < 100 && late == null; i++) {
                Thread.sleep(100);
                acd.tick();
                if (enqueue(acd, "after-" + i, confirmed, refused)) {
                    late = "after-" + i;
                }
            }
            assertThat(late).as("queued once the disk has room").isNotNull();
            assertThat(alerts).anyMatch(a -> a.startsWith("The store writes again"));
        }
        // every caller told "queued" is in the log, none refused is
        Set<String> logged = queuedInLog(db);
        assertThat(logged).containsAll(confirmed);
        assertThat(logged).doesNotContainAnyElementsOf(refused);
        // and a restarted ACD has them all waiting
        try (AcdService again = acd(new JdbcAcdEventLog(db))) {
            Set<String> waiting = new HashSet<>();
            again.snapshot().waiting().keySet().forEach(id -> waiting.add(id.value()));
            assertThat(waiting).isEqualTo(confirmed);
        }
        System.out.printf("full disk (%s): %d confirmed, %d refused, %d log replays while full%n", store,
                confirmed.size(), refused.size(), replaysWhileFull);
    }

    private static AcdService acd(AcdEventLog log) {
        return new AcdService(AcdConfig.defaults(), new ManualClock(Instant.parse("2026-03-02T10:00:00Z")), log,
                new AcdFixtures.Directory(), BusinessHours.always(), new RecordingConnector(), new RecordingSms(),
                new CallbackNotices("")).start(false);
    }

    /** True when the enqueue was confirmed; a caller is confirmed only when the call returns normally. */
    private static boolean enqueue(AcdService acd, String id, Set<String> confirmed, Set<String> refused) {
        try {
            acd.enqueue(AcdFixtures.call(id, Intent.GENERAL, Instant.parse("2026-03-02T10:00:00Z")));
            acd.sync();
            confirmed.add(id);
            return true;
        } catch (NotConfirmed e) {
            refused.add(id);
            return false;
        }
    }

    /** Sets {@code PRAGMA max_page_count} on every pooled connection (the pragma is per connection). */
    static void limitPages(Database db, long pages) throws Exception {
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // the SQLite pool's size: holding all of them reaches each once
                Connection c = db.dataSource().getConnection();
                all.add(c);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA max_page_count = " + pages);
                }
            }
        } finally {
            for (Connection c : all) {
                c.close();
            }
        }
    }

    static long pageCount(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA page_count")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<String> queuedInLog(Database db) {
        return db.inTransaction(c -> {
            Set<String> out = new HashSet<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT call_id FROM call_events WHERE type = 'CallQueued'")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** The real log, counting full replays (the ACD's rebuilds). */
    private static final class CountingLog implements AcdEventLog {
        final AcdEventLog real;
        final AtomicInteger replays = new AtomicInteger();

        CountingLog(AcdEventLog real) {
            this.real = real;
        }

        @Override
        public void append(List<AcdEvent> events) {
            real.append(events);
        }

        @Override
        public void replay(Consumer<AcdEvent> sink) {
            replays.incrementAndGet();
            real.replay(sink);
        }
    }
}
