package dev.frontline.core.acd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.SqliteTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23's property: for random histories (seeded), the state after a snapshot plus the events after it equals the
 * state after replaying the whole log — the whole state ({@link AcdImage}: operators, calls, callbacks, waiting
 * entries, sequence numbers, sticky memory, statistics), the published picture, and how both route what comes next.
 * The events go through a real SQLite log and the snapshots through the store's JSON, as at a restart.
 */
class AcdSnapshotPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    private static final AcdConfig config = AcdConfig.defaults();
    private static final AcdFixtures.Directory directory = AcdHistories.directory();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void snapshotPlusTailEqualsFullReplay(long seed, @TempDir Path dir) throws Exception {
        try (Database db = SqliteTestDatabase.open(dir)) {
            check(db, seed);
        }
    }

    @Test
    void theHistoriesConsultAboutCallbackConversationsToo() {
        long consulted = 0;
        for (long seed : new long[] {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233}) {
            consulted += AcdHistories.history(seed, 2_000, config).stream().filter(e -> e instanceof AcdEvent.ConsultOffered o
                    && o.callId().value().startsWith("cb-")).count();
        }
        assertThat(consulted).as("consultations about callback conversations in the seeded histories").isGreaterThan(3);
    }

    /** The property for one seed on {@code db} (an empty, migrated store: SQLite here, PostgreSQL in the IT). */
    static void check(Database db, long seed) throws Exception {
        List<AcdEvent> events = AcdHistories.history(seed, 2_000, config);
        int n = events.size();
        assertThat(events).as("callback conversations were held and transferred (ADR 0147)")
                .anyMatch(e -> e instanceof AcdEvent.CallHeld h && h.callId().value().startsWith("cb-"))
                .anyMatch(e -> e instanceof AcdEvent.CallTransferred t && t.callId().value().startsWith("cb-"));
        {
            AcdHistories.addCustomers(db);
            JdbcAcdEventLog log = new JdbcAcdEventLog(db);
            Random chunks = new Random(seed);
            for (int i = 0; i < n; ) { // in batches, as the routing thread appends them
                int to = Math.min(n, i + 1 + chunks.nextInt(40));
                log.append(events.subList(i, to));
                i = to;
            }
            Router full = new Router(config, directory, BusinessHours.always());
            assertThat(log.replayAfter(0, full::replay)).isEqualTo(n); // positions are 1..n
            Instant end = events.get(n - 1).at();

            Random cuts = new Random(seed * 31);
            TreeSet<Integer> at = new TreeSet<>(List.of(1, n / 2, n - 1));
            while (at.size() < 8) {
                at.add(1 + cuts.nextInt(n - 1));
            }
            Router chain = new Router(config, directory, BusinessHours.always());
            Router prefix = new Router(config, directory, BusinessHours.always()); // a full replay up to the cut
            int applied = 0;
            boolean sawLiveState = false;
            for (int k : at) {
                for (; applied < k; applied++) {
                    chain.replay(events.get(applied));
                    prefix.replay(events.get(applied));
                }
                assertSameState(prefix, chain, events.get(k - 1).at(), "seed " + seed + ", chained up to " + k);
                AcdImage image = chain.image(k, events.get(k - 1).at().minus(AcdSnapshots.PRUNE_MARGIN));
                sawLiveState |= !image.calls().isEmpty() && !image.callbacks().isEmpty() && !image.waiting().isEmpty();
                log.saveSnapshot(image, AcdSnapshots.KEEP);

                // a start: the newest snapshot (this one) plus the events after it
                AcdSnapshots.Loaded loaded = AcdSnapshots.load(config, directory, BusinessHours.always(), log);
                assertThat(loaded.covers()).isEqualTo(n);
                assertThat(loaded.tail()).as("events replayed after the snapshot at %d", k).isEqualTo(n - k);
                assertSameState(full, loaded.router(), end, "seed " + seed + ", snapshot at " + k + " of " + n);

                // the follower goes on from the stored snapshot, as the server's does
                chain = Router.restore(config, directory, BusinessHours.always(), log.snapshots().get(0).read());
            }
            assertThat(sawLiveState).as("some snapshot held waiting calls and callbacks").isTrue();
            for (; applied < n; applied++) {
                chain.replay(events.get(applied));
            }
            assertSameState(full, chain, end, "seed " + seed + ", chained snapshots");
            assertRoutesAlike(full, AcdSnapshots.load(config, directory, BusinessHours.always(), log).router(), events,
                    seed);
        }
    }

    /** The whole state, as a snapshot holds it, and the published picture are the same. */
    static void assertSameState(Router expected, Router actual, Instant at, String what) throws Exception {
        String e = JSON.writeValueAsString(expected.image(0, at));
        String a = JSON.writeValueAsString(actual.image(0, at));
        assertThat(a).as(what).isEqualTo(e);
        assertThat(actual.snapshot(at)).as(what).isEqualTo(expected.snapshot(at));
    }

    /** Both decide the same on the same further commands (the derived indexes: ready operators, due callbacks, ...). */
    static void assertRoutesAlike(Router expected, Router actual, List<AcdEvent> past, long seed) {
        Instant from = past.get(past.size() - 1).at().plusSeconds(1);
        AcdHistories.Driver a = new AcdHistories.Driver(new Random(seed + 7), new ManualClock(from), expected).after(past);
        AcdHistories.Driver b = new AcdHistories.Driver(new Random(seed + 7), new ManualClock(from), actual).after(past);
        for (int i = 0; i < 400; i++) {
            List<AcdEvent> e = a.step();
            assertThat(b.step()).as("command %d after the restart (seed %d)", i, seed).isEqualTo(e);
        }
        assertThat(a.events.stream().filter(e -> !(e instanceof AcdEvent.CommandRejected)))
                .as("commands after the restart routed something").isNotEmpty();
    }
}
