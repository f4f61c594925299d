package dev.frontline.server.api;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.OutageClusters;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcOutageRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Technical calls clustering in one area make supervisors an outage suggestion, over a real SQLite file. */
class OutageSuggestionsTest {
    static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    @TempDir Path dir;
    Database db;
    final List<Views.Alert> alerts = new CopyOnWriteArrayList<>();
    OutageSuggestions suggestions;

    @BeforeEach
    void open() {
        db = Database.sqlite(dir.resolve("f.db"));
        db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO customers (id, contract_number, name, service_area,"
                + " created_at) VALUES (1, 'C-1', 'a', 'Kaunas', 0), (2, 'C-2', 'b', 'Kaunas', 0), (3, 'C-3', 'c', 'Vilnius', 0),"
                + " (4, 'C-4', 'd', NULL, 0)"));
        suggestions = new OutageSuggestions(db, new JdbcOutageRepository(db), OutageClusters.Settings.DEFAULTS, alerts::add);
    }

    @AfterEach
    void close() {
        suggestions.close();
        db.close();
    }

    void queued(int n, long customer, Intent intent, int second) {
        suggestions.accept(new AcdEvent.CallQueued(new CallId("c" + n), new QueuedCall(new CallId("c" + n), intent, 1,
                Tier.LINE1, Language.LT, Optional.of(new CustomerId(customer)), "+3706000000" + n, Backend.SIM,
                T.plusSeconds(second)), T.plusSeconds(second)));
    }

    void settle() throws InterruptedException {
        for (int i = 0; i < 50 && alerts.isEmpty(); i++) Thread.sleep(20);
        Thread.sleep(100);
    }

    @Test
    void fiveTechnicalCallsFromKaunasInTenMinutesSuggestAnOutageThereOnce() throws Exception {
        queued(1, 1, Intent.TECHNICAL, 0);
        queued(2, 2, Intent.TECHNICAL, 60);
        queued(3, 3, Intent.TECHNICAL, 90);   // Vilnius
        queued(4, 1, Intent.SALES, 100);      // not technical
        queued(5, 4, Intent.TECHNICAL, 110);  // no area
        queued(6, 1, Intent.TECHNICAL, 200);
        queued(7, 2, Intent.TECHNICAL, 300);
        queued(8, 1, Intent.TECHNICAL, 400);  // the fifth from Kaunas
        queued(9, 2, Intent.TECHNICAL, 450);  // no second alert within the hour
        settle();

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("outage-suggested");
            assertThat(a.text()).contains("5 technical calls from Kaunas in 10 min", "outages administration");
            assertThat(a.at()).isEqualTo(T.plusSeconds(400));
        });
    }

    @Test
    void noSuggestionForAnAreaWithAnOngoingOutage() throws Exception {
        new JdbcOutageRepository(db).report("Kaunas", "fibre cut", T.minusSeconds(60), Optional.empty());
        for (int i = 0; i < 6; i++) queued(i, 1, Intent.TECHNICAL, i * 10);
        settle();
        assertThat(alerts).isEmpty();
    }

    /** A call of the log before a restart: its {@code calls} row as the ACD's projection leaves it. */
    void stored(int n, long customer, String intent, int second) {
        long at = T.plusSeconds(second).toEpochMilli();
        db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO calls (call_id, backend, customer_id, intent,"
                + " started_at, queued_at) VALUES ('s" + n + "', 'sim', " + customer + ", '" + intent + "', " + (at - 30_000)
                + ", " + at + ")"));
    }

    @Test
    void technicalCallsQueuedBeforeARestartStillCount() throws Exception {
        stored(1, 1, "technical", 0);
        stored(2, 2, "technical", 60);
        stored(3, 1, "sales", 90);
        stored(4, 1, "technical", 120);
        stored(5, 2, "technical", 180);
        stored(6, 1, "technical", -700);   // out of the 10 minutes before the next call
        queued(7, 1, Intent.TECHNICAL, 240); // the fifth within 10 min: 0, 60, 120, 180, 240
        settle();
        assertThat(alerts).singleElement().satisfies(a ->
                assertThat(a.text()).contains("5 technical calls from Kaunas in 10 min"));
    }

    @Test
    void aSuggestionMadeBeforeARestartIsNotRepeatedWithinTheHour() throws Exception {
        for (int i = 0; i < 5; i++) stored(i, 1, "technical", i * 60); // suggested at 240 s by the server that died
        queued(9, 2, Intent.TECHNICAL, 1_000);
        queued(10, 1, Intent.TECHNICAL, 1_010);
        queued(11, 1, Intent.TECHNICAL, 1_020);
        queued(12, 1, Intent.TECHNICAL, 1_030);
        queued(13, 2, Intent.TECHNICAL, 1_040); // five within 10 min again, but within the hour of the first
        settle();
        assertThat(alerts).isEmpty();
    }
}
