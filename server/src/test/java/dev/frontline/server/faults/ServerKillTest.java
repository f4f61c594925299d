package dev.frontline.server.faults;

import dev.frontline.core.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's promise on SQLite, for the whole server: a {@code frontline serve} killed with SIGKILL under FastAGI
 * callers, web forms and a desktop loses nothing it confirmed and doubles nothing (more cycles: {@code KillBench}).
 */
class ServerKillTest {

    @Test
    void aKilledServerLosesNothingItConfirmed(@TempDir Path dir) throws Exception {
        KillHarness harness = new KillHarness(dir, "store:\n  url: jdbc:sqlite:" + dir.resolve("desk.db") + "\n", 20);
        harness.run(2, Duration.ofSeconds(3), Duration.ofSeconds(6), 6, System.out);

        try (Database db = Database.sqlite(dir.resolve("desk.db"))) {
            assertNothingLost(harness.check(db));
        }
    }

    static void assertNothingLost(Map<KillHarness.Kind, KillHarness.Count> counts) {
        System.out.println("confirmed / lost / duplicated: " + counts);
        counts.forEach((kind, c) -> {
            assertThat(c.lost()).as("%s lost of %d confirmed", kind, c.confirmed()).isZero();
            assertThat(c.duplicated()).as("%s duplicated", kind).isZero();
        });
        for (KillHarness.Kind kind : KillHarness.Kind.values()) {
            assertThat(counts.get(kind).confirmed()).as("%s confirmed at all", kind).isPositive();
        }
    }
}
