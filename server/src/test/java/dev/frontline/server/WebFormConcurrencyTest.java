package dev.frontline.server;

import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.store.Database;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20 item 3: web-form posts in parallel on one SQLite file. Before, 22 of 300 posts at 20 concurrent got 500
 * (SQLITE_BUSY: a deferred transaction that read and then wrote lost the race for the write lock), each leaving a
 * ticket without its note (name, phone) or callback.
 */
class WebFormConcurrencyTest {
    static final int POSTS = 300;
    static final int CONCURRENT = 20;

    @TempDir
    Path dir;

    @Test
    void threeHundredPostsAtTwentyConcurrentAllSucceedAndEveryTicketIsComplete() throws Exception {
        Path db = dir.resolve("form.db");
        postAndCheck("store:\n  url: jdbc:sqlite:" + db + "\n", () -> Database.sqlite(db));
    }

    /** 300 posts at 20 concurrent to a server on {@code storeYaml}; then {@code store} must hold every one whole. */
    static void postAndCheck(String storeYaml, java.util.function.Supplier<Database> store) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2026-03-02T10:00:00Z"))); // Monday: the desk is open
        FrontlineConfig config = FrontlineConfig.parse(storeYaml + "flows:\n  dir: ../ivr-flows\n"
                + "sim:\n  enabled: true\napi:\n  form-posts-per-hour: 10000\n  form-posts-per-phone: 10\n  threads-per-address: 64\n  form-posts-per-minute: 10000\n  form-pending-callbacks: 10000\n", "test", Map.of());
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> tickets = java.util.Collections.synchronizedList(new ArrayList<>());
        try (FrontlineServer server = FrontlineServer.start(config, FrontlineServer.Options.production().withPort(0),
                clock)) {
            DeskClient http = new DeskClient(server.port());
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < POSTS; i++) {
                String phone = "+3706" + (1000000 + i);
                posts.add(pool.submit(() -> {
                    DeskClient.Reply r = http.post("/api/callback-requests", null, "{\"name\":\"Ona " + phone
                            + "\",\"phone\":\"" + phone + "\",\"category\":\"technical\",\"text\":\"No internet\"}");
                    statuses.merge(r.status(), 1, Integer::sum);
                    if (r.status() == 201) {
                        tickets.add(r.json().get("ticketId").asText());
                    }
                }));
            }
            for (Future<?> f : posts) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }

        Map<String, Long> found = new java.util.LinkedHashMap<>();
        try (Database db = store.get()) {
            db.inTransaction(c -> {
                try (var st = c.createStatement()) {
                    found.put("tickets", count(st.executeQuery("SELECT COUNT(*) FROM tickets")));
                    found.put("without name and phone", count(st.executeQuery("SELECT COUNT(*) FROM tickets t WHERE"
                            + " NOT EXISTS (SELECT 1 FROM ticket_notes n WHERE n.ticket_id = t.id AND n.text LIKE"
                            + " 'Ona +3706%')")));
                    found.put("without a callback", count(st.executeQuery("SELECT COUNT(*) FROM tickets t WHERE"
                            + " NOT EXISTS (SELECT 1 FROM callbacks b WHERE b.note LIKE '%(ticket ' || t.id || ')%')")));
                    found.put("callbacks", count(st.executeQuery("SELECT COUNT(*) FROM callbacks")));
                }
                return null;
            });
        }
        System.out.println("web form posts by status: " + statuses + "; in the store: " + found);
        assertThat(statuses).as("answers by status").containsOnlyKeys(201);
        assertThat(found).as("what the store holds").containsExactly(Map.entry("tickets", (long) POSTS),
                Map.entry("without name and phone", 0L), Map.entry("without a callback", 0L),
                Map.entry("callbacks", (long) POSTS));
    }

    private static long count(ResultSet rs) throws java.sql.SQLException {
        try (rs) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
