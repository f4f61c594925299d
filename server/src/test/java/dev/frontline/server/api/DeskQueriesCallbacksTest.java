package dev.frontline.server.api;

import dev.frontline.core.api.Views;
import dev.frontline.core.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The callbacks list as the desks read it from the store. */
class DeskQueriesCallbacksTest {
    @TempDir
    Path dir;

    private static final Instant CALLED = Instant.parse("2026-11-22T07:33:49Z");

    /**
     * Seen on the operator desk 20 minutes after a caller who had waited 18 s took a callback: "waited 20:19 before
     * asking for a callback". The original wait is the wait before asking, and it does not grow.
     */
    @Test
    void theOriginalWaitIsTheWaitBeforeAskingNotTheTimeSince() {
        try (Database db = Database.sqlite(dir.resolve("q.db"))) {
            insert(db, "+37063868458", CALLED, CALLED.plusSeconds(18));       // virtual hold after 18 s on the line
            insert(db, "+37064833770", CALLED, CALLED);                       // the web form: no wait on a line
            DeskQueries queries = new DeskQueries(db, Clock.fixed(CALLED.plusSeconds(20 * 60 + 19), ZoneOffset.UTC));

            assertThat(queries.openCallbacks(10)).extracting(Views.CallbackRow::number, Views.CallbackRow::originalWaitSeconds)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("+37063868458", 18L),
                            org.assertj.core.groups.Tuple.tuple("+37064833770", 0L));
        }
    }

    private static void insert(Database db, String number, Instant arrived, Instant asked) {
        db.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO callbacks (number, intent, priority, tier, language,"
                    + " original_arrived_at, state, created_at, updated_at) VALUES (?, 'technical', 1, 'line1', 'lt', ?,"
                    + " 'scheduled', ?, ?)")) {
                ps.setString(1, number);
                ps.setLong(2, arrived.toEpochMilli());
                ps.setLong(3, asked.toEpochMilli());
                ps.setLong(4, asked.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }
}
