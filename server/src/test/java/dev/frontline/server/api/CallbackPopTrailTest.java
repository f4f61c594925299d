package dev.frontline.server.api;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.common.CallId;
import dev.frontline.core.store.Database;
import dev.frontline.server.testing.InMemoryDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: the pop of an answered callback call (whose attempt has no {@code calls} row) shows what the customer did
 * in the menu on the call that asked for the callback; a callback nobody asked for from a call has no steps.
 */
class CallbackPopTrailTest {
    @TempDir
    Path dir;

    private static final Instant CALLED = Instant.parse("2026-11-22T07:33:49Z");

    @Test
    void aCallbackCallsPopCarriesTheTrailOfTheMenuCallThatAskedForIt() {
        try (Database db = Database.sqlite(dir.resolve("trail.db"))) {
            db.inTransaction(c -> {
                try (var ps = c.prepareStatement("INSERT INTO calls (call_id, backend, calling_number, language, intent,"
                        + " priority, tier, identified, verified, started_at, trail) VALUES ('sim-7', 'sim',"
                        + " '+37063868458', 'lt', 'technical', 1, 'line1', 1, 1, ?, ?)")) {
                    ps.setLong(1, CALLED.toEpochMilli());
                    ps.setString(2, "[\"language: Lithuanian\",\"pressed 1 (technical failure)\",\"PIN verified\"]");
                    ps.executeUpdate();
                }
                for (String from : new String[] {"sim-7", null}) {
                    try (var ps = c.prepareStatement("INSERT INTO callbacks (call_id, number, intent, priority, tier,"
                            + " language, original_arrived_at, state, created_at, updated_at) VALUES (?, '+37063868458',"
                            + " 'technical', 1, 'line1', 'lt', ?, 'done', ?, ?)")) {
                        ps.setString(1, from);
                        ps.setLong(2, CALLED.toEpochMilli());
                        ps.setLong(3, CALLED.plusSeconds(18).toEpochMilli());
                        ps.setLong(4, CALLED.plusSeconds(18).toEpochMilli());
                        ps.executeUpdate();
                    }
                }
                return null;
            });
            Clock clock = Clock.fixed(CALLED.plusSeconds(3600), ZoneOffset.UTC);
            ScreenPops pops = new ScreenPops(new InMemoryDirectory(), new InMemoryDirectory(), new DeskQueries(db, clock),
                    clock);

            ServerMessage.ScreenPop asked = pops.assemble(new CallId("cb-1-2"), null, clock.instant());
            assertThat(asked.trail().steps()).containsExactly("language: Lithuanian", "pressed 1 (technical failure)",
                    "PIN verified");
            assertThat(asked.trail().verified()).isTrue();
            assertThat(asked.callId()).isEqualTo("cb-1-2");

            ServerMessage.ScreenPop form = pops.assemble(new CallId("cb-2-1"), null, clock.instant());
            assertThat(form.trail().steps()).isEmpty();
            assertThat(form.trail().verified()).isFalse();
        }
    }
}
