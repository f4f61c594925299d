package dev.frontline.core.customer;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcOutageRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The outage cache over a real SQLite store, with another repository over the same file standing for another process. */
class OutageCacheTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private Database db;
    private JdbcOutageRepository elsewhere;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    /** Background reads run when the test says so. */
    private final java.util.List<Runnable> background = new java.util.ArrayList<>();
    private OutageCache cache;

    @BeforeEach
    void open() {
        db = Database.sqlite(dir.resolve("outages.db"));
        elsewhere = new JdbcOutageRepository(db);
        cache = new OutageCache(new JdbcOutageRepository(db), MAX_AGE, nanos::get, background::add);
    }

    @AfterEach
    void close() {
        cache.close();
        db.close();
    }

    private void runBackgroundReads() {
        java.util.List<Runnable> now = new java.util.ArrayList<>(background);
        background.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void anOutageReportedElsewhereIsReadInTheBackgroundOnceTheAnswerIsOlderThanMaxAge() {
        assertThat(cache.activeIn("Vilnius-1", NOW)).isEmpty();
        elsewhere.report("Vilnius-1", "Fiber cut", NOW.minusSeconds(60), Optional.empty());

        nanos.addAndGet(MAX_AGE.toNanos() - 1);
        assertThat(cache.activeIn("Vilnius-1", NOW)).isEmpty();
        assertThat(background).as("no read while the answer is fresh").isEmpty();

        nanos.addAndGet(1);
        assertThat(cache.activeIn("Vilnius-1", NOW)).as("the call that notices the age does not wait").isEmpty();
        assertThat(cache.activeIn("Vilnius-1", NOW)).isEmpty();
        assertThat(background).as("one background read, however many calls notice").hasSize(1);
        runBackgroundReads();
        assertThat(cache.activeIn("Vilnius-1", NOW)).map(Outage::description).contains("Fiber cut");
    }

    @Test
    void reportsAndResolutionsThroughTheCacheAreSeenAtOnce() {
        assertThat(cache.activeIn("Kaunas-2", NOW)).isEmpty();
        Outage o = cache.report("Kaunas-2", "Power failure at the node", NOW.minusSeconds(5), Optional.of(NOW.plusSeconds(3600)));
        assertThat(cache.activeIn("Kaunas-2", NOW)).contains(o);

        cache.resolve(o.id(), NOW);
        assertThat(cache.activeIn("Kaunas-2", NOW)).isEmpty();
    }

    @Test
    void eachAreaHasItsOwnAnswer() {
        elsewhere.report("Vilnius-1", "Fiber cut", NOW.minusSeconds(60), Optional.empty());
        assertThat(cache.activeIn("Vilnius-1", NOW)).isPresent();
        assertThat(cache.activeIn("Vilnius-2", NOW)).isEmpty();
        assertThat(cache.activeIn("Vilnius-1", NOW)).isPresent();
    }

    @Test
    void aMomentFurtherThanMaxAgeFromTheCachedOneIsReadAgain() {
        elsewhere.report("Vilnius-1", "Planned works", NOW.plusSeconds(600), Optional.empty());
        assertThat(cache.activeIn("Vilnius-1", NOW)).isEmpty();
        // the clock of a simulation moved on; the machine's did not
        assertThat(cache.activeIn("Vilnius-1", NOW.plusSeconds(30))).isEmpty(); // within a minute: the answer kept
        assertThat(cache.activeIn("Vilnius-1", NOW.plusSeconds(601))).map(Outage::description).contains("Planned works");
    }

    @Test
    void noAreaIsNoOutage() {
        assertThat(cache.activeIn(null, NOW)).isEmpty();
    }
}
